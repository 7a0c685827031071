using System.Xml;
using System.Xml.Linq;

namespace Automation.Server.Features.Definitions;

/// <summary>An attribute whose value differs between two versions (null: absent in that version).</summary>
/// <param name="Name">Attribute name as written, e.g. <c>name</c> or <c>camunda:candidateGroups</c>.</param>
/// <param name="Before">Value in the older version.</param>
/// <param name="After">Value in the newer version.</param>
internal sealed record AttributeChange(string Name, string? Before, string? After);

/// <summary>A BPMN element added, removed or changed between two versions, matched by id.</summary>
/// <param name="Change">added, removed or changed.</param>
/// <param name="Id">Element id.</param>
/// <param name="Type">BPMN element type, e.g. <c>userTask</c>.</param>
/// <param name="Name">The element's name (the newer one when both have one).</param>
/// <param name="Attributes">Changed attributes (changed elements only).</param>
/// <param name="Content">Child parts without an id of their own whose content changed, e.g. <c>conditionExpression</c>.</param>
internal sealed record ElementChange(string Change, string Id, string Type, string? Name, IReadOnlyList<AttributeChange> Attributes,
    IReadOnlyList<string> Content);

/// <summary>
/// The semantic difference of two BPMN versions: every element of the BPMN model namespace that has an id is matched
/// by it. The diagram (BPMN DI) is left out, so moving a shape is no change; an element's own content is what it holds
/// without the id-carrying elements inside it, which are compared on their own (a changed task does not mark its
/// process changed). Linear in the size of the two files.
/// </summary>
internal static class BpmnChanges
{
    private static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The changes in document order (removed ones in the older file's order, after the others); null unless both are BPMN XML.</summary>
    public static IReadOnlyList<ElementChange>? Compare(string oldXml, string newXml)
    {
        if (Load(oldXml) is not { } before || Load(newXml) is not { } after) return null;
        var oldElements = Index(before);
        var newElements = Index(after);
        var changes = new List<ElementChange>();
        foreach (var (id, element) in newElements)
        {
            if (!oldElements.TryGetValue(id, out var old))
            {
                changes.Add(new ElementChange("added", id, element.Name.LocalName, Name(element), [], []));
                continue;
            }
            var attributes = AttributeChanges(old, element);
            var content = ContentChanges(old, element);
            if (attributes.Count > 0 || content.Count > 0 || old.Name != element.Name)
                changes.Add(new ElementChange("changed", id, element.Name.LocalName, Name(element) ?? Name(old), attributes, content));
        }
        foreach (var (id, element) in oldElements)
        {
            if (!newElements.ContainsKey(id)) changes.Add(new ElementChange("removed", id, element.Name.LocalName, Name(element), [], []));
        }
        return changes;
    }

    /// <summary>Stored versions passed the reader's limits when they were deployed; DTDs stay refused all the same.</summary>
    private static XDocument? Load(string text)
    {
        if (!text.TrimStart().StartsWith('<')) return null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
            });
            var document = XDocument.Load(reader);
            return document.Root?.Name == Model + "definitions" ? document : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>BPMN elements by id in document order; the first of a duplicate id counts, as in the engine.</summary>
    private static Dictionary<string, XElement> Index(XDocument document)
    {
        var byId = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in document.Descendants())
        {
            if (HasOwnId(element)) byId.TryAdd((string)element.Attribute("id")!, element);
        }
        return byId;
    }

    private static bool HasOwnId(XElement element) => element.Name.Namespace == Model && element.Attribute("id") is not null;

    private static string? Name(XElement element) => (string?)element.Attribute("name") is { Length: > 0 } name ? name : null;

    private static List<AttributeChange> AttributeChanges(XElement before, XElement after)
    {
        var old = Attributes(before);
        var changes = new List<AttributeChange>();
        foreach (var (name, (label, value)) in Attributes(after))
        {
            if (!old.Remove(name, out var was)) changes.Add(new AttributeChange(label, null, value));
            else if (!string.Equals(was.Value, value, StringComparison.Ordinal)) changes.Add(new AttributeChange(label, was.Value, value));
        }
        changes.AddRange(old.Values.Select(o => new AttributeChange(o.Label, o.Value, null)));
        return changes;
    }

    /// <summary>Attributes by expanded name (prefixes may differ between exporters), without namespace declarations.</summary>
    private static Dictionary<XName, (string Label, string Value)> Attributes(XElement element)
    {
        var result = new Dictionary<XName, (string, string)>();
        foreach (var a in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            var prefix = a.Name.Namespace == XNamespace.None ? null : element.GetPrefixOfNamespace(a.Name.Namespace);
            result[a.Name] = (prefix is null ? a.Name.LocalName : $"{prefix}:{a.Name.LocalName}", a.Value);
        }
        return result;
    }

    /// <summary>Names of the child parts (BPMN elements without an own id, text) whose serialized content differs.</summary>
    private static List<string> ContentChanges(XElement before, XElement after)
    {
        var old = Parts(before);
        var changes = new List<string>();
        foreach (var (name, texts) in Parts(after))
        {
            if (!old.Remove(name, out var was) || !was.SequenceEqual(texts, StringComparer.Ordinal)) changes.Add(name);
        }
        changes.AddRange(old.Keys);
        return changes;
    }

    private static Dictionary<string, List<string>> Parts(XElement element)
    {
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in element.Nodes())
        {
            var (name, text) = node switch
            {
                // Elements with an id are compared on their own; other namespaces at this level are the diagram (BPMN DI).
                XElement e when HasOwnId(e) || e.Name.Namespace != Model => (null, null),
                XElement e => (e.Name.LocalName, e.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces)),
                XText t when !string.IsNullOrWhiteSpace(t.Value) => ("Text", t.Value.Trim()),
                _ => (null, null),
            };
            if (name is null) continue;
            if (!parts.TryGetValue(name, out var list)) parts[name] = list = [];
            list.Add(text!);
        }
        return parts;
    }
}

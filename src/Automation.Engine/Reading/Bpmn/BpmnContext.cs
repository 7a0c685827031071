using System.Xml;
using System.Xml.Linq;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>State shared while mapping one BPMN document: where diagnostics go and the root-level lookup tables.</summary>
internal sealed class BpmnContext(string? fileName, ReaderLimits limits, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, XElement> rootElements = new(StringComparer.Ordinal);

    public string? FileName { get; } = fileName;

    public ReaderLimits Limits { get; } = limits;

    public List<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>Remembers a root-level element (message, signal, error, resource, event definition) by id.</summary>
    public void AddRootElement(XElement element)
    {
        if (Attr(element, "id") is { } id) rootElements.TryAdd(id, element);
    }

    /// <summary>A root-level BPMN element by id. References are QNames, so a prefixed reference also finds its local part.</summary>
    public XElement? RootElement(string? id)
    {
        var key = NonBlank(id);
        if (key is null) return null;
        if (rootElements.TryGetValue(key, out var e)) return e;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && rootElements.TryGetValue(key[(colon + 1)..], out e) ? e : null;
    }

    /// <summary>A root-level BPMN element of the given type by id.</summary>
    public XElement? RootElement(string? id, string localName) => RootElement(id) is { } e && e.Name == BpmnNames.Model + localName ? e : null;

    /// <summary>The name of the message a messageRef points to.</summary>
    public string? MessageName(string? messageRef) => Attr(RootElement(messageRef, "message"), "name");

    /// <summary>The name of the signal a signalRef points to.</summary>
    public string? SignalName(string? signalRef) => Attr(RootElement(signalRef, "signal"), "name");

    /// <summary>The errorCode of the error an errorRef points to.</summary>
    public string? ErrorCode(string? errorRef) => Attr(RootElement(errorRef, "error"), "errorCode");

    /// <summary>The escalationCode of the escalation an escalationRef points to.</summary>
    public string? EscalationCode(string? escalationRef) => Attr(RootElement(escalationRef, "escalation"), "escalationCode");

    /// <summary>The name of a resource (a role), else its id.</summary>
    public string? ResourceName(string? resourceRef) =>
        RootElement(resourceRef, "resource") is { } r ? Attr(r, "name") ?? Attr(r, "id") : null;

    /// <summary>The Zeebe subscription correlation key declared on a message, FEEL '=' removed.</summary>
    public string? MessageCorrelationKey(string? messageRef) =>
        RootElement(messageRef, "message") is { } m
            ? ExpressionText.StripFeel((string?)BpmnNames.ZeebeExtensions(m, "subscription").FirstOrDefault()?.Attribute("correlationKey"))
            : null;

    /// <summary>Start of the element's tag (XDocument reports the name, one column after the '&lt;').</summary>
    public static SourcePosition? PositionOf(XElement? element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? new SourcePosition(info.LineNumber, Math.Max(1, info.LinePosition - 1)) : null;

    /// <summary>A trimmed attribute value, null when absent or blank.</summary>
    public static string? Attr(XElement? element, string name) => NonBlank((string?)element?.Attribute(name));

    /// <summary>
    /// A reference attribute (a QName such as <c>attachedToRef="tns:T"</c>): a prefix bound to the file's own target
    /// namespace is dropped, so the reference finds the element with id <c>T</c>. Other prefixes stay (and then name
    /// an element of another file, which the checks report).
    /// </summary>
    public static string? Ref(XElement? element, string name) => LocalRef(element, Attr(element, name));

    /// <summary>A QName reference read from <paramref name="scope"/>'s text or attribute, resolved as in <see cref="Ref"/>.</summary>
    public static string? LocalRef(XElement? scope, string? reference)
    {
        if (scope is null || reference is null) return reference;
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return reference;
        var bound = scope.GetNamespaceOfPrefix(reference[..colon]);
        var target = (string?)scope.Document?.Root?.Attribute("targetNamespace");
        return bound is not null && target is not null && bound.NamespaceName == target ? reference[(colon + 1)..] : reference;
    }

    /// <summary>Trimmed text, null when blank.</summary>
    public static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public void Error(string code, string message, XElement? element, string? elementId = null, IReadOnlyList<string>? arguments = null) =>
        Diagnostics.Add(Diagnostic.Error(code, message, elementId ?? Attr(element, "id"), PositionOf(element), FileName) with { Arguments = arguments ?? [] });

    public void Warning(string code, string message, XElement? element, string? elementId = null, IReadOnlyList<string>? arguments = null) =>
        Diagnostics.Add(Diagnostic.Warning(code, message, elementId ?? Attr(element, "id"), PositionOf(element), FileName) with { Arguments = arguments ?? [] });

    /// <summary>Reports an element or feature the engine does not execute: "unsupported: …".</summary>
    public void Unsupported(XElement element, string what, string? elementId = null) =>
        Error(DiagnosticCodes.UnsupportedElement, "unsupported: " + what, element, elementId);
}

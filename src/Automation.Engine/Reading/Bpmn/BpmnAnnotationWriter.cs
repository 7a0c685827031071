using System.Xml;
using System.Xml.Linq;
using Automation.Engine.Model;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>What a process owner decided about one step of a model from another tool.</summary>
/// <param name="ElementId">The task's element id.</param>
/// <param name="Actor">Who does the step: <see cref="ActorKind.Human"/>, <see cref="ActorKind.Automated"/> or <see cref="ActorKind.AiAssisted"/>.</param>
/// <param name="Role">Role (candidate group) to add, if any.</param>
/// <param name="Effort">Standard activity and complexity of the Zeitwerttabelle to add as <c>am:effort</c>, if any.</param>
public sealed record StepDecision(string ElementId, ActorKind Actor, string? Role, (int Activity, Complexity Complexity)? Effort);

/// <summary>
/// Writes decisions into BPMN as the <c>am:</c> attributes the reader understands (<see cref="ProductAnnotations"/>), so the
/// decided model reads, validates and publishes like one annotated in the modeler. Where the element type contradicts the
/// decision it is changed too: the reader takes a service, script, send or business-rule task as software whatever its
/// annotation, so a step done by a person becomes a user task, and a user or manual task done by software a service task.
/// </summary>
public static class BpmnAnnotationWriter
{
    private static readonly HashSet<string> Tasks = new(StringComparer.Ordinal)
        { "task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "businessRuleTask" };

    /// <summary>Applies the decisions to a BPMN document and returns its new text.</summary>
    /// <exception cref="ArgumentException">An element id names no task of the document, or an actor is not a step's actor.</exception>
    /// <exception cref="XmlException">The text is not well-formed XML (or declares a DTD).</exception>
    public static string Apply(string source, IReadOnlyList<StepDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(decisions);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 1024 };
        XDocument document;
        using (var reader = XmlReader.Create(new StringReader(source), settings)) document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        var root = document.Root ?? throw new XmlException("The document has no root element.");
        var tasks = root.Descendants().Where(e => e.Name.Namespace == BpmnNames.Model && Tasks.Contains(e.Name.LocalName))
            .GroupBy(e => (string?)e.Attribute("id") ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (root.Attributes().All(a => !a.IsNamespaceDeclaration || a.Value != BpmnNames.Product.NamespaceName))
        {
            var prefix = "am";
            for (var i = 1; root.GetNamespaceOfPrefix(prefix) is not null; i++) prefix = "am" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            root.SetAttributeValue(XNamespace.Xmlns + prefix, BpmnNames.Product.NamespaceName);
        }
        foreach (var decision in decisions)
        {
            if (!tasks.TryGetValue(decision.ElementId, out var task)) throw new ArgumentException($"No task with id {decision.ElementId}.", nameof(decisions));
            Apply(task, decision);
        }
        var text = document.Root!.ToString(SaveOptions.DisableFormatting);
        return document.Declaration is { } declaration ? declaration + "\n" + text : text;
    }

    private static void Apply(XElement task, StepDecision decision)
    {
        var ns = task.Name.Namespace;
        switch (decision.Actor)
        {
            case ActorKind.Human:
                if (task.Name.LocalName is "serviceTask" or "scriptTask" or "sendTask" or "businessRuleTask")
                {
                    // The script is not run any more once a person does the step; keeping it would suggest otherwise.
                    task.Elements(ns + "script").Remove();
                    task.Name = ns + "userTask";
                }
                task.SetAttributeValue(BpmnNames.Product + "level", "manual");
                break;
            case ActorKind.Automated:
                if (task.Name.LocalName is "userTask" or "manualTask") task.Name = ns + "serviceTask";
                task.SetAttributeValue(BpmnNames.Product + "level", "automated");
                break;
            case ActorKind.AiAssisted:
                task.SetAttributeValue(BpmnNames.Product + "level", "assistive");
                task.SetAttributeValue(BpmnNames.Product + "ai", "true");
                break;
            default:
                throw new ArgumentException($"{decision.Actor} is not an actor of a step.", nameof(decision));
        }
        if (!string.IsNullOrWhiteSpace(decision.Role)) task.SetAttributeValue(BpmnNames.Product + "role", decision.Role.Trim());
        if (decision.Effort is { } effort)
        {
            task.SetAttributeValue(BpmnNames.Product + "activity", effort.Activity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            task.SetAttributeValue(BpmnNames.Product + "complexity", effort.Complexity.ToString().ToLowerInvariant());
        }
    }
}

using System.Xml.Linq;
using Automation.Engine.Model;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>Reads the Camunda 7 (also Activiti, Flowable) and Camunda 8 (Zeebe) extensions the engine uses.</summary>
internal static class VendorExtensions
{
    private static readonly Dictionary<string, string> NoParameters = new(StringComparer.Ordinal);

    /// <summary>Candidate groups from <c>camunda:candidateGroups</c> and <c>zeebe:assignmentDefinition</c>.</summary>
    public static IEnumerable<string> CandidateGroups(XElement node)
    {
        var camunda = BpmnNames.CamundaAttribute(node, "candidateGroups");
        var zeebe = BpmnNames.ZeebeExtensions(node, "assignmentDefinition").Select(e => (string?)e.Attribute("candidateGroups"));
        return new[] { camunda }.Concat(zeebe).SelectMany(SplitList);
    }

    /// <summary>A fixed assignee from <c>camunda:assignee</c> or <c>zeebe:assignmentDefinition</c>, as written.</summary>
    public static string? Assignee(XElement node) =>
        BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "assignee"))
        ?? BpmnNames.ZeebeExtensions(node, "assignmentDefinition").Select(e => BpmnContext.Attr(e, "assignee")).FirstOrDefault(a => a is not null);

    /// <summary>
    /// The action an automated step is bound to: Zeebe's task type, else Camunda's external topic, else a Camunda
    /// class, delegate expression or expression. Literal Camunda fields and Zeebe task headers become parameters.
    /// </summary>
    public static ServiceBinding? Service(XElement node)
    {
        if (BpmnNames.ZeebeExtensions(node, "taskDefinition").Select(e => BpmnContext.Attr(e, "type")).FirstOrDefault(t => t is not null) is { } type)
        {
            var headers = BpmnNames.ZeebeExtensions(node, "taskHeaders").Elements(BpmnNames.Zeebe + "header")
                .Select(h => (Key: BpmnContext.Attr(h, "key"), Value: (string?)h.Attribute("value") ?? ""))
                .Where(h => h.Key is not null)
                .DistinctBy(h => h.Key)
                .ToDictionary(h => h.Key!, h => h.Value, StringComparer.Ordinal);
            return new ServiceBinding(type, headers);
        }
        var topic = string.Equals(BpmnNames.CamundaAttribute(node, "type"), "external", StringComparison.OrdinalIgnoreCase)
            ? BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "topic"))
            : null;
        var action = topic
            ?? BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "class"))
            ?? BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "delegateExpression"))
            ?? BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "expression"));
        return action is null ? null : new ServiceBinding(action, CamundaLiteralFields(node));
    }

    /// <summary>Camunda field injections with a literal value (expressions are left to the action).</summary>
    private static Dictionary<string, string> CamundaLiteralFields(XElement node)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in BpmnNames.CamundaExtensions(node, "field"))
        {
            var value = (string?)field.Attribute("stringValue")
                ?? field.Elements().FirstOrDefault(e => e.Name.LocalName == "string" && BpmnNames.IsCamunda(e.Name.Namespace))?.Value.Trim();
            if (BpmnContext.Attr(field, "name") is { } name && value is not null) fields.TryAdd(name, value);
        }
        return fields.Count == 0 ? NoParameters : fields;
    }

    /// <summary>The due date of a user task from <c>camunda:dueDate</c> or <c>zeebe:taskSchedule dueDate</c>, as written.</summary>
    public static string? DueDate(XElement node) =>
        BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "dueDate"))
        ?? BpmnNames.ZeebeExtensions(node, "taskSchedule").Select(e => BpmnContext.Attr(e, "dueDate")).FirstOrDefault(d => d is not null);

    /// <summary>Form fields of <c>camunda:formData</c>.</summary>
    public static IEnumerable<FormField> CamundaFormFields(XElement node) =>
        BpmnNames.CamundaExtensions(node, "formData").Elements().Where(e => e.Name.LocalName == "formField")
            .Select(f => (Field: f, Id: BpmnContext.Attr(f, "id")))
            .Where(f => f.Id is not null)
            .Select(f => new FormField(f.Id!, BpmnContext.Attr(f.Field, "label") ?? f.Id!, BpmnContext.Attr(f.Field, "type") ?? "string",
                f.Field.Elements().Where(e => e.Name.LocalName == "validation").Elements()
                    .Any(c => c.Name.LocalName == "constraint" && string.Equals(BpmnContext.Attr(c, "name"), "required", StringComparison.Ordinal)),
                [.. f.Field.Elements().Where(e => e.Name.LocalName == "value").Select(v => BpmnContext.Attr(v, "id")).OfType<string>()]));

    /// <summary>The called process id: <c>calledElement</c>, else <c>zeebe:calledElement processId</c>.</summary>
    public static string? CalledProcessId(XElement node) =>
        BpmnContext.Ref(node, "calledElement")
        ?? BpmnNames.ZeebeExtensions(node, "calledElement").Select(e => BpmnContext.Attr(e, "processId")).FirstOrDefault(p => p is not null);

    /// <summary>Input (<paramref name="camundaName"/> "in") or output ("out") mappings of a call activity.</summary>
    public static List<VariableMapping> Mappings(XElement node, string camundaName, string zeebeName)
    {
        var camunda = BpmnNames.CamundaExtensions(node, camundaName)
            .Select(e => (Source: ExpressionText.Normalise((string?)e.Attribute("source") ?? (string?)e.Attribute("sourceExpression")),
                Target: BpmnContext.Attr(e, "target")));
        var zeebe = BpmnNames.ZeebeExtensions(node, "ioMapping").Elements(BpmnNames.Zeebe + zeebeName)
            .Select(e => (Source: ExpressionText.StripFeel((string?)e.Attribute("source")), Target: BpmnContext.Attr(e, "target")));
        // Entries without source or target (camunda:in variables="all", businessKey) mean "copy everything", the default.
        return [.. camunda.Concat(zeebe).Where(m => m.Source is not null && m.Target is not null).Select(m => new VariableMapping(m.Source!, m.Target!))];
    }

    /// <summary>
    /// Input or output parameters of an activity: <c>camunda:inputOutput</c> (text with <c>${…}</c> is JUEL, other text a
    /// literal; nested script, list or map values are not read) and <c>zeebe:ioMapping</c> (a source with a leading
    /// <c>=</c> is FEEL, else a literal).
    /// </summary>
    public static List<IoParameter> IoParameters(XElement node, bool input)
    {
        var result = new List<IoParameter>();
        foreach (var p in BpmnNames.CamundaExtensions(node, "inputOutput").Elements().Where(e => e.Name.LocalName == (input ? "inputParameter" : "outputParameter")))
        {
            if (BpmnContext.Attr(p, "name") is not { } name || p.HasElements) continue;
            var text = p.Value.Trim();
            result.Add(text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal)
                ? new IoParameter(name, new DeclaredExpression(text, ExpressionLanguage.Juel), null)
                : new IoParameter(name, null, text.Length == 0 ? null : text));
        }
        foreach (var m in BpmnNames.ZeebeExtensions(node, "ioMapping").Elements(BpmnNames.Zeebe + (input ? "input" : "output")))
        {
            if (BpmnContext.Attr(m, "target") is not { } target) continue;
            var source = ((string?)m.Attribute("source"))?.Trim() ?? "";
            result.Add(source.StartsWith('=')
                ? new IoParameter(target, ExpressionText.StripFeel(source) is { } feel ? new DeclaredExpression(feel, ExpressionLanguage.Feel) : null, null)
                : new IoParameter(target, null, source.Length == 0 ? null : source));
        }
        return result;
    }

    /// <summary>The entries of a comma-separated list.</summary>
    public static IEnumerable<string> SplitList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

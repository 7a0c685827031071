using System.Globalization;
using Automation.Engine.Decisions;
using System.Xml.Linq;
using Automation.Engine.Model;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>Reads the Camunda 7 (also Activiti, Flowable) and Camunda 8 (Zeebe) extensions the engine uses.</summary>
internal static class VendorExtensions
{
    private static readonly Dictionary<string, string> NoParameters = new(StringComparer.Ordinal);

    /// <summary>Candidate groups from <c>camunda:candidateGroups</c> and <c>zeebe:assignmentDefinition</c>.</summary>
    public static IEnumerable<string> CandidateGroups(XElement node) => CandidateGroupTexts(node).SelectMany(SplitList);

    /// <summary>The candidate group attributes as written, one per vendor.</summary>
    public static IEnumerable<string> CandidateGroupTexts(XElement node) =>
        new[] { BpmnNames.CamundaAttribute(node, "candidateGroups") }
            .Concat(BpmnNames.ZeebeExtensions(node, "assignmentDefinition").Select(e => (string?)e.Attribute("candidateGroups"))).OfType<string>();

    /// <summary>
    /// Candidate users from <c>camunda:candidateUsers</c> and <c>zeebe:assignmentDefinition candidateUsers</c>; a FEEL
    /// expression (<c>=["anna", "bert"]</c>) is one entry, its commas are its own.
    /// </summary>
    public static IEnumerable<string> CandidateUsers(XElement node)
    {
        var camunda = BpmnNames.CamundaAttribute(node, "candidateUsers");
        var zeebe = BpmnNames.ZeebeExtensions(node, "assignmentDefinition").Select(e => (string?)e.Attribute("candidateUsers"));
        return new[] { camunda }.Concat(zeebe)
            .SelectMany(t => t?.TrimStart().StartsWith('=') == true ? [t.Trim()] : SplitList(t)).Distinct(StringComparer.Ordinal);
    }

    /// <summary>Whether a Camunda boolean attribute (<c>camunda:asyncBefore</c>, …) is <c>true</c>.</summary>
    public static bool Flag(XElement node, string name) =>
        string.Equals(BpmnNames.CamundaAttribute(node, name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A fixed assignee from <c>camunda:assignee</c> or <c>zeebe:assignmentDefinition</c>, as written.</summary>
    public static string? Assignee(XElement node) =>
        BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "assignee"))
        ?? BpmnNames.ZeebeExtensions(node, "assignmentDefinition").Select(e => BpmnContext.Attr(e, "assignee")).FirstOrDefault(a => a is not null);

    /// <summary>
    /// The action an automated step is bound to: Camunda's external topic, else Zeebe's task type, else, for a Java
    /// delegate (class, delegate expression or expression), the topic <see cref="JavaDelegates"/> suggests for it, so the
    /// step waits as an external task until a worker serves it (the reader warns). Literal Camunda fields and Zeebe task
    /// headers become parameters.
    /// </summary>
    public static ServiceBinding? Service(XElement node)
    {
        // A file for both platforms (Camunda Web Modeler) names a Camunda 7 topic and a Zeebe type: the explicit external
        // topic wins, as the server speaks Camunda 7's external-task protocol.
        var topic = string.Equals(BpmnNames.CamundaAttribute(node, "type"), "external", StringComparison.OrdinalIgnoreCase)
            ? BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "topic"))
            : null;
        if (topic is not null) return new ServiceBinding(topic, CamundaLiteralFields(node));
        if (BpmnNames.ZeebeExtensions(node, "taskDefinition").Select(e => BpmnContext.Attr(e, "type")).FirstOrDefault(t => t is not null) is { } type)
        {
            var headers = BpmnNames.ZeebeExtensions(node, "taskHeaders").Elements(BpmnNames.Zeebe + "header")
                .Select(h => (Key: BpmnContext.Attr(h, "key"), Value: (string?)h.Attribute("value") ?? ""))
                .Where(h => h.Key is not null)
                .DistinctBy(h => h.Key)
                .ToDictionary(h => h.Key!, h => h.Value, StringComparer.Ordinal);
            return new ServiceBinding(type, headers);
        }
        var action = JavaDelegates.Of(node) is { } java ? JavaDelegates.SuggestTopic(java) : null;
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

    /// <summary>
    /// The decision a business rule task calls: <c>camunda:decisionRef</c> with its binding, version, result variable and
    /// mapping, else <c>zeebe:calledDecision</c> (result: the decision's output). A key written as an expression (<c>${…}</c>,
    /// <c>=…</c>) is evaluated when the task runs. Null when it names none.
    /// </summary>
    public static DecisionReference? Decision(XElement node)
    {
        if (BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "decisionRef")) is { } key)
        {
            var binding = BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "decisionRefBinding"))?.ToLowerInvariant() switch
            {
                "deployment" => DecisionBinding.Deployment,
                "version" => DecisionBinding.Version,
                _ => DecisionBinding.Latest,
            };
            var versionText = BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "decisionRefVersion"));
            int? version = int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
            var mapping = BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "mapDecisionResult")) switch
            {
                "singleEntry" => DecisionResultMapping.SingleEntry,
                "singleResult" => DecisionResultMapping.SingleResult,
                "collectEntries" => DecisionResultMapping.CollectEntries,
                _ => DecisionResultMapping.ResultList,
            };
            return new DecisionReference(key.Trim(), binding, version, versionText, BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "resultVariable")), mapping)
                { KeyExpression = EventDefinitions.Marked(key.Trim()) };
        }
        var called = BpmnNames.ZeebeExtensions(node, "calledDecision").FirstOrDefault();
        return BpmnContext.NonBlank(BpmnContext.Attr(called, "decisionId")) is { } id
            ? new DecisionReference(id.Trim(), DecisionBinding.Latest, null, null, BpmnContext.NonBlank(BpmnContext.Attr(called, "resultVariable")),
                DecisionResultMapping.DecisionOutput) { KeyExpression = EventDefinitions.Marked(id.Trim()) }
            : null;
    }

    /// <summary>The due date of a user task from <c>camunda:dueDate</c> or <c>zeebe:taskSchedule dueDate</c>, as written.</summary>
    public static string? DueDate(XElement node) =>
        BpmnContext.NonBlank(BpmnNames.CamundaAttribute(node, "dueDate"))
        ?? BpmnNames.ZeebeExtensions(node, "taskSchedule").Select(e => BpmnContext.Attr(e, "dueDate")).FirstOrDefault(d => d is not null);

    /// <summary>
    /// Form fields of <c>camunda:formData</c> with their default value and the built-in constraints (required, minlength,
    /// maxlength, min, max, readonly); a constraint whose value is no number is reported by <see cref="CamundaChecks"/>.
    /// </summary>
    public static IEnumerable<FormField> CamundaFormFields(XElement node)
    {
        foreach (var field in BpmnNames.CamundaExtensions(node, "formData").Elements().Where(e => e.Name.LocalName == "formField"))
        {
            if (BpmnContext.Attr(field, "id") is not { } id) continue;
            var constraints = FormConstraints(field).ToLookup(c => c.Name, c => c.Config, StringComparer.Ordinal);
            yield return new FormField(id, BpmnContext.Attr(field, "label") ?? id, BpmnContext.Attr(field, "type") ?? "string",
                constraints.Contains("required"),
                [.. field.Elements().Where(e => e.Name.LocalName == "value").Select(v => BpmnContext.Attr(v, "id")).OfType<string>()])
            {
                DefaultValue = (string?)field.Attribute("defaultValue"),
                MinLength = (int?)Number(constraints["minlength"].FirstOrDefault()),
                MaxLength = (int?)Number(constraints["maxlength"].FirstOrDefault()),
                Min = Number(constraints["min"].FirstOrDefault()),
                Max = Number(constraints["max"].FirstOrDefault()),
                ReadOnly = constraints.Contains("readonly"),
            };
        }
    }

    /// <summary>The <c>camunda:constraint</c>s of a form field: name and config as written.</summary>
    public static IEnumerable<(string Name, string? Config)> FormConstraints(XElement field) =>
        field.Elements().Where(e => e.Name.LocalName == "validation").Elements().Where(c => c.Name.LocalName == "constraint")
            .Select(c => (Name: BpmnContext.Attr(c, "name"), Config: BpmnContext.Attr(c, "config")))
            .Where(c => c.Name is not null)
            .Select(c => (c.Name!, c.Config));

    /// <summary>A constraint's number (invariant notation), null when absent or not a finite number.</summary>
    public static double? Number(string? config) =>
        config is not null && double.TryParse(config, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
        && double.IsFinite(d) && Math.Abs(d) < int.MaxValue ? d : null;

    /// <summary>
    /// The called process id: <c>calledElement</c>, else <c>zeebe:calledElement processId</c>; one written as an expression
    /// (<c>${…}</c>, <c>=…</c>) comes with it as written and is evaluated when the call activity starts.
    /// </summary>
    public static (string? Id, DeclaredExpression? Expression) CalledProcess(XElement node)
    {
        var written = BpmnContext.Attr(node, "calledElement")
            ?? BpmnNames.ZeebeExtensions(node, "calledElement").Select(e => BpmnContext.Attr(e, "processId")).FirstOrDefault(p => p is not null);
        if (written is null) return (null, null);
        // Marked before the QName resolution: an expression's colon (a ? b : c) is no namespace prefix.
        return EventDefinitions.Marked(written.Trim()) is { } expression ? (written.Trim(), expression) : (BpmnContext.LocalRef(node, written), null);
    }

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
    /// literal; nested <c>camunda:list</c> and <c>camunda:map</c> values, and inline JavaScript <c>camunda:script</c>; a value
    /// that cannot be read, such as a Groovy script, leaves the parameter out and <see cref="CamundaChecks"/> warns) and
    /// <c>zeebe:ioMapping</c> (a source with a leading <c>=</c> is FEEL, else a literal).
    /// </summary>
    public static List<IoParameter> IoParameters(XElement node, bool input)
    {
        var result = new List<IoParameter>();
        foreach (var p in BpmnNames.CamundaExtensions(node, "inputOutput").Elements().Where(e => e.Name.LocalName == (input ? "inputParameter" : "outputParameter")))
        {
            if (BpmnContext.Attr(p, "name") is { } name && CamundaValue(name, p, 0) is { } parameter) result.Add(parameter);
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

    /// <summary>Names of the element's Camunda parameters whose value <see cref="IoParameters"/> leaves out.</summary>
    public static IEnumerable<string> UnreadableParameters(XElement node) =>
        BpmnNames.CamundaExtensions(node, "inputOutput").Elements()
            .Where(e => e.Name.LocalName is "inputParameter" or "outputParameter")
            .Select(p => (Name: BpmnContext.Attr(p, "name"), Parameter: p))
            .Where(p => p.Name is not null && CamundaValue(p.Name, p.Parameter, 0) is null)
            .Select(p => p.Name!);

    /// <summary>The deepest nesting of lists and maps read; deeper values are left out (the reader's depth limit comes first).</summary>
    private const int MaxValueDepth = 16;

    /// <summary>
    /// A Camunda parameter value or list item: text (JUEL or literal), <c>camunda:list</c>, <c>camunda:map</c>, or inline
    /// JavaScript <c>camunda:script</c>; null for a value that cannot be read here.
    /// </summary>
    private static IoParameter? CamundaValue(string name, XElement holder, int depth)
    {
        if (!holder.HasElements) return TextValue(name, holder.Value.Trim());
        var value = holder.Elements().FirstOrDefault(e => BpmnNames.IsCamunda(e.Name.Namespace));
        if (value is null || depth >= MaxValueDepth) return null;
        switch (value.Name.LocalName)
        {
            case "list":
                var items = new List<IoParameter>();
                foreach (var item in value.Elements().Where(e => e.Name.LocalName == "value" || BpmnNames.IsCamunda(e.Name.Namespace)))
                {
                    // A list item is a camunda:value (text), or a nested list, map or script.
                    var read = item.Name.LocalName == "value" ? CamundaValue(name, item, depth + 1) : CamundaValue(name, new XElement("item", item), depth + 1);
                    if (read is null) return null;
                    items.Add(read);
                }
                return new IoParameter(name, null, null) { List = items };
            case "map":
                var entries = new List<IoParameter>();
                foreach (var entry in value.Elements().Where(e => e.Name.LocalName == "entry"))
                {
                    if (BpmnContext.Attr(entry, "key") is not { } key) continue;
                    if (CamundaValue(key, entry, depth + 1) is not { } read) return null;
                    entries.Add(read);
                }
                return new IoParameter(name, null, null) { Map = entries };
            case "script" when IsInlineJavaScript(value):
                return BpmnContext.NonBlank(value.Value) is { } source
                    ? new IoParameter(name, new DeclaredExpression(source, ExpressionLanguage.JavaScript), null)
                    : new IoParameter(name, null, null);
            default:
                return null;
        }
    }

    private static IoParameter TextValue(string name, string text) =>
        text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal)
            ? new IoParameter(name, new DeclaredExpression(text, ExpressionLanguage.Juel), null)
            : new IoParameter(name, null, text.Length == 0 ? null : text);

    /// <summary>Whether a <c>camunda:script</c> is inline JavaScript (no external resource).</summary>
    public static bool IsInlineJavaScript(XElement script) =>
        BpmnContext.Attr(script, "resource") is null
        && BpmnContext.Attr(script, "scriptFormat")?.ToLowerInvariant() is "javascript" or "js" or "ecmascript" or "text/javascript" or "application/javascript";

    /// <summary>The entries of a comma-separated list.</summary>
    public static IEnumerable<string> SplitList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

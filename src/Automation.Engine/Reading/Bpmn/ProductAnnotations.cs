using System.Globalization;
using System.Xml.Linq;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>What the product's <c>am:</c> namespace says about one flow node.</summary>
internal sealed class ProductAnnotations
{
    private static readonly string[] EffortKeys = ["activity", "complexity", "payLevel", "occupation", "minutes"];
    private static readonly string[] FootprintKeys = ["printedPages", "letters", "citizenTrips"];
    private static readonly string[] AutomationKeys = ["level", "ai", "candidate", "inferences", "cpuSeconds"];
    private static readonly string[] FieldKeys = ["id", "label", "type", "required", "options"];
    private static readonly string[] FieldTypes = ["string", "long", "double", "boolean", "date", "email", "enum", "file"];

    private readonly BpmnContext context;
    private readonly string nodeId;

    private ProductAnnotations(BpmnContext context, string nodeId)
    {
        this.context = context;
        this.nodeId = nodeId;
    }

    public EffortAnnotation? Effort { get; private set; }

    public FootprintAnnotation? Footprint { get; private set; }

    public AutomationAnnotation? Automation { get; private set; }

    public List<string> Roles { get; } = [];

    public List<FormField> Fields { get; } = [];

    public ServiceBinding? Action { get; private set; }

    public string? CorrelationKey { get; private set; }

    /// <summary>The <c>am:deadline</c> text as written (a duration or a date; checked by the validator).</summary>
    public string? Deadline { get; private set; }

    public string? EscalationRole { get; private set; }

    /// <summary>
    /// Reads <c>am:</c> elements from the node's extensionElements and <c>am:</c> attributes on the node itself
    /// (an element's attribute wins over the same attribute on the node). Unknown names and values become
    /// <c>invalid-annotation</c> errors.
    /// </summary>
    public static ProductAnnotations Read(XElement node, string nodeId, BpmnContext context)
    {
        var result = new ProductAnnotations(context, nodeId);
        var groups = new Dictionary<string, (XElement Where, Dictionary<string, string> Values)>(StringComparer.Ordinal);
        foreach (var e in BpmnNames.Extensions(node).Where(e => e.Name.Namespace == BpmnNames.Product))
            result.ReadElement(e, groups);
        foreach (var a in node.Attributes().Where(a => a.Name.Namespace == BpmnNames.Product))
            result.ReadNodeAttribute(node, a, groups);
        foreach (var (name, (where, values)) in groups)
        {
            switch (name)
            {
                case "effort": result.Effort = result.ParseEffort(where, values); break;
                case "footprint": result.Footprint = result.ParseFootprint(where, values); break;
                default: result.Automation = result.ParseAutomation(where, values); break;
            }
        }
        return result;
    }

    private void ReadElement(XElement e, Dictionary<string, (XElement, Dictionary<string, string>)> groups)
    {
        var name = e.Name.LocalName;
        switch (name)
        {
            case "effort" or "footprint" or "automation":
                if (groups.ContainsKey(name)) Invalid(e, $"am:{name} is given more than once");
                else groups[name] = (e, Values(e, name, name switch { "effort" => EffortKeys, "footprint" => FootprintKeys, _ => AutomationKeys }));
                break;
            case "role":
                if (Required(e, "role", "name") is { } role) AddRoles(role);
                break;
            case "field":
                if (ParseField(e) is { } field) Fields.Add(field);
                break;
            case "action":
                if (Required(e, "action", "name") is { } action)
                {
                    var parameters = ProductAttributes(e).Where(a => a.Name.LocalName != "name")
                        .ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal);
                    Action = new ServiceBinding(action, parameters);
                }
                break;
            case "correlation":
                CorrelationKey = Required(e, "correlation", "key");
                break;
            default:
                Invalid(e, $"unknown annotation am:{name}");
                break;
        }
    }

    private void ReadNodeAttribute(XElement node, XAttribute a, Dictionary<string, (XElement Where, Dictionary<string, string> Values)> groups)
    {
        var key = a.Name.LocalName;
        var group = EffortKeys.Contains(key) ? "effort" : FootprintKeys.Contains(key) ? "footprint" : AutomationKeys.Contains(key) ? "automation" : null;
        if (group is not null)
        {
            if (!groups.TryGetValue(group, out var entry))
            {
                entry = (node, new Dictionary<string, string>(StringComparer.Ordinal));
                groups[group] = entry;
            }
            entry.Values.TryAdd(key, a.Value);
            return;
        }
        var value = BpmnContext.NonBlank(a.Value);
        switch (key)
        {
            case "role" when value is not null: AddRoles(value); break;
            case "action" when value is not null: Action ??= new ServiceBinding(value, new Dictionary<string, string>()); break;
            case "correlation" when value is not null: CorrelationKey ??= value; break;
            case "deadline" when value is not null: Deadline = value; break;
            case "escalateTo" when value is not null: EscalationRole = value; break;
            case "role" or "action" or "correlation" or "deadline" or "escalateTo": Invalid(node, $"am:{key} is empty"); break;
            default: Invalid(node, $"unknown annotation attribute am:{key}"); break;
        }
    }

    private void AddRoles(string commaSeparated) =>
        Roles.AddRange(commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Attributes of an am: element with known keys; unknown keys are reported.</summary>
    private Dictionary<string, string> Values(XElement e, string annotation, string[] keys)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in ProductAttributes(e))
        {
            if (keys.Contains(a.Name.LocalName)) values[a.Name.LocalName] = a.Value;
            else Invalid(e, $"unknown attribute {a.Name.LocalName} on am:{annotation}");
        }
        return values;
    }

    /// <summary>An annotation element's own attributes (unqualified ones, or in the product namespace).</summary>
    private static IEnumerable<XAttribute> ProductAttributes(XElement e) =>
        e.Attributes().Where(a => !a.IsNamespaceDeclaration && (a.Name.Namespace == XNamespace.None || a.Name.Namespace == BpmnNames.Product));

    private EffortAnnotation ParseEffort(XElement where, Dictionary<string, string> v)
    {
        int? activity = null;
        if (v.TryGetValue("activity", out var a))
        {
            if (int.TryParse(a.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 17) activity = n;
            else Invalid(where, $"invalid am:effort activity \"{a}\" (expected a standard activity number 1 to 17)");
        }
        Complexity? complexity = null;
        if (v.TryGetValue("complexity", out var c))
        {
            complexity = c.Trim().ToLowerInvariant() switch
            {
                "simple" => Complexity.Simple,
                "medium" => Complexity.Medium,
                "complex" => Complexity.Complex,
                _ => null,
            };
            if (complexity is null) Invalid(where, $"invalid am:effort complexity \"{c}\" (expected simple, medium or complex)");
        }
        PayLevel? payLevel = null;
        if (v.TryGetValue("payLevel", out var p))
        {
            payLevel = p.Trim().ToLowerInvariant() switch
            {
                "einfach" or "mittel" => PayLevel.EinfacherMittlerer,
                "gehoben" => PayLevel.Gehoben,
                "hoeher" or "höher" => PayLevel.Hoeher,
                _ => null,
            };
            if (payLevel is null) Invalid(where, $"invalid am:effort payLevel \"{p}\" (expected einfach, mittel, gehoben or hoeher)");
        }
        string? occupation = null;
        if (v.TryGetValue("occupation", out var o))
        {
            var trimmed = o.Trim();
            if (trimmed.Length == 5 && trimmed.All(char.IsAsciiDigit)) occupation = trimmed;
            else Invalid(where, $"invalid am:effort occupation \"{o}\" (expected a 5-digit KldB 2010 code)");
        }
        var minutes = NonNegative(where, "effort", "minutes", v);
        return new EffortAnnotation(activity, complexity, payLevel, occupation, minutes);
    }

    private FootprintAnnotation ParseFootprint(XElement where, Dictionary<string, string> v) => new(
        NonNegative(where, "footprint", "printedPages", v) ?? 0,
        NonNegative(where, "footprint", "letters", v) ?? 0,
        NonNegative(where, "footprint", "citizenTrips", v) ?? 0);

    private AutomationAnnotation ParseAutomation(XElement where, Dictionary<string, string> v)
    {
        var level = AutomationLevel.Manual;
        if (v.TryGetValue("level", out var l))
        {
            AutomationLevel? parsed = l.Trim().ToLowerInvariant() switch
            {
                "manual" => AutomationLevel.Manual,
                "assistive" => AutomationLevel.Assistive,
                "decision-preparing" => AutomationLevel.DecisionPreparing,
                "automated" => AutomationLevel.Automated,
                _ => null,
            };
            if (parsed is { } known) level = known;
            else Invalid(where, $"invalid am:automation level \"{l}\" (expected manual, assistive, decision-preparing or automated)");
        }
        return new AutomationAnnotation(level, Boolean(where, "automation", "ai", v) ?? false,
            Boolean(where, "automation", "candidate", v) ?? false,
            NonNegative(where, "automation", "inferences", v), NonNegative(where, "automation", "cpuSeconds", v));
    }

    private FormField? ParseField(XElement e)
    {
        var v = Values(e, "field", FieldKeys);
        if (Required(e, "field", "id") is not { } id) return null;
        var type = "string";
        if (v.TryGetValue("type", out var t))
        {
            type = t.Trim();
            if (!FieldTypes.Contains(type)) Invalid(e, $"invalid am:field type \"{t}\" (expected {string.Join(", ", FieldTypes)})");
        }
        var options = v.TryGetValue("options", out var o)
            ? o.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        if (type == "enum" && options.Length == 0) Invalid(e, $"am:field {id} of type enum needs options");
        var label = v.TryGetValue("label", out var lb) && BpmnContext.NonBlank(lb) is { } l ? l : id;
        return new FormField(id, label, type, Boolean(e, "field", "required", v) ?? false, options);
    }

    private string? Required(XElement e, string annotation, string attribute)
    {
        var value = BpmnContext.Attr(e, attribute);
        if (value is null) Invalid(e, $"am:{annotation} needs a {attribute}");
        return value;
    }

    private double? NonNegative(XElement where, string annotation, string key, Dictionary<string, string> v)
    {
        if (!v.TryGetValue(key, out var text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0) return d;
        Invalid(where, $"invalid am:{annotation} {key} \"{text}\" (expected a non-negative number)");
        return null;
    }

    private bool? Boolean(XElement where, string annotation, string key, Dictionary<string, string> v)
    {
        if (!v.TryGetValue(key, out var text)) return null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1": return true;
            case "false" or "0": return false;
            default:
                Invalid(where, $"invalid am:{annotation} {key} \"{text}\" (expected true or false)");
                return null;
        }
    }

    private void Invalid(XElement where, string message) => context.Error(DiagnosticCodes.InvalidAnnotation, message, where, nodeId);
}

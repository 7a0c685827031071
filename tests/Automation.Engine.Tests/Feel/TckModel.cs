using System.Globalization;
using System.Xml.Linq;
using Automation.Engine.Expressions.Feel;

namespace Automation.Engine.Tests.Feel;

/// <summary>
/// The test side's reader of DMN TCK models: literal-expression decisions, business knowledge models whose body is a
/// literal expression, input data and simple item definitions. Other decision logic (tables, boxed contexts…) is
/// reported as unsupported so its test cases are left out of the FEEL pass rate rather than counted as failures.
/// </summary>
internal sealed class TckModel
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private readonly Dictionary<string, (string Text, string? TypeRef)?> decisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlyList<string> Parameters, string Body)?> knowledge = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? TypeRef, bool Collection, bool Structured)> types = new(StringComparer.Ordinal);
    private readonly List<string> names = [];

    public TckModel(XDocument document)
    {
        var root = document.Root!;
        foreach (var item in root.Elements().Where(e => e.Name.LocalName == "itemDefinition"))
        {
            types[(string)item.Attribute("name")!] = (Child(item, "typeRef")?.Value.Trim(), (string?)item.Attribute("isCollection") == "true",
                item.Elements().Any(e => e.Name.LocalName == "itemComponent"));
            names.AddRange(item.Descendants().Where(e => e.Name.LocalName == "itemComponent").Select(e => (string)e.Attribute("name")!));
        }
        foreach (var input in root.Elements().Where(e => e.Name.LocalName == "inputData"))
        {
            inputs[(string)input.Attribute("name")!] = (string?)Child(input, "variable")?.Attribute("typeRef");
        }
        foreach (var decision in root.Elements().Where(e => e.Name.LocalName == "decision"))
        {
            var text = Child(decision, "literalExpression") is { } literal ? Child(literal, "text")?.Value : null;
            decisions[(string)decision.Attribute("name")!] = text is null ? null : (text, (string?)Child(decision, "variable")?.Attribute("typeRef"));
        }
        foreach (var model in root.Elements().Where(e => e.Name.LocalName == "businessKnowledgeModel"))
        {
            var logic = Child(model, "encapsulatedLogic");
            var body = logic is null ? null : Child(logic, "literalExpression") is { } literal ? Child(literal, "text")?.Value : null;
            var parameters = logic?.Elements().Where(e => e.Name.LocalName == "formalParameter").Select(e => (string)e.Attribute("name")!).ToList();
            knowledge[(string)model.Attribute("name")!] = body is null || (string?)logic!.Attribute("kind") is "Java" or "PMML" ? null : (parameters!, body);
            names.AddRange(parameters ?? []);
        }
        names.AddRange(decisions.Keys.Concat(inputs.Keys).Concat(knowledge.Keys));
    }

    public bool HasLiteralDecision(string name) => decisions.TryGetValue(name, out var d) && d is not null;

    /// <summary>Evaluates a decision with the given input values; other decisions it names are evaluated on demand.</summary>
    public object? Evaluate(string decision, IReadOnlyDictionary<string, XElement> inputValues, out bool supported)
    {
        var scope = new LazyScope(this, inputValues);
        var value = scope.Decision(decision);
        supported = scope.Supported;
        return value;
    }

    /// <summary>Reads a TCK value element (value, list, components) as a FEEL value.</summary>
    public static object? ReadValue(XElement node, string? typeHint = null)
    {
        if (Child(node, "list") is { } list)
            return list.Elements().Where(e => e.Name.LocalName == "item").Select(i => ReadValue(i)).ToList();
        var components = node.Elements().Where(e => e.Name.LocalName == "component").ToList();
        if (components.Count > 0)
        {
            var context = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var component in components) context[(string)component.Attribute("name")!] = ReadValue(component);
            return FeelValue.FromHost(context);
        }
        if (Child(node, "value") is not { } value) return null;
        if ((string?)value.Attribute(Xsi + "nil") == "true") return null;
        if (Child(value, "list") is not null || value.Elements().Any(e => e.Name.LocalName == "component")) return ReadValue(value);
        var type = ((string?)value.Attribute(Xsi + "type"))?.Split(':')[^1] ?? typeHint;
        var text = value.Value;
        return type switch
        {
            "decimal" or "double" or "integer" or "int" or "long" or "number" => decimal.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture),
            "boolean" => text.Trim() == "true",
            "date" => Temporal.ParseDate(text.Trim()),
            "time" => Temporal.ParseTime(text.Trim()),
            "dateTime" or "date and time" => Temporal.ParseDateTime(text.Trim()),
            "duration" or "dayTimeDuration" or "yearMonthDuration" or "days and time duration" or "years and months duration" => Temporal.ParseDuration(text.Trim()),
            _ => text,
        };
    }

    private static XElement? Child(XElement element, string localName) => element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private string? BaseType(string? typeRef)
    {
        for (var i = 0; i < 10 && typeRef is not null && types.TryGetValue(typeRef, out var t); i++)
        {
            if (t.Collection || t.Structured) return null;
            typeRef = t.TypeRef;
        }
        return typeRef;
    }

    /// <summary>DMN's result typing: a singleton list where one value is declared is unwrapped; a value of the wrong base type is null.</summary>
    private object? Conform(object? value, string? typeRef)
    {
        if (value is null || typeRef is null) return value;
        var collection = types.TryGetValue(typeRef, out var t) && t.Collection;
        if (!collection && value is List<object?> { Count: 1 } single && !(types.TryGetValue(typeRef, out var d) && d.Structured)) value = single[0];
        if (collection) return value is List<object?> ? value : new List<object?> { value };
        var expected = BaseType(typeRef);
        if (expected is null or "Any" || value is null) return value;
        var name = Types.Canonical(expected);
        if (name is "number" or "string" or "boolean" or "date" or "time" or "date and time" or "days and time duration" or "years and months duration" or "context")
            return FeelValue.TypeName(value) == name ? value : null;
        return value;
    }

    private sealed class LazyScope(TckModel model, IReadOnlyDictionary<string, XElement> inputs) : IReadOnlyDictionary<string, object?>
    {
        private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);

        public bool Supported { get; private set; } = true;

        public object? Decision(string name)
        {
            TryGetValue(name, out var value);
            return value;
        }

        public bool TryGetValue(string key, out object? value)
        {
            if (values.TryGetValue(key, out value)) return true;
            if (model.inputs.TryGetValue(key, out var inputType))
            {
                value = inputs.TryGetValue(key, out var node) ? model.Conform(ReadValue(node, model.BaseType(inputType)), inputType) : null;
            }
            else if (model.decisions.TryGetValue(key, out var decision))
            {
                if (decision is not { } d)
                {
                    Supported = false;
                    value = null;
                }
                else
                {
                    values[key] = null;
                    value = model.Conform(FeelExpression.Parse(d.Text, model.names).Evaluate(this), d.TypeRef);
                }
            }
            else if (model.knowledge.TryGetValue(key, out var bkm))
            {
                if (bkm is not { } b)
                {
                    Supported = false;
                    value = null;
                }
                else
                {
                    var text = "function(" + string.Join(", ", b.Parameters) + ") (" + b.Body + "\n)";
                    value = FeelExpression.Parse(text, model.names).Evaluate(this);
                }
            }
            else return false;
            values[key] = value;
            return true;
        }

        public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => values.Keys;

        public IEnumerable<object?> Values => values.Values;

        public int Count => values.Count;

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

using System.Globalization;
using System.Xml.Linq;
using Automation.Engine.Expressions.Feel;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Reading.Bpmn;
using Automation.Engine.Validation;

namespace Automation.Engine.Decisions;

/// <summary>
/// Maps a DMN <c>definitions</c> document (DMN 1.1–1.5, Camunda 7 and 8 exports) to a <see cref="DecisionModel"/>:
/// every FEEL cell is parsed once here, and what does not parse or does not fit becomes a diagnostic with the decision,
/// the rule and the line.
/// </summary>
internal static class DmnReader
{
    /// <summary>The DMN model namespaces, 1.1 to 1.5.</summary>
    public static readonly IReadOnlySet<string> Namespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
        "http://www.omg.org/spec/DMN/20180521/MODEL/",
        "https://www.omg.org/spec/DMN/20191111/MODEL/",
        "https://www.omg.org/spec/DMN/20211108/MODEL/",
        "https://www.omg.org/spec/DMN/20230324/MODEL/",
    };

    private const string Camunda7 = "http://camunda.org/schema/1.0/dmn";

    /// <summary>Boxed expressions DMN allows as decision logic that this engine does not evaluate.</summary>
    private static readonly HashSet<string> OtherLogic = new(StringComparer.Ordinal)
    {
        "context", "invocation", "relation", "list", "functionDefinition", "conditional", "filter", "every", "some", "for",
    };

    public static DecisionModel Map(XDocument document, string? fileName, List<Diagnostic> diagnostics)
    {
        var root = document.Root!;
        var ns = root.Name.Namespace;
        if (root.Name.LocalName != "definitions" || !Namespaces.Contains(ns.NamespaceName))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DmnNotDmn,
                $"not a DMN document: the root element is {{{ns.NamespaceName}}}{root.Name.LocalName}", position: BpmnContext.PositionOf(root), file: fileName)
                with { Arguments = [root.Name.LocalName] });
            return new DecisionModel(fileName, null, [], [], diagnostics);
        }
        var context = new MapContext(fileName, diagnostics, ns);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var inputData = new List<InputDataDefinition>();
        foreach (var input in root.Elements(ns + "inputData"))
        {
            if (context.Identify(input, ids) is not { } id) continue;
            var name = Attr(input, "name") ?? id;
            inputData.Add(new InputDataDefinition(id, name, TypeRef(input.Element(ns + "variable"))));
        }
        // Names with spaces or operator characters must be known before FEEL text that uses them is parsed.
        var decisionElements = root.Elements(ns + "decision").ToList();
        var names = inputData.Select(i => i.Name)
            .Concat(decisionElements.Select(d => Attr(d, "name")).OfType<string>())
            .Concat(root.Descendants(ns + "itemComponent").Select(c => Attr(c, "name")).OfType<string>())
            .Concat(root.Descendants(ns + "output").Select(o => Attr(o, "name")).OfType<string>())
            .Distinct(StringComparer.Ordinal);
        var known = new KnownNames(names);
        var decisions = new List<Decision>();
        foreach (var element in decisionElements)
        {
            if (context.Identify(element, ids) is not { } id) continue;
            decisions.Add(context.Decision(element, id, known));
        }
        if (decisions.Count == 0)
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.DmnNoDecisions, "the file has no decision", position: BpmnContext.PositionOf(root), file: fileName));
        var model = new DecisionModel(fileName, Attr(root, "name"), decisions, inputData, diagnostics);
        DecisionGraph.Check(model, inputData, decisionElements, fileName, diagnostics);
        return model;
    }

    internal static string? Attr(XElement? element, string name) => BpmnContext.Attr(element, name);

    /// <summary>A typeRef without a namespace prefix (DMN 1.1 writes <c>feel:string</c>).</summary>
    private static string? TypeRef(XElement? element) => Attr(element, "typeRef") is { } t ? t[(t.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;

    /// <summary>The id an <c>href="#id"</c> points to.</summary>
    internal static string? Href(XElement? element) => Attr(element, "href") is { } h ? h[(h.IndexOf('#', StringComparison.Ordinal) + 1)..] : null;

    private sealed class MapContext(string? fileName, List<Diagnostic> diagnostics, XNamespace ns)
    {
        public string? Identify(XElement element, HashSet<string> ids)
        {
            if (Attr(element, "id") is not { } id)
            {
                Error(DiagnosticCodes.MissingId, $"{element.Name.LocalName} without id", element, null, []);
                return null;
            }
            if (!ids.Add(id))
            {
                Error(DiagnosticCodes.DuplicateId, $"duplicate id {id} ({element.Name.LocalName})", element, id, [id]);
                return null;
            }
            return id;
        }

        public Decision Decision(XElement element, string id, KnownNames names)
        {
            var name = Attr(element, "name") ?? id;
            var requiredDecisions = new List<string>();
            var requiredInputs = new List<string>();
            foreach (var requirement in element.Elements(ns + "informationRequirement"))
            {
                if (Href(requirement.Element(ns + "requiredDecision")) is { } d) requiredDecisions.Add(d);
                if (Href(requirement.Element(ns + "requiredInput")) is { } i) requiredInputs.Add(i);
            }
            var typeRef = TypeRef(element.Element(ns + "variable"));
            var line = BpmnContext.PositionOf(element)?.Line;
            var decision = new Decision(id, name, DecisionLogic.None, requiredDecisions, requiredInputs, null, null, typeRef, line);
            if (element.Element(ns + "decisionTable") is { } table)
                return decision with { Logic = DecisionLogic.Table, Table = Table(table, decision, names) };
            if (element.Element(ns + "literalExpression") is { } literal)
            {
                var text = literal.Element(ns + "text")?.Value ?? "";
                CheckLanguage(literal, decision);
                return decision with { Logic = DecisionLogic.Literal, Expression = text, Compiled = Expression(text, literal, decision, names) };
            }
            if (element.Elements().FirstOrDefault(e => e.Name.Namespace == ns && OtherLogic.Contains(e.Name.LocalName)) is { } other)
                Error(DiagnosticCodes.DmnLogicUnsupported, $"decision {id}: {other.Name.LocalName} is not supported", other, id, [name, other.Name.LocalName]);
            else
                Warning(DiagnosticCodes.DmnNoLogic, $"decision {id} has no decision logic", element, id, [name]);
            return decision;
        }

        private DecisionTable Table(XElement table, Decision decision, KnownNames names)
        {
            CheckLanguage(table, decision);
            var (hitPolicy, aggregation) = HitPolicyOf(table, decision);
            var inputs = new List<TableInput>();
            foreach (var (input, i) in table.Elements(ns + "input").Select((e, i) => (e, i)))
            {
                var expression = input.Element(ns + "inputExpression");
                var text = expression?.Element(ns + "text")?.Value ?? "";
                var label = Attr(input, "label") ?? Attr(input, "name") ?? (text.Length > 0 ? text.Trim() : (i + 1).ToString(CultureInfo.InvariantCulture));
                if (expression is not null) CheckLanguage(expression, decision);
                inputs.Add(new TableInput(Attr(input, "id"), label, text, input.Element(ns + "inputValues")?.Element(ns + "text")?.Value)
                {
                    Compiled = Expression(text, expression ?? input, decision, names),
                    InputVariable = BpmnContext.NonBlank((string?)input.Attribute(XName.Get("inputVariable", Camunda7))),
                });
            }
            var outputs = new List<TableOutput>();
            var single = table.Elements(ns + "output").Count() == 1;
            foreach (var (output, i) in table.Elements(ns + "output").Select((e, i) => (e, i)))
            {
                // A single output may go without a name: the decision's value is then the output itself.
                var name = Attr(output, "name") ?? (single ? decision.Name : "output" + (i + 1).ToString(CultureInfo.InvariantCulture));
                var allowedText = output.Element(ns + "outputValues")?.Element(ns + "text")?.Value;
                var defaultText = output.Element(ns + "defaultOutputEntry")?.Element(ns + "text")?.Value;
                outputs.Add(new TableOutput(Attr(output, "id"), name, Attr(output, "label"), allowedText, defaultText)
                {
                    Allowed = allowedText is null ? [] : [.. OptionalTests(allowedText, output, decision, names).Where(t => !t.IsAny)],
                    CompiledDefault = defaultText is null ? null : Expression(defaultText, output, decision, names),
                });
            }
            if ((hitPolicy is HitPolicy.Priority or HitPolicy.OutputOrder) && !outputs.Any(o => o.Allowed.Any(a => a.EqualityValues is not null)))
                Error(DiagnosticCodes.DmnPriorityWithoutValues, $"decision {decision.Id}: {hitPolicy} needs output values", table, decision.Id, [decision.Name]);
            var rules = new List<TableRule>();
            foreach (var (rule, i) in table.Elements(ns + "rule").Select((e, i) => (e, i + 1)))
                rules.Add(Rule(rule, i, decision, inputs, outputs, names));
            return new DecisionTable(hitPolicy, aggregation, inputs, outputs, rules);
        }

        private (HitPolicy, CollectAggregation) HitPolicyOf(XElement table, Decision decision)
        {
            var text = Attr(table, "hitPolicy") ?? "UNIQUE";
            HitPolicy? policy = text.ToUpperInvariant() switch
            {
                "UNIQUE" => HitPolicy.Unique,
                "FIRST" => HitPolicy.First,
                "PRIORITY" => HitPolicy.Priority,
                "ANY" => HitPolicy.Any,
                "COLLECT" => HitPolicy.Collect,
                "RULE ORDER" => HitPolicy.RuleOrder,
                "OUTPUT ORDER" => HitPolicy.OutputOrder,
                _ => null,
            };
            if (policy is null)
                Error(DiagnosticCodes.DmnUnknownHitPolicy, $"decision {decision.Id}: unknown hit policy '{text}'", table, decision.Id, [decision.Name, text]);
            var aggregationText = Attr(table, "aggregation");
            CollectAggregation? aggregation = aggregationText?.ToUpperInvariant() switch
            {
                null => CollectAggregation.None,
                "SUM" => CollectAggregation.Sum,
                "MIN" => CollectAggregation.Min,
                "MAX" => CollectAggregation.Max,
                "COUNT" => CollectAggregation.Count,
                _ => null,
            };
            if (aggregation is null || (aggregation != CollectAggregation.None && policy is not HitPolicy.Collect and not null))
                Error(DiagnosticCodes.DmnUnknownAggregation, $"decision {decision.Id}: aggregation '{aggregationText}' with hit policy {text}", table,
                    decision.Id, [decision.Name, aggregationText ?? ""]);
            return (policy ?? HitPolicy.Unique, aggregation ?? CollectAggregation.None);
        }

        private TableRule Rule(XElement rule, int index, Decision decision, List<TableInput> inputs, List<TableOutput> outputs, KnownNames names)
        {
            var id = Attr(rule, "id");
            var inputEntries = rule.Elements(ns + "inputEntry").ToList();
            var outputEntries = rule.Elements(ns + "outputEntry").ToList();
            var annotation = BpmnContext.NonBlank(rule.Element(ns + "description")?.Value)
                ?? BpmnContext.NonBlank(rule.Elements(ns + "annotationEntry").FirstOrDefault()?.Element(ns + "text")?.Value);
            var where = RuleText(index, id);
            if (inputEntries.Count != inputs.Count || outputEntries.Count != outputs.Count)
            {
                Error(DiagnosticCodes.DmnRuleEntries,
                    $"decision {decision.Id}, rule {index}: {inputEntries.Count} input and {outputEntries.Count} output entries for {inputs.Count} inputs and {outputs.Count} outputs",
                    rule, id ?? decision.Id, [decision.Name, where, Number(inputEntries.Count), Number(outputEntries.Count), Number(inputs.Count), Number(outputs.Count)]);
            }
            var tests = new UnaryTest[inputs.Count];
            for (var c = 0; c < inputs.Count; c++)
            {
                var entry = c < inputEntries.Count ? inputEntries[c] : null;
                var text = entry?.Element(ns + "text")?.Value ?? "-";
                tests[c] = UnaryTest.Any;
                try
                {
                    tests[c] = string.IsNullOrWhiteSpace(text) ? UnaryTest.Any : UnaryTest.Parse(text, names.For(text));
                }
                catch (FeelParseException e)
                {
                    Error(DiagnosticCodes.DmnFeelInvalid, $"decision {decision.Id}, rule {index}, input '{inputs[c].Label}': {e.Message}", entry ?? rule,
                        id ?? decision.Id, [decision.Name, where, inputs[c].Label, text.Trim(), e.Reason]);
                }
            }
            var results = new OutputEntry[outputs.Count];
            for (var c = 0; c < outputs.Count; c++)
            {
                var entry = c < outputEntries.Count ? outputEntries[c] : null;
                var text = entry?.Element(ns + "text")?.Value ?? "";
                results[c] = OutputEntry.Parse("null", []);
                if (string.IsNullOrWhiteSpace(text)) continue;
                try
                {
                    results[c] = OutputEntry.Parse(text, names.For(text));
                }
                catch (FeelParseException e)
                {
                    Error(DiagnosticCodes.DmnFeelInvalid, $"decision {decision.Id}, rule {index}, output '{outputs[c].Name}': {e.Message}", entry ?? rule,
                        id ?? decision.Id, [decision.Name, where, outputs[c].Label ?? outputs[c].Name, text.Trim(), e.Reason]);
                    continue;
                }
                if (results[c].IsConstant && outputs[c].Allowed.Length > 0 && !AllowedConstant(outputs[c], results[c].Constant))
                {
                    Error(DiagnosticCodes.DmnOutputNotAllowed, $"decision {decision.Id}, rule {index}: output '{outputs[c].Name}' = {text.Trim()} is not in {outputs[c].AllowedValues}",
                        entry ?? rule, id ?? decision.Id, [decision.Name, where, outputs[c].Label ?? outputs[c].Name, text.Trim(), outputs[c].AllowedValues!.Trim()]);
                }
            }
            return new TableRule(index, id, [.. Enumerable.Range(0, inputs.Count).Select(c => c < inputEntries.Count ? inputEntries[c].Element(ns + "text")?.Value.Trim() ?? "-" : "-")],
                [.. Enumerable.Range(0, outputs.Count).Select(c => c < outputEntries.Count ? outputEntries[c].Element(ns + "text")?.Value.Trim() ?? "" : "")], annotation)
            {
                Tests = tests,
                Outputs = results,
            };
        }

        private static bool AllowedConstant(TableOutput output, object? value)
        {
            if (value is null) return true;
            var runtime = new FeelRuntime(Expressions.ScriptLimits.Default);
            var scope = Scope.Root(new Dictionary<string, object?>());
            return output.Allowed.Any(t => t.Matches(value, scope, runtime, null));
        }

        private static string RuleText(int index, string? id) => id is null ? index.ToString(CultureInfo.InvariantCulture) : $"{index.ToString(CultureInfo.InvariantCulture)} ({id})";

        private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

        private IEnumerable<UnaryTest> OptionalTests(string text, XElement at, Decision decision, KnownNames names)
        {
            try
            {
                return [UnaryTest.Parse(text, names.For(text))];
            }
            catch (FeelParseException e)
            {
                Error(DiagnosticCodes.DmnExpressionInvalid, $"decision {decision.Id}: {e.Message}", at, decision.Id, [decision.Name, text.Trim(), e.Reason]);
                return [];
            }
        }

        private Node? Expression(string text, XElement at, Decision decision, KnownNames names)
        {
            try
            {
                return Parser.ParseExpression(text, names.For(text));
            }
            catch (FeelParseException e)
            {
                Error(DiagnosticCodes.DmnExpressionInvalid, $"decision {decision.Id}: {e.Message}", at, decision.Id, [decision.Name, text.Trim(), e.Reason]);
                return null;
            }
        }

        /// <summary>Only FEEL runs; Camunda 7 files may name JUEL, JavaScript or Groovy for a table or a column.</summary>
        private void CheckLanguage(XElement element, Decision decision)
        {
            if (Attr(element, "expressionLanguage") is not { } language) return;
            var lower = language.ToLowerInvariant();
            if (lower.Contains("feel", StringComparison.Ordinal)) return;
            Error(DiagnosticCodes.DmnLanguageUnsupported, $"decision {decision.Id}: expression language '{language}'", element, decision.Id, [decision.Name, language]);
        }

        private void Error(string code, string message, XElement element, string? elementId, IReadOnlyList<string> arguments) =>
            diagnostics.Add(Diagnostic.Error(code, message, elementId ?? Attr(element, "id"), BpmnContext.PositionOf(element), fileName) with { Arguments = arguments });

        private void Warning(string code, string message, XElement element, string? elementId, IReadOnlyList<string> arguments) =>
            diagnostics.Add(Diagnostic.Warning(code, message, elementId ?? Attr(element, "id"), BpmnContext.PositionOf(element), fileName) with { Arguments = arguments });
    }
}

using Automation.Engine.Model;

namespace Automation.Engine.Decisions;

/// <summary>
/// The decisions of one DMN file (DMN 1.1–1.5), keyed by decision id, with what reading and checking found. Immutable;
/// built by <see cref="Dmn.Read"/>, evaluated by <see cref="DecisionEvaluator"/>.
/// </summary>
public sealed class DecisionModel
{
    private readonly Dictionary<string, Decision> byId;

    internal DecisionModel(string? fileName, string? name, IReadOnlyList<Decision> decisions, IReadOnlyList<InputDataDefinition> inputData,
        IReadOnlyList<Diagnostic> diagnostics)
    {
        FileName = fileName;
        Name = name;
        Decisions = decisions;
        InputData = inputData;
        Diagnostics = diagnostics;
        byId = new Dictionary<string, Decision>(StringComparer.Ordinal);
        foreach (var d in decisions) byId.TryAdd(d.Id, d);
    }

    /// <summary>The file name given when reading, for diagnostics.</summary>
    public string? FileName { get; }

    /// <summary>The name of the <c>definitions</c> element.</summary>
    public string? Name { get; }

    /// <summary>The decisions in the order of the file.</summary>
    public IReadOnlyList<Decision> Decisions { get; }

    /// <summary>The input data elements (the variables the graph expects).</summary>
    public IReadOnlyList<InputDataDefinition> InputData { get; }

    /// <summary>Everything reading and checking found, in the order of the file.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Whether an error was found; such a model is not evaluated.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>A decision by id, null when the file has none of that id.</summary>
    public Decision? Find(string decisionId) => byId.GetValueOrDefault(decisionId);

    /// <summary>
    /// The decision evaluated when none is named: the only one, else the first that no other decision requires.
    /// </summary>
    public Decision? DefaultDecision
    {
        get
        {
            if (Decisions.Count <= 1) return Decisions.Count == 0 ? null : Decisions[0];
            var required = Decisions.SelectMany(d => d.RequiredDecisions).ToHashSet(StringComparer.Ordinal);
            return Decisions.FirstOrDefault(d => !required.Contains(d.Id)) ?? Decisions[0];
        }
    }

    /// <summary>Names of decisions, input data and rules (their decision's name) by element id, for messages.</summary>
    public IReadOnlyDictionary<string, string> LabelsById()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in InputData) labels.TryAdd(input.Id, input.Name);
        foreach (var decision in Decisions)
        {
            labels.TryAdd(decision.Id, decision.Name);
            if (decision.Table is not { } table) continue;
            foreach (var rule in table.Rules.Where(r => r.Id is not null)) labels.TryAdd(rule.Id!, decision.Name);
            foreach (var column in table.Inputs.Where(c => c.Id is not null)) labels.TryAdd(column.Id!, decision.Name);
            foreach (var column in table.Outputs.Where(c => c.Id is not null)) labels.TryAdd(column.Id!, decision.Name);
        }
        return labels;
    }
}

/// <summary>How a decision computes its value.</summary>
public enum DecisionLogic
{
    /// <summary>A decision table.</summary>
    Table,
    /// <summary>A FEEL literal expression.</summary>
    Literal,
    /// <summary>No logic this engine evaluates (none in the file, or a boxed expression it does not support).</summary>
    None,
}

/// <summary>One decision: its logic and what it requires.</summary>
/// <param name="Id">The element id (the key a host calls it by).</param>
/// <param name="Name">The name, also the variable its value is known by in decisions that require it.</param>
/// <param name="Logic">Table, literal expression or none.</param>
/// <param name="RequiredDecisions">Ids of the decisions it requires, evaluated first.</param>
/// <param name="RequiredInputs">Ids of the input data it requires.</param>
/// <param name="Table">The decision table, when <see cref="Logic"/> is <see cref="DecisionLogic.Table"/>.</param>
/// <param name="Expression">The FEEL text, when <see cref="Logic"/> is <see cref="DecisionLogic.Literal"/>.</param>
/// <param name="TypeRef">The declared type of its value, if any.</param>
/// <param name="Line">Line of the decision element in the file.</param>
public sealed record Decision(string Id, string Name, DecisionLogic Logic, IReadOnlyList<string> RequiredDecisions,
    IReadOnlyList<string> RequiredInputs, DecisionTable? Table, string? Expression, string? TypeRef, int? Line)
{
    /// <summary>The parsed literal expression (null when it did not parse or the logic is a table).</summary>
    internal Expressions.Feel.Node? Compiled { get; init; }
}

/// <summary>An input data element: a variable the decision graph reads.</summary>
public sealed record InputDataDefinition(string Id, string Name, string? TypeRef);

/// <summary>Hit policies of DMN decision tables.</summary>
public enum HitPolicy
{
    /// <summary>At most one rule matches.</summary>
    Unique,
    /// <summary>The first matching rule in rule order.</summary>
    First,
    /// <summary>The matching rule whose outputs come first in the outputs' allowed values.</summary>
    Priority,
    /// <summary>Several rules may match if their outputs are equal.</summary>
    Any,
    /// <summary>All matching rules, optionally aggregated.</summary>
    Collect,
    /// <summary>All matching rules in rule order.</summary>
    RuleOrder,
    /// <summary>All matching rules in the order of the outputs' allowed values.</summary>
    OutputOrder,
}

/// <summary>Aggregations of the COLLECT hit policy.</summary>
public enum CollectAggregation
{
    /// <summary>The list of outputs.</summary>
    None,
    /// <summary>The sum of the outputs.</summary>
    Sum,
    /// <summary>The smallest output.</summary>
    Min,
    /// <summary>The largest output.</summary>
    Max,
    /// <summary>How many rules matched.</summary>
    Count,
}

/// <summary>A decision table.</summary>
public sealed record DecisionTable(HitPolicy HitPolicy, CollectAggregation Aggregation, IReadOnlyList<TableInput> Inputs,
    IReadOnlyList<TableOutput> Outputs, IReadOnlyList<TableRule> Rules)
{
    /// <summary>Whether one output column only (the value is that output, not a context of outputs).</summary>
    public bool SingleOutput => Outputs.Count == 1;
}

/// <summary>An input column: its expression and allowed values.</summary>
public sealed record TableInput(string? Id, string Label, string Expression, string? AllowedValues)
{
    internal Expressions.Feel.Node? Compiled { get; init; }

    /// <summary>Camunda 7's <c>camunda:inputVariable</c>: the name the entries see the value by (default <c>cellInput</c>).</summary>
    internal string? InputVariable { get; init; }
}

/// <summary>An output column: its name and allowed values (their order is the priority of PRIORITY and OUTPUT ORDER).</summary>
public sealed record TableOutput(string? Id, string Name, string? Label, string? AllowedValues, string? DefaultOutput)
{
    internal UnaryTest[] Allowed { get; init; } = [];

    internal Expressions.Feel.Node? CompiledDefault { get; init; }
}

/// <summary>A rule: input entries (FEEL unary tests), output entries (FEEL expressions) and its annotation.</summary>
/// <param name="Index">1-based position in the table.</param>
/// <param name="Id">The rule's element id, if it has one.</param>
/// <param name="InputEntries">The unary tests, one per input column.</param>
/// <param name="OutputEntries">The expressions, one per output column.</param>
/// <param name="Annotation">The description or first annotation entry.</param>
public sealed record TableRule(int Index, string? Id, IReadOnlyList<string> InputEntries, IReadOnlyList<string> OutputEntries, string? Annotation)
{
    internal UnaryTest[] Tests { get; init; } = [];

    internal OutputEntry[] Outputs { get; init; } = [];
}

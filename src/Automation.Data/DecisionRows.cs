using System.Globalization;
using System.Text.Json;
using Automation.Engine.Decisions;

namespace Automation.Data;

/// <summary>The stored form of a decision evaluation: the JSON columns of <c>decision_evaluations</c> and its audit entry.</summary>
public static class DecisionRows
{
    /// <summary>The audit log's entity kind of an evaluation (entity id: the case); it names decision, version, step and rules, no case data.</summary>
    public const string AuditKind = "decision-evaluation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Inputs and matched rules per decision of the graph (required decisions first), the value, the audit entry.</summary>
    internal static (string Inputs, string MatchedRules, string Outputs, string Audit) Of(DecisionEvaluation evaluation)
    {
        var explanations = evaluation.Result.Explanations;
        var (inputs, rules, outputs) = Columns(evaluation.Result);
        var audit = new
        {
            decision = evaluation.DecisionKey,
            version = evaluation.DecisionVersion,
            step = evaluation.StepSequence,
            node = evaluation.NodeId,
            rules = explanations.Count == 0 ? [] : explanations[^1].MatchedRules.Select(r => r.Id ?? r.Index.ToString(CultureInfo.InvariantCulture)).ToList(),
        };
        return (inputs, rules, outputs, JsonSerializer.Serialize(audit, Json));
    }

    /// <summary>
    /// The inputs, matched-rules and value columns of a result. Also the editor's test run, which stores nothing, so that
    /// it shows a result exactly as "Warum?" will show it.
    /// </summary>
    public static (string Inputs, string MatchedRules, string Outputs) Columns(DecisionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inputs = result.Explanations.Select(e => new StoredInputs(e.DecisionId, e.DecisionName,
            [.. e.Inputs.Select(i => new StoredInput(i.Label, i.Expression, i.Value))])).ToList();
        var rules = result.Explanations.Select(e => new StoredRules(e.DecisionId, e.DecisionName, e.HitPolicy,
            [.. e.MatchedRules.Select(r => new StoredRule(r.Index, r.Id, r.Annotation, r.Outputs))], e.Value)).ToList();
        return (JsonSerializer.Serialize(inputs, Json), JsonSerializer.Serialize(rules, Json), JsonSerializer.Serialize(result.Value, Json));
    }

    /// <summary>Reads the inputs column.</summary>
    public static IReadOnlyList<StoredInputs> ReadInputs(string json) => JsonSerializer.Deserialize<List<StoredInputs>>(json, Json) ?? [];

    /// <summary>Reads the matched-rules column.</summary>
    public static IReadOnlyList<StoredRules> ReadRules(string json) => JsonSerializer.Deserialize<List<StoredRules>>(json, Json) ?? [];
}

/// <summary>The inputs of one decision as evaluated.</summary>
public sealed record StoredInputs(string DecisionId, string DecisionName, IReadOnlyList<StoredInput> Inputs);

/// <summary>One input: its label, expression and value (JSON value as read back).</summary>
public sealed record StoredInput(string Label, string Expression, object? Value);

/// <summary>The matched rules of one decision and its value.</summary>
public sealed record StoredRules(string DecisionId, string DecisionName, string? HitPolicy, IReadOnlyList<StoredRule> Rules, object? Value);

/// <summary>A matched rule: 1-based index, id, annotation, outputs by name.</summary>
public sealed record StoredRule(int Index, string? Id, string? Annotation, IReadOnlyDictionary<string, object?> Outputs);

namespace Automation.Engine.Decisions;

/// <summary>
/// The outcome of evaluating a decision with its required decisions. Values are plain host values: decimal numbers,
/// strings, booleans, <see cref="DateOnly"/>, lists and string-keyed dictionaries; other FEEL values (times, durations)
/// as their FEEL text.
/// </summary>
/// <param name="DecisionId">The decision evaluated.</param>
/// <param name="DecisionName">Its name.</param>
/// <param name="Value">The decision's value in DMN terms: one output's value, a dictionary of outputs, a list for the
/// multiple-hit policies, the aggregate for COLLECT with SUM/MIN/MAX/COUNT, null when no rule matched.</param>
/// <param name="Rows">The matched rules' outputs by output name, after the hit policy (Camunda's result list): one row
/// per hit; one row with the aggregate; the default outputs when no rule matched and defaults are declared.</param>
/// <param name="Explanations">Why: one record per decision evaluated, required decisions first, this decision last.</param>
/// <param name="Warnings">Why a part of a FEEL expression gave null (FEEL errors are null values, not failures).</param>
public sealed record DecisionResult(string DecisionId, string DecisionName, object? Value, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows,
    IReadOnlyList<DecisionExplanation> Explanations, IReadOnlyList<string> Warnings)
{
    /// <summary>The value as the FEEL interpreter holds it (contexts, times, durations), for the TCK's exact comparisons.</summary>
    internal object? FeelValue { get; init; }
}

/// <summary>How one decision came to its value, as shown under "warum?".</summary>
/// <param name="DecisionId">The decision.</param>
/// <param name="DecisionName">Its name.</param>
/// <param name="Logic">Table or literal expression.</param>
/// <param name="HitPolicy">The table's hit policy (with its aggregation), null for a literal expression.</param>
/// <param name="Inputs">The table's inputs as evaluated, in column order.</param>
/// <param name="MatchedRules">The rules that matched, in rule order (before PRIORITY and OUTPUT ORDER sort them).</param>
/// <param name="Value">The decision's value.</param>
public sealed record DecisionExplanation(string DecisionId, string DecisionName, DecisionLogic Logic, string? HitPolicy,
    IReadOnlyList<EvaluatedInput> Inputs, IReadOnlyList<MatchedRule> MatchedRules, object? Value);

/// <summary>An input column as evaluated.</summary>
public sealed record EvaluatedInput(string? Id, string Label, string Expression, object? Value);

/// <summary>A rule that matched: 1-based index, id, annotation and its outputs by name.</summary>
public sealed record MatchedRule(int Index, string? Id, string? Annotation, IReadOnlyDictionary<string, object?> Outputs);

/// <summary>
/// A decision that cannot be evaluated: unknown id, a model with errors, a hit-policy violation (UNIQUE with several
/// matching rules, ANY with differing outputs) or an expression that ran past its limits. The host makes it an incident.
/// </summary>
public sealed class DecisionException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="code">Stable code (<see cref="Validation.DiagnosticCodes"/>, <c>dmn-…</c>).</param>
    /// <param name="message">Technical (English) account.</param>
    /// <param name="decisionId">The decision concerned.</param>
    /// <param name="ruleIds">The rules concerned (ids, or 1-based indexes where a rule has no id).</param>
    /// <param name="arguments">The values the code's German text names in its placeholders.</param>
    public DecisionException(string code, string message, string? decisionId, IReadOnlyList<string> ruleIds, IReadOnlyList<string> arguments)
        : base(message)
    {
        Code = code;
        DecisionId = decisionId;
        RuleIds = ruleIds;
        Arguments = arguments;
    }

    /// <summary>Creates a failure with a message only (for serializers and tests).</summary>
    public DecisionException() : this(Validation.DiagnosticCodes.DmnFailed, "The decision failed.", null, [], []) { }

    /// <summary>Creates a failure with a message only.</summary>
    public DecisionException(string message) : this(Validation.DiagnosticCodes.DmnFailed, message, null, [], []) { }

    /// <summary>Creates a failure with a message and cause.</summary>
    public DecisionException(string message, Exception innerException) : base(message, innerException)
    {
        Code = Validation.DiagnosticCodes.DmnFailed;
        RuleIds = [];
        Arguments = [];
    }

    /// <summary>Stable code of the failure.</summary>
    public string Code { get; }

    /// <summary>The decision concerned.</summary>
    public string? DecisionId { get; }

    /// <summary>The rules concerned.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>The values for the placeholders of the code's German text.</summary>
    public IReadOnlyList<string> Arguments { get; }
}

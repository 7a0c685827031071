namespace Automation.Engine.Model;

/// <summary>A sequence flow between two nodes of one scope.</summary>
internal sealed class SequenceFlow
{
    /// <summary>Element id.</summary>
    public required string Id { get; init; }

    /// <summary>Source node id.</summary>
    public required string SourceId { get; init; }

    /// <summary>Target node id.</summary>
    public required string TargetId { get; init; }

    /// <summary>Display name (often the answer of a gateway question, e.g. "ja").</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Condition; null if unconditional. Undeclared conditions are JavaScript, normalised (<c>${…}</c> and a leading
    /// <c>=</c> removed); declared FEEL loses its leading <c>=</c>; declared JUEL keeps its <c>${…}</c>.
    /// </summary>
    public string? Condition { get; init; }

    /// <summary>
    /// Elsa: the outcome (port) the connection leaves from. A workflow activity takes the connections of the outcomes its
    /// workflow completed with (<see cref="FlowNode.RoutesByOutcome"/>); null for BPMN.
    /// </summary>
    internal string? Outcome { get; init; }

    /// <summary>The language <see cref="Condition"/> is evaluated in.</summary>
    internal ExpressionLanguage ConditionLanguage { get; init; }

    /// <summary>Where the element starts in the source file.</summary>
    public SourcePosition? Position { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {SourceId} -> {TargetId}";
}

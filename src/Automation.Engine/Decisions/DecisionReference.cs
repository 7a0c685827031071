using Automation.Engine.Model;

namespace Automation.Engine.Decisions;

/// <summary>Which version of a decision a business rule task calls (<c>camunda:decisionRefBinding</c>).</summary>
public enum DecisionBinding
{
    /// <summary>The latest published version when the step runs (the default).</summary>
    Latest,
    /// <summary>The version that was latest when the calling process version was published.</summary>
    Deployment,
    /// <summary>The version named by <c>camunda:decisionRefVersion</c>.</summary>
    Version,
}

/// <summary>How a business rule task maps the decision result into its result variable (Camunda 7's <c>camunda:mapDecisionResult</c>).</summary>
public enum DecisionResultMapping
{
    /// <summary>A list of the matched rules' outputs by name (Camunda 7's default).</summary>
    ResultList,
    /// <summary>The one output of the one matched rule; several rules or outputs fail.</summary>
    SingleEntry,
    /// <summary>The outputs by name of the one matched rule; several rules fail.</summary>
    SingleResult,
    /// <summary>The one output of every matched rule as a list; several outputs fail.</summary>
    CollectEntries,
    /// <summary>Camunda 8: the decision's output, a single output unwrapped (<c>zeebe:calledDecision</c>).</summary>
    DecisionOutput,
}

/// <summary>A business rule task's call of a DMN decision (Camunda 7 <c>camunda:decisionRef</c> or Zeebe <c>zeebe:calledDecision</c>).</summary>
/// <param name="Key">The decision's id.</param>
/// <param name="Binding">Which version.</param>
/// <param name="Version">The version for <see cref="DecisionBinding.Version"/>; null when absent or not a number.</param>
/// <param name="VersionText">The version attribute as written, for messages when it is not a number.</param>
/// <param name="ResultVariable">The variable that receives the mapped result; null keeps no result.</param>
/// <param name="Mapping">How the result is mapped.</param>
public sealed record DecisionReference(string Key, DecisionBinding Binding, int? Version, string? VersionText, string? ResultVariable,
    DecisionResultMapping Mapping)
{
    /// <summary>
    /// For a key written as an expression (<c>camunda:decisionRef="${regel}"</c>, <c>decisionId="=regel"</c>): the text to
    /// evaluate when the task runs; its value is the key. <see cref="Key"/> then holds the expression as written. Null for a
    /// literal key.
    /// </summary>
    internal DeclaredExpression? KeyExpression { get; init; }
}

/// <summary>What the engine asks the host when a business rule task runs.</summary>
/// <param name="Reference">The call as the task writes it.</param>
/// <param name="Process">The process version the task belongs to (for <see cref="DecisionBinding.Deployment"/>).</param>
public sealed record DecisionCall(DecisionReference Reference, ProcessDefinition Process);

/// <summary>A decision the host found for a call.</summary>
/// <param name="Model">The DMN file the decision version was published in.</param>
/// <param name="Key">The decision's id.</param>
/// <param name="Version">Its version.</param>
public sealed record ResolvedDecision(DecisionModel Model, string Key, int Version);

/// <summary>One evaluation of a decision by a business rule task, for the host to store with the step ("Warum?").</summary>
/// <param name="StepSequence">The step's sequence in the case.</param>
/// <param name="NodeId">The business rule task.</param>
/// <param name="NodeName">Its label.</param>
/// <param name="DecisionKey">The decision's id.</param>
/// <param name="DecisionVersion">The version evaluated.</param>
/// <param name="Result">The result with its explanation.</param>
/// <param name="At">When.</param>
public sealed record DecisionEvaluation(int StepSequence, string NodeId, string? NodeName, string DecisionKey, int DecisionVersion,
    DecisionResult Result, DateTimeOffset At);

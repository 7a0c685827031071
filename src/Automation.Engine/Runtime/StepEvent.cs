using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>How a step ended.</summary>
public enum StepOutcome
{
    /// <summary>Done normally.</summary>
    Completed,
    /// <summary>Interrupted by a boundary event, a terminate end, a first-arrival join or cancellation.</summary>
    Interrupted,
    /// <summary>Failed: an incident was raised.</summary>
    Failed,
}

/// <summary>
/// One executed step of a case, emitted for the ledger and analytics and kept in the case history.
/// </summary>
/// <param name="CaseId">Case.</param>
/// <param name="ProcessId">Process whose node ran (for call activities: the called process).</param>
/// <param name="Sequence">Position in the case's history, from 1.</param>
/// <param name="NodeId">Node id.</param>
/// <param name="NodeName">Node name, if any.</param>
/// <param name="Kind">Node kind.</param>
/// <param name="Actor">Who performed it.</param>
/// <param name="Start">When the token arrived (for waits: when the wait began).</param>
/// <param name="End">When the step finished.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">Short detail: the flow taken, the incident message, the action called.</param>
public sealed record StepEvent(Guid CaseId, string ProcessId, int Sequence, string NodeId, string? NodeName, NodeKind Kind,
    ActorKind Actor, DateTimeOffset Start, DateTimeOffset End, StepOutcome Outcome, string? Detail)
{
    /// <summary>The host's key of the called process version the step ran on (<see cref="ScopeState.ProcessVersion"/>); null in the case's own process.</summary>
    internal string? ProcessVersion { get; init; }
}

namespace Automation.Engine.Runtime;

/// <summary>A message thrown by a message end or throw event or a send task, for the host to route.</summary>
/// <param name="Name">Message name.</param>
/// <param name="SourceNodeId">Node that sent it.</param>
/// <param name="CorrelationKey">Business key of the sending case, as a default correlation key.</param>
public sealed record OutboundMessage(string Name, string SourceNodeId, string? CorrelationKey);

/// <summary>A case the host is to start: a called workflow that runs on its own (<see cref="EngineOptions.DetachedCallsAsCases"/>).</summary>
/// <param name="ProcessId">The called process.</param>
/// <param name="Variables">Its start variables: the call's inputs.</param>
/// <param name="SourceNodeId">The activity that started it.</param>
internal sealed record CaseStart(string ProcessId, Dictionary<string, object?> Variables, string SourceNodeId);

/// <summary>What one run-until-wait did: the state afterwards and everything a host must persist or route.</summary>
public sealed class RunResult
{
    internal RunResult(CaseState state) => State = state;

    /// <summary>The case state after the run (the same object that was passed in, updated).</summary>
    public CaseState State { get; }

    /// <summary>Steps executed in this run, in order.</summary>
    public List<StepEvent> Steps { get; } = [];

    /// <summary>Wait states created in this run (timers to schedule, tasks for inboxes).</summary>
    public List<WaitState> NewWaits { get; } = [];

    /// <summary>Ids of wait states that ended in this run (timers to unschedule, tasks to remove).</summary>
    public List<long> RemovedWaitIds { get; } = [];

    /// <summary>Incidents raised in this run.</summary>
    public List<IncidentState> NewIncidents { get; } = [];

    /// <summary>Messages thrown, for the host to correlate.</summary>
    public List<OutboundMessage> Messages { get; } = [];

    /// <summary>Signals thrown, for the host to broadcast to every waiting case.</summary>
    public List<string> Signals { get; } = [];

    /// <summary>Cases to start after the run is stored: calls that do not wait (<see cref="EngineOptions.DetachedCallsAsCases"/>).</summary>
    // Created on the first detached call only: almost no run has one, and the engine's cheapest runs allocate per run.
    internal IReadOnlyList<CaseStart> CaseStarts => caseStarts ?? [];

    private List<CaseStart>? caseStarts;

    internal void AddCaseStart(CaseStart start) => (caseStarts ??= []).Add(start);

    /// <summary>Decisions evaluated by business rule tasks, for the host to store with their steps.</summary>
    public List<Decisions.DecisionEvaluation> Decisions { get; } = [];

    /// <summary>Lines written by scripts (<c>writeLine</c>, Elsa's WriteLine).</summary>
    public List<string> Output { get; } = [];

    /// <summary>Whether a message correlation or signal matched a wait state of this case.</summary>
    public bool Matched { get; internal set; }
}

using Automation.Data.Schema;
using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>How a write unit ended.</summary>
internal enum CommitOutcome
{
    /// <summary>Written.</summary>
    Committed,
    /// <summary>The case changed since it was read (or a claimed job or buffered message was taken by another node); nothing was written.</summary>
    Conflict,
}

/// <summary>
/// Everything one run-until-wait (or a few chained runs on the same case) changes: the case row, new step rows,
/// waits, tasks, incidents, jobs. Written all-or-nothing, possibly in one transaction with other cases' units.
/// </summary>
internal sealed class CaseWrite
{
    private readonly HashSet<long> newWaitIds = [];

    public CaseWrite(CaseState state, long definitionId, long expectedRevision)
    {
        State = state;
        DefinitionId = definitionId;
        ExpectedRevision = expectedRevision;
        IncidentCountBefore = state.Incidents.Count;
        foreach (var w in state.Waits)
        {
            if (TimerJobs.Kind(w) is { } kind) JobsBefore[w.Id] = (kind, w.DueAt!.Value.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>
    /// Kind and due time of the timer and deadline jobs of the waits the case had when it was read (a re-armed timer
    /// changes its wait's due time in place): a wait the unit removes takes its job with it.
    /// </summary>
    public Dictionary<long, (string Kind, long DueAt)> JobsBefore { get; } = [];

    public CaseState State { get; }

    /// <summary>The state as JSON, made by the submitting thread so the single SQLite writer does less.</summary>
    public string? StateJson { get; set; }

    public long DefinitionId { get; }

    /// <summary>Revision read; 0 inserts a new case.</summary>
    public long ExpectedRevision { get; }

    public int IncidentCountBefore { get; }

    public bool IncidentsChanged { get; set; }

    public List<StepEvent> Steps { get; } = [];

    public List<WaitState> NewWaits { get; } = [];

    public List<long> RemovedWaitIds { get; } = [];

    public List<TaskRecord> NewTasks { get; } = [];

    public long? CompletedTaskWaitId { get; set; }

    public string? CompletedFormData { get; set; }

    /// <summary>Who completes the task (null: the host itself); its row must not be claimed by someone else.</summary>
    public string? CompletedBy { get; set; }

    /// <summary>External tasks of the run's new external-task waits.</summary>
    public List<ExternalTaskRecord> NewExternalTasks { get; } = [];

    /// <summary>
    /// The external task this unit completes (also by BPMN error or giving up) and the worker that must still hold its
    /// lock when the unit is written: the one place that makes a completion exactly-once.
    /// </summary>
    public (long WaitId, string WorkerId)? CompletedExternalTask { get; set; }

    public List<long> TakenBufferedMessages { get; } = [];

    public long? CompletedJobId { get; set; }

    public List<JobRecord> NewJobs { get; } = [];

    /// <summary>Ledger figures of the priced steps, by step sequence; they are stored on the step rows.</summary>
    public Dictionary<int, StepLedger> Ledger { get; } = [];

    /// <summary>The unpriced and the priced step rows in the writer's column order, made by the submitting thread.</summary>
    public (object?[][] Plain, object?[][] Priced)? StepRows { get; set; }

    /// <summary>What the host measured for a human step, keyed by node and start (the wait's creation time).</summary>
    public Dictionary<(string NodeId, DateTimeOffset Start), Engine.Accounting.StepMeasurement> Measurements { get; } = [];

    /// <summary>Keyed pseudonym of the person behind a measured human step, same key as <see cref="Measurements"/>.</summary>
    public Dictionary<(string NodeId, DateTimeOffset Start), string> WorkerKeys { get; } = [];

    public List<OutboundMessage> Messages { get; } = [];

    /// <summary>Decisions evaluated by the unit's steps: their rows and audit entries go in the unit's transaction.</summary>
    public List<Engine.Decisions.DecisionEvaluation> Decisions { get; } = [];

    public List<string> Signals { get; } = [];

    /// <summary>Cases the unit's calls start on their own (Elsa's ExecuteWorkflow without waiting): jobs in the same transaction.</summary>
    public List<CaseStart> CaseStarts { get; } = [];

    /// <summary>Adds one engine run's effects, cancelling waits created and removed within the unit.</summary>
    public void Add(RunResult run)
    {
        Steps.AddRange(run.Steps);
        Decisions.AddRange(run.Decisions);
        foreach (var w in run.NewWaits)
        {
            NewWaits.Add(w);
            newWaitIds.Add(w.Id);
        }
        foreach (var id in run.RemovedWaitIds)
        {
            if (newWaitIds.Remove(id)) NewWaits.RemoveAll(w => w.Id == id);
            else RemovedWaitIds.Add(id);
        }
        if (run.NewIncidents.Count > 0) IncidentsChanged = true;
        Messages.AddRange(run.Messages);
        Signals.AddRange(run.Signals);
        CaseStarts.AddRange(run.CaseStarts);
    }
}

namespace Automation.Data.Schema;

// Table rows. Times are Unix milliseconds (UTC) and case ids text, so SQLite and PostgreSQL store and compare them
// the same way and the hot path can write them with plain parameters.

/// <summary>A stored version of a process definition.</summary>
public sealed class DefinitionRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>BPMN process id (or Elsa definition id).</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Version per process id, from 1.</summary>
    public int Version { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>bpmn or elsa-json.</summary>
    public string Format { get; set; } = "bpmn";

    /// <summary>File name the source came from.</summary>
    public string? FileName { get; set; }

    /// <summary>The full source text (the file may hold several processes; each version row keeps it whole).</summary>
    public string SourceText { get; set; } = "";

    /// <summary>SHA-256 of the source text, hex.</summary>
    public string SourceHash { get; set; } = "";

    /// <summary>Whether new cases may start on this version.</summary>
    public bool Published { get; set; }

    /// <summary>When it was stored.</summary>
    public long CreatedAt { get; set; }

    /// <summary>When it was published.</summary>
    public long? PublishedAt { get; set; }
}

/// <summary>A case (process instance) with its engine state as JSON.</summary>
public sealed class CaseRecord
{
    /// <summary>Case id (GUID text).</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition version the case runs.</summary>
    public long DefinitionId { get; set; }

    /// <summary>Process id (denormalised for queries).</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Business key, e.g. Aktenzeichen.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Engine status.</summary>
    public string Status { get; set; } = "";

    /// <summary>Engine state JSON (without history: that is in the steps table).</summary>
    public string State { get; set; } = "";

    /// <summary>Optimistic concurrency token, incremented by every write.</summary>
    public long Revision { get; set; }

    /// <summary>Start time.</summary>
    public long StartedAt { get; set; }

    /// <summary>Last write.</summary>
    public long UpdatedAt { get; set; }

    /// <summary>End time.</summary>
    public long? EndedAt { get; set; }

    /// <summary>
    /// When the retention period had passed and the case's data was deleted (variables, business key, tasks, history
    /// texts); null while the data is kept. The row stays with status and times, its step rows with their figures.
    /// </summary>
    public long? PurgedAt { get; set; }
}

/// <summary>An open wait state, indexed for timers, message correlation and signals.</summary>
public sealed class WaitRecord
{
    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Wait id within the case.</summary>
    public long WaitId { get; set; }

    /// <summary>UserTask, Timer, Message or Signal.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Node that waits.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Message name.</summary>
    public string? MessageName { get; set; }

    /// <summary>Correlation key the message must carry.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>Signal name.</summary>
    public string? SignalName { get; set; }

    /// <summary>Timer due time.</summary>
    public long? DueAt { get; set; }

    /// <summary>Unused, always false: the Quartz outbox flag of earlier versions (timers are jobs now); kept to need no migration.</summary>
    public bool Scheduled { get; set; }

    /// <summary>When the wait began.</summary>
    public long CreatedAt { get; set; }
}

/// <summary>A human task in a role's inbox.</summary>
public sealed class TaskRecord
{
    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Wait id of the task within the case.</summary>
    public long WaitId { get; set; }

    /// <summary>Process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>User task node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Task name.</summary>
    public string? Name { get; set; }

    /// <summary>Candidate roles, separated by '|' and enclosed in '|' for LIKE matching.</summary>
    public string Roles { get; set; } = "|";

    /// <summary>Who has claimed it (kept only while needed; see retention).</summary>
    public string? Assignee { get; set; }

    /// <summary>
    /// People who may work on it besides the groups (camunda:candidateUsers), stored like <see cref="Roles"/> by
    /// <see cref="TaskCandidates"/>; null without any. Removed with the assignee after the retention period.
    /// </summary>
    public string? CandidateUsers { get; set; }

    /// <summary>open, claimed, completed, cancelled.</summary>
    public string Status { get; set; } = "open";

    /// <summary>Deadline (from the task's am:deadline), null without one.</summary>
    public long? DueAt { get; set; }

    /// <summary>When the deadline passed while the task was still open (set once; the escalation role was added then).</summary>
    public long? EscalatedAt { get; set; }

    /// <summary>Values entered on completion (JSON).</summary>
    public string? FormData { get; set; }

    /// <summary>Created.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Last claim.</summary>
    public long? ClaimedAt { get; set; }

    /// <summary>Milliseconds the task was claimed in total (claim to release or complete), for measured working time.</summary>
    public long ClaimedMillis { get; set; }

    /// <summary>Completed or cancelled.</summary>
    public long? EndedAt { get; set; }
}

/// <summary>One executed step (the case history). The key (case, sequence) makes a duplicate step row impossible.</summary>
public sealed class StepRecord
{
    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Position in the case history.</summary>
    public int Sequence { get; set; }

    /// <summary>Process whose node ran.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Node id.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Node name.</summary>
    public string? NodeName { get; set; }

    /// <summary>Node kind.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Actor kind.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Start.</summary>
    public long StartedAt { get; set; }

    /// <summary>End.</summary>
    public long EndedAt { get; set; }

    /// <summary>Completed, Interrupted or Failed.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Detail.</summary>
    public string? Detail { get; set; }
}

/// <summary>An open incident.</summary>
public sealed class IncidentRecord
{
    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Incident id within the case.</summary>
    public long IncidentId { get; set; }

    /// <summary>Failed node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>When.</summary>
    public long CreatedAt { get; set; }
}

/// <summary>A message that arrived before any case waited for it; kept until it expires.</summary>
public sealed class BufferedMessageRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Message name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Correlation key.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>Payload variables (JSON object).</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>Arrival.</summary>
    public long CreatedAt { get; set; }

    /// <summary>After this it is dropped.</summary>
    public long ExpiresAt { get; set; }
}

/// <summary>
/// An asynchronous continuation: work on one case that any node may pick up (a due timer, a signal or message to
/// deliver). Claimed with row locks so two nodes never run the same one.
/// </summary>
public sealed class JobRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Case the job continues (start-timer: the case the occurrence starts).</summary>
    public string CaseId { get; set; } = "";

    /// <summary>timer, deadline, start-timer, message, signal, broadcast, continuation or start (a called process that runs as a case of its own).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Wait id (timer, deadline, continuation), process:node (start-timer) or name (message, signal).</summary>
    public string Target { get; set; } = "";

    /// <summary>Payload (JSON object) for messages and signals; a started case's variables; a start timer's occurrence number.</summary>
    public string? Payload { get; set; }

    /// <summary>Not before.</summary>
    public long DueAt { get; set; }

    /// <summary>Node holding the job.</summary>
    public string? LockedBy { get; set; }

    /// <summary>Lock expiry: a node that died loses its jobs after this.</summary>
    public long? LockedUntil { get; set; }

    /// <summary>Failed attempts.</summary>
    public int Attempts { get; set; }

    /// <summary>Last error.</summary>
    public string? LastError { get; set; }
}

/// <summary>
/// What the ledger records for a priced step beyond the step itself: the definition version, the factor versions that
/// priced it, staff time, labour cost, and energy and carbon by component. Stored on the step's own row (table
/// <c>steps</c>), so pricing a step adds columns to a row that is written anyway instead of a second row with its own
/// keys. There a figure of 0, an empty factor list and the basis "None" are stored as NULL (nothing to bind, no bytes
/// on PostgreSQL); the view <c>ledger_entries</c> reads them back as 0, "" and "None". The carbon components' properties
/// are named after their columns (<see cref="ComponentColumns"/>).
/// </summary>
public abstract class LedgerStepFigures
{
    /// <summary>Definition version row of the case.</summary>
    public long DefinitionId { get; set; }

    /// <summary>Version label (process id and version number).</summary>
    public string DefinitionVersion { get; set; } = "";

    /// <summary>Authority type (row of the Lohnkostentabelle).</summary>
    public string Authority { get; set; } = "";

    /// <summary>Name of the factor set.</summary>
    public string FactorSet { get; set; } = "";

    /// <summary>Factor versions used, as key@version separated by commas.</summary>
    public string Factors { get; set; } = "";

    /// <summary>KldB occupation code of the role doing the step (never the person).</summary>
    public string? Occupation { get; set; }

    /// <summary>Pay level.</summary>
    public string? PayLevel { get; set; }

    /// <summary>Standard minutes (Zeitwerttabelle).</summary>
    public double StandardMinutes { get; set; }

    /// <summary>Effective staff minutes.</summary>
    public double StaffMinutes { get; set; }

    /// <summary>Measured, Standard or None.</summary>
    public string StaffMinutesBasis { get; set; } = "";

    /// <summary>Labour cost in euros.</summary>
    public double LabourCostEur { get; set; }

    /// <summary>CPU seconds.</summary>
    public double CpuSeconds { get; set; }

    /// <summary>AI inferences.</summary>
    public double Inferences { get; set; }

    /// <summary>Workplace energy Wh.</summary>
    public double WorkplaceWh { get; set; }

    /// <summary>Workplace gCO2e.</summary>
    public double WorkplaceG { get; set; }

    /// <summary>Manufacturing share of the workplace devices gCO2e (SCI M).</summary>
    public double DeviceG { get; set; }

    /// <summary>Compute energy Wh.</summary>
    public double ComputeWh { get; set; }

    /// <summary>Compute gCO2e.</summary>
    public double ComputeG { get; set; }

    /// <summary>AI inference energy Wh.</summary>
    public double AiWh { get; set; }

    /// <summary>AI inference gCO2e.</summary>
    public double AiG { get; set; }

    /// <summary>Paper gCO2e.</summary>
    public double PaperG { get; set; }

    /// <summary>Post gCO2e.</summary>
    public double PostG { get; set; }

    /// <summary>Embodied server share gCO2e (SCI M).</summary>
    public double EmbodiedG { get; set; }

    /// <summary>Citizens' trips (outside the authority's inventory).</summary>
    public double CitizenTrips { get; set; }

    /// <summary>Citizens' kilometres.</summary>
    public double CitizenKm { get; set; }

    /// <summary>Citizens' travel gCO2e (societal figure).</summary>
    public double CitizenG { get; set; }

    /// <summary>Citizens' minutes.</summary>
    public double CitizenMinutes { get; set; }

    /// <summary>Data a connector sent and received, GB, measured (kept so a recomputation prices it again).</summary>
    public double TransferGb { get; set; }

    /// <summary>E-mails a connector sent.</summary>
    public double EmailsSent { get; set; }

    /// <summary>Posted letters those e-mails replaced.</summary>
    public double LettersAvoided { get; set; }

    /// <summary>PDF pages a connector generated (not printed).</summary>
    public double PdfPages { get; set; }

    /// <summary>Post gCO2e the avoided letters would have caused: beside the footprint, never subtracted.</summary>
    public double AvoidedPostG { get; set; }

    /// <summary>Tokens a language model processed for the step, measured.</summary>
    public double AiTokens { get; set; }

    /// <summary>Size class of that model (small, medium, large), when tokens were measured.</summary>
    public string? AiSizeClass { get; set; }

    /// <summary>
    /// Keyed pseudonym (HMAC-SHA-256 with the server's secret) of the person who worked the step, kept only to count
    /// distinct people behind measured times; removed with the assignee retention. Never returned by any query.
    /// </summary>
    public string? WorkerKey { get; set; }
}

/// <summary>The figures the writer stores on a priced step's row (see <see cref="LedgerStepFigures"/>).</summary>
public sealed class StepLedger : LedgerStepFigures;

/// <summary>
/// One priced step of a case (append-only), read through the view <c>ledger_entries</c>: the step's identity and times
/// with its <see cref="LedgerStepFigures"/>. Written with the step row, in the same statement.
/// </summary>
public sealed class LedgerEntryRecord : LedgerStepFigures
{
    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Sequence of the priced step.</summary>
    public int Sequence { get; set; }

    /// <summary>Process whose node ran.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Node name.</summary>
    public string? NodeName { get; set; }

    /// <summary>Actor kind: Human, Automated, AiAssisted.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Completed, Interrupted or Failed.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Start.</summary>
    public long StartedAt { get; set; }

    /// <summary>End.</summary>
    public long EndedAt { get; set; }
}

using Automation.Engine.Accounting;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>Settings of a <see cref="WorkflowHost"/>.</summary>
public sealed class WorkflowHostOptions
{
    /// <summary>Name of this node in job locks (default: machine name and process id).</summary>
    public string NodeName { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Actions service tasks are bound to.</summary>
    public ServiceActionRegistry Actions { get; init; } = ServiceActionRegistry.WithBuiltIns();

    /// <summary>Script limits.</summary>
    public ScriptLimits ScriptLimits { get; init; } = ScriptLimits.Default;

    /// <summary>
    /// How long the scripts of one run may take on the thread that started it (a timer firing, a job delivery, a
    /// request). A run that needs longer is dropped unsaved and run again on the script threads, so a slow script
    /// never holds the threads that fire timers and deliver jobs for longer than this.
    /// </summary>
    public TimeSpan InlineScriptBudget { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Script threads for the runs that need longer than <see cref="InlineScriptBudget"/>; 0 picks one per core (at least 2).</summary>
    public int ScriptThreads { get; init; }

    /// <summary>
    /// How long all scripts of one run (until the case waits again) may take together on a script thread; past it the
    /// running script fails with a timeout incident. Bounds how long one case holds a script thread.
    /// </summary>
    public TimeSpan ScriptRunBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a message that no case waits for is kept for a case that will wait for it.</summary>
    public TimeSpan MessageBufferTime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether to run the job worker (timers, deadlines, timer start events, thrown messages and signals) on this node.
    /// Off for pure API clients and benchmarks; their timers' jobs are written all the same and fired by a node that runs it.
    /// </summary>
    public bool RunScheduler { get; init; } = true;

    /// <summary>Cases per transaction at most (group commit).</summary>
    public int MaxBatch { get; init; } = 128;

    /// <summary>Writer loops (connections writing in parallel); 0 picks 1 on SQLite and 4 on PostgreSQL.</summary>
    public int Writers { get; init; }

    /// <summary>How often the job worker polls for due jobs (timers, deadlines, signals, messages) when it found none.</summary>
    public TimeSpan JobPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the job worker checks whether another node added a factor version.</summary>
    public TimeSpan FactorRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether every executed task is priced into the ledger (staff time, €, energy, carbon).</summary>
    public bool Ledger { get; init; } = true;

    /// <summary>Authority type of this deployment: the row of the Lohnkostentabelle that prices staff time.</summary>
    public AuthorityType Authority { get; init; } = AuthorityType.Kommune;

    /// <summary>
    /// How long the person who completed a task stays recorded after the task ended (staff privacy: kept only as long
    /// as the case needs it plus this period, then removed by the job worker).
    /// </summary>
    public TimeSpan AssigneeRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a case's data is kept after the case ended when its definition states no <c>am:retention</c>
    /// (Aufbewahrungsfrist; default ten years). Afterwards the job worker deletes the case's variables, tasks,
    /// incidents and history texts and keeps its ledger figures (see <see cref="WorkflowHost.PurgeExpiredCasesAsync"/>).
    /// </summary>
    public RetentionPeriod CaseRetention { get; init; } = DefaultCaseRetention;

    /// <summary>The server's retention default: ten years after a case ended.</summary>
    public static RetentionPeriod DefaultCaseRetention { get; } = new(120, 0);

    /// <summary>The clock of the retention periods and their background jobs (tests move it forward).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The reference factors: seeded into the <c>factor_versions</c> table on first start (the ledger then prices
    /// with the table, see <see cref="FactorCatalog"/>); their <see cref="FactorSet.NotDefined"/> cells stay in force.
    /// </summary>
    public FactorSet Factors { get; init; } = FactorSet.Default;

    /// <summary>
    /// Secret key (at least 32 bytes) for the keyed pseudonym of the person behind a measured step, used only to count
    /// distinct people for the privacy threshold and removed with <see cref="AssigneeRetention"/>. Null records no
    /// pseudonym: measured times then never pass the people threshold.
    /// </summary>
    public IReadOnlyList<byte>? WorkerPseudonymKey { get; init; }
}

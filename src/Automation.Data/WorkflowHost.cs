using System.Globalization;
using System.Text.Json;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Data;

/// <summary>
/// Runs cases durably: every run-until-wait is one all-or-nothing write of the case, its new step rows, waits,
/// tasks and jobs (group-committed with other cases'), guarded by optimistic concurrency. Timers, task deadlines,
/// signals and messages thrown by cases become jobs in the same transaction, which any node claims with row locks.
/// Engine calls run on the calling thread under the inline script budget; a run whose scripts need longer is
/// dropped unsaved and run again on the script threads (<see cref="ScriptRunner"/>): awaited by requests, handed
/// over by timers and jobs, whose threads go back to firing and delivering at once.
/// </summary>
public sealed partial class WorkflowHost : IAsyncDisposable
{
    private const int MaxAttempts = 10;

    private readonly WorkflowHostOptions options;
    private readonly ILogger logger;
    private readonly CaseStore store;
    private readonly GroupCommitter committer;
    private readonly LedgerWriter ledgerWriter = new();
    private readonly WorkflowEngine engine;
    private JobWorker? jobs;
    private readonly SqliteCheckpointer? checkpointer;
    private readonly ScriptRunner scripts;
    private readonly CancellationTokenSource stopping = new();
    private int disposed;

    private WorkflowHost(AutomationDatabase database, WorkflowHostOptions options, ILoggerFactory loggerFactory)
    {
        Database = database;
        this.options = options;
        LoggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<WorkflowHost>();
        store = new CaseStore(database);
        Factors = new FactorCatalog(database, options.Factors);
        // A step the ledger could not price is refused at publish, never priced as a silent zero.
        // A step the ledger could not price, or a business rule task whose decision is not published, is refused at publish.
        Definitions = new DefinitionCatalog(database, set => [.. Decisions!.CheckReferences(set), .. options.Ledger
            ? PricingCheck.Check(set.Processes, Factors.Current, options.Authority, DateTimeOffset.UtcNow)
            : []]);
        Decisions = new DecisionCatalog(database, Definitions);
        var writers = options.Writers > 0 ? options.Writers : database.Provider == DatabaseProvider.Sqlite ? 1 : 4;
        committer = new GroupCommitter(store, writers, options.MaxBatch);
        if (database.Provider == DatabaseProvider.Sqlite) checkpointer = new SqliteCheckpointer(database, logger);
        engine = new WorkflowEngine(new EngineOptions
        {
            Actions = options.Actions,
            ScriptLimits = options.ScriptLimits,
            ResolveProcess = ResolveProcess,
            // A call runs on the version it started with: its scope keeps the key "process@version", as the ledger names it.
            VersionOf = process => Definitions.Of(process)?.Key,
            ResolveVersion = key => FindVersion(key)?.Process,
            ResolveDecision = Decisions.Resolve,
            KeepHistory = false,
            UnknownActions = UnknownActionPolicy.ExternalTask,
            AsyncContinuations = true,
            DetachedCallsAsCases = true,
        });
        scripts = new ScriptRunner(options.ScriptThreads > 0 ? options.ScriptThreads : Math.Max(2, Environment.ProcessorCount), options.ScriptRunBudget);
    }

    /// <summary>The database.</summary>
    public AutomationDatabase Database { get; }

    /// <summary>Definition versions.</summary>
    public DefinitionCatalog Definitions { get; }

    /// <summary>Published DMN decisions.</summary>
    public DecisionCatalog Decisions { get; }

    /// <summary>The factor table the ledger prices with.</summary>
    public FactorCatalog Factors { get; }

    /// <summary>Authority type of this deployment (row of the Lohnkostentabelle).</summary>
    public AuthorityType Authority => options.Authority;

    /// <summary>This node's name.</summary>
    public string NodeName => options.NodeName;

    internal ILoggerFactory LoggerFactory { get; }

    /// <summary>Set when the database failed so that the host stopped taking work (disk full, read-only).</summary>
    public StorageException? Stopped => committer.Stopped;

    /// <summary>Migrates the database, loads published definitions and starts timers and the job worker.</summary>
    public static async Task<WorkflowHost> StartAsync(DatabaseOptions database, WorkflowHostOptions? options = null,
        ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new WorkflowHostOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        // Each phase's time goes to the Debug log: where a start spends its time (docs/operator-guide.md, start figures).
        var phases = new StartPhases(loggerFactory.CreateLogger<WorkflowHost>());
        var db = new AutomationDatabase(database);
        await db.MigrateAsync(loggerFactory.CreateLogger<AutomationDatabase>(), cancellationToken: ct);
        phases.Done("schema check and migrations");
        var host = new WorkflowHost(db, options, loggerFactory);
        await host.Factors.InitializeAsync(ct);
        phases.Done("factor catalog");
        var published = await host.Definitions.GetAllLatestPublishedAsync(ct);
        phases.Done("published definitions");
        if (options.RunScheduler)
        {
            foreach (var d in published) await host.ScheduleStartTimersAsync(d, ct);
            await host.ReconcileTimerJobsAsync(ct);
            phases.Done("start timers and reconciliation");
            host.jobs = new JobWorker(host, options);
        }
        return host;
    }

    /// <summary>Validates and stores a file's processes as new versions; published versions get their start timers.</summary>
    public Task<DeployResult> DeployAsync(string sourceText, string fileName, bool publish = true, CancellationToken ct = default) =>
        AfterDeployAsync(Definitions.DeployAsync(sourceText, fileName, publish, ct), ct);

    /// <summary>As <see cref="DeployAsync(string, string, bool, CancellationToken)"/>, for a file the caller has already read.</summary>
    public Task<DeployResult> DeployAsync(DefinitionSet set, string sourceText, string fileName, bool publish, CancellationToken ct = default) =>
        AfterDeployAsync(Definitions.DeployAsync(set, sourceText, fileName, publish, ct), ct);

    /// <summary>Publishes the versions a deploy has just stored unpublished, without checking the file again; they get their start timers.</summary>
    public Task<DeployResult> PublishAsync(DeployResult stored, CancellationToken ct = default) =>
        AfterDeployAsync(Definitions.PublishAsync(stored, ct), ct);

    private async Task<DeployResult> AfterDeployAsync(Task<DeployResult> deploying, CancellationToken ct)
    {
        var result = await deploying;
        // Also on a node without the job worker: the job is in the database for whichever node runs one.
        foreach (var d in result.Versions.Where(v => v.Published)) await ScheduleStartTimersAsync(d, ct);
        return result;
    }

    /// <summary>Starts a case on the latest published version of a process.</summary>
    /// <exception cref="NotFoundException">No published version.</exception>
    /// <exception cref="WorkflowInputException">Bad start event or variables.</exception>
    public async Task<CaseSnapshot> StartCaseAsync(string processId, IEnumerable<KeyValuePair<string, object?>>? variables = null,
        string? businessKey = null, string? startEventId = null, Guid? caseId = null, string? startedBy = null, CancellationToken ct = default)
    {
        var definition = await Definitions.GetLatestPublishedAsync(processId, ct)
            ?? throw new NotFoundException(Texte.Format(Texte.ServerProzessHatVeroeffentlichteVersion, processId));
        return await StartCaseAsync(definition, variables, businessKey, startEventId, caseId, startedBy, ct);
    }

    /// <summary>
    /// Starts a case on a given definition version; <paramref name="startedBy"/> is the user name of the person starting
    /// it (the start event's camunda:initiator variable receives it), null when no person does (timers, thrown messages).
    /// </summary>
    public async Task<CaseSnapshot> StartCaseAsync(StoredDefinition definition, IEnumerable<KeyValuePair<string, object?>>? variables = null,
        string? businessKey = null, string? startEventId = null, Guid? caseId = null, string? startedBy = null, CancellationToken ct = default) =>
        await StartCaseAsync(definition, variables, businessKey, startEventId, caseId, null, false, ct, startedBy: startedBy)
        ?? throw new ConcurrencyConflictException(Texte.ServerVorgangNichtGestartet);

    /// <summary>
    /// Starts a case for a timer start event's job, deleting it and writing <paramref name="next"/> (the next occurrence's
    /// job, if any) in the same transaction; a run that needs the script threads is handed to them (<see cref="RunHandedOverException"/>).
    /// </summary>
    private Task<CaseSnapshot?> StartCaseForTimerAsync(StoredDefinition definition, string startEventId, Guid caseId, long jobId, JobRecord? next,
        CancellationToken ct) =>
        StartCaseAsync(definition, null, null, startEventId, caseId, jobId, true, ct, next: next);

    /// <summary>
    /// Starts a case; with <paramref name="jobId"/> the job is deleted in the same transaction (null when another node did it),
    /// and <paramref name="next"/> is written there. With <paramref name="background"/> a run that needs the script threads
    /// is handed to them and <see cref="RunHandedOverException"/> thrown.
    /// </summary>
    private async Task<CaseSnapshot?> StartCaseAsync(StoredDefinition definition, IEnumerable<KeyValuePair<string, object?>>? variables,
        string? businessKey, string? startEventId, Guid? caseId, long? jobId, bool background, CancellationToken ct, bool onScriptThreads = false,
        string? startedBy = null, JobRecord? next = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ThrowIfStopped();
        var values = variables?.ToList();
        for (var attempt = 1; ; attempt++)
        {
            RunResult run;
            CaseWrite unit;
            try
            {
                // A definition that needed the script threads a moment ago goes there without spending the inline budget again.
                if (!onScriptThreads && KnownSlow(definition.Id)) throw new ScriptBudgetExceededException();
                run = await RunEngineAsync(onScriptThreads, () => engine.Start(definition.Process, values, businessKey, startEventId, caseId, startedBy), ct);
                unit = new CaseWrite(run.State, definition.Id, 0) { CompletedJobId = jobId };
                await AddRunAsync(definition, unit, run, onScriptThreads, ct);
                if (next is not null) unit.NewJobs.Add(next);
            }
            catch (ScriptBudgetExceededException) when (!onScriptThreads)
            {
                MoveToScriptThreads(definition.Id, background,
                    token => StartCaseAsync(definition, values, businessKey, startEventId, caseId, jobId, false, token, onScriptThreads: true, startedBy, next));
                onScriptThreads = true;
                attempt--;
                continue;
            }
            PriceLedger(definition, unit);
            var outcome = await committer.SubmitAsync(unit);
            if (outcome == CommitOutcome.Committed)
            {
                AfterCommit(unit);
                return Snapshot(unit);
            }
            if (jobId is { } job && !await JobExistsAsync(job, ct)) return null;
            // A given case id that exists already was started before. A timer start's occurrence (the only job with a case
            // id) is then done: its job goes here, also on the script threads, where nobody would catch an exception.
            if (caseId is { } given && jobId is { } occurrence)
            {
                if (await store.LoadAsync(given, ct) is not null)
                {
                    await DeleteJobAsync(occurrence, ct);
                    return null;
                }
            }
            else if (caseId is not null) throw new ConcurrencyConflictException(Texte.Format(Texte.ServerVorgangGibtEsSchon, caseId));
            // Otherwise only a buffered message taken by another node can conflict a new case: start again.
            if (attempt >= MaxAttempts) throw new ConcurrencyConflictException(Texte.Format(Texte.ServerVorgangStartNachVersuchen, definition.Process.Id, attempt));
        }
    }

    /// <summary>Fires a due timer. Idempotent: a timer that already fired (or whose wait ended) does nothing.</summary>
    public Task<bool> FireTimerAsync(Guid caseId, long waitId, CancellationToken ct = default) => FireTimerAsync(caseId, waitId, null, ct);

    /// <summary>
    /// Fires a due timer; with <paramref name="jobId"/> (the job worker) the job is deleted in the transaction that fires it,
    /// or alone when the wait or case is gone, and a run that needs the script threads is handed to them.
    /// </summary>
    internal async Task<bool> FireTimerAsync(Guid caseId, long waitId, long? jobId, CancellationToken ct)
    {
        var fired = false;
        await ContinueAsync(caseId, jobId, (definition, state, _) =>
        {
            if (state.FindWait(waitId) is not { Kind: WaitKind.Timer }) return null;
            fired = true;
            return engine.FireTimer(definition.Process, state, waitId);
        }, ct, missingCaseIsNull: true, background: jobId is not null);
        return fired;
    }

    /// <summary>
    /// Correlates a message by name and key: to the waiting case, else to a message start event, else into the buffer.
    /// With a <paramref name="scope"/> only cases and start events of its definition versions are reached, and a message
    /// none of them takes is not buffered (<see cref="MessageDelivery.NotDelivered"/>, nothing stored): a buffered
    /// message could otherwise reach a case outside the scope later. The person sending it (<paramref name="startedBy"/>)
    /// is the initiator of a case it starts.
    /// </summary>
    public Task<MessageResult> CorrelateMessageAsync(string messageName, string? correlationKey = null,
        IEnumerable<KeyValuePair<string, object?>>? payload = null, CaseScope? scope = null, string? startedBy = null, CancellationToken ct = default) =>
        CorrelateMessageAsync(messageName, correlationKey, payload, null, scope, ct, startedBy);

    /// <summary>
    /// Correlates a message; with <paramref name="jobId"/> (a message another case threw) the job is deleted in the same
    /// transaction that delivers, starts or buffers it, so it takes effect exactly once. Null when another node did it.
    /// Such a job comes from the job worker: a run that needs the script threads is handed to them
    /// (<see cref="RunHandedOverException"/>), the job deleted there.
    /// </summary>
    internal async Task<MessageResult> CorrelateMessageAsync(string messageName, string? correlationKey,
        IEnumerable<KeyValuePair<string, object?>>? payload, long? jobId, CaseScope? scope, CancellationToken ct, string? startedBy = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageName);
        ThrowIfStopped();
        var values = payload?.ToList();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var target = await FindMessageWaitAsync(messageName, correlationKey, scope, ct);
            if (target is null) break;
            var matched = false;
            var delivered = await ContinueAsync(target.Value, jobId, (definition, state, _) =>
            {
                var run = engine.CorrelateMessage(definition.Process, state, messageName, correlationKey, values);
                matched = run.Matched;
                return run.Matched ? run : null;
            }, ct, missingCaseIsNull: true, noChangeCompletesJob: false, background: jobId is not null);
            if (matched && delivered is not null) return new MessageResult(MessageDelivery.Delivered, target);
            if (jobId is { } j && !await JobExistsAsync(j, ct)) return new MessageResult(MessageDelivery.Delivered, null);
        }
        foreach (var definition in await Definitions.GetAllLatestPublishedAsync(ct))
        {
            if (scope is not null && !scope.Includes(definition.Id)) continue;
            var start = definition.Process.StartEventsIn(null).FirstOrDefault(s => s.Trigger == EventTrigger.Message && s.MessageName == messageName);
            if (start is null) continue;
            var started = await StartCaseAsync(definition, values, correlationKey, start.Id, null, jobId, jobId is not null, ct, startedBy: startedBy);
            return new MessageResult(MessageDelivery.Started, started?.CaseId);
        }
        if (scope is not null) return new MessageResult(MessageDelivery.NotDelivered, null);
        await BufferMessageAsync(messageName, correlationKey, values, jobId, ct);
        return new MessageResult(MessageDelivery.Buffered, null);
    }

    /// <summary>
    /// Broadcasts a signal: every case waiting for it gets a job (delivered by any node's job worker), and
    /// published processes with a signal start event start a case. Returns the number of cases reached. With a
    /// <paramref name="scope"/> only cases and start events of its definition versions are reached. The person sending it
    /// (<paramref name="startedBy"/>) is the initiator of the cases it starts, as with a message start.
    /// </summary>
    public Task<int> BroadcastSignalAsync(string signalName, IEnumerable<KeyValuePair<string, object?>>? payload = null,
        CaseScope? scope = null, string? startedBy = null, CancellationToken ct = default) =>
        BroadcastSignalAsync(signalName, payload, scope, false, ct, startedBy);

    /// <summary>Broadcasts a signal; with <paramref name="background"/> (the job worker) cases whose start needs the script threads are started there.</summary>
    internal async Task<int> BroadcastSignalAsync(string signalName, IEnumerable<KeyValuePair<string, object?>>? payload, CaseScope? scope, bool background,
        CancellationToken ct, string? startedBy = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(signalName);
        ThrowIfStopped();
        var values = payload?.ToList();
        var payloadJson = values is null ? null : JsonSerializer.Serialize(Variables.NormalizeAll(values));
        var reached = 0;
        if (scope is null || scope.DefinitionIds.Count > 0)
        {
            await using var connection = await Database.OpenAsync(ct);
            await using var cmd = CaseStore.Command(connection, null,
                "INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) " +
                "SELECT DISTINCT w.case_id, 'signal', @name, @payload, @now, 0 FROM waits w " +
                (scope is null ? "" : "JOIN cases c ON c.id = w.case_id ") +
                "WHERE w.kind = 'Signal' AND w.signal_name = @name" + ScopeCondition(scope));
            CaseStore.Add(cmd, "@name", signalName);
            CaseStore.Add(cmd, "@payload", payloadJson);
            CaseStore.Add(cmd, "@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            AddScopeParameters(cmd, scope);
            reached = await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var definition in await Definitions.GetAllLatestPublishedAsync(ct))
        {
            if (scope is not null && !scope.Includes(definition.Id)) continue;
            foreach (var start in definition.Process.StartEventsIn(null).Where(s => s.Trigger == EventTrigger.Signal && s.SignalName == signalName))
            {
                try
                {
                    await StartCaseAsync(definition, values, null, start.Id, null, null, background, ct, startedBy: startedBy);
                }
                catch (RunHandedOverException)
                {
                    // Started on the script threads; the other start events and the broadcast go on here.
                }
                reached++;
            }
        }
        jobs?.Wake();
        return reached;
    }

    /// <summary>Delivers a signal to one case (called by the job worker).</summary>
    internal Task DeliverSignalAsync(Guid caseId, string signalName, IReadOnlyList<KeyValuePair<string, object?>>? payload, long jobId, CancellationToken ct) =>
        ContinueAsync(caseId, jobId, (definition, state, _) =>
        {
            var run = engine.BroadcastSignal(definition.Process, state, signalName, payload);
            return run.Matched ? run : null;
        }, ct, missingCaseIsNull: true, background: true);

    /// <summary>Cancels a case.</summary>
    public async Task<CaseSnapshot> CancelCaseAsync(Guid caseId, string reason = "cancelled", CancellationToken ct = default) =>
        await ContinueAsync(caseId, null, (definition, state, _) => engine.Cancel(definition.Process, state, reason), ct)
        ?? throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, caseId));

    /// <summary>Retries the failed step of an incident.</summary>
    public async Task<CaseSnapshot> RetryIncidentAsync(Guid caseId, long incidentId, CancellationToken ct = default) =>
        await ContinueAsync(caseId, null, (definition, state, unit) =>
        {
            unit.IncidentsChanged = true;
            return engine.RetryIncident(definition.Process, state, incidentId);
        }, ct) ?? throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, caseId));

    /// <summary>Reads a case.</summary>
    public async Task<CaseSnapshot?> GetCaseAsync(Guid caseId, CancellationToken ct = default)
    {
        var loaded = await store.LoadAsync(caseId, ct);
        return loaded is { } l ? new CaseSnapshot(caseId, l.DefinitionId, l.State.Status, l.State) : null;
    }

    /// <summary>Claims an open task for a person. Claiming a task someone else holds is a conflict.</summary>
    public async Task ClaimTaskAsync(Guid caseId, long waitId, string user, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var changed = await UpdateTaskAsync(caseId, waitId,
            "UPDATE tasks SET status = 'claimed', assignee = @user, claimed_at = @now WHERE case_id = @c AND wait_id = @w " +
            "AND (status = 'open' OR (status = 'claimed' AND assignee = @user))", user, now, ct);
        if (!changed) throw await TaskProblemAsync(caseId, waitId, ct);
    }

    /// <summary>Releases a task claimed by the person, adding the claimed time to its measured working time.</summary>
    public async Task ReleaseTaskAsync(Guid caseId, long waitId, string user, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var changed = await UpdateTaskAsync(caseId, waitId,
            "UPDATE tasks SET status = 'open', assignee = NULL, claimed_millis = claimed_millis + (@now - claimed_at), claimed_at = NULL " +
            "WHERE case_id = @c AND wait_id = @w AND status = 'claimed' AND assignee = @user", user, now, ct);
        if (!changed) throw await TaskProblemAsync(caseId, waitId, ct);
    }

    /// <summary>Gives an open or claimed task to another person (a team lead's action).</summary>
    public async Task ReassignTaskAsync(Guid caseId, long waitId, string user, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var changed = await UpdateTaskAsync(caseId, waitId,
            "UPDATE tasks SET claimed_millis = claimed_millis + CASE WHEN claimed_at IS NULL THEN 0 ELSE @now - claimed_at END, " +
            "status = 'claimed', assignee = @user, claimed_at = @now WHERE case_id = @c AND wait_id = @w AND status IN ('open', 'claimed')", user, now, ct);
        if (!changed) throw await TaskProblemAsync(caseId, waitId, ct);
    }

    // ---- internals ----------------------------------------------------------------------------------------

    private ProcessDefinition? ResolveProcess(string processId) => ResolveDefinition(processId)?.Process;

    private StoredDefinition? FindVersion(string key)
    {
        var at = key.LastIndexOf('@');
        return at > 0 && int.TryParse(key.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? Definitions.Find(key[..at], version) : null;
    }

    /// <summary>The version a called process's step ran on (its scope's key), else, for steps of scopes without one, the newest.</summary>
    private StoredDefinition? DefinitionOfStep(StepEvent step) =>
        step.ProcessVersion is { } key ? FindVersion(key) : ResolveDefinition(step.ProcessId);

    private StoredDefinition? ResolveDefinition(string processId) =>
        // Deployed on another node since this one started: read it once.
        Definitions.FindLatestPublished(processId) ?? Definitions.GetLatestPublishedAsync(processId).GetAwaiter().GetResult();

    private void ThrowIfStopped()
    {
        if (committer.Stopped is { } stopped) throw stopped;
    }

    // noChangeCompletesJob: a job is done when the action changes nothing (a signal for a case that no longer waits),
    // unless it must be tried elsewhere (a message that found this wait taken).
    // background: a run that needs the script threads is handed to them and RunHandedOverException thrown (timers, jobs);
    // otherwise the caller waits for it there (requests).
    // load: how the case is read (default: CaseStore.LoadAsync); task completion reads its task row in the same statement.
    private async Task<CaseSnapshot?> ContinueAsync(Guid caseId, long? jobId, Func<StoredDefinition, CaseState, CaseWrite, RunResult?> action,
        CancellationToken ct, bool missingCaseIsNull = false, bool noChangeCompletesJob = true, bool background = false, bool onScriptThreads = false,
        Func<CancellationToken, Task<(CaseState State, long Revision, long DefinitionId)?>>? load = null)
    {
        ThrowIfStopped();
        for (var attempt = 1; ; attempt++)
        {
            var loaded = load is null ? await store.LoadAsync(caseId, ct) : await load(ct);
            if (loaded is null)
            {
                if (jobId is { } gone && noChangeCompletesJob) await DeleteJobAsync(gone, ct);
                if (missingCaseIsNull) return null;
                throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, caseId));
            }
            var (state, revision, definitionId) = loaded.Value;
            var definition = await Definitions.GetAsync(definitionId, ct);
            var unit = new CaseWrite(state, definitionId, revision) { CompletedJobId = jobId };
            RunResult? run;
            try
            {
                // A definition that needed the script threads a moment ago goes there without spending the inline budget again.
                if (!onScriptThreads && KnownSlow(definitionId)) throw new ScriptBudgetExceededException();
                run = await RunEngineAsync(onScriptThreads, () => action(definition, state, unit), ct);
                if (run is not null) await AddRunAsync(definition, unit, run, onScriptThreads, ct);
            }
            catch (ScriptBudgetExceededException) when (!onScriptThreads)
            {
                // The half-run state is dropped: the next round loads the case again.
                MoveToScriptThreads(definitionId, background,
                    token => ContinueAsync(caseId, jobId, action, token, missingCaseIsNull, noChangeCompletesJob, onScriptThreads: true, load: load));
                onScriptThreads = true;
                attempt--;
                continue;
            }
            if (run is null)
            {
                if (jobId is { } j && noChangeCompletesJob) await DeleteJobAsync(j, ct);
                return new CaseSnapshot(caseId, definitionId, state.Status, state);
            }
            PriceLedger(definition, unit);
            if (await committer.SubmitAsync(unit) == CommitOutcome.Committed)
            {
                AfterCommit(unit);
                return Snapshot(unit);
            }
            if (jobId is { } job && !await JobExistsAsync(job, ct)) return null;
            if (attempt >= MaxAttempts) throw new ConcurrencyConflictException(Texte.Format(Texte.ServerVorgangGeaendertAbgebrochen, caseId, attempt));
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
        }
    }

    /// <summary>Adds a run to a unit with its follow-ups: tasks for new human waits, buffered messages, thrown messages and signals.</summary>
    private async Task AddRunAsync(StoredDefinition definition, CaseWrite unit, RunResult run, bool onScriptThreads, CancellationToken ct)
    {
        unit.Add(run);
        var state = unit.State;
        // A message that arrived before its catch event is delivered as soon as the case waits for it.
        for (var round = 0; round < 16; round++)
        {
            var waiting = state.Waits.Where(w => w.Kind == WaitKind.Message && w.MessageName is not null).ToList();
            if (waiting.Count == 0) break;
            var delivered = false;
            foreach (var wait in waiting)
            {
                var buffered = await FindBufferedAsync(wait.MessageName!, wait.CorrelationKey ?? state.BusinessKey, unit.TakenBufferedMessages, ct);
                if (buffered is null) continue;
                var next = await RunEngineAsync(onScriptThreads,
                    () => engine.CorrelateMessage(definition.Process, state, wait.MessageName!, wait.CorrelationKey, buffered.Value.Payload), ct);
                if (!next.Matched) continue;
                unit.TakenBufferedMessages.Add(buffered.Value.Id);
                unit.Add(next);
                delivered = true;
                break;
            }
            if (!delivered) break;
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var wait in unit.NewWaits.Where(w => w.Kind == WaitKind.UserTask))
        {
            var node = engine.NodeOf(definition.Process, state, wait);
            unit.NewTasks.Add(new TaskRecord
            {
                CaseId = CaseStore.Id(state.CaseId),
                WaitId = wait.Id,
                ProcessId = definition.Process.Id,
                NodeId = wait.NodeId,
                Name = node?.Name,
                Roles = "|" + string.Join('|', wait.Roles) + "|",
                Assignee = wait.Assignee,
                CandidateUsers = TaskCandidates.Format(wait.CandidateUsers),
                Status = wait.Assignee is null ? "open" : "claimed",
                CreatedAt = wait.CreatedAt.ToUnixTimeMilliseconds(),
                DueAt = wait.DueAt?.ToUnixTimeMilliseconds(),
                ClaimedAt = wait.Assignee is null ? null : now,
            });
        }
        foreach (var wait in unit.NewWaits.Where(w => w.Kind == WaitKind.ExternalTask))
        {
            unit.NewExternalTasks.Add(new ExternalTaskRecord
            {
                CaseId = CaseStore.Id(state.CaseId),
                WaitId = wait.Id,
                Topic = wait.Topic ?? "",
                ProcessId = wait.ScopeId == 0 ? definition.Process.Id : state.Scopes.Find(sc => sc.Id == wait.ScopeId)?.ProcessId ?? definition.Process.Id,
                NodeId = wait.NodeId,
                BusinessKey = state.BusinessKey,
                Inputs = JsonSerializer.Serialize(wait.InputMap ?? []),
                Variables = JsonSerializer.Serialize(engine.VariablesOf(definition.Process, state, wait)),
                DueAt = wait.CreatedAt.ToUnixTimeMilliseconds(),
                CreatedAt = wait.CreatedAt.ToUnixTimeMilliseconds(),
            });
        }
        // A transaction boundary: the job continues the case after this unit is committed (the outbox: same transaction).
        foreach (var wait in unit.NewWaits.Where(w => w.Kind == WaitKind.Continuation))
        {
            unit.NewJobs.Add(new JobRecord
            {
                CaseId = CaseStore.Id(state.CaseId),
                Kind = "continuation",
                Target = wait.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DueAt = now,
            });
        }
        foreach (var message in unit.Messages)
        {
            unit.NewJobs.Add(new JobRecord
            {
                CaseId = CaseStore.Id(state.CaseId),
                Kind = "message",
                Target = message.Name,
                Payload = JsonSerializer.Serialize(new Dictionary<string, string?> { ["correlationKey"] = message.CorrelationKey }),
                DueAt = now,
            });
        }
        // Timers and deadlines: the job is written with its wait (the outbox: same transaction), so none is lost after a commit.
        foreach (var wait in unit.NewWaits)
        {
            if (TimerJobs.For(state.CaseId, wait) is { } job) unit.NewJobs.Add(job);
        }
        foreach (var signal in unit.Signals)
        {
            unit.NewJobs.Add(new JobRecord { CaseId = CaseStore.Id(state.CaseId), Kind = "broadcast", Target = signal, DueAt = now });
        }
        // A called workflow that runs on its own starts once this case's step is committed, whatever becomes of this case.
        foreach (var start in unit.CaseStarts)
        {
            unit.NewJobs.Add(new JobRecord
            {
                CaseId = CaseStore.Id(state.CaseId),
                Kind = "start",
                Target = start.ProcessId,
                Payload = JsonSerializer.Serialize(start.Variables),
                DueAt = now,
            });
        }
    }

    private void PriceLedger(StoredDefinition definition, CaseWrite unit)
    {
        if (!options.Ledger || unit.Steps.Count == 0) return;
        if (ledgerWriter.Price(unit, definition, DefinitionOfStep, Factors.Current, options.Authority) is not { } failures) return;
        foreach (var (step, reason) in failures) LogUnpriced(logger, step.CaseId, step.NodeId, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger: step {NodeId} of case {CaseId} could not be priced: {Reason}")]
    private static partial void LogUnpriced(ILogger logger, Guid caseId, string nodeId, string reason);

    private void AfterCommit(CaseWrite unit)
    {
        if (unit.NewExternalTasks.Count > 0) externalTasks.Pulse();
        // A timer or deadline due later is claimed at its time by the worker's poll; only work due now wakes it.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (unit.NewJobs.Exists(j => j.DueAt <= now)) jobs?.Wake();
    }

    private static CaseSnapshot Snapshot(CaseWrite unit) => new(unit.State.CaseId, unit.DefinitionId, unit.State.Status, unit.State);
}

using System.Globalization;
using System.Text.Json;
using Automation.Engine.Accounting;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Data;

/// <summary>A topic a worker asks for and how long it locks the tasks it gets.</summary>
/// <param name="Name">The topic.</param>
/// <param name="LockDuration">How long the lock holds; the worker extends it or the task returns to the pool.</param>
public sealed record ExternalTaskTopic(string Name, TimeSpan LockDuration);

/// <summary>An external task a worker has locked.</summary>
/// <param name="Id">The task's id (<see cref="ExternalTaskIds"/>).</param>
/// <param name="CaseId">Its case.</param>
/// <param name="WaitId">Its wait in the case.</param>
/// <param name="Topic">The topic.</param>
/// <param name="ProcessId">The process of the step.</param>
/// <param name="NodeId">The service task.</param>
/// <param name="BusinessKey">The case's business key.</param>
/// <param name="Inputs">The step's inputs.</param>
/// <param name="Variables">The variables the step sees, as they were when it started.</param>
/// <param name="Retries">Retries left as the worker last set them; null before the first failure.</param>
/// <param name="ErrorMessage">The last failure's message.</param>
/// <param name="WorkerId">Who holds the lock.</param>
/// <param name="LockExpiresAt">When the lock ends.</param>
/// <param name="CreatedAt">When the step started waiting.</param>
/// <param name="Attempts">How often it was fetched, this time included.</param>
public sealed record LockedExternalTask(string Id, Guid CaseId, long WaitId, string Topic, string ProcessId, string NodeId, string? BusinessKey,
    IReadOnlyDictionary<string, object?> Inputs, IReadOnlyDictionary<string, object?> Variables, int? Retries, string? ErrorMessage,
    string WorkerId, DateTimeOffset LockExpiresAt, DateTimeOffset CreatedAt, int Attempts);

/// <summary>The one format of external task ids: the case id and the wait id, "&lt;case&gt;.&lt;wait&gt;".</summary>
public static class ExternalTaskIds
{
    /// <summary>The id of a case's external task.</summary>
    public static string Format(Guid caseId, long waitId) => caseId.ToString("D") + "." + waitId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads an id; false for anything else.</summary>
    public static bool TryParse(string? id, out Guid caseId, out long waitId)
    {
        caseId = Guid.Empty;
        waitId = 0;
        var dot = id?.LastIndexOf('.') ?? -1;
        return dot > 0 && Guid.TryParseExact(id![..dot], "D", out caseId)
            && long.TryParse(id.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out waitId);
    }
}

public sealed partial class WorkflowHost
{
    private readonly ExternalTaskPulse externalTasks = new();

    /// <summary>
    /// Locks up to <paramref name="maxTasks"/> due tasks of the topics for a worker, oldest first. Rows are claimed with
    /// one statement per topic (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), so two workers never get the same task;
    /// a task whose lock ran out is fetched again.
    /// </summary>
    public async Task<IReadOnlyList<LockedExternalTask>> FetchAndLockAsync(string workerId, IReadOnlyList<ExternalTaskTopic> topics, int maxTasks,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(topics);
        var result = new List<LockedExternalTask>();
        var lockClause = Database.Provider == DatabaseProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await Database.OpenAsync(ct);
        foreach (var topic in topics)
        {
            if (result.Count >= maxTasks) break;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await using var cmd = CaseStore.Command(connection, null,
                "UPDATE external_tasks SET worker_id = @worker, lock_expires_at = @until, attempts = attempts + 1 WHERE (case_id, wait_id) IN (" +
                "SELECT case_id, wait_id FROM external_tasks WHERE topic = @topic AND due_at <= @now AND (retries IS NULL OR retries > 0) " +
                "AND (lock_expires_at IS NULL OR lock_expires_at < @now) ORDER BY created_at, case_id, wait_id LIMIT @max" + lockClause + ") " +
                "RETURNING case_id, wait_id, topic, process_id, node_id, business_key, inputs, variables, retries, error_message, lock_expires_at, created_at, attempts");
            CaseStore.Add(cmd, "@worker", workerId);
            CaseStore.Add(cmd, "@until", now + (long)topic.LockDuration.TotalMilliseconds);
            CaseStore.Add(cmd, "@topic", topic.Name);
            CaseStore.Add(cmd, "@now", now);
            CaseStore.Add(cmd, "@max", maxTasks - result.Count);
            using var turn = await Database.EnterWriteAsync(ct);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var batch = new List<LockedExternalTask>();
            while (await reader.ReadAsync(ct))
            {
                var caseId = Guid.Parse(reader.GetString(0));
                var waitId = reader.GetInt64(1);
                batch.Add(new LockedExternalTask(ExternalTaskIds.Format(caseId, waitId), caseId, waitId, reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), Variables.ParseObject(reader.GetString(6)),
                    Variables.ParseObject(reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                    workerId, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                    reader.GetInt32(12)));
            }
            // RETURNING gives no order; the worker gets the oldest first.
            batch.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
            result.AddRange(batch);
        }
        return result;
    }

    /// <summary>
    /// Waits until an external task may have become fetchable (one was created, unlocked or failed with retries on this
    /// node) or the timeout passes. Long polling waits on this between fetches; other nodes' tasks are found by the next
    /// fetch after the timeout, so callers wait in slices of at most a few seconds.
    /// </summary>
    public Task WaitForExternalTasksAsync(TimeSpan timeout, CancellationToken ct) => externalTasks.WaitAsync(timeout, ct);

    /// <summary>
    /// The topics external workers may be given, each with the groups its steps name (sorted; empty when no step names
    /// one): the automated steps of the latest published definitions, and of the definitions whose cases wait at an
    /// external task now (an older version's open task keeps its topic and its groups). Actions that run inside the
    /// engine are no topics.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ExternalTopicsAsync(CancellationToken ct = default)
    {
        var groups = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var seen = new HashSet<long>();
        void Add(StoredDefinition definition)
        {
            if (!seen.Add(definition.Id)) return;
            foreach (var node in definition.Set.Processes.SelectMany(p => p.Nodes))
            {
                if (node.Service is not { } binding || RunsInline(binding.ActionName)) continue;
                if (!groups.TryGetValue(binding.ActionName, out var set)) groups[binding.ActionName] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.UnionWith(node.Roles);
            }
        }
        foreach (var d in await Definitions.GetAllLatestPublishedAsync(ct)) Add(d);
        var open = new List<long>();
        await using (var connection = await Database.OpenAsync(ct))
        await using (var cmd = CaseStore.Command(connection, null,
            "SELECT DISTINCT c.definition_id FROM external_tasks t JOIN cases c ON c.id = t.case_id"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) open.Add(reader.GetInt64(0));
        }
        foreach (var id in open.Where(id => !seen.Contains(id))) Add(await Definitions.GetAsync(id, ct));
        return groups.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value], StringComparer.Ordinal);
    }

    /// <summary>
    /// Completes a locked external task with the worker's variables; <paramref name="measurement"/> goes on the step's ledger row,
    /// <paramref name="detail"/> (what was measured, in words) on its history row.
    /// </summary>
    /// <exception cref="NotFoundException">No such task (never existed, completed, or withdrawn).</exception>
    /// <exception cref="ConcurrencyConflictException">The worker does not hold the task's lock (never did, or it expired).</exception>
    /// <exception cref="WorkflowInputException">A variable has an unsupported type.</exception>
    public Task<CaseSnapshot> CompleteExternalTaskAsync(string taskId, string workerId, IEnumerable<KeyValuePair<string, object?>>? variables,
        StepMeasurement? measurement = null, IEnumerable<KeyValuePair<string, object?>>? localVariables = null, string? detail = null,
        CancellationToken ct = default)
    {
        var values = variables?.ToList();
        var locals = localVariables?.ToList();
        return EndExternalTaskAsync(taskId, workerId, (definition, state, waitId) =>
            engine.CompleteExternalTask(definition.Process, state, waitId, values, locals, detail), measurement, ct);
    }

    /// <summary>Who holds a task's lock now (null when nobody does).</summary>
    /// <exception cref="NotFoundException">No such task.</exception>
    public async Task<string?> ExternalTaskHolderAsync(string taskId, CancellationToken ct = default)
    {
        var (caseId, waitId) = ParseTaskId(taskId);
        var row = await ReadLockAsync(caseId, waitId, ct) ?? throw new NotFoundException(NoTask(taskId));
        return row.LockExpiresAt is { } until && until >= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() ? row.WorkerId : null;
    }

    /// <summary>Whether an action runs inside the engine (never an external task).</summary>
    public bool RunsInline(string actionName) => options.Actions.TryGet(actionName, out _);

    /// <summary>Ends a locked external task with a BPMN error (an error event catches it, else an incident).</summary>
    /// <exception cref="NotFoundException">No such task.</exception>
    /// <exception cref="ConcurrencyConflictException">The worker does not hold the task's lock.</exception>
    /// <exception cref="WorkflowInputException">No error code, or a variable has an unsupported type.</exception>
    public Task<CaseSnapshot> ThrowExternalTaskErrorAsync(string taskId, string workerId, string errorCode, string? message,
        IEnumerable<KeyValuePair<string, object?>>? variables, StepMeasurement? measurement = null, CancellationToken ct = default)
    {
        var values = variables?.ToList();
        return EndExternalTaskAsync(taskId, workerId, (definition, state, waitId) =>
            engine.ThrowExternalError(definition.Process, state, waitId, errorCode, message, values), measurement, ct);
    }

    /// <summary>
    /// A worker reports a failure. With retries left the task returns to the pool after <paramref name="retryTimeout"/>;
    /// with none the step gets an incident with the message (retrying the incident creates a new task).
    /// </summary>
    /// <exception cref="NotFoundException">No such task.</exception>
    /// <exception cref="ConcurrencyConflictException">The worker does not hold the task's lock.</exception>
    /// <exception cref="WorkflowInputException">Negative retries or retry timeout.</exception>
    public async Task HandleExternalTaskFailureAsync(string taskId, string workerId, string? errorMessage, string? errorDetails, int retries,
        TimeSpan retryTimeout, StepMeasurement? measurement = null, CancellationToken ct = default)
    {
        if (retries < 0) throw new WorkflowInputException("retries", Texte.ServerWiederholungenNegativ);
        if (retryTimeout < TimeSpan.Zero) throw new WorkflowInputException("retryTimeout", Texte.ServerWartezeitNegativ);
        var message = Truncate(string.IsNullOrWhiteSpace(errorMessage) ? Texte.ServerBearbeiterFehlerOhneBeschreibung : errorMessage, 4000);
        if (retries == 0)
        {
            await EndExternalTaskAsync(taskId, workerId, (definition, state, waitId) =>
                engine.FailExternalTask(definition.Process, state, waitId, message), measurement, ct);
            return;
        }
        var (caseId, waitId) = ParseTaskId(taskId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (!await UpdateLockedAsync(caseId, waitId, workerId,
                "retries = @retries, error_message = @message, error_details = @details, worker_id = NULL, lock_expires_at = NULL, due_at = @due", ct,
                ("@retries", retries), ("@message", message), ("@details", errorDetails), ("@due", now + (long)retryTimeout.TotalMilliseconds)))
            await ThrowNotHeldAsync(caseId, waitId, workerId, ct);
        externalTasks.Pulse();
    }

    /// <summary>Extends the lock of a task the worker holds to <paramref name="duration"/> from now.</summary>
    /// <exception cref="NotFoundException">No such task.</exception>
    /// <exception cref="ConcurrencyConflictException">The worker does not hold the task's lock.</exception>
    public async Task<DateTimeOffset> ExtendExternalTaskLockAsync(string taskId, string workerId, TimeSpan duration, CancellationToken ct = default)
    {
        if (duration <= TimeSpan.Zero) throw new WorkflowInputException("newDuration", Texte.ServerSperrdauerPositiv);
        var (caseId, waitId) = ParseTaskId(taskId);
        var until = DateTimeOffset.UtcNow + duration;
        if (!await UpdateLockedAsync(caseId, waitId, workerId, "lock_expires_at = @until", ct, ("@until", until.ToUnixTimeMilliseconds())))
            await ThrowNotHeldAsync(caseId, waitId, workerId, ct);
        return until;
    }

    /// <summary>Releases a task's lock (whoever holds it, as Camunda's unlock does): it returns to the pool at once.</summary>
    /// <exception cref="NotFoundException">No such task.</exception>
    public async Task UnlockExternalTaskAsync(string taskId, CancellationToken ct = default)
    {
        var (caseId, waitId) = ParseTaskId(taskId);
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            "UPDATE external_tasks SET worker_id = NULL, lock_expires_at = NULL WHERE case_id = @c AND wait_id = @w");
        CaseStore.Add(cmd, "@c", CaseStore.Id(caseId));
        CaseStore.Add(cmd, "@w", waitId);
        if (await cmd.ExecuteNonQueryAsync(ct) == 0) throw new NotFoundException(NoTask(taskId));
        externalTasks.Pulse();
    }

    private async Task<CaseSnapshot> EndExternalTaskAsync(string taskId, string workerId, Func<StoredDefinition, CaseState, long, RunResult> run,
        StepMeasurement? measurement, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        var (caseId, waitId) = ParseTaskId(taskId);
        try
        {
            // No read of the lock before the run: the writing transaction holds the completion to the lock, and only a
            // refused write reads it, to say why.
            var first = true;
            return await ContinueAsync(caseId, null, (definition, state, unit) =>
            {
                if (state.FindWait(waitId) is not { Kind: WaitKind.ExternalTask } wait) throw new NotFoundException(NoTask(taskId));
                unit.CompletedExternalTask = (waitId, workerId);
                var result = run(definition, state, waitId);
                if (measurement is not null) unit.Measurements[(wait.NodeId, wait.CreatedAt)] = measurement;
                return result;
            }, ct, load: async token =>
            {
                // A write refused because the lock went (another worker completed the task, or took it after it expired)
                // is answered as such, not retried.
                if (!first) await EnsureHeldAsync(caseId, waitId, workerId, token);
                first = false;
                return await store.LoadAsync(caseId, token);
            }) ?? throw new NotFoundException(NoTask(taskId));
        }
        catch (ConcurrencyConflictException)
        {
            // The task row went with a completion by another request: it is no longer there to complete.
            if (await ReadLockAsync(caseId, waitId, CancellationToken.None) is null) throw new NotFoundException(NoTask(taskId));
            throw;
        }
    }

    private async Task<(string? WorkerId, long? LockExpiresAt)?> ReadLockAsync(Guid caseId, long waitId, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, "SELECT worker_id, lock_expires_at FROM external_tasks WHERE case_id = @c AND wait_id = @w");
        CaseStore.Add(cmd, "@c", CaseStore.Id(caseId));
        CaseStore.Add(cmd, "@w", waitId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private async Task<bool> UpdateLockedAsync(Guid caseId, long waitId, string workerId, string set, CancellationToken ct, params (string Name, object? Value)[] values)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            $"UPDATE external_tasks SET {set} WHERE case_id = @c AND wait_id = @w AND worker_id = @worker AND lock_expires_at >= @now");
        CaseStore.Add(cmd, "@c", CaseStore.Id(caseId));
        CaseStore.Add(cmd, "@w", waitId);
        CaseStore.Add(cmd, "@worker", workerId);
        CaseStore.Add(cmd, "@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        foreach (var (name, value) in values) CaseStore.Add(cmd, name, value);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Throws unless the worker holds the task's unexpired lock.</summary>
    private async Task EnsureHeldAsync(Guid caseId, long waitId, string workerId, CancellationToken ct)
    {
        var taskId = ExternalTaskIds.Format(caseId, waitId);
        var row = await ReadLockAsync(caseId, waitId, ct) ?? throw new NotFoundException(NoTask(taskId));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (row.WorkerId != workerId || row.LockExpiresAt is not { } until || until < now) throw NotHeld(taskId, workerId, row.WorkerId, row.LockExpiresAt);
    }

    private async Task ThrowNotHeldAsync(Guid caseId, long waitId, string workerId, CancellationToken ct)
    {
        await EnsureHeldAsync(caseId, waitId, workerId, ct);
        throw new ConcurrencyConflictException(Texte.Format(Texte.ServerExterneAufgabeWurdeInzwischenVeraendert, ExternalTaskIds.Format(caseId, waitId)));
    }

    private static ConcurrencyConflictException NotHeld(string taskId, string workerId, string? holder, long? until) =>
        new(holder is null || until is null
            ? Texte.Format(Texte.ServerExterneAufgabeGesperrtBearbeiterMuss, taskId, workerId)
            : holder != workerId
                ? Texte.Format(Texte.ServerExterneAufgabeEinemAnderenBearbeiter, taskId, workerId)
                : Texte.Format(Texte.ServerSperreBearbeiterExterneAufgabeAbgelaufen, workerId, taskId));

    private static (Guid CaseId, long WaitId) ParseTaskId(string taskId) =>
        ExternalTaskIds.TryParse(taskId, out var caseId, out var waitId) ? (caseId, waitId) : throw new NotFoundException(NoTask(taskId));

    private static string NoTask(string? taskId) => Texte.Format(Texte.ServerGibtOffeneExterneAufgabe, taskId);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Wakes long-polling fetches when a task may have become fetchable on this node.</summary>
internal sealed class ExternalTaskPulse
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        // A timeout means nothing happened here and the caller fetches again. Suppressed rather than caught: idle
        // workers and long polls time out every second, and a thrown exception each time is needless work.
        await Volatile.Read(ref next).Task.WaitAsync(timeout, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
    }
}

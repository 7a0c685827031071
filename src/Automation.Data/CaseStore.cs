using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Automation.Data.Schema;
using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>
/// The hot path: reads a case and writes run-until-wait units with lean SQL (no change tracking), several units
/// per transaction, each unit behind its own savepoint so a conflict in one leaves the others committed.
/// </summary>
internal sealed class CaseStore(AutomationDatabase database)
{
    private static readonly JsonSerializerOptions Json = new();

    public AutomationDatabase Database { get; } = database;

    public static string Serialize(CaseState state) => JsonSerializer.Serialize(state, Json);

    /// <summary>
    /// Makes a unit's state JSON and step rows on the submitting thread: the writer (one on SQLite) then only binds
    /// and runs statements.
    /// </summary>
    public static void Prepare(CaseWrite unit)
    {
        unit.StateJson = Serialize(unit.State);
        unit.StepRows = StepValues(unit);
    }

    public static CaseState Deserialize(string json) => JsonSerializer.Deserialize<CaseState>(json, Json)
        ?? throw new InvalidOperationException("Stored case state is empty.");

    /// <summary>Reads a case's state, revision and definition, or null if there is no such case.</summary>
    public async Task<(CaseState State, long Revision, long DefinitionId)?> LoadAsync(Guid caseId, CancellationToken ct = default)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT state, revision, definition_id FROM cases WHERE id = @id";
        Add(cmd, "@id", Id(caseId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (Deserialize(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2));
    }

    private const string CompleteTaskSql = "UPDATE tasks SET status = 'completed', ended_at = @now, form_data = @form, " +
        "claimed_millis = claimed_millis + CASE WHEN status = 'claimed' AND claimed_at IS NOT NULL THEN @now - claimed_at ELSE 0 END " +
        "WHERE case_id = @id AND wait_id = @done AND ";

    /// <summary>Reads a task row and its case row in one statement, or null if there is no such task.</summary>
    public async Task<TaskCase?> LoadTaskAsync(Guid caseId, long waitId, CancellationToken ct = default)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT t.process_id, t.node_id, t.name, t.roles, t.assignee, t.status, t.due_at, t.escalated_at, t.created_at, " +
            "t.claimed_at, t.claimed_millis, c.business_key, c.state, c.revision, c.definition_id, t.candidate_users " +
            "FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.case_id = @id AND t.wait_id = @w";
        Add(cmd, "@id", Id(caseId));
        Add(cmd, "@w", waitId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        long? Long(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var task = new TaskRecord
        {
            CaseId = Id(caseId),
            WaitId = waitId,
            ProcessId = reader.GetString(0),
            NodeId = reader.GetString(1),
            Name = Text(2),
            Roles = reader.GetString(3),
            Assignee = Text(4),
            Status = reader.GetString(5),
            DueAt = Long(6),
            EscalatedAt = Long(7),
            CreatedAt = reader.GetInt64(8),
            ClaimedAt = Long(9),
            ClaimedMillis = reader.GetInt64(10),
            CandidateUsers = Text(15),
        };
        return new TaskCase(task, Text(11), Deserialize(reader.GetString(12)), reader.GetInt64(13), reader.GetInt64(14));
    }

    /// <summary>Opens a writer session: one long-lived connection whose statements stay prepared between batches.</summary>
    public async Task<WriterSession> OpenSessionAsync(CancellationToken ct = default) => new(await Database.OpenAsync(ct));

    /// <summary>Writes units in one transaction on a session; returns each unit's outcome.</summary>
    public async Task<CommitOutcome[]> WriteAsync(WriterSession session, IReadOnlyList<CaseWrite> units, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Batching && units.Count > 1 && await TryWriteGroupAsync(session, units, ct)) return [.. units.Select(_ => CommitOutcome.Committed)];
        if (!session.Batching && await TryWriteUnguardedAsync(session, units, ct) is { } written) return written;
        var outcomes = new CommitOutcome[units.Count];
        try
        {
            await using var tx = await session.Connection.BeginTransactionAsync(ct);
            session.Transaction = tx;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < units.Count; i++)
            {
                session.BeginUnit();
                bool ok;
                try
                {
                    ok = await WriteUnitAsync(session, units[i], now, ct) == UnitResult.Written && await session.FlushAsync(ct);
                }
                catch (DbException e) when (IsConstraintViolation(e))
                {
                    // A duplicate key means another writer got there first: the unit conflicts.
                    ok = false;
                }
                if (!ok) await session.RollbackUnitAsync(ct);
                outcomes[i] = ok ? CommitOutcome.Committed : CommitOutcome.Conflict;
            }
            await tx.CommitAsync(ct);
            return outcomes;
        }
        catch (Exception e) when (e is DbException && e is not StorageException)
        {
            throw Database.Translate(e);
        }
        finally
        {
            session.Transaction = null;
        }
    }

    /// <summary>
    /// PostgreSQL fast path: all units in one batch and one transaction. Conflicts are rare; when one happens the
    /// transaction is rolled back and the caller writes the units again one by one, each behind its savepoint, which
    /// finds the unit that conflicts. True when every unit committed.
    /// </summary>
    private async Task<bool> TryWriteGroupAsync(WriterSession session, IReadOnlyList<CaseWrite> units, CancellationToken ct)
    {
        try
        {
            await using var tx = await session.Connection.BeginTransactionAsync(ct);
            session.Transaction = tx;
            session.BeginGroup();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var unit in units) await WriteUnitAsync(session, unit, now, ct, rowsForGroup: true);
            await StepTable.InsertAsync(session, [.. units.SelectMany(u => StepRows(u).Plain)], ct);
            await PricedStepTable.InsertAsync(session, [.. units.SelectMany(u => StepRows(u).Priced)], ct);
            bool ok;
            try
            {
                ok = await session.FlushGroupAsync(ct);
            }
            catch (DbException e) when (IsConstraintViolation(e))
            {
                ok = false;
            }
            if (!ok)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DbException && e is not StorageException)
        {
            throw Database.Translate(e);
        }
        finally
        {
            session.Transaction = null;
        }
    }

    /// <summary>
    /// SQLite fast path: the units without savepoints. Savepoints are not free on SQLite: every page a unit changes is
    /// first copied to the statement journal. SQLite runs the statements one by one, so a unit whose case row does not
    /// match (the usual conflict) is refused before it wrote anything and needs no undo. A unit that would need undoing
    /// (a later check fails, or a key is taken after its case row was written) rolls the whole transaction back, and
    /// null tells the caller to write the group again with a savepoint per unit.
    /// </summary>
    private async Task<CommitOutcome[]?> TryWriteUnguardedAsync(WriterSession session, IReadOnlyList<CaseWrite> units, CancellationToken ct)
    {
        var outcomes = new CommitOutcome[units.Count];
        try
        {
            await using var tx = await session.Connection.BeginTransactionAsync(ct);
            session.Transaction = tx;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var written = new List<CaseWrite>(units.Count);
            for (var i = 0; i < units.Count; i++)
            {
                UnitResult result;
                try
                {
                    result = await WriteUnitAsync(session, units[i], now, ct, rowsForGroup: true);
                }
                catch (DbException e) when (IsConstraintViolation(e))
                {
                    // Raised after the unit's case row was written: a refused case row returns Refused instead.
                    result = UnitResult.Failed;
                }
                if (result == UnitResult.Failed)
                {
                    await tx.RollbackAsync(ct);
                    return null;
                }
                outcomes[i] = result == UnitResult.Written ? CommitOutcome.Committed : CommitOutcome.Conflict;
                if (result == UnitResult.Written) written.Add(units[i]);
            }
            // The written units' step rows together: a few multi-row INSERTs for the group instead of one or two per
            // unit. A taken step key cannot be told to a unit here, so it sends the group down the savepoint path.
            try
            {
                await StepTable.InsertAsync(session, [.. written.SelectMany(u => StepRows(u).Plain)], ct);
                await PricedStepTable.InsertAsync(session, [.. written.SelectMany(u => StepRows(u).Priced)], ct);
            }
            catch (DbException e) when (IsConstraintViolation(e))
            {
                await tx.RollbackAsync(ct);
                return null;
            }
            await tx.CommitAsync(ct);
            return outcomes;
        }
        catch (Exception e) when (e is DbException && e is not StorageException)
        {
            throw Database.Translate(e);
        }
        finally
        {
            session.Transaction = null;
        }
    }

    /// <summary>What writing a unit's statements did (SQLite knows at once; PostgreSQL only when the batch is sent).</summary>
    private enum UnitResult
    {
        /// <summary>Every statement ran and every check held (on PostgreSQL: every statement was queued).</summary>
        Written,
        /// <summary>The case row did not match or its key was taken: nothing of the unit was written.</summary>
        Refused,
        /// <summary>A check after the case row failed: the unit's earlier statements must be undone.</summary>
        Failed,
    }

    private static bool IsConstraintViolation(DbException e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } || PostgresErrors.SqlState(e) == PostgresErrors.UniqueViolation;

    /// <summary>
    /// Writes (SQLite) or queues (PostgreSQL) a unit's statements. With <paramref name="rowsForGroup"/> the caller
    /// inserts the step rows of the whole group (PostgreSQL as arrays, SQLite as multi-row INSERTs), else they go per unit.
    /// </summary>
    private static async Task<UnitResult> WriteUnitAsync(WriterSession w, CaseWrite u, long now, CancellationToken ct, bool rowsForGroup = false)
    {
        var s = u.State;
        var id = Id(s.CaseId);
        bool written;
        try
        {
            written = await WriteCaseRowAsync(w, u, id, now, ct);
        }
        catch (DbException e) when (IsConstraintViolation(e))
        {
            // SQLite: the case exists already; the failed statement changed nothing.
            return UnitResult.Refused;
        }
        if (!written) return UnitResult.Refused;
        if (u.CompletedJobId is { } jobId && !await w.ExecAsync("DELETE FROM jobs WHERE id = @j", true, ct, ("@j", jobId))) return UnitResult.Failed;
        foreach (var messageId in u.TakenBufferedMessages)
        {
            if (!await w.ExecAsync("DELETE FROM buffered_messages WHERE id = @m", true, ct, ("@m", messageId))) return UnitResult.Failed;
        }
        if (!rowsForGroup)
        {
            var (plain, priced) = StepRows(u);
            await StepTable.InsertAsync(w, plain, ct);
            await PricedStepTable.InsertAsync(w, priced, ct);
        }
        // The one place that holds a completion to "still open": its task row must still be open, or claimed by the
        // person completing it, in this transaction (a claim does not change the case row's revision).
        if (u.CompletedTaskWaitId is { } done && !await (u.CompletedBy is { } by
                ? w.ExecAsync(CompleteTaskSql + "(status = 'open' OR (status = 'claimed' AND assignee = @by))", true, ct,
                    ("@id", id), ("@done", done), ("@form", u.CompletedFormData), ("@now", now), ("@by", by))
                : w.ExecAsync(CompleteTaskSql + "status IN ('open', 'claimed')", true, ct,
                    ("@id", id), ("@done", done), ("@form", u.CompletedFormData), ("@now", now))))
        {
            return UnitResult.Failed;
        }
        // A worker's completion counts only while it still holds an unexpired lock: of two workers racing, or a worker
        // whose lock ran out while another fetched the task, exactly one unit is written.
        if (u.CompletedExternalTask is { } external && !await w.ExecAsync(
                "DELETE FROM external_tasks WHERE case_id = @id AND wait_id = @w AND worker_id = @worker AND lock_expires_at >= @now", true, ct,
                ("@id", id), ("@w", external.WaitId), ("@worker", external.WorkerId), ("@now", now)))
        {
            return UnitResult.Failed;
        }
        if (u.RemovedWaitIds.Count > 0)
        {
            var waitParams = ListParams("@w", u.RemovedWaitIds, ("@id", id));
            await w.ExecAsync($"DELETE FROM waits WHERE case_id = @id AND wait_id IN ({InNames("@w", u.RemovedWaitIds.Count)})", false, ct, waitParams);
            // The other tasks the run withdrew (the completed one is 'completed' already and no longer matches).
            await w.ExecAsync($"DELETE FROM external_tasks WHERE case_id = @id AND wait_id IN ({InNames("@w", u.RemovedWaitIds.Count)})", false, ct, waitParams);
            var taskParams = ListParams("@t", u.RemovedWaitIds, ("@id", id), ("@now", now));
            await w.ExecAsync("UPDATE tasks SET status = 'cancelled', ended_at = @now, " +
                "claimed_millis = claimed_millis + CASE WHEN status = 'claimed' AND claimed_at IS NOT NULL THEN @now - claimed_at ELSE 0 END " +
                $"WHERE case_id = @id AND status IN ('open', 'claimed') AND wait_id IN ({InNames("@t", u.RemovedWaitIds.Count)})", false, ct, taskParams);
            // Their timer and deadline jobs go with them (a fired timer's own job is deleted above as the completed job).
            foreach (var waitId in u.RemovedWaitIds)
            {
                if (!u.JobsBefore.TryGetValue(waitId, out var job)) continue;
                await w.ExecAsync(TimerJobs.DeleteSql, false, ct, ("@d", job.DueAt), ("@id", id), ("@k", job.Kind), ("@t", TimerJobs.Target(waitId)));
            }
        }
        foreach (var wait in u.NewWaits)
        {
            // waits.scheduled (the Quartz outbox flag of earlier versions) is unused: timers are jobs written below.
            await w.ExecAsync("INSERT INTO waits (case_id, wait_id, kind, node_id, message_name, correlation_key, signal_name, due_at, scheduled, created_at) " +
                "VALUES (@id, @i, @k, @n, @m, @c, @s, @d, @false, @now)", false, ct,
                ("@id", id), ("@i", wait.Id), ("@k", wait.Kind.ToString()), ("@n", wait.NodeId), ("@m", wait.MessageName), ("@c", wait.CorrelationKey),
                ("@s", wait.SignalName), ("@d", wait.DueAt?.ToUnixTimeMilliseconds()), ("@false", false), ("@now", now));
        }
        foreach (var task in u.NewTasks)
        {
            await w.ExecAsync("INSERT INTO tasks (case_id, wait_id, process_id, node_id, name, roles, assignee, candidate_users, status, due_at, form_data, created_at, " +
                "claimed_at, claimed_millis, ended_at) VALUES (@c, @w, @p, @n, @name, @roles, @a, @cu, @st, @due, NULL, @created, @claimed, 0, NULL)", false, ct,
                ("@c", task.CaseId), ("@w", task.WaitId), ("@p", task.ProcessId), ("@n", task.NodeId), ("@name", task.Name), ("@roles", task.Roles),
                ("@a", task.Assignee), ("@cu", task.CandidateUsers), ("@st", task.Status), ("@due", task.DueAt), ("@created", task.CreatedAt), ("@claimed", task.ClaimedAt));
        }
        foreach (var t in u.NewExternalTasks)
        {
            await w.ExecAsync("INSERT INTO external_tasks (case_id, wait_id, topic, process_id, node_id, business_key, inputs, variables, retries, " +
                "error_message, error_details, worker_id, lock_expires_at, due_at, attempts, created_at) " +
                "VALUES (@c, @w, @t, @p, @n, @bk, @in, @vars, NULL, NULL, NULL, NULL, NULL, @due, 0, @created)", false, ct,
                ("@c", t.CaseId), ("@w", t.WaitId), ("@t", t.Topic), ("@p", t.ProcessId), ("@n", t.NodeId), ("@bk", t.BusinessKey),
                ("@in", t.Inputs), ("@vars", t.Variables), ("@due", t.DueAt), ("@created", t.CreatedAt));
        }
        if (u.IncidentsChanged || u.IncidentCountBefore != s.Incidents.Count)
        {
            await w.ExecAsync("DELETE FROM incidents WHERE case_id = @id", false, ct, ("@id", id));
            foreach (var incident in s.Incidents)
            {
                await w.ExecAsync("INSERT INTO incidents (case_id, incident_id, node_id, message, created_at) VALUES (@id, @i, @n, @m, @t)", false, ct,
                    ("@id", id), ("@i", incident.Id), ("@n", incident.NodeId), ("@m", incident.Message), ("@t", incident.CreatedAt.ToUnixTimeMilliseconds()));
            }
        }
        foreach (var decision in u.Decisions)
        {
            var row = DecisionRows.Of(decision);
            await w.ExecAsync("INSERT INTO decision_evaluations (case_id, step_sequence, node_id, node_name, decision_key, decision_version, decision_name, " +
                "inputs, matched_rules, outputs, evaluated_at) VALUES (@c, @s, @n, @nn, @k, @v, @dn, @in, @r, @out, @at)", false, ct,
                ("@c", id), ("@s", decision.StepSequence), ("@n", decision.NodeId), ("@nn", decision.NodeName), ("@k", decision.DecisionKey),
                ("@v", decision.DecisionVersion), ("@dn", decision.Result.DecisionName), ("@in", row.Inputs), ("@r", row.MatchedRules),
                ("@out", row.Outputs), ("@at", decision.At.ToUnixTimeMilliseconds()));
            await w.ExecAsync("INSERT INTO audit_log (at, actor, entity_kind, entity_id, action, before_json, after_json, reason) " +
                "VALUES (@at, 'system', @kind, @c, 'evaluate', NULL, @after, NULL)", false, ct,
                ("@at", decision.At.ToUnixTimeMilliseconds()), ("@kind", DecisionRows.AuditKind), ("@c", id), ("@after", row.Audit));
        }
        foreach (var job in u.NewJobs)
        {
            await w.ExecAsync("INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) VALUES (@c, @k, @t, @p, @d, 0)", false, ct,
                ("@c", job.CaseId), ("@k", job.Kind), ("@t", job.Target), ("@p", job.Payload), ("@d", job.DueAt));
        }
        return UnitResult.Written;
    }

    /// <summary>Inserts a new case or updates it if it still has the revision read; false when it does not.</summary>
    private static Task<bool> WriteCaseRowAsync(WriterSession w, CaseWrite u, string id, long now, CancellationToken ct)
    {
        var s = u.State;
        var state = u.StateJson ?? Serialize(s);
        var ended = s.EndedAt?.ToUnixTimeMilliseconds();
        return u.ExpectedRevision == 0
            ? w.ExecAsync("INSERT INTO cases (id, definition_id, process_id, business_key, status, state, revision, started_at, updated_at, ended_at) " +
                "VALUES (@id, @def, @proc, @bk, @status, @state, 1, @started, @now, @ended)", true, ct,
                ("@id", id), ("@def", u.DefinitionId), ("@proc", s.ProcessId), ("@bk", s.BusinessKey), ("@status", s.Status.ToString()),
                ("@state", state), ("@started", s.StartedAt.ToUnixTimeMilliseconds()), ("@now", now), ("@ended", ended))
            : w.ExecAsync("UPDATE cases SET status = @status, state = @state, revision = @rev + 1, updated_at = @now, ended_at = @ended " +
                "WHERE id = @id AND revision = @rev", true, ct,
                ("@id", id), ("@rev", u.ExpectedRevision), ("@status", s.Status.ToString()), ("@state", state), ("@now", now), ("@ended", ended));
    }

    private static readonly (string Column, string PostgresType)[] StepColumns =
    [
        ("case_id", "text"), ("sequence", "integer"), ("process_id", "text"), ("node_id", "text"), ("node_name", "text"), ("kind", "text"),
        ("actor", "text"), ("started_at", "bigint"), ("ended_at", "bigint"), ("outcome", "text"), ("detail", "text"),
    ];

    private static readonly RowTable StepTable = new("steps", StepColumns, chunk: 8);

    /// <summary>Steps with their ledger figures: one row per priced step, no second table, no second set of keys.</summary>
    private static readonly RowTable PricedStepTable = new("steps",
        [.. StepColumns, .. LedgerColumns.Figures.Select(f => (f.Column, f.PostgresType))], chunk: 4, sparseFrom: StepColumns.Length);

    private static readonly int PricedWidth = StepColumns.Length + LedgerColumns.Figures.Length;

    private static (object?[][] Plain, object?[][] Priced) StepRows(CaseWrite u) => u.StepRows ?? StepValues(u);

    /// <summary>A unit's step rows in <see cref="StepTable"/>'s column order, priced ones followed by their figures.</summary>
    private static (object?[][] Plain, object?[][] Priced) StepValues(CaseWrite u)
    {
        var id = Id(u.State.CaseId);
        var plain = new List<object?[]>(u.Steps.Count);
        var priced = new List<object?[]>(u.Ledger.Count);
        foreach (var st in u.Steps)
        {
            var isPriced = u.Ledger.TryGetValue(st.Sequence, out var figures);
            var step = new object?[isPriced ? PricedWidth : StepColumns.Length];
            step[0] = id;
            step[1] = st.Sequence;
            step[2] = st.ProcessId;
            step[3] = st.NodeId;
            step[4] = st.NodeName;
            step[5] = st.Kind.ToString();
            step[6] = st.Actor.ToString();
            step[7] = st.Start.ToUnixTimeMilliseconds();
            step[8] = st.End.ToUnixTimeMilliseconds();
            step[9] = st.Outcome.ToString();
            step[10] = st.Detail;
            if (isPriced)
            {
                LedgerColumns.Fill(figures!, step.AsSpan(StepColumns.Length));
                priced.Add(step);
            }
            else plain.Add(step);
        }
        return ([.. plain], [.. priced]);
    }

    private static (string, object?)[] ListParams(string prefix, List<long> values, params (string, object?)[] more)
    {
        var result = new (string, object?)[values.Count + more.Length];
        for (var i = 0; i < values.Count; i++) result[i] = (prefix + i.ToString(CultureInfo.InvariantCulture), values[i]);
        more.CopyTo(result, values.Count);
        return result;
    }

    private static string InNames(string prefix, int count) =>
        string.Join(',', Enumerable.Range(0, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)));

    public static string Id(Guid caseId) => caseId.ToString("D");

    public static DbCommand Command(DbConnection c, DbTransaction? tx, string? sql = null)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        if (sql is not null) cmd.CommandText = sql;
        return cmd;
    }

    public static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}

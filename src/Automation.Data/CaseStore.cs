using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Engine.Runtime;
using Npgsql;

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

    /// <summary>Opens a writer session: one long-lived connection whose statements stay prepared between batches.</summary>
    public async Task<WriterSession> OpenSessionAsync(CancellationToken ct = default) => new(await Database.OpenAsync(ct));

    /// <summary>Writes units in one transaction on a session; returns each unit's outcome.</summary>
    public async Task<CommitOutcome[]> WriteAsync(WriterSession session, IReadOnlyList<CaseWrite> units, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var outcomes = new CommitOutcome[units.Count];
        var connection = session.Connection;
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            session.Transaction = tx;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var savepoints = units.Count > 1;
            for (var i = 0; i < units.Count; i++)
            {
                if (savepoints) await session.Command("SAVEPOINT u").ExecuteNonQueryAsync(ct);
                bool ok;
                try
                {
                    ok = await WriteUnitAsync(session, units[i], now, ct);
                }
                catch (DbException e) when (IsConstraintViolation(e))
                {
                    // A duplicate key means another writer got there first: the unit conflicts.
                    ok = false;
                }
                if (!ok && !savepoints)
                {
                    await tx.RollbackAsync(ct);
                    outcomes[i] = CommitOutcome.Conflict;
                    return outcomes;
                }
                if (savepoints) await session.Command(ok ? "RELEASE SAVEPOINT u" : "ROLLBACK TO SAVEPOINT u").ExecuteNonQueryAsync(ct);
                outcomes[i] = ok ? CommitOutcome.Committed : CommitOutcome.Conflict;
            }
            await tx.CommitAsync(ct);
            return outcomes;
        }
        catch (Exception e) when (e is DbException && e is not StorageException)
        {
            throw Database.Translate(e);
        }
    }

    private static bool IsConstraintViolation(DbException e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } || e is PostgresException { SqlState: "23505" };

    private static async Task<bool> WriteUnitAsync(WriterSession w, CaseWrite u, long now, CancellationToken ct)
    {
        var s = u.State;
        var id = Id(s.CaseId);
        var state = u.StateJson ?? Serialize(s);
        var ended = s.EndedAt?.ToUnixTimeMilliseconds();
        {
            var cmd = w.Command(u.ExpectedRevision == 0
                ? "INSERT INTO cases (id, definition_id, process_id, business_key, status, state, revision, started_at, updated_at, ended_at) " +
                    "VALUES (@id, @def, @proc, @bk, @status, @state, 1, @started, @now, @ended)"
                : "UPDATE cases SET status = @status, state = @state, revision = @rev + 1, updated_at = @now, ended_at = @ended " +
                    "WHERE id = @id AND revision = @rev");
            if (u.ExpectedRevision == 0)
            {
                Add(cmd, "@def", u.DefinitionId);
                Add(cmd, "@proc", s.ProcessId);
                Add(cmd, "@bk", s.BusinessKey);
                Add(cmd, "@started", s.StartedAt.ToUnixTimeMilliseconds());
            }
            else
            {
                Add(cmd, "@rev", u.ExpectedRevision);
            }
            Add(cmd, "@id", id);
            Add(cmd, "@status", s.Status.ToString());
            Add(cmd, "@state", state);
            Add(cmd, "@now", now);
            Add(cmd, "@ended", ended);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        }
        if (u.CompletedJobId is { } jobId)
        {
            var cmd = w.Command("DELETE FROM jobs WHERE id = @j");
            Add(cmd, "@j", jobId);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        }
        foreach (var messageId in u.TakenBufferedMessages)
        {
            var cmd = w.Command("DELETE FROM buffered_messages WHERE id = @m");
            Add(cmd, "@m", messageId);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        }
        if (u.Steps.Count > 0) await InsertStepsAsync(w, id, u.Steps, ct);
        if (u.RemovedWaitIds.Count > 0)
        {
            {
                var cmd = w.Command($"DELETE FROM waits WHERE case_id = @id AND wait_id IN ({InNames("@w", u.RemovedWaitIds.Count)})");
                AddList(cmd, "@w", u.RemovedWaitIds);
                Add(cmd, "@id", id);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            {
                var cmd = w.Command("UPDATE tasks SET status = CASE WHEN wait_id = @done THEN 'completed' ELSE 'cancelled' END, ended_at = @now, " +
                    "form_data = CASE WHEN wait_id = @done THEN @form ELSE form_data END, " +
                    "claimed_millis = claimed_millis + CASE WHEN status = 'claimed' AND claimed_at IS NOT NULL THEN @now - claimed_at ELSE 0 END " +
                    $"WHERE case_id = @id AND status IN ('open', 'claimed') AND wait_id IN ({InNames("@t", u.RemovedWaitIds.Count)})");
                AddList(cmd, "@t", u.RemovedWaitIds);
                Add(cmd, "@id", id);
                Add(cmd, "@done", u.CompletedTaskWaitId ?? -1);
                Add(cmd, "@form", u.CompletedFormData);
                Add(cmd, "@now", now);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        if (u.NewWaits.Count > 0) await InsertWaitsAsync(w, id, u.NewWaits, now, ct);
        foreach (var task in u.NewTasks)
        {
            var cmd = w.Command("INSERT INTO tasks (case_id, wait_id, process_id, node_id, name, roles, assignee, status, due_at, form_data, created_at, claimed_at, claimed_millis, ended_at) " +
                "VALUES (@c, @w, @p, @n, @name, @roles, @a, @st, @due, NULL, @created, @claimed, 0, NULL)");
            Add(cmd, "@c", task.CaseId);
            Add(cmd, "@w", task.WaitId);
            Add(cmd, "@p", task.ProcessId);
            Add(cmd, "@n", task.NodeId);
            Add(cmd, "@name", task.Name);
            Add(cmd, "@roles", task.Roles);
            Add(cmd, "@a", task.Assignee);
            Add(cmd, "@st", task.Status);
            Add(cmd, "@due", task.DueAt);
            Add(cmd, "@created", task.CreatedAt);
            Add(cmd, "@claimed", task.ClaimedAt);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (u.IncidentsChanged || u.IncidentCountBefore != s.Incidents.Count)
        {
            {
                var cmd = w.Command("DELETE FROM incidents WHERE case_id = @id");
                Add(cmd, "@id", id);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            foreach (var incident in s.Incidents)
            {
                var cmd = w.Command("INSERT INTO incidents (case_id, incident_id, node_id, message, created_at) VALUES (@id, @i, @n, @m, @t)");
                Add(cmd, "@id", id);
                Add(cmd, "@i", incident.Id);
                Add(cmd, "@n", incident.NodeId);
                Add(cmd, "@m", incident.Message);
                Add(cmd, "@t", incident.CreatedAt.ToUnixTimeMilliseconds());
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        foreach (var job in u.NewJobs)
        {
            var cmd = w.Command("INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) VALUES (@c, @k, @t, @p, @d, 0)");
            Add(cmd, "@c", job.CaseId);
            Add(cmd, "@k", job.Kind);
            Add(cmd, "@t", job.Target);
            Add(cmd, "@p", job.Payload);
            Add(cmd, "@d", job.DueAt);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return true;
    }

    private static async Task InsertStepsAsync(WriterSession w, string id, List<StepEvent> steps, CancellationToken ct)
    {
        // Rows in chunks of at most 8 per statement: few statement shapes, so they stay prepared.
        const int Chunk = 8;
        for (var start = 0; start < steps.Count; start += Chunk)
        {
            var rows = Math.Min(Chunk, steps.Count - start);
            var cmd = w.Command(StepInsertSql(rows));
            Add(cmd, "@id", id);
            for (var r = 0; r < rows; r++)
            {
                var st = steps[start + r];
                var p = ParameterPrefixes[r];
                Add(cmd, p + "q", st.Sequence);
                Add(cmd, p + "p", st.ProcessId);
                Add(cmd, p + "n", st.NodeId);
                Add(cmd, p + "m", st.NodeName);
                Add(cmd, p + "k", st.Kind.ToString());
                Add(cmd, p + "a", st.Actor.ToString());
                Add(cmd, p + "s", st.Start.ToUnixTimeMilliseconds());
                Add(cmd, p + "e", st.End.ToUnixTimeMilliseconds());
                Add(cmd, p + "o", st.Outcome.ToString());
                Add(cmd, p + "d", st.Detail);
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static readonly string[] ParameterPrefixes = Enumerable.Range(0, 64).Select(i => "@s" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static readonly string[] StepInsertSqls = Enumerable.Range(0, 9).Select(rows =>
    {
        var sql = new StringBuilder("INSERT INTO steps (case_id, sequence, process_id, node_id, node_name, kind, actor, started_at, ended_at, outcome, detail) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            var p = "@s" + r.ToString(CultureInfo.InvariantCulture);
            if (r > 0) sql.Append(',');
            sql.Append(CultureInfo.InvariantCulture, $"(@id,{p}q,{p}p,{p}n,{p}m,{p}k,{p}a,{p}s,{p}e,{p}o,{p}d)");
        }
        return sql.ToString();
    }).ToArray();

    private static string StepInsertSql(int rows) => StepInsertSqls[rows];

    private static async Task InsertWaitsAsync(WriterSession w, string id, List<WaitState> waits, long now, CancellationToken ct)
    {
        foreach (var wait in waits)
        {
            var cmd = w.Command("INSERT INTO waits (case_id, wait_id, kind, node_id, message_name, correlation_key, signal_name, due_at, scheduled, created_at) " +
                "VALUES (@id, @i, @k, @n, @m, @c, @s, @d, @false, @now)");
            Add(cmd, "@id", id);
            Add(cmd, "@now", now);
            Add(cmd, "@false", false);
            Add(cmd, "@i", wait.Id);
            Add(cmd, "@k", wait.Kind.ToString());
            Add(cmd, "@n", wait.NodeId);
            Add(cmd, "@m", wait.MessageName);
            Add(cmd, "@c", wait.CorrelationKey);
            Add(cmd, "@s", wait.SignalName);
            Add(cmd, "@d", wait.DueAt?.ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

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

    private static string InNames(string prefix, int count) =>
        string.Join(',', Enumerable.Range(0, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)));

    private static void AddList(DbCommand cmd, string prefix, List<long> values)
    {
        for (var i = 0; i < values.Count; i++) Add(cmd, prefix + i.ToString(CultureInfo.InvariantCulture), values[i]);
    }

}

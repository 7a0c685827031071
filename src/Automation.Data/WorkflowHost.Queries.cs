using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Microsoft.Extensions.Logging;

namespace Automation.Data;

public sealed partial class WorkflowHost
{
    private async Task<Guid?> FindMessageWaitAsync(string name, string? key, CaseScope? scope, CancellationToken ct)
    {
        if (scope is { DefinitionIds.Count: 0 }) return null;
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            "SELECT w.case_id FROM waits w JOIN cases c ON c.id = w.case_id WHERE w.kind = 'Message' AND w.message_name = @name " +
            "AND (@key IS NULL OR w.correlation_key = @key OR (w.correlation_key IS NULL AND (c.business_key IS NULL OR c.business_key = @key)))" +
            ScopeCondition(scope) + " ORDER BY w.created_at, w.wait_id LIMIT 1");
        CaseStore.Add(cmd, "@name", name);
        AddText(cmd, "@key", key);
        AddScopeParameters(cmd, scope);
        var id = await cmd.ExecuteScalarAsync(ct);
        return id is string s ? Guid.Parse(s) : null;
    }

    /// <summary>A text parameter typed even when null: PostgreSQL cannot infer the type of a bare NULL in "@p IS NULL".</summary>
    private static void AddText(DbCommand cmd, string name, string? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.DbType = System.Data.DbType.String;
        p.Value = value ?? (object)DBNull.Value;
        cmd.Parameters.Add(p);
    }

    /// <summary>SQL condition on the joined <c>cases c</c> row limiting it to the scope's definition versions; empty without a scope.</summary>
    private static string ScopeCondition(CaseScope? scope) => scope is null
        ? ""
        : " AND c.definition_id IN (" + string.Join(',', Enumerable.Range(0, scope.DefinitionIds.Count).Select(i => "@d" + i.ToString(CultureInfo.InvariantCulture))) + ")";

    private static void AddScopeParameters(DbCommand cmd, CaseScope? scope)
    {
        if (scope is null) return;
        var i = 0;
        foreach (var id in scope.DefinitionIds) CaseStore.Add(cmd, "@d" + (i++).ToString(CultureInfo.InvariantCulture), id);
    }

    private async Task BufferMessageAsync(string name, string? key, IReadOnlyList<KeyValuePair<string, object?>>? payload, long? jobId, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await Database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (jobId is { } job)
        {
            await using var delete = CaseStore.Command(connection, tx, "DELETE FROM jobs WHERE id = @j");
            CaseStore.Add(delete, "@j", job);
            // Another node buffered it already.
            if (await delete.ExecuteNonQueryAsync(ct) != 1) return;
        }
        await using var cmd = CaseStore.Command(connection, tx,
            "INSERT INTO buffered_messages (name, correlation_key, payload, created_at, expires_at) VALUES (@n, @k, @p, @now, @exp)");
        CaseStore.Add(cmd, "@n", name);
        CaseStore.Add(cmd, "@k", key);
        CaseStore.Add(cmd, "@p", JsonSerializer.Serialize(Variables.NormalizeAll(payload)));
        CaseStore.Add(cmd, "@now", now.ToUnixTimeMilliseconds());
        CaseStore.Add(cmd, "@exp", (now + options.MessageBufferTime).ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<(long Id, Dictionary<string, object?> Payload)?> FindBufferedAsync(string name, string? key, List<long> taken, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            "SELECT id, payload FROM buffered_messages WHERE name = @n AND expires_at > @now " +
            "AND (correlation_key IS NULL OR @k IS NULL OR correlation_key = @k) ORDER BY id LIMIT 20");
        CaseStore.Add(cmd, "@n", name);
        AddText(cmd, "@k", key);
        CaseStore.Add(cmd, "@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            if (!taken.Contains(id)) return (id, Variables.ParseObject(reader.GetString(1)));
        }
        return null;
    }

    /// <summary>
    /// Removes who worked on tasks that ended longer ago than the retention period, and the keyed pseudonyms of the
    /// ledger entries and ledger cells of that age; returns how many task rows.
    /// </summary>
    public async Task<int> PurgeAssigneesAsync(CancellationToken ct = default)
    {
        var before = (options.Clock.GetUtcNow() - options.AssigneeRetention).ToUnixTimeMilliseconds();
        await using var connection = await Database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = CaseStore.Command(connection, tx,
            "UPDATE tasks SET assignee = NULL, candidate_users = NULL WHERE (assignee IS NOT NULL OR candidate_users IS NOT NULL) " +
            "AND status IN ('completed', 'cancelled') AND ended_at < @before");
        CaseStore.Add(cmd, "@before", before);
        var purged = await cmd.ExecuteNonQueryAsync(ct);
        await using var ledger = CaseStore.Command(connection, tx,
            "UPDATE steps SET worker_key = NULL WHERE worker_key IS NOT NULL AND ended_at < @before");
        CaseStore.Add(ledger, "@before", before);
        await ledger.ExecuteNonQueryAsync(ct);
        // The pseudonyms behind the cells of months that ended before the cut; each cell keeps the number of people it had.
        await using var cells = CaseStore.Command(connection, tx, "DELETE FROM ledger_cell_people WHERE month_start < @month");
        CaseStore.Add(cells, "@month", Reports.ReportPeriod.StartOfDayMs(Reports.ReportPeriod.MonthOf(before)));
        await cells.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return purged;
    }

    /// <summary>
    /// Escalates a user task whose deadline has passed while it is still open or claimed: marks it escalated and adds
    /// the node's <c>am:escalateTo</c> group to its candidate roles, so that group's inbox shows it too. Idempotent and
    /// safe on several nodes: only the call that sets <c>escalated_at</c> changes the task. Returns whether this call did.
    /// </summary>
    public async Task<bool> EscalateTaskAsync(Guid caseId, long waitId, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long definitionId;
        string nodeId, roles;
        await using var connection = await Database.OpenAsync(ct);
        await using (var read = CaseStore.Command(connection, null,
            "SELECT c.definition_id, t.node_id, t.roles FROM tasks t JOIN cases c ON c.id = t.case_id " +
            "WHERE t.case_id = @c AND t.wait_id = @w AND t.status IN ('open', 'claimed') AND t.escalated_at IS NULL " +
            "AND t.due_at IS NOT NULL AND t.due_at <= @now"))
        {
            CaseStore.Add(read, "@c", CaseStore.Id(caseId));
            CaseStore.Add(read, "@w", waitId);
            CaseStore.Add(read, "@now", now);
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return false;
            (definitionId, nodeId, roles) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        }
        var definition = await Definitions.GetAsync(definitionId, ct);
        if (definition.Process.FindNode(nodeId)?.EscalationRole is { } role && !roles.Contains($"|{role}|", StringComparison.Ordinal))
            roles = roles + role + "|";
        await using var update = CaseStore.Command(connection, null,
            "UPDATE tasks SET escalated_at = @now, roles = @roles WHERE case_id = @c AND wait_id = @w " +
            "AND status IN ('open', 'claimed') AND escalated_at IS NULL");
        CaseStore.Add(update, "@now", now);
        CaseStore.Add(update, "@roles", roles);
        CaseStore.Add(update, "@c", CaseStore.Id(caseId));
        CaseStore.Add(update, "@w", waitId);
        bool escalated;
        try
        {
            escalated = await update.ExecuteNonQueryAsync(ct) == 1;
        }
        catch (System.Data.Common.DbException e)
        {
            throw Database.Translate(e);
        }
        if (escalated) LogEscalated(logger, caseId, nodeId);
        return escalated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline of task {NodeId} in case {CaseId} passed: escalated.")]
    private static partial void LogEscalated(ILogger logger, Guid caseId, string nodeId);

    internal async Task DeleteJobAsync(long jobId, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, "DELETE FROM jobs WHERE id = @j");
        CaseStore.Add(cmd, "@j", jobId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> JobExistsAsync(long jobId, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, "SELECT COUNT(*) FROM jobs WHERE id = @j");
        CaseStore.Add(cmd, "@j", jobId);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task<bool> UpdateTaskAsync(Guid caseId, long waitId, string sql, string user, long now, CancellationToken ct)
    {
        ThrowIfStopped();
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, sql);
        CaseStore.Add(cmd, "@c", CaseStore.Id(caseId));
        CaseStore.Add(cmd, "@w", waitId);
        CaseStore.Add(cmd, "@user", user);
        CaseStore.Add(cmd, "@now", now);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private async Task<Exception> TaskProblemAsync(Guid caseId, long waitId, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, "SELECT status, assignee FROM tasks WHERE case_id = @c AND wait_id = @w");
        CaseStore.Add(cmd, "@c", CaseStore.Id(caseId));
        CaseStore.Add(cmd, "@w", waitId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new NotFoundException(Texte.Format(Texte.ServerAufgabeImVorgangUnbekannt, waitId, caseId));
        var status = reader.GetString(0);
        return status switch
        {
            "claimed" => new ConcurrencyConflictException(Texte.Format(Texte.ServerAufgabeAndereHatUebernommen, waitId, caseId)),
            "open" => new ConcurrencyConflictException(Texte.Format(Texte.ServerAufgabeNichtUebernommen, waitId, caseId)),
            _ => new ConcurrencyConflictException(Texte.Format(Texte.ServerAufgabeNichtMehrOffen, waitId, caseId)),
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Disposing twice (even concurrently) is a no-op, as for any IAsyncDisposable.
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        if (jobs is not null) await jobs.DisposeAsync();
        // Runs handed to the script threads stop; their waits and jobs stay stored and come again after a restart.
        await stopping.CancelAsync();
        await Task.WhenAll(handedOver.Keys);
        scripts.Dispose();
        stopping.Dispose();
        await committer.DisposeAsync();
        if (checkpointer is not null) await checkpointer.DisposeAsync();
        engine.Dispose();
        Factors.Dispose();
        retentionPass.Dispose();
        await Database.DisposeAsync();
    }
}

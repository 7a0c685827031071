using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Microsoft.Extensions.Logging;

namespace Automation.Data;

/// <summary>What one retention pass deleted.</summary>
/// <param name="Cases">Cases whose data was deleted.</param>
/// <param name="ExpiredMessages">Buffered messages past their buffer time that were deleted.</param>
public sealed record RetentionResult(int Cases, int ExpiredMessages);

public sealed partial class WorkflowHost
{
    /// <summary>The audit log's entity kind of a retention deletion (one row per batch: count and case ids, no content).</summary>
    public const string RetentionAuditKind = "case-retention";

    private const int RetentionBatch = 200;

    // Gateway steps keep their detail: it names the flow taken (an id from the definition), which the simulation's
    // branch counts read; every other detail can carry case data (incident messages, values).
    private const string KeptDetailKinds = "'ExclusiveGateway', 'InclusiveGateway', 'EventBasedGateway'";

    private readonly SemaphoreSlim retentionPass = new(1, 1);

    // Per retention period, the cut-off of the last complete pass: cases that ended before it are purged already, so the
    // next pass reads only what ended since. Periods of a stored version never change; the default changes only with a
    // restart, which starts from zero once.
    private readonly Dictionary<RetentionPeriod, long> retentionScanned = [];

    /// <summary>
    /// Deletes the data of cases whose retention period (their definition's <c>am:retention</c>, else the host's
    /// <see cref="WorkflowHostOptions.CaseRetention"/>) has passed since they ended: variables and business key (the
    /// case row keeps only status and times, for the dashboards), tasks with form values and assignee, waits, incidents,
    /// jobs, the case's documents, and on the step rows the texts and the worker pseudonym. The step rows' ledger figures stay, so every
    /// ledger total is unchanged. Each batch is one transaction with its audit row (count and case ids, no content).
    /// Expired buffered messages go too. Run hourly by the job worker; safe on several nodes at once.
    /// </summary>
    public async Task<RetentionResult> PurgeExpiredCasesAsync(CancellationToken ct = default)
    {
        await retentionPass.WaitAsync(ct);
        try
        {
            var now = options.Clock.GetUtcNow();
            var purged = 0;
            foreach (var (period, definitionIds) in await DefinitionsByRetentionAsync(ct))
            {
                var cutoff = period.EndedBefore(now).ToUnixTimeMilliseconds();
                var from = retentionScanned.GetValueOrDefault(period);
                while (true)
                {
                    var batch = await ExpiredCasesAsync(definitionIds, from, cutoff, ct);
                    if (batch.Count > 0)
                    {
                        purged += await PurgeCasesAsync(batch, period, now, ct);
                        from = batch[^1].EndedAt;
                    }
                    if (batch.Count < RetentionBatch) break;
                }
                retentionScanned[period] = cutoff;
            }
            var messages = await DeleteExpiredMessagesAsync(now, ct);
            return new RetentionResult(purged, messages);
        }
        finally
        {
            retentionPass.Release();
        }
    }

    private async Task<List<(RetentionPeriod Period, List<long> DefinitionIds)>> DefinitionsByRetentionAsync(CancellationToken ct)
    {
        var ids = new List<long>();
        await using (var connection = await Database.OpenAsync(ct))
        await using (var cmd = CaseStore.Command(connection, null, "SELECT id FROM definitions ORDER BY id"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        var groups = new Dictionary<RetentionPeriod, List<long>>();
        foreach (var id in ids)
        {
            var period = (await Definitions.GetAsync(id, ct)).Process.Retention ?? options.CaseRetention;
            if (!groups.TryGetValue(period, out var list)) groups[period] = list = [];
            list.Add(id);
        }
        return [.. groups.Select(g => (g.Key, g.Value))];
    }

    private async Task<List<(string Id, string State, long EndedAt)>> ExpiredCasesAsync(List<long> definitionIds, long from, long cutoff, CancellationToken ct)
    {
        var result = new List<(string, string, long)>();
        await using var connection = await Database.OpenAsync(ct);
        // status and ended_at lead ix_cases_dashboard, so this reads the range of ended cases, not the table.
        await using var cmd = CaseStore.Command(connection, null,
            "SELECT id, state, ended_at FROM cases WHERE status IN ('Completed', 'Terminated', 'Cancelled') " +
            "AND ended_at >= @from AND ended_at < @cutoff AND purged_at IS NULL " +
            $"AND definition_id IN ({string.Join(", ", definitionIds.Select((_, i) => "@d" + i.ToString(CultureInfo.InvariantCulture)))}) " +
            $"ORDER BY ended_at, id LIMIT {RetentionBatch}");
        CaseStore.Add(cmd, "@from", from);
        CaseStore.Add(cmd, "@cutoff", cutoff);
        for (var i = 0; i < definitionIds.Count; i++) CaseStore.Add(cmd, "@d" + i.ToString(CultureInfo.InvariantCulture), definitionIds[i]);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return result;
    }

    private async Task<int> PurgeCasesAsync(List<(string Id, string State, long EndedAt)> batch, RetentionPeriod period, DateTimeOffset now,
        CancellationToken ct)
    {
        var at = now.ToUnixTimeMilliseconds();
        var purgedIds = new List<string>(batch.Count);
        try
        {
            await using var connection = await Database.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var (id, state, _) in batch)
            {
                await using var update = CaseStore.Command(connection, tx,
                    "UPDATE cases SET state = @state, business_key = NULL, purged_at = @at, revision = revision + 1 WHERE id = @id AND purged_at IS NULL");
                CaseStore.Add(update, "@state", CaseStore.Serialize(CaseStore.Deserialize(state).WithoutData()));
                CaseStore.Add(update, "@at", at);
                CaseStore.Add(update, "@id", id);
                // Another node purged it in the meantime: its rows are gone already and its audit row names it.
                if (await update.ExecuteNonQueryAsync(ct) == 1) purgedIds.Add(id);
            }
            if (purgedIds.Count > 0)
            {
                var inList = string.Join(", ", purgedIds.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture)));
                foreach (var sql in new[]
                {
                    $"DELETE FROM tasks WHERE case_id IN ({inList})",
                    $"DELETE FROM external_tasks WHERE case_id IN ({inList})",
                    $"DELETE FROM waits WHERE case_id IN ({inList})",
                    $"DELETE FROM incidents WHERE case_id IN ({inList})",
                    $"DELETE FROM jobs WHERE case_id IN ({inList})",
                    $"DELETE FROM case_documents WHERE case_id IN ({inList})",
                    // The explanations hold the case's inputs; the audit log keeps which rules decided, without values.
                    $"DELETE FROM decision_evaluations WHERE case_id IN ({inList})",
                    $"UPDATE steps SET detail = CASE WHEN kind IN ({KeptDetailKinds}) THEN detail END, worker_key = NULL " +
                    $"WHERE case_id IN ({inList}) AND (worker_key IS NOT NULL OR (detail IS NOT NULL AND kind NOT IN ({KeptDetailKinds})))",
                })
                {
                    await using var cmd = CaseStore.Command(connection, tx, sql);
                    for (var i = 0; i < purgedIds.Count; i++) CaseStore.Add(cmd, "@c" + i.ToString(CultureInfo.InvariantCulture), purgedIds[i]);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await using var audit = CaseStore.Command(connection, tx,
                    "INSERT INTO audit_log (at, actor, entity_kind, entity_id, action, before_json, after_json, reason) " +
                    "VALUES (@at, 'system', @kind, @entity, 'purge', NULL, @after, @reason)");
                CaseStore.Add(audit, "@at", at);
                CaseStore.Add(audit, "@kind", RetentionAuditKind);
                CaseStore.Add(audit, "@entity", period.ToString());
                CaseStore.Add(audit, "@after", JsonSerializer.Serialize(new { count = purgedIds.Count, caseIds = purgedIds }));
                CaseStore.Add(audit, "@reason", Texte.Format(Texte.ServerAufbewahrungsfristAbgelaufenVariablenAufgabenDokumente, period));
                await audit.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbException e)
        {
            throw Database.Translate(e);
        }
        if (purgedIds.Count > 0) LogPurged(logger, purgedIds.Count, period);
        return purgedIds.Count;
    }

    private async Task<int> DeleteExpiredMessagesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, "DELETE FROM buffered_messages WHERE expires_at < @now");
        CaseStore.Add(cmd, "@now", now.ToUnixTimeMilliseconds());
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: the data of {Count} case(s) past their retention period {Period} was deleted (ledger figures kept).")]
    private static partial void LogPurged(ILogger logger, int count, RetentionPeriod period);
}

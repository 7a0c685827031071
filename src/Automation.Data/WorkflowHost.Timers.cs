using System.Globalization;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Timers;
using Microsoft.Extensions.Logging;

namespace Automation.Data;

// Timer start events and the start-up reconciliation of timer and deadline jobs (TimerJobs). Timer waits and deadlines
// get their jobs in the transaction that writes them (AddRunAsync), so no periodic reconciler is needed: the one at
// start covers databases whose timers were scheduled elsewhere before (Quartz) and anything written outside the host.
public sealed partial class WorkflowHost
{
    /// <summary>
    /// Writes the next occurrence's job of each timer start event of a published definition that has none: occurrence 1
    /// for a new one, else the one after the last occurrence whose case exists (a database whose start timers Quartz
    /// ran before); nothing when the cycle has ended.
    /// </summary>
    internal async Task ScheduleStartTimersAsync(StoredDefinition definition, CancellationToken ct)
    {
        var processId = definition.Process.Id;
        foreach (var start in definition.Process.StartEventsIn(null).Where(s => s.Trigger == EventTrigger.Timer && s.Timer is not null))
        {
            var target = TimerJobs.StartTarget(processId, start.Id);
            if (await CountAsync("SELECT COUNT(*) FROM jobs WHERE kind = @a AND target = @b", TimerJobs.StartTimer, target, ct) > 0) continue;
            var done = await OccurrencesStartedAsync(processId, start.Id, ct);
            if (!TimerSchedule.TryParse(start.Timer!, out var timer, out _) || timer.NextDue(DateTimeOffset.UtcNow, done) is not { } due) continue;
            var job = TimerJobs.StartOccurrence(processId, start.Id, done + 1, due);
            await using var connection = await Database.OpenAsync(ct);
            // Two nodes starting at once may both write it; the second job then finds the case started and only deletes itself.
            await using var cmd = CaseStore.Command(connection, null,
                "INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) SELECT @c, @k, @t, @p, @d, 0 " +
                "WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = @k AND target = @t)");
            CaseStore.Add(cmd, "@c", job.CaseId);
            CaseStore.Add(cmd, "@k", job.Kind);
            CaseStore.Add(cmd, "@t", job.Target);
            CaseStore.Add(cmd, "@p", job.Payload);
            CaseStore.Add(cmd, "@d", job.DueAt);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// How many occurrences of a timer start event have started their case. Occurrences start one after another and
    /// cases are never deleted, so the started ones are 1…n: found by doubling, then halving (a few lookups by key).
    /// </summary>
    private async Task<int> OccurrencesStartedAsync(string processId, string nodeId, CancellationToken ct)
    {
        async Task<bool> Started(int occurrence) => await CountAsync("SELECT COUNT(*) FROM cases WHERE id = @a",
            CaseStore.Id(TimerJobs.StartCaseId(processId, nodeId, occurrence.ToString(CultureInfo.InvariantCulture))), null, ct) > 0;
        if (!await Started(1)) return 0;
        var (started, missing) = (1, 2);
        while (missing < int.MaxValue / 2 && await Started(missing)) (started, missing) = (missing, missing * 2);
        while (missing - started > 1)
        {
            var middle = started + ((missing - started) / 2);
            if (await Started(middle)) started = middle;
            else missing = middle;
        }
        return started;
    }

    private async Task<long> CountAsync(string sql, string a, string? b, CancellationToken ct)
    {
        await using var connection = await Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, sql);
        CaseStore.Add(cmd, "@a", a);
        if (b is not null) CaseStore.Add(cmd, "@b", b);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Starts the case of a timer start event's occurrence and, in the same transaction, deletes its job and writes the
    /// next occurrence's. An occurrence whose case exists (a second job for it, from two nodes publishing at once) only
    /// deletes its job: the transaction that started the case wrote the successor, so no chain runs twice.
    /// </summary>
    internal async Task FireStartTimerAsync(long jobId, string target, string? occurrenceText, CancellationToken ct)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var processId = colon < 0 ? target : target[..colon];
        var nodeId = colon < 0 ? "" : target[(colon + 1)..];
        var definition = await Definitions.GetLatestPublishedAsync(processId, ct);
        if (definition?.Process.FindNode(nodeId) is not { Kind: NodeKind.StartEvent, Timer: { } timerDefinition }
            || !int.TryParse(occurrenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var occurrence))
        {
            // The process is no longer published or its latest version has no such timer start event: the chain ends.
            await DeleteJobAsync(jobId, ct);
            return;
        }
        var next = TimerSchedule.TryParse(timerDefinition, out var timer, out _) && timer.NextDue(DateTimeOffset.UtcNow, occurrence) is { } due
            ? TimerJobs.StartOccurrence(processId, nodeId, occurrence + 1, due)
            : null;
        // An occurrence whose case exists already (a second job for it) only deletes its job: see StartCaseAsync.
        await StartCaseForTimerAsync(definition, nodeId, TimerJobs.StartCaseId(processId, nodeId, occurrenceText!), jobId, next, ct);
    }

    /// <summary>Escalates a task whose deadline job is due (idempotent), then deletes the job.</summary>
    internal async Task FireDeadlineAsync(Guid caseId, long waitId, long jobId, CancellationToken ct)
    {
        await EscalateTaskAsync(caseId, waitId, ct);
        await DeleteJobAsync(jobId, ct);
    }

    /// <summary>Writes the missing jobs of timer waits and of open tasks with a deadline (see <see cref="TimerJobs.ReconcileSql"/>).</summary>
    internal async Task ReconcileTimerJobsAsync(CancellationToken ct)
    {
        var written = 0;
        await using var connection = await Database.OpenAsync(ct);
        foreach (var sql in TimerJobs.ReconcileSql)
        {
            await using var cmd = CaseStore.Command(connection, null, sql);
            written += await cmd.ExecuteNonQueryAsync(ct);
        }
        if (written > 0) LogTimerJobsReconciled(logger, written);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Count} missing job(s) for timers and task deadlines.")]
    private static partial void LogTimerJobsReconciled(ILogger logger, int count);
}

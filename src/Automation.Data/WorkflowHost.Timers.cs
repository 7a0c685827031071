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
    /// Writes the first occurrence's job of each timer start event of a published definition, unless the event has a job
    /// (its chain runs) or its first occurrence's case exists (the chain ran; a cycle that ended stays ended).
    /// </summary>
    internal async Task ScheduleStartTimersAsync(StoredDefinition definition, CancellationToken ct)
    {
        foreach (var start in definition.Process.StartEventsIn(null).Where(s => s.Trigger == EventTrigger.Timer && s.Timer is not null))
        {
            if (!TimerSchedule.TryParse(start.Timer!, out var timer, out _) || timer.NextDue(DateTimeOffset.UtcNow, 0) is not { } due) continue;
            var job = TimerJobs.StartOccurrence(definition.Process.Id, start.Id, 1, due);
            await using var connection = await Database.OpenAsync(ct);
            await using var cmd = CaseStore.Command(connection, null,
                "INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) SELECT @c, @k, @t, @p, @d, 0 " +
                "WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = @k AND target = @t) AND NOT EXISTS (SELECT 1 FROM cases WHERE id = @c)");
            CaseStore.Add(cmd, "@c", job.CaseId);
            CaseStore.Add(cmd, "@k", job.Kind);
            CaseStore.Add(cmd, "@t", job.Target);
            CaseStore.Add(cmd, "@p", job.Payload);
            CaseStore.Add(cmd, "@d", job.DueAt);
            await cmd.ExecuteNonQueryAsync(ct);
        }
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

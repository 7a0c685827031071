using System.Text.Json;
using Automation.Engine.Runtime;
using Microsoft.Extensions.Logging;

namespace Automation.Data;

/// <summary>
/// Delivers asynchronous continuations (signals to waiting cases, messages and signals thrown by cases, transaction
/// boundaries of camunda:asyncBefore/asyncAfter) and fires timers, task deadlines and timer start events
/// (<see cref="TimerJobs"/>) in due order. Jobs are
/// claimed with row locks — <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL — and a lease, so two nodes never run the
/// same job and a dead node's jobs return after the lease.
/// </summary>
internal sealed partial class JobWorker : IAsyncDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly WorkflowHost host;
    private readonly WorkflowHostOptions options;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly Task loop;

    public JobWorker(WorkflowHost host, WorkflowHostOptions options)
    {
        this.host = host;
        this.options = options;
        logger = host.LoggerFactory.CreateLogger<JobWorker>();
        loop = Task.Run(RunAsync);
    }

    /// <summary>Asks the worker to look for jobs now rather than at the next poll.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0) wake.Release();
    }

    private async Task RunAsync()
    {
        var nextPurge = DateTimeOffset.MinValue;
        var nextFactorCheck = DateTimeOffset.UtcNow + options.FactorRefreshInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var now = options.Clock.GetUtcNow();
                if (now >= nextPurge)
                {
                    await host.PurgeAssigneesAsync(stopping.Token);
                    await host.PurgeExpiredCasesAsync(stopping.Token);
                    // Counted from when this purge began: a period that ran out while it ran is purged by the next one.
                    nextPurge = now.AddHours(1);
                }
                if (DateTimeOffset.UtcNow >= nextFactorCheck)
                {
                    // Another node may have added a factor version; steps ending from then on must be priced with it.
                    await host.Factors.RefreshIfChangedAsync(stopping.Token);
                    nextFactorCheck = DateTimeOffset.UtcNow + options.FactorRefreshInterval;
                }
                var claimed = await ClaimAsync(stopping.Token);
                foreach (var job in claimed) await RunJobAsync(job, stopping.Token);
                if (claimed.Count == 0) await wake.WaitAsync(options.JobPollInterval, stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker keeps running; the job's lease returns it for a later attempt.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogWorkerFailed(logger, e);
                await Task.Delay(options.JobPollInterval, CancellationToken.None);
            }
        }
    }

    private async Task<List<(long Id, Guid CaseId, string Kind, string Target, string? Payload, long DueAt)>> ClaimAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var lockClause = host.Database.Provider == DatabaseProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await host.Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            "UPDATE jobs SET locked_by = @node, locked_until = @until, attempts = attempts + 1 WHERE id IN (" +
            "SELECT id FROM jobs WHERE due_at <= @now AND (locked_until IS NULL OR locked_until < @now) ORDER BY due_at, id LIMIT 32" + lockClause + ") " +
            "RETURNING id, case_id, kind, target, payload, due_at");
        CaseStore.Add(cmd, "@node", host.NodeName);
        CaseStore.Add(cmd, "@until", now + (long)Lease.TotalMilliseconds);
        CaseStore.Add(cmd, "@now", now);
        var result = new List<(long, Guid, string, string, string?, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add((reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5)));
        }
        // RETURNING keeps no order: run them as claimed, the earliest due first.
        result.Sort((a, b) => a.Item6 != b.Item6 ? a.Item6.CompareTo(b.Item6) : a.Item1.CompareTo(b.Item1));
        return result;
    }

    private async Task RunJobAsync((long Id, Guid CaseId, string Kind, string Target, string? Payload, long DueAt) job, CancellationToken ct)
    {
        try
        {
            switch (job.Kind)
            {
                case "signal":
                    // Delivered in the same transaction that deletes the job: exactly once per case.
                    await host.DeliverSignalAsync(job.CaseId, job.Target, job.Payload is null ? null : Variables.ParseObject(job.Payload).ToList(), job.Id, ct);
                    break;
                case "broadcast":
                    // Fanning out twice after a crash is harmless: a case no longer waiting ignores the signal.
                    await host.BroadcastSignalAsync(job.Target, null, null, background: true, ct);
                    await host.DeleteJobAsync(job.Id, ct);
                    break;
                case "message":
                    // The job is deleted in the transaction that delivers, starts or buffers the message.
                    var key = job.Payload is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(job.Payload)?.GetValueOrDefault("correlationKey");
                    await host.CorrelateMessageAsync(job.Target, key, null, job.Id, scope: null, ct);
                    break;
                case "start":
                    // Deleted in the transaction that stores the started case: one case per call.
                    await host.StartCalledCaseAsync(job.Target, job.Payload, job.Id, ct);
                    break;
                case TimerJobs.Timer:
                    // Deleted in the transaction that fires the timer, or alone when the wait or case is gone.
                    await host.FireTimerAsync(job.CaseId, long.Parse(job.Target, System.Globalization.CultureInfo.InvariantCulture), job.Id, ct);
                    break;
                case TimerJobs.Deadline:
                    await host.FireDeadlineAsync(job.CaseId, long.Parse(job.Target, System.Globalization.CultureInfo.InvariantCulture), job.Id, ct);
                    break;
                case TimerJobs.StartTimer:
                    // Deleted in the transaction that starts the occurrence's case and writes the next occurrence's job.
                    await host.FireStartTimerAsync(job.Id, job.Target, job.Payload, ct);
                    break;
                case "continuation":
                    // Deleted in the transaction that passes the boundary or records its failure.
                    await host.ContinueAtBoundaryAsync(job.CaseId, long.Parse(job.Target, System.Globalization.CultureInfo.InvariantCulture), job.Id, ct);
                    break;
                default:
                    await host.DeleteJobAsync(job.Id, ct);
                    break;
            }
        }
        catch (RunHandedOverException)
        {
            // Its scripts need longer than the inline budget: the script threads finish it and delete the job; the worker goes on.
        }
        // A StorageException or ConcurrencyConflictException lands here too: the job stays and returns after its lease.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogJobFailed(logger, job.Id, job.Kind, job.CaseId, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
        wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job worker failed; retrying.")]
    private static partial void LogWorkerFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) for case {CaseId} failed; it returns after its lease.")]
    private static partial void LogJobFailed(ILogger logger, long jobId, string kind, Guid caseId, Exception e);
}

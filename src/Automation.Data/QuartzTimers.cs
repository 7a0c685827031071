using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Automation.Data;

/// <summary>
/// Timers on Quartz.NET with its persistent store in the same database: non-clustered on SQLite, clustered on
/// PostgreSQL so each trigger fires on exactly one node. The waits table is the truth; a wait whose trigger is
/// missing (a crash between commit and scheduling) or overdue is scheduled again by the reconciler, and firing
/// is idempotent, so every timer fires exactly once in effect.
/// </summary>
internal sealed partial class QuartzTimers : IAsyncDisposable
{
    private const string TimerGroup = "timers";
    private const string StartGroup = "start-timers";
    private const string DeadlineGroup = "deadlines";

    private readonly WorkflowHost host;
    private readonly ServiceProvider provider;
    private readonly IScheduler scheduler;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task reconciler;

    private QuartzTimers(WorkflowHost host, ServiceProvider provider, IScheduler scheduler, TimeSpan reconcileEvery)
    {
        this.host = host;
        this.provider = provider;
        this.scheduler = scheduler;
        logger = host.LoggerFactory.CreateLogger<QuartzTimers>();
        reconciler = Task.Run(() => ReconcileLoopAsync(reconcileEvery));
    }

    public static async Task<QuartzTimers> StartAsync(WorkflowHost host, DatabaseOptions database, WorkflowHostOptions options, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(host);
        services.AddSingleton(host.LoggerFactory);
        services.AddTransient<TimerJob>();
        services.AddTransient<StartTimerJob>();
        services.AddTransient<DeadlineJob>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "automation";
                o.InstanceId = options.NodeName;
                o.IdleWaitTime = TimeSpan.FromSeconds(2);
            });
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = options.SchedulerThreads);
            q.UsePersistentStore(s =>
            {
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
                if (database.Provider == DatabaseProvider.Sqlite)
                {
                    // Quartz refuses clustering on SQLite; one node is the embedded default.
                    s.UseSqlite(database.ConnectionString);
                }
                else
                {
                    s.UsePostgres(database.ConnectionString);
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(2);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(6);
                    });
                }
            });
        });
        var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        await scheduler.Start(ct);
        return new QuartzTimers(host, provider, scheduler, options.TimerReconcileInterval);
    }

    /// <summary>Schedules triggers for new timer waits and marks them scheduled.</summary>
    public async Task ScheduleAsync(Guid caseId, IReadOnlyList<WaitState> waits, CancellationToken ct)
    {
        foreach (var wait in waits) await ScheduleOneAsync(caseId, wait.Id, wait.DueAt!.Value, ct);
        await MarkScheduledAsync(caseId, waits.Select(w => w.Id).ToList(), ct);
    }

    /// <summary>Deletes triggers of timer waits that ended without firing.</summary>
    public async Task UnscheduleAsync(Guid caseId, IReadOnlyList<long> waitIds, CancellationToken ct)
    {
        var keys = waitIds.Select(id => new JobKey(Key(caseId, id), TimerGroup)).ToList();
        await scheduler.DeleteJobs(keys, ct);
    }

    /// <summary>Schedules the deadline triggers of new user tasks.</summary>
    public async Task ScheduleDeadlinesAsync(Guid caseId, IReadOnlyList<WaitState> tasks, CancellationToken ct)
    {
        foreach (var task in tasks)
        {
            var key = Key(caseId, task.Id);
            var job = JobBuilder.Create<DeadlineJob>().WithIdentity(key, DeadlineGroup).RequestRecovery()
                .UsingJobData("case", caseId.ToString()).UsingJobData("wait", task.Id.ToString(CultureInfo.InvariantCulture)).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(key, DeadlineGroup).StartAt(task.DueAt!.Value)
                .WithSimpleSchedule(x => x.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
        }
    }

    /// <summary>Deletes deadline triggers of tasks that ended before their deadline.</summary>
    public async Task UnscheduleDeadlinesAsync(Guid caseId, IReadOnlyList<long> waitIds, CancellationToken ct) =>
        await scheduler.DeleteJobs([.. waitIds.Select(id => new JobKey(Key(caseId, id), DeadlineGroup))], ct);

    /// <summary>
    /// Schedules timers that have no trigger yet (older than a grace period) or are overdue, and escalates tasks whose
    /// deadline trigger was lost (escalation is idempotent, so doing it here directly is safe).
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var escalated = 0;
        foreach (var (caseId, waitId) in await host.OverdueTasksAsync(TimeSpan.FromSeconds(30), ct))
        {
            if (await host.EscalateTaskAsync(caseId, waitId, ct)) escalated++;
        }
        if (escalated > 0) LogEscalatedLate(logger, escalated);
        var now = DateTimeOffset.UtcNow;
        var due = new List<(Guid Case, long Wait, long DueAt)>();
        await using (var connection = await host.Database.OpenAsync(ct))
        await using (var cmd = CaseStore.Command(connection, null,
            "SELECT case_id, wait_id, due_at FROM waits WHERE kind = 'Timer' AND due_at IS NOT NULL " +
            "AND ((scheduled = @false AND created_at < @grace) OR due_at < @overdue) ORDER BY due_at LIMIT 5000"))
        {
            CaseStore.Add(cmd, "@false", false);
            CaseStore.Add(cmd, "@grace", (now - TimeSpan.FromSeconds(5)).ToUnixTimeMilliseconds());
            CaseStore.Add(cmd, "@overdue", (now - TimeSpan.FromSeconds(30)).ToUnixTimeMilliseconds());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) due.Add((Guid.Parse(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2)));
        }
        foreach (var (caseId, waitId, dueAt) in due)
        {
            await ScheduleOneAsync(caseId, waitId, DateTimeOffset.FromUnixTimeMilliseconds(dueAt), ct);
            await MarkScheduledAsync(caseId, [waitId], ct);
        }
        if (due.Count > 0) LogReconciled(logger, due.Count);
        return due.Count;
    }

    /// <summary>Schedules the next occurrence of each timer start event of a published definition.</summary>
    public async Task ScheduleStartTimersAsync(StoredDefinition definition, CancellationToken ct)
    {
        foreach (var start in definition.Process.StartEventsIn(null).Where(s => s.Trigger == EventTrigger.Timer && s.Timer is not null))
        {
            var key = new JobKey($"{definition.Process.Id}:{start.Id}", StartGroup);
            if (await scheduler.Exists(key, ct)) continue;
            await ScheduleStartAsync(key, definition.Process.Id, start, 0, DateTimeOffset.UtcNow, ct);
        }
    }

    internal async Task ScheduleStartAsync(JobKey key, string processId, FlowNode start, int occurrences, DateTimeOffset after, CancellationToken ct)
    {
        if (!TimerSchedule.TryParse(start.Timer!, out var timer, out _) || timer?.NextDue(after, occurrences) is not { } due) return;
        // The job is durable and each occurrence has its own trigger, so the job can schedule its successor while the
        // finishing trigger is removed.
        var job = JobBuilder.Create<StartTimerJob>().WithIdentity(key).StoreDurably().RequestRecovery()
            .UsingJobData("process", processId).UsingJobData("node", start.Id).Build();
        var occurrence = (occurrences + 1).ToString(CultureInfo.InvariantCulture);
        var trigger = TriggerBuilder.Create().WithIdentity($"{key.Name}#{occurrence}", key.Group).ForJob(key).StartAt(due)
            .UsingJobData("occurrence", occurrence)
            .WithSimpleSchedule(x => x.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }

    private async Task ScheduleOneAsync(Guid caseId, long waitId, DateTimeOffset due, CancellationToken ct)
    {
        var key = Key(caseId, waitId);
        var job = JobBuilder.Create<TimerJob>().WithIdentity(key, TimerGroup).RequestRecovery()
            .UsingJobData("case", caseId.ToString()).UsingJobData("wait", waitId.ToString(CultureInfo.InvariantCulture)).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(key, TimerGroup).StartAt(due)
            .WithSimpleSchedule(x => x.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }

    private async Task MarkScheduledAsync(Guid caseId, List<long> waitIds, CancellationToken ct)
    {
        await using var connection = await host.Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null);
        var names = new List<string>();
        for (var i = 0; i < waitIds.Count; i++)
        {
            names.Add("@w" + i.ToString(CultureInfo.InvariantCulture));
            CaseStore.Add(cmd, names[^1], waitIds[i]);
        }
        cmd.CommandText = $"UPDATE waits SET scheduled = @true WHERE case_id = @c AND wait_id IN ({string.Join(',', names)})";
        CaseStore.Add(cmd, "@true", true);
        CaseStore.Add(cmd, "@c", CaseStore.Id(caseId));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Key(Guid caseId, long waitId) => string.Create(CultureInfo.InvariantCulture, $"{caseId:N}-{waitId}");

    /// <summary>A case id that is the same every time a start timer's occurrence fires, so a re-fire starts no second case.</summary>
    internal static Guid StartCaseId(string processId, string nodeId, string occurrence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{processId}\n{nodeId}\n{occurrence}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private async Task ReconcileLoopAsync(TimeSpan every)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stopping.Token);
                await ReconcileAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop retries on the next round; the failure is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogReconcileFailed(logger, e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await reconciler;
        await scheduler.Shutdown(waitForJobsToComplete: true);
        await provider.DisposeAsync();
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} timer(s) that had no trigger or were overdue.")]
    private static partial void LogReconciled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Count} task(s) whose deadline trigger had not fired.")]
    private static partial void LogEscalatedLate(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer reconciliation failed; retrying next round.")]
    private static partial void LogReconcileFailed(ILogger logger, Exception e);
}

/// <summary>Fires one timer wait of one case.</summary>
internal sealed class TimerJob(WorkflowHost host) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var caseId = Guid.Parse(data.GetString("case")!);
        var waitId = long.Parse(data.GetString("wait")!, CultureInfo.InvariantCulture);
        try
        {
            await host.FireTimerAsync(caseId, waitId, background: true, cancellationToken);
        }
        catch (RunHandedOverException)
        {
            // Its scripts need longer than the inline budget: the run goes on on the script threads, this thread fires the next timer.
        }
        catch (Exception e) when (e is StorageException or ConcurrencyConflictException)
        {
            // The wait stays in the table; the reconciler schedules it again once it is overdue.
            throw new JobExecutionException(e);
        }
    }
}

/// <summary>Escalates one user task whose deadline has passed.</summary>
internal sealed class DeadlineJob(WorkflowHost host) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        try
        {
            await host.EscalateTaskAsync(Guid.Parse(data.GetString("case")!),
                long.Parse(data.GetString("wait")!, CultureInfo.InvariantCulture), cancellationToken);
        }
        catch (StorageException e)
        {
            // The task stays unescalated in the table; the reconciler escalates it on a later round.
            throw new JobExecutionException(e);
        }
    }
}

/// <summary>Starts a case at a timer start event and schedules the next occurrence.</summary>
internal sealed class StartTimerJob(WorkflowHost host) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var processId = data.GetString("process")!;
        var nodeId = data.GetString("node")!;
        var occurrence = data.GetString("occurrence")!;
        var definition = await host.Definitions.GetLatestPublishedAsync(processId, cancellationToken);
        var start = definition?.Process.FindNode(nodeId);
        if (definition is null || start is not { Kind: NodeKind.StartEvent, Timer: not null }) return;
        try
        {
            await host.StartCaseInBackgroundAsync(definition, nodeId, QuartzTimers.StartCaseId(processId, nodeId, occurrence), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // This occurrence's case exists already: the trigger fired again after a crash.
        }
        catch (RunHandedOverException)
        {
            // The case starts on the script threads; the next occurrence is scheduled here as usual.
        }
        var timers = host.Timers;
        if (timers is not null)
        {
            await timers.ScheduleStartAsync(context.JobDetail.Key, processId, start,
                int.Parse(occurrence, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow, cancellationToken);
        }
    }
}

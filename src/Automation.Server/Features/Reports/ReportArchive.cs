using System.Globalization;
using System.Security.Cryptography;
using Automation.Data.Reports;
using Automation.Data.Schema;
using Automation.Server.Features.Dashboards;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Automation.Server.Features.Reports;

/// <summary>Generates a report's workbook for one month and stores it once in archived_reports.</summary>
internal sealed partial class ReportArchiver(WorkflowHostAccessor accessor, TimeProvider time, ILogger<ReportArchiver> logger)
{
    /// <summary>"yyyy-MM" of a month.</summary>
    public static string PeriodKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The calendar month (Europe/Berlin) before the one in which <paramref name="fireTime"/> falls.</summary>
    public static DateOnly PreviousMonth(DateTimeOffset fireTime)
    {
        var local = DisplayTime.InBerlin(fireTime);
        return new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
    }

    /// <summary>
    /// Archives the report for the month starting at <paramref name="month"/>. Returns false when it is archived already:
    /// checked first to spare the work, and enforced by the unique key (name, period) when another node got there in between.
    /// </summary>
    public async Task<bool> ArchiveAsync(ReportDefinition report, DateOnly month, CancellationToken ct)
    {
        var key = PeriodKey(month);
        var database = accessor.Host.Database;
        await using (var context = database.CreateContext())
        {
            if (await context.ArchivedReports.AnyAsync(r => r.Name == report.Name && r.Period == key, ct)) return false;
        }
        var queries = new ImpactQueries(database);
        if (report.Process is not null) await PeriodInput.EnsureProcessAsync(queries, report.Process, ct);
        var period = new ReportPeriod(month, month.AddMonths(1).AddDays(-1));
        var book = await WorkbookExport.BuildAsync(queries, period, report.Process, time.GetUtcNow(), ct);
        await using (var context = database.CreateContext())
        {
            context.ArchivedReports.Add(new ArchivedReportRecord
            {
                Name = report.Name,
                ProcessId = report.Process,
                Period = key,
                GeneratedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
                FactorIds = string.Join('\n', book.FactorIds),
                FileName = $"{report.Name}-{key}.xlsx",
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(book.Content)),
                Content = book.Content,
            });
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                if (!await ExistsAsync(report.Name, key, ct)) throw;
                LogRaced(logger, report.Name, key);
                return false;
            }
        }
        LogArchived(logger, report.Name, key);
        return true;
    }

    private async Task<bool> ExistsAsync(string name, string period, CancellationToken ct)
    {
        await using var context = accessor.Host.Database.CreateContext();
        return await context.ArchivedReports.AnyAsync(r => r.Name == name && r.Period == period, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Name} for {Period} archived")]
    private static partial void LogArchived(ILogger logger, string name, string period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Name} for {Period} was archived by another node meanwhile")]
    private static partial void LogRaced(ILogger logger, string name, string period);
}

/// <summary>The Quartz job of one configured report: archives the previous month's workbook.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ArchiveReportJob(ReportArchiver archiver, IReadOnlyList<ReportDefinition> reports, ILogger<ArchiveReportJob> logger) : IJob
{
    /// <summary>Job-data key holding the report name.</summary>
    public const string ReportKey = "report";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(ReportKey) ?? "";
        var report = reports.First(r => r.Name == name);
        var month = ReportArchiver.PreviousMonth(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        try
        {
            await archiver.ArchiveAsync(report, month, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Logged, not thrown: a failing report must not stop the scheduler or the other reports.
            LogFailed(logger, e, name, ReportArchiver.PeriodKey(month));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {Name} for {Period} could not be archived")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name, string period);
}

/// <summary>Registers the report archive and schedules the configured reports.</summary>
internal static class ReportSetup
{
    /// <summary>
    /// Validates "Automation:Reports" (the server refuses to start on a mistake) and schedules each report on an
    /// in-memory Quartz scheduler, as the schedule lives in configuration. Every node runs it; the unique key
    /// (name, period) of archived_reports keeps exactly one archive per report and month.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        var reports = ReportDefinition.Load(configuration);
        services.AddSingleton(reports);
        services.AddSingleton<ReportArchiver>();
        services.TryAddSingleton(TimeProvider.System);
        var runScheduler = configuration.GetValue(ServerOptions.Section + ":RunScheduler", true);
        if (reports.Count > 0 && runScheduler) Schedule(services, reports);
        return services;
    }

    // Apart, so a server without a schedule never loads Quartz (code loads the types a method names when it is
    // compiled or entered, even in a branch that never runs).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Schedule(IServiceCollection services, IReadOnlyList<ReportDefinition> reports)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "automation-reports");
            q.UseInMemoryStore();
            foreach (var report in reports)
            {
                var job = new JobKey(report.Name, "archived-reports");
                q.AddJob<ArchiveReportJob>(j => j.WithIdentity(job).UsingJobData(ArchiveReportJob.ReportKey, report.Name));
                q.AddTrigger(t => t.ForJob(job).WithIdentity(report.Name, "archived-reports")
                    .WithCronSchedule(report.Cron, c => c.InTimeZone(ReportPeriod.Zone)));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
    }
}

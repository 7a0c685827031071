using Automation.Data.Reports;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Server.Features.Jobs;
using Mediator;

namespace Automation.Server.Features.Dashboards;

/// <summary>
/// The Excel report of the dashboard pages as a background job: a year of ledger rows takes long enough that the
/// page shows progress and then the file on the job page. The API (<c>/api/dashboards/workbook</c>) still answers
/// within its request, for programs.
/// </summary>
internal static class WorkbookJob
{
    /// <summary>The job kind.</summary>
    public const string Kind = "workbook";

    /// <summary>Starts the job for a dashboard page and returns the job page to redirect to.</summary>
    /// <exception cref="Infrastructure.BadInputException">The user already has the most jobs running.</exception>
    public static string StartFromPage(BackgroundJobs jobs, IServiceScopeFactory scopes, string owner, ReportPeriod period, string? processId,
        string? processName = null) =>
        AuftragModel.PathOf(Start(jobs, scopes, owner, period, processId, processName).Id);

    /// <summary>Starts the job; its title names the process by <paramref name="processName"/>, the id only when it has none.</summary>
    /// <exception cref="Infrastructure.BadInputException">The user already has the most jobs running.</exception>
    public static BackgroundJob Start(BackgroundJobs jobs, IServiceScopeFactory scopes, string owner, ReportPeriod period, string? processId,
        string? processName = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(period);
        var title = processId is null ? Texte.Format(Texte.WorkbookJobTitelAlle, period.Label)
            : Texte.Format(Texte.WorkbookJobTitelProzess, ProcessDefinition.LabelOf(processId, processName), period.Label);
        return jobs.Start(owner, Kind, title, period, async (progress, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var book = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExportWorkbook(period, processId) { Progress = progress }, ct);
            return new JobReport(Texte.Format(Texte.ServerExcelBerichtFuerErstellt, period.Label), [],
                new JobFile(book.Content, book.FileName, DashboardEndpoints.XlsxType));
        });
    }
}

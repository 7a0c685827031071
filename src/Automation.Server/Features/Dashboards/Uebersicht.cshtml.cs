using Automation.Data.Reports;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Jobs;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Dashboards;

/// <summary>The overview page's data.</summary>
/// <param name="Data">Figures.</param>
/// <param name="Charts">Charts.</param>
internal sealed record OverviewView(ImpactOverview Data, IReadOnlyList<ChartView> Charts);

/// <summary>The manager overview across processes.</summary>
[Authorize(Policy = Policies.Dashboards)]
public sealed class UebersichtModel(IMediator mediator, TimeProvider time, BackgroundJobs jobs, IServiceScopeFactory scopes) : PageModel
{
    /// <summary>First day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    internal OverviewView? View { get; private set; }

    /// <summary>Why the period was refused.</summary>
    public string? Error { get; private set; }

    internal ReportPeriod? Period { get; private set; }

    /// <summary>Query string of the period, for links.</summary>
    public string PeriodQuery => Period is null ? "" : $"from={Period.From:yyyy-MM-dd}&to={Period.To:yyyy-MM-dd}";

    /// <summary>Loads the figures.</summary>
    public async Task OnGetAsync()
    {
        try
        {
            Period = PeriodInput.Parse(From, To, PeriodInput.Today(time));
        }
        catch (BadInputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var data = await mediator.Send(new GetOverview(Period), HttpContext.RequestAborted);
        View = new OverviewView(data, DashboardCharts.TrendCharts(data));
    }

    /// <summary>Starts the Excel report of the period as a job and shows the job page (redirect after POST).</summary>
    public IActionResult OnPostWorkbook()
    {
        try
        {
            return Redirect(WorkbookJob.StartFromPage(jobs, scopes, User.UserName(), PeriodInput.Parse(From, To, PeriodInput.Today(time)), null));
        }
        catch (BadInputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}

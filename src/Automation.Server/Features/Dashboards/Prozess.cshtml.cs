using Automation.Data.Reports;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Jobs;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Dashboards;

/// <summary>The per-process dashboard: heatmap, bottlenecks, versions, outliers, carbon balance.</summary>
[Authorize(Policy = Policies.Dashboards)]
public sealed class ProzessModel(IMediator mediator, TimeProvider time, BackgroundJobs jobs, IServiceScopeFactory scopes) : PageModel
{
    /// <summary>First day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    /// <summary>Process id from the route.</summary>
    [BindProperty(SupportsGet = true)]
    public string ProcessId { get; set; } = "";

    internal ProcessView? View { get; private set; }

    /// <summary>Why the request was refused.</summary>
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
            View = await mediator.Send(new GetProcessPage(Period, ProcessId), HttpContext.RequestAborted);
        }
        catch (BadInputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>Starts the Excel report of the period as a job and shows the job page (redirect after POST).</summary>
    public async Task<IActionResult> OnPostWorkbookAsync()
    {
        try
        {
            var period = PeriodInput.Parse(From, To, PeriodInput.Today(time));
            var label = await mediator.Send(new GetProcessLabel(ProcessId), HttpContext.RequestAborted);
            return Redirect(WorkbookJob.StartFromPage(jobs, scopes, User.UserName(), period, ProcessId, label));
        }
        catch (BadInputException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}

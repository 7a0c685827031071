using Automation.Server.Features.Auth;
using Automation.Workforce.Reporting;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.LabourMarket;

/// <summary>The employment-office report as a printable page (aggregates only).</summary>
[Authorize(Policy = Policies.LabourReport)]
public sealed class BerichtModel(IMediator mediator) : PageModel
{
    /// <summary>The report.</summary>
    public EmploymentReport Report { get; private set; } = null!;

    /// <summary>Builds the report for an optional period.</summary>
    public async Task OnGetAsync(DateOnly? from, DateOnly? to) =>
        Report = await mediator.Send(new BuildEmploymentReport(from, to), HttpContext.RequestAborted);
}

using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Reports;

/// <summary>Managers and administrators see the archived monthly reports and the configured schedule.</summary>
[Authorize(Policy = Policies.Dashboards)]
public sealed class BerichteModel(IMediator mediator, IReadOnlyList<ReportDefinition> definitions) : PageModel
{
    internal IReadOnlyList<ArchivedReport> Reports { get; private set; } = [];

    internal IReadOnlyList<ReportDefinition> Definitions => definitions;

    /// <summary>Shows the archive.</summary>
    public async Task OnGetAsync() => Reports = await mediator.Send(new ListArchivedReports(), HttpContext.RequestAborted);
}

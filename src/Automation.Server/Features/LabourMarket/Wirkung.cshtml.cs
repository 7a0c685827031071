using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.LabourMarket;

/// <summary>
/// "Wirkung der Automatisierung" (docs/jobcenter-guide.md §2) as a page: the answer of <see cref="GetImpact"/>, the
/// request behind <c>GET /api/labour/impact</c>, so page and API show the same figures through the same privacy gate.
/// Same policy as the API: the figures are aggregates (people are never counted here).
/// </summary>
[Authorize(Policy = Policies.LabourImpact)]
public sealed class WirkungModel(IMediator mediator) : PageModel
{
    /// <summary>Measured sections and, apart, the stored forecasts.</summary>
    internal ImpactResponse Impact { get; private set; } = null!;

    /// <summary>The process asked for, or null for all.</summary>
    public string? Process { get; private set; }

    /// <summary>Shows the impact of every measured process, or of one (<paramref name="prozess"/>).</summary>
    public async Task OnGetAsync(string? prozess)
    {
        Process = string.IsNullOrWhiteSpace(prozess) ? null : prozess.Trim();
        Impact = await mediator.Send(new GetImpact(Process, null, null, null), HttpContext.RequestAborted);
    }
}

using Automation.Server.Features.Auth;
using Automation.Server.Features.Ledger;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Factors;

/// <summary>The factor table: every key with the version valid on a day, its source, year and status.</summary>
[Authorize(Policy = Policies.FactorsRead)]
public sealed class FaktorenModel(IMediator mediator, IAuthorizationService authorization) : PageModel
{
    /// <summary>Reference day (query <c>at</c>, default today).</summary>
    public DateOnly At { get; private set; }

    internal IReadOnlyList<FactorSummaryDto> Factors { get; private set; } = [];

    /// <summary>Whether the user may run the recomputation report.</summary>
    public bool CanRecompute { get; private set; }

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync([FromQuery] string? at)
    {
        At = LedgerParameters.Day(at, "at") ?? DateOnly.FromDateTime(DateTime.UtcNow);
        Factors = await mediator.Send(new ListFactors(At), HttpContext.RequestAborted);
        CanRecompute = (await authorization.AuthorizeAsync(User, Policies.FactorsWrite)).Succeeded;
    }
}

using Automation.Data;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Ledger;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Factors;

/// <summary>The recomputation report in the browser (administration): old against new, nothing stored.</summary>
[Authorize(Policy = Policies.FactorsWrite)]
public sealed class NeuberechnungModel(IMediator mediator) : PageModel
{
    /// <summary>Start of the period.</summary>
    [BindProperty]
    public string? From { get; set; }

    /// <summary>End of the period.</summary>
    [BindProperty]
    public string? To { get; set; }

    /// <summary>Process id.</summary>
    [BindProperty]
    public string? ProcessId { get; set; }

    /// <summary>Why the request was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The report, after a POST.</summary>
    public LedgerRecomputationReport? Report { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Computes the report.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            Report = await mediator.Send(new RecomputeLedger(LedgerParameters.Filter(From, To, ProcessId, null, null, null)), HttpContext.RequestAborted);
        }
        catch (BadInputException e)
        {
            Error = $"{e.Field}: {e.Message}";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}

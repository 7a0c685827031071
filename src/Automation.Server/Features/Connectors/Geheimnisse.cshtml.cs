using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Connectors;

/// <summary>The secrets page: names and dates, add or replace a value, delete; a value is never shown.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class GeheimnisseModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<SecretDto> Secrets { get; private set; } = [];

    /// <summary>Name to save or delete.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Value to save (never echoed back into the page).</summary>
    [BindProperty]
    public string? Value { get; set; }

    /// <summary>Message after a change.</summary>
    [TempData]
    public string? Status { get; set; }

    /// <summary>A refused request.</summary>
    public string? Error { get; private set; }

    /// <summary>Lists the secrets.</summary>
    public async Task OnGetAsync() => Secrets = await mediator.Send(new ListSecrets(), HttpContext.RequestAborted);

    /// <summary>Creates or replaces a secret; the value is not put back into the page.</summary>
    public async Task<IActionResult> OnPostSaveAsync()
    {
        try
        {
            await mediator.Send(new SaveSecret(Name ?? "", Value, User), HttpContext.RequestAborted);
            Status = Texte.Format(Texte.ServerGeheimnisGespeichert, Name);
            return RedirectToPage();
        }
        catch (Exception e) when (e is BadInputException or ConcurrencyConflictException)
        {
            Error = e.Message;
            Value = null;
            Secrets = await mediator.Send(new ListSecrets(), HttpContext.RequestAborted);
            return Page();
        }
    }

    /// <summary>Deletes a secret.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        try
        {
            await mediator.Send(new DeleteSecret(Name ?? ""), HttpContext.RequestAborted);
            Status = Texte.Format(Texte.ServerGeheimnisGeloescht, Name);
        }
        catch (NotFoundException e)
        {
            Status = e.Message;
        }
        return RedirectToPage();
    }
}

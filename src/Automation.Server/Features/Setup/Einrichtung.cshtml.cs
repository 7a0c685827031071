using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Setup;

/// <summary>
/// First start without a configured administrator password: the link from the log leads here, and the visitor sets the
/// administrator's password once. Any other token, or any visit after an account exists, is 404.
/// </summary>
[AllowAnonymous]
public sealed class EinrichtungModel(IMediator mediator, IOptions<ServerOptions> options) : PageModel
{
    /// <summary>Login name of the administrator to be created.</summary>
    public string AdminUser => options.Value.Admin.User;

    /// <summary>Minimum password length, shown in the form.</summary>
    public static int MinLength => FirstAdminSetup.MinPasswordLength;

    /// <summary>The new password (never logged, never shown again).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The password once more.</summary>
    [BindProperty]
    public string? Repeat { get; set; }

    /// <summary>The field with a problem.</summary>
    public string? ErrorField { get; private set; }

    /// <summary>The problem, in German.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form while the link is valid.</summary>
    public async Task<IActionResult> OnGetAsync(string token) =>
        await mediator.Send(new OpenSetup(token), HttpContext.RequestAborted) ? Page() : NotFound();

    /// <summary>Creates the administrator and spends the link.</summary>
    public async Task<IActionResult> OnPostAsync(string token)
    {
        var result = await mediator.Send(new CompleteSetup(token, Password, Repeat), HttpContext.RequestAborted);
        Password = null;
        Repeat = null;
        if (!result.LinkValid) return NotFound();
        if (result.Succeeded) return Redirect("/anmelden");
        (ErrorField, Error) = (result.Field, result.Error);
        return Page();
    }
}

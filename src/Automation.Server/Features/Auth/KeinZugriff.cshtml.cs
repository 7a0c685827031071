using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Auth;

/// <summary>Shown when a signed-in person lacks the role for a page.</summary>
[AllowAnonymous]
public sealed class KeinZugriffModel : PageModel
{
    /// <summary>Answers with 403 so that clients and tests see the refusal.</summary>
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}

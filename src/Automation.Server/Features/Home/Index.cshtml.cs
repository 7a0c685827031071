using System.Security.Claims;
using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Home;

/// <summary>Start page with the areas the user's roles open.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel : PageModel
{
    /// <summary>Shown name.</summary>
    public string DisplayName => User.FindFirstValue("display_name") ?? User.Identity?.Name ?? "";

    /// <summary>German role names.</summary>
    public IEnumerable<string> RoleNames => User.FindAll(ClaimTypes.Role).Select(c => Roles.Display(c.Value));

    /// <summary>Shows the page.</summary>
    public void OnGet()
    {
    }
}

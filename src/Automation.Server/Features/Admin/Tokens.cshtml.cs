using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Admin;

/// <summary>Lets an administrator create API tokens in the browser (the first token cannot come from the API).</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class TokensModel(IMediator mediator) : PageModel
{
    /// <summary>User names to choose from.</summary>
    public IReadOnlyList<string> Users { get; private set; } = [];

    /// <summary>Chosen user.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>What the token is for.</summary>
    [BindProperty]
    public string? Label { get; set; }

    /// <summary>The token just created, shown once.</summary>
    public string? NewToken { get; private set; }

    /// <summary>Shows the form.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Creates the token.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(UserName))
        {
            NewToken = (await mediator.Send(new CreateToken(UserName, string.IsNullOrWhiteSpace(Label) ? "API" : Label), HttpContext.RequestAborted)).Token;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Users = (await mediator.Send(new ListUsers(), HttpContext.RequestAborted)).Select(u => u.UserName).ToList();
}

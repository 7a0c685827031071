using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Admin;

/// <summary>
/// API tokens in the browser: everyone lists and revokes their own; administrators see all and create tokens
/// (the first token cannot come from the API).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TokensModel(IMediator mediator, IOptions<ServerOptions> options) : PageModel
{
    /// <summary>Whether the caller administers (sees all tokens, creates tokens).</summary>
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>Active user names to create a token for.</summary>
    public IReadOnlyList<string> Users { get; private set; } = [];

    internal IReadOnlyList<TokenDto> Tokens { get; private set; } = [];

    internal TokenResponse? NewToken { get; private set; }

    /// <summary>Default lifetime in days.</summary>
    public int DefaultDays => options.Value.Tokens.DefaultLifetimeDays;

    /// <summary>Longest lifetime in days.</summary>
    public int MaxDays => options.Value.Tokens.MaxLifetimeDays;

    /// <summary>Chosen user.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>What the token is for.</summary>
    [BindProperty]
    public string? Label { get; set; }

    /// <summary>Lifetime in days.</summary>
    [BindProperty]
    public int? Days { get; set; }

    /// <summary>Token to revoke.</summary>
    [BindProperty]
    public long Id { get; set; }

    /// <summary>Message after a change.</summary>
    [TempData]
    public string? Status { get; set; }

    /// <summary>A refused request.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the list (and the form for administrators).</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Creates a token (administrators); it is shown on this answer only, never redirected to.</summary>
    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!IsAdmin) return Forbid();
        try
        {
            NewToken = await mediator.Send(new CreateToken(new TokenBody(UserName, Label, null, Days)), HttpContext.RequestAborted);
        }
        catch (BadInputException e)
        {
            Error = e.Message;
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Revokes a token of the caller (any, for administrators).</summary>
    public async Task<IActionResult> OnPostRevokeAsync()
    {
        try
        {
            await mediator.Send(new RevokeToken(User, Id), HttpContext.RequestAborted);
            Status = Texte.ServerTokenWiderrufen;
        }
        catch (NotFoundException e)
        {
            Status = e.Message;
        }
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Tokens = await mediator.Send(new ListTokens(User), HttpContext.RequestAborted);
        if (IsAdmin) Users = (await mediator.Send(new ListUsers(), HttpContext.RequestAborted)).Where(u => u.Active).Select(u => u.UserName).ToList();
    }
}

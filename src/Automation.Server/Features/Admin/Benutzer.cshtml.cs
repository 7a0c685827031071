using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Admin;

/// <summary>The role check boxes and the groups field, shared by the create and the edit form.</summary>
/// <param name="Roles">Checked roles.</param>
/// <param name="Groups">Groups shown.</param>
/// <param name="Prefix">Field name prefix ("New" on the create form, "" on the edit form).</param>
public sealed record RoleFieldsModel(IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, string Prefix);

/// <summary>Administrators list and create users; each user's page changes, deactivates or deletes it.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class BenutzerModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<UserDto> Users { get; private set; } = [];

    /// <summary>Login name of the new user.</summary>
    [BindProperty]
    public string? NewUserName { get; set; }

    /// <summary>Shown name of the new user.</summary>
    [BindProperty]
    public string? NewDisplayName { get; set; }

    /// <summary>First password (never shown again).</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>Roles of the new user.</summary>
    [BindProperty]
    public List<string> NewRoles { get; set; } = [];

    /// <summary>Groups of the new user, comma-separated.</summary>
    [BindProperty]
    public string? NewGroups { get; set; }

    /// <summary>Message after a change.</summary>
    [TempData]
    public string? Status { get; set; }

    /// <summary>A refused change.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the list and the form.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Creates the user.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var created = await mediator.Send(new CreateUser(new UserBody(NewUserName, string.IsNullOrWhiteSpace(NewDisplayName) ? null : NewDisplayName,
                string.IsNullOrEmpty(NewPassword) ? null : NewPassword, NewRoles, SplitGroups(NewGroups), null)), HttpContext.RequestAborted);
            Status = Texte.Format(Texte.ServerPersonAngelegt, created.UserName);
            return RedirectToPage();
        }
        catch (Exception e) when (e is BadInputException or ConcurrencyConflictException)
        {
            Error = e.Message;
            NewPassword = null;
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>Status column text.</summary>
    internal static string StatusText(UserDto user)
    {
        var parts = new List<string> { user.Active ? Texte.BenutzerAktiv : Texte.BenutzerDeaktiviert };
        if (user.External) parts.Add(Texte.BenutzerSingleSignOn);
        if (!user.HasPassword && !user.External) parts.Add(Texte.BenutzerOhnePasswort);
        if (user.LockedUntil is { } until) parts.Add(Texte.Format(Texte.BenutzerGesperrtBis, DisplayTime.Time(until)));
        return string.Join(", ", parts);
    }

    /// <summary>The groups of the comma-separated form field.</summary>
    internal static List<string> SplitGroups(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private async Task LoadAsync() => Users = await mediator.Send(new ListUsers(), HttpContext.RequestAborted);
}

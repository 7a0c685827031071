using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Admin;

/// <summary>One user: change name, roles, groups and status, reset the password, lift a login lock, delete.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class PersonModel(IMediator mediator) : PageModel
{
    internal UserDto? Person { get; private set; }

    /// <summary>The name asked for when no such user exists (the page answers 404 in German).</summary>
    public string? Missing { get; private set; }

    /// <summary>Shown name.</summary>
    [BindProperty]
    public string? DisplayName { get; set; }

    /// <summary>Roles (check boxes).</summary>
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    /// <summary>Groups, comma-separated.</summary>
    [BindProperty]
    public string? Groups { get; set; }

    /// <summary>Whether the user stays active.</summary>
    [BindProperty]
    public bool Active { get; set; }

    /// <summary>New password (never shown again).</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>Deletion confirmed.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    /// <summary>Message after a change.</summary>
    [TempData]
    public string? Status { get; set; }

    /// <summary>A refused change.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the user.</summary>
    public async Task<IActionResult> OnGetAsync(string userName) => await LoadAsync(userName) ? Page() : NotFoundPage(userName);

    /// <summary>Saves name, roles, groups and status; the password stays as it is.</summary>
    public Task<IActionResult> OnPostSaveAsync(string userName) =>
        ChangeAsync(userName, new UpdateUser(userName, new UserPatch(DisplayName, null, Roles, BenutzerModel.SplitGroups(Groups), Active)),
            Texte.ServerAenderungenWurdenGespeichert);

    /// <summary>Sets a new password; every session of the user ends.</summary>
    public Task<IActionResult> OnPostPasswordAsync(string userName) =>
        ChangeAsync(userName, new UpdateUser(userName, new UserPatch(null, NewPassword ?? "", null, null, null)),
            Texte.ServerPasswortWurdeGeaendertAlleSitzungen);

    /// <summary>Lifts a login lock.</summary>
    public Task<IActionResult> OnPostUnlockAsync(string userName) =>
        ChangeAsync(userName, new UnlockUser(userName), Texte.ServerAnmeldesperreAufgehoben);

    /// <summary>Deletes the user after confirmation.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string userName)
    {
        if (!Confirm)
        {
            Error = Texte.ServerBitteBestaetigenSieLoeschen;
            return await LoadAsync(userName) ? Page() : NotFoundPage(userName);
        }
        try
        {
            await mediator.Send(new DeleteUser(userName), HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is BadInputException or ConcurrencyConflictException or NotFoundException)
        {
            Error = e.Message;
            return await LoadAsync(userName) ? Page() : NotFoundPage(userName);
        }
        TempData[nameof(BenutzerModel.Status)] = Texte.Format(Texte.ServerPersonWurdeGeloescht, userName);
        return RedirectToPage("/Admin/Benutzer");
    }

    private async Task<IActionResult> ChangeAsync<T>(string userName, IRequest<T> request, string done)
    {
        NewPassword = null;
        try
        {
            await mediator.Send(request, HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is BadInputException or ConcurrencyConflictException or NotFoundException)
        {
            Error = e.Message;
            return await LoadAsync(userName) ? Page() : NotFoundPage(userName);
        }
        Status = done;
        return RedirectToPage(new { userName });
    }

    private PageResult NotFoundPage(string userName)
    {
        Missing = userName;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(string userName)
    {
        try
        {
            Person = await mediator.Send(new GetUser(userName), HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}

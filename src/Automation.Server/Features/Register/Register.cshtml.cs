using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Definitions;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Register;

/// <summary>The register of one definition version for process owners: steps, gaps, and publishing.</summary>
[Authorize(Policy = Policies.RegisterRead)]
public sealed class RegisterModel(IMediator mediator) : PageModel
{
    internal RegisterVersion? Version { get; private set; }

    /// <summary>Whether the user may edit entries and publish.</summary>
    public bool CanEdit => Policies.Map[Policies.RegisterWrite].Any(User.IsInRole);

    /// <summary>Whether the user may publish over gaps.</summary>
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>Outcome of a publish attempt.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether <see cref="Message"/> reports a failure.</summary>
    public bool Failed { get; private set; }

    /// <summary>Reason for publishing over gaps (administrators).</summary>
    [BindProperty]
    public string? OverrideReason { get; set; }

    /// <summary>Shows the register of the version.</summary>
    public async Task<IActionResult> OnGetAsync(long definitionId) => await LoadAsync(definitionId);

    /// <summary>Publishes the version (blocked while entries are incomplete, unless an administrator gives a reason).</summary>
    public async Task<IActionResult> OnPostPublishAsync(long definitionId)
    {
        if (!CanEdit) return Forbid();
        try
        {
            var result = await mediator.Send(new PublishVersion(definitionId, OverrideReason), HttpContext.RequestAborted);
            var published = result.Versions.Count > 0 ? result.Versions[0] : null;
            Message = published is null ? Texte.RegisterVeroeffentlicht : Texte.Format(Texte.RegisterVeroeffentlichtAls, published.Version);
            if (published is not null && published.Id != definitionId) return Redirect($"/register/{published.Id}");
        }
        catch (Exception e) when (e is RegisterIncompleteException or ForbiddenException or DefinitionInvalidException)
        {
            Failed = true;
            Message = e.Message;
        }
        return await LoadAsync(definitionId);
    }

    private async Task<IActionResult> LoadAsync(long definitionId)
    {
        try
        {
            Version = await mediator.Send(new GetRegisterVersion(definitionId), HttpContext.RequestAborted);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }
}

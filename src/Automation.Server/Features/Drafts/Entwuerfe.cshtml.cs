using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Drafts;

/// <summary>The signed-in user's modeler drafts: continue one in the modeler or discard it.</summary>
[Authorize(Policy = Policies.DefinitionsWrite)]
public sealed class EntwuerfeModel : PageModel
{
    private ModelerDrafts Store => HttpContext.RequestServices.GetRequiredService<ModelerDrafts>();

    internal IReadOnlyList<DraftDto> Drafts { get; private set; } = [];

    /// <summary>What the last action did.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Lists the drafts.</summary>
    public async Task OnGetAsync() => Drafts = await Store.ListAsync(User.UserName(), forProcess: false, null, HttpContext.RequestAborted);

    /// <summary>Discards one of the user's drafts (anti-forgery checked by Razor Pages); another user's id is a 404.</summary>
    public async Task<IActionResult> OnPostVerwerfenAsync(long id)
    {
        try
        {
            await Store.DeleteAsync(User.UserName(), id, HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Message = Texte.ServerEntwurfVerworfen;
        return RedirectToPage();
    }

    /// <summary>The modeler address that continues a draft.</summary>
    internal static string ResumeUrl(DraftDto draft) =>
        "/modeler" + (draft.ProcessId is null ? "" : "/" + Uri.EscapeDataString(draft.ProcessId)) + "?entwurf=" + draft.Id;
}

using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Automation.Workforce.Staff;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.LabourMarket;

/// <summary>Vacancies, apprenticeships and new staffing needs for the report (§2 Abs. 3 SGB III Nr. 1–3).</summary>
[Authorize(Policy = Policies.LabourData)]
public sealed class StellenModel(IMediator mediator) : PageModel
{
    /// <summary>Entries.</summary>
    public IReadOnlyList<StaffingEntry> Entries { get; private set; } = [];

    /// <summary>Topics declared empty.</summary>
    public IReadOnlyList<StaffingDeclaration> Declarations { get; private set; } = [];

    /// <summary>What was done.</summary>
    public string? Notice { get; private set; }

    /// <summary>What was wrong with the form, and where.</summary>
    public (string Field, string Message)? Error { get; private set; }

    /// <summary>Lists entries.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Saves an entry; a problem is shown beside the form, nothing is stored.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string id, string kind, string occupation, int positions, string? role, DateOnly? from, string? reason,
        bool fromAutomation, string? requirements)
    {
        var body = new StaffingBody(kind, occupation, positions, role, from, reason, fromAutomation,
            (requirements ?? "").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        try
        {
            await mediator.Send(new SaveStaffing(id ?? "", body, User.UserName()), HttpContext.RequestAborted);
            Notice = Texte.Format(Texte.ServerEintragGespeichert, id);
        }
        catch (BadInputException e)
        {
            Error = (e.Field, e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Removes an entry.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        await mediator.Send(new DeleteStaffing(id), HttpContext.RequestAborted);
        Notice = Texte.Format(Texte.ServerEintragEntfernt, id);
        await LoadAsync();
        return Page();
    }

    /// <summary>States (or withdraws) that there is nothing to report on a topic.</summary>
    public async Task<IActionResult> OnPostDeclareAsync(string topic, bool none)
    {
        await mediator.Send(new DeclareStaffing(topic, none, User.UserName()), HttpContext.RequestAborted);
        Notice = none ? Texte.StellenKeineGespeichert : Texte.StellenKeineZurueck;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var dto = await mediator.Send(new GetStaffing(), HttpContext.RequestAborted);
        Entries = dto.Entries;
        Declarations = dto.Declarations;
    }
}

using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Connectors;

/// <summary>The allow-list page ("Erlaubte Ziele"): list, add, remove.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class ZieleModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<OutboundHostDto> Hosts { get; private set; } = [];

    /// <summary>Host to allow.</summary>
    [BindProperty]
    public string? TargetHost { get; set; }

    /// <summary>Only this port.</summary>
    [BindProperty]
    public int? Port { get; set; }

    /// <summary>Why.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Entry to remove.</summary>
    [BindProperty]
    public long Id { get; set; }

    /// <summary>Message after a change.</summary>
    [TempData]
    public string? Status { get; set; }

    /// <summary>A refused request.</summary>
    public string? Error { get; private set; }

    /// <summary>Lists the targets.</summary>
    public async Task OnGetAsync() => Hosts = await mediator.Send(new ListOutboundHosts(), HttpContext.RequestAborted);

    /// <summary>Allows a target.</summary>
    public async Task<IActionResult> OnPostAddAsync()
    {
        try
        {
            var added = await mediator.Send(new AddOutboundHost(new OutboundHostBody(TargetHost, Port, Note), User), HttpContext.RequestAborted);
            Status = Texte.Format(Texte.ServerZielErlaubt, added.Host);
            return RedirectToPage();
        }
        catch (Exception e) when (e is BadInputException or ConcurrencyConflictException)
        {
            Error = e.Message;
            Hosts = await mediator.Send(new ListOutboundHosts(), HttpContext.RequestAborted);
            return Page();
        }
    }

    /// <summary>Removes a target.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        try
        {
            await mediator.Send(new DeleteOutboundHost(Id), HttpContext.RequestAborted);
            Status = Texte.ServerZielEntfernt;
        }
        catch (NotFoundException e)
        {
            Status = e.Message;
        }
        return RedirectToPage();
    }
}

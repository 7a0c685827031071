using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Audit;

/// <summary>Administrators view and filter the audit log and export it as CSV.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class ProtokollModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<AuditEntryDto> Entries { get; private set; } = [];

    /// <summary>Filter: entity kind.</summary>
    public string? Kind { get; private set; }

    /// <summary>Filter: entity id.</summary>
    public string? EntityId { get; private set; }

    /// <summary>Filter: user.</summary>
    public string? Actor { get; private set; }

    /// <summary>Filter: first day.</summary>
    public DateOnly? From { get; private set; }

    /// <summary>Filter: last day.</summary>
    public DateOnly? To { get; private set; }

    /// <summary>A refused filter.</summary>
    public string? Error { get; private set; }

    /// <summary>The query string of the current filter, for the CSV link.</summary>
    public string ExportQuery => Request.QueryString.Value ?? "";

    /// <summary>Shows the newest 500 rows matching the filter.</summary>
    public async Task OnGetAsync(string? kind, string? entityId, string? actor, DateOnly? from, DateOnly? to)
    {
        (Kind, EntityId, Actor, From, To) = (kind, entityId, actor, from, to);
        try
        {
            Entries = await mediator.Send(new AuditQuery(kind, entityId, actor, null, from, to, null), HttpContext.RequestAborted);
        }
        catch (BadInputException e)
        {
            Error = e.Message;
        }
    }
}

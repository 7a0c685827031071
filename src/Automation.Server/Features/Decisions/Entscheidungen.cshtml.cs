using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Decisions;

/// <summary>The published decisions with their versions and downloads; uploading goes through /prozesse/hochladen.</summary>
[Authorize(Policy = Policies.DefinitionsRead)]
public sealed class EntscheidungenModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<DecisionVersionDto> Versions { get; private set; } = [];

    /// <summary>Whether the user may publish.</summary>
    public bool CanEdit => Policies.Map[Policies.DefinitionsWrite].Any(User.IsInRole);

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync() => Versions = await mediator.Send(new ListDecisions(), HttpContext.RequestAborted);
}

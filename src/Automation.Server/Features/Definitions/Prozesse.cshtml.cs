using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Definitions;

/// <summary>Definitions with their versions, source and diff links.</summary>
[Authorize(Policy = Policies.DefinitionsRead)]
public sealed class ProzesseModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<ProcessDto> Processes { get; private set; } = [];

    /// <summary>Whether the user may model and publish.</summary>
    public bool CanEdit => Policies.Map[Policies.DefinitionsWrite].Any(User.IsInRole);

    /// <summary>Whether the person may start cases (the start page checks the process's scope itself).</summary>
    public bool CanStart => Policies.Map[Policies.CasesStart].Any(User.IsInRole);

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync() => Processes = await mediator.Send(new ListDefinitions(), HttpContext.RequestAborted);
}

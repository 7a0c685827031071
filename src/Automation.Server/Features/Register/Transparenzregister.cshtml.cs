using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Register;

/// <summary>The public transparency register: no login, plain German, every text encoded as text.</summary>
[AllowAnonymous]
public sealed class TransparenzregisterModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<RegisterVersion> Versions { get; private set; } = [];

    /// <summary>Loads the published versions.</summary>
    public async Task OnGetAsync() => Versions = (await mediator.Send(new GetPublicRegister(), HttpContext.RequestAborted)).Versions;
}

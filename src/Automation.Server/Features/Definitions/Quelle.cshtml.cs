using Automation.Data;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Definitions;

/// <summary>The source of one version, shown as text.</summary>
[Authorize(Policy = Policies.DefinitionsRead)]
public sealed class QuelleModel(IMediator mediator) : PageModel
{
    /// <summary>Version id.</summary>
    public long Id { get; private set; }

    internal SourceResponse? Source { get; private set; }

    /// <summary>Loads the source.</summary>
    public async Task<IActionResult> OnGetAsync(long id)
    {
        Id = id;
        try
        {
            Source = await mediator.Send(new GetSource(id), HttpContext.RequestAborted);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}

using Automation.Data;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Definitions;

/// <summary>The unified diff of two versions, coloured by line.</summary>
[Authorize(Policy = Policies.DefinitionsRead)]
public sealed class DiffModel(IMediator mediator) : PageModel
{
    /// <summary>Process id.</summary>
    public string ProcessId { get; private set; } = "";

    /// <summary>Older version.</summary>
    [BindProperty(SupportsGet = true)]
    public int From { get; set; } = 1;

    /// <summary>Newer version.</summary>
    [BindProperty(SupportsGet = true)]
    public int To { get; set; } = 2;

    /// <summary>Diff lines.</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>Computes the diff.</summary>
    public async Task<IActionResult> OnGetAsync(string processId)
    {
        ProcessId = processId;
        try
        {
            var text = await mediator.Send(new DiffVersions(processId, From, To), HttpContext.RequestAborted);
            Lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}

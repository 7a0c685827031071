using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Tasks;

/// <summary>The task inbox.</summary>
[Authorize(Policy = Policies.TasksWork)]
public sealed class AufgabenModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<TaskDto> Tasks { get; private set; } = [];

    /// <summary>Notice after an action.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Lists the inbox.</summary>
    public async Task OnGetAsync() => Tasks = await mediator.Send(new ListInbox(User), HttpContext.RequestAborted);

    /// <summary>Claims a task and opens it.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid caseId, long waitId)
    {
        try
        {
            await mediator.Send(new ClaimTask(User, caseId, waitId), HttpContext.RequestAborted);
            return Redirect($"/aufgaben/{caseId}/{waitId}");
        }
        catch (Exception e) when (TaskPageErrors.IsExpected(e))
        {
            Message = TaskPageErrors.Describe(e);
            return RedirectToPage();
        }
    }
}

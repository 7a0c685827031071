using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Dashboards;

/// <summary>Administrators release processes as open data or withdraw them.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class OffeneDatenModel(IMediator mediator) : PageModel
{
    internal IReadOnlyList<(string ProcessId, string? Name)> Processes { get; private set; } = [];

    internal HashSet<string> Released { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Switches one process.</summary>
    public async Task<IActionResult> OnPostAsync(string processId, bool release)
    {
        await mediator.Send(new SetOpenData(processId, release, User.Identity?.Name ?? "?"), HttpContext.RequestAborted);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Processes = await mediator.Send(new ListProcesses(), HttpContext.RequestAborted);
        Released = (await mediator.Send(new ListOpenData(), HttpContext.RequestAborted)).Select(e => e.ProcessId).ToHashSet(StringComparer.Ordinal);
    }
}

using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Jobs;

/// <summary>The signed-in user's background jobs, newest first; ended ones stay <see cref="BackgroundJobs.Kept"/>.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AuftraegeModel(BackgroundJobs jobs) : PageModel
{
    /// <summary>The user's jobs.</summary>
    public IReadOnlyList<BackgroundJob> Jobs { get; private set; } = [];

    /// <summary>Lists them.</summary>
    public void OnGet() => Jobs = jobs.ListFor(User.UserName());
}

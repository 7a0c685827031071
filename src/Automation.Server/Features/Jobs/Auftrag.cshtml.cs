using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Jobs;

/// <summary>
/// One background job of the signed-in user: progress while it runs (the page's script reloads it when the job ends;
/// without script the "Jetzt aktualisieren" link does), then its result, its German error, or its file to download.
/// Another user's job is as unknown as a missing one (404).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AuftragModel(BackgroundJobs jobs) : PageModel
{
    /// <summary>The job page's address.</summary>
    public static string PathOf(Guid id) => $"/auftraege/{id}";

    /// <summary>The download address of the job's file.</summary>
    public static string FileOf(Guid id) => $"/api/jobs/{id}/datei";

    /// <summary>The job.</summary>
    public BackgroundJob Job { get; private set; } = null!;

    /// <summary>Its result on this page, once it succeeded with one.</summary>
    public JobReport? Report => Job.Result as JobReport;

    /// <summary>Shows the job.</summary>
    public IActionResult OnGet(Guid id)
    {
        if (jobs.Find(id, User.UserName()) is not { } job) return NotFound();
        Job = job;
        return Page();
    }

    /// <summary>Asks the running job to stop and shows it again (redirect after POST).</summary>
    public IActionResult OnPostCancel(Guid id)
    {
        if (jobs.Find(id, User.UserName()) is null) return NotFound();
        jobs.Cancel(id, User.UserName());
        return Redirect(PathOf(id));
    }
}

using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Jobs;
using Automation.Server.Infrastructure;
using Automation.Workforce.Matching;
using Automation.Workforce.Reporting;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.LabourMarket;

/// <summary>
/// The job-centre portal: the report (HTML and xlsx), progress in aggregate, and – for job-centre staff only – the
/// matches of consenting people with their explanations and the outcome form. Managers see the aggregates only.
/// </summary>
[Authorize(Policy = Policies.LabourReport)]
public sealed class JobcenterModel(IMediator mediator, BackgroundJobs jobs, IServiceScopeFactory scopes) : PageModel
{
    /// <summary>Progress by status.</summary>
    internal IReadOnlyList<ProgressDto> Progress { get; private set; } = [];

    /// <summary>Person-level matches (job-centre staff only; empty for everyone else).</summary>
    internal IReadOnlyList<ProfileMatches> Matches { get; private set; } = [];

    /// <summary>Recorded outcomes by profile and offer.</summary>
    internal IReadOnlyDictionary<(string, string), MatchStatus> Outcomes { get; private set; } = new Dictionary<(string, string), MatchStatus>();

    /// <summary>The latest scheduled deliveries of the report.</summary>
    internal IReadOnlyList<DeliveryDto> Deliveries { get; private set; } = [];

    /// <summary>Whether the user may see person-level matches.</summary>
    public bool MaySeeMatches => Policies.Map[Policies.LabourMatching].Any(User.IsInRole);

    /// <summary>Message after recording an outcome, shown at the profile it concerns.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>The profile whose outcome was just recorded.</summary>
    [TempData]
    public string? NoticeProfile { get; set; }

    /// <summary>Why the report could not be started.</summary>
    public string? Problem { get; private set; }

    /// <summary>The anchor of a profile's suggestions, where the page returns after recording an outcome.</summary>
    public static string Anchor(string profileId) => "profil-" + System.Text.RegularExpressions.Regex.Replace(profileId, "[^A-Za-z0-9_-]", "_");

    /// <summary>Shows the portal.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Records an outcome (job-centre staff only).</summary>
    public async Task<IActionResult> OnPostOutcomeAsync(string profileId, string offerId, string status)
    {
        if (!MaySeeMatches) return Forbid();
        await mediator.Send(new RecordOutcome(new OutcomeBody(profileId, offerId, status), User.UserName()), HttpContext.RequestAborted);
        Notice = Texte.JobcenterErgebnisGespeichert;
        NoticeProfile = profileId;
        // Redirect after POST, back to the profile just edited rather than the top of a long page.
        return Redirect("/jobcenter#" + Anchor(profileId));
    }

    /// <summary>Starts the §2(3) SGB III report as a job and shows the job page (redirect after POST).</summary>
    public async Task<IActionResult> OnPostReportAsync(DateOnly? from, DateOnly? to)
    {
        try
        {
            return Redirect(AuftragModel.PathOf(LabourJobs.StartReport(jobs, scopes, User.UserName(), from, to).Id));
        }
        catch (BadInputException e)
        {
            Problem = e.Message;
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Progress = await mediator.Send(new GetProgress(), ct);
        Deliveries = await mediator.Send(new ListDeliveries(20), ct);
        if (MaySeeMatches)
        {
            Matches = await mediator.Send(new GetPersonMatches(5), ct);
            Outcomes = (await HttpContext.RequestServices.GetRequiredService<LabourStore>().OutcomesAsync(ct))
                .ToDictionary(o => (o.ProfileId, o.OfferId), o => o.Status);
        }
    }
}

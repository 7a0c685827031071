using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Jobs;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.LabourMarket;

/// <summary>Administration of labour-market data: imports with their error report, and substitutability values with sources.</summary>
[Authorize(Policy = Policies.LabourData)]
public sealed class ArbeitsmarktModel(IMediator mediator, IOptions<ServerOptions> options, BackgroundJobs jobs, IServiceScopeFactory scopes) : PageModel
{
    /// <summary>Message for the substitutability form.</summary>
    public string? Notice { get; private set; }

    /// <summary>Error of the substitutability form.</summary>
    public string? Problem { get; private set; }

    /// <summary>Rows stored per kind.</summary>
    public IReadOnlyList<(string Label, int Count)> Counts { get; private set; } = [];

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Starts the import of a file as a job and shows the job page (redirect after POST); a missing or oversized file is refused here.</summary>
    public async Task<IActionResult> OnPostImportAsync(string kind, IFormFile? file, bool importValid)
    {
        if (file is null || file.Length == 0)
        {
            Problem = Texte.ArbeitsmarktDateiWaehlen;
        }
        else if (file.Length > options.Value.MaxUploadBytes)
        {
            Problem = Texte.Format(Texte.ArbeitsmarktDateiZuGross, options.Value.MaxUploadBytes);
        }
        else if (!Enum.TryParse<ImportKind>(kind, out var importKind))
        {
            Problem = Texte.Format(Texte.ArbeitsmarktSeiteImportartUnbekannt, kind);
        }
        else
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, HttpContext.RequestAborted);
            try
            {
                var job = LabourJobs.StartImport(jobs, scopes, User.UserName(), new ImportFile(importKind, copy.ToArray(), file.FileName, importValid, User.UserName()));
                return Redirect(AuftragModel.PathOf(job.Id));
            }
            catch (BadInputException e)
            {
                Problem = e.Message;
            }
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Stores a substitutability potential.</summary>
    public async Task<IActionResult> OnPostPotentialAsync(string code, double share, string? source, int year)
    {
        try
        {
            var saved = await mediator.Send(new SetSubstitutability(code, new SubstitutabilityBody(share, source, year), User.UserName()), HttpContext.RequestAborted);
            Notice = Texte.Format(Texte.ServerGespeichertQuelle, saved.Code, saved.Title, saved.SubstitutabilityPercent, saved.SubstitutabilitySource, saved.SubstitutabilityYear);
        }
        catch (Exception e) when (e is BadInputException or Automation.Data.NotFoundException)
        {
            Problem = e.Message;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var store = HttpContext.RequestServices.GetRequiredService<LabourStore>();
        Counts =
        [
            (Texte.ArbeitsmarktSeiteStellen, (await store.PositionsAsync(ct)).Count),
            (Texte.ArbeitsmarktSeiteBestandProfile, (await store.ProfilesAsync(ct)).Count),
            (Texte.ArbeitsmarktBerufeKompetenz, (await store.OccupationSkillsAsync(ct)).Count),
            (Texte.ArbeitsmarktSeiteBildungsangebote, (await store.OffersAsync(ct)).Count),
            (Texte.ArbeitsmarktBerufeSubstituierbarkeit, (await store.SubstitutabilityAsync(ct)).Count),
        ];
    }
}

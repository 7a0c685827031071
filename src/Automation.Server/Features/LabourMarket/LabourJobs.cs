using System.Globalization;
using Automation.Engine.Texts;
using Automation.Server.Features.Jobs;
using Automation.Workforce.Importing;
using Automation.Workforce.Reporting;
using Mediator;

namespace Automation.Server.Features.LabourMarket;

/// <summary>
/// The employment-office report and the labour-data import as background jobs, started from the job-centre portal
/// and the labour-data page; the job page shows the result and offers the file. The API endpoints
/// (<c>/api/labour/report.xlsx</c>, <c>/api/labour/import/{kind}</c>) still answer within their request, for programs.
/// </summary>
internal static class LabourJobs
{
    /// <summary>Job kind of the report.</summary>
    public const string ReportJobKind = "employment-report";

    /// <summary>Job kind of an import.</summary>
    public const string ImportJobKind = "import";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Builds the §2(3) SGB III report and its workbook.</summary>
    /// <exception cref="Infrastructure.BadInputException">The user already has the most jobs running.</exception>
    public static BackgroundJob StartReport(BackgroundJobs jobs, IServiceScopeFactory scopes, string owner, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Start(owner, ReportJobKind, Texte.MeldungAuftrag, null, async (progress, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BuildEmploymentReport(from, to), ct);
            progress.Report(0.8);
            var file = new JobFile(ReportWorkbook.Write(report), LabourEndpoints.ReportFileName, LabourEndpoints.XlsxType);
            var period = string.Create(German, $"from={report.PeriodFrom:yyyy-MM-dd}&to={report.PeriodTo:yyyy-MM-dd}");
            return new JobReport(
                Texte.Format(report.Missing.Count > 0 ? Texte.MeldungErstelltFehlend : Texte.MeldungErstellt, report.PeriodFrom, report.PeriodTo, report.Missing.Count),
                [.. report.Missing.Select(m => new JobProblem(Texte.MeldungFehlendeAngabe, null, m))], file, "/jobcenter/bericht?" + period, Texte.MeldungDruckbar);
        });
    }

    /// <summary>Imports a file already read into memory (the request's upload is gone when the job runs).</summary>
    /// <exception cref="Infrastructure.BadInputException">The user already has the most jobs running.</exception>
    public static BackgroundJob StartImport(BackgroundJobs jobs, IServiceScopeFactory scopes, string owner, ImportFile import)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(import);
        var title = Texte.Format(Texte.ImportTitel, Path.GetFileName(import.FileName), KindText(import.Kind));
        return jobs.Start(owner, ImportJobKind, title, null, async (_, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var r = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(import, ct);
            var summary = r.Errors.Count > 0 && r.Imported == 0 ? Texte.ImportNichtsGespeichert : Texte.ImportErgebnis;
            return new JobReport(Texte.Format(summary, r.TotalRows, r.Imported),
                [.. r.Errors.Select(e => new JobProblem(Where(e), e.Column ?? e.Field, e.Message))], Link: "/verwaltung/arbeitsmarkt", LinkText: Texte.ImportZurueck);
        });
    }

    private static string KindText(ImportKind kind) => kind switch
    {
        ImportKind.Positions => Texte.ImportArtStellen,
        ImportKind.Profiles => Texte.ImportArtProfile,
        ImportKind.OccupationSkills => Texte.ImportArtKompetenzen,
        ImportKind.Offers => Texte.ImportArtAngebote,
        _ => Texte.ImportArtPersonalbedarf,
    };

    /// <summary>"Zeile 4" (the row as the file counts it), or "Datei" for an error of the whole file.</summary>
    private static string Where(RowError error) =>
        error.Row == 0 ? Texte.ImportDatei : Texte.Format(Texte.ImportZeile, error.Row);
}

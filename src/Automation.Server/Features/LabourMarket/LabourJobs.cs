using System.Globalization;
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
        return jobs.Start(owner, ReportJobKind, "Meldung an die Agentur für Arbeit (§2 Abs. 3 SGB III)", null, async (progress, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BuildEmploymentReport(from, to), ct);
            progress.Report(0.8);
            var file = new JobFile(ReportWorkbook.Write(report), LabourEndpoints.ReportFileName, LabourEndpoints.XlsxType);
            var period = string.Create(German, $"from={report.PeriodFrom:yyyy-MM-dd}&to={report.PeriodTo:yyyy-MM-dd}");
            return new JobReport(
                string.Create(German, $"Die Meldung für {report.PeriodFrom:dd.MM.yyyy} bis {report.PeriodTo:dd.MM.yyyy} ist erstellt{(report.Missing.Count > 0 ? $"; es fehlen noch {report.Missing.Count} Angaben" : "")}."),
                [.. report.Missing.Select(m => new JobProblem("Fehlende Angabe", null, m))], file, "/jobcenter/bericht?" + period, "Dieselbe Meldung als druckbare Seite");
        });
    }

    /// <summary>Imports a file already read into memory (the request's upload is gone when the job runs).</summary>
    /// <exception cref="Infrastructure.BadInputException">The user already has the most jobs running.</exception>
    public static BackgroundJob StartImport(BackgroundJobs jobs, IServiceScopeFactory scopes, string owner, ImportFile import)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(import);
        var title = $"Import von {Path.GetFileName(import.FileName)} ({KindText(import.Kind)})";
        return jobs.Start(owner, ImportJobKind, title, null, async (_, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var r = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(import, ct);
            var nothing = r.Errors.Count > 0 && r.Imported == 0 ? " – wegen Fehlern wurde nichts gespeichert" : "";
            return new JobReport(string.Create(German, $"{r.TotalRows:N0} Zeilen gelesen, {r.Imported:N0} gespeichert{nothing}."),
                [.. r.Errors.Select(e => new JobProblem(Where(e), e.Field, e.Message))], Link: "/verwaltung/arbeitsmarkt", LinkText: "Zurück zu den Arbeitsmarktdaten");
        });
    }

    private static string KindText(ImportKind kind) => kind switch
    {
        ImportKind.Positions => "Stellen",
        ImportKind.Profiles => "Profile",
        ImportKind.OccupationSkills => "Kompetenzen je Beruf",
        ImportKind.Offers => "Bildungsangebote",
        _ => "Stellen und Personalbedarf",
    };

    /// <summary>"Zeile 4" (the row as the file counts it), or "Datei" for an error of the whole file.</summary>
    private static string Where(RowError error) =>
        error.Row == 0 ? "Datei" : string.Create(German, $"Zeile {error.Row}");
}

using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.LabourMarket;

/// <summary>Occupations, imports, automation impact, reskilling matches and the employment-office report.</summary>
internal static class LabourEndpoints
{
    /// <summary>Content type of xlsx.</summary>
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapLabourEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/occupations", async (string? q, int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SearchOccupations(q, limit ?? 50), ct)))
            .WithTags("Arbeitsmarkt").RequireAuthorization(Policies.SignedIn)
            .WithSummary("KldB-2010-Berufe (Fassung 2020) mit Anforderungsniveau und – nur wo mit Quelle erfasst – Substituierbarkeitspotenzial.");
        app.MapPut("/api/occupations/{code}/substitutability", async (string code, SubstitutabilityBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SetSubstitutability(code, body, user.UserName()), ct)))
            .WithTags("Arbeitsmarkt").RequireAuthorization(Policies.LabourData)
            .WithSummary("Erfasst das IAB-Substituierbarkeitspotenzial eines Berufs mit Quelle und Datenjahr.");
        app.MapDelete("/api/occupations/{code}/substitutability", async (string code, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SetSubstitutability(code, null, user.UserName()), ct)))
            .WithTags("Arbeitsmarkt").RequireAuthorization(Policies.LabourData)
            .WithSummary("Entfernt einen erfassten Wert; der Beruf gilt dann wieder als unbekannt.");

        var group = app.MapGroup("/api/labour").WithTags("Arbeitsmarkt");
        group.MapPost("/import/{kind}", async Task<Results<Ok<ImportReportDto>, UnprocessableEntity<ImportReportDto>>> (string kind, string? fileName, bool? importValid, HttpRequest request, IOptions<ServerOptions> options,
                ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var importKind = kind switch
                {
                    "positions" => ImportKind.Positions,
                    "profiles" => ImportKind.Profiles,
                    "occupation-skills" => ImportKind.OccupationSkills,
                    "offers" => ImportKind.Offers,
                    "stellen" => ImportKind.Staffing,
                    _ => throw new NotFoundException(Texte.Format(Texte.ServerUnbekannteImportartErlaubtPositionsProfiles, kind)),
                };
                var (content, uploaded) = await ReadUploadAsync(request, options.Value.MaxUploadBytes, ct);
                var name = fileName ?? uploaded ?? throw new BadInputException("fileName", Texte.ArbeitsmarktDateinameFehlt);
                var report = await mediator.Send(new ImportFile(importKind, content, name, importValid ?? false, user.UserName()), ct);
                return report.Errors.Count > 0 && report.Imported == 0 ? TypedResults.UnprocessableEntity(report) : TypedResults.Ok(report);
            })
            .RequireAuthorization(Policies.LabourData)
            .WithSummary("Importiert Stellen des Stellenplans, Profile, Berufskompetenzen, Bildungsangebote oder zu besetzende Stellen und Personalbedarf (stellen) (CSV, xlsx, JSON der Weiterbildungssuche). Bei Fehlern wird nichts gespeichert, außer mit importValid=true die fehlerfreien Zeilen.");

        group.MapGet("/stellen", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetStaffing(), ct)))
            .RequireAuthorization(Policies.LabourData)
            .WithSummary("Zu besetzende Arbeits- und Ausbildungsstellen und neuer Personalbedarf (§2 Abs. 3 SGB III Nr. 1–3), mit den Angaben „keine“.");
        group.MapPut("/stellen/{id}", async (string id, StaffingBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SaveStaffing(id, body, user.UserName()), ct)))
            .RequireAuthorization(Policies.LabourData)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Erfasst oder ändert eine Stelle, Ausbildungsstelle oder einen Personalbedarf mit Qualifikationsanforderungen.");
        group.MapDelete("/stellen/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DeleteStaffing(id), ct)))
            .RequireAuthorization(Policies.LabourData)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Entfernt einen Eintrag.");
        group.MapPut("/stellen/keine/{topic}", async (string topic, DeclarationBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DeclareStaffing(topic, body.None, user.UserName()), ct)))
            .RequireAuthorization(Policies.LabourData)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Gibt an (none=true) oder nimmt zurück, dass es zu einem Thema (stellen, bedarf) nichts zu melden gibt.");

        group.MapGet("/impact", async (string? process, int? from, int? to, double? casesPerYear, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetImpact(process, from, to, casesPerYear), ct)))
            .RequireAuthorization(Policies.LabourImpact)
            .WithSummary("Gemessene Wirkung der Automatisierung zwischen zwei Versionen: Stunden und VZÄ je Beruf (KldB) und Anforderungsniveau.");
        group.MapGet("/roles", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetRoleSteps(), ct)))
            .RequireAuthorization(Policies.LabourImpact)
            .WithSummary("Welche menschlichen Schritte jede Rolle ausführt (aus Lanes, potentialOwner, candidateGroups, am:role der veröffentlichten Prozesse).");
        group.MapPost("/impact/forecast", async (List<StepImpactInput> steps, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ForecastImpact(steps), ct)))
            .RequireAuthorization(Policies.LabourImpact)
            .WithSummary("Prognose aus einem Simulationsszenario (als Prognose gekennzeichnet): Stunden und VZÄ je Beruf.");

        group.MapGet("/matches", async (int? top, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetPersonMatches(top ?? 5), ct)))
            .RequireAuthorization(Policies.LabourMatching)
            .WithSummary("Passende Angebote je Person mit Einwilligung (pseudonym), mit Begründung – nur für das Jobcenter.");
        group.MapGet("/matches/occupation", async (string occupation, string targets, int? top, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetRoleMatches(occupation, targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), top ?? 5), ct)))
            .RequireAuthorization(Policies.LabourImpact)
            .WithSummary("Passende Angebote für einen Beruf auf dem Weg zu Zielberufen (ohne Personenbezug).");
        group.MapPost("/outcomes", async (OutcomeBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RecordOutcome(body, user.UserName()), ct)))
            .RequireAuthorization(Policies.LabourMatching)
            .WithSummary("Hält das Ergebnis eines Vorschlags fest: proposed, accepted, declined, completed.");
        group.MapGet("/progress", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetProgress(), ct)))
            .RequireAuthorization(Policies.LabourReport)
            .WithSummary("Fortschritt der Qualifizierung in Summe (Gruppen unter 5 Personen gesperrt).");

        group.MapGet("/report", async (DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new BuildEmploymentReport(from, to), ct)))
            .RequireAuthorization(Policies.LabourReport)
            .WithSummary("Meldung an die Agentur für Arbeit (§2 Abs. 3 SGB III) als JSON, nur Summen.");
        group.MapGet("/report.xlsx", async (DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct) =>
                TypedResults.File(ReportWorkbook.Write(await mediator.Send(new BuildEmploymentReport(from, to), ct)), XlsxType, ReportFileName))
            .RequireAuthorization(Policies.LabourReport)
            .ProducesFile(XlsxType)
            .WithSummary("Meldung an die Agentur für Arbeit als Excel-Arbeitsmappe.");
        group.MapGet("/kschg.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new BuildKschgNotice(from, to), ct) is { } notice
                    ? TypedResults.File(KschgWorkbook.Write(notice), XlsxType, "anzeige-17-kschg.xlsx")
                    : ProblemResults.Of(StatusCodes.Status404NotFound, "kschg-nicht-anwendbar",
                        Texte.KschgNichtAnwendbar))
            .RequireAuthorization(Policies.Administration)
            .ProducesFile(XlsxType).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Anzeige nach §17 KSchG mit genauen Zahlen (nur kommunale Unternehmen, nur Administration).");
        group.MapGet("/deliveries", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListDeliveries(100), ct)))
            .RequireAuthorization(Policies.LabourReport)
            .WithSummary("Die zuletzt geplant versandten Meldungen (neueste zuerst) mit Empfängern, Status und Prüfsumme.");
        group.MapGet("/deliveries/{id:long}/datei", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (long id, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetDeliveryFile(id), ct) is { } file
                    ? TypedResults.File(file.Content, XlsxType, file.FileName)
                    : ProblemResults.Of(StatusCodes.Status404NotFound, "not-found", Texte.Format(Texte.MeldungUnbekannt, id)))
            .RequireAuthorization(Policies.LabourReport)
            .ProducesFile(XlsxType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Die Arbeitsmappe einer Meldung genau so, wie sie versandt wurde.");
    }

    /// <summary>File name of the workbook.</summary>
    public static string ReportFileName => $"meldung-agentur-fuer-arbeit-{DateTime.UtcNow:yyyy-MM-dd}.xlsx";

    /// <summary>Reads a multipart file field or the raw body as bytes. Over the limit → 413.</summary>
    public static async Task<(byte[] Content, string? FileName)> ReadUploadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) throw new PayloadTooLargeException(limit);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = (form.Files.Count > 0 ? form.Files[0] : null) ?? throw new BadInputException("file", Texte.FormularOhneDatei);
            if (file.Length > limit) throw new PayloadTooLargeException(limit);
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, ct);
            return (copy.ToArray(), file.FileName);
        }
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new PayloadTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw new BadInputException("file", Texte.DateiLeer);
        return (buffer.ToArray(), null);
    }
}

using Automation.Data.Reports;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Features.Dashboards;

/// <summary>Body of an open-data release.</summary>
/// <param name="Public">Whether the process's monthly aggregates are published.</param>
internal sealed record OpenDataBody(bool Public);

/// <summary>Dashboard API, workbook download, open data and the admin switch for open data.</summary>
internal static class DashboardEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Services of the dashboards.</summary>
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<RollupRefresher>();
        return services;
    }

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboards").WithTags("Wirkung").RequireAuthorization(Policies.Dashboards);

        group.MapGet("/overview", async (string? from, string? to, IMediator mediator, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetOverview(PeriodInput.Parse(from, to, PeriodInput.Today(time))), ct)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Kennzahlen aller Prozesse und monatlicher Verlauf (from/to: JJJJ-MM-TT, höchstens 10 Jahre).");

        group.MapGet("/processes/{processId}", async (string processId, string? from, string? to, IMediator mediator, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetProcessImpact(PeriodInput.Parse(from, to, PeriodInput.Today(time)), processId), ct)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Schritte, Engpässe, Versionen, CO₂-Bilanz und Ausreißer eines Prozesses.");

        group.MapGet("/workbook", async (string? from, string? to, string? processId, IMediator mediator, TimeProvider time, CancellationToken ct) =>
            {
                var period = PeriodInput.Parse(from, to, PeriodInput.Today(time));
                var book = await mediator.Send(new ExportWorkbook(period, string.IsNullOrWhiteSpace(processId) ? null : processId), ct);
                return TypedResults.File(book.Content, XlsxType, book.FileName);
            })
            .ProducesFile(XlsxType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Excel-Bericht eines Zeitraums, für einen Prozess oder alle.");

        app.MapPut("/api/open-data/processes/{processId}", async (string processId, OpenDataBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(new { processId, @public = await mediator.Send(new SetOpenData(processId, body.Public, http.User.Identity?.Name ?? "?"), ct) }))
            .RequireAuthorization(Policies.Administration)
            .WithTags("Offene Daten")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Gibt die Monatswerte eines Prozesses als offene Daten frei (public: true) oder zieht sie zurück.");

        var open = app.MapGroup("/offene-daten").WithTags("Offene Daten").AllowAnonymous();
        open.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new
            {
                licence = OpenDataFormat.Licence, licenceUrl = OpenDataFormat.LicenceUrl, columns = OpenDataFormat.ColumnsUrl,
                processes = await mediator.Send(new ListOpenData(), ct),
            }))
            .WithSummary("Freigegebene Prozesse mit den Adressen ihrer Monatswerte (ohne Anmeldung).");
        open.MapGet("/spalten.json", () => TypedResults.Ok(OpenDataFormat.Metadata()))
            .WithSummary("Beschreibung der Spalten, Einheiten und Lizenz (CSVW).");
        open.MapGet("/{processId}/monatlich.csv", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string processId, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetOpenData(processId), ct) is { } table
                    ? TypedResults.Text(OpenDataFormat.Csv(table), "text/csv; charset=utf-8; header=present")
                    : NotPublic(processId))
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Monatswerte eines freigegebenen Prozesses als CSV.");
        open.MapGet("/{processId}/monatlich.json", async Task<Results<Ok<OpenDataTable>, ProblemHttpResult>> (string processId, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetOpenData(processId), ct) is { } table ? TypedResults.Ok(table) : NotPublic(processId))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Monatswerte eines freigegebenen Prozesses als JSON.");
    }

    private static ProblemHttpResult NotPublic(string processId) =>
        ProblemResults.Of(StatusCodes.Status404NotFound, "not-published", Texte.Format(Texte.ServerFuerProzessGibtFreigegebenenOffenen, processId));
}

using Automation.Server.Features.Auth;
using Mediator;

namespace Automation.Server.Features.Ledger;

/// <summary>REST endpoints for ledger queries (JSON and CSV, same data) and a case's ledger.</summary>
internal static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ledger").WithTags("Aufwand und CO2").RequireAuthorization(Policies.LedgerRead);

        group.MapGet("/", async (string? by, string? from, string? to, string? processId, string? version, Guid? caseId, string? occupation,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(Query(by, from, to, processId, version, caseId, occupation), ct)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Summen und Mittelwerte je Vorgang des Ledgers, gruppiert nach by = total, case, definition, step, month oder occupation; " +
                "Filter from/to (JJJJ-MM-TT oder JJJJ-MM), processId, version, caseId, occupation. Gemessene Zeiten nur für Gruppen ab 5 Vorgängen und 5 Personen.");

        group.MapGet("/csv", async (string? by, string? from, string? to, string? processId, string? version, Guid? caseId, string? occupation,
                IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(Query(by, from, to, processId, version, caseId, occupation), ct);
                return TypedResults.Text(LedgerCsv.Write(result), "text/csv; charset=utf-8");
            })
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Dieselbe Abfrage als CSV (gleiche Zeilen und Felder wie JSON).");

        group.MapGet("/cases/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetCaseLedger(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Der Ledger eines Vorgangs Schritt für Schritt: Standardzeiten, Kosten und CO2-Komponenten, verwendete Faktorversionen; keine gemessenen Zeiten.");
    }

    private static QueryLedger Query(string? by, string? from, string? to, string? processId, string? version, Guid? caseId, string? occupation) =>
        new(LedgerParameters.Grouping(by), LedgerParameters.Filter(from, to, processId, version, caseId, occupation));
}

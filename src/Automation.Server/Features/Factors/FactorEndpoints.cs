using System.Security.Claims;
using Automation.Data;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Ledger;
using Mediator;

namespace Automation.Server.Features.Factors;

/// <summary>REST endpoints for the versioned ledger factors and the recomputation report.</summary>
internal static class FactorEndpoints
{
    public static void MapFactorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/factors").WithTags("Faktoren");

        group.MapGet("/", async (string? at, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListFactors(LedgerParameters.Day(at, "at")), ct)))
            .RequireAuthorization(Policies.FactorsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Alle Faktoren mit der am Stichtag (at, JJJJ-MM-TT; Standard heute) gültigen Version: Wert, Einheit, Quelle, Jahr, Status.");

        group.MapGet("/{key}", async (string key, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetFactorHistory(key), ct)))
            .RequireAuthorization(Policies.FactorsRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Alle Versionen eines Faktors mit Gültigkeit, Quelle und wer sie wann angelegt hat.");

        group.MapPost("/", async (FactorVersionBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new AddFactorVersion(body, user.UserName()), ct);
                return TypedResults.Created($"/api/factors/{created.Key}", created);
            })
            .RequireAuthorization(Policies.FactorsWrite)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Legt eine neue Faktorversion an. Eine offene Vorversion endet am Vortag; negative Werte, fehlende Quelle " +
                "oder überlappende Gültigkeit werden mit Feldnamen abgelehnt. Gebuchte Einträge behalten ihre Versionen.");

        group.MapPost("/recomputation", async (string? from, string? to, string? processId, string? version, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RecomputeLedger(LedgerParameters.Filter(from, to, processId, version, null, null)), ct)))
            .RequireAuthorization(Policies.FactorsWrite)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Berechnet gebuchte Einträge mit den aktuellen Faktoren neu und berichtet alt gegen neu je Definitionsversion " +
                "und Komponente. Gespeicherte Einträge bleiben unverändert.");
    }
}

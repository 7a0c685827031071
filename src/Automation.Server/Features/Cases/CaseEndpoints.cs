using System.Security.Claims;
using System.Text.Json;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Features.Cases;

/// <summary>Body of a start request.</summary>
/// <param name="ProcessId">Process to start (its latest published version).</param>
/// <param name="Variables">Start variables.</param>
/// <param name="BusinessKey">Business key, e.g. the Aktenzeichen.</param>
internal sealed record StartCaseBody(string ProcessId, Dictionary<string, JsonElement>? Variables, string? BusinessKey);

/// <summary>REST endpoints for cases (process instances).</summary>
internal static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Vorgänge");

        group.MapPost("/", async Task<Results<Created<CaseDetail>, Ok<CaseDetail>>> (StartCaseBody body, HttpContext http, IMediator mediator,
                CancellationToken ct) =>
            {
                if (http.Request.Headers.TryGetValue(StartCaseOnceHandler.Header, out var key))
                {
                    if (key.Count != 1) throw new BadInputException(StartCaseOnceHandler.Header, Texte.Format(Texte.ServerDarfEinmalGesendetWerden, StartCaseOnceHandler.Header));
                    var once = await mediator.Send(new StartCaseOnce(http.User, key.ToString(), body), ct);
                    if (!once.Replayed) return TypedResults.Created($"/api/cases/{once.Case.Id}", once.Case);
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    http.Response.Headers.Location = $"/api/cases/{once.Case.Id}";
                    return TypedResults.Ok(once.Case);
                }
                var detail = await mediator.Send(new StartCase(http.User, body.ProcessId, body.Variables, body.BusinessKey), ct);
                return TypedResults.Created($"/api/cases/{detail.Id}", detail);
            })
            .RequireAuthorization(Policies.CasesStart)
            .WithMetadata(new VariablePayloadAttribute())
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Startet einen Vorgang auf der veröffentlichten Version eines Prozesses (Sachbearbeitung: nur Prozesse der eigenen Postkörbe). Mit dem Header Idempotency-Key startet dieselbe Anfrage höchstens einen Vorgang: eine Wiederholung liefert 200 mit diesem Vorgang, derselbe Schlüssel mit anderer Anfrage 422.");

        group.MapGet("/", async (string? processId, string? status, string? businessKey, string? page, string? pageSize, ClaimsPrincipal user, IMediator mediator,
                CancellationToken ct) =>
            {
                var paging = Paging.Parse(page, pageSize, 50, ListCases.MaxPageSize);
                return TypedResults.Ok(await mediator.Send(new ListCases(user, processId, status, businessKey, paging.Page, paging.PageSize), ct));
            })
            .RequireAuthorization(Policies.CasesRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Vorgänge mit Filtern und Seiten (page ab 1, pageSize 1 bis 200; außerhalb 400 mit dem Feld; Sachbearbeitung: nur Vorgänge der eigenen Postkörbe).");

        group.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCase(user, id), ct)))
            .RequireAuthorization(Policies.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Zustand eines Vorgangs: aktive Knoten, Wartezustände, Fehler und Verlauf; Vorgänge außerhalb der eigenen Postkörbe sind 404.");

        group.MapGet("/{id:guid}/decisions", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCaseDecisions(user, id), ct)))
            .RequireAuthorization(Policies.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("„Warum?“: die ausgewerteten Entscheidungen eines Vorgangs mit Eingaben, zutreffenden Regeln und Ergebnis (§ 39 VwVfG); wie der Vorgang selbst außerhalb der eigenen Postkörbe 404.");

        group.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CancelCase(user, id), ct)))
            .RequireAuthorization(Policies.CasesManage)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Bricht einen Vorgang ab.");

        group.MapPost("/{id:guid}/incidents/{incidentId:long}/retry", async (Guid id, long incidentId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RetryIncident(user, id, incidentId), ct)))
            .RequireAuthorization(Policies.CasesManage)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Wiederholt den fehlgeschlagenen Schritt eines Fehlers.");
    }
}

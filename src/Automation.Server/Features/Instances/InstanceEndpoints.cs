using System.Security.Claims;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Mediator;

namespace Automation.Server.Features.Instances;

/// <summary>Body of a start request.</summary>
/// <param name="ProcessId">Process to start (its latest published version).</param>
/// <param name="Variables">Start variables.</param>
/// <param name="BusinessKey">Business key, e.g. the Aktenzeichen.</param>
internal sealed record StartInstanceBody(string ProcessId, Dictionary<string, JsonElement>? Variables, string? BusinessKey);

/// <summary>REST endpoints for cases (process instances).</summary>
internal static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Vorgänge");

        group.MapPost("/", async (StartInstanceBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var detail = await mediator.Send(new StartInstance(user, body.ProcessId, body.Variables, body.BusinessKey), ct);
                return Results.Created($"/api/instances/{detail.Id}", detail);
            })
            .RequireAuthorization(Policies.InstancesStart)
            .Produces<InstanceDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Startet einen Vorgang auf der veröffentlichten Version eines Prozesses (Sachbearbeitung: nur Prozesse der eigenen Postkörbe).");

        group.MapGet("/", async (string? processId, string? status, string? businessKey, int? page, int? pageSize, ClaimsPrincipal user, IMediator mediator,
                CancellationToken ct) => Results.Ok(await mediator.Send(new ListInstances(user, processId, status, businessKey, page ?? 1, pageSize ?? 50), ct)))
            .RequireAuthorization(Policies.InstancesRead)
            .Produces<InstancePage>()
            .WithSummary("Vorgänge mit Filtern und Seiten (Sachbearbeitung: nur Vorgänge der eigenen Postkörbe).");

        group.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetInstance(user, id), ct)))
            .RequireAuthorization(Policies.InstancesRead)
            .Produces<InstanceDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Zustand eines Vorgangs: aktive Knoten, Wartezustände, Fehler und Verlauf; Vorgänge außerhalb der eigenen Postkörbe sind 404.");

        group.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CancelInstance(user, id), ct)))
            .RequireAuthorization(Policies.InstancesManage)
            .Produces<InstanceDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Bricht einen Vorgang ab.");

        group.MapPost("/{id:guid}/incidents/{incidentId:long}/retry", async (Guid id, long incidentId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new RetryIncident(user, id, incidentId), ct)))
            .RequireAuthorization(Policies.InstancesManage)
            .Produces<InstanceDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Wiederholt den fehlgeschlagenen Schritt eines Fehlers.");
    }
}

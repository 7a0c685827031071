using System.Security.Claims;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>REST endpoints for the task inbox.</summary>
internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Aufgaben");

        group.MapGet("/", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) => TypedResults.Ok((await mediator.Send(new ListInbox(user, new InboxQuery(PageSize: InboxQuery.ApiLimit)), ct)).Items))
            .RequireAuthorization(Policies.TasksWork)
            .WithSummary("Postkorb: offene Aufgaben meiner Gruppen und die von mir übernommenen.");

        group.MapGet("/{caseId:guid}/{waitId:long}", async (Guid caseId, long waitId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetTask(user, caseId, waitId), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Eine Aufgabe mit ihren Formularfeldern.");

        group.MapPost("/{caseId:guid}/{waitId:long}/claim", async (Guid caseId, long waitId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ClaimTask(user, caseId, waitId), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Übernimmt eine Aufgabe.");

        group.MapPost("/{caseId:guid}/{waitId:long}/release", async (Guid caseId, long waitId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReleaseTask(user, caseId, waitId), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Gibt eine übernommene Aufgabe zurück.");

        group.MapPost("/{caseId:guid}/{waitId:long}/complete", async (Guid caseId, long waitId, CompleteBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                {
                    var done = await mediator.Send(new CompleteTask(user, caseId, waitId, PlainValues.From(body?.Values)), ct);
                    return TypedResults.Ok(new CompleteResult(done.CaseId, done.Status));
                })
            .RequireAuthorization(Policies.TasksWork)
            .WithMetadata(new VariablePayloadAttribute())
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Schließt eine Aufgabe mit den Formularwerten ab.");

        group.MapPost("/{caseId:guid}/{waitId:long}/reassign", async (Guid caseId, long waitId, ReassignBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReassignTask(user, caseId, waitId, body.User), ct)))
            .RequireAuthorization(Policies.TasksReassign)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Weist eine Aufgabe einer anderen Person zu (Leitung); nur an Personen eines Postkorbs der Aufgabe.");
    }
}

using System.Security.Claims;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>Body of a completion.</summary>
/// <param name="Values">Form values by field id.</param>
internal sealed record CompleteBody(Dictionary<string, JsonElement>? Values);

/// <summary>Body of a reassignment.</summary>
/// <param name="User">Login name of the new assignee.</param>
internal sealed record ReassignBody(string User);

/// <summary>REST endpoints for the task inbox.</summary>
internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Aufgaben");

        group.MapGet("/", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new ListInbox(user), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .Produces<IReadOnlyList<TaskDto>>()
            .WithSummary("Postkorb: offene Aufgaben meiner Gruppen und die von mir übernommenen.");

        group.MapGet("/{caseId:guid}/{waitId:long}", async (Guid caseId, long waitId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetTask(user, caseId, waitId), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .Produces<TaskDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Eine Aufgabe mit ihren Formularfeldern.");

        group.MapPost("/{caseId:guid}/{waitId:long}/claim", async (Guid caseId, long waitId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ClaimTask(user, caseId, waitId), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .Produces<TaskDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Übernimmt eine Aufgabe.");

        group.MapPost("/{caseId:guid}/{waitId:long}/release", async (Guid caseId, long waitId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ReleaseTask(user, caseId, waitId), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .Produces<TaskDetail>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Gibt eine übernommene Aufgabe zurück.");

        group.MapPost("/{caseId:guid}/{waitId:long}/complete", async (Guid caseId, long waitId, CompleteBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CompleteTask(user, caseId, waitId, TaskHandlers.Plain(body?.Values)), ct)))
            .RequireAuthorization(Policies.TasksWork)
            .WithMetadata(new VariablePayloadAttribute())
            .Produces<CompleteResult>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Schließt eine Aufgabe mit den Formularwerten ab.");

        group.MapPost("/{caseId:guid}/{waitId:long}/reassign", async (Guid caseId, long waitId, ReassignBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ReassignTask(user, caseId, waitId, body.User), ct)))
            .RequireAuthorization(Policies.TasksReassign)
            .Produces<TaskDetail>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Weist eine Aufgabe einer anderen Person zu (Leitung); nur an Personen eines Postkorbs der Aufgabe.");
    }
}

using System.Security.Claims;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.ExternalTasks;

/// <summary>An external task for the server's own API: plain JSON values.</summary>
internal sealed record ExternalTaskDto(string Id, string Topic, Guid CaseId, string ProcessId, string NodeId, string? BusinessKey,
    IReadOnlyDictionary<string, object?> Variables, IReadOnlyDictionary<string, object?> Inputs, int? Retries, string? ErrorMessage,
    string WorkerId, DateTimeOffset LockExpiresAt);

/// <summary>An external task in the shape of the Camunda 7 REST API (<c>LockedExternalTaskDto</c>).</summary>
internal sealed record CamundaExternalTaskDto(string Id, string TopicName, string WorkerId, string LockExpirationTime, string ActivityId,
    string ActivityInstanceId, string ExecutionId, string ProcessInstanceId, string ProcessDefinitionId, string ProcessDefinitionKey,
    string? BusinessKey, int? Retries, string? ErrorMessage, string? ErrorDetails, long Priority, string? TenantId,
    IReadOnlyDictionary<string, CamundaValue> Variables);

/// <summary>Body of a report in the server's API: plain JSON variables.</summary>
internal sealed record ReportBody(string? WorkerId, Dictionary<string, JsonElement>? Variables, Dictionary<string, JsonElement>? LocalVariables,
    string? ErrorCode, string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout, long? NewDuration);

/// <summary>Body of a report in the Camunda 7 shape: typed variables.</summary>
internal sealed record CamundaReportBody(string? WorkerId, Dictionary<string, CamundaValue>? Variables, Dictionary<string, CamundaValue>? LocalVariables,
    string? ErrorCode, string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout, long? NewDuration);

/// <summary>Result of a completion in the server's API.</summary>
internal sealed record ExternalCompleted(Guid CaseId, string Status);

/// <summary>
/// External task workers: <c>/api/external-tasks</c> (plain JSON) and <c>/engine-rest/external-task</c> (the Camunda 7
/// REST shape, so existing workers run unchanged with an API token as Bearer header). Both call the same use cases.
/// </summary>
internal static class ExternalTaskEndpoints
{
    public static void MapExternalTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/external-tasks").WithTags("Externe Aufgaben").RequireAuthorization(Policies.ExternalTasks);
        api.MapPost("/fetch-and-lock", async (FetchAndLockBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok((await mediator.Send(new FetchAndLock(user, body), ct)).Select(f => new ExternalTaskDto(f.Task.Id, f.Task.Topic,
                    f.Task.CaseId, f.Task.ProcessId, f.Task.NodeId, f.Task.BusinessKey, f.Variables, f.Task.Inputs, f.Task.Retries, f.Task.ErrorMessage,
                    WorkerIdentity.WorkerIdOf(f.WorkerId), f.Task.LockExpiresAt)).ToList()))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Holt und sperrt automatisierte Schritte eines oder mehrerer Themen (Long Polling mit asyncResponseTimeout).");
        MapReports(api, "complete", "bpmn-error", "failure", "extend-lock", "unlock", (ReportBody? b) => b is null ? null : new Report(b.WorkerId,
            PlainValues.From(b.Variables), PlainValues.From(b.LocalVariables), b.ErrorCode, b.ErrorMessage, b.ErrorDetails, b.Retries, b.RetryTimeout, b.NewDuration),
            done => TypedResults.Ok(new ExternalCompleted(done.CaseId, done.Status.ToString())));

        var camunda = app.MapGroup("/engine-rest/external-task").WithTags("Camunda-7-kompatibel").RequireAuthorization(Policies.ExternalTasks);
        // Camunda's client parses a body only when Content-Type is exactly "application/json" (no charset).
        camunda.MapPost("/fetchAndLock", async (FetchAndLockBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Text(JsonSerializer.Serialize((await mediator.Send(new FetchAndLock(user, body), ct)).Select(ToCamunda).ToList(), CamundaJson),
                    "application/json"))
            .Produces<List<CamundaExternalTaskDto>>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("fetchAndLock wie in der REST-API von Camunda 7.");
        MapReports(camunda, "complete", "bpmnError", "failure", "extendLock", "unlock", (CamundaReportBody? b) => b is null ? null : new Report(b.WorkerId,
            CamundaValues.ToPlain(b.Variables, "variables"), CamundaValues.ToPlain(b.LocalVariables, "localVariables"), b.ErrorCode, b.ErrorMessage,
            b.ErrorDetails, b.Retries, b.RetryTimeout, b.NewDuration),
            _ => TypedResults.NoContent());
    }

    private static readonly JsonSerializerOptions CamundaJson = new(JsonSerializerDefaults.Web);

    private sealed record Report(string? WorkerId, Dictionary<string, object?> Variables, Dictionary<string, object?> LocalVariables, string? ErrorCode,
        string? ErrorMessage, string? ErrorDetails, int? Retries, long? RetryTimeout, long? NewDuration);

    private static void MapReports<TBody>(RouteGroupBuilder group, string complete, string bpmnError, string failure, string extendLock, string unlock,
        Func<TBody?, Report?> read, Func<Automation.Data.CaseSnapshot, IResult> completed)
    {
        group.MapPost("/{id}/" + complete, async (string id, TBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                completed((await Send(mediator, user, id, ExternalReportKind.Complete, read(body), ct))!))
            .WithMetadata(new VariablePayloadAttribute())
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Schließt einen gesperrten Schritt mit Variablen ab.");
        group.MapPost("/{id}/" + bpmnError, async (string id, TBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                {
                    await Send(mediator, user, id, ExternalReportKind.BpmnError, read(body), ct);
                    return TypedResults.NoContent();
                })
            .WithMetadata(new VariablePayloadAttribute())
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Meldet einen BPMN-Fehler; ein Fehler-Ereignis des Modells fängt ihn, sonst entsteht ein Vorfall.");
        group.MapPost("/{id}/" + failure, async (string id, TBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                {
                    await Send(mediator, user, id, ExternalReportKind.Failure, read(body), ct);
                    return TypedResults.NoContent();
                })
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Meldet einen technischen Fehler: mit retries > 0 kommt der Schritt nach retryTimeout wieder, bei 0 entsteht ein Vorfall.");
        group.MapPost("/{id}/" + extendLock, async (string id, TBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                {
                    await Send(mediator, user, id, ExternalReportKind.ExtendLock, read(body), ct);
                    return TypedResults.NoContent();
                })
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Verlängert die Sperre (newDuration in Millisekunden ab jetzt).");
        group.MapPost("/{id}/" + unlock, async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                {
                    await Send(mediator, user, id, ExternalReportKind.Unlock, null, ct);
                    return TypedResults.NoContent();
                })
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Gibt einen gesperrten Schritt sofort frei.");
    }

    private static async Task<Automation.Data.CaseSnapshot?> Send(IMediator mediator, ClaimsPrincipal user, string id, ExternalReportKind kind, Report? r,
        CancellationToken ct) =>
        await mediator.Send(new ReportExternalTask(user, id, kind, r?.WorkerId, r?.Variables ?? [], r?.LocalVariables ?? [], r?.ErrorCode, r?.ErrorMessage,
            r?.ErrorDetails, r?.Retries, r?.RetryTimeout, r?.NewDuration), ct);

    private static CamundaExternalTaskDto ToCamunda(FetchedTask f)
    {
        var t = f.Task;
        return new CamundaExternalTaskDto(t.Id, t.Topic, WorkerIdentity.WorkerIdOf(f.WorkerId), CamundaValues.Date(t.LockExpiresAt), t.NodeId,
            t.NodeId + ":" + t.WaitId.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Id, t.CaseId.ToString("D"), t.ProcessId, t.ProcessId,
            t.BusinessKey, t.Retries, t.ErrorMessage, null, 0, null, CamundaValues.FromPlain(f.Variables));
    }
}

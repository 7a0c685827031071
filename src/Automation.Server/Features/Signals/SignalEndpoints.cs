using System.Security.Claims;
using System.Text.Json;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Features.Tasks;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Signals;

/// <summary>Body of a signal broadcast.</summary>
/// <param name="Name">Signal name.</param>
/// <param name="Payload">Variables the signal carries.</param>
internal sealed record SignalBody(string Name, Dictionary<string, JsonElement>? Payload);

/// <summary>How many cases the signal reached.</summary>
/// <param name="Cases">Cases reached (waiting or started).</param>
internal sealed record SignalResponse(int Cases);

internal sealed record BroadcastSignal(ClaimsPrincipal User, string Name, IReadOnlyDictionary<string, object?> Payload) : IRequest<SignalResponse>, IVariablePayload
{
    public object? VariablePayload => Payload;
}

/// <summary>
/// Broadcasts within the sender's scope (<see cref="DepartmentScope"/>): cases and start events outside it are not reached
/// or counted; the sender is the initiator (camunda:initiator) of the cases a signal start event starts.
/// </summary>
internal sealed class BroadcastSignalHandler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<BroadcastSignal, SignalResponse>
{
    public async ValueTask<SignalResponse> Handle(BroadcastSignal request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) throw new BadInputException("name", Texte.ServerSignalnameFehlt);
        var acting = await scope.ForActingAsync(request.User, cancellationToken);
        return new SignalResponse(await accessor.Host.BroadcastSignalAsync(request.Name, request.Payload, acting, request.User.UserName(), cancellationToken));
    }
}

/// <summary>REST endpoint for signals.</summary>
internal static class SignalEndpoints
{
    public static void MapSignalEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/signals", async (SignalBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new BroadcastSignal(user, body.Name, PlainValues.From(body.Payload)), ct)))
            .WithTags("Signale")
            .WithMetadata(new VariablePayloadAttribute())
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(Policies.Events)
            .WithSummary("Sendet ein Signal an alle wartenden Vorgänge und Signal-Startereignisse; Sachbearbeitung: nur an die der eigenen Postkörbe.");
}

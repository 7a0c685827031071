using System.Text.Json;
using Automation.Server.Features.Auth;
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

internal sealed record BroadcastSignal(string Name, IReadOnlyDictionary<string, object?> Payload) : IRequest<SignalResponse>, IVariablePayload
{
    public object? VariablePayload => Payload;
}

internal sealed class BroadcastSignalHandler(WorkflowHostAccessor accessor) : IRequestHandler<BroadcastSignal, SignalResponse>
{
    public async ValueTask<SignalResponse> Handle(BroadcastSignal request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) throw new BadInputException("name", "Der Signalname fehlt.");
        return new SignalResponse(await accessor.Host.BroadcastSignalAsync(request.Name, request.Payload, cancellationToken));
    }
}

/// <summary>REST endpoint for signals.</summary>
internal static class SignalEndpoints
{
    public static void MapSignalEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/signals", async (SignalBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new BroadcastSignal(body.Name, TaskHandlers.Plain(body.Payload)), ct)))
            .WithTags("Signale")
            .WithMetadata(new VariablePayloadAttribute())
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(Policies.Events)
            .Produces<SignalResponse>()
            .WithSummary("Sendet ein Signal an alle wartenden Vorgänge und Signal-Startereignisse.");
}

using System.Security.Claims;
using System.Text.Json;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Features.Tasks;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Messages;

/// <summary>Body of a message correlation.</summary>
/// <param name="Name">Message name.</param>
/// <param name="CorrelationKey">Correlation key (e.g. the Aktenzeichen).</param>
/// <param name="Payload">Variables the message carries.</param>
internal sealed record MessageBody(string Name, string? CorrelationKey, Dictionary<string, JsonElement>? Payload);

/// <summary>What happened to the message.</summary>
/// <param name="Delivery">Delivered, Started or Buffered.</param>
/// <param name="CaseId">The case reached or started.</param>
internal sealed record MessageResponse(string Delivery, Guid? CaseId);

internal sealed record CorrelateMessage(ClaimsPrincipal User, string Name, string? CorrelationKey, IReadOnlyDictionary<string, object?> Payload)
    : IRequest<MessageResponse>, IVariablePayload
{
    public object? VariablePayload => Payload;
}

/// <summary>
/// Correlates within the sender's scope (<see cref="DepartmentScope"/>): cases and start events outside it are not
/// reached, as if they did not exist, and a scoped message nothing takes is refused rather than buffered.
/// </summary>
internal sealed class CorrelateMessageHandler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<CorrelateMessage, MessageResponse>
{
    public async ValueTask<MessageResponse> Handle(CorrelateMessage request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) throw new BadInputException("name", Texte.ServerNachrichtennameFehlt);
        var acting = await scope.ForActingAsync(request.User, cancellationToken);
        MessageResult result = await accessor.Host.CorrelateMessageAsync(request.Name, request.CorrelationKey, request.Payload, acting,
            request.User.UserName(), cancellationToken);
        if (result.Delivery == MessageDelivery.NotDelivered)
        {
            throw new NotFoundException(Texte.Format(Texte.ServerVorgangIhrerPostkoerbeWartetNachricht, request.Name));
        }
        return new MessageResponse(result.Delivery.ToString(), result.CaseId);
    }
}

/// <summary>REST endpoint for messages.</summary>
internal static class MessageEndpoints
{
    public static void MapMessageEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/messages", async (MessageBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CorrelateMessage(user, body.Name, body.CorrelationKey, PlainValues.From(body.Payload)), ct)))
            .WithTags("Nachrichten")
            .WithMetadata(new VariablePayloadAttribute())
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(Policies.Events)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Korreliert eine Nachricht: an den wartenden Vorgang, an ein Nachrichten-Startereignis oder in den Puffer. "
                + "Sachbearbeitung: nur an Vorgänge der eigenen Postkörbe, ohne Puffer (sonst 404).");
}

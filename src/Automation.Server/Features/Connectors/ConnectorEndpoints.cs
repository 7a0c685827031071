using Automation.Server.Connectors;
using Automation.Server.Features.Auth;
using Mediator;

namespace Automation.Server.Features.Connectors;

/// <summary>REST endpoints for the server's connectors: what they take and give, and their element templates for the modeler.</summary>
internal static class ConnectorEndpoints
{
    public static void MapConnectorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/connectors").WithTags("Konnektoren").RequireAuthorization(Policies.DefinitionsWrite);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListConnectors(), ct)))
            .WithSummary("Die Konnektoren des Servers mit Thema, Version, Eingaben und Ergebnissen.");

        group.MapGet("/element-templates", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetElementTemplates(), ct)))
            .WithSummary("Die Konnektoren als Element-Templates für Camunda 7 (bpmn-js), wie sie der Modeler anbietet.");
    }
}

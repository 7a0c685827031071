using System.Security.Claims;
using Automation.Server.Connectors;
using Automation.Server.Features.Auth;
using Mediator;

namespace Automation.Server.Features.Connectors;

/// <summary>The connectors: what they take and give and their element templates (process owners); secrets and allowed targets (Administration only).</summary>
internal static class ConnectorEndpoints
{
    public static void MapConnectorEndpoints(this IEndpointRouteBuilder app)
    {
        var secrets = app.MapGroup("/api/secrets").WithTags("Konnektoren").RequireAuthorization(Policies.Administration);
        secrets.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListSecrets(), ct)))
            .WithSummary("Die Geheimnisse mit Namen und Datum; ihre Werte gibt keine Antwort heraus.");
        secrets.MapPut("/{name}", async (string name, SecretBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SaveSecret(name, body.Value, user), ct)))
            .WithSummary("Legt ein Geheimnis an oder ersetzt seinen Wert. Der Wert wird verschlüsselt gespeichert und nie wieder angezeigt.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        secrets.MapDelete("/{name}", async (string name, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteSecret(name), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Löscht ein Geheimnis; Schritte, die es nennen, schlagen danach mit einer Meldung fehl.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var hosts = app.MapGroup("/api/outbound-hosts").WithTags("Konnektoren").RequireAuthorization(Policies.Administration);
        hosts.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListOutboundHosts(), ct)))
            .WithSummary("Die erlaubten Ziele der Konnektoren.");
        hosts.MapPost("/", async (OutboundHostBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new AddOutboundHost(body, user), ct)))
            .WithSummary("Erlaubt ein Ziel (Hostname oder IP-Adresse, optional nur ein Port). Interne Adressen (Loopback, private Netze, " +
                "Link-local …) sind nur erlaubt, wenn die Adresse selbst eingetragen ist.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        hosts.MapDelete("/{id:long}", async (long id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteOutboundHost(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Nimmt ein Ziel von der Liste; Aufrufe dorthin werden ab sofort (auf anderen Knoten nach wenigen Sekunden) abgelehnt.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var group = app.MapGroup("/api/connectors").WithTags("Konnektoren").RequireAuthorization(Policies.DefinitionsWrite);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListConnectors(), ct)))
            .WithSummary("Die Konnektoren des Servers mit Thema, Version, Eingaben und Ergebnissen.");

        group.MapGet("/element-templates", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetElementTemplates(), ct)))
            .WithSummary("Die Konnektoren als Element-Templates für Camunda 7 (bpmn-js), wie sie der Modeler anbietet.");
    }
}

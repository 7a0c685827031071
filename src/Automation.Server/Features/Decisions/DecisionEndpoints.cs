using System.Text;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Decisions;

/// <summary>REST endpoints for published DMN decisions (publishing goes through POST /api/definitions with a .dmn file).</summary>
internal static class DecisionEndpoints
{
    public static void MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/decisions").WithTags("Entscheidungen");

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListDecisions(), ct)))
            .RequireAuthorization(Policies.DefinitionsRead)
            .WithSummary("Alle veröffentlichten Entscheidungen (DMN) mit ihren Versionen.");

        group.MapGet("/{key}/versions/{version:int}/source", async (string key, int version, IMediator mediator, CancellationToken ct) =>
            {
                var (xml, fileName) = await mediator.Send(new GetDecisionSource(key, version), ct);
                return TypedResults.File(Encoding.UTF8.GetBytes(xml), "application/xml; charset=utf-8", fileName);
            })
            .RequireAuthorization(Policies.DefinitionsRead)
            .ProducesFile("application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Die DMN-Datei einer Entscheidungsversion zum Herunterladen.");
    }
}

using System.Text;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

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

        group.MapPost("/check", async (HttpRequest request, string? fileName, IMediator mediator, IOptions<ServerOptions> options, CancellationToken ct) =>
            {
                var (xml, uploaded) = await BodyReader.ReadUploadAsync(request, options.Value.MaxUploadBytes, ct);
                return TypedResults.Ok(await mediator.Send(new CheckDecision(xml, Path.GetFileName(fileName ?? uploaded ?? "entscheidung.dmn")), ct));
            })
            .RequireAuthorization(Policies.DefinitionsWrite)
            .Accepts<string>("application/xml", "text/xml", "multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("„Prüfen“ im Entscheidungseditor: liest die DMN-Datei wie das Hochladen und liefert die Befunde mit Zeile, Entscheidung und Regel; speichert nichts. Kein DMN (kein XML, keine Entscheidung): 400.");

        group.MapPost("/test-run", async (TestRunBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new TestRunDecision(body), ct)))
            .RequireAuthorization(Policies.DefinitionsWrite)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Testlauf im Entscheidungseditor: wertet eine Entscheidung der (unveröffentlichten) DMN-Datei mit den Eingaben aus und liefert Eingaben, zutreffende Regeln und Ergebnis wie „Warum?“; speichert nichts. Fehlerhafte Datei oder verletzte Trefferregel: 422 mit Code.");
    }
}

using Automation.Engine.Simulation;
using Automation.Server.Features.Auth;
using Mediator;

namespace Automation.Server.Features.Simulation;

/// <summary>REST endpoint of the what-if simulation.</summary>
internal static class SimulationEndpoints
{
    public static void MapSimulationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/simulation/definitions/{id:long}/run", async (long id, int? cases, long? seed, bool? history, HttpRequest request,
                IMediator mediator, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var text = await reader.ReadToEndAsync(ct);
                try
                {
                    var scenario = string.IsNullOrWhiteSpace(text) ? new ScenarioFile() : ScenarioFile.Parse(text);
                    return Results.Ok(await mediator.Send(new RunSimulation(id, scenario, cases ?? 1_000, seed ?? 1, history ?? true), ct));
                }
                catch (SimulationValidationException e)
                {
                    return Invalid(e);
                }
            })
            .WithTags("Simulation")
            .RequireAuthorization(Policies.Simulation)
            .Accepts<ScenarioFile>("application/json")
            .Produces<SimulationReport>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Simuliert ein Szenario auf einer Definitionsversion (Prognose, keine Messwerte). Body: Szenariodatei (JSON), Query: cases, seed, history.");
    }

    /// <summary>422 with every error and its JSON path.</summary>
    public static IResult Invalid(SimulationValidationException e) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Ungültiges Szenario",
        detail: string.Join("; ", e.Errors.Take(5)),
        extensions: new Dictionary<string, object?> { ["errors"] = e.Errors.Select(x => new { path = x.Path, elementId = x.ElementId, message = x.Message }).ToList() });
}

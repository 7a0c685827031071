using System.Security.Claims;
using Automation.Engine.Simulation;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Automation.Workforce.Impact;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Features.Simulation;

/// <summary>REST endpoint of the what-if simulation.</summary>
internal static class SimulationEndpoints
{
    public static void MapSimulationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/simulation/definitions/{id:long}/run", async Task<Results<Ok<SimulationReport>, ProblemHttpResult>> (long id, int? cases, long? seed, bool? history, HttpRequest request,
                IMediator mediator, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var text = await reader.ReadToEndAsync(ct);
                try
                {
                    var scenario = string.IsNullOrWhiteSpace(text) ? new ScenarioFile() : ScenarioFile.Parse(text);
                    return TypedResults.Ok(await mediator.Send(new RunSimulation(id, scenario, cases ?? 1_000, seed ?? 1, history ?? true), ct));
                }
                catch (SimulationValidationException e)
                {
                    return Invalid(e);
                }
                catch (SimulationBudgetExceededException e)
                {
                    return OverBudget(e);
                }
            })
            .WithTags("Simulation")
            .RequireAuthorization(Policies.Simulation)
            .Accepts<ScenarioFile>("application/json")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Simuliert ein Szenario auf einer Definitionsversion (Prognose, keine Messwerte). Body: Szenariodatei (JSON), Query: cases, seed, history.");

        app.MapPost("/api/simulation/definitions/{id:long}/forecast", async Task<Results<Created<SimulationForecast>, ProblemHttpResult>> (long id, string? scenario, int? cases, long? seed, bool? history,
                HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var text = await reader.ReadToEndAsync(ct);
                try
                {
                    var file = string.IsNullOrWhiteSpace(text) ? new ScenarioFile() : ScenarioFile.Parse(text);
                    var run = new RunSimulation(id, file, cases ?? 1_000, seed ?? 1, history ?? true);
                    var forecast = await mediator.Send(new StoreForecast(run, scenario, user.UserName()), ct);
                    return TypedResults.Created($"/api/simulation/forecasts/{forecast.Id}", forecast);
                }
                catch (SimulationValidationException e)
                {
                    return Invalid(e);
                }
                catch (SimulationBudgetExceededException e)
                {
                    return OverBudget(e);
                }
            })
            .WithTags("Simulation")
            .RequireAuthorization(Policies.Simulation)
            .Accepts<ScenarioFile>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Simuliert wie /run und übernimmt ein Szenario (Query: scenario) als Prognose (Simulation) für die Arbeitsmarkt-Wirkung und die Meldung an die Agentur für Arbeit.");
        app.MapGet("/api/simulation/forecasts", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListForecasts(), ct)))
            .WithTags("Simulation")
            .RequireAuthorization(Policies.LabourImpact)
            .WithSummary("Gespeicherte Prognosen (Simulation), neueste zuerst – simulierte Werte, keine Messwerte.");
        app.MapDelete("/api/simulation/forecasts/{id:long}", async (long id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DeleteForecast(id), ct)))
            .WithTags("Simulation")
            .RequireAuthorization(Policies.Simulation)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Löscht eine gespeicherte Prognose; sie erscheint dann in keinem Bericht mehr.");
    }

    /// <summary>422: the simulation used up its processor-time budget (a request too large for this server, not a server fault).</summary>
    public static ProblemHttpResult OverBudget(SimulationBudgetExceededException e) => ProblemResults.Of(
        StatusCodes.Status422UnprocessableEntity, SimulationBudgetExceededException.Code, e.Message, ("budgetSeconds", e.Budget.TotalSeconds));

    /// <summary>422 with every error and its JSON path.</summary>
    public static ProblemHttpResult Invalid(SimulationValidationException e) => ProblemResults.Of(
        StatusCodes.Status422UnprocessableEntity, "scenario-invalid", string.Join("; ", e.Errors.Take(5)),
        ("errors", e.Errors.Select(x => new { path = x.Path, elementId = x.ElementId, code = x.Code, message = x.Message }).ToList()));
}

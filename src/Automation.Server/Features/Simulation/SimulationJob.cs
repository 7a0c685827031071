using System.Globalization;
using Automation.Data;
using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Automation.Server.Features.Jobs;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Simulation;

/// <summary>What the simulation page submitted: kept with the job so the page shows the form as it was sent.</summary>
/// <param name="Version">Definition version (row id).</param>
/// <param name="Scenario">Scenario file text.</param>
/// <param name="Cases">Cases per replication.</param>
/// <param name="Seed">Seed.</param>
/// <param name="UseHistory">Whether measured figures of the version are used.</param>
internal sealed record SimulationInput(long Version, string? Scenario, int Cases, long Seed, bool UseHistory);

/// <summary>A finished simulation job: the report, or the errors in the scenario that stopped it.</summary>
/// <param name="Report">The report when the scenario ran.</param>
/// <param name="Errors">German errors (scenario, limits) when it did not.</param>
internal sealed record SimulationOutcome(SimulationReport? Report, IReadOnlyList<string> Errors);

/// <summary>Runs a simulation as a background job (10,000 cases take seconds), reporting each replication done.</summary>
internal static class SimulationJob
{
    /// <summary>The job kind the simulation page shows.</summary>
    public const string Kind = "simulation";

    public static BackgroundJob Start(BackgroundJobs jobs, IServiceScopeFactory scopes, string owner, SimulationInput input)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(input);
        var title = Texte.Format(Texte.ServerSimulationFaellenJeWiederholung, input.Cases);
        return jobs.Start(owner, Kind, title, input, async (progress, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            try
            {
                var scenario = string.IsNullOrWhiteSpace(input.Scenario) ? new ScenarioFile() : ScenarioFile.Parse(input.Scenario);
                var report = await mediator.Send(new RunSimulation(input.Version, scenario, input.Cases, input.Seed, input.UseHistory) { Progress = progress }, ct);
                return new SimulationOutcome(report, []);
            }
            catch (SimulationValidationException e)
            {
                return new SimulationOutcome(null, [.. e.Errors.Select(x => x.ToString())]);
            }
            catch (BadInputException e)
            {
                return new SimulationOutcome(null, [$"{e.Field}: {e.Message}"]);
            }
            catch (NotFoundException e)
            {
                return new SimulationOutcome(null, [e.Message]);
            }
            catch (SimulationBudgetExceededException e)
            {
                return new SimulationOutcome(null, [e.Message]);
            }
        }, id => string.Create(CultureInfo.InvariantCulture, $"/simulation?version={input.Version}&auftrag={id}"));
    }
}

using System.Text.Json;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Simulation;

/// <summary>Runs a scenario file on a stored definition version.</summary>
/// <param name="DefinitionId">Definition version (row id).</param>
/// <param name="Scenario">The scenario file.</param>
/// <param name="Cases">Cases per replication.</param>
/// <param name="Seed">Seed.</param>
/// <param name="UseHistory">Whether measured durations and branch frequencies of this version are used where there are enough.</param>
internal sealed record RunSimulation(long DefinitionId, ScenarioFile Scenario, int Cases, long Seed, bool UseHistory) : IRequest<SimulationReport>
{
    /// <summary>Told the share done; set when the simulation runs as a background job.</summary>
    public IProgress<double>? Progress { get; init; }

    internal sealed class Handler(WorkflowHostAccessor accessor, IOptions<ServerOptions> options) : IRequestHandler<RunSimulation, SimulationReport>
    {
        public async ValueTask<SimulationReport> Handle(RunSimulation request, CancellationToken cancellationToken)
        {
            if (request.Cases is < 1 or > SimulationLimits.MaxCases)
                throw new BadInputException("cases", Texte.Format(Texte.ServerZahlFaelleMussZwischenLiegen, SimulationLimits.MaxCases));
            var host = accessor.Host;
            StoredDefinition stored;
            try
            {
                stored = await host.Definitions.GetAsync(request.DefinitionId, cancellationToken);
            }
            catch (KeyNotFoundException)
            {
                throw new NotFoundException(Texte.Format(Texte.ServerDefinitionsversionUnbekannt, request.DefinitionId));
            }
            request.Scenario.ProcessId ??= stored.Process.Id;
            var history = request.UseHistory ? await SimulationHistoryReader.ReadAsync(host.Database, request.DefinitionId, cancellationToken) : null;
            // The stored version's process first, so it is the one simulated; other pools of the file serve call activities.
            var processes = stored.Set.Processes.OrderBy(p => p.Id == stored.Process.Id ? 0 : 1).ToList();
            var study = SimulationCompiler.Compile(processes, request.Scenario, history);
            var total = (long)request.Cases * study.Settings.Replications * (study.Scenarios.Count + 1);
            if (total > SimulationLimits.MaxTotalCases)
                throw new BadInputException("cases", Texte.Format(Texte.ServerFaelleWiederholungenVariantenErlaubtHoechstens, total, SimulationLimits.MaxTotalCases));
            // The request's token is the client's connection: a client that goes away stops the simulation within an event.
            var budget = options.Value.Simulation.CpuBudget;
            return await Task.Run(() => Simulator.Run(study, request.Cases, request.Seed, budget, request.Progress, cancellationToken), cancellationToken);
        }
    }
}

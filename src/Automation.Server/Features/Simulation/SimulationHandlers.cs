using System.Text.Json;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Simulation;
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
internal sealed record RunSimulation(long DefinitionId, ScenarioFile Scenario, int Cases, long Seed, bool UseHistory) : IRequest<SimulationReport>;

/// <summary>Too large a request: the simulation would tie up the server.</summary>
internal static class SimulationLimits
{
    /// <summary>Most cases per replication one request may simulate.</summary>
    public const int MaxCases = 100_000;

    /// <summary>Most cases in all (cases × replications × variants) one request may simulate.</summary>
    public const long MaxTotalCases = 2_000_000;
}

/// <summary>A starting scenario file (JSON) for a definition version.</summary>
/// <param name="DefinitionId">Definition version (row id).</param>
internal sealed record SimulationTemplate(long DefinitionId) : IRequest<string>;

internal sealed class SimulationHandlers(WorkflowHostAccessor accessor, IOptions<ServerOptions> options) :
    IRequestHandler<RunSimulation, SimulationReport>,
    IRequestHandler<SimulationTemplate, string>
{
    private static readonly JsonSerializerOptions Indented = new(ScenarioFile.JsonOptions) { WriteIndented = true };


    public async ValueTask<SimulationReport> Handle(RunSimulation request, CancellationToken cancellationToken)
    {
        if (request.Cases is < 1 or > SimulationLimits.MaxCases)
            throw new BadInputException("cases", $"Die Zahl der Fälle muss zwischen 1 und {SimulationLimits.MaxCases:N0} liegen.");
        var host = accessor.Host;
        StoredDefinition stored;
        try
        {
            stored = await host.Definitions.GetAsync(request.DefinitionId, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            throw new NotFoundException($"Definitionsversion {request.DefinitionId} ist unbekannt.");
        }
        request.Scenario.ProcessId ??= stored.Process.Id;
        var history = request.UseHistory ? await SimulationHistoryReader.ReadAsync(host.Database, request.DefinitionId, cancellationToken) : null;
        // The stored version's process first, so it is the one simulated; other pools of the file serve call activities.
        var processes = stored.Set.Processes.OrderBy(p => p.Id == stored.Process.Id ? 0 : 1).ToList();
        var study = SimulationCompiler.Compile(processes, request.Scenario, history);
        var total = (long)request.Cases * study.Settings.Replications * (study.Scenarios.Count + 1);
        if (total > SimulationLimits.MaxTotalCases)
            throw new BadInputException("cases", $"Fälle × Wiederholungen × Varianten = {total:N0}; erlaubt sind höchstens {SimulationLimits.MaxTotalCases:N0}.");
        // The request's token is the client's connection: a client that goes away stops the simulation within an event.
        var budget = options.Value.Simulation.CpuBudget;
        return await Task.Run(() => Simulator.Run(study, request.Cases, request.Seed, budget, cancellationToken), cancellationToken);
    }

    /// <summary>A starting scenario: every role with 2 people, every splitting gateway with equal probabilities, and
    /// one scenario that automates the first human step marked as an automation candidate (else the first human step).</summary>
    public async ValueTask<string> Handle(SimulationTemplate request, CancellationToken cancellationToken)
    {
        StoredDefinition stored;
        try
        {
            stored = await accessor.Host.Definitions.GetAsync(request.DefinitionId, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            throw new NotFoundException($"Definitionsversion {request.DefinitionId} ist unbekannt.");
        }
        var process = stored.Process;
        var human = process.Nodes.Where(n => n.Kind == NodeKind.UserTask).ToList();
        var file = new ScenarioFile
        {
            Name = $"Was-wäre-wenn: {process.Label}",
            Replications = 5,
            Arrivals = new ArrivalSpec { CasesPerWorkingDay = 10 },
            Roles = human.Select(n => SimulationCompiler.PrimaryRole(n, process)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .ToDictionary(r => r, _ => new RoleSpec { People = 2, HoursPerDay = SimulationCompiler.DefaultHoursPerDay }, StringComparer.Ordinal),
            Branches = process.Nodes.Where(n => n.Kind is NodeKind.ExclusiveGateway or NodeKind.EventBasedGateway && n.Outgoing.Count > 1)
                .ToDictionary(n => n.Id, n => n.Outgoing.ToDictionary(f => f, _ => Math.Round(1.0 / n.Outgoing.Count, 4), StringComparer.Ordinal), StringComparer.Ordinal),
        };
        foreach (var b in file.Branches.Values)
        {
            // Rounded shares must still sum to 1 exactly: the last flow takes the remainder.
            var last = b.Keys.Last();
            b[last] = Math.Round(1 - b.Where(kv => kv.Key != last).Sum(kv => kv.Value), 4);
        }
        var candidate = human.FirstOrDefault(n => n.Automation?.Candidate == true) ?? human.FirstOrDefault();
        if (candidate is not null)
        {
            file.Scenarios = [new ScenarioSpec { Name = $"{candidate.Label} automatisiert", Changes = [new ChangeSpec { Type = "automate", Step = candidate.Id, CpuSeconds = 2 }] }];
        }
        return JsonSerializer.Serialize(file, Indented);
    }
}

using System.Text.Json;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Simulation;

/// <summary>A starting scenario file (JSON) for a definition version.</summary>
/// <param name="DefinitionId">Definition version (row id).</param>
internal sealed record SimulationTemplate(long DefinitionId) : IRequest<string>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<SimulationTemplate, string>
    {
        private static readonly JsonSerializerOptions Indented = new(ScenarioFile.JsonOptions) { WriteIndented = true };

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
                throw new NotFoundException(Texte.Format(Texte.ServerDefinitionsversionUnbekannt, request.DefinitionId));
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
}

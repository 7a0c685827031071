using Automation.Engine.Simulation;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data;

/// <summary>
/// Extracts what history says about a definition version for the simulation, as plain figures: measured working
/// minutes per step from ledger_entries (completed executions with a measured basis) and how often each gateway
/// flow was taken from the steps table (the interpreter records "→ flow" as the gateway step's detail). Steps with
/// fewer than <see cref="SimulationHistory.MinimumSamples"/> measured cases or fewer than
/// <see cref="LedgerPrivacy.MinPeople"/> distinct people behind them are left out (statistics and privacy: the
/// simulated staff minutes would otherwise reveal a small group's working speed).
/// </summary>
public static class SimulationHistoryReader
{
    /// <summary>Reads the history of one definition version.</summary>
    public static async Task<SimulationHistory> ReadAsync(AutomationDatabase database, long definitionId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        var measured = await context.LedgerEntries.AsNoTracking()
            .Where(e => e.DefinitionId == definitionId && e.Outcome == "Completed" && e.StaffMinutesBasis == "Measured")
            .Select(e => new { e.NodeId, e.CaseId, e.StaffMinutes, e.WorkerKey })
            .ToListAsync(ct);
        var minutes = measured.GroupBy(m => m.NodeId, StringComparer.Ordinal)
            .Where(g => g.Select(m => m.CaseId).Distinct(StringComparer.Ordinal).Count() >= SimulationHistory.MinimumSamples
                && g.Select(m => m.WorkerKey).OfType<string>().Distinct(StringComparer.Ordinal).Count() >= LedgerPrivacy.MinPeople)
            .ToDictionary(g => g.Key, g => g.Select(m => m.StaffMinutes).ToArray(), StringComparer.Ordinal);
        var gatewaySteps = await (from s in context.Steps.AsNoTracking()
                                  join c in context.Cases.AsNoTracking() on s.CaseId equals c.Id
                                  where c.DefinitionId == definitionId && s.Outcome == "Completed"
                                      && (s.Kind == "ExclusiveGateway" || s.Kind == "InclusiveGateway" || s.Kind == "EventBasedGateway")
                                      && s.Detail != null
                                  select new { s.NodeId, s.Detail }).ToListAsync(ct);
        var branches = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var g in gatewaySteps.GroupBy(s => s.NodeId, StringComparer.Ordinal))
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var step in g)
            {
                if (!step.Detail!.StartsWith("→ ", StringComparison.Ordinal)) continue;
                foreach (var flow in step.Detail[2..].Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    counts[flow] = counts.GetValueOrDefault(flow) + 1;
            }
            if (counts.Values.Sum() >= SimulationHistory.MinimumSamples) branches[g.Key] = counts;
        }
        return new SimulationHistory
        {
            StepMinutes = minutes,
            BranchCounts = branches,
            Description = $"history of definition version {definitionId}: {measured.Count} measured step executions, {gatewaySteps.Count} gateway decisions",
        };
    }
}

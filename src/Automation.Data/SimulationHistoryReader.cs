using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data;

/// <summary>
/// Extracts what history says about a definition version for the simulation, as plain figures: measured working
/// minutes per step (completed executions with a measured basis) and how often each gateway flow was taken from the
/// steps table (the interpreter records "→ flow" as the gateway step's detail). Measured minutes come only from the
/// cells the privacy gate releases (<see cref="Engine.Accounting.PrivacyGate"/>): the simulated staff minutes would
/// otherwise reveal a small group's working speed. Steps with fewer than <see cref="SimulationHistory.MinimumSamples"/>
/// such executions are left out.
/// </summary>
public static class SimulationHistoryReader
{
    /// <summary>Reads the history of one definition version.</summary>
    public static async Task<SimulationHistory> ReadAsync(AutomationDatabase database, long definitionId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var cells = await Reports.LedgerCells.ReadAsync(database, 0, long.MaxValue, null, definitionId, withDurations: false, ct);
        var released = cells.Cells.Where(c => c.Release == Engine.Accounting.CellRelease.Measured)
            .Select(c => (c.MonthStart, c.NodeId, c.CaseStatus)).ToHashSet();
        await using var context = database.CreateContext();
        var measured = (await (from e in context.LedgerEntries.AsNoTracking()
                               join c in context.Cases.AsNoTracking() on e.CaseId equals c.Id
                               where e.DefinitionId == definitionId && e.Outcome == "Completed" && e.StaffMinutesBasis == "Measured" && c.EndedAt != null
                               select new { e.NodeId, e.StaffMinutes, c.EndedAt, c.Status }).ToListAsync(ct))
            .Where(m => released.Contains((Reports.LedgerCellFold.MonthStart(m.EndedAt!.Value), m.NodeId, m.Status))).ToList();
        var minutes = measured.GroupBy(m => m.NodeId, StringComparer.Ordinal)
            .Where(g => g.Count() >= SimulationHistory.MinimumSamples)
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
            Description = Texte.Format(Texte.AnnahmeHistorieQuelle, definitionId, measured.Count, gatewaySteps.Count),
        };
    }
}

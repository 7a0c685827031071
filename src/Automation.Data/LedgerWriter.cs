using System.Globalization;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>Prices a write unit's executed tasks into ledger figures that are stored on the step rows they price.</summary>
internal static class LedgerWriter
{
    /// <summary>
    /// Adds ledger figures for every priced step of the unit. A step that cannot be priced (no factor for its date) gets
    /// none and is returned, so the host reports it; the case itself goes on.
    /// </summary>
    public static List<(StepEvent Step, string Reason)> Price(CaseWrite unit, StoredDefinition definition, Func<string, ProcessDefinition?> process,
        FactorSet factors, AuthorityType authority)
    {
        var failures = new List<(StepEvent, string)>();
        var version = string.Create(CultureInfo.InvariantCulture, $"{definition.Process.Id}@{definition.Version}");
        foreach (var step in unit.Steps)
        {
            if (!LedgerCalculator.IsPricedStep(step.Kind)) continue;
            var node = (step.ProcessId == definition.Process.Id ? definition.Process : process(step.ProcessId))?.FindNode(step.NodeId);
            if (node is null)
            {
                failures.Add((step, $"node {step.NodeId} of process {step.ProcessId} not found"));
                continue;
            }
            unit.Measurements.TryGetValue((step.NodeId, step.Start), out var measured);
            unit.WorkerKeys.TryGetValue((step.NodeId, step.Start), out var worker);
            if (measured is null && step.Actor is ActorKind.Automated or ActorKind.AiAssisted && step.End >= step.Start)
                measured = new StepMeasurement(WallSeconds: (decimal)(step.End - step.Start).TotalSeconds);
            LedgerEntry e;
            try
            {
                e = LedgerCalculator.Price(step, node, version, measured, factors, authority);
            }
            catch (AccountingException ex)
            {
                failures.Add((step, ex.Message));
                continue;
            }
            unit.Ledger[step.Sequence] = new StepLedger
            {
                DefinitionId = definition.Id,
                DefinitionVersion = version,
                Authority = authority.ToString(),
                FactorSet = e.FactorSetName,
                Factors = string.Join(',', e.Factors.Select(f => f.Id)),
                Occupation = e.Occupation,
                PayLevel = e.PayLevel?.ToString(),
                StandardMinutes = (double)e.StandardMinutes,
                StaffMinutes = (double)e.StaffMinutes,
                StaffMinutesBasis = e.StaffMinutesBasis.ToString(),
                LabourCostEur = (double)e.LabourCostEur,
                CpuSeconds = (double)e.CpuSeconds,
                Inferences = (double)e.Inferences,
                WorkplaceWh = (double)(e.Workplace.EnergyWh ?? 0),
                WorkplaceG = (double)e.Workplace.CarbonG,
                ComputeWh = (double)(e.Compute.EnergyWh ?? 0),
                ComputeG = (double)e.Compute.CarbonG,
                AiWh = (double)(e.AiInference.EnergyWh ?? 0),
                AiG = (double)e.AiInference.CarbonG,
                PaperG = (double)e.Paper.CarbonG,
                PostG = (double)e.Post.CarbonG,
                EmbodiedG = (double)e.Embodied.CarbonG,
                CitizenTrips = (double)e.CitizenTrips.Trips,
                CitizenKm = (double)e.CitizenTrips.Kilometres,
                CitizenG = (double)e.CitizenTrips.CarbonG,
                CitizenMinutes = (double)e.CitizenTrips.CitizenMinutes,
                WorkerKey = e.StaffMinutesBasis == QuantityBasis.Measured ? worker : null,
            };
        }
        return failures;
    }
}

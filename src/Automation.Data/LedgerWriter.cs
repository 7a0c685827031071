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
    /// none and is returned (null when every step was priced), so the host reports it; the case itself goes on.
    /// </summary>
    public static List<(StepEvent Step, string Reason)>? Price(CaseWrite unit, StoredDefinition definition, Func<string, ProcessDefinition?> process,
        FactorSet factors, AuthorityType authority)
    {
        List<(StepEvent, string)>? failures = null;
        string? version = null;
        var authorityName = AuthorityName(authority);
        foreach (var step in unit.Steps)
        {
            if (!LedgerCalculator.IsPricedStep(step.Kind)) continue;
            var node = (step.ProcessId == definition.Process.Id ? definition.Process : process(step.ProcessId))?.FindNode(step.NodeId);
            if (node is null)
            {
                (failures ??= []).Add((step, $"node {step.NodeId} of process {step.ProcessId} not found"));
                continue;
            }
            // Only a human step's working time enters the figures; a software step's wall time is its step row's duration.
            StepMeasurement? measured = null;
            string? worker = null;
            if (unit.Measurements.Count > 0 && unit.Measurements.TryGetValue((step.NodeId, step.Start), out measured))
                unit.WorkerKeys.TryGetValue((step.NodeId, step.Start), out worker);
            version ??= string.Create(CultureInfo.InvariantCulture, $"{definition.Process.Id}@{definition.Version}");
            LedgerEntry e;
            try
            {
                e = LedgerCalculator.Price(step, node, version, measured, factors, authority);
            }
            catch (AccountingException ex)
            {
                (failures ??= []).Add((step, ex.Message));
                continue;
            }
            unit.Ledger[step.Sequence] = new StepLedger
            {
                DefinitionId = definition.Id,
                DefinitionVersion = version,
                Authority = authorityName,
                FactorSet = e.FactorSetName,
                Factors = FactorIds(e.Factors),
                Occupation = e.Occupation,
                PayLevel = e.PayLevel?.ToString(),
                StandardMinutes = (double)e.StandardMinutes,
                StaffMinutes = (double)e.StaffMinutes,
                StaffMinutesBasis = BasisName(e.StaffMinutesBasis),
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

    // Every priced step of every case passes here: names without Enum.ToString's lookup, no LINQ for the usual empty list.
    private static string AuthorityName(AuthorityType authority) => authority switch
    {
        AuthorityType.Bund => nameof(AuthorityType.Bund),
        AuthorityType.Land => nameof(AuthorityType.Land),
        AuthorityType.Kommune => nameof(AuthorityType.Kommune),
        AuthorityType.Sozialversicherung => nameof(AuthorityType.Sozialversicherung),
        _ => authority.ToString(),
    };

    private static string BasisName(QuantityBasis basis) => basis switch
    {
        QuantityBasis.Measured => nameof(QuantityBasis.Measured),
        QuantityBasis.Standard => nameof(QuantityBasis.Standard),
        QuantityBasis.None => nameof(QuantityBasis.None),
        _ => basis.ToString(),
    };

    private static string FactorIds(IReadOnlyList<FactorVersion> factors) => factors.Count switch
    {
        0 => "",
        1 => factors[0].Id,
        _ => string.Join(',', factors.Select(f => f.Id)),
    };
}

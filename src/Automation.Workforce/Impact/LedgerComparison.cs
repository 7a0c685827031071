using Automation.Engine.Accounting;

namespace Automation.Workforce.Impact;

/// <summary>Ledger totals of one step in one definition version.</summary>
/// <param name="NodeId">Step id.</param>
/// <param name="NodeName">Step name.</param>
/// <param name="Actor">Human, Automated or AiAssisted (the most frequent actor of the step's rows).</param>
/// <param name="Occupation">KldB code recorded on the rows, if any.</param>
/// <param name="Cases">Distinct cases with the step.</param>
/// <param name="StaffMinutes">Sum of staff minutes.</param>
/// <param name="LabourCostEur">Sum of labour cost.</param>
/// <param name="CarbonG">Sum of the authority's gCO2e (workplace, compute, AI, paper, post, embodied; not citizens' travel).</param>
public sealed record StepTotals(string NodeId, string? NodeName, string Actor, string? Occupation, int Cases, double StaffMinutes, double LabourCostEur, double CarbonG);

/// <summary>Ledger totals of one definition version.</summary>
/// <param name="DefinitionId">Definition row id.</param>
/// <param name="Label">Version label (process id and version).</param>
/// <param name="Cases">Distinct cases with ledger rows.</param>
/// <param name="StaffMinutes">Sum of staff minutes.</param>
/// <param name="LabourCostEur">Sum of labour cost.</param>
/// <param name="CarbonG">Sum of the authority's gCO2e.</param>
/// <param name="Steps">Per step.</param>
public sealed record VersionTotals(long DefinitionId, string Label, int Cases, double StaffMinutes, double LabourCostEur, double CarbonG, IReadOnlyList<StepTotals> Steps)
{
    /// <summary>Staff hours per case.</summary>
    public double HoursPerCase => Cases == 0 ? 0 : StaffMinutes / 60.0 / Cases;

    /// <summary>Labour cost per case.</summary>
    public double EurPerCase => Cases == 0 ? 0 : LabourCostEur / Cases;

    /// <summary>SCI with R = one completed case: gCO2e per case.</summary>
    public double GramsPerCase => Cases == 0 ? 0 : CarbonG / Cases;
}

/// <summary>A step that moved from staff to software between two versions, with its carbon balance.</summary>
/// <param name="Impact">The labour figures.</param>
/// <param name="ActorAfter">Automated or AiAssisted.</param>
/// <param name="GramsPerCaseBefore">gCO2e per case of the step before.</param>
/// <param name="GramsPerCaseAfter">gCO2e per case of the step after.</param>
public sealed record AutomatedStep(StepImpactInput Impact, string ActorAfter, double GramsPerCaseBefore, double GramsPerCaseAfter)
{
    /// <summary>Net carbon balance per year in kg (negative = saving).</summary>
    public double NetKgPerYear => (GramsPerCaseAfter - GramsPerCaseBefore) * Impact.CasesPerYear / 1000.0;
}

/// <summary>Finds the steps automated between two measured versions of a process.</summary>
public static class LedgerComparison
{
    /// <summary>
    /// Steps that were done by staff in <paramref name="before"/> and by software (Automated or AiAssisted) in
    /// <paramref name="after"/>. Minutes saved per case = staff minutes per case before − after, each over the
    /// version's cases with ledger rows. Versions or steps with too few cases for a mean (<see cref="PrivacyGate.ReleasesCaseGroup"/>) give nothing.
    /// </summary>
    public static IReadOnlyList<AutomatedStep> AutomatedSteps(string processId, VersionTotals before, VersionTotals after, double casesPerYear,
        Func<string, IReadOnlyList<string>> rolesOf)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(rolesOf);
        if (!PrivacyGate.ReleasesCaseGroup(before.Cases) || !PrivacyGate.ReleasesCaseGroup(after.Cases)) return [];
        var afterSteps = after.Steps.ToDictionary(s => s.NodeId, StringComparer.Ordinal);
        var result = new List<AutomatedStep>();
        foreach (var b in before.Steps.Where(s => s.Actor == "Human" && PrivacyGate.ReleasesCaseGroup(s.Cases)).OrderBy(s => s.NodeId, StringComparer.Ordinal))
        {
            if (!afterSteps.TryGetValue(b.NodeId, out var a) || a.Actor == "Human" || !PrivacyGate.ReleasesCaseGroup(a.Cases)) continue;
            var saved = b.StaffMinutes / before.Cases - a.StaffMinutes / after.Cases;
            var impact = new StepImpactInput(processId, b.NodeId, b.NodeName ?? a.NodeName, b.Occupation, rolesOf(b.NodeId), saved, casesPerYear,
                ImpactBasis.Measured, $"Ledger {before.Label} ({before.Cases} Fälle) → {after.Label} ({after.Cases} Fälle)");
            result.Add(new AutomatedStep(impact, a.Actor, b.CarbonG / before.Cases, a.CarbonG / after.Cases));
        }
        return result;
    }
}

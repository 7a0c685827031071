namespace Automation.Engine.Accounting;

/// <summary>Sums of ledger entries (of one case, or of any selection), full precision.</summary>
public sealed record LedgerTotals
{
    /// <summary>Number of entries summed.</summary>
    public required int Entries { get; init; }

    /// <summary>Effective staff minutes.</summary>
    public required decimal StaffMinutes { get; init; }

    /// <summary>Standard minutes (for comparison with measured time).</summary>
    public required decimal StandardMinutes { get; init; }

    /// <summary>Labour cost, €.</summary>
    public required decimal LabourCostEur { get; init; }

    /// <summary>Office workplace component.</summary>
    public required ComponentFigure Workplace { get; init; }

    /// <summary>Compute component.</summary>
    public required ComponentFigure Compute { get; init; }

    /// <summary>AI inference component.</summary>
    public required ComponentFigure AiInference { get; init; }

    /// <summary>Paper component.</summary>
    public required ComponentFigure Paper { get; init; }

    /// <summary>Post component.</summary>
    public required ComponentFigure Post { get; init; }

    /// <summary>Embodied server share (SCI M).</summary>
    public required ComponentFigure Embodied { get; init; }

    /// <summary>Citizens' trips, outside the authority's inventory.</summary>
    public required CitizenTripFigure CitizenTrips { get; init; }

    /// <summary>Energy inside the SCI boundary, Wh (E).</summary>
    public decimal EnergyWh => (Workplace.EnergyWh ?? 0) + (Compute.EnergyWh ?? 0) + (AiInference.EnergyWh ?? 0);

    /// <summary>Operational emissions inside the boundary, gCO2e (O = E × I, summed per entry).</summary>
    public decimal OperationalCarbonG => Workplace.CarbonG + Compute.CarbonG + AiInference.CarbonG;

    /// <summary>O + M, gCO2e.</summary>
    public decimal SciCarbonG => OperationalCarbonG + Embodied.CarbonG;

    /// <summary>Paper and post, gCO2e, reported beside the SCI score.</summary>
    public decimal BesideCarbonG => Paper.CarbonG + Post.CarbonG;

    /// <summary>Sums entries.</summary>
    public static LedgerTotals Of(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var totals = Empty;
        foreach (var e in entries)
        {
            totals = new LedgerTotals
            {
                Entries = totals.Entries + 1,
                StaffMinutes = totals.StaffMinutes + e.StaffMinutes,
                StandardMinutes = totals.StandardMinutes + e.StandardMinutes,
                LabourCostEur = totals.LabourCostEur + e.LabourCostEur,
                Workplace = totals.Workplace.Plus(e.Workplace),
                Compute = totals.Compute.Plus(e.Compute),
                AiInference = totals.AiInference.Plus(e.AiInference),
                Paper = totals.Paper.Plus(e.Paper),
                Post = totals.Post.Plus(e.Post),
                Embodied = totals.Embodied.Plus(e.Embodied),
                CitizenTrips = totals.CitizenTrips.Plus(e.CitizenTrips),
            };
        }
        return totals;
    }

    private static LedgerTotals Empty { get; } = new()
    {
        Entries = 0,
        StaffMinutes = 0,
        StandardMinutes = 0,
        LabourCostEur = 0,
        Workplace = ComponentFigure.ZeroEnergy,
        Compute = ComponentFigure.ZeroEnergy,
        AiInference = ComponentFigure.ZeroEnergy,
        Paper = ComponentFigure.ZeroCarbon,
        Post = ComponentFigure.ZeroCarbon,
        Embodied = ComponentFigure.ZeroCarbon,
        CitizenTrips = CitizenTripFigure.None,
    };
}

/// <summary>
/// The ledger of one case: its entries in step order, their totals, and the SCI score once the case has
/// completed (SCI's functional unit is one completed case).
/// </summary>
public sealed class CaseLedger
{
    /// <summary>Creates the ledger of a case.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="processId">The process the case was started on (called processes belong to it).</param>
    /// <param name="definitionVersion">Version of that process's definition.</param>
    /// <param name="completed">Whether the case has ended normally; only completed cases have an SCI score.</param>
    /// <param name="entries">The case's entries.</param>
    /// <exception cref="ArgumentException">An entry belongs to another case.</exception>
    public CaseLedger(Guid caseId, string processId, string definitionVersion, bool completed, IEnumerable<LedgerEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processId);
        ArgumentException.ThrowIfNullOrWhiteSpace(definitionVersion);
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.OrderBy(e => e.Sequence).ToList();
        if (Entries.FirstOrDefault(e => e.CaseId != caseId) is { } stranger)
            throw new ArgumentException($"entry {stranger.Sequence} belongs to case {stranger.CaseId}, not {caseId}", nameof(entries));
        CaseId = caseId;
        ProcessId = processId;
        DefinitionVersion = definitionVersion;
        Completed = completed;
        Totals = LedgerTotals.Of(Entries);
        Sci = completed ? SciCalculator.Score(Totals) : null;
    }

    /// <summary>The case.</summary>
    public Guid CaseId { get; }

    /// <summary>The process the case was started on.</summary>
    public string ProcessId { get; }

    /// <summary>Version of the definition.</summary>
    public string DefinitionVersion { get; }

    /// <summary>Whether the case completed.</summary>
    public bool Completed { get; }

    /// <summary>Entries in step order.</summary>
    public IReadOnlyList<LedgerEntry> Entries { get; }

    /// <summary>Sums over the entries.</summary>
    public LedgerTotals Totals { get; }

    /// <summary>SCI per case, or null while the case has not completed.</summary>
    public SciScore? Sci { get; }
}

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

    /// <summary>Energy and carbon per component, with the SCI boundary's sums.</summary>
    public required ComponentFigures Carbon { get; init; }

    /// <summary>Citizens' trips, outside the authority's inventory.</summary>
    public required CitizenTripFigure CitizenTrips { get; init; }

    /// <summary>E-mails, letters avoided and PDF pages (the avoided post carbon beside, never netted).</summary>
    public DeliveryFigure Deliveries { get; init; } = DeliveryFigure.None;

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
                Carbon = totals.Carbon.Plus(e.Carbon),
                CitizenTrips = totals.CitizenTrips.Plus(e.CitizenTrips),
                Deliveries = totals.Deliveries.Plus(e.Deliveries),
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
        Carbon = ComponentFigures.Zero,
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

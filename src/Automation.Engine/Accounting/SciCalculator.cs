namespace Automation.Engine.Accounting;

/// <summary>One component's place relative to the SCI boundary, with its GHG Protocol placement.</summary>
/// <param name="Component">Component name as in the ledger's JSON (<c>workplace</c>, <c>compute</c>, …).</param>
/// <param name="Placement">GHG Protocol scope and category (an assumption of domain-figures.md §1).</param>
public sealed record BoundaryItem(string Component, string Placement);

/// <summary>What the SCI score of this product includes, reports beside it, and leaves outside. Reported with every score.</summary>
public sealed record SciBoundary
{
    /// <summary>The boundary used by <see cref="SciCalculator"/>.</summary>
    public static SciBoundary Default { get; } = new()
    {
        Method = "Green Software Foundation SCI v1.1.0 (ISO/IEC 21031:2024): SCI = (E × I + M) per R, location-based I",
        FunctionalUnit = "one completed case (Vorgang) of a process, per definition version",
        Inside = Items(SciPlacement.Inside),
        Beside = Items(SciPlacement.Beside),
        Outside = Items(SciPlacement.Outside),
    };

    /// <summary>The method and its standard.</summary>
    public required string Method { get; init; }

    /// <summary>The functional unit R.</summary>
    public required string FunctionalUnit { get; init; }

    /// <summary>Components summed into the score.</summary>
    public required IReadOnlyList<BoundaryItem> Inside { get; init; }

    /// <summary>Components reported next to the score, not in it (other R-independent inventories use them).</summary>
    public required IReadOnlyList<BoundaryItem> Beside { get; init; }

    /// <summary>Components outside the authority's inventory, reported separately.</summary>
    public required IReadOnlyList<BoundaryItem> Outside { get; init; }

    private static List<BoundaryItem> Items(SciPlacement placement) => [.. CarbonComponents.In(placement).Select(c => new BoundaryItem(c.Key, c.Ghg))];
}

/// <summary>The SCI score of one completed case, with the figures beside and outside it.</summary>
/// <param name="EnergyWh">E: energy inside the boundary, Wh.</param>
/// <param name="OperationalG">O = E × I, gCO2e (summed per entry, as I can differ between entries' dates).</param>
/// <param name="EmbodiedG">M: manufacturing shares of the workplace devices and the server, gCO2e.</param>
/// <param name="BesideG">Paper and post, gCO2e, not in the score.</param>
/// <param name="OutsideG">Citizens' trips, gCO2e, outside the inventory.</param>
public sealed record SciScore(decimal EnergyWh, decimal OperationalG, decimal EmbodiedG, decimal BesideG, decimal OutsideG)
{
    /// <summary>SCI = O + M per case, gCO2e.</summary>
    public decimal ScoreG => OperationalG + EmbodiedG;

    /// <summary>The boundary the score is computed within.</summary>
    public SciBoundary Boundary { get; init; } = SciBoundary.Default;
}

/// <summary>Mean SCI of the completed cases of one definition version.</summary>
/// <param name="ProcessId">Process.</param>
/// <param name="DefinitionVersion">Definition version.</param>
/// <param name="Cases">Completed cases averaged.</param>
/// <param name="Mean">Mean per case of every figure.</param>
internal sealed record SciSummary(string ProcessId, string DefinitionVersion, int Cases, SciScore Mean);

/// <summary>Software Carbon Intensity per completed case, and the SCI embodied-emissions formula.</summary>
internal static class SciCalculator
{
    /// <summary>
    /// SCI's M term: TE × (TiR / EL) × (RR / ToR), in g. With 1,000 kg, 1 hour reserved of a 4-year life and the
    /// whole server reserved: 1,000,000 g × 1 / (4 × 8,760) ≈ 28.54 g. EL counts the hours the hardware serves:
    /// every hour of the year for a server, the working hours for a workplace device.
    /// </summary>
    /// <param name="totalKgCo2e">TE: total embodied emissions of the hardware, kgCO2e.</param>
    /// <param name="reservedSeconds">TiR: time reserved, seconds.</param>
    /// <param name="lifetimeYears">EL: expected lifetime, years.</param>
    /// <param name="resourceShare">RR / ToR: share of the hardware reserved, 0…1.</param>
    /// <param name="hoursPerYear">Hours of each year of the lifetime the hardware serves; <see cref="LedgerCalculator.HoursPerYear"/> when it never rests.</param>
    public static decimal EmbodiedGrams(decimal totalKgCo2e, decimal reservedSeconds, decimal lifetimeYears, decimal resourceShare,
        decimal hoursPerYear = LedgerCalculator.HoursPerYear)
    {
        if (lifetimeYears <= 0) throw new ArgumentOutOfRangeException(nameof(lifetimeYears), lifetimeYears, "lifetime must be positive");
        if (hoursPerYear <= 0) throw new ArgumentOutOfRangeException(nameof(hoursPerYear), hoursPerYear, "hours per year must be positive");
        return totalKgCo2e * 1000m * reservedSeconds * resourceShare / (lifetimeYears * hoursPerYear * 3600m);
    }

    /// <summary>The SCI score of a completed case's totals.</summary>
    public static SciScore Score(LedgerTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var c = totals.Carbon;
        return new SciScore(c.EnergyWh, c.OperationalG, c.EmbodiedG, c.BesideG, c.OutsideG);
    }

    /// <summary>
    /// Mean SCI per completed case for each process and definition version. Cases that have not completed are
    /// left out: SCI's functional unit is a completed case, and a half-run case would lower the mean.
    /// </summary>
    public static IReadOnlyList<SciSummary> PerDefinitionVersion(IEnumerable<CaseLedger> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.Where(c => c.Sci is not null)
            .GroupBy(c => (c.ProcessId, c.DefinitionVersion))
            .OrderBy(g => g.Key.ProcessId, StringComparer.Ordinal).ThenBy(g => g.Key.DefinitionVersion, StringComparer.Ordinal)
            .Select(g =>
            {
                var scores = g.Select(c => c.Sci!).ToList();
                decimal n = scores.Count;
                var mean = new SciScore(scores.Sum(s => s.EnergyWh) / n, scores.Sum(s => s.OperationalG) / n, scores.Sum(s => s.EmbodiedG) / n,
                    scores.Sum(s => s.BesideG) / n, scores.Sum(s => s.OutsideG) / n);
                return new SciSummary(g.Key.ProcessId, g.Key.DefinitionVersion, scores.Count, mean);
            })
            .ToList();
    }
}

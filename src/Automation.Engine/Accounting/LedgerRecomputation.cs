namespace Automation.Engine.Accounting;

/// <summary>A factor that priced an entry differently after recomputation.</summary>
/// <param name="Key">Factor key.</param>
/// <param name="Old">Version used before, or null if the factor was not used.</param>
/// <param name="New">Version used now, or null if the factor is no longer used.</param>
internal sealed record FactorChange(string Key, FactorVersion? Old, FactorVersion? New);

/// <summary>One entry before and after recomputation.</summary>
/// <param name="Old">The entry as recorded.</param>
/// <param name="New">The entry priced under the new factors.</param>
/// <param name="FactorChanges">Factors whose version or value differs.</param>
internal sealed record RecomputedEntry(LedgerEntry Old, LedgerEntry New, IReadOnlyList<FactorChange> FactorChanges)
{
    /// <summary>Change of effective staff minutes.</summary>
    public decimal StaffMinutesDelta => New.StaffMinutes - Old.StaffMinutes;

    /// <summary>Change of labour cost, €.</summary>
    public decimal LabourCostDeltaEur => New.LabourCostEur - Old.LabourCostEur;

    /// <summary>Change of the SCI contribution (O + M), gCO2e.</summary>
    public decimal SciCarbonDeltaG => New.Carbon.SciG - Old.Carbon.SciG;

    /// <summary>Change of paper and post, gCO2e.</summary>
    public decimal BesideCarbonDeltaG => New.Carbon.BesideG - Old.Carbon.BesideG;

    /// <summary>Change of citizens' trip emissions, gCO2e.</summary>
    public decimal CitizenTripCarbonDeltaG => New.CitizenTrips.CarbonG - Old.CitizenTrips.CarbonG;
}

/// <summary>The report of a recomputation: every entry old and new, both totals, and which factors changed.</summary>
/// <param name="FactorSetName">The factor set recomputed with.</param>
/// <param name="Entries">Each entry, old and new, in input order.</param>
/// <param name="OldTotals">Totals as recorded.</param>
/// <param name="NewTotals">Totals under the new factors.</param>
/// <param name="ChangedFactors">Distinct factor changes over all entries (key, old version, new version).</param>
internal sealed record RecomputationReport(string FactorSetName, IReadOnlyList<RecomputedEntry> Entries, LedgerTotals OldTotals,
    LedgerTotals NewTotals, IReadOnlyList<FactorChange> ChangedFactors);

/// <summary>
/// The explicit "recompute history" operation: prices recorded entries again under another factor set and reports
/// old against new. A pure function: it returns new entries and leaves storing them (or not) to the caller, so
/// published figures change only when someone decides so and the report shows by how much.
/// </summary>
internal static class LedgerRecomputation
{
    /// <summary>Re-prices <paramref name="entries"/> under <paramref name="factors"/> (each at its own end instant).</summary>
    /// <param name="entries">Recorded entries.</param>
    /// <param name="factors">The factor set to price with.</param>
    /// <param name="authority">Another authority type, or null to keep each entry's own.</param>
    /// <exception cref="AccountingException">An entry cannot be priced under the new factors.</exception>
    public static RecomputationReport Recompute(IEnumerable<LedgerEntry> entries, FactorSet factors, AuthorityType? authority = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(factors);
        var lines = new List<RecomputedEntry>();
        foreach (var old in entries)
        {
            var repriced = LedgerCalculator.Reprice(old, factors, authority);
            lines.Add(new RecomputedEntry(old, repriced, Changes(old.Factors, repriced.Factors)));
        }
        var changed = lines.SelectMany(l => l.FactorChanges)
            .DistinctBy(c => (c.Key, c.Old?.Id, c.Old?.Value, c.New?.Id, c.New?.Value))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Old?.Version).ThenBy(c => c.New?.Version)
            .ToList();
        return new RecomputationReport(factors.Name, lines, LedgerTotals.Of(lines.Select(l => l.Old)), LedgerTotals.Of(lines.Select(l => l.New)), changed);
    }

    private static List<FactorChange> Changes(IReadOnlyList<FactorVersion> before, IReadOnlyList<FactorVersion> after)
    {
        var keys = before.Select(f => f.Key).Concat(after.Select(f => f.Key)).Distinct(StringComparer.Ordinal);
        var changes = new List<FactorChange>();
        foreach (var key in keys)
        {
            var o = before.FirstOrDefault(f => f.Key == key);
            var n = after.FirstOrDefault(f => f.Key == key);
            // A version is identified by key and number within its set; a corrected value under the same number still counts.
            if (o is null || n is null || o.Version != n.Version || o.Value != n.Value) changes.Add(new FactorChange(key, o, n));
        }
        return changes;
    }
}

namespace Automation.Engine.Accounting;

/// <summary>What a cell of ledger figures may show, decided by <see cref="PrivacyGate"/>.</summary>
public enum CellRelease
{
    /// <summary>No working time was measured in the cell: its figures are the standard ones and reveal no one.</summary>
    NothingMeasured,
    /// <summary>Measured figures are released: the month is closed and the cell has enough cases and people.</summary>
    Measured,
    /// <summary>The cell's month is not closed yet: standard figures stand in for the measured ones.</summary>
    StandardMonthOpen,
    /// <summary>Fewer than <see cref="PrivacyGate.MinCases"/> cases: standard figures stand in for the measured ones.</summary>
    StandardFewCases,
    /// <summary>Fewer than <see cref="PrivacyGate.MinPeople"/> people: standard figures stand in for the measured ones.</summary>
    StandardFewPeople,
    /// <summary>The figure belongs to a selection finer than a cell (one case, part of a month): standard figures only.</summary>
    StandardPartial,
}

/// <summary>The counts of a cell that the gate decides on.</summary>
/// <param name="Cases">Distinct cases whose steps the cell holds.</param>
/// <param name="People">Distinct people (keyed pseudonyms) behind its measured or human steps.</param>
/// <param name="MeasuredSteps">Steps with measured working time.</param>
/// <param name="HumanWork">Whether people worked on its steps (a human actor, or standard or measured staff minutes).</param>
/// <param name="MonthClosed">Whether the cell's calendar month is over and every case that ended in it has been folded in.</param>
public readonly record struct CellCounts(long Cases, long People, long MeasuredSteps, bool HumanWork, bool MonthClosed);

/// <summary>
/// The staff-privacy rule for every measured figure that leaves the server (docs/methodology.md, "Datenschutz"). One
/// type, used by every query, export, page and report.
/// <para>
/// Measured working time is summed in fixed cells: one definition version × step × calendar month in which the case
/// ended × how the case ended. A cell's measured figures are released only when its month is closed and it holds at
/// least <see cref="MinCases"/> cases and <see cref="MinPeople"/> distinct people; otherwise the cell is valued at
/// standard time (Zeitwerttabelle), which is public. Every output adds up whole cells, so every difference of two
/// outputs is again a sum of cells, each released or standard: no difference isolates a group the gate refused.
/// Anything finer than a cell (one case, part of a month) is always valued at standard time.
/// </para>
/// </summary>
public static class PrivacyGate
{
    /// <summary>Fewest cases a measured figure may be summed over.</summary>
    public const int MinCases = 5;

    /// <summary>Fewest distinct people a measured figure may be summed over.</summary>
    public const int MinPeople = 5;

    /// <summary>Whether a cell's measured sums (minutes, labour cost and workplace energy priced on them) may be shown.</summary>
    public static CellRelease Decide(CellCounts cell)
    {
        if (cell.MeasuredSteps == 0) return CellRelease.NothingMeasured;
        if (!cell.MonthClosed) return CellRelease.StandardMonthOpen;
        if (cell.Cases < MinCases) return CellRelease.StandardFewCases;
        return cell.People < MinPeople ? CellRelease.StandardFewPeople : CellRelease.Measured;
    }

    /// <summary>
    /// Whether the durations and waiting times of a cell's steps may enter quantiles: a step people worked on shows
    /// how fast they were, so it needs a closed month, enough cases and enough people; other steps need enough cases.
    /// </summary>
    public static bool ReleasesDurations(CellCounts cell) =>
        cell.Cases >= MinCases && (!cell.HumanWork || (cell.MonthClosed && cell.People >= MinPeople));

    /// <summary>Whether a count of people may be shown: 0 or at least <see cref="MinPeople"/>.</summary>
    public static bool ReleasesPeopleCount(long people) => people == 0 || people >= MinPeople;

    /// <summary>Whether a figure about a group of cases (a register entry, a version's mean, a quantile) may be shown.</summary>
    public static bool ReleasesCaseGroup(long cases) => cases >= MinCases;

    /// <summary>Whether the release uses measured figures.</summary>
    public static bool IsMeasured(this CellRelease release) => release is CellRelease.Measured;

    /// <summary>Whether standard figures stand in for measured ones.</summary>
    public static bool IsStandIn(this CellRelease release) => release is not (CellRelease.Measured or CellRelease.NothingMeasured);

    /// <summary>German reason for a stand-in, for pages, exports and the API; null when nothing is withheld.</summary>
    public static string? Reason(this CellRelease release) => release switch
    {
        CellRelease.StandardMonthOpen => "Standardzeit: Der Monat ist noch nicht abgeschlossen.",
        CellRelease.StandardFewCases => $"Standardzeit: weniger als {MinCases} Vorgänge mit Messung.",
        CellRelease.StandardFewPeople => $"Standardzeit: weniger als {MinPeople} Personen.",
        CellRelease.StandardPartial => "Standardzeit: Auswahl kleiner als ein Kalendermonat eines Prozessschritts.",
        _ => null,
    };
}

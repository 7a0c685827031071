using System.Globalization;
using System.Text.Json.Serialization;
using Automation.Engine.Accounting;

namespace Automation.Data.Reports;

/// <summary>
/// A reporting period of whole days in German local time (Europe/Berlin), both ends inclusive. Months are
/// calendar months in that zone, so a case that ends at 00:30 on 1 March counts in March, as a clerk would count it.
/// </summary>
public sealed record ReportPeriod
{
    /// <summary>The longest period a report may cover.</summary>
    public const int MaxYears = 10;

    /// <summary>Europe/Berlin.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Creates a period.</summary>
    /// <exception cref="ArgumentException">To before From, or longer than <see cref="MaxYears"/> years.</exception>
    public ReportPeriod(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException("The period ends before it starts.", nameof(to));
        if (to > from.AddYears(MaxYears)) throw new ArgumentException($"The period is longer than {MaxYears} years.", nameof(to));
        From = from;
        To = to;
        FromMs = StartOfDayMs(from);
        ToMs = StartOfDayMs(to.AddDays(1));
        var months = new List<ReportMonth>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            var start = Math.Max(FromMs, StartOfDayMs(m));
            var end = Math.Min(ToMs, StartOfDayMs(m.AddMonths(1)));
            months.Add(new ReportMonth(months.Count, m.Year, m.Month, start, end));
        }
        Months = months;
    }

    /// <summary>First day.</summary>
    public DateOnly From { get; }

    /// <summary>Last day (inclusive).</summary>
    public DateOnly To { get; }

    /// <summary>Start, Unix milliseconds.</summary>
    public long FromMs { get; }

    /// <summary>End (exclusive), Unix milliseconds.</summary>
    public long ToMs { get; }

    /// <summary>Calendar months touched by the period, in order.</summary>
    public IReadOnlyList<ReportMonth> Months { get; }

    /// <summary>"01.01.2026 – 31.12.2026".</summary>
    public string Label => From.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) + " – " + To.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>First day of the Europe/Berlin month holding a Unix-ms instant.</summary>
    public static DateOnly MonthOf(long ms)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), Zone);
        return new DateOnly(local.Year, local.Month, 1);
    }

    /// <summary>Midnight of a day in Europe/Berlin as Unix milliseconds.</summary>
    public static long StartOfDayMs(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }

    /// <summary>
    /// A SQL expression that maps a Unix-millisecond column to the month index of this period. Plain CASE with
    /// integer literals, so SQLite and PostgreSQL group by it alike and no calendar function is needed.
    /// </summary>
    public string MonthIndexSql(string column)
    {
        if (Months.Count == 1) return "0";
        var parts = Months.Take(Months.Count - 1)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"WHEN {column} < {m.EndMs} THEN {m.Index}"));
        return string.Create(CultureInfo.InvariantCulture, $"CASE {string.Join(' ', parts)} ELSE {Months.Count - 1} END");
    }
}

/// <summary>A calendar month within a period.</summary>
/// <param name="Index">Position in the period.</param>
/// <param name="Year">Year.</param>
/// <param name="Month">Month 1–12.</param>
/// <param name="StartMs">Start within the period, Unix ms.</param>
/// <param name="EndMs">End (exclusive) within the period, Unix ms.</param>
public sealed record ReportMonth(int Index, int Year, int Month, long StartMs, long EndMs)
{
    /// <summary>"2026-03": sortable, for open data.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>"03/2026": German short form.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Month:D2}/{Year:D4}");

    /// <summary>First day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);
}

/// <summary>On what the working time of a group of cells rests.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FigureBasis>))]
public enum FigureBasis
{
    /// <summary>No working time measured: standard minutes throughout.</summary>
    NotMeasured,
    /// <summary>Measured working time, released by the privacy gate.</summary>
    Measured,
    /// <summary>Partly measured, partly standard time standing in for withheld measurements.</summary>
    Mixed,
    /// <summary>Standard time stands in for every measurement of the group.</summary>
    Standard,
}

/// <summary>
/// Ledger sums of a group of whole cells after the privacy gate (<see cref="Automation.Engine.Accounting.PrivacyGate"/>):
/// working time, labour cost and workplace carbon are measured where the gate released a cell and standard time where it
/// did not (<see cref="StandInMinutes"/>, <see cref="Basis"/>, <see cref="Notes"/> say so). Steps of ended cases only.
/// </summary>
public sealed record LedgerFigures
{
    /// <summary>No steps.</summary>
    public static LedgerFigures Empty { get; } = new();

    /// <summary>Ended cases whose steps are summed.</summary>
    public long Cases { get; init; }

    /// <summary>Priced steps.</summary>
    public long Steps { get; init; }

    /// <summary>Steps done without staff (automated).</summary>
    public long AutomatedSteps { get; init; }

    /// <summary>AI-assisted steps.</summary>
    public long AiSteps { get; init; }

    /// <summary>Staff minutes: measured where released, else standard.</summary>
    public double StaffMinutes { get; init; }

    /// <summary>Standard minutes that stand in for withheld measurements (part of <see cref="StaffMinutes"/>).</summary>
    public double StandInMinutes { get; init; }

    /// <summary>Whether any released cell rests on measured time.</summary>
    public bool AnyMeasured { get; init; }

    /// <summary>Labour cost, EUR.</summary>
    public double LabourCostEur { get; init; }

    /// <summary>gCO2e (and Wh) per carbon component; the staff-time components on the same basis as <see cref="StaffMinutes"/>.</summary>
    [JsonIgnore]
    public ComponentSums Carbon { get; init; } = ComponentSums.Zero;

    /// <summary>The components as JSON fields (<c>workplaceWh</c>, <c>workplaceG</c>, <c>deviceG</c>, …), one per component of the list.</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Components => Carbon.Fields(standardBasis: false);

    /// <summary>Why standard time stands in (German, distinct), empty when it does nowhere.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>On what the working time rests.</summary>
    public FigureBasis Basis => (AnyMeasured, StandInMinutes > 0 || Notes.Count > 0) switch
    {
        (true, true) => FigureBasis.Mixed,
        (true, false) => FigureBasis.Measured,
        (false, true) => FigureBasis.Standard,
        _ => FigureBasis.NotMeasured,
    };

    /// <summary>The authority's carbon: the SCI components plus paper and post, gCO2e.</summary>
    public double CarbonG => Carbon.InventoryG;

    /// <summary>Inside the SCI boundary, gCO2e.</summary>
    public double SciG => Carbon.SciG;

    /// <summary>Beside the SCI score (paper, post), gCO2e.</summary>
    public double BesideG => Carbon.BesideG;

    /// <summary>SCI per case, gCO2e (meaningful over completed cases only, as the callers sum them).</summary>
    public double? SciPerCaseG => Cases == 0 ? null : SciG / Cases;

    /// <summary>Share of steps done without staff, 0–1.</summary>
    public double? AutomationRate => Steps == 0 ? null : (double)AutomatedSteps / Steps;

    /// <summary>Staff hours.</summary>
    public double StaffHours => StaffMinutes / 60d;

    /// <summary>Sums gated cells; <see cref="Cases"/> is left to the caller (cells of one case repeat across nodes).</summary>
    internal static LedgerFigures Of(IEnumerable<GatedCell> cells)
    {
        long steps = 0, automated = 0, ai = 0;
        double staff = 0, standIn = 0, cost = 0;
        var carbon = new List<ComponentSums>();
        var measured = false;
        var notes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in cells)
        {
            steps += c.Priced;
            if (c.Actor == "Automated") automated += c.Priced;
            if (c.Actor == "AiAssisted") ai += c.Priced;
            staff += c.StaffMinutes;
            standIn += c.StandInMinutes;
            measured |= c.Release == Engine.Accounting.CellRelease.Measured;
            if (Engine.Accounting.PrivacyGate.Reason(c.Release) is { } reason) notes.Add(reason);
            cost += c.LabourCostEur;
            carbon.Add(c.Carbon);
        }
        return new LedgerFigures
        {
            Steps = steps, AutomatedSteps = automated, AiSteps = ai, StaffMinutes = staff, StandInMinutes = standIn, AnyMeasured = measured,
            LabourCostEur = cost, Carbon = ComponentSums.Sum(carbon), Notes = [.. notes],
        };
    }
}

/// <summary>Nearest-rank quantiles of a group of values.</summary>
/// <param name="Count">Number of values.</param>
/// <param name="Min">Smallest.</param>
/// <param name="P25">25th percentile.</param>
/// <param name="Median">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Max">Largest.</param>
/// <param name="Sum">Sum of all values.</param>
public sealed record Quantiles(long Count, double Min, double P25, double Median, double P75, double P95, double Max, double Sum)
{
    /// <summary>Whether the group is too small to be shown (<see cref="Automation.Engine.Accounting.PrivacyGate.ReleasesCaseGroup"/>).</summary>
    public bool Suppressed => !Engine.Accounting.PrivacyGate.ReleasesCaseGroup(Count);
}

/// <summary>Figures of one process (or all, with <see cref="ProcessId"/> "*") in a period.</summary>
/// <param name="ProcessId">Process id.</param>
/// <param name="Name">Name of its newest definition.</param>
/// <param name="Started">Cases started in the period.</param>
/// <param name="Completed">Cases completed in the period.</param>
/// <param name="LeadTimeMs">Lead times of the completed cases, ms (null: none completed).</param>
/// <param name="Figures">Ledger sums of the cases that ended in the period (completed, terminated or cancelled).</param>
/// <param name="CompletedFigures">The same for the completed cases alone: the basis of every per-case figure.</param>
public sealed record ProcessFigures(string ProcessId, string? Name, long Started, long Completed, Quantiles? LeadTimeMs, LedgerFigures Figures,
    LedgerFigures CompletedFigures)
{
    /// <summary>Ended cases that did not complete (terminated or cancelled), shown apart from the per-case figures.</summary>
    public long OtherEnded => Math.Max(0, Figures.Cases - CompletedFigures.Cases);
}

/// <summary>One month of a trend.</summary>
/// <param name="Month">The month.</param>
/// <param name="Started">Cases started.</param>
/// <param name="Completed">Cases completed.</param>
/// <param name="LeadTimeMs">Lead times of the cases completed in it.</param>
/// <param name="Figures">Ledger sums of the cases that ended in it.</param>
/// <param name="CompletedFigures">The same for its completed cases alone (per-case figures).</param>
public sealed record MonthFigures(ReportMonth Month, long Started, long Completed, Quantiles? LeadTimeMs, LedgerFigures Figures, LedgerFigures CompletedFigures);

/// <summary>The manager overview: every process, the total, and the monthly trend of the total.</summary>
/// <param name="Period">Period.</param>
/// <param name="Processes">Per process.</param>
/// <param name="Total">All processes.</param>
/// <param name="Trend">Per month, all processes (or the one process asked for).</param>
public sealed record ImpactOverview(ReportPeriod Period, IReadOnlyList<ProcessFigures> Processes, ProcessFigures Total, IReadOnlyList<MonthFigures> Trend)
{
    /// <summary>Whether nothing happened in the period.</summary>
    public bool IsEmpty => Total.Started == 0 && Total.Completed == 0 && Total.Figures.Steps == 0;
}

/// <summary>Figures of one node of a process.</summary>
/// <param name="NodeId">BPMN element id.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Node kind.</param>
/// <param name="Executions">Executions in the cases that ended in the period.</param>
/// <param name="Cases">Cases with the node, summed over its cells (a case repeating the node in two versions counts twice).</param>
/// <param name="DurationMs">Durations (start to end) of the executions the gate releases, from whole months; within 1 %.</param>
/// <param name="WaitingMs">Waiting time (duration minus the staff minutes worked on it), released like the durations.</param>
/// <param name="TotalWaitingMs">Sum of the released waiting times.</param>
/// <param name="Figures">Ledger sums (tasks only; events and gateways have none).</param>
public sealed record NodeFigures(string NodeId, string? Name, string Kind, long Executions, long Cases, Quantiles? DurationMs, Quantiles? WaitingMs,
    double TotalWaitingMs, LedgerFigures Figures)
{
    /// <summary>Staff minutes per execution (measured where released, else standard; see <see cref="LedgerFigures.Basis"/>).</summary>
    public double? StaffMinutesPerExecution => Figures.Steps == 0 ? null : Figures.StaffMinutes / Figures.Steps;

    /// <summary>gCO2e per execution.</summary>
    public double? CarbonPerExecutionG => Figures.Steps == 0 ? null : Figures.CarbonG / Figures.Steps;
}

/// <summary>Per-case figures of one definition version, for before/after comparisons.</summary>
/// <param name="DefinitionId">Definition row.</param>
/// <param name="Version">Version label.</param>
/// <param name="Figures">Ledger sums of its completed cases (ended in the period).</param>
/// <param name="OtherEnded">Its cases that ended otherwise (terminated, cancelled): counted, not in the means.</param>
public sealed record VersionFigures(long DefinitionId, string Version, LedgerFigures Figures, long OtherEnded)
{
    /// <summary>Whether the version has enough completed cases for a mean (<see cref="Engine.Accounting.PrivacyGate.ReleasesCaseGroup"/>).</summary>
    public bool Enough => Engine.Accounting.PrivacyGate.ReleasesCaseGroup(Figures.Cases);

    /// <summary>Staff hours per completed case.</summary>
    public double? HoursPerCase => Enough ? Figures.StaffHours / Figures.Cases : null;

    /// <summary>EUR per completed case.</summary>
    public double? EurPerCase => Enough ? Figures.LabourCostEur / Figures.Cases : null;

    /// <summary>SCI per completed case, gCO2e (paper and post are beside it: <see cref="BesidePerCaseG"/>).</summary>
    public double? SciPerCaseG => Enough ? Figures.SciG / Figures.Cases : null;

    /// <summary>Paper and post per completed case, gCO2e.</summary>
    public double? BesidePerCaseG => Enough ? Figures.BesideG / Figures.Cases : null;
}

/// <summary>
/// The carbon balance of an automated or AI-assisted step: what its software components
/// (<see cref="CarbonComponents.AddedBySoftware"/>) add per execution against what it saves compared with the same step done by staff (same process and node, actor Human).
/// </summary>
/// <param name="NodeId">Node.</param>
/// <param name="Name">Name.</param>
/// <param name="Actor">Automated or AiAssisted.</param>
/// <param name="Executions">Executions.</param>
/// <param name="AddedG">gCO2e of the software components per execution.</param>
/// <param name="SavedG">gCO2e of the manual step's <see cref="CarbonComponents.SavedByAutomation"/> per execution minus this step's own (0 without a manual baseline).</param>
/// <param name="HasManualBaseline">Whether the node ran manually in at least five cases in the period.</param>
public sealed record CarbonBalance(string NodeId, string? Name, string Actor, long Executions, double AddedG, double SavedG, bool HasManualBaseline)
{
    /// <summary>Whether the step adds more carbon than it saves; never without a baseline to compare with, never for nothing against nothing.</summary>
    public bool Flagged => HasManualBaseline && AddedG > 0 && AddedG > SavedG;
}

/// <summary>A case above the 95th percentile of lead time.</summary>
/// <param name="CaseId">Case id.</param>
/// <param name="BusinessKey">Business key.</param>
/// <param name="LeadTimeMs">Lead time.</param>
public sealed record OutlierCase(string CaseId, string? BusinessKey, long LeadTimeMs);

/// <summary>A variable whose values differ between outlier cases and the others.</summary>
/// <param name="Variable">Variable name.</param>
/// <param name="Value">Value (text form) or "Mittelwert" for numbers.</param>
/// <param name="OutlierShare">Share (or mean) among outliers.</param>
/// <param name="OtherShare">Share (or mean) among the other completed cases.</param>
/// <param name="Numeric">Whether the shares are means of a number.</param>
public sealed record VariableContrast(string Variable, string Value, double OutlierShare, double OtherShare, bool Numeric);

/// <summary>Outliers of a process.</summary>
/// <param name="ThresholdMs">95th percentile of lead time.</param>
/// <param name="Cases">Cases above it (at most 50 listed, longest first).</param>
/// <param name="Count">How many cases are above it.</param>
/// <param name="Contrasts">Variables that set them apart (only with at least five outliers).</param>
public sealed record Outliers(double ThresholdMs, IReadOnlyList<OutlierCase> Cases, long Count, IReadOnlyList<VariableContrast> Contrasts);

/// <summary>Everything the per-process dashboard shows.</summary>
/// <param name="Overview">Totals and monthly trend of the process.</param>
/// <param name="Nodes">Per node.</param>
/// <param name="Versions">Per definition version.</param>
/// <param name="CarbonBalances">Automated and AI-assisted steps.</param>
/// <param name="Outliers">Lead-time outliers.</param>
public sealed record ProcessImpact(ImpactOverview Overview, IReadOnlyList<NodeFigures> Nodes, IReadOnlyList<VersionFigures> Versions,
    IReadOnlyList<CarbonBalance> CarbonBalances, Outliers? Outliers)
{
    /// <summary>Nodes whose summed waiting time is at least a quarter of the summed lead time of completed cases, largest first.</summary>
    public IReadOnlyList<Bottleneck> Bottlenecks
    {
        get
        {
            var lead = Overview.Total.LeadTimeMs;
            if (lead is null || lead.Suppressed) return [];
            var totalLead = lead.Sum;
            if (totalLead <= 0) return [];
            return Nodes.Where(n => n.TotalWaitingMs > 0)
                .Select(n => new Bottleneck(n, Math.Min(1d, n.TotalWaitingMs / totalLead)))
                .Where(x => x.Share >= 0.25)
                .OrderByDescending(x => x.Share).ToList();
        }
    }
}

/// <summary>A node whose waiting time makes up a large share of the lead time.</summary>
/// <param name="Node">The node.</param>
/// <param name="Share">Its summed waiting time over the summed lead time of completed cases, 0–1.</param>
public sealed record Bottleneck(NodeFigures Node, double Share);

/// <summary>Hours and cost by KldB occupation code (the role's, never a person's).</summary>
/// <param name="ProcessId">Process.</param>
/// <param name="Occupation">KldB 2010 code, or empty when the step has none.</param>
/// <param name="Figures">Sums.</param>
public sealed record OccupationFigures(string ProcessId, string Occupation, LedgerFigures Figures);

/// <summary>Sums per process and node, for the workbook's Steps sheet.</summary>
/// <param name="ProcessId">Process.</param>
/// <param name="NodeId">Node.</param>
/// <param name="Name">Node name.</param>
/// <param name="Actor">Actor kind.</param>
/// <param name="Figures">Sums.</param>
public sealed record StepFigures(string ProcessId, string NodeId, string? Name, string Actor, LedgerFigures Figures)
{
    /// <summary>KldB occupation code of the step's role, if annotated.</summary>
    public string? Occupation { get; init; }
}

/// <summary>One definition version's steps over its ended cases (<see cref="ImpactQueries.VersionStepsAsync"/>).</summary>
/// <param name="DefinitionId">Definition version.</param>
/// <param name="CompletedCases">Its completed cases.</param>
/// <param name="OtherEnded">Its cases that ended otherwise (terminated, cancelled).</param>
/// <param name="Completed">Per node, over the completed cases.</param>
/// <param name="All">Per node, over all ended cases.</param>
public sealed record VersionSteps(long DefinitionId, long CompletedCases, long OtherEnded, IReadOnlyList<StepFigures> Completed, IReadOnlyList<StepFigures> All);

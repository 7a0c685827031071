using System.Globalization;

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

/// <summary>
/// Ledger sums of a group of steps. Measured working time may only be shown for groups of at least
/// <see cref="MinCases"/> cases; <see cref="Suppressed"/> says when a group is smaller, and the presentation then
/// shows no time, cost or workplace carbon for it.
/// </summary>
public sealed record LedgerFigures
{
    /// <summary>Smallest number of cases whose working times may be shown together.</summary>
    public const int MinCases = 5;

    /// <summary>No steps.</summary>
    public static LedgerFigures Empty { get; } = new();

    /// <summary>Distinct cases with steps in the group.</summary>
    public long Cases { get; init; }

    /// <summary>Priced steps.</summary>
    public long Steps { get; init; }

    /// <summary>Steps done without staff (automated).</summary>
    public long AutomatedSteps { get; init; }

    /// <summary>AI-assisted steps.</summary>
    public long AiSteps { get; init; }

    /// <summary>Effective staff minutes.</summary>
    public double StaffMinutes { get; init; }

    /// <summary>Labour cost, EUR.</summary>
    public double LabourCostEur { get; init; }

    /// <summary>Workplace gCO2e.</summary>
    public double WorkplaceG { get; init; }

    /// <summary>Compute gCO2e.</summary>
    public double ComputeG { get; init; }

    /// <summary>AI inference gCO2e.</summary>
    public double AiG { get; init; }

    /// <summary>Paper gCO2e.</summary>
    public double PaperG { get; init; }

    /// <summary>Post gCO2e.</summary>
    public double PostG { get; init; }

    /// <summary>Embodied server share gCO2e.</summary>
    public double EmbodiedG { get; init; }

    /// <summary>Citizens' travel gCO2e (outside the inventory).</summary>
    public double CitizenG { get; init; }

    /// <summary>Whether the group is too small to show working times (fewer than <see cref="MinCases"/> cases).</summary>
    public bool Suppressed => Cases < MinCases;

    /// <summary>The authority's carbon: SCI components plus paper and post, gCO2e.</summary>
    public double CarbonG => WorkplaceG + ComputeG + AiG + EmbodiedG + PaperG + PostG;

    /// <summary>Inside the SCI boundary (workplace, compute, AI, embodied), gCO2e.</summary>
    public double SciG => WorkplaceG + ComputeG + AiG + EmbodiedG;

    /// <summary>SCI per case, gCO2e.</summary>
    public double? SciPerCaseG => Cases == 0 ? null : SciG / Cases;

    /// <summary>Share of steps done without staff, 0–1.</summary>
    public double? AutomationRate => Steps == 0 ? null : (double)AutomatedSteps / Steps;

    /// <summary>Staff hours.</summary>
    public double StaffHours => StaffMinutes / 60d;
}

/// <summary>Nearest-rank quantiles of a group of values, computed in the database.</summary>
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
    /// <summary>Whether the group has at least <see cref="LedgerFigures.MinCases"/> values and may be shown.</summary>
    public bool Suppressed => Count < LedgerFigures.MinCases;
}

/// <summary>Figures of one process (or all, with <see cref="ProcessId"/> "*") in a period.</summary>
/// <param name="ProcessId">Process id.</param>
/// <param name="Name">Name of its newest definition.</param>
/// <param name="Started">Cases started in the period.</param>
/// <param name="Completed">Cases completed in the period.</param>
/// <param name="LeadTimeMs">Lead times of the completed cases, ms (null: none completed).</param>
/// <param name="Figures">Ledger sums of the steps that ended in the period.</param>
public sealed record ProcessFigures(string ProcessId, string? Name, long Started, long Completed, Quantiles? LeadTimeMs, LedgerFigures Figures);

/// <summary>One month of a trend.</summary>
/// <param name="Month">The month.</param>
/// <param name="Started">Cases started.</param>
/// <param name="Completed">Cases completed.</param>
/// <param name="LeadTimeMs">Lead times of the cases completed in it.</param>
/// <param name="Figures">Ledger sums of its steps.</param>
public sealed record MonthFigures(ReportMonth Month, long Started, long Completed, Quantiles? LeadTimeMs, LedgerFigures Figures);

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
/// <param name="Executions">Executions in the period.</param>
/// <param name="Cases">Distinct cases.</param>
/// <param name="DurationMs">Durations (start to end).</param>
/// <param name="WaitingMs">Waiting time: duration minus the staff minutes worked on it.</param>
/// <param name="TotalWaitingMs">Sum of waiting times.</param>
/// <param name="Figures">Ledger sums (tasks only; events and gateways have none).</param>
public sealed record NodeFigures(string NodeId, string? Name, string Kind, long Executions, long Cases, Quantiles? DurationMs, Quantiles? WaitingMs,
    double TotalWaitingMs, LedgerFigures Figures)
{
    /// <summary>Median staff minutes per execution (null when suppressed or no executions).</summary>
    public double? StaffMinutesPerExecution => Figures.Suppressed || Executions == 0 ? null : Figures.StaffMinutes / Executions;

    /// <summary>gCO2e per execution (null when suppressed or no executions).</summary>
    public double? CarbonPerExecutionG => Figures.Suppressed || Executions == 0 ? null : Figures.CarbonG / Executions;
}

/// <summary>Per-case figures of one definition version, for before/after comparisons.</summary>
/// <param name="DefinitionId">Definition row.</param>
/// <param name="Version">Version label.</param>
/// <param name="Figures">Ledger sums of its completed cases.</param>
public sealed record VersionFigures(long DefinitionId, string Version, LedgerFigures Figures)
{
    /// <summary>Staff hours per case.</summary>
    public double? HoursPerCase => Figures.Suppressed ? null : Figures.StaffHours / Figures.Cases;

    /// <summary>EUR per case.</summary>
    public double? EurPerCase => Figures.Suppressed ? null : Figures.LabourCostEur / Figures.Cases;

    /// <summary>gCO2e per case.</summary>
    public double? CarbonPerCaseG => Figures.Suppressed ? null : Figures.CarbonG / Figures.Cases;
}

/// <summary>
/// The carbon balance of an automated or AI-assisted step: what its compute, AI and embodied share add per
/// execution against what it saves compared with the same step done by staff (same process and node, actor Human).
/// </summary>
/// <param name="NodeId">Node.</param>
/// <param name="Name">Name.</param>
/// <param name="Actor">Automated or AiAssisted.</param>
/// <param name="Executions">Executions.</param>
/// <param name="AddedG">Compute + AI + embodied gCO2e per execution.</param>
/// <param name="SavedG">Manual workplace, paper and post gCO2e per execution minus this step's own (0 without a manual baseline).</param>
/// <param name="HasManualBaseline">Whether the node ever ran manually in the period.</param>
public sealed record CarbonBalance(string NodeId, string? Name, string Actor, long Executions, double AddedG, double SavedG, bool HasManualBaseline)
{
    /// <summary>Whether the step adds more carbon than it saves.</summary>
    public bool Flagged => AddedG > SavedG;
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
            return Nodes.Where(n => n.Cases >= LedgerFigures.MinCases && n.TotalWaitingMs > 0)
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
public sealed record StepFigures(string ProcessId, string NodeId, string? Name, string Actor, LedgerFigures Figures);

using System.Globalization;
using Automation.Engine.Accounting;

namespace Automation.Data.Reports;

/// <summary>
/// Aggregations behind the manager dashboards, the workbook and open data. Ledger figures come from the gated cells of
/// the cases that ended in the period (<see cref="LedgerCells"/>: whole months folded, the rest valued at standard
/// time), so every figure passes the privacy gate; only cells come back, never ledger rows. Counts of started and
/// completed cases and lead-time quantiles come from the cases table (<c>ix_cases_dashboard</c>).
/// </summary>
public sealed partial class ImpactQueries(AutomationDatabase database)
{
    /// <summary>Most outlier cases listed.</summary>
    public const int MaxOutliersListed = 50;

    private const int OutlierSample = 200;
    private const int OtherSample = 500;
    private const int MaxCategories = 10;
    private const string All = "*";
    private const long LeadBucketMs = 3_600_000;
    private const string Completed = "Completed";

    /// <summary>Process ids with the name of their newest definition version, ordered by id.</summary>
    public async Task<IReadOnlyList<(string ProcessId, string? Name)>> ProcessesAsync(CancellationToken ct = default)
    {
        var newest = new SortedDictionary<string, (int Version, string? Name)>(StringComparer.Ordinal);
        await QueryAsync("SELECT process_id, version, name FROM definitions", [], r =>
        {
            var id = r.GetString(0);
            var version = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
            if (!newest.TryGetValue(id, out var known) || known.Version < version) newest[id] = (version, r.IsDBNull(2) ? null : r.GetString(2));
        }, ct);
        return newest.Select(kv => (kv.Key, kv.Value.Name)).ToList();
    }

    /// <summary>Start of the first case of a process (Unix ms), or null when it has none.</summary>
    public async Task<long?> FirstStartAsync(string processId, CancellationToken ct = default)
    {
        long? first = null;
        await QueryAsync("SELECT MIN(started_at) FROM cases WHERE process_id = @process", [("@process", processId)],
            r => first = r.IsDBNull(0) ? null : ToLong(r, 0), ct);
        return first;
    }

    /// <summary>Totals per process, the grand total and the monthly trend (of one process when <paramref name="processId"/> is given).</summary>
    public async Task<ImpactOverview> OverviewAsync(ReportPeriod period, string? processId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var cells = Task.Run(() => LedgerCells.ReadAsync(database, period.FromMs, period.ToMs, processId, null, withDurations: false, ct), ct);
        return await OverviewAsync(period, processId, cells, ct);
    }

    private async Task<ImpactOverview> OverviewAsync(ReportPeriod period, string? processId, Task<CellSelection> cellsRead, CancellationToken ct)
    {
        var names = (await ProcessesAsync(ct)).ToDictionary(p => p.ProcessId, p => p.Name, StringComparer.Ordinal);
        var filter = processId is null ? "" : " AND process_id = @process";
        var parameters = Parameters(period, processId);

        // Independent reads on their own connections, run side by side: SQLite's WAL and PostgreSQL serve concurrent
        // readers, so a manager waits for the slowest query rather than for their sum. Task.Run because
        // Microsoft.Data.Sqlite's async calls complete synchronously.
        var started = new Dictionary<(string, int), long>();
        var startedCounts = Task.Run(() => QueryAsync($"""
            SELECT process_id, {period.MonthIndexSql("started_at")} AS m, COUNT(*) FROM cases
            WHERE started_at >= @from AND started_at < @to{filter} GROUP BY process_id, m
            """, parameters, r => started[(r.GetString(0), ToInt(r, 1))] = ToLong(r, 2), ct), ct);
        var completed = new Dictionary<(string, int), long>();
        var completedCounts = Task.Run(() => QueryAsync($"""
            SELECT process_id, {period.MonthIndexSql("ended_at")} AS m, COUNT(*) FROM cases
            WHERE status = 'Completed' AND ended_at >= @from AND ended_at < @to{filter} GROUP BY process_id, m
            """, parameters, r => completed[(r.GetString(0), ToInt(r, 1))] = ToLong(r, 2), ct), ct);
        var leadTimes = Task.Run(() => LeadTimesAsync(period, filter, parameters, ct), ct);
        await Task.WhenAll(startedCounts, completedCounts, leadTimes, cellsRead);
        var lead = await leadTimes;
        var selection = await cellsRead;

        var processIds = new SortedSet<string>(StringComparer.Ordinal);
        processIds.UnionWith(selection.Cells.Select(c => c.ProcessId));
        processIds.UnionWith(started.Keys.Select(k => k.Item1));
        processIds.UnionWith(completed.Keys.Select(k => k.Item1));
        if (processId is not null) processIds.Add(processId);

        var byProcess = selection.Cells.ToLookup(c => c.ProcessId, StringComparer.Ordinal);
        var processes = processIds.Select(p => new ProcessFigures(p, names.GetValueOrDefault(p),
            started.Where(kv => kv.Key.Item1 == p).Sum(kv => kv.Value),
            completed.Where(kv => kv.Key.Item1 == p).Sum(kv => kv.Value),
            lead.GetValueOrDefault((p, -1)),
            Figures(byProcess[p], selection, k => k.ProcessId == p),
            Figures(byProcess[p].Where(c => c.CaseStatus == Completed), selection, k => k.ProcessId == p && k.Status == Completed)))
            .ToList();
        var total = new ProcessFigures(processId ?? All, processId is null ? "Alle Prozesse" : names.GetValueOrDefault(processId),
            processes.Sum(p => p.Started), processes.Sum(p => p.Completed), lead.GetValueOrDefault((All, -1)),
            Figures(selection.Cells, selection, _ => true),
            Figures(selection.Cells.Where(c => c.CaseStatus == Completed), selection, k => k.Status == Completed));
        var trend = period.Months.Select(m =>
        {
            var start = ReportPeriod.StartOfDayMs(m.FirstDay);
            return new MonthFigures(m,
                started.Where(kv => kv.Key.Item2 == m.Index).Sum(kv => kv.Value),
                completed.Where(kv => kv.Key.Item2 == m.Index).Sum(kv => kv.Value),
                lead.GetValueOrDefault((All, m.Index)),
                Figures(selection.Cells.Where(c => c.MonthStart == start), selection, k => k.MonthStart == start),
                Figures(selection.Cells.Where(c => c.MonthStart == start && c.CaseStatus == Completed), selection, k => k.MonthStart == start && k.Status == Completed));
        }).ToList();
        return new ImpactOverview(period, processes, total, trend);
    }

    /// <summary>The figures of some cells, with the ended cases of the case counts the predicate selects.</summary>
    private static LedgerFigures Figures(IEnumerable<GatedCell> cells, CellSelection selection, Func<(string ProcessId, string Status, long MonthStart), bool> cases) =>
        LedgerFigures.Of(cells) with
        {
            Cases = selection.CaseMonths.Where(kv => cases((kv.Value.ProcessId, kv.Key.Status, kv.Key.MonthStart))).Sum(kv => kv.Value.Cases),
        };

    /// <summary>The per-process dashboard: overview, nodes (heatmap, bottlenecks), versions, carbon balance, outliers.</summary>
    public async Task<ProcessImpact> ProcessAsync(ReportPeriod period, string processId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(processId);
        var read = Task.Run(() => LedgerCells.ReadAsync(database, period.FromMs, period.ToMs, processId, null, withDurations: true, ct), ct);
        var overview = await OverviewAsync(period, processId, read, ct);
        var selection = await read;

        var nodes = selection.Cells.GroupBy(c => c.NodeId, StringComparer.Ordinal).Select(g =>
        {
            var released = g.Where(c => c.DurationsReleased && c.Buckets is not null).ToList();
            var figures = LedgerFigures.Of(g) with { Cases = g.Sum(c => c.Cases) };
            return new NodeFigures(g.Key, g.Select(c => c.NodeName).Max(StringComparer.Ordinal), g.First().Kind, g.Sum(c => c.Executions), g.Sum(c => c.Cases),
                Merge(released, 0, c => c.DurationMs), Merge(released, 1, c => c.WaitingMs), released.Sum(c => c.WaitingMs), figures);
        }).OrderByDescending(n => n.TotalWaitingMs).ThenBy(n => n.NodeId, StringComparer.Ordinal).ToList();

        var labels = await VersionLabelsAsync(processId, ct);
        foreach (var c in selection.Cells.Where(c => c.DefinitionVersion is not null)) labels[c.DefinitionId] = c.DefinitionVersion!;
        var versions = selection.Cells.Select(c => c.DefinitionId).Concat(selection.CaseMonths.Keys.Select(k => k.DefinitionId)).Distinct().Order()
            .Select(id => new VersionFigures(id, labels.GetValueOrDefault(id, id.ToString(CultureInfo.InvariantCulture)),
                LedgerFigures.Of(selection.Cells.Where(c => c.DefinitionId == id && c.CaseStatus == Completed)) with
                {
                    Cases = selection.CaseMonths.Where(kv => kv.Key.DefinitionId == id && kv.Key.Status == Completed).Sum(kv => kv.Value.Cases),
                },
                selection.CaseMonths.Where(kv => kv.Key.DefinitionId == id && kv.Key.Status != Completed).Sum(kv => kv.Value.Cases)))
            .ToList();

        var balances = CarbonBalances(selection.Cells);
        var parameters = Parameters(period, processId);
        var outliers = overview.Total.LeadTimeMs is { Suppressed: false } lead ? await OutliersAsync(parameters, lead.P95, ct) : null;
        return new ProcessImpact(overview, nodes, versions, balances, outliers);
    }

    /// <summary>Sums per process, node and actor (the workbook's Steps and Carbon sheets).</summary>
    public async Task<IReadOnlyList<StepFigures>> StepsAsync(ReportPeriod period, string? processId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var selection = await LedgerCells.ReadAsync(database, period.FromMs, period.ToMs, processId, null, withDurations: false, ct);
        return selection.Cells.Where(c => c.Priced > 0).GroupBy(c => (c.ProcessId, c.NodeId, c.Actor))
            .OrderBy(g => g.Key.ProcessId, StringComparer.Ordinal).ThenBy(g => g.Key.NodeId, StringComparer.Ordinal).ThenBy(g => g.Key.Actor, StringComparer.Ordinal)
            .Select(g => new StepFigures(g.Key.ProcessId, g.Key.NodeId, g.Select(c => c.NodeName).Max(StringComparer.Ordinal), g.Key.Actor,
                LedgerFigures.Of(g) with { Cases = g.Sum(c => c.Cases) }))
            .ToList();
    }

    /// <summary>Hours and cost per process and KldB occupation code (the Labour sheet): steps people worked on.</summary>
    public async Task<IReadOnlyList<OccupationFigures>> OccupationsAsync(ReportPeriod period, string? processId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var selection = await LedgerCells.ReadAsync(database, period.FromMs, period.ToMs, processId, null, withDurations: false, ct);
        return selection.Cells.Where(c => c.Priced > 0 && c.HumanWork).GroupBy(c => (c.ProcessId, Occupation: c.Occupation ?? ""))
            .OrderBy(g => g.Key.ProcessId, StringComparer.Ordinal).ThenBy(g => g.Key.Occupation, StringComparer.Ordinal)
            .Select(g => new OccupationFigures(g.Key.ProcessId, g.Key.Occupation, LedgerFigures.Of(g) with { Cases = g.Sum(c => c.Cases) }))
            .ToList();
    }

    /// <summary>
    /// One definition version's steps, per node, over its cases that ended in <paramref name="period"/> (or ever): the
    /// figures of its completed cases (the basis of per-case means) and of all its ended cases.
    /// </summary>
    public async Task<VersionSteps> VersionStepsAsync(long definitionId, ReportPeriod? period = null, CancellationToken ct = default)
    {
        var selection = await LedgerCells.ReadAsync(database, period?.FromMs ?? 0, period?.ToMs ?? long.MaxValue, null, definitionId, withDurations: false, ct);
        IReadOnlyList<StepFigures> PerNode(IEnumerable<GatedCell> cells) => cells.Where(c => c.Priced > 0).GroupBy(c => c.NodeId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StepFigures(g.First().ProcessId, g.Key, g.Select(c => c.NodeName).Max(StringComparer.Ordinal),
                g.GroupBy(c => c.Actor).OrderByDescending(a => a.Sum(c => c.Priced)).First().Key, LedgerFigures.Of(g) with { Cases = g.Sum(c => c.Cases) })
            {
                Occupation = g.Select(c => c.Occupation).Max(StringComparer.Ordinal),
            }).ToList();
        return new VersionSteps(definitionId,
            selection.CaseMonths.Where(kv => kv.Key.Status == Completed).Sum(kv => kv.Value.Cases),
            selection.CaseMonths.Where(kv => kv.Key.Status != Completed).Sum(kv => kv.Value.Cases),
            PerNode(selection.Cells.Where(c => c.CaseStatus == Completed)), PerNode(selection.Cells));
    }

    /// <summary>Every factor version id (key@version) that priced a step in the period, sorted.</summary>
    public async Task<IReadOnlyList<string>> FactorIdsAsync(ReportPeriod period, string? processId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await QueryAsync($"""
            SELECT DISTINCT factors FROM ledger_entries
            WHERE {LedgerRollup.EndedWithin("@from", "@to")}{(processId is null ? "" : " AND process_id = @process")}
            """, Parameters(period, processId),
            r => ids.UnionWith(r.GetString(0).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), ct);
        return [.. ids];
    }

    /// <summary>Quantiles of one series of the released cells' histograms, with the exact sum of their values.</summary>
    private static Quantiles? Merge(IReadOnlyList<GatedCell> cells, int series, Func<GatedCell, double> sum)
    {
        var merged = new Dictionary<int, long>();
        foreach (var c in cells)
        {
            foreach (var ((s, bucket), count) in c.Buckets!)
            {
                if (s == series) merged[bucket] = merged.GetValueOrDefault(bucket) + count;
            }
        }
        return DurationHistogram.Quantiles(merged, cells.Sum(sum));
    }

    private async Task<Dictionary<long, string>> VersionLabelsAsync(string processId, CancellationToken ct)
    {
        var labels = new Dictionary<long, string>();
        await QueryAsync("SELECT id, version FROM definitions WHERE process_id = @process", [("@process", processId)],
            r => labels[ToLong(r, 0)] = string.Create(CultureInfo.InvariantCulture, $"{processId}@{ToLong(r, 1)}"), ct);
        return labels;
    }

    /// <summary>
    /// Automated and AI-assisted steps against the same node done by staff (at least five cases): what their software
    /// components add per execution, and the staff-time components, paper and post per execution they save.
    /// </summary>
    private static List<CarbonBalance> CarbonBalances(IReadOnlyList<GatedCell> cells)
    {
        var rows = cells.Where(c => c.Priced > 0).GroupBy(c => (c.NodeId, c.Actor)).Select(g => (g.Key.NodeId, Name: g.Select(c => c.NodeName).Max(StringComparer.Ordinal),
            g.Key.Actor, Executions: g.Sum(c => c.Priced), Cases: g.Sum(c => c.Cases), Added: g.Sum(c => c.Carbon.Grams(CarbonComponents.AddedBySoftware)),
            Own: g.Sum(c => c.Carbon.Grams(CarbonComponents.SavedByAutomation)))).ToList();
        var manual = rows.Where(r => r.Actor == "Human" && PrivacyGate.ReleasesCaseGroup(r.Cases)).ToDictionary(r => r.NodeId, StringComparer.Ordinal);
        return rows.Where(r => r.Actor is "Automated" or "AiAssisted").Select(r =>
        {
            var baseline = manual.TryGetValue(r.NodeId, out var m);
            var saved = baseline ? m.Own / m.Executions - r.Own / r.Executions : 0d;
            return new CarbonBalance(r.NodeId, r.Name, r.Actor, r.Executions, r.Added / r.Executions, saved, baseline);
        }).OrderByDescending(b => b.AddedG - b.SavedG).ThenBy(b => b.NodeId, StringComparer.Ordinal).ToList();
    }
}

using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Automation.Data.Reports;

/// <summary>
/// Aggregations behind the manager dashboards, the workbook and open data. Every figure is summed, counted or
/// ranked in the database (GROUP BY and window functions in SQL that SQLite and PostgreSQL both run); only groups
/// come back, never ledger rows. Months are CASE buckets over Europe/Berlin month boundaries, see
/// <see cref="ReportPeriod.MonthIndexSql"/>. Ledger figures come from the monthly rollup (<see cref="LedgerRollup"/>)
/// for the whole months of the period, plus the ledger rows above its watermark and those of partial months, read in
/// the same statement; distinct cases are counted over that union, so the figures equal a direct aggregation.
/// Lead-time quantiles cannot be added up month by month: they are ranked from the cases table (one row per case,
/// covered by ix_cases_dashboard).
/// </summary>
public sealed class ImpactQueries(AutomationDatabase database)
{
    /// <summary>Most outlier cases listed.</summary>
    public const int MaxOutliersListed = 50;

    private const int OutlierSample = 200;
    private const int OtherSample = 500;
    private const int MaxCategories = 10;
    private const string All = "*";
    private const long LeadBucketMs = 3_600_000;

    // The summed ledger columns, in the order ReadFigures reads them after the counts.
    private static readonly string[] FigureSums =
        ["staff_minutes", "labour_cost_eur", "workplace_g", "compute_g", "ai_g", "paper_g", "post_g", "embodied_g", "citizen_g"];

    private static string FigureColumns(string p) => $"""
        COUNT(DISTINCT {p}case_id), COUNT({p}case_id),
        SUM(CASE WHEN {p}actor = 'Automated' THEN 1 ELSE 0 END), SUM(CASE WHEN {p}actor = 'AiAssisted' THEN 1 ELSE 0 END),
        {string.Join(", ", FigureSums.Select(c => $"SUM({p}{c})"))}
        """;

    private const int FigureColumnCount = 13;

    // The same figures over a rollup source (see Source): rows carry step counts and sums instead of single entries.
    private const string SourceFigures = """
        COUNT(DISTINCT case_id), SUM(steps), SUM(automated_steps), SUM(ai_steps), SUM(staff_minutes), SUM(labour_cost_eur), SUM(workplace_g),
        SUM(compute_g), SUM(ai_g), SUM(paper_g), SUM(post_g), SUM(embodied_g), SUM(citizen_g)
        """;

    private const string SumColumns = "staff_minutes, labour_cost_eur, workplace_g, compute_g, ai_g, paper_g, post_g, embodied_g, citizen_g";

    private const string LiveCounts = "1 AS steps, CASE WHEN actor = 'Automated' THEN 1 ELSE 0 END AS automated_steps, CASE WHEN actor = 'AiAssisted' THEN 1 ELSE 0 END AS ai_steps";

    /// <summary>Per case, month and process: process_id, t, case_id, steps, automated_steps, ai_steps and the sums.</summary>
    private static string CaseSource(string? processId) => Source("ledger_monthly_cases",
        $"process_id, month_start AS t, case_id, steps, automated_steps, ai_steps, {SumColumns}",
        $"process_id, ended_at AS t, case_id, {LiveCounts}, {SumColumns}", processId);

    /// <summary>As <see cref="CaseSource"/>, also per node, node_name, actor, outcome, occupation ('' when none) and staffed (0/1).</summary>
    private static string StepSource(string? processId) => Source("ledger_monthly",
        $"process_id, month_start AS t, case_id, node_id, node_name, actor, outcome, occupation, staffed, steps, automated_steps, ai_steps, {SumColumns}",
        $"process_id, ended_at AS t, case_id, node_id, node_name, actor, outcome, COALESCE(occupation, '') AS occupation, " +
        $"CASE WHEN staff_minutes > 0 THEN 1 ELSE 0 END AS staffed, {LiveCounts}, {SumColumns}", processId);

    /// <summary>
    /// Rollup rows of the period's whole months (@wf to @wt), the ledger rows of those months above the watermark
    /// (by entry id; +ended_at keeps the planner on the id range), and the ledger rows of partial months at either end
    /// (by entry id through ledger_days). One statement, so the watermark and the rollup come from one snapshot.
    /// </summary>
    private static string Source(string rollupTable, string rollupColumns, string liveColumns, string? processId)
    {
        var filter = processId is null ? "" : " AND process_id = @process";
        return $"""
            SELECT {rollupColumns} FROM {rollupTable} WHERE month_start >= @wf AND month_start < @wt{filter}
            UNION ALL SELECT {liveColumns} FROM ledger_entries
                WHERE entry_id > (SELECT COALESCE(MAX(watermark), 0) FROM ledger_rollup_state) AND +ended_at >= @wf AND +ended_at < @wt{filter}
            UNION ALL SELECT {liveColumns} FROM ledger_entries WHERE {LedgerRollup.EndedWithin("@from", "@wf")}{filter}
            UNION ALL SELECT {liveColumns} FROM ledger_entries WHERE {LedgerRollup.EndedWithin("@wt", "@to")}{filter}
            """;
    }

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
        var names = (await ProcessesAsync(ct)).ToDictionary(p => p.ProcessId, p => p.Name, StringComparer.Ordinal);
        var filter = processId is null ? "" : " AND process_id = @process";
        var parameters = Parameters(period, processId);

        // Independent reads on their own connections, run side by side: SQLite's WAL and PostgreSQL serve concurrent
        // readers, so a manager waits for the slowest query rather than for their sum. Task.Run because
        // Microsoft.Data.Sqlite's async calls complete synchronously.
        var byProcessMonth = new Dictionary<(string, int), LedgerFigures>();
        var figures = Task.Run(() => QueryAsync($"""
            SELECT process_id, {period.MonthIndexSql("t")} AS m, {SourceFigures}
            FROM ({CaseSource(processId)}) s GROUP BY process_id, m
            """, parameters, r => byProcessMonth[(r.GetString(0), ToInt(r, 1))] = ReadFigures(r, 2), ct), ct);
        var casesByProcess = new Dictionary<string, long>(StringComparer.Ordinal);
        var caseCounts = Task.Run(() => QueryAsync($"SELECT process_id, COUNT(DISTINCT case_id) FROM ({CaseSource(processId)}) s GROUP BY process_id",
            parameters, r => casesByProcess[r.GetString(0)] = ToLong(r, 1), ct), ct);
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
        await Task.WhenAll(figures, caseCounts, startedCounts, completedCounts, leadTimes);
        var lead = await leadTimes;

        var processIds = new SortedSet<string>(StringComparer.Ordinal);
        processIds.UnionWith(byProcessMonth.Keys.Select(k => k.Item1));
        processIds.UnionWith(started.Keys.Select(k => k.Item1));
        processIds.UnionWith(completed.Keys.Select(k => k.Item1));
        if (processId is not null) processIds.Add(processId);

        var processes = processIds.Select(p => new ProcessFigures(p, names.GetValueOrDefault(p),
            started.Where(kv => kv.Key.Item1 == p).Sum(kv => kv.Value),
            completed.Where(kv => kv.Key.Item1 == p).Sum(kv => kv.Value),
            lead.GetValueOrDefault((p, -1)),
            Sum(byProcessMonth.Where(kv => kv.Key.Item1 == p).Select(kv => kv.Value)) with { Cases = casesByProcess.GetValueOrDefault(p) }))
            .ToList();
        var total = new ProcessFigures(processId ?? All, processId is null ? "Alle Prozesse" : names.GetValueOrDefault(processId),
            processes.Sum(p => p.Started), processes.Sum(p => p.Completed), lead.GetValueOrDefault((All, -1)),
            Sum(processes.Select(p => p.Figures)));
        var trend = period.Months.Select(m => new MonthFigures(m,
            started.Where(kv => kv.Key.Item2 == m.Index).Sum(kv => kv.Value),
            completed.Where(kv => kv.Key.Item2 == m.Index).Sum(kv => kv.Value),
            lead.GetValueOrDefault((All, m.Index)),
            Sum(byProcessMonth.Where(kv => kv.Key.Item2 == m.Index).Select(kv => kv.Value)))).ToList();
        return new ImpactOverview(period, processes, total, trend);
    }

    /// <summary>The per-process dashboard: overview, nodes (heatmap, bottlenecks), versions, carbon balance, outliers.</summary>
    public async Task<ProcessImpact> ProcessAsync(ReportPeriod period, string processId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(processId);
        var overview = await OverviewAsync(period, processId, ct);
        var parameters = Parameters(period, processId);

        // The figures sit on the step rows (ledger_entries is a view over them): one pass over the process's steps, each
        // with its figures as the view shows them when priced and NULL when not, instead of joining steps to the view.
        const string wait = "CASE WHEN (l.ended_at - l.started_at) - COALESCE(l.staff_minutes, 0) * 60000 > 0 THEN (l.ended_at - l.started_at) - COALESCE(l.staff_minutes, 0) * 60000 ELSE 0 END";
        var stepsWithFigures = $"""
            FROM (SELECT node_id, node_name, kind, case_id AS step_case, started_at, ended_at,
                         CASE WHEN factor_set IS NOT NULL THEN case_id END AS case_id, CASE WHEN factor_set IS NOT NULL THEN actor END AS actor,
                         {string.Join(", ", FigureSums.Select(c => $"CASE WHEN factor_set IS NOT NULL THEN COALESCE({c}, 0.0) END AS {c}"))}
                  FROM steps WHERE process_id = @process AND ended_at >= @from AND ended_at < @to) l
            """;
        var rows = new List<(string Id, string? Name, string Kind, long Executions, long Cases, double Waiting, LedgerFigures Figures)>();
        await QueryAsync($"""
            SELECT l.node_id, MAX(l.node_name), MAX(l.kind), COUNT(*), COUNT(DISTINCT l.step_case), SUM({wait}), {FigureColumns("l.")}
            {stepsWithFigures} GROUP BY l.node_id
            """, parameters, r => rows.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), ToLong(r, 3), ToLong(r, 4),
                ToDouble(r, 5), ReadFigures(r, 6) with { Cases = ToLong(r, 4) })), ct);
        var nodeQuantiles = await QuantilesAsync($"""
            SELECT l.node_id AS g1, 0 AS g2, l.ended_at - l.started_at AS x {stepsWithFigures}
            UNION ALL SELECT l.node_id, 1, {wait} {stepsWithFigures}
            """, parameters, ct);
        var nodes = rows.Select(n => new NodeFigures(n.Id, n.Name, n.Kind, n.Executions, n.Cases,
            nodeQuantiles.GetValueOrDefault((n.Id, 0)), nodeQuantiles.GetValueOrDefault((n.Id, 1)), n.Waiting, n.Figures))
            .OrderByDescending(n => n.TotalWaitingMs).ToList();

        var versions = new List<VersionFigures>();
        await QueryAsync($"""
            SELECT l.definition_id, MAX(l.definition_version), {FigureColumns("l.")}
            FROM ledger_entries l JOIN cases c ON c.id = l.case_id
            WHERE l.process_id = @process AND c.status = 'Completed' AND c.ended_at >= @from AND c.ended_at < @to
            GROUP BY l.definition_id ORDER BY l.definition_id
            """, parameters, r => versions.Add(new VersionFigures(ToLong(r, 0), r.GetString(1), ReadFigures(r, 2))), ct);

        var balances = await CarbonBalancesAsync(processId, parameters, ct);
        var outliers = overview.Total.LeadTimeMs is { Suppressed: false } lead ? await OutliersAsync(parameters, lead.P95, ct) : null;
        return new ProcessImpact(overview, nodes, versions, balances, outliers);
    }

    /// <summary>Sums per process, node and actor (the workbook's Steps and Carbon sheets).</summary>
    public async Task<IReadOnlyList<StepFigures>> StepsAsync(ReportPeriod period, string? processId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var list = new List<StepFigures>();
        await QueryAsync($"""
            SELECT process_id, node_id, MAX(node_name), actor, {SourceFigures}
            FROM ({StepSource(processId)}) s GROUP BY process_id, node_id, actor ORDER BY process_id, node_id, actor
            """, Parameters(period, processId), r => list.Add(new StepFigures(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetString(3), ReadFigures(r, 4))), ct);
        return list;
    }

    /// <summary>Hours and cost per process and KldB occupation code (the Labour sheet).</summary>
    public async Task<IReadOnlyList<OccupationFigures>> OccupationsAsync(ReportPeriod period, string? processId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var list = new List<OccupationFigures>();
        await QueryAsync($"""
            SELECT process_id, occupation, {SourceFigures}
            FROM ({StepSource(processId)}) s WHERE staffed = 1 GROUP BY process_id, occupation ORDER BY process_id, occupation
            """, Parameters(period, processId), r => list.Add(new OccupationFigures(r.GetString(0), r.GetString(1), ReadFigures(r, 2))), ct);
        return list;
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

    private async Task<IReadOnlyList<CarbonBalance>> CarbonBalancesAsync(string processId, IReadOnlyList<(string, object)> parameters, CancellationToken ct)
    {
        var rows = new List<(string Node, string? Name, string Actor, long Executions, long Cases, double Added, double Own)>();
        await QueryAsync($"""
            SELECT node_id, MAX(node_name), actor, SUM(steps), COUNT(DISTINCT case_id), SUM(compute_g + ai_g + embodied_g), SUM(workplace_g + paper_g + post_g)
            FROM ({StepSource(processId)}) s WHERE outcome = 'Completed'
            GROUP BY node_id, actor
            """, parameters, r => rows.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), ToLong(r, 3), ToLong(r, 4),
                ToDouble(r, 5), ToDouble(r, 6))), ct);
        var manual = rows.Where(r => r.Actor == "Human" && r.Cases >= LedgerFigures.MinCases).ToDictionary(r => r.Node, StringComparer.Ordinal);
        return rows.Where(r => r.Actor is "Automated" or "AiAssisted").Select(r =>
        {
            var baseline = manual.TryGetValue(r.Node, out var m);
            var saved = baseline ? m.Own / m.Executions - r.Own / r.Executions : 0d;
            return new CarbonBalance(r.Node, r.Name, r.Actor, r.Executions, r.Added / r.Executions, saved, baseline);
        }).OrderByDescending(b => b.AddedG - b.SavedG).ToList();
    }

    private async Task<Outliers> OutliersAsync(IReadOnlyList<(string, object)> parameters, double threshold, CancellationToken ct)
    {
        var p = parameters.Append(("@threshold", (object)(long)Math.Floor(threshold))).ToList();
        const string where = "process_id = @process AND status = 'Completed' AND ended_at >= @from AND ended_at < @to";
        long count = 0;
        await QueryAsync($"SELECT COUNT(*) FROM cases WHERE {where} AND ended_at - started_at > @threshold", p, r => count = ToLong(r, 0), ct);
        var cases = new List<OutlierCase>();
        await QueryAsync($"""
            SELECT id, business_key, ended_at - started_at FROM cases WHERE {where} AND ended_at - started_at > @threshold
            ORDER BY ended_at - started_at DESC, id LIMIT {MaxOutliersListed}
            """, p, r => cases.Add(new OutlierCase(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), ToLong(r, 2))), ct);
        IReadOnlyList<VariableContrast> contrasts = [];
        // Variables are compared only in aggregate and only with enough outliers, so no single case stands out.
        if (count >= LedgerFigures.MinCases)
        {
            var outlierStates = new List<string>();
            await QueryAsync($"SELECT state FROM cases WHERE {where} AND ended_at - started_at > @threshold ORDER BY ended_at DESC LIMIT {OutlierSample}",
                p, r => outlierStates.Add(r.GetString(0)), ct);
            var otherStates = new List<string>();
            await QueryAsync($"SELECT state FROM cases WHERE {where} AND ended_at - started_at <= @threshold ORDER BY ended_at DESC LIMIT {OtherSample}",
                p, r => otherStates.Add(r.GetString(0)), ct);
            contrasts = Contrast(outlierStates.Select(Variables).ToList(), otherStates.Select(Variables).ToList());
        }
        return new Outliers(threshold, cases, count, contrasts);
    }

    /// <summary>Scalar case variables (booleans, numbers, short strings) from an engine state JSON.</summary>
    internal static Dictionary<string, JsonElement> Variables(string stateJson)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(stateJson);
        if (!doc.RootElement.TryGetProperty("Variables", out var vars) || vars.ValueKind != JsonValueKind.Object) return result;
        foreach (var v in vars.EnumerateObject())
        {
            if (v.Value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number
                || (v.Value.ValueKind == JsonValueKind.String && v.Value.GetString()!.Length <= 40))
            {
                result[v.Name] = v.Value.Clone();
            }
        }
        return result;
    }

    /// <summary>
    /// Variables whose values differ most between outliers and the others: for numbers the means, for categories
    /// (at most ten distinct values, so free text and names never qualify) the share of each value. Values held by
    /// fewer than five outliers are left out.
    /// </summary>
    internal static IReadOnlyList<VariableContrast> Contrast(IReadOnlyList<Dictionary<string, JsonElement>> outliers, IReadOnlyList<Dictionary<string, JsonElement>> others)
    {
        if (outliers.Count == 0 || others.Count == 0) return [];
        var result = new List<(VariableContrast Contrast, double Score)>();
        foreach (var name in outliers.SelectMany(o => o.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var a = outliers.Where(o => o.ContainsKey(name)).Select(o => o[name]).ToList();
            var b = others.Where(o => o.ContainsKey(name)).Select(o => o[name]).ToList();
            if (a.Count < LedgerFigures.MinCases || b.Count == 0) continue;
            if (a.Concat(b).All(v => v.ValueKind == JsonValueKind.Number))
            {
                var ma = a.Average(v => v.GetDouble());
                var mb = b.Average(v => v.GetDouble());
                var score = Math.Abs(ma - mb) / Math.Max(Math.Max(Math.Abs(ma), Math.Abs(mb)), 1e-9);
                if (score >= 0.2) result.Add((new VariableContrast(name, "Mittelwert", ma, mb, Numeric: true), score));
                continue;
            }
            var ta = a.Select(Text).ToList();
            var tb = b.Select(Text).ToList();
            if (ta.Concat(tb).Distinct(StringComparer.Ordinal).Count() > MaxCategories) continue;
            foreach (var value in ta.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var holders = ta.Count(t => t == value);
                if (holders < LedgerFigures.MinCases) continue;
                var sa = (double)holders / ta.Count;
                var sb = (double)tb.Count(t => t == value) / tb.Count;
                if (Math.Abs(sa - sb) >= 0.2) result.Add((new VariableContrast(name, value, sa, sb, Numeric: false), Math.Abs(sa - sb)));
            }
        }
        return result.OrderByDescending(r => r.Score).ThenBy(r => r.Contrast.Variable, StringComparer.Ordinal).Take(8).Select(r => r.Contrast).ToList();
    }

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nein",
        JsonValueKind.String => v.GetString()!,
        _ => v.GetRawText(),
    };

    /// <summary>
    /// Lead-time quantiles of the completed cases per process (key (process, -1)), per month of all processes
    /// ("*", month index) and overall ("*", -1), exact nearest rank. Pass 1 is one scan of the cases: a histogram by
    /// process, month and hour of lead time (count, sum, min, max), merged here into the three groupings, which locates
    /// the hour that holds each wanted rank. Pass 2 ranks only the cases in those hours and returns the rows at the
    /// wanted ranks. This avoids sorting every case three times over, the cost of one window query over all of them.
    /// </summary>
    private async Task<Dictionary<(string, int), Quantiles>> LeadTimesAsync(ReportPeriod period, string filter, IReadOnlyList<(string, object)> parameters, CancellationToken ct)
    {
        const string x = "(ended_at - started_at)";
        var bucket = string.Create(CultureInfo.InvariantCulture, $"CASE WHEN {x} < 0 THEN -1 ELSE {x} / {LeadBucketMs} END");
        var month = period.MonthIndexSql("ended_at");
        var where = $"status = 'Completed' AND ended_at >= @from AND ended_at < @to{filter}";
        var groups = new Dictionary<(string, int), SortedDictionary<long, (long N, long Sum, long Min, long Max)>>();
        void Add((string, int) key, long b, (long N, long Sum, long Min, long Max) v)
        {
            if (!groups.TryGetValue(key, out var hist)) groups[key] = hist = [];
            hist[b] = hist.TryGetValue(b, out var o) ? (o.N + v.N, o.Sum + v.Sum, Math.Min(o.Min, v.Min), Math.Max(o.Max, v.Max)) : v;
        }
        await QueryAsync($"SELECT process_id, {month} AS m, {bucket} AS b, COUNT(*), SUM({x}), MIN({x}), MAX({x}) FROM cases WHERE {where} GROUP BY process_id, m, b",
            parameters, r =>
            {
                var v = (ToLong(r, 3), ToLong(r, 4), ToLong(r, 5), ToLong(r, 6));
                Add((r.GetString(0), -1), ToLong(r, 2), v);
                Add((All, ToInt(r, 1)), ToLong(r, 2), v);
                Add((All, -1), ToLong(r, 2), v);
            }, ct);

        int[] percents = [25, 50, 75, 95];
        var values = new Dictionary<((string, int) Key, int Percent), double>();
        var wanted = new List<((string G1, int G2) Key, int Percent, long Bucket, long Offset)>();
        foreach (var (key, hist) in groups)
        {
            var n = hist.Values.Sum(h => h.N);
            foreach (var percent in percents)
            {
                var rank = (n * percent + 99) / 100;
                long before = 0;
                foreach (var (b, h) in hist)
                {
                    if (before + h.N < rank)
                    {
                        before += h.N;
                        continue;
                    }
                    if (h.Min == h.Max) values[(key, percent)] = h.Min;
                    else wanted.Add((key, percent, b, rank - before));
                    break;
                }
            }
        }
        if (wanted.Count > 0)
        {
            var p = parameters.ToList();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            var terms = wanted.Select(w =>
            {
                if (!names.TryGetValue(w.Key.G1, out var name))
                {
                    names[w.Key.G1] = name = "@g" + names.Count.ToString(CultureInfo.InvariantCulture);
                    p.Add((name, w.Key.G1));
                }
                return string.Create(CultureInfo.InvariantCulture, $"(g1 = {name} AND g2 = {w.Key.G2} AND b = {w.Bucket} AND rn = {w.Offset})");
            }).Distinct(StringComparer.Ordinal);
            var inBuckets = string.Join(", ", wanted.Select(w => w.Bucket).Distinct().Order().Select(b => b.ToString(CultureInfo.InvariantCulture)));
            await QueryAsync($"""
                WITH base AS (SELECT process_id AS p, {month} AS m, {bucket} AS b, {x} AS x FROM cases WHERE {where} AND {bucket} IN ({inBuckets})),
                v AS (SELECT p AS g1, -1 AS g2, b, x FROM base UNION ALL SELECT '{All}', m, b, x FROM base UNION ALL SELECT '{All}', -1, b, x FROM base),
                r AS (SELECT g1, g2, b, x, ROW_NUMBER() OVER (PARTITION BY g1, g2, b ORDER BY x) AS rn FROM v)
                SELECT g1, g2, b, rn, x FROM r WHERE {string.Join(" OR ", terms)}
                """, p, r =>
            {
                var key = (r.GetString(0), ToInt(r, 1));
                var (b, rn) = (ToLong(r, 2), ToLong(r, 3));
                foreach (var w in wanted.Where(w => w.Key == key && w.Bucket == b && w.Offset == rn)) values[(key, w.Percent)] = ToDouble(r, 4);
            }, ct);
        }
        return groups.ToDictionary(g => g.Key, g =>
        {
            var hist = g.Value;
            return new Quantiles(hist.Values.Sum(h => h.N), hist.First().Value.Min, values[(g.Key, 25)], values[(g.Key, 50)], values[(g.Key, 75)],
                values[(g.Key, 95)], hist.Last().Value.Max, hist.Values.Sum(h => h.Sum));
        });
    }

    /// <summary>Nearest-rank quantiles per group (g1 text, g2 integer) of the values (x) the given SELECT yields.</summary>
    private async Task<Dictionary<(string, int), Quantiles>> QuantilesAsync(string valuesSql, IReadOnlyList<(string, object)> parameters, CancellationToken ct)
    {
        // Ranked here, not with ROW_NUMBER() in SQL: SQLite's window over the steps of a busy process (a million rows
        // at 20,000 cases) took seconds; reading the values and sorting them per group takes a fraction of that.
        var groups = new Dictionary<(string, int), List<double>>();
        await QueryAsync($"SELECT g1, g2, x FROM ({valuesSql}) v", parameters, r =>
        {
            var key = (r.GetString(0), ToInt(r, 1));
            if (!groups.TryGetValue(key, out var values)) groups[key] = values = [];
            values.Add(ToDouble(r, 2));
        }, ct);
        return groups.ToDictionary(kv => kv.Key, kv =>
        {
            var values = kv.Value;
            values.Sort();
            var n = values.Count;
            // Nearest rank: the ((n · p + 99) / 100)-th smallest value, 1-based.
            double Rank(int percent) => values[(int)(((long)n * percent + 99) / 100) - 1];
            return new Quantiles(n, values[0], Rank(25), Rank(50), Rank(75), Rank(95), values[n - 1], values.Sum());
        });
    }

    private static List<(string, object)> Parameters(ReportPeriod period, string? processId)
    {
        // The whole calendar months inside the period (contiguous: only the first and last can be partial) come from the rollup.
        var whole = period.Months.Where(m => m.StartMs == ReportPeriod.StartOfDayMs(m.FirstDay) && m.EndMs == ReportPeriod.StartOfDayMs(m.FirstDay.AddMonths(1))).ToList();
        var (wholeFrom, wholeTo) = whole.Count == 0 ? (period.ToMs, period.ToMs) : (whole[0].StartMs, whole[^1].EndMs);
        var list = new List<(string, object)> { ("@from", period.FromMs), ("@to", period.ToMs), ("@wf", wholeFrom), ("@wt", wholeTo) };
        if (processId is not null) list.Add(("@process", processId));
        return list;
    }

    private async Task QueryAsync(string sql, IReadOnlyList<(string Name, object Value)> parameters, Action<DbDataReader> row, CancellationToken ct)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // Grouping a million ledger rows sorts in temporary b-trees: keep them in memory with a 64 MB page cache
                // instead of SQLite's 2 MB default and temporary files.
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants and generated integer literals; values are parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) row(reader);
            }
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // The connection goes back to the pool: give the large cache back, or every pooled connection would
                // keep up to 64 MB of pages (several at once when reads run side by side).
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA cache_size = -2000; PRAGMA shrink_memory;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
        }
        catch (DbException e)
        {
            throw database.Translate(e);
        }
    }

    private static LedgerFigures ReadFigures(DbDataReader r, int i) => new()
    {
        Cases = ToLong(r, i),
        Steps = ToLong(r, i + 1),
        AutomatedSteps = ToLong(r, i + 2),
        AiSteps = ToLong(r, i + 3),
        StaffMinutes = ToDouble(r, i + 4),
        LabourCostEur = ToDouble(r, i + 5),
        WorkplaceG = ToDouble(r, i + 6),
        ComputeG = ToDouble(r, i + 7),
        AiG = ToDouble(r, i + 8),
        PaperG = ToDouble(r, i + 9),
        PostG = ToDouble(r, i + 10),
        EmbodiedG = ToDouble(r, i + FigureColumnCount - 2),
        CitizenG = ToDouble(r, i + FigureColumnCount - 1),
    };

    /// <summary>Adds groups; the case count is the sum, which is exact when the groups hold disjoint cases.</summary>
    internal static LedgerFigures Sum(IEnumerable<LedgerFigures> groups) => groups.Aggregate(LedgerFigures.Empty, (a, b) => new LedgerFigures
    {
        Cases = a.Cases + b.Cases,
        Steps = a.Steps + b.Steps,
        AutomatedSteps = a.AutomatedSteps + b.AutomatedSteps,
        AiSteps = a.AiSteps + b.AiSteps,
        StaffMinutes = a.StaffMinutes + b.StaffMinutes,
        LabourCostEur = a.LabourCostEur + b.LabourCostEur,
        WorkplaceG = a.WorkplaceG + b.WorkplaceG,
        ComputeG = a.ComputeG + b.ComputeG,
        AiG = a.AiG + b.AiG,
        PaperG = a.PaperG + b.PaperG,
        PostG = a.PostG + b.PostG,
        EmbodiedG = a.EmbodiedG + b.EmbodiedG,
        CitizenG = a.CitizenG + b.CitizenG,
    });

    private static long ToLong(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static int ToInt(DbDataReader r, int i) => (int)ToLong(r, i);

    private static double ToDouble(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

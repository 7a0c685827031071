using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Automation.Engine.Accounting;

namespace Automation.Data.Reports;

/// <summary>What the dashboards read from the cases table: lead-time quantiles and outliers (no working time).</summary>
public sealed partial class ImpactQueries
{
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
        if (PrivacyGate.ReleasesCaseGroup(count))
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
            if (!PrivacyGate.ReleasesCaseGroup(a.Count) || b.Count == 0) continue;
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
                if (!PrivacyGate.ReleasesCaseGroup(holders)) continue;
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

    private static List<(string, object)> Parameters(ReportPeriod period, string? processId)
    {
        var list = new List<(string, object)> { ("@from", period.FromMs), ("@to", period.ToMs) };
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

    private static long ToLong(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static int ToInt(DbDataReader r, int i) => (int)ToLong(r, i);

    private static double ToDouble(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Server.Features.Dashboards;
using Automation.Tests.Shared;

namespace Automation.Benchmarks;

/// <summary>
/// Dashboards on SQLite: 50,000 cases with about 20 ledger rows each (1,000,000 rows), a full rebuild of the ledger
/// cells (timed) as of 1 February 2026, then 1 % more cases that end in February, after that fold: the cases a running
/// refresher has not folded yet, which every query reads directly. Measured: each query alone, the overview and the
/// per-process page (queries and SVG charts, also for a period ending mid-month) and the full workbook, three runs each
/// after a warm-up. Targets: overview ≤ 500 ms, per-process page ≤ 500 ms, workbook ≤ 10 s, peak working set ≤ 500 MB.
/// </summary>
internal static class DashboardScenario
{
    public static async Task<int> RunAsync(int cases, bool enforceTargets = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "automation-bench-dash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var db = new AutomationDatabase(DatabaseOptions.SqliteFile(Path.Combine(folder, "bench.db")));
            await db.MigrateAsync();
            var load = Stopwatch.StartNew();
            // 14 extra income checks give 20–21 ledger rows per case.
            await LedgerSample.WriteAsync(db, LedgerSample.Generate(cases, new DateOnly(2025, 1, 1), 365, rework: 14), batch: 5000);
            long rows = 0;
            await using (var c = await db.OpenAsync())
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT COUNT(*) FROM ledger_entries";
                rows = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            Console.WriteLine($"dashboards: {cases:N0} cases, {rows:N0} ledger rows written in {load.Elapsed.TotalSeconds:N1} s (SQLite, {Environment.ProcessorCount} cores)");
            var rollup = new LedgerRollup(db, new FixedClock(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));
            var rebuild = Stopwatch.StartNew();
            await rollup.RebuildAsync();
            Console.WriteLine($"ledger cells rebuilt from {rows:N0} rows: {rebuild.Elapsed.TotalMilliseconds:N0} ms");
            var tail = LedgerSample.Generate(Math.Max(1, cases / 100), new DateOnly(2026, 2, 1), 27, seed: 2, rework: 14).ToList();
            await LedgerSample.WriteAsync(db, tail);
            Console.WriteLine($"tail not yet folded in: {tail.Sum(t => t.Ledger.Count):N0} ledger rows of {tail.Count:N0} cases");
            await using (var c = await db.OpenAsync())
            await using (var checkpoint = c.CreateCommand())
            {
                // A running server copies the WAL back every second (SqliteCheckpointer); without a host it would grow to the whole load.
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync();
            }
            GC.Collect();
            var baseline = Process.GetCurrentProcess().WorkingSet64;

            var queries = new ImpactQueries(db);
            var period = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2026, 2, 28));
            async Task<int> Overview()
            {
                var data = await queries.OverviewAsync(period);
                return DashboardCharts.TrendCharts(data).Sum(c => c.Svg.Length);
            }
            async Task<int> Workbook() => (await WorkbookExport.BuildAsync(queries, period, null, DateTimeOffset.UtcNow, CancellationToken.None)).Content.Length;

            async Task<int> ProcessPage()
            {
                var data = await queries.ProcessAsync(period, LedgerSample.ProcessId);
                return DashboardCharts.TrendCharts(data.Overview).Sum(c => c.Svg.Length) + data.Nodes.Count;
            }

            var overview = await Measure("overview (queries + 4 SVG charts)", Overview, 500);
            var processPage = await Measure("per-process page (queries + 4 SVG charts)", ProcessPage, 500);
            var workbook = await Measure("workbook (7 sheets + 5 PNG charts)", Workbook, 10_000);
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d;
            Console.WriteLine($"peak working set {peak:N0} MB (after load {baseline / 1024d / 1024d:N0} MB), target ≤ 500 MB: {(peak <= 500 ? "met" : "MISSED")}");
            Console.WriteLine("where the time goes (each query alone):");
            await Measure("  query OverviewAsync", async () => (await queries.OverviewAsync(period)).Processes.Count, null);
            var overviewData = await queries.OverviewAsync(period);
            await Measure("  4 trend charts as SVG (no query)", () => Task.FromResult(DashboardCharts.TrendCharts(overviewData).Sum(c => c.Svg.Length)), null);
            await Measure("  query StepsAsync", async () => (await queries.StepsAsync(period)).Count, null);
            await Measure("  query OccupationsAsync", async () => (await queries.OccupationsAsync(period)).Count, null);
            await Measure("  query FactorIdsAsync", async () => (await queries.FactorIdsAsync(period)).Count, null);
            var midMonth = new ReportPeriod(new DateOnly(2025, 3, 1), new DateOnly(2026, 2, 14));
            await Measure("  query OverviewAsync, period ending mid-month", async () => (await queries.OverviewAsync(midMonth)).Processes.Count, null);
            await Measure("  query ProcessAsync (per-process page)", async () => (await queries.ProcessAsync(period, LedgerSample.ProcessId)).Nodes.Count, null);

            return (overview && processPage && workbook && peak <= 500) || !enforceTargets ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> Measure(string name, Func<Task<int>> run, double? targetMs)
    {
        await run();
        var times = new List<double>();
        var size = 0;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            size = await run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var median = times.Order().ElementAt(1);
        var verdict = targetMs is { } target ? $", target ≤ {target:N0} ms: {(median <= target ? "met" : "MISSED")}" : "";
        Console.WriteLine($"{name}: median {median:N0} ms of 3 (min {times.Min():N0}, max {times.Max():N0}), output {size:N0}{verdict}");
        return targetMs is not { } t || median <= t;
    }
}

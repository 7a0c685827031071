using System.Diagnostics;
using System.Globalization;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Tests.Shared;

namespace Automation.Benchmarks;

/// <summary>
/// Ledger queries on a filled ledger (SQLite): N cases of the Wohngeld sample (<see cref="LedgerSample"/>, about 5 ledger
/// rows each, ended over 12 months, two definition versions), folded into ledger cells as of the last month, then the
/// API's aggregates per grouping, best of three runs each.
/// </summary>
/// <remarks>
/// The queries read ended cases (the ledger cells join the case rows), so the sample writes cases, steps and ledger rows
/// as the host stores them. A grouping that returns no groups means the benchmark measured nothing: that fails the run.
/// </remarks>
internal static class LedgerQueryScenario
{
    public static async Task<int> RunAsync(int cases)
    {
        var dir = Path.Combine(Path.GetTempPath(), "automation-bench-ledger-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            await using var database = new AutomationDatabase(DatabaseOptions.SqliteFile(Path.Combine(dir, "bench.db")));
            await database.MigrateAsync();
            var fill = Stopwatch.StartNew();
            var sample = LedgerSample.Generate(cases, new DateOnly(2025, 1, 1), 365).ToList();
            await LedgerSample.WriteAsync(database, sample, batch: 5000);
            var rows = sample.Sum(c => c.Ledger.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ledger-query: {rows:N0} ledger rows ({cases:N0} cases) written in {fill.Elapsed.TotalSeconds:F1} s"));
            var fold = Stopwatch.StartNew();
            await new LedgerRollup(database, new FixedClock(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero))).RebuildAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ledger cells folded as of 15 January 2026 in {fold.Elapsed.TotalMilliseconds:F0} ms"));
            var empty = new List<LedgerGrouping>();
            foreach (var grouping in Enum.GetValues<LedgerGrouping>())
            {
                var best = double.MaxValue;
                var groups = 0;
                for (var run = 0; run < 3; run++)
                {
                    var sw = Stopwatch.StartNew();
                    groups = (await LedgerQueries.AggregateAsync(database, grouping, new LedgerFilter())).Count;
                    best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
                }
                if (groups == 0) empty.Add(grouping);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  by={grouping,-11} {groups,8:N0} groups  {best,9:F1} ms"));
            }
            var month = Stopwatch.StartNew();
            var inMonth = await LedgerQueries.AggregateAsync(database, LedgerGrouping.Definition, new LedgerFilter(
                From: new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  by=Definition, one month    {month.Elapsed.TotalMilliseconds,9:F1} ms, {inMonth.Count} groups"));
            if (empty.Count == 0) return 0;
            Console.Error.WriteLine($"ledger-query measured nothing: no groups for {string.Join(", ", empty)}");
            return 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Automation.Data;

namespace Automation.Benchmarks;

/// <summary>
/// Ledger queries on a filled ledger (SQLite): N cases × 5 entries over 12 months, 20 definition versions, 10
/// occupations, 25 pseudonymous workers; prints the best of three runs per grouping. The aggregation runs in the
/// database, so the time grows with the rows scanned, not with rows sent to the server.
/// </summary>
internal static class LedgerQueryScenario
{
    public static async Task<int> RunAsync(int cases)
    {
        var dir = Path.Combine(Path.GetTempPath(), "automation-bench-ledger-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var database = new AutomationDatabase(DatabaseOptions.SqliteFile(Path.Combine(dir, "bench.db")));
            await database.MigrateAsync();
            var fill = Stopwatch.StartNew();
            var rows = await FillAsync(database, cases);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ledger-query: {rows:N0} ledger rows ({cases:N0} cases) written in {fill.Elapsed.TotalSeconds:F1} s"));
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
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  by={grouping,-11} {groups,8:N0} groups  {best,9:F1} ms"));
            }
            var month = Stopwatch.StartNew();
            await LedgerQueries.AggregateAsync(database, LedgerGrouping.Definition, new LedgerFilter(
                From: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  by=Definition, one month    {month.Elapsed.TotalMilliseconds,9:F1} ms"));
            await database.DisposeAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<long> FillAsync(AutomationDatabase database, int cases)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var year = TimeSpan.FromDays(365).TotalMilliseconds;
        await using var connection = await database.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO steps (case_id, sequence, process_id, definition_id, definition_version, node_id, node_name, kind, actor, outcome, " +
            "started_at, ended_at, authority, factor_set, factors, occupation, pay_level, standard_minutes, staff_minutes, staff_minutes_basis, labour_cost_eur, " +
            "cpu_seconds, inferences, workplace_wh, workplace_g, compute_wh, compute_g, ai_wh, ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, " +
            "citizen_g, citizen_minutes, worker_key) VALUES ($c, $q, $p, 1, $v, $n, $n, 'UserTask', 'Human', 'Completed', $e, $e, 'Kommune', 'de-2025', " +
            "'grid.intensity@1,workplace.energy@1', $o, 'Gehoben', 20, $m, $b, 25.5, 0, 0, 30, 10.9, 0, 0, 0, 0, 12.5, 50, 0.1, 1, 10, 800, 40, $w)";
        string[] names = ["$c", "$q", "$p", "$v", "$n", "$e", "$o", "$m", "$b", "$w"];
        foreach (var name in names)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            cmd.Parameters.Add(p);
        }
        var random = new Random(7);
        long rows = 0;
        for (var i = 0; i < cases; i++)
        {
            var caseId = Guid.NewGuid().ToString();
            var process = "prozess" + (i % 20).ToString(CultureInfo.InvariantCulture);
            var ended = start + (long)(random.NextDouble() * year);
            for (var s = 1; s <= 5; s++)
            {
                var measured = random.Next(3) == 0;
                cmd.Parameters[0].Value = caseId;
                cmd.Parameters[1].Value = s;
                cmd.Parameters[2].Value = process;
                cmd.Parameters[3].Value = process + "@" + (1 + i % 2).ToString(CultureInfo.InvariantCulture);
                cmd.Parameters[4].Value = "schritt" + s.ToString(CultureInfo.InvariantCulture);
                cmd.Parameters[5].Value = ended + s * 60_000;
                cmd.Parameters[6].Value = "7" + (3200 + i % 10).ToString(CultureInfo.InvariantCulture);
                cmd.Parameters[7].Value = measured ? 10 + random.Next(30) : 20;
                cmd.Parameters[8].Value = measured ? "Measured" : "Standard";
                cmd.Parameters[9].Value = measured ? "w" + random.Next(25).ToString(CultureInfo.InvariantCulture) : DBNull.Value;
                await cmd.ExecuteNonQueryAsync();
                rows++;
            }
        }
        await tx.CommitAsync();
        return rows;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Data.Reports;
using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Tests.Shared;

namespace Automation.Data.Tests.Reports;

/// <summary>
/// The monthly rollup plus the live tail against the direct aggregation (rollup emptied, watermark 0: every figure
/// read from ledger_entries), on both providers, with entries arriving between refreshes.
/// </summary>
public abstract class LedgerRollupContract
{
    // Whole months only, and one with partial months at both ends (read live by time).
    private static readonly ReportPeriod[] Periods =
    [
        new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)),
        new(new DateOnly(2026, 1, 15), new DateOnly(2026, 3, 20)),
    ];

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private static async Task<List<(string Path, JsonElement Value)>> SnapshotAsync(AutomationDatabase db)
    {
        var queries = new ImpactQueries(db);
        var figures = new List<object>();
        foreach (var period in Periods)
        {
            figures.Add(await queries.OverviewAsync(period));
            figures.Add(await queries.StepsAsync(period));
            figures.Add(await queries.OccupationsAsync(period));
            figures.Add(await queries.ProcessAsync(period, LedgerSample.ProcessId));
        }
        var flat = new List<(string, JsonElement)>();
        Flatten(JsonSerializer.SerializeToElement(figures, Json), "$", flat);
        return flat;
    }

    private static void Flatten(JsonElement e, string path, List<(string, JsonElement)> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Flatten(p.Value, path + "." + p.Name, into);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Flatten(item, path + "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]", into);
                break;
            default:
                into.Add((path, e));
                break;
        }
    }

    /// <summary>Same figures: same paths and values; sums may differ only by rounding (another order of addition).</summary>
    private static void AssertSame(List<(string Path, JsonElement Value)> expected, List<(string Path, JsonElement Value)> actual)
    {
        Assert.Equal(expected.Select(e => e.Path), actual.Select(a => a.Path));
        for (var i = 0; i < expected.Count; i++)
        {
            var (path, want) = expected[i];
            var got = actual[i].Value;
            if (want.ValueKind == JsonValueKind.Number && got.ValueKind == JsonValueKind.Number)
            {
                var a = want.GetDouble();
                var b = got.GetDouble();
                Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)), $"{path}: expected {a}, got {b}");
            }
            else
            {
                Assert.True(want.GetRawText() == got.GetRawText(), $"{path}: expected {want.GetRawText()}, got {got.GetRawText()}");
            }
        }
    }

    private static async Task<long> ScalarAsync(AutomationDatabase db, string sql)
    {
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<(string Path, JsonElement Value)>> DirectAsync(AutomationDatabase db, LedgerRollup rollup)
    {
        await rollup.ResetAsync();
        Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_monthly"));
        return await SnapshotAsync(db);
    }

    [Fact]
    public async Task Rollup_and_tail_equal_the_direct_aggregation_while_entries_arrive_between_refreshes()
    {
        await using var db = new AutomationDatabase(await NewDatabaseAsync());
        await db.MigrateAsync();
        var rollup = new LedgerRollup(db);
        var sample = LedgerSample.Generate(200, new DateOnly(2026, 1, 5), 90).ToList();
        await LedgerSample.WriteAsync(db, sample.Take(120));
        Assert.True(await rollup.RefreshAsync(chunk: 300) > 1);
        var folded = await rollup.WatermarkAsync();
        Assert.Equal(await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_entries"), await ScalarAsync(db, "SELECT SUM(steps) FROM ledger_monthly"));

        // The other cases arrive after the refresh: their entries are the live tail, in months the rollup already holds.
        await LedgerSample.WriteAsync(db, sample.Skip(120));
        var withTail = await SnapshotAsync(db);
        Assert.True(await rollup.RefreshChunkAsync(chunk: 200));
        Assert.Equal(folded + 200, await rollup.WatermarkAsync());
        var partly = await SnapshotAsync(db);
        await rollup.RefreshAsync();
        Assert.False(await rollup.RefreshChunkAsync());
        var refreshed = await SnapshotAsync(db);
        var ledgerRows = await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_entries");
        Assert.Equal(sample.Sum(s => s.Ledger.Count), ledgerRows);
        Assert.Equal(ledgerRows, await ScalarAsync(db, "SELECT SUM(steps) FROM ledger_monthly_cases"));

        var direct = await DirectAsync(db, rollup);
        AssertSame(direct, withTail);
        AssertSame(direct, partly);
        AssertSame(direct, refreshed);

        // A full rebuild gives the same figures again.
        await rollup.RebuildAsync();
        AssertSame(direct, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Queries_read_the_rollup_for_whole_months()
    {
        await using var db = new AutomationDatabase(await NewDatabaseAsync());
        await db.MigrateAsync();
        await LedgerSample.WriteAsync(db, LedgerSample.Generate(50, new DateOnly(2026, 1, 5), 90));
        var rollup = new LedgerRollup(db);
        await rollup.RefreshAsync();
        var queries = new ImpactQueries(db);
        var before = await queries.OverviewAsync(Periods[0]);
        await using (var c = await db.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "UPDATE ledger_monthly_cases SET staff_minutes = staff_minutes + 1";
            Assert.Equal(await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_monthly_cases"), await cmd.ExecuteNonQueryAsync());
        }
        var after = await queries.OverviewAsync(Periods[0]);
        var rows = await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_monthly_cases");
        Assert.Equal(before.Total.Figures.StaffMinutes + rows, after.Total.Figures.StaffMinutes, 6);
    }

    [Fact]
    public async Task Two_nodes_refreshing_at_once_fold_every_entry_exactly_once()
    {
        var options = await NewDatabaseAsync();
        await using var db = new AutomationDatabase(options);
        await db.MigrateAsync();
        await LedgerSample.WriteAsync(db, LedgerSample.Generate(200, new DateOnly(2026, 1, 5), 90));
        await using var other = new AutomationDatabase(options);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => new LedgerRollup(i % 2 == 0 ? db : other).RefreshAsync(chunk: 300))));
        var rollup = new LedgerRollup(db);
        Assert.False(await rollup.RefreshChunkAsync());
        var rows = await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_entries");
        Assert.Equal(rows, await ScalarAsync(db, "SELECT SUM(steps) FROM ledger_monthly"));
        Assert.Equal(rows, await ScalarAsync(db, "SELECT SUM(steps) FROM ledger_monthly_cases"));
        var refreshed = await SnapshotAsync(db);
        AssertSame(await DirectAsync(db, rollup), refreshed);
    }

    [Fact]
    public async Task Recomputation_and_assignee_retention_leave_the_rollup_equal_to_the_ledger()
    {
        var options = await NewDatabaseAsync();
        await using (var db = new AutomationDatabase(options))
        {
            await db.MigrateAsync();
            await LedgerSample.WriteAsync(db, LedgerSample.Generate(120, new DateOnly(2026, 1, 5), 90));
            await new LedgerRollup(db).RefreshAsync();
        }
        await using var host = await WorkflowHost.StartAsync(options, new WorkflowHostOptions
        {
            RunScheduler = false, AssigneeRetention = TimeSpan.Zero, WorkerPseudonymKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)],
        });
        // Two cases run by the host, so the recomputation finds their definition and prices them again.
        Assert.True((await host.DeployAsync(Ledger.LedgerFactorAndQueryTests.Pruefung, "pruefung.bpmn")).Succeeded);
        await Ledger.LedgerFactorAndQueryTests.RunCaseAsync(host, "anna", 30);
        await Ledger.LedgerFactorAndQueryTests.RunCaseAsync(host, "ben", 20);
        await new LedgerRollup(host.Database).RefreshAsync();
        await using (var c = await host.Database.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "UPDATE steps SET worker_key = 'k' || case_id WHERE factor_set IS NOT NULL";
            await cmd.ExecuteNonQueryAsync();
        }
        // Recomputation reports old against new and leaves stored entries as they are; the retention only drops worker keys,
        // which the rollup does not hold. Both keep the watermark and the rollup valid.
        var watermark = await new LedgerRollup(host.Database).WatermarkAsync();
        var report = await LedgerRecomputer.RecomputeAsync(host, new LedgerFilter(ProcessId: "pruefung"));
        Assert.Equal(2, Assert.Single(report.Definitions).Entries);
        await host.PurgeAssigneesAsync();
        Assert.Equal(0, await ScalarAsync(host.Database, "SELECT COUNT(*) FROM ledger_entries WHERE worker_key IS NOT NULL"));
        Assert.Equal(watermark, await new LedgerRollup(host.Database).WatermarkAsync());
        var rolled = await SnapshotAsync(host.Database);
        AssertSame(await DirectAsync(host.Database, new LedgerRollup(host.Database)), rolled);
    }

    [Fact]
    public async Task Time_ranges_find_every_entry_through_the_day_map_also_when_entries_arrive_out_of_time_order()
    {
        await using var db = new AutomationDatabase(await NewDatabaseAsync());
        await db.MigrateAsync();
        var rollup = new LedgerRollup(db);
        // Cases written in random order: a day's entries are spread over the whole id range, not one block of ids.
        var sample = LedgerSample.Generate(240, new DateOnly(2026, 1, 5), 90).OrderBy(_ => Random.Shared.Next()).ToList();
        await LedgerSample.WriteAsync(db, sample.Take(160), batch: 40);
        await rollup.RefreshAsync(chunk: 250);
        await LedgerSample.WriteAsync(db, sample.Skip(160), batch: 40);
        Assert.True(await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_days") > 50);
        Assert.True(await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_entries WHERE entry_id > (SELECT watermark FROM ledger_rollup_state)") > 0);

        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset?[] bounds = [null, start.AddHours(-3), start.AddDays(10).AddHours(7.5), start.AddDays(31), start.AddDays(31).AddMilliseconds(1), start.AddDays(60).AddMinutes(-1), start.AddDays(200)];
        var checkedRanges = 0;
        foreach (var from in bounds)
        {
            foreach (var to in bounds)
            {
                if (from is not null && to is not null && to < from) continue;
                var filter = new LedgerFilter(From: from, To: to);
                var total = (await LedgerQueries.AggregateAsync(db, LedgerGrouping.Total, filter)).SingleOrDefault();
                var where = string.Join(" AND ", new[]
                {
                    from is { } f ? "ended_at >= " + f.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "1 = 1",
                    to is { } t ? "ended_at < " + t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "1 = 1",
                });
                // The same range by a plain scan of every priced step row.
                var expected = await ScalarAsync(db, "SELECT COUNT(*) FROM steps WHERE factor_set IS NOT NULL AND " + where);
                Assert.True((total?.Entries ?? 0) == expected, $"{from:O} to {to:O}: {total?.Entries ?? 0} entries, the scan finds {expected}");
                checkedRanges++;
            }
        }
        Assert.True(checkedRanges > 20);

        // After the fold every entry is in a day's range, and the ranges still find each time range's entries.
        await rollup.RefreshAsync();
        var all = await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_entries");
        var mid = new LedgerFilter(From: start.AddDays(20), To: start.AddDays(45));
        var expectedMid = await ScalarAsync(db, "SELECT COUNT(*) FROM steps WHERE factor_set IS NOT NULL AND ended_at >= "
            + mid.From!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + " AND ended_at < " + mid.To!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Assert.InRange(expectedMid, 1, all - 1);
        Assert.Equal(expectedMid, Assert.Single(await LedgerQueries.AggregateAsync(db, LedgerGrouping.Total, mid)).Entries);
    }

    [Fact]
    public void Month_buckets_follow_German_local_time()
    {
        // 23:30 UTC on 28 February is 00:30 on 1 March in Berlin.
        var lateFebruaryUtc = new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(new DateOnly(2026, 3, 1), LedgerRollup.MonthOf(lateFebruaryUtc));
        var sql = LedgerRollup.MonthStartSql("x", ReportPeriod.StartOfDayMs(new DateOnly(2025, 1, 3)), lateFebruaryUtc);
        Assert.Contains(ReportPeriod.StartOfDayMs(new DateOnly(2026, 3, 1)).ToString(CultureInfo.InvariantCulture), sql, StringComparison.Ordinal);
        Assert.Equal(15, sql.Split("WHEN").Length);
    }
}

public sealed class SqliteLedgerRollupTests : LedgerRollupContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresLedgerRollupTests(PostgresServer server) : LedgerRollupContract
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("rollup")));
}

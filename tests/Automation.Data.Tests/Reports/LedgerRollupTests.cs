using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Data.Reports;
using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Accounting;
using Automation.Tests.Shared;

namespace Automation.Data.Tests.Reports;

/// <summary>
/// The ledger cells folded as cases end against one rebuild of them, on both providers; the day map of the entry ids
/// against a plain scan.
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

    private static async Task<List<(string Path, JsonElement Value)>> RebuiltAsync(AutomationDatabase db, TimeProvider clock)
    {
        await new LedgerRollup(db, clock).RebuildAsync();
        return await SnapshotAsync(db);
    }

    [Fact]
    public async Task Folding_cases_as_they_end_month_by_month_equals_one_rebuild()
    {
        await using var db = new AutomationDatabase(await NewDatabaseAsync());
        await db.MigrateAsync();
        var sample = LedgerSample.Generate(200, new DateOnly(2026, 1, 5), 90).ToList();
        await LedgerSample.WriteAsync(db, sample);
        var clock = new Clock(new DateTimeOffset(2026, 2, 14, 12, 0, 0, TimeSpan.Zero));
        var rollup = new LedgerRollup(db, clock);
        Assert.True(await rollup.FoldCasesAsync());
        var early = await ScalarAsync(db, "SELECT COALESCE(SUM(cases), 0) FROM ledger_case_months");
        Assert.InRange(early, 1, 199);
        Assert.False(await rollup.FoldCasesAsync());
        // Mid-February: the cases that ended since are read on the fly, valued at standard time; January is closed and released.
        var midway = await SnapshotAsync(db);
        clock.Now = new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero);
        Assert.True(await rollup.FoldCasesAsync());
        clock.Now = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        await rollup.RefreshAsync();
        var stepwise = await SnapshotAsync(db);

        var completed = sample.Where(s => s.Case.Status == "Completed").ToList();
        Assert.Equal(completed.Count, await ScalarAsync(db, "SELECT SUM(cases) FROM ledger_case_months"));
        Assert.Equal(completed.Sum(s => s.Ledger.Count), await ScalarAsync(db, "SELECT SUM(priced) FROM ledger_cells"));
        Assert.Equal(completed.Sum(s => s.Steps.Count), await ScalarAsync(db, "SELECT SUM(executions) FROM ledger_cells"));
        AssertSame(await RebuiltAsync(db, clock), stepwise);
        Assert.NotEqual(midway.Count(v => v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == "Standard"),
            stepwise.Count(v => v.Value.ValueKind == JsonValueKind.String && v.Value.GetString() == "Standard"));
    }

    [Fact]
    public async Task Queries_read_the_cells_for_whole_months()
    {
        await using var db = new AutomationDatabase(await NewDatabaseAsync());
        await db.MigrateAsync();
        await LedgerSample.WriteAsync(db, LedgerSample.Generate(50, new DateOnly(2026, 1, 5), 90));
        await new LedgerRollup(db).RefreshAsync();
        var queries = new ImpactQueries(db);
        var before = await queries.OverviewAsync(Periods[0]);
        await using (var c = await db.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "UPDATE ledger_cells SET compute_g = compute_g + 1";
            Assert.Equal(await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_cells"), await cmd.ExecuteNonQueryAsync());
        }
        var after = await queries.OverviewAsync(Periods[0]);
        var cells = await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_cells");
        Assert.Equal(before.Total.Figures.Carbon[CarbonComponents.Compute] + cells, after.Total.Figures.Carbon[CarbonComponents.Compute], 6);
    }

    [Fact]
    public async Task Two_nodes_folding_at_once_fold_every_case_exactly_once()
    {
        var options = await NewDatabaseAsync();
        await using var db = new AutomationDatabase(options);
        await db.MigrateAsync();
        var sample = LedgerSample.Generate(200, new DateOnly(2026, 1, 5), 90).ToList();
        await LedgerSample.WriteAsync(db, sample);
        await using var other = new AutomationDatabase(options);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => new LedgerRollup(i % 2 == 0 ? db : other).RefreshAsync(chunk: 300))));
        var rollup = new LedgerRollup(db);
        Assert.False(await rollup.RefreshChunkAsync());
        Assert.False(await rollup.FoldCasesAsync());
        var completed = sample.Where(s => s.Case.Status == "Completed").ToList();
        Assert.Equal(completed.Sum(s => s.Ledger.Count), await ScalarAsync(db, "SELECT SUM(priced) FROM ledger_cells"));
        Assert.Equal(completed.Count, await ScalarAsync(db, "SELECT SUM(cases) FROM ledger_case_months"));
        var folded = await SnapshotAsync(db);
        AssertSame(await RebuiltAsync(db, TimeProvider.System), folded);
    }

    [Fact]
    public async Task Recomputation_and_assignee_retention_leave_the_cells_as_they_are()
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
        var later = new Clock(DateTimeOffset.UtcNow.AddMinutes(10));
        await new LedgerRollup(host.Database, later).RefreshAsync();
        var watermark = await new LedgerRollup(host.Database).WatermarkAsync();
        var before = await SnapshotAsync(host.Database);
        var people = await ScalarAsync(host.Database, "SELECT SUM(people) FROM ledger_cells");
        // Recomputation reports old against new and leaves stored entries as they are; the retention drops worker keys and the
        // pseudonyms of closed months, but each cell keeps the number of people it had.
        var report = await LedgerRecomputer.RecomputeAsync(host, new LedgerFilter(ProcessId: "pruefung"));
        Assert.Equal(2, Assert.Single(report.Definitions).Entries);
        await host.PurgeAssigneesAsync();
        Assert.Equal(0, await ScalarAsync(host.Database, "SELECT COUNT(*) FROM ledger_entries WHERE worker_key IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync(host.Database, "SELECT COUNT(*) FROM ledger_cell_people WHERE month_start < " +
            ReportPeriod.StartOfDayMs(ReportPeriod.MonthOf(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(people, await ScalarAsync(host.Database, "SELECT SUM(people) FROM ledger_cells"));
        Assert.Equal(watermark, await new LedgerRollup(host.Database).WatermarkAsync());
        AssertSame(before, await SnapshotAsync(host.Database));
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
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
                var found = await CountWithinAsync(db, from, to);
                var where = string.Join(" AND ", new[]
                {
                    from is { } f ? "ended_at >= " + f.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "1 = 1",
                    to is { } t ? "ended_at < " + t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "1 = 1",
                });
                // The same range by a plain scan of every priced step row.
                var expected = await ScalarAsync(db, "SELECT COUNT(*) FROM steps WHERE factor_set IS NOT NULL AND " + where);
                Assert.True(found == expected, $"{from:O} to {to:O}: {found} entries, the scan finds {expected}");
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
        Assert.Equal(expectedMid, await CountWithinAsync(db, mid.From, mid.To));
    }

    /// <summary>Entries that ended in [from, to) as the queries find them: through the day map (<see cref="LedgerRollup.EndedWithin"/>).</summary>
    internal static async Task<long> CountWithinAsync(AutomationDatabase db, DateTimeOffset? from, DateTimeOffset? to)
    {
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM ledger_entries WHERE " + LedgerRollup.EndedWithin(from is null ? null : "@from", to is null ? null : "@to");
        if (from is { } f) CaseStore.Add(cmd, "@from", f.ToUnixTimeMilliseconds());
        if (to is { } t) CaseStore.Add(cmd, "@to", t.ToUnixTimeMilliseconds());
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Month_buckets_follow_German_local_time()
    {
        // 23:30 UTC on 28 February is 00:30 on 1 March in Berlin.
        var lateFebruaryUtc = new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(new DateOnly(2026, 3, 1), ReportPeriod.MonthOf(lateFebruaryUtc));
        // Whole months of a range: a range starting after a month's first midnight leaves that month out.
        var march = ReportPeriod.StartOfDayMs(new DateOnly(2026, 3, 1));
        var may = ReportPeriod.StartOfDayMs(new DateOnly(2026, 5, 1));
        Assert.Equal((march, may), LedgerCells.WholeMonths(march, may));
        Assert.Equal((ReportPeriod.StartOfDayMs(new DateOnly(2026, 4, 1)), may), LedgerCells.WholeMonths(march + 1, may + 1));
        var (from, to) = LedgerCells.WholeMonths(march + 1, may - 1);
        Assert.Equal(from, to);
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

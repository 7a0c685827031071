using Automation.Data.Reports;
using Automation.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Automation.Data.Tests.Host;

/// <summary>
/// The migration LedgerDays on a database whose rollup has folded some entries: those entries get their day ranges
/// (time-range queries no longer have a time index and find them only through ledger_days), the entries above the
/// watermark stay the live tail, and later folds extend the map.
/// </summary>
public abstract class LedgerDaysMigrationTests
{
    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private static readonly DateTimeOffset Day1 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static string Step(int sequence, DateTimeOffset end) =>
        FormattableString.Invariant($"('c1', {sequence}, 'antrag', 'n{sequence}', 'UserTask', 'Human', {end.ToUnixTimeMilliseconds() - 60_000}, ") +
        FormattableString.Invariant($"{end.ToUnixTimeMilliseconds()}, 'Completed', 7, 'antrag@1', 'Kommune', 'de-2025', 10)");

    [Fact]
    public async Task Folded_entries_get_their_days_and_time_ranges_find_them_and_the_tail()
    {
        var database = new AutomationDatabase(await NewDatabaseAsync());
        await using (var context = database.CreateContext())
        {
            var migrations = context.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_LedgerDays", StringComparison.Ordinal)) - 1];
            await context.GetService<IMigrator>().MigrateAsync(before);
            // Entry ids 1 to 4 in insertion order; the fourth ends on day 1 but was written last, after the fold.
            var insert =
                "INSERT INTO steps (case_id, sequence, process_id, node_id, kind, actor, started_at, ended_at, outcome, definition_id, " +
                "definition_version, authority, factor_set, staff_minutes) VALUES " +
                string.Join(", ", Step(1, Day1.AddHours(9)), Step(2, Day1.AddHours(15)), Step(3, Day1.AddDays(1).AddHours(10)), Step(4, Day1.AddHours(20)));
#pragma warning disable EF1003 // Fixed test values, no input.
            await context.Database.ExecuteSqlRawAsync(insert);
#pragma warning restore EF1003
            await context.Database.ExecuteSqlRawAsync("UPDATE ledger_rollup_state SET watermark = 3 WHERE id = 1");
        }

        await database.MigrateAsync();

        await using (var context = database.CreateContext())
        {
            var days = await context.LedgerDays.OrderBy(d => d.Day).Select(d => new { d.Day, d.FirstEntryId, d.LastEntryId }).ToListAsync();
            var day1 = Day1.ToUnixTimeMilliseconds() / LedgerRollup.DayMs;
            Assert.Equal([new { Day = day1, FirstEntryId = 1L, LastEntryId = 2L }, new { Day = day1 + 1, FirstEntryId = 3L, LastEntryId = 3L }], days);
        }
        Task<long> EntriesAsync(DateTimeOffset from, DateTimeOffset to) => Reports.LedgerRollupContract.CountWithinAsync(database, from, to);
        Assert.Equal(3, await EntriesAsync(Day1, Day1.AddDays(1)));
        Assert.Equal(1, await EntriesAsync(Day1.AddHours(12), Day1.AddHours(18)));
        Assert.Equal(1, await EntriesAsync(Day1.AddDays(1), Day1.AddDays(2)));
        Assert.Equal(0, await EntriesAsync(Day1.AddDays(2), Day1.AddDays(3)));

        // The next fold adds the tail to day 1's range; the figures stay the same.
        await new LedgerRollup(database).RefreshAsync();
        await using (var context = database.CreateContext())
        {
            Assert.Equal(4, (await context.LedgerDays.SingleAsync(d => d.Day == Day1.ToUnixTimeMilliseconds() / LedgerRollup.DayMs)).LastEntryId);
        }
        Assert.Equal(3, await EntriesAsync(Day1, Day1.AddDays(1)));
        Assert.Equal(4, await EntriesAsync(Day1.AddHours(-1), Day1.AddDays(1).AddHours(11)));
        await database.DisposeAsync();
    }
}

/// <summary>The migration on SQLite.</summary>
public sealed class SqliteLedgerDaysMigrationTests : LedgerDaysMigrationTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>The migration on PostgreSQL.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresLedgerDaysMigrationTests(PostgresServer server) : LedgerDaysMigrationTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("ledger_days")));
}

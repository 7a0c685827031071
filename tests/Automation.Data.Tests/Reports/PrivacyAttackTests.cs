using System.Text.Json;
using Automation.Data.Reports;
using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Tests.Shared;

namespace Automation.Data.Tests.Reports;

/// <summary>
/// The privacy gate attacked through every query of the data layer: the same ledger written twice, differing only in
/// the measured minutes of groups the gate must protect (one person; three cases; four people). Every output — each
/// grouping, filter and period, whole months and cut ones, dashboards, workbook sheets, version figures and the
/// simulation's history — must be identical for both, so no output and no difference of two outputs reveals the
/// protected minutes. Changing a released group's minutes must change the outputs (the comparison can fail).
/// </summary>
public abstract class PrivacyAttackContract
{
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private static readonly (DateTimeOffset? From, DateTimeOffset? To)[] Ranges =
    [
        (null, null),
        (Day(2026, 1, 1), Day(2026, 2, 1)),
        (Day(2026, 1, 1), Day(2026, 4, 1)),
        (Day(2026, 1, 2), Day(2026, 2, 1)),
        (Day(2026, 1, 1), Day(2026, 1, 31)),
        (Day(2026, 1, 7), Day(2026, 1, 8)),
        (Day(2026, 2, 1), Day(2026, 3, 1)),
        (Day(2026, 3, 1), null),
    ];

    private static readonly ReportPeriod[] Periods =
    [
        new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)),
        new(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)),
        new(new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 31)),
        new(new DateOnly(2026, 1, 8), new DateOnly(2026, 1, 8)),
        new(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)),
        new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)),
    ];

    private static DateTimeOffset Day(int y, int m, int d) => DateTimeOffset.FromUnixTimeMilliseconds(ReportPeriod.StartOfDayMs(new DateOnly(y, m, d)));

    /// <summary>Every output of the data layer for the scenario, as JSON texts named by what produced them.</summary>
    private async Task<Dictionary<string, string>> OutputsAsync(double secret, double released)
    {
        await using var db = new AutomationDatabase(await NewDatabaseAsync());
        await db.MigrateAsync();
        await LedgerSample.WriteAsync(db, PrivacyScenario.Generate(secret, released));
        await new LedgerRollup(db).RebuildAsync();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, object value) => outputs[name] = JsonSerializer.Serialize(value);

        foreach (var grouping in Enum.GetValues<LedgerGrouping>())
        {
            foreach (var (from, to) in Ranges)
            {
                foreach (var (process, version, occupation) in new (string?, string?, string?)[]
                {
                    (null, null, null), (PrivacyScenario.ProcessId, null, null), (null, "antrag@1", null), (null, null, "73202"), (null, null, "73203"),
                    (PrivacyScenario.CalledProcessId, null, null),
                })
                {
                    var filter = new LedgerFilter(from, to, process, version, null, occupation);
                    Add($"ledger {grouping} {filter}", await LedgerQueries.AggregateAsync(db, grouping, filter));
                }
            }
        }
        var queries = new ImpactQueries(db);
        foreach (var period in Periods)
        {
            Add($"overview {period.Label}", await queries.OverviewAsync(period));
            Add($"steps {period.Label}", await queries.StepsAsync(period));
            Add($"occupations {period.Label}", await queries.OccupationsAsync(period));
            foreach (var process in new[] { PrivacyScenario.ProcessId, PrivacyScenario.CalledProcessId })
            {
                Add($"process {process} {period.Label}", await queries.ProcessAsync(period, process));
            }
            foreach (var version in new[] { PrivacyScenario.Version1, PrivacyScenario.Version2, PrivacyScenario.CalledVersion })
            {
                Add($"version {version} {period.Label}", await queries.VersionStepsAsync(version, period));
            }
        }
        foreach (var version in new[] { PrivacyScenario.Version1, PrivacyScenario.Version2, PrivacyScenario.CalledVersion })
        {
            Add($"version {version} ever", await queries.VersionStepsAsync(version));
            Add($"simulation history {version}", await SimulationHistoryReader.ReadAsync(db, version));
        }
        return outputs;
    }

    [Fact]
    public async Task No_output_and_no_difference_of_outputs_reveals_the_minutes_of_a_group_the_gate_protects()
    {
        var first = await OutputsAsync(secret: 30, released: 20);
        var second = await OutputsAsync(secret: 47, released: 20);
        Assert.True(first.Count > 300);
        var differing = first.Keys.Where(k => first[k] != second[k]).ToList();
        Assert.True(differing.Count == 0, "Protected minutes change these outputs: " + string.Join("; ", differing.Take(10)));
        // Released groups do show their measured minutes: the same comparison fails when they change.
        var control = await OutputsAsync(secret: 30, released: 25);
        Assert.Contains(first.Keys, k => first[k] != control[k]);
        Assert.Contains(first.Values, v => v.Contains("\"Basis\":\"Measured\"", StringComparison.Ordinal));
        Assert.Contains(first.Values, v => v.Contains("\"Basis\":\"Standard\"", StringComparison.Ordinal));
    }
}

public sealed class SqlitePrivacyAttackTests : PrivacyAttackContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresPrivacyAttackTests(PostgresServer server) : PrivacyAttackContract
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("attack")));
}

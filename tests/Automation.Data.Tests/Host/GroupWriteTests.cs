using System.Globalization;
using Automation.Data.Schema;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>
/// Group commit at the store: several units in one transaction, each all-or-nothing. The fast paths (SQLite without
/// savepoints, PostgreSQL one batch with rows as arrays) must fall back so that a unit failing halfway leaves nothing.
/// </summary>
public abstract class GroupWriteTests
{
    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    [Fact]
    public async Task A_unit_failing_after_its_case_row_leaves_nothing_and_the_other_units_of_the_group_commit()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        var deployed = await host.DeployAsync(TestDatabase.TimerAndTask, "frist.bpmn");
        var definitionId = deployed.Versions[0].Id;
        var store = new CaseStore(host.Database);
        var first = NewCase(definitionId);
        // The job it claims to complete does not exist: the check fails after the case row and the steps were written.
        var halfway = NewCase(definitionId);
        halfway.CompletedJobId = 987_654;
        var third = NewCase(definitionId);
        // A case that was changed since it was read, and one whose id is taken: refused at the case row.
        var stale = new CaseWrite(NewCase(definitionId).State, definitionId, expectedRevision: 3);
        var duplicate = new CaseWrite(first.State, definitionId, 0);

        CommitOutcome[] outcomes;
        await using (var session = await store.OpenSessionAsync())
        {
            outcomes = await store.WriteAsync(session, [first, halfway, third, stale, duplicate]);
        }

        Assert.Equal(new[] { CommitOutcome.Committed, CommitOutcome.Conflict, CommitOutcome.Committed, CommitOutcome.Conflict, CommitOutcome.Conflict }, outcomes);
        Assert.Equal(Sorted(first, third), await ColumnAsync(host, "SELECT id FROM cases"));
        Assert.Equal(Sorted(first, first, third, third), await ColumnAsync(host, "SELECT case_id FROM steps"));
        Assert.Equal(Sorted(first, third), await ColumnAsync(host, "SELECT case_id FROM ledger_entries"));
        // The rows are the ones written, value for value.
        Assert.Equal(new[] { "Antrag erfassen|ServiceTask|Automated|Completed" },
            await ColumnAsync(host, "SELECT DISTINCT node_name || '|' || kind || '|' || actor || '|' || outcome FROM steps"));
        Assert.Equal(new[] { "12.5|0.25|Standard|" },
            await ColumnAsync(host, "SELECT DISTINCT CAST(staff_minutes AS TEXT) || '|' || CAST(workplace_g AS TEXT) || '|' || staff_minutes_basis || '|' || COALESCE(worker_key, '') FROM ledger_entries"));
    }

    private static string[] Sorted(params CaseWrite[] units) => [.. units.Select(u => CaseStore.Id(u.State.CaseId)).Order(StringComparer.Ordinal)];

    private static async Task<string[]> ColumnAsync(WorkflowHost host, string sql)
    {
        await using var connection = await host.Database.OpenAsync();
        await using var cmd = CaseStore.Command(connection, null, sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return [.. values.Order(StringComparer.Ordinal)];
    }

    private static CaseWrite NewCase(long definitionId)
    {
        var now = DateTimeOffset.UtcNow;
        var state = new CaseState { CaseId = Guid.NewGuid(), ProcessId = "frist", Status = CaseStatus.Completed, StartedAt = now, EndedAt = now };
        var unit = new CaseWrite(state, definitionId, 0);
        for (var sequence = 1; sequence <= 2; sequence++)
        {
            unit.Steps.Add(new StepEvent(state.CaseId, "frist", sequence, "erfassen", "Antrag erfassen", NodeKind.ServiceTask, ActorKind.Automated,
                now, now, StepOutcome.Completed, null));
        }
        unit.Ledger[1] = new StepLedger
        {
            DefinitionId = definitionId, DefinitionVersion = "frist@1", Authority = "Kommune", FactorSet = "de-2025", Factors = "", StaffMinutes = 12.5,
            WorkplaceG = 0.25, StaffMinutesBasis = "Standard",
        };
        return unit;
    }
}

/// <summary>Group writes on SQLite: units run without savepoints until one must be undone.</summary>
public sealed class SqliteGroupWriteTests : GroupWriteTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>Group writes on PostgreSQL: one batch per group, step and ledger rows as arrays.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresGroupWriteTests(PostgresServer server) : GroupWriteTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("groups")));
}

/// <summary>Named parameters rewritten to PostgreSQL's positional ones.</summary>
public sealed class PositionalStatementTests
{
    [Fact]
    public void Names_become_positions_in_order_of_first_use_and_a_repeated_name_keeps_its_position()
    {
        var statement = PositionalStatement.From("UPDATE t SET a = @a, b = @b WHERE id = @id AND a <> @a AND c = @ab",
            [("@id", 1), ("@a", "x"), ("@b", null), ("@ab", 2)]);

        Assert.Equal("UPDATE t SET a = $1, b = $2 WHERE id = $3 AND a <> $1 AND c = $4", statement.Sql);
        Assert.Equal(new[] { 1, 2, 0, 3 }, statement.Order);
    }

    [Fact]
    public void A_name_that_is_not_given_is_refused_with_the_name()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PositionalStatement.From("DELETE FROM t WHERE id = @id", [("@other", 1)]));
        Assert.Contains("@id", e.Message, StringComparison.Ordinal);
    }
}

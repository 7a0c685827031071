using Automation.Data.Tests.Host;

namespace Automation.Data.Tests.Durability;

/// <summary>
/// Acknowledged means durable: on SQLite every connection the host writes with syncs the log in each commit
/// (synchronous=FULL) unless the operator chose NORMAL and its trade-off explicitly.
/// </summary>
public sealed class SynchronousTests
{
    private static async Task<long> SynchronousAsync(System.Data.Common.DbConnection connection)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task By_default_the_writer_and_every_other_connection_sync_each_commit()
    {
        using var db = new TestDatabase();
        await using var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        await using (var connection = await host.Database.OpenAsync()) Assert.Equal(2, await SynchronousAsync(connection));
        // The group committer's long-lived writer connection is opened the same way.
        await using var session = await new CaseStore(host.Database).OpenSessionAsync();
        Assert.Equal(2, await SynchronousAsync(session.Connection));
    }

    [Fact]
    public async Task Normal_only_when_configured()
    {
        using var db = new TestDatabase();
        await using var database = new AutomationDatabase(db.Options with { Synchronous = SqliteSynchronous.Normal });
        await database.MigrateAsync();
        await using var connection = await database.OpenAsync();
        Assert.Equal(1, await SynchronousAsync(connection));
    }
}

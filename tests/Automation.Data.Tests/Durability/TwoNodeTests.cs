using System.Globalization;
using Automation.Data.Tests.Infrastructure;

namespace Automation.Data.Tests.Durability;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class TwoNodeTests(PostgresServer server)
{
    private const int Cases = 2000;

    [Fact]
    public async Task Two_nodes_share_the_timers_and_the_survivor_finishes_every_case_when_one_is_killed()
    {
        var connection = server.ConnectionString(await server.CreateDatabaseAsync("twonode"));
        var options = new DatabaseOptions(DatabaseProvider.Postgres, connection);
        await using (var setup = await WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await setup.DeployAsync(DurabilityChecks.Process("frist"), "frist.bpmn")).Succeeded);
        }
        var db = "postgres:" + connection;
        using var nodeA = HostProcess.Start("--db", db, "--node", "node-a", "--start", Cases.ToString(CultureInfo.InvariantCulture));
        await nodeA.WaitForOutputAsync("ready", TimeSpan.FromSeconds(60));
        using var nodeB = HostProcess.Start("--db", db, "--node", "node-b");
        await nodeB.WaitForOutputAsync("ready", TimeSpan.FromSeconds(60));
        await nodeA.WaitForOutputAsync("started", TimeSpan.FromSeconds(120));
        // Both nodes now fire the 2-second timers; kill one in the middle of it.
        await Task.Delay(1500);
        nodeA.Kill();
        await using var host = await WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false });
        await DurabilityChecks.WaitForOpenTasksAsync(host, Cases, TimeSpan.FromSeconds(150), () => $"node A:\n{nodeA.Output}\nnode B:\n{nodeB.Output}");
        Assert.False(nodeB.HasExited, nodeB.Output);
        nodeB.Kill();
        await DurabilityChecks.CompleteAllAndVerifyAsync(host, Cases);
    }
}

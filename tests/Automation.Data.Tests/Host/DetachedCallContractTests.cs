using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>
/// Elsa's ExecuteWorkflow without waitForCompletion on the durable host: the called workflow becomes a case of its own,
/// started by the job worker from a job written with the caller's step (one case per call), and the caller finishes without
/// waiting for it (elsa-core ExecuteWorkflowTests.ExecuteWorkflowWithoutWaitForCompletion).
/// </summary>
public abstract class DetachedCallContractTests
{
    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private const string Child = """
        {"definitionId": "kind-ablauf", "variables": [{"id": "n", "name": "Name", "typeName": "String", "value": "niemand"}],
         "root": {"type": "Elsa.Flowchart", "id": "F", "activities": [
          {"id": "Pruefen", "type": "Elsa.RunTask", "taskName": {"typeName": "String", "expression": {"type": "Literal", "value": "Prüfen"}}}],
          "connections": []}}
        """;

    private static string Parent(string wait) => """
        {"definitionId": "eltern-ablauf", "root": {"type": "Elsa.Flowchart", "id": "F", "activities": [
          {"id": "Starten", "type": "Elsa.ExecuteWorkflow",
           "workflowDefinitionId": {"typeName": "String", "expression": {"type": "Literal", "value": "kind-ablauf"}},
           "input": {"typeName": "Object", "expression": {"type": "JavaScript", "value": "({ Name: 'Anna' })"}},
           "waitForCompletion": {"typeName": "Boolean", "expression": {"type": "Literal", "value": WAIT}}},
          {"id": "Danach", "type": "Elsa.WriteLine", "text": {"typeName": "String", "expression": {"type": "Literal", "value": "weiter"}}}],
          "connections": [{"source": {"activity": "Starten", "port": "Done"}, "target": {"activity": "Danach", "port": "In"}}]}}
        """.Replace("WAIT", wait, StringComparison.Ordinal);

    private static Task<long> CountAsync(WorkflowHost host, string sql) => Durability.DurabilityChecks.ScalarAsync(host, sql);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached within 20 s");
            await Task.Delay(100);
        }
    }

    private async Task<WorkflowHost> HostAsync(string wait)
    {
        var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { JobPollInterval = TimeSpan.FromMilliseconds(50) });
        Assert.True((await host.DeployAsync(Child, "kind.json")).Succeeded);
        var deploy = await host.DeployAsync(Parent(wait), "eltern.json");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        return host;
    }

    [Fact]
    public async Task Without_waiting_the_caller_completes_at_once_and_the_called_workflow_is_one_case_of_its_own_with_the_inputs()
    {
        await using var host = await HostAsync("false");

        var parent = await host.StartCaseAsync("eltern-ablauf");

        Assert.Equal(CaseStatus.Completed, parent.Status);
        Assert.Empty(parent.State.Scopes);
        await WaitUntilAsync(async () => await CountAsync(host, "SELECT COUNT(*) FROM cases WHERE process_id = 'kind-ablauf'") == 1
            && await CountAsync(host, "SELECT COUNT(*) FROM jobs") == 0);
        Guid childId;
        await using (var connection = await host.Database.OpenAsync())
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT id FROM cases WHERE process_id = 'kind-ablauf'";
            childId = Guid.Parse((string)(await cmd.ExecuteScalarAsync())!);
        }
        Assert.NotEqual(parent.CaseId, childId);
        var child = (await host.GetCaseAsync(childId))!;
        Assert.Equal(CaseStatus.Waiting, child.Status);
        Assert.Equal("Anna", child.State.Variables["Name"]);
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM tasks WHERE status = 'open'"));

        // Another start of the caller starts another child: one case per call, never a shared one.
        await host.StartCaseAsync("eltern-ablauf");
        await WaitUntilAsync(async () => await CountAsync(host, "SELECT COUNT(*) FROM cases WHERE process_id = 'kind-ablauf'") == 2
            && await CountAsync(host, "SELECT COUNT(*) FROM jobs") == 0);
        await Task.Delay(300);
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM cases WHERE process_id = 'kind-ablauf'"));
    }

    [Fact]
    public async Task Waiting_for_completion_the_child_runs_inside_the_callers_case_and_no_other_case_starts()
    {
        await using var host = await HostAsync("true");

        var parent = await host.StartCaseAsync("eltern-ablauf");

        Assert.Equal(CaseStatus.Waiting, parent.Status);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM jobs"));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM cases WHERE process_id = 'kind-ablauf'"));
    }
}

public sealed class SqliteDetachedCallTests : DetachedCallContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresDetachedCallTests(PostgresServer server) : DetachedCallContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("detached")));
}

using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>
/// Business rule tasks in the durable host on each provider: decisions resolved by binding (latest against deployment),
/// each evaluation stored with its step and audited in the same write, and deleted with the case's data at retention.
/// </summary>
public abstract class DecisionHostContractTests
{
    private static string Dmn(string outcome) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Weg" namespace="http://example.org">
          <decision id="weg" name="Prüfweg">
            <decisionTable id="t" hitPolicy="UNIQUE">
              <input id="i1" label="Einkommen"><inputExpression typeRef="number"><text>einkommen</text></inputExpression></input>
              <output id="o1" name="weg" typeRef="string" />
              <rule id="r_klein"><inputEntry><text>&lt; 1500</text></inputEntry><outputEntry><text>"{outcome}"</text></outputEntry></rule>
              <rule id="r_gross"><inputEntry><text>&gt;= 1500</text></inputEntry><outputEntry><text>"Sachbearbeitung"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    private static string Process(string id, string binding, string key = "weg") => $"""
          <bpmn:process id="{id}" isExecutable="true">
            <bpmn:startEvent id="s_{id}" />
            <bpmn:businessRuleTask id="regel_{id}" name="Weg bestimmen" camunda:decisionRef="{key}" camunda:decisionRefBinding="{binding}"
                camunda:resultVariable="weg" camunda:mapDecisionResult="singleEntry">
              <bpmn:extensionElements><am:automation level="automated" cpuSeconds="0.1" /></bpmn:extensionElements>
            </bpmn:businessRuleTask>
            <bpmn:endEvent id="e_{id}" />
            <bpmn:sequenceFlow id="f1_{id}" sourceRef="s_{id}" targetRef="regel_{id}" />
            <bpmn:sequenceFlow id="f2_{id}" sourceRef="regel_{id}" targetRef="e_{id}" />
          </bpmn:process>
        """;

    private static readonly string Bpmn = File(Process("neueste", "latest") + Process("bereitstellung", "deployment"));

    private static string File(string processes) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:t">
        {processes}
        </bpmn:definitions>
        """;

    /// <summary>A second decision key, so a recorded snapshot shows which keys it holds.</summary>
    private static string OtherDmn(string outcome) => Dmn(outcome).Replace("id=\"weg\"", "id=\"anderer_weg\"", StringComparison.Ordinal);

    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private static Task<long> CountAsync(WorkflowHost host, string sql) => Durability.DurabilityChecks.ScalarAsync(host, sql);

    [Fact]
    public async Task Bindings_resolve_their_version_and_every_evaluation_is_stored_audited_and_purged_with_the_case()
    {
        var clock = new MovableClock();
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions
        {
            RunScheduler = false,
            Clock = clock,
            CaseRetention = new RetentionPeriod(12, 0),
        });
        var refused = await host.DeployAsync(Bpmn, "weg.bpmn");
        Assert.Contains(refused.Diagnostics, d => d.Code == Engine.Validation.DiagnosticCodes.DecisionUnknown && d.ElementId == "regel_neueste");
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM definitions"));

        var first = await host.Decisions.PublishAsync(Dmn("automatisch"), "weg.dmn", "prozess");
        Assert.Equal(1, Assert.Single(first.Versions).Version);
        var deployed = await host.DeployAsync(Bpmn, "weg.bpmn");
        Assert.True(deployed.Succeeded, string.Join("\n", deployed.Diagnostics));
        // published_at is in milliseconds: the next version must be visibly later than the process's publication.
        await Task.Delay(20);
        var second = await host.Decisions.PublishAsync(Dmn("vereinfacht"), "weg.dmn", "prozess");
        Assert.Equal(2, Assert.Single(second.Versions).Version);

        var latest = await host.StartCaseAsync("neueste", [new("einkommen", 1000.0)], "AZ-NEU");
        var pinned = await host.StartCaseAsync("bereitstellung", [new("einkommen", 1000.0)], "AZ-ALT");
        Assert.Equal("vereinfacht", latest.State.Variables["weg"]);
        Assert.Equal("automatisch", pinned.State.Variables["weg"]);
        Assert.Equal(CaseStatus.Completed, latest.Status);

        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM decision_evaluations"));
        Assert.Equal(1, await CountAsync(host,
            $"SELECT COUNT(*) FROM decision_evaluations WHERE case_id = '{pinned.CaseId}' AND decision_version = 1 AND matched_rules LIKE '%r_klein%'"));
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM audit_log WHERE entity_kind = 'decision-evaluation'"));
        // The evaluation's step is a step row of the case like any other (priced as an automated step).
        Assert.Equal(1, await CountAsync(host,
            $"SELECT COUNT(*) FROM steps s JOIN decision_evaluations e ON e.case_id = s.case_id AND e.step_sequence = s.sequence WHERE s.case_id = '{latest.CaseId}' AND s.node_id = 'regel_neueste'"));

        // The ledger prices the business rule step as the automated step it always was.
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM ledger_entries WHERE case_id = '{latest.CaseId}' AND node_id = 'regel_neueste'"));

        clock.Advance(TimeSpan.FromDays(400));
        var purged = await host.PurgeExpiredCasesAsync();
        Assert.Equal(2, purged.Cases);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM decision_evaluations"));
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM audit_log WHERE entity_kind = 'decision-evaluation'"));
    }

    [Fact]
    public async Task The_deployment_binding_is_the_version_recorded_at_publication_whatever_the_clocks_say()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.Decisions.PublishAsync(Dmn("automatisch"), "weg.dmn", "prozess");
        await host.Decisions.PublishAsync(OtherDmn("anders"), "anderer.dmn", "prozess");
        var deployed = await host.DeployAsync(File(Process("bereitstellung", "deployment") + Process("neueste", "latest")), "weg.bpmn");
        Assert.True(deployed.Succeeded, string.Join("\n", deployed.Diagnostics));
        var pinned = deployed.Versions.Single(v => v.Process.Id == "bereitstellung").Id;
        var latest = deployed.Versions.Single(v => v.Process.Id == "neueste").Id;
        // Only the key the deployment-bound task names, and nothing for a process that binds latest.
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM decision_bindings WHERE definition_id = {pinned} AND decision_key = 'weg' AND decision_version = 1"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM decision_bindings"));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM decision_bindings WHERE definition_id = {latest}"));

        // Version 2 comes from a node whose clock is behind: by its publish time it would predate the process's publication.
        await host.Decisions.PublishAsync(Dmn("vereinfacht"), "weg.dmn", "prozess");
        await CountAsync(host, "UPDATE decision_definitions SET published_at = 0 WHERE decision_key = 'weg' AND version = 2");

        var run = await host.StartCaseAsync("bereitstellung", [new("einkommen", 1000.0)], "AZ-UHR");
        Assert.Equal("automatisch", run.State.Variables["weg"]);
        Assert.Equal("vereinfacht", (await host.StartCaseAsync("neueste", [new("einkommen", 1000.0)], "AZ-NEU")).State.Variables["weg"]);
    }

    [Fact]
    public async Task A_version_stored_unpublished_binds_what_is_current_when_it_is_published_and_republishing_records_nothing_twice()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.Decisions.PublishAsync(Dmn("automatisch"), "weg.dmn", "prozess");
        var source = File(Process("bereitstellung", "deployment"));
        var stored = await host.DeployAsync(source, "weg.bpmn", publish: false);
        Assert.True(stored.Succeeded, string.Join("\n", stored.Diagnostics));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM decision_bindings"));

        await host.Decisions.PublishAsync(Dmn("vereinfacht"), "weg.dmn", "prozess");
        Assert.True((await host.DeployAsync(source, "weg.bpmn")).Succeeded);
        Assert.True((await host.DeployAsync(source, "weg.bpmn")).Succeeded);
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM decision_bindings WHERE decision_key = 'weg' AND decision_version = 2"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM decision_bindings"));

        await host.Decisions.PublishAsync(Dmn("später"), "weg.dmn", "prozess");
        Assert.Equal("vereinfacht", (await host.StartCaseAsync("bereitstellung", [new("einkommen", 1000.0)], "AZ-1")).State.Variables["weg"]);
    }

    [Fact]
    public async Task Publishing_what_a_deploy_stored_publishes_those_versions_in_place_once_and_refuses_a_failed_deploy()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.Decisions.PublishAsync(Dmn("automatisch"), "weg.dmn", "prozess");
        var stored = await host.DeployAsync(File(Process("bereitstellung", "deployment")), "weg.bpmn", publish: false);
        Assert.True(stored.Succeeded, string.Join("\n", stored.Diagnostics));
        Assert.Null(await host.Definitions.GetLatestPublishedAsync("bereitstellung"));

        // A newer decision published between storing and publishing is what the publication binds.
        await host.Decisions.PublishAsync(Dmn("vereinfacht"), "weg.dmn", "prozess");
        var published = await host.PublishAsync(stored);
        var version = Assert.Single(published.Versions);
        Assert.True(version.Published);
        Assert.Equal(stored.Versions[0].Id, version.Id);
        Assert.Equal(version.Id, (await host.Definitions.GetLatestPublishedAsync("bereitstellung"))?.Id);
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM definitions WHERE process_id = 'bereitstellung' AND published"));

        // Publishing the same deployment again changes nothing and records no second binding.
        await host.PublishAsync(stored);
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM decision_bindings WHERE decision_key = 'weg' AND decision_version = 2"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM decision_bindings"));
        Assert.Equal("vereinfacht", (await host.StartCaseAsync("bereitstellung", [new("einkommen", 1000.0)], "AZ-P")).State.Variables["weg"]);

        var failed = await host.DeployAsync(File(Process("kaputt", "deployment", "unbekannt")), "kaputt.bpmn", publish: false);
        Assert.False(failed.Succeeded);
        await Assert.ThrowsAsync<ArgumentException>(() => host.PublishAsync(failed));
    }

    [Fact]
    public async Task A_key_expression_bound_to_deployment_records_every_key_and_a_key_published_later_is_an_incident()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.Decisions.PublishAsync(Dmn("automatisch"), "weg.dmn", "prozess");
        await host.Decisions.PublishAsync(OtherDmn("anders"), "anderer.dmn", "prozess");
        // The key is known only when the task runs: the publish check lets it pass, the snapshot holds every key.
        var deployed = await host.DeployAsync(File(Process("dynamisch", "deployment", "${welcher}")), "dynamisch.bpmn");
        Assert.True(deployed.Succeeded, string.Join("\n", deployed.Diagnostics));
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM decision_bindings"));

        await host.Decisions.PublishAsync(OtherDmn("anders neu"), "anderer.dmn", "prozess");
        await host.Decisions.PublishAsync(Dmn("neu").Replace("id=\"weg\"", "id=\"spaeter\"", StringComparison.Ordinal), "spaeter.dmn", "prozess");

        var other = await host.StartCaseAsync("dynamisch", [new("einkommen", 1000.0), new("welcher", "anderer_weg")], "AZ-A");
        Assert.Equal("anders", other.State.Variables["weg"]);
        var later = await host.StartCaseAsync("dynamisch", [new("einkommen", 1000.0), new("welcher", "spaeter")], "AZ-B");
        var incident = Assert.Single(later.State.Incidents);
        Assert.Equal(Engine.Validation.DiagnosticCodes.DecisionUnknown, incident.Code);
        Assert.Contains("„spaeter“", incident.Message, StringComparison.Ordinal);
    }
}

/// <summary>Decisions in the host on SQLite.</summary>
public sealed class SqliteDecisionHostTests : DecisionHostContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>Decisions in the host on PostgreSQL (private cluster).</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresDecisionHostTests(PostgresServer server) : DecisionHostContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("decisions")));
}

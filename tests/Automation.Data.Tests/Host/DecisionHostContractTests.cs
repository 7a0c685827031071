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

    private static string Process(string id, string binding) => $"""
          <bpmn:process id="{id}" isExecutable="true">
            <bpmn:startEvent id="s_{id}" />
            <bpmn:businessRuleTask id="regel_{id}" name="Weg bestimmen" camunda:decisionRef="weg" camunda:decisionRefBinding="{binding}"
                camunda:resultVariable="weg" camunda:mapDecisionResult="singleEntry">
              <bpmn:extensionElements><am:automation level="automated" cpuSeconds="0.1" /></bpmn:extensionElements>
            </bpmn:businessRuleTask>
            <bpmn:endEvent id="e_{id}" />
            <bpmn:sequenceFlow id="f1_{id}" sourceRef="s_{id}" targetRef="regel_{id}" />
            <bpmn:sequenceFlow id="f2_{id}" sourceRef="regel_{id}" targetRef="e_{id}" />
          </bpmn:process>
        """;

    private static readonly string Bpmn = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:t">
        {Process("neueste", "latest")}
        {Process("bereitstellung", "deployment")}
        </bpmn:definitions>
        """;

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

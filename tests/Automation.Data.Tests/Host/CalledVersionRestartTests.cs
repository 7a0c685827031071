using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>
/// On the durable host a call keeps the definition version it started: after a restart and a new publication of the called
/// process without the waiting task, the task completes on the old version, and its steps are booked to that version.
/// </summary>
public sealed class CalledVersionRestartTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="d" targetNamespace="urn:t">
        """;

    private static string Reise(string v, string task) => Header + $"""
          <bpmn:process id="reise" isExecutable="true">
            <bpmn:startEvent id="rStart" />
            <bpmn:userTask id="{task}" name="Prüfen" />
            <bpmn:scriptTask id="setze" scriptFormat="javascript"><bpmn:script>version = '{v}'</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="rEnd" />
            <bpmn:sequenceFlow id="r1" sourceRef="rStart" targetRef="{task}" />
            <bpmn:sequenceFlow id="r2" sourceRef="{task}" targetRef="setze" />
            <bpmn:sequenceFlow id="r3" sourceRef="setze" targetRef="rEnd" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Antrag = Header + """
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:callActivity id="buchen" name="Reise buchen" calledElement="reise">
              <bpmn:extensionElements><camunda:out source="version" target="version" /></bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:userTask id="danach" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="buchen" />
            <bpmn:sequenceFlow id="f2" sourceRef="buchen" targetRef="danach" />
            <bpmn:sequenceFlow id="f3" sourceRef="danach" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static async Task DeployAsync(WorkflowHost host, string xml, string file)
    {
        var deploy = await host.DeployAsync(xml, file);
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
    }

    [Fact]
    public async Task A_task_in_a_called_process_completes_on_its_version_after_a_restart_and_two_new_publications_without_it()
    {
        using var db = new TestDatabase();
        Guid caseId;
        await using (var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            await DeployAsync(host, Reise("v1", "pruefen"), "reise.bpmn");
            await DeployAsync(host, Antrag, "antrag.bpmn");
            caseId = (await host.StartCaseAsync("antrag", [])).CaseId;
        }

        await using var again = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        await DeployAsync(again, Reise("v2", "pruefenNeu"), "reise.bpmn");
        await DeployAsync(again, Reise("v3", "pruefenNochmal"), "reise.bpmn");
        var stored = (await again.GetCaseAsync(caseId))!;
        Assert.Equal("reise@1", Assert.Single(stored.State.Scopes).ProcessVersion);
        var done = await again.CompleteTaskAsync(caseId, stored.State.Waits.Single(w => w.NodeId == "pruefen").Id, []);

        Assert.Empty(done.State.Incidents);
        Assert.Equal("v1", done.State.Variables["version"]);
        Assert.Equal(["danach"], done.State.Waits.Select(w => w.NodeId));
        var lines = await LedgerQueries.CaseEntriesAsync(again.Database, caseId);
        Assert.Equal("reise@1", Assert.Single(lines, l => l.NodeId == "pruefen").DefinitionVersion);
        // A new case calls the newest version.
        var fresh = await again.StartCaseAsync("antrag", []);
        Assert.Equal(["pruefenNochmal"], fresh.State.Waits.Select(w => w.NodeId));
    }
}

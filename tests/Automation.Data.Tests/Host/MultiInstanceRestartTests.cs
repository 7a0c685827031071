using Automation.Data.Tests.Durability;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>A multi-instance activity half done when the host stops goes on after a restart from the stored state.</summary>
public sealed class MultiInstanceRestartTests
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:t">
          <bpmn:process id="gutachten" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Gutachten prüfen">
              <bpmn:extensionElements><am:role name="sachbearbeitung" /><am:effort activity="6" complexity="medium" payLevel="gehoben" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${gutachten}" camunda:elementVariable="gutachten_eintrag">
                <bpmn:loopDataOutputRef>bewertungen</bpmn:loopDataOutputRef>
                <bpmn:outputDataItem name="bewertung" />
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_half_done_parallel_activity_continues_after_a_restart_and_every_instance_is_one_ledger_row()
    {
        using var db = new TestDatabase();
        Guid caseId;
        List<long> open;
        await using (var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            var deploy = await host.DeployAsync(Process, "gutachten.bpmn");
            Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
            var started = await host.StartCaseAsync("gutachten", [new("gutachten", new List<object?> { "Statik", "Brandschutz", "Lärm" })]);
            caseId = started.CaseId;
            open = [.. started.State.Waits.Where(w => w.NodeId == "pruefen").Select(w => w.Id)];
            Assert.Equal(3, open.Count);
            Assert.Equal(3, await DurabilityChecks.ScalarAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{caseId}' AND status = 'open'"));
            await host.CompleteTaskAsync(caseId, open[1], [new("bewertung", "ohne Befund")]);
        }

        await using var again = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        var stored = (await again.GetCaseAsync(caseId))!;
        Assert.Equal(CaseStatus.Waiting, stored.Status);
        Assert.Equal([open[0], open[2]], stored.State.Waits.Where(w => w.NodeId == "pruefen").Select(w => w.Id).Order());
        await again.CompleteTaskAsync(caseId, open[2], [new("bewertung", "Auflagen")]);
        var done = await again.CompleteTaskAsync(caseId, open[0], [new("bewertung", "nachbessern")]);

        Assert.Equal(CaseStatus.Completed, done.Status);
        Assert.Equal(new List<object?> { "nachbessern", "ohne Befund", "Auflagen" }, done.State.Variables["bewertungen"]);
        Assert.False(done.State.Variables.ContainsKey("gutachten_eintrag"));
        Assert.Equal(3, await DurabilityChecks.ScalarAsync(again, $"SELECT COUNT(*) FROM ledger_entries WHERE case_id = '{caseId}' AND node_id = 'pruefen'"));
    }
}

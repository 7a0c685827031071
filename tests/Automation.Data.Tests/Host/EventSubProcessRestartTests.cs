using Automation.Data.Tests.Durability;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>
/// An event sub-process armed when the host stops still starts after a restart, and its task is a priced ledger step;
/// a conditional boundary keeps whether its condition held.
/// </summary>
public sealed class EventSubProcessRestartTests
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="urn:t">
          <bpmn:message id="msgNachreichung" name="Nachreichung" />
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="bearbeiten" name="Antrag bearbeiten">
              <bpmn:extensionElements><am:role name="sachbearbeitung" /><am:effort activity="6" complexity="medium" payLevel="gehoben" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:boundaryEvent id="eilig" attachedToRef="bearbeiten" cancelActivity="false">
              <bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">eilt === true</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:endEvent id="end" />
            <bpmn:endEvent id="eiligEnde" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="bearbeiten" />
            <bpmn:sequenceFlow id="f2" sourceRef="bearbeiten" targetRef="end" />
            <bpmn:sequenceFlow id="f3" sourceRef="eilig" targetRef="eiligEnde" />
            <bpmn:subProcess id="nachreichung" triggeredByEvent="true">
              <bpmn:startEvent id="nachreichungStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="msgNachreichung" /></bpmn:startEvent>
              <bpmn:userTask id="sichten" name="Nachreichung sichten">
                <bpmn:extensionElements><am:role name="sachbearbeitung" /><am:effort activity="6" complexity="simple" payLevel="gehoben" /></bpmn:extensionElements>
              </bpmn:userTask>
              <bpmn:endEvent id="nachreichungEnde" />
              <bpmn:sequenceFlow id="n1" sourceRef="nachreichungStart" targetRef="sichten" />
              <bpmn:sequenceFlow id="n2" sourceRef="sichten" targetRef="nachreichungEnde" />
            </bpmn:subProcess>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task An_armed_event_sub_process_starts_after_a_restart_and_its_task_is_one_ledger_row()
    {
        using var db = new TestDatabase();
        Guid caseId;
        await using (var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            var deploy = await host.DeployAsync(Process, "antrag.bpmn");
            Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
            var started = await host.StartCaseAsync("antrag", [new("eilt", true)], businessKey: "AZ-1");
            caseId = started.CaseId;
            Assert.Single(started.State.Waits, w => w.StartsEventSubProcess);
            // The condition held at once: the non-interrupting boundary fired and remembers that it holds.
            Assert.True(started.State.Waits.Single(w => w.NodeId == "eilig").ConditionHeld);
        }

        await using var again = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        var delivered = await again.CorrelateMessageAsync("Nachreichung", "AZ-1", [new("eilt", true)]);
        Assert.Equal(MessageDelivery.Delivered, delivered.Delivery);
        Assert.Equal(caseId, delivered.CaseId);
        var stored = (await again.GetCaseAsync(caseId))!;
        // eilt stayed true through the message's variables: the boundary did not fire a second time.
        Assert.True(stored.State.Waits.Single(w => w.NodeId == "eilig").ConditionHeld);
        var review = stored.State.Waits.Single(w => w.NodeId == "sichten");
        Assert.Equal(1, await DurabilityChecks.ScalarAsync(again, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{caseId}' AND node_id = 'sichten' AND status = 'open'"));
        await again.CompleteTaskAsync(caseId, review.Id, []);
        var main = stored.State.Waits.Single(w => w.NodeId == "bearbeiten");
        var done = await again.CompleteTaskAsync(caseId, main.Id, []);

        Assert.Equal(CaseStatus.Completed, done.Status);
        Assert.Equal(0, await DurabilityChecks.ScalarAsync(again, $"SELECT COUNT(*) FROM waits WHERE case_id = '{caseId}'"));
        Assert.Equal(1, await DurabilityChecks.ScalarAsync(again, $"SELECT COUNT(*) FROM ledger_entries WHERE case_id = '{caseId}' AND node_id = 'sichten'"));
    }
}

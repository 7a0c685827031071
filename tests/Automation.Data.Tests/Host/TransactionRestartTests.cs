using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>
/// A cancelled transaction whose human compensation handler is open when the host stops still leaves by its cancel
/// boundary after a restart; a condition watching one variable remembers the variable as last seen.
/// </summary>
public sealed class TransactionRestartTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="urn:t">
        """;

    private const string Booking = Header + """
          <bpmn:process id="buchung" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:transaction id="tx">
              <bpmn:startEvent id="ts" />
              <bpmn:task id="zimmer" />
              <bpmn:boundaryEvent id="zimmerKomp" attachedToRef="zimmer"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
              <bpmn:userTask id="zimmerStorno" isForCompensation="true" />
              <bpmn:association id="a1" sourceRef="zimmerKomp" targetRef="zimmerStorno" />
              <bpmn:userTask id="genehmigen" />
              <bpmn:endEvent id="abbrechen"><bpmn:cancelEventDefinition /></bpmn:endEvent>
              <bpmn:sequenceFlow id="t1" sourceRef="ts" targetRef="zimmer" />
              <bpmn:sequenceFlow id="t2" sourceRef="zimmer" targetRef="genehmigen" />
              <bpmn:sequenceFlow id="t3" sourceRef="genehmigen" targetRef="abbrechen" />
            </bpmn:transaction>
            <bpmn:boundaryEvent id="storniert" attachedToRef="tx"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
            <bpmn:userTask id="abgebrochen" />
            <bpmn:endEvent id="e1" />
            <bpmn:endEvent id="e2" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tx" />
            <bpmn:sequenceFlow id="f2" sourceRef="tx" targetRef="e1" />
            <bpmn:sequenceFlow id="f3" sourceRef="storniert" targetRef="abgebrochen" />
            <bpmn:sequenceFlow id="f4" sourceRef="abgebrochen" targetRef="e2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Watching = Header + """
          <bpmn:process id="freigabe" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="split" />
            <bpmn:userTask id="nachtragen" />
            <bpmn:userTask id="korrigieren" />
            <bpmn:userTask id="erfassen" />
            <bpmn:boundaryEvent id="eilig" attachedToRef="erfassen" cancelActivity="false">
              <bpmn:conditionalEventDefinition camunda:variableName="betrag" camunda:variableEvents="update">
                <bpmn:condition xsi:type="bpmn:tFormalExpression">frei === true</bpmn:condition>
              </bpmn:conditionalEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:userTask id="eilt" />
            <bpmn:endEvent id="e1" />
            <bpmn:endEvent id="e2" />
            <bpmn:endEvent id="e3" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
            <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="nachtragen" />
            <bpmn:sequenceFlow id="f3" sourceRef="nachtragen" targetRef="korrigieren" />
            <bpmn:sequenceFlow id="f4" sourceRef="korrigieren" targetRef="e3" />
            <bpmn:sequenceFlow id="f5" sourceRef="split" targetRef="erfassen" />
            <bpmn:sequenceFlow id="f6" sourceRef="erfassen" targetRef="e1" />
            <bpmn:sequenceFlow id="f7" sourceRef="eilig" targetRef="eilt" />
            <bpmn:sequenceFlow id="f8" sourceRef="eilt" targetRef="e2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_cancelled_transaction_goes_on_at_its_cancel_boundary_after_a_restart_during_compensation()
    {
        using var db = new TestDatabase();
        Guid caseId;
        await using (var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            var deploy = await host.DeployAsync(Booking, "buchung.bpmn");
            Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
            var started = await host.StartCaseAsync("buchung", []);
            caseId = started.CaseId;
            var cancelled = await host.CompleteTaskAsync(caseId, started.State.Waits.Single(w => w.NodeId == "genehmigen").Id, []);
            Assert.Equal(["zimmerStorno"], cancelled.State.Waits.Select(w => w.NodeId));
        }

        await using var again = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        var stored = (await again.GetCaseAsync(caseId))!;
        var undone = await again.CompleteTaskAsync(caseId, stored.State.Waits.Single(w => w.NodeId == "zimmerStorno").Id, []);
        Assert.Equal(["abgebrochen"], undone.State.Waits.Select(w => w.NodeId));
        var history = (await again.GetCaseAsync(caseId))!.State.History;
        Assert.DoesNotContain(history, h => h.NodeId == "tx" && h.Outcome == StepOutcome.Completed);
    }

    [Fact]
    public async Task A_condition_watching_one_variable_does_not_fire_after_a_restart_for_another_variable()
    {
        using var db = new TestDatabase();
        Guid caseId;
        await using (var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            var deploy = await host.DeployAsync(Watching, "freigabe.bpmn");
            Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
            caseId = (await host.StartCaseAsync("freigabe", [new("betrag", 10), new("frei", false)])).CaseId;
        }

        await using var again = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        // "frei" makes the condition true, but only an update of "betrag" lets it be evaluated.
        var stored = (await again.GetCaseAsync(caseId))!;
        var first = await again.CompleteTaskAsync(caseId, stored.State.Waits.Single(w => w.NodeId == "nachtragen").Id, [new("frei", true)]);
        Assert.DoesNotContain(first.State.Waits, w => w.NodeId == "eilt");
        var second = await again.CompleteTaskAsync(caseId, first.State.Waits.Single(w => w.NodeId == "korrigieren").Id, [new("betrag", 11)]);
        Assert.Contains(second.State.Waits, w => w.NodeId == "eilt");
    }
}

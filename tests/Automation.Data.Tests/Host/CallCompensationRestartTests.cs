using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>
/// On the durable host a called process runs inside its caller's case, so compensating a completed call activity undoes
/// the called process's steps there too: its human handlers wait one after another across a restart and are booked
/// in the ledger to the called process's definition, like every other step of it.
/// </summary>
public sealed class CallCompensationRestartTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
        """;

    private static string Compensable(string id) => $"""
        <bpmn:task id="{id}" />
        <bpmn:boundaryEvent id="{id}Komp" attachedToRef="{id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        <bpmn:userTask id="{id}Storno" name="{id} stornieren" isForCompensation="true" />
        <bpmn:association id="{id}Assoziation" sourceRef="{id}Komp" targetRef="{id}Storno" />
        """;

    private static readonly string Reise = Header + $"""
          <bpmn:process id="reise" isExecutable="true">
            <bpmn:startEvent id="rStart" />
            {Compensable("zimmer")}
            {Compensable("flug")}
            <bpmn:endEvent id="rEnd" />
            <bpmn:sequenceFlow id="r1" sourceRef="rStart" targetRef="zimmer" />
            <bpmn:sequenceFlow id="r2" sourceRef="zimmer" targetRef="flug" />
            <bpmn:sequenceFlow id="r3" sourceRef="flug" targetRef="rEnd" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Antrag = Header + """
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:callActivity id="buchen" calledElement="reise" />
            <bpmn:intermediateThrowEvent id="stornieren"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="danach" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="buchen" />
            <bpmn:sequenceFlow id="f2" sourceRef="buchen" targetRef="stornieren" />
            <bpmn:sequenceFlow id="f3" sourceRef="stornieren" targetRef="danach" />
            <bpmn:sequenceFlow id="f4" sourceRef="danach" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task The_called_processs_handlers_run_latest_first_across_a_restart_and_are_booked_to_the_called_process()
    {
        using var db = new TestDatabase();
        Guid caseId;
        await using (var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            foreach (var (xml, file) in new[] { (Reise, "reise.bpmn"), (Antrag, "antrag.bpmn") })
            {
                var deploy = await host.DeployAsync(xml, file);
                Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
            }
            var started = await host.StartCaseAsync("antrag", []);
            caseId = started.CaseId;
            Assert.Equal(["flugStorno"], started.State.Waits.Select(w => w.NodeId));
        }

        await using var again = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        var stored = (await again.GetCaseAsync(caseId))!;
        var next = await again.CompleteTaskAsync(caseId, stored.State.Waits.Single(w => w.NodeId == "flugStorno").Id, []);
        Assert.Equal(["zimmerStorno"], next.State.Waits.Select(w => w.NodeId));
        var undone = await again.CompleteTaskAsync(caseId, next.State.Waits.Single().Id, []);
        Assert.Equal(["danach"], undone.State.Waits.Select(w => w.NodeId));
        var ended = await again.CompleteTaskAsync(caseId, undone.State.Waits.Single().Id, []);
        Assert.Equal(CaseStatus.Completed, ended.State.Status);

        var lines = await LedgerQueries.CaseEntriesAsync(again.Database, caseId);
        Assert.Equal(["flugStorno", "zimmerStorno"], lines.Where(l => l.NodeId.EndsWith("Storno", StringComparison.Ordinal)).Select(l => l.NodeId));
        Assert.All(lines.Where(l => l.NodeId.EndsWith("Storno", StringComparison.Ordinal)), l => Assert.StartsWith("reise", l.DefinitionVersion, StringComparison.Ordinal));
    }
}

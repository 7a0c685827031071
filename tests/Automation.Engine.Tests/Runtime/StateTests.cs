using System.Text.Json;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

public sealed class StateTests
{
    private const string Process = """
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:parallelGateway id="split" />
          <bpmn:userTask id="pruefen"><bpmn:extensionElements><am:field id="ok" label="In Ordnung?" type="boolean" required="true" /></bpmn:extensionElements></bpmn:userTask>
          <bpmn:intermediateCatchEvent id="warten"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
          <bpmn:parallelGateway id="join" />
          <bpmn:exclusiveGateway id="ergebnis" default="fNein" />
          <bpmn:endEvent id="ja" />
          <bpmn:endEvent id="nein" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
          <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="pruefen" />
          <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="warten" />
          <bpmn:sequenceFlow id="f4" sourceRef="pruefen" targetRef="join" />
          <bpmn:sequenceFlow id="f5" sourceRef="warten" targetRef="join" />
          <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="ergebnis" />
          <bpmn:sequenceFlow id="fJa" sourceRef="ergebnis" targetRef="ja"><bpmn:conditionExpression>ok</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fNein" sourceRef="ergebnis" targetRef="nein" />
        </bpmn:process>
        """;

    [Fact]
    public void Case_state_survives_a_json_round_trip_mid_run_and_continues_identically()
    {
        using var p = new TestProcess(Process);
        var state = p.Start(("akte", new Dictionary<string, object?> { ["az"] = "W-1", ["seiten"] = new List<object?> { 1d, 2d } })).State;
        p.Complete(state, "pruefen", ("ok", "true"));
        var json = JsonSerializer.Serialize(state);
        var copy = JsonSerializer.Deserialize<CaseState>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(copy));
        Assert.Equal("W-1", Assert.IsType<Dictionary<string, object?>>(copy.Variables["akte"])["az"]);

        p.FireTimer(state, "warten");
        p.FireTimer(copy, "warten");
        Assert.Equal(CaseStatus.Completed, copy.Status);
        Assert.Equal(Trail(state), Trail(copy));
        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(copy));
        Assert.Equal("ja", Trail(copy)[^1]);
    }

    [Fact]
    public void Runs_are_deterministic_for_the_same_case_id_and_clock()
    {
        string RunOnce()
        {
            using var p = new TestProcess(Process);
            var state = p.Engine.Start(p.Definition, caseId: Guid.Parse("6f1c9a52-8d5e-4c2a-9a43-2f6f1e0b7c11")).State;
            p.Complete(state, "pruefen", ("ok", false));
            p.FireTimer(state, "warten");
            return JsonSerializer.Serialize(state);
        }
        Assert.Equal(RunOnce(), RunOnce());
    }

    [Fact]
    public void Completing_a_task_checks_required_fields_and_types_and_names_the_field()
    {
        using var p = new TestProcess(Process);
        var state = p.Start().State;
        var missing = Assert.Throws<WorkflowInputException>(() => p.Complete(state, "pruefen"));
        Assert.Equal("ok", missing.Field);
        var wrong = Assert.Throws<WorkflowInputException>(() => p.Complete(state, "pruefen", ("ok", "vielleicht")));
        Assert.Equal("„In Ordnung?“ muss ja oder nein sein.", wrong.Message);
        Assert.Contains("Pflichtfeld", missing.Message, StringComparison.Ordinal);
        // Nothing changed: the task is still open and the case waits.
        Assert.Equal(CaseStatus.Waiting, state.Status);
        Assert.Single(state.Waits, w => w.NodeId == "pruefen");
        Assert.Throws<WorkflowInputException>(() => p.Engine.CompleteTask(p.Definition, state, 9999));
    }

    [Fact]
    public void A_start_events_form_fields_bind_the_start_as_a_tasks_fields_bind_its_completion()
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start"><bpmn:extensionElements>
                <am:field id="betrag" label="Betrag" type="long" required="true" />
                <am:field id="eilig" label="Eilig?" type="boolean" />
                <am:field id="eingang" label="Eingang" type="date" />
              </bpmn:extensionElements></bpmn:startEvent>
              <bpmn:userTask id="pruefen" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            </bpmn:process>
            """);
        var missing = Assert.Throws<WorkflowInputException>(() => p.Start(("eilig", "true")));
        Assert.Equal(("betrag", "„Betrag“ ist ein Pflichtfeld."), (missing.Field, missing.Message));
        var wrong = Assert.Throws<WorkflowInputException>(() => p.Start(("betrag", "12,5")));
        Assert.Equal(("betrag", "„Betrag“ muss eine ganze Zahl sein."), (wrong.Field, wrong.Message));
        // Form posts send text: the start converts it to the declared types; an empty optional field is left out.
        var state = p.Start(("betrag", "1200"), ("eilig", "false"), ("eingang", ""), ("anderes", "bleibt")).State;
        Assert.Equal(1200d, state.Variables["betrag"]);
        Assert.Equal(false, state.Variables["eilig"]);
        Assert.False(state.Variables.ContainsKey("eingang"));
        Assert.Equal("bleibt", state.Variables["anderes"]);
        Assert.Single(state.Waits, w => w.NodeId == "pruefen");
    }

    [Fact]
    public void Cancel_removes_every_token_and_wait()
    {
        using var p = new TestProcess(Process);
        var state = p.Start().State;
        var run = p.Engine.Cancel(p.Definition, state, "Antrag zurückgezogen");
        Assert.Equal(CaseStatus.Cancelled, state.Status);
        Assert.Empty(state.Tokens);
        Assert.Equal(2, run.RemovedWaitIds.Count);
        Assert.Throws<WorkflowInputException>(() => p.Engine.Cancel(p.Definition, state));
    }
}

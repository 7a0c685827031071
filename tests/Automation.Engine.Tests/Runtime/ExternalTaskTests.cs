using Automation.Engine.Reading;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Service steps bound to a topic wait as external tasks when the host asks for it (UnknownActionPolicy.ExternalTask).</summary>
public sealed class ExternalTaskTests
{
    private static (WorkflowEngine Engine, Model.ProcessDefinition Process, VirtualClock Clock) Read(string process)
    {
        var set = BpmnReader.ReadText(TestProcess.Header + process + "</bpmn:definitions>", "extern.bpmn");
        Assert.DoesNotContain(Validation.DefinitionValidator.Validate(set), d => d.Severity == Model.DiagnosticSeverity.Error);
        var clock = new VirtualClock(TestProcess.T0);
        return (new WorkflowEngine(new EngineOptions { Clock = clock, UnknownActions = UnknownActionPolicy.ExternalTask }), set.Processes[0], clock);
    }

    private static KeyValuePair<string, object?>[] Vars(params (string Name, object? Value)[] values) =>
        [.. values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value))];

    [Fact]
    public void A_parallel_multi_instance_step_makes_one_task_per_item_with_its_own_inputs_and_ends_after_the_last()
    {
        var (engine, process, _) = Read("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:serviceTask id="melden" camunda:type="external" camunda:topic="xmeld">
                <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="an">${amt}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics camunda:collection="${aemter}" camunda:elementVariable="amt" />
              </bpmn:serviceTask>
              <bpmn:userTask id="danach" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="melden" />
              <bpmn:sequenceFlow id="f2" sourceRef="melden" targetRef="danach" />
            </bpmn:process>
            """);
        var run = engine.Start(process, Vars(("aemter", new List<object?> { "Kassel", "Köln", "Kiel" })));
        var tasks = run.State.Waits.Where(w => w.Kind == WaitKind.ExternalTask).ToList();
        Assert.Equal(["Kassel", "Kiel", "Köln"], tasks.Select(t => (string?)t.Inputs!["an"]).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal("xmeld", t.Topic));
        var state = run.State;
        foreach (var t in tasks.Take(2)) state = engine.CompleteExternalTask(process, state, t.Id).State;
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "danach");
        state = engine.CompleteExternalTask(process, state, tasks[2].Id).State;
        Assert.Single(state.Waits, w => w.NodeId == "danach");
        Assert.Equal(3, state.History.Count(s => s.NodeId == "melden" && s.Outcome == StepOutcome.Completed));
    }

    [Fact]
    public void A_timer_boundary_withdraws_the_task_and_a_late_completion_is_refused()
    {
        var (engine, process, clock) = Read("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:serviceTask id="zahlen"><bpmn:extensionElements><am:action name="zahlung" /></bpmn:extensionElements></bpmn:serviceTask>
              <bpmn:boundaryEvent id="frist" attachedToRef="zahlen"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
              <bpmn:userTask id="nachfassen" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="zahlen" />
              <bpmn:sequenceFlow id="f2" sourceRef="zahlen" targetRef="end" />
              <bpmn:sequenceFlow id="f3" sourceRef="frist" targetRef="nachfassen" />
            </bpmn:process>
            """);
        var state = engine.Start(process).State;
        var task = Assert.Single(state.Waits, w => w.Kind == WaitKind.ExternalTask);
        var timer = Assert.Single(state.Waits, w => w.Kind == WaitKind.Timer);
        clock.AdvanceTo(timer.DueAt!.Value);
        var fired = engine.FireTimer(process, state, timer.Id);
        Assert.Contains(task.Id, fired.RemovedWaitIds);
        Assert.Throws<WorkflowInputException>(() => engine.CompleteExternalTask(process, fired.State, task.Id));
        Assert.Single(fired.State.Waits, w => w.NodeId == "nachfassen");
    }

    [Fact]
    public void Zeebe_io_mappings_are_feel_and_a_failing_output_parameter_is_an_incident_naming_it()
    {
        var (engine, process, _) = Read("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:serviceTask id="pruefen">
                <bpmn:extensionElements>
                  <zeebe:taskDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" type="bonitaet" />
                  <zeebe:ioMapping xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
                    <zeebe:input source="=betrag * 2" target="limit" />
                    <zeebe:input source="fest" target="art" />
                    <zeebe:output source="=ergebnis.score + 1" target="score" />
                  </zeebe:ioMapping>
                </bpmn:extensionElements>
              </bpmn:serviceTask>
              <bpmn:userTask id="danach" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="danach" />
            </bpmn:process>
            """);
        var first = engine.Start(process, Vars(("betrag", 21.0)));
        var task = Assert.Single(first.State.Waits);
        Assert.Equal("bonitaet", task.Topic);
        Assert.Equal(42m, Convert.ToDecimal(task.Inputs!["limit"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("fest", task.Inputs["art"]);
        var done = engine.CompleteExternalTask(process, first.State, task.Id, Vars(("ergebnis", new Dictionary<string, object?> { ["score"] = 7.0 })));
        Assert.Equal(8m, Convert.ToDecimal(done.State.Variables["score"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(done.State.Variables.ContainsKey("ergebnis"));

        var second = engine.Start(process, Vars(("betrag", 1.0)));
        var failed = engine.CompleteExternalTask(process, second.State, Assert.Single(second.State.Waits).Id, Vars(("ergebnis", "kein Objekt")));
        var incident = Assert.Single(failed.State.Incidents);
        Assert.Contains("score", incident.Message, StringComparison.Ordinal);
    }
}

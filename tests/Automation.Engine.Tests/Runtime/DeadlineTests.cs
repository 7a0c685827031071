using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Bpmn;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Deadlines of user tasks: where they are read from, how they are checked, when they fall due.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public void Reads_deadlines_from_am_camunda_and_zeebe()
    {
        var set = BpmnTestSupport.ReadProcess("""
            <bpmn:userTask id="am" am:deadline="P5D" am:escalateTo="leitung"/>
            <bpmn:userTask id="camunda" camunda:dueDate="2026-03-31T12:00:00+02:00"/>
            <bpmn:userTask id="zeebe"><bpmn:extensionElements><zeebe:taskSchedule dueDate="PT4H"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="none"/>
            """);

        Assert.Empty(set.Diagnostics);
        var p = set.Processes[0];
        Assert.Equal((new TimerDefinition(TimerKind.Duration, "P5D"), "leitung"), (p.GetNode("am").Deadline, p.GetNode("am").EscalationRole));
        Assert.Equal(new TimerDefinition(TimerKind.Date, "2026-03-31T12:00:00+02:00"), p.GetNode("camunda").Deadline);
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "PT4H"), p.GetNode("zeebe").Deadline);
        Assert.Null(p.GetNode("none").Deadline);
    }

    [Theory]
    [InlineData("""<bpmn:userTask id="t" am:deadline="5 Tage"/>""", DiagnosticCodes.InvalidTimer, "deadline \"5 Tage\" is not an ISO 8601 duration or date-time")]
    [InlineData("""<bpmn:userTask id="t" am:deadline="P5X"/>""", DiagnosticCodes.InvalidTimer, "deadline \"P5X\" is not an ISO 8601 duration")]
    [InlineData("""<bpmn:userTask id="t" camunda:dueDate="${frist}"/>""", DiagnosticCodes.InvalidTimer, "deadline \"${frist}\" is an expression")]
    [InlineData("""<bpmn:serviceTask id="t" am:deadline="P1D" am:action="noop"/>""", DiagnosticCodes.InvalidAnnotation, "deadline on ServiceTask t: only user tasks have deadlines")]
    [InlineData("""<bpmn:userTask id="t" am:escalateTo="leitung"/>""", DiagnosticCodes.InvalidAnnotation, "am:escalateTo on UserTask t needs a deadline")]
    public void Refuses_unusable_deadlines_naming_the_task(string task, string code, string message)
    {
        var diagnostics = BpmnTestSupport.Validate($"""
            <bpmn:startEvent id="s"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            {task}
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
            <bpmn:endEvent id="e"/>
            """);

        var error = BpmnTestSupport.Single(diagnostics, code);
        Assert.Equal("t", error.ElementId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_falls_due_its_deadline_after_it_was_created()
    {
        using var process = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"/>
              <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="vorpruefung"/>
              <bpmn:userTask id="vorpruefung"/>
              <bpmn:sequenceFlow id="f2" sourceRef="vorpruefung" targetRef="bescheid"/>
              <bpmn:userTask id="bescheid" am:deadline="P5D" am:escalateTo="leitung"/>
              <bpmn:sequenceFlow id="f3" sourceRef="bescheid" targetRef="e"/>
              <bpmn:endEvent id="e"/>
            </bpmn:process>
            """);
        var state = process.Start().State;
        Assert.Null(TestProcess.Wait(state, "vorpruefung").DueAt);

        process.Clock.AdvanceTo(TestProcess.T0.AddHours(3));
        state = process.Complete(state, "vorpruefung").State;

        Assert.Equal(TestProcess.T0.AddHours(3).AddDays(5), TestProcess.Wait(state, "bescheid").DueAt);
        Assert.Equal(WaitKind.UserTask, TestProcess.Wait(state, "bescheid").Kind);
    }
}

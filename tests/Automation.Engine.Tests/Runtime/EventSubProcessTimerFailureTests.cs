using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// An event sub-process's timer start whose expression fails when its scope begins (issue 18 item 1): it has no token of
/// its own, yet the failure is an incident on the start (code, element id and label, German), the scope cannot end
/// silently past it, and a retry evaluates the expression again and arms the timer.
/// </summary>
public sealed class EventSubProcessTimerFailureTests
{
    /// <summary>start → pruefen (user task) → end, with an event sub-process "Erinnerung" started by a timer.</summary>
    private static string Process(string timer, string? language = null, bool interrupting = false) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="pruefen" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
          <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
          <bpmn:subProcess id="erinnerung" triggeredByEvent="true">
            <bpmn:startEvent id="esStart" name="Erinnerung fällig" isInterrupting="{(interrupting ? "true" : "false")}">
              <bpmn:timerEventDefinition><bpmn:timeDuration{(language is null ? "" : $" language=\"{language}\"")}>{timer}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:task id="mahnen" />
            <bpmn:endEvent id="esEnd" />
            <bpmn:sequenceFlow id="e1" sourceRef="esStart" targetRef="mahnen" />
            <bpmn:sequenceFlow id="e2" sourceRef="mahnen" targetRef="esEnd" />
          </bpmn:subProcess>
        </bpmn:process>
        """;

    public static TheoryData<string, string?, string?, object?, string> Failures => new()
    {
        // timer text, declared language, variable, value (null: not set), code
        { "=duration(frist)", null, null, null, "timer-expression-failed" },
        { "=duration(frist)", null, "frist", "drei Tage", "timer-expression-failed" },
        { "${frist}", null, null, null, "timer-expression-failed" },
        { "#{frist.tage}", null, "frist", "P1D", "timer-expression-failed" },
        { "\"P\" + eingang.tage + \"D\"", "javascript", null, null, "timer-expression-failed" },
        { "(function () { throw new Error('kaputt'); })()", "javascript", null, null, "timer-expression-failed" },
        { "${frist}", null, "frist", "-P1D", "timer-value-invalid" },
        { "=duration(\"-P1D\")", null, "x", 1, "timer-value-invalid" },
        { "${frist}", null, "frist", 3, "timer-value-invalid" },
        { "${frist}", null, "frist", "", "timer-value-invalid" },
        { "=frist", null, "frist", new List<object?> { "P1D" }, "timer-value-invalid" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failing_timer_start_is_an_incident_on_the_start_naming_it_in_German(string timer, string? language, string? name, object? value, string code)
    {
        using var p = new TestProcess(Process(timer, language));
        var state = (name is null ? p.Start() : p.Start((name, value))).State;

        Assert.Equal(CaseStatus.Incident, state.Status);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal((code, "esStart"), (incident.Code, incident.NodeId));
        Assert.Contains("Der Timer esStart („Erinnerung fällig“) kann nicht gestellt werden", incident.Message, StringComparison.Ordinal);
        Assert.Contains(timer, incident.Message, StringComparison.Ordinal);
        // The rest of the case goes on; nothing of the event sub-process ran or waits.
        Assert.Equal(WaitKind.UserTask, Wait(state, "pruefen").Kind);
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "esStart");
        Assert.Equal(0, Count(state, "mahnen"));
    }

    [Fact]
    public void The_case_cannot_end_past_the_failed_start_and_a_retry_after_the_main_path_ended_completes_it()
    {
        using var p = new TestProcess(Process("${frist}"));
        var state = p.Start().State;
        var incident = Assert.Single(state.Incidents);

        state = p.Complete(state, "pruefen").State;
        Assert.Equal(CaseStatus.Incident, state.Status);
        Assert.Null(state.EndedAt);

        state.VariableMap["frist"] = "P2D";
        state = p.Engine.RetryIncident(p.Definition, state, incident.Id).State;
        Assert.Empty(state.Incidents);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Empty(state.Waits);
        Assert.Equal(0, Count(state, "mahnen"));
    }

    [Fact]
    public void A_retry_evaluates_again_arms_the_timer_and_the_event_sub_process_runs_only_when_it_fires()
    {
        using var p = new TestProcess(Process("=duration(frist)"));
        var state = p.Start().State;
        var incident = Assert.Single(state.Incidents);

        // Still missing: the retry fails again, with one fresh incident, never a second copy.
        state = p.Engine.RetryIncident(p.Definition, state, incident.Id).State;
        incident = Assert.Single(state.Incidents);
        Assert.Equal("timer-expression-failed", incident.Code);
        Assert.Equal(0, Count(state, "mahnen"));

        p.Clock.AdvanceTo(T0.AddHours(1));
        state.VariableMap["frist"] = "PT4H";
        state = p.Engine.RetryIncident(p.Definition, state, incident.Id).State;
        Assert.Empty(state.Incidents);
        Assert.Equal(CaseStatus.Waiting, state.Status);
        Assert.Equal(T0.AddHours(5), Wait(state, "esStart").DueAt);
        Assert.Equal(0, Count(state, "mahnen"));
        Assert.DoesNotContain(state.Tokens, t => t.NodeId == "esStart");

        state = p.FireTimer(state, "esStart").State;
        Assert.Equal(1, Count(state, "mahnen"));
        // Non-interrupting: the main path still waits.
        Assert.Equal(WaitKind.UserTask, Wait(state, "pruefen").Kind);
    }

    [Fact]
    public void A_failing_start_inside_an_embedded_sub_process_holds_that_sub_process_until_retried()
    {
        const string body = """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:subProcess id="bearbeitung" name="Bearbeitung">
                <bpmn:startEvent id="innerStart" />
                <bpmn:userTask id="pruefen" />
                <bpmn:endEvent id="innerEnd" />
                <bpmn:sequenceFlow id="i1" sourceRef="innerStart" targetRef="pruefen" />
                <bpmn:sequenceFlow id="i2" sourceRef="pruefen" targetRef="innerEnd" />
                <bpmn:subProcess id="erinnerung" triggeredByEvent="true">
                  <bpmn:startEvent id="esStart" name="Erinnerung fällig" isInterrupting="false">
                    <bpmn:timerEventDefinition><bpmn:timeDuration>${frist}</bpmn:timeDuration></bpmn:timerEventDefinition>
                  </bpmn:startEvent>
                  <bpmn:endEvent id="esEnd" />
                  <bpmn:sequenceFlow id="e1" sourceRef="esStart" targetRef="esEnd" />
                </bpmn:subProcess>
              </bpmn:subProcess>
              <bpmn:task id="danach" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="bearbeitung" />
              <bpmn:sequenceFlow id="f2" sourceRef="bearbeitung" targetRef="danach" />
              <bpmn:sequenceFlow id="f3" sourceRef="danach" targetRef="end" />
            </bpmn:process>
            """;
        using var p = new TestProcess(body);
        var state = p.Start().State;
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(("timer-expression-failed", "esStart"), (incident.Code, incident.NodeId));

        state = p.Complete(state, "pruefen").State;
        Assert.Equal(0, Count(state, "danach"));
        Assert.Equal(CaseStatus.Incident, state.Status);

        state.VariableMap["frist"] = "P1D";
        state = p.Engine.RetryIncident(p.Definition, state, incident.Id).State;
        Assert.Equal(1, Count(state, "danach"));
        Assert.Equal(1, Count(state, "bearbeitung"));
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void Cancelling_the_case_clears_the_failed_start_with_its_incident()
    {
        using var p = new TestProcess(Process("${frist}", interrupting: true));
        var state = p.Start().State;
        Assert.Single(state.Incidents);

        state = p.Engine.Cancel(p.Definition, state, "Test").State;
        Assert.Equal(CaseStatus.Cancelled, state.Status);
        Assert.Empty(state.Incidents);
        Assert.Empty(state.Tokens);
    }
}

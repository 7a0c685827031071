using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Event sub-processes (triggeredByEvent): started by timer, message, signal, error or escalation, interrupting or beside.</summary>
public sealed class EventSubProcessTests
{
    private const string Definitions = """
        <bpmn:message id="msgRuecknahme" name="Ruecknahme" />
        <bpmn:message id="msgNachreichung" name="Nachreichung" />
        <bpmn:signal id="sigStoerung" name="Stoerung" />
        <bpmn:error id="errUnvollstaendig" errorCode="UNVOLLSTAENDIG" />
        <bpmn:escalation id="escHinweis" escalationCode="HINWEIS" />
        """;

    /// <summary>A process whose main path waits at "bearbeiten", with the given event sub-processes at process level.</summary>
    private static string MainPath(string eventSubProcesses, string path = """<bpmn:userTask id="bearbeiten" />""") => Definitions + $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          {path}
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="bearbeiten" />
          <bpmn:sequenceFlow id="f2" sourceRef="bearbeiten" targetRef="end" />
          {eventSubProcesses}
        </bpmn:process>
        """;

    private static string EventSubProcess(string id, string trigger, bool interrupting, string task) => $"""
        <bpmn:subProcess id="{id}" triggeredByEvent="true">
          <bpmn:startEvent id="{id}_start" isInterrupting="{(interrupting ? "true" : "false")}">{trigger}</bpmn:startEvent>
          <bpmn:userTask id="{task}" />
          <bpmn:endEvent id="{id}_end" />
          <bpmn:sequenceFlow id="{id}_1" sourceRef="{id}_start" targetRef="{task}" />
          <bpmn:sequenceFlow id="{id}_2" sourceRef="{task}" targetRef="{id}_end" />
        </bpmn:subProcess>
        """;

    private const string Withdrawal = """<bpmn:messageEventDefinition messageRef="msgRuecknahme" />""";
    private const string Resubmission = """<bpmn:messageEventDefinition messageRef="msgNachreichung" />""";

    private static RunResult Message(TestProcess p, CaseState state, string name, params (string Name, object? Value)[] payload) =>
        p.Engine.CorrelateMessage(p.Definition, state, name, null, payload.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    [Fact]
    public void An_interrupting_message_start_cancels_the_open_task_and_the_case_ends_with_the_event_sub_process()
    {
        using var p = new TestProcess(MainPath(EventSubProcess("ruecknahme", Withdrawal, interrupting: true, task: "einstellen")));
        var state = p.Start().State;
        var armed = Wait(state, "ruecknahme_start");
        Assert.True(armed.StartsEventSubProcess);
        Assert.Equal(0, armed.TokenId);

        var run = Message(p, state, "Ruecknahme", ("grund", "Antrag zurückgezogen"));
        Assert.True(run.Matched);
        Assert.Equal(["einstellen"], state.Waits.Select(w => w.NodeId));
        Assert.Contains(state.History, h => h.NodeId == "bearbeiten" && h.Outcome == StepOutcome.Interrupted);
        Assert.Equal("Antrag zurückgezogen", state.Variables["grund"]);
        // Interrupted, the event sub-process cannot start a second time.
        Assert.False(Message(p, state, "Ruecknahme").Matched);

        p.Complete(state, "einstellen");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(0, Count(state, "bearbeiten"));
        Assert.Equal(1, Count(state, "ruecknahme"));
    }

    [Fact]
    public void A_non_interrupting_message_start_runs_beside_the_main_path_and_fires_each_time()
    {
        using var p = new TestProcess(MainPath(EventSubProcess("nachreichung", Resubmission, interrupting: false, task: "sichten")));
        var state = p.Start().State;
        Message(p, state, "Nachreichung");
        Message(p, state, "Nachreichung");

        Assert.Equal(2, state.Waits.Count(w => w.NodeId == "sichten"));
        Assert.Single(state.Waits, w => w.NodeId == "bearbeiten");
        foreach (var task in state.Waits.Where(w => w.NodeId == "sichten").ToList())
            p.Engine.CompleteTask(p.Definition, state, task.Id);
        Assert.Equal(CaseStatus.Waiting, state.Status);
        p.Complete(state, "bearbeiten");

        // The scope has ended: its event sub-processes stop waiting with it.
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Empty(state.Waits);
        Assert.False(Message(p, state, "Nachreichung").Matched);
        Assert.Equal(2, Count(state, "sichten"));
    }

    [Fact]
    public void The_main_path_ending_first_waits_for_a_running_non_interrupting_event_sub_process()
    {
        using var p = new TestProcess(MainPath(EventSubProcess("nachreichung", Resubmission, interrupting: false, task: "sichten")));
        var state = p.Start().State;
        Message(p, state, "Nachreichung");
        p.Complete(state, "bearbeiten");
        // The scope is still active while its event sub-process runs, so its start stays armed until both are done.
        Assert.Equal(CaseStatus.Waiting, state.Status);
        Assert.Single(state.Waits, w => w.StartsEventSubProcess);
        p.Complete(state, "sichten");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Empty(state.Waits);
    }

    [Fact]
    public void A_non_interrupting_timer_cycle_fires_repeatedly_and_a_signal_start_interrupts()
    {
        var timer = """<bpmn:timerEventDefinition><bpmn:timeCycle>R2/P1D</bpmn:timeCycle></bpmn:timerEventDefinition>""";
        var signal = """<bpmn:signalEventDefinition signalRef="sigStoerung" />""";
        using var p = new TestProcess(MainPath(EventSubProcess("erinnerung", timer, interrupting: false, task: "erinnern")
            + EventSubProcess("stoerung", signal, interrupting: true, task: "stoerungBeheben")));
        var state = p.Start().State;
        p.FireTimer(state, "erinnerung_start");
        p.FireTimer(state, "erinnerung_start");
        Assert.Equal(2, state.Waits.Count(w => w.NodeId == "erinnern"));
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "erinnerung_start");

        p.Engine.BroadcastSignal(p.Definition, state, "Stoerung");
        Assert.Equal(["stoerungBeheben"], state.Waits.Select(w => w.NodeId));
        Assert.Equal(2, state.History.Count(h => h.NodeId == "erinnern" && h.Outcome == StepOutcome.Interrupted));
    }

    /// <summary>
    /// An error end event inside a sub-process is caught by the sub-process's own error event sub-process, not by the
    /// error boundary of the sub-process: the boundary path never runs, and the sub-process completes normally.
    /// </summary>
    [Fact]
    public void An_error_inside_a_sub_process_goes_to_its_error_event_sub_process_before_the_boundary_of_the_sub_process()
    {
        var errorStart = """<bpmn:errorEventDefinition errorRef="errUnvollstaendig" />""";
        using var p = new TestProcess(Definitions + $"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:subProcess id="sub">
                <bpmn:startEvent id="s1" />
                <bpmn:parallelGateway id="split" />
                <bpmn:userTask id="parallelArbeit" />
                <bpmn:endEvent id="fehler"><bpmn:errorEventDefinition errorRef="errUnvollstaendig" /></bpmn:endEvent>
                <bpmn:endEvent id="e1" />
                <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="split" />
                <bpmn:sequenceFlow id="i2" sourceRef="split" targetRef="fehler" />
                <bpmn:sequenceFlow id="i3" sourceRef="split" targetRef="parallelArbeit" />
                <bpmn:sequenceFlow id="i4" sourceRef="parallelArbeit" targetRef="e1" />
                {EventSubProcess("fehlerbehandlung", errorStart, interrupting: true, task: "nachfordern")}
              </bpmn:subProcess>
              <bpmn:boundaryEvent id="grenzfehler" attachedToRef="sub"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
              <bpmn:userTask id="weiter" />
              <bpmn:userTask id="abbruch" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
              <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="weiter" />
              <bpmn:sequenceFlow id="f3" sourceRef="weiter" targetRef="end" />
              <bpmn:sequenceFlow id="f4" sourceRef="grenzfehler" targetRef="abbruch" />
              <bpmn:sequenceFlow id="f5" sourceRef="abbruch" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start().State;
        Assert.Equal(["nachfordern"], state.Waits.Select(w => w.NodeId));
        Assert.DoesNotContain(state.History, h => h.NodeId == "sub" && h.Outcome == StepOutcome.Interrupted);

        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        p.Complete(copy, "nachfordern");
        Assert.Equal(["weiter"], copy.Waits.Select(w => w.NodeId));
        Assert.Equal(0, Count(copy, "grenzfehler"));
    }

    [Fact]
    public void An_escalation_starts_a_non_interrupting_event_sub_process_of_the_process_and_the_thrower_goes_on()
    {
        var path = """
            <bpmn:subProcess id="bearbeiten">
              <bpmn:startEvent id="s1" />
              <bpmn:intermediateThrowEvent id="hinweis"><bpmn:escalationEventDefinition escalationRef="escHinweis" /></bpmn:intermediateThrowEvent>
              <bpmn:userTask id="pruefen" />
              <bpmn:endEvent id="e1" />
              <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="hinweis" />
              <bpmn:sequenceFlow id="i2" sourceRef="hinweis" targetRef="pruefen" />
              <bpmn:sequenceFlow id="i3" sourceRef="pruefen" targetRef="e1" />
            </bpmn:subProcess>
            """;
        var escalation = """<bpmn:escalationEventDefinition escalationRef="escHinweis" />""";
        using var p = new TestProcess(MainPath(EventSubProcess("info", escalation, interrupting: false, task: "informieren"), path));
        var state = p.Start().State;
        Assert.Equal(["informieren", "pruefen"], state.Waits.Select(w => w.NodeId).Order());
        Assert.Equal("escalation HINWEIS", state.History.Single(h => h.NodeId == "hinweis").Detail);
        p.Complete(state, "pruefen");
        p.Complete(state, "informieren");
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void Event_sub_process_waits_of_a_sub_process_end_with_it_and_a_cancelled_case_keeps_none()
    {
        var path = $"""
            <bpmn:subProcess id="bearbeiten">
              <bpmn:startEvent id="s1" />
              <bpmn:userTask id="pruefen" />
              <bpmn:endEvent id="e1" />
              <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="pruefen" />
              <bpmn:sequenceFlow id="i2" sourceRef="pruefen" targetRef="e1" />
              {EventSubProcess("innen", Resubmission, interrupting: false, task: "sichten")}
            </bpmn:subProcess>
            <bpmn:userTask id="danach" />
            """;
        using var p = new TestProcess(MainPath(EventSubProcess("aussen", Withdrawal, interrupting: true, task: "einstellen"), path)
            .Replace("""<bpmn:sequenceFlow id="f2" sourceRef="bearbeiten" targetRef="end" />""",
                """<bpmn:sequenceFlow id="f2" sourceRef="bearbeiten" targetRef="danach" /><bpmn:sequenceFlow id="f2b" sourceRef="danach" targetRef="end" />""", StringComparison.Ordinal));
        var state = p.Start().State;
        Assert.Equal(2, state.Waits.Count(w => w.StartsEventSubProcess));
        p.Complete(state, "pruefen");
        Assert.Equal(["aussen_start"], state.Waits.Where(w => w.StartsEventSubProcess).Select(w => w.NodeId));
        Assert.False(Message(p, state, "Nachreichung").Matched);

        var cancelled = p.Engine.Cancel(p.Definition, state);
        Assert.Empty(state.Waits);
        Assert.Contains(state.History, h => h.NodeId == "danach" && h.Outcome == StepOutcome.Interrupted);
        Assert.NotEmpty(cancelled.RemovedWaitIds);
    }

    [Fact]
    public void An_interrupting_boundary_on_the_sub_process_withdraws_the_event_sub_processes_inside_it()
    {
        var path = $"""
            <bpmn:subProcess id="bearbeiten">
              <bpmn:startEvent id="s1" />
              <bpmn:userTask id="pruefen" />
              <bpmn:endEvent id="e1" />
              <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="pruefen" />
              <bpmn:sequenceFlow id="i2" sourceRef="pruefen" targetRef="e1" />
              {EventSubProcess("innen", Resubmission, interrupting: false, task: "sichten")}
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="frist" attachedToRef="bearbeiten">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:userTask id="mahnen" />
            <bpmn:sequenceFlow id="fb" sourceRef="frist" targetRef="mahnen" />
            <bpmn:sequenceFlow id="fm" sourceRef="mahnen" targetRef="end" />
            """;
        using var p = new TestProcess(MainPath("", path));
        var state = p.Start().State;
        Message(p, state, "Nachreichung");
        Assert.Single(state.Waits, w => w.NodeId == "sichten");
        var fired = p.FireTimer(state, "frist");

        Assert.Equal(["mahnen"], state.Waits.Select(w => w.NodeId));
        Assert.Contains(state.History, h => h.NodeId == "sichten" && h.Outcome == StepOutcome.Interrupted);
        // The two tasks, the event sub-process start and the fired timer itself.
        Assert.Equal(4, fired.RemovedWaitIds.Count);
        Assert.False(Message(p, state, "Nachreichung").Matched);
    }

    [Fact]
    public void A_called_process_arms_its_own_event_sub_processes_and_drops_them_when_it_returns()
    {
        using var p = new TestProcess(Definitions + $"""
            <bpmn:process id="haupt" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:callActivity id="aufruf" calledElement="teil" />
              <bpmn:userTask id="danach" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="aufruf" />
              <bpmn:sequenceFlow id="f2" sourceRef="aufruf" targetRef="danach" />
              <bpmn:sequenceFlow id="f3" sourceRef="danach" targetRef="end" />
            </bpmn:process>
            <bpmn:process id="teil" isExecutable="true">
              <bpmn:startEvent id="ts" />
              <bpmn:userTask id="bearbeiten" />
              <bpmn:endEvent id="te" />
              <bpmn:sequenceFlow id="t1" sourceRef="ts" targetRef="bearbeiten" />
              <bpmn:sequenceFlow id="t2" sourceRef="bearbeiten" targetRef="te" />
              {EventSubProcess("ruecknahme", Withdrawal, interrupting: true, task: "einstellen")}
            </bpmn:process>
            """, processId: "haupt");
        var state = p.Start().State;
        Assert.Single(state.Waits, w => w.StartsEventSubProcess && w.ScopeId != 0);
        Message(p, state, "Ruecknahme");
        Assert.Equal(["einstellen"], state.Waits.Select(w => w.NodeId));
        p.Complete(state, "einstellen");
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
    }

    [Fact]
    public void A_case_waiting_with_an_armed_event_sub_process_survives_a_json_round_trip()
    {
        using var p = new TestProcess(MainPath(EventSubProcess("ruecknahme", Withdrawal, interrupting: true, task: "einstellen")));
        var state = p.Start().State;
        var json = JsonSerializer.Serialize(state);
        Assert.Contains("\"StartsEventSubProcess\":true", json, StringComparison.Ordinal);
        var copy = JsonSerializer.Deserialize<CaseState>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(copy));
        Assert.True(Message(p, copy, "Ruecknahme").Matched);
        Assert.Equal(["einstellen"], copy.Waits.Select(w => w.NodeId));
    }

    [Fact]
    public void The_tasks_of_an_event_sub_process_are_steps_of_the_case_like_any_other()
    {
        using var p = new TestProcess(MainPath(EventSubProcess("nachreichung", Resubmission, interrupting: false, task: "sichten")));
        var state = p.Start().State;
        Message(p, state, "Nachreichung");
        var done = p.Complete(state, "sichten");
        var step = Assert.Single(done.Steps, s => s.NodeId == "sichten");
        Assert.Equal((StepOutcome.Completed, ActorKind.Human, "p"), (step.Outcome, step.Actor, step.ProcessId));
    }

    private static List<Diagnostic> Errors(string body) =>
        [.. Validation.DefinitionValidator.Validate(BpmnReader.ReadText(Header + body + "</bpmn:definitions>", "esp.bpmn"))
            .Where(d => d.Severity == DiagnosticSeverity.Error)];

    [Fact]
    public void Validation_refuses_flows_into_an_event_sub_process_a_start_without_trigger_and_an_error_start_of_a_process()
    {
        var errors = Errors(Definitions + """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:startEvent id="fehlerstart"><bpmn:errorEventDefinition /></bpmn:startEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="esp" />
              <bpmn:sequenceFlow id="f2" sourceRef="fehlerstart" targetRef="end" />
              <bpmn:subProcess id="esp" triggeredByEvent="true">
                <bpmn:startEvent id="ohneAusloeser" />
                <bpmn:endEvent id="e1" />
                <bpmn:sequenceFlow id="i1" sourceRef="ohneAusloeser" targetRef="e1" />
              </bpmn:subProcess>
            </bpmn:process>
            """);
        Assert.Contains(errors, e => e.Code == "invalid-flow" && e.ElementId == "f1" && e.Message.Contains("event sub-process esp", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == "invalid-start-event" && e.ElementId == "ohneAusloeser");
        Assert.Contains(errors, e => e.Code == "invalid-start-event" && e.ElementId == "fehlerstart");
        Assert.DoesNotContain(errors, e => e.Code == "unsupported-element");
    }

    [Fact]
    public void An_event_sub_process_reached_only_by_its_event_is_not_reported_unreachable()
    {
        var set = BpmnReader.ReadText(Header + MainPath(EventSubProcess("ruecknahme", Withdrawal, interrupting: true, task: "einstellen")) + "</bpmn:definitions>", "esp.bpmn");
        Assert.DoesNotContain(Validation.DefinitionValidator.Validate(set), d => d.Severity != DiagnosticSeverity.Info && d.Code == "unreachable-node");
    }
}

using Automation.Engine.Model;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

public sealed class EventTests
{
    private static string TaskWithBoundaryTimer(bool interrupting) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="genehmigen" name="Urlaub genehmigen" />
          <bpmn:boundaryEvent id="frist" attachedToRef="genehmigen" cancelActivity="{(interrupting ? "true" : "false")}">
            <bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition>
          </bpmn:boundaryEvent>
          <bpmn:task id="eskalieren" />
          <bpmn:endEvent id="end" />
          <bpmn:endEvent id="endEskalation" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="genehmigen" />
          <bpmn:sequenceFlow id="f2" sourceRef="genehmigen" targetRef="end" />
          <bpmn:sequenceFlow id="f3" sourceRef="frist" targetRef="eskalieren" />
          <bpmn:sequenceFlow id="f4" sourceRef="eskalieren" targetRef="endEskalation" />
        </bpmn:process>
        """;

    [Fact]
    public void Interrupting_boundary_timer_ends_the_task_and_takes_the_escalation_path()
    {
        using var p = new TestProcess(TaskWithBoundaryTimer(interrupting: true));
        var start = p.Start();
        Assert.Equal(2, start.NewWaits.Count);
        var state = start.State;
        Assert.Equal(T0.AddDays(5), Wait(state, "frist").DueAt);
        var fired = p.FireTimer(state, "frist");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Contains(Wait_Id(start, "genehmigen"), fired.RemovedWaitIds);
        Assert.Contains(state.History, h => h.NodeId == "genehmigen" && h.Outcome == StepOutcome.Interrupted);
        Assert.Equal(["start", "frist", "eskalieren", "endEskalation"], Trail(state));
    }

    [Fact]
    public void Non_interrupting_boundary_timer_runs_the_reminder_and_the_task_stays_open()
    {
        using var p = new TestProcess(TaskWithBoundaryTimer(interrupting: false));
        var state = p.Start().State;
        p.FireTimer(state, "frist");
        Assert.Equal(CaseStatus.Waiting, state.Status);
        Assert.Equal(1, Count(state, "eskalieren"));
        Assert.Single(state.Waits, w => w.NodeId == "genehmigen");
        p.Complete(state, "genehmigen");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "end"));
        Assert.Equal(1, Count(state, "endEskalation"));
    }

    [Fact]
    public void Completing_the_task_withdraws_its_boundary_timer()
    {
        using var p = new TestProcess(TaskWithBoundaryTimer(interrupting: true));
        var start = p.Start();
        var done = p.Complete(start.State, "genehmigen");
        Assert.Equal(CaseStatus.Completed, done.State.Status);
        Assert.Equal(2, done.RemovedWaitIds.Count);
        Assert.Empty(done.State.Waits);
    }

    private static long Wait_Id(RunResult run, string nodeId) => run.NewWaits.Single(w => w.NodeId == nodeId).Id;

    [Fact]
    public void Error_end_event_in_a_sub_process_is_caught_by_the_error_boundary()
    {
        using var p = new TestProcess("""
            <bpmn:error id="errZahlung" errorCode="ZAHLUNG_FEHLGESCHLAGEN" />
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:subProcess id="kasse">
                <bpmn:startEvent id="kStart" />
                <bpmn:exclusiveGateway id="gedeckt" default="fFehler" />
                <bpmn:endEvent id="kEnde" />
                <bpmn:endEvent id="kFehler"><bpmn:errorEventDefinition errorRef="errZahlung" /></bpmn:endEvent>
                <bpmn:sequenceFlow id="k1" sourceRef="kStart" targetRef="gedeckt" />
                <bpmn:sequenceFlow id="kOk" sourceRef="gedeckt" targetRef="kEnde"><bpmn:conditionExpression>konto === 'gedeckt'</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="fFehler" sourceRef="gedeckt" targetRef="kFehler" />
              </bpmn:subProcess>
              <bpmn:boundaryEvent id="zahlungFehler" attachedToRef="kasse"><bpmn:errorEventDefinition errorRef="errZahlung" /></bpmn:boundaryEvent>
              <bpmn:task id="mahnen" />
              <bpmn:endEvent id="end" />
              <bpmn:endEvent id="endMahnung" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="kasse" />
              <bpmn:sequenceFlow id="f2" sourceRef="kasse" targetRef="end" />
              <bpmn:sequenceFlow id="f3" sourceRef="zahlungFehler" targetRef="mahnen" />
              <bpmn:sequenceFlow id="f4" sourceRef="mahnen" targetRef="endMahnung" />
            </bpmn:process>
            """);
        var failed = p.Start(("konto", "leer")).State;
        Assert.Equal(CaseStatus.Completed, failed.Status);
        Assert.Equal(["start", "kStart", "gedeckt", "kFehler", "zahlungFehler", "mahnen", "endMahnung"], Trail(failed));
        Assert.Contains(failed.History, h => h.NodeId == "kasse" && h.Outcome == StepOutcome.Interrupted);
        Assert.Empty(failed.Scopes);

        var paid = p.Start(("konto", "gedeckt")).State;
        Assert.Equal(["start", "kStart", "gedeckt", "kEnde", "kasse", "end"], Trail(paid));
    }

    [Fact]
    public void A_business_error_of_a_service_action_is_caught_by_the_boundary_on_the_task()
    {
        var actions = ServiceActionRegistry.WithBuiltIns()
            .Register("pruefeIban", ctx => ctx.Variables["iban"] is string s && s.StartsWith("DE", StringComparison.Ordinal)
                ? ServiceResult.Completed(new Dictionary<string, object?> { ["ibanGeprueft"] = true })
                : ServiceResult.BpmnError("IBAN_UNGUELTIG", "keine deutsche IBAN"));
        using var p = new TestProcess("""
            <bpmn:error id="e1" errorCode="IBAN_UNGUELTIG" />
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:serviceTask id="iban"><bpmn:extensionElements><am:action name="pruefeIban" /></bpmn:extensionElements></bpmn:serviceTask>
              <bpmn:boundaryEvent id="ungueltig" attachedToRef="iban"><bpmn:errorEventDefinition errorRef="e1" /></bpmn:boundaryEvent>
              <bpmn:endEvent id="ok" />
              <bpmn:endEvent id="nachfragen" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="iban" />
              <bpmn:sequenceFlow id="f2" sourceRef="iban" targetRef="ok" />
              <bpmn:sequenceFlow id="f3" sourceRef="ungueltig" targetRef="nachfragen" />
            </bpmn:process>
            """, actions);
        var good = p.Start(("iban", "DE02120300000000202051")).State;
        Assert.Equal(["start", "iban", "ok"], Trail(good));
        Assert.Equal(true, good.Variables["ibanGeprueft"]);
        var bad = p.Start(("iban", "FR76")).State;
        Assert.Equal(["start", "ungueltig", "nachfragen"], Trail(bad));
    }

    [Fact]
    public void Call_activity_runs_the_called_process_with_variable_mapping()
    {
        using var p = new TestProcess("""
            <bpmn:process id="parkausweis" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:callActivity id="gebuehr" calledElement="gebuehr-erheben">
                <bpmn:extensionElements>
                  <camunda:in source="tarif" target="betrag" />
                  <camunda:out source="quittung" target="quittungsNr" />
                </bpmn:extensionElements>
              </bpmn:callActivity>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gebuehr" />
              <bpmn:sequenceFlow id="f2" sourceRef="gebuehr" targetRef="end" />
            </bpmn:process>
            <bpmn:process id="gebuehr-erheben" isExecutable="true">
              <bpmn:startEvent id="gStart" />
              <bpmn:userTask id="kassieren" />
              <bpmn:scriptTask id="quittieren" scriptFormat="javascript"><bpmn:script>quittung = 'Q-' + betrag</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="gEnde" />
              <bpmn:sequenceFlow id="g1" sourceRef="gStart" targetRef="kassieren" />
              <bpmn:sequenceFlow id="g2" sourceRef="kassieren" targetRef="quittieren" />
              <bpmn:sequenceFlow id="g3" sourceRef="quittieren" targetRef="gEnde" />
            </bpmn:process>
            """, processId: "parkausweis");
        var state = p.Start(("tarif", 30.5), ("name", "geheim")).State;
        var task = Wait(state, "kassieren");
        var scope = Assert.Single(state.Scopes);
        Assert.Equal("gebuehr-erheben", scope.ProcessId);
        Assert.Equal(30.5, scope.Variables!["betrag"]);
        Assert.False(scope.Variables.ContainsKey("name"));
        p.Engine.CompleteTask(p.Definition, state, task.Id);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal("Q-30.5", state.Variables["quittungsNr"]);
        Assert.False(state.Variables.ContainsKey("quittung"));
        Assert.Contains(state.History, h => h.NodeId == "quittieren" && h.ProcessId == "gebuehr-erheben");
        Assert.Equal(1, Count(state, "gebuehr"));
    }

    [Fact]
    public void Call_activities_calling_each_other_raise_an_incident_instead_of_recursing_forever()
    {
        using var p = new TestProcess("""
            <bpmn:process id="a" isExecutable="true">
              <bpmn:startEvent id="aStart" />
              <bpmn:callActivity id="callB" calledElement="b" />
              <bpmn:sequenceFlow id="a1" sourceRef="aStart" targetRef="callB" />
            </bpmn:process>
            <bpmn:process id="b" isExecutable="true">
              <bpmn:startEvent id="bStart" />
              <bpmn:callActivity id="callA" calledElement="a" />
              <bpmn:sequenceFlow id="b1" sourceRef="bStart" targetRef="callA" />
            </bpmn:process>
            """, processId: "a", validate: false);
        var state = p.Start().State;
        Assert.Equal(CaseStatus.Incident, state.Status);
        Assert.Contains("im Kreis", Assert.Single(state.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminate_end_event_ends_every_token_of_the_case()
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" />
              <bpmn:userTask id="bearbeiten" />
              <bpmn:userTask id="zurueckziehen" />
              <bpmn:endEvent id="normal" />
              <bpmn:endEvent id="abbruch"><bpmn:terminateEventDefinition /></bpmn:endEvent>
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="bearbeiten" />
              <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="zurueckziehen" />
              <bpmn:sequenceFlow id="f4" sourceRef="bearbeiten" targetRef="normal" />
              <bpmn:sequenceFlow id="f5" sourceRef="zurueckziehen" targetRef="abbruch" />
            </bpmn:process>
            """);
        var state = p.Start().State;
        var run = p.Complete(state, "zurueckziehen");
        Assert.Equal(CaseStatus.Terminated, state.Status);
        Assert.Empty(state.Tokens);
        Assert.Empty(state.Waits);
        Assert.Equal(2, run.RemovedWaitIds.Count);
        Assert.Contains(state.History, h => h.NodeId == "bearbeiten" && h.Outcome == StepOutcome.Interrupted);
        Assert.Equal(0, Count(state, "normal"));
        Assert.NotNull(state.EndedAt);
    }

    [Fact]
    public void Messages_correlate_by_key_and_signals_reach_every_waiting_catch()
    {
        using var p = new TestProcess("""
            <bpmn:message id="m" name="Zahlung eingegangen" />
            <bpmn:signal id="s" name="Stichtag" />
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" />
              <bpmn:receiveTask id="zahlung" messageRef="m"><bpmn:extensionElements><am:correlation key="kassenzeichen" /></bpmn:extensionElements></bpmn:receiveTask>
              <bpmn:intermediateCatchEvent id="stichtag1"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
              <bpmn:intermediateCatchEvent id="stichtag2"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
              <bpmn:parallelGateway id="join" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="zahlung" />
              <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="stichtag1" />
              <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="stichtag2" />
              <bpmn:sequenceFlow id="f5" sourceRef="zahlung" targetRef="join" />
              <bpmn:sequenceFlow id="f6" sourceRef="stichtag1" targetRef="join" />
              <bpmn:sequenceFlow id="f7" sourceRef="stichtag2" targetRef="join" />
              <bpmn:sequenceFlow id="f8" sourceRef="join" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start(("kassenzeichen", "K-17")).State;
        Assert.Equal("K-17", Wait(state, "zahlung").CorrelationKey);
        Assert.False(p.Engine.CorrelateMessage(p.Definition, state, "Zahlung eingegangen", "K-99").Matched);
        Assert.True(p.Engine.CorrelateMessage(p.Definition, state, "Zahlung eingegangen", "K-17").Matched);
        var signal = p.Engine.BroadcastSignal(p.Definition, state, "Stichtag");
        Assert.True(signal.Matched);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "stichtag1"));
        Assert.Equal(1, Count(state, "stichtag2"));
    }

    [Fact]
    public void Throwing_events_and_send_tasks_hand_messages_and_signals_to_the_host()
    {
        using var p = new TestProcess("""
            <bpmn:message id="m" name="Bescheid versandt" />
            <bpmn:signal id="s" name="Haushaltssperre" />
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:sendTask id="senden" messageRef="m" />
              <bpmn:intermediateThrowEvent id="sperre"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateThrowEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="senden" />
              <bpmn:sequenceFlow id="f2" sourceRef="senden" targetRef="sperre" />
              <bpmn:sequenceFlow id="f3" sourceRef="sperre" targetRef="end" />
            </bpmn:process>
            """);
        var run = p.Engine.Start(p.Definition, businessKey: "AZ-1");
        Assert.Equal(new OutboundMessage("Bescheid versandt", "senden", "AZ-1"), Assert.Single(run.Messages));
        Assert.Equal("Haushaltssperre", Assert.Single(run.Signals));
    }

    [Fact]
    public void Every_step_emits_an_event_with_case_node_kind_actor_times_and_outcome()
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:userTask id="pruefen" name="Antrag prüfen" />
              <bpmn:serviceTask id="melden"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="melden" />
              <bpmn:sequenceFlow id="f3" sourceRef="melden" targetRef="end" />
            </bpmn:process>
            """);
        var first = p.Start();
        Assert.Single(first.Steps);
        p.Clock.Advance(TimeSpan.FromMinutes(42));
        var second = p.Complete(first.State, "pruefen");
        Assert.Equal(3, second.Steps.Count);
        var task = second.Steps[0];
        Assert.Equal((first.State.CaseId, "p", 2, "pruefen", "Antrag prüfen", NodeKind.UserTask, ActorKind.Human),
            (task.CaseId, task.ProcessId, task.Sequence, task.NodeId, task.NodeName, task.Kind, task.Actor));
        Assert.Equal(TimeSpan.FromMinutes(42), task.End - task.Start);
        Assert.Equal(StepOutcome.Completed, task.Outcome);
        Assert.Equal(ActorKind.Automated, second.Steps[1].Actor);
        Assert.Equal(ActorKind.System, second.Steps[2].Actor);
        Assert.Equal([1, 2, 3, 4], first.State.History.Select(h => h.Sequence));
    }
}

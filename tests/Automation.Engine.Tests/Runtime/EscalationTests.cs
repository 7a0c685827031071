using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Escalations: thrown by intermediate and end events, caught by boundary events of sub-processes and call activities.</summary>
public sealed class EscalationTests
{
    private const string Escalations = """
        <bpmn:escalation id="escRueckfrage" escalationCode="RUECKFRAGE" />
        <bpmn:escalation id="escFrist" escalationCode="FRIST" />
        """;

    /// <summary>
    /// A sub-process reviews an application: "nachfragen" raises RUECKFRAGE in the middle (and goes on to "pruefen"), the
    /// end event "fristEnde" raises FRIST. The boundary events on the sub-process are given per test.
    /// </summary>
    private static string Review(string boundaries, string throwCode = "escRueckfrage") => Escalations + $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:subProcess id="sub">
            <bpmn:startEvent id="s1" />
            <bpmn:parallelGateway id="split" />
            <bpmn:intermediateThrowEvent id="nachfragen"><bpmn:escalationEventDefinition escalationRef="{throwCode}" /></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="pruefen" />
            <bpmn:userTask id="warten" />
            <bpmn:endEvent id="e1" />
            <bpmn:endEvent id="e2" />
            <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="split" />
            <bpmn:sequenceFlow id="i2" sourceRef="split" targetRef="nachfragen" />
            <bpmn:sequenceFlow id="i3" sourceRef="split" targetRef="warten" />
            <bpmn:sequenceFlow id="i4" sourceRef="nachfragen" targetRef="pruefen" />
            <bpmn:sequenceFlow id="i5" sourceRef="pruefen" targetRef="e1" />
            <bpmn:sequenceFlow id="i6" sourceRef="warten" targetRef="e2" />
          </bpmn:subProcess>
          {boundaries}
          <bpmn:userTask id="bescheid" />
          <bpmn:endEvent id="end" />
          <bpmn:endEvent id="endRueckfrage" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
          <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="bescheid" />
          <bpmn:sequenceFlow id="f3" sourceRef="bescheid" targetRef="end" />
        </bpmn:process>
        """;

    private static string Boundary(string id, string? escalationRef, bool interrupting, string target = "anrufen") => $"""
        <bpmn:boundaryEvent id="{id}" attachedToRef="sub" cancelActivity="{(interrupting ? "true" : "false")}">
          <bpmn:escalationEventDefinition{(escalationRef is null ? "" : $" escalationRef=\"{escalationRef}\"")} />
        </bpmn:boundaryEvent>
        <bpmn:userTask id="{target}" />
        <bpmn:sequenceFlow id="{id}_f" sourceRef="{id}" targetRef="{target}" />
        <bpmn:sequenceFlow id="{id}_g" sourceRef="{target}" targetRef="endRueckfrage" />
        """;

    [Fact]
    public void An_interrupting_boundary_ends_the_sub_process_and_every_task_in_it()
    {
        using var p = new TestProcess(Review(Boundary("rueckfrage", "escRueckfrage", interrupting: true)));
        var state = p.Start().State;

        Assert.Equal(["anrufen"], state.Waits.Select(w => w.NodeId));
        Assert.Contains(state.History, h => h.NodeId == "sub" && h.Outcome == StepOutcome.Interrupted && h.Detail == "escalation RUECKFRAGE");
        // Whether the parallel branch had reached its task first depends on branch order; either way nothing of it is left.
        Assert.DoesNotContain(state.Tokens, t => t.NodeId is "warten" or "pruefen");
        Assert.Equal(0, Count(state, "warten"));
        Assert.Equal(0, Count(state, "pruefen"));
        Assert.Empty(state.Scopes);
        p.Complete(state, "anrufen");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(0, Count(state, "bescheid"));
    }

    [Fact]
    public void A_non_interrupting_boundary_runs_beside_the_sub_process_which_goes_on_to_its_end()
    {
        using var p = new TestProcess(Review(Boundary("rueckfrage", "escRueckfrage", interrupting: false)));
        var state = p.Start().State;

        Assert.Equal(["anrufen", "pruefen", "warten"], state.Waits.Select(w => w.NodeId).Order());
        Assert.DoesNotContain(state.History, h => h.Outcome == StepOutcome.Interrupted);
        p.Complete(state, "pruefen");
        p.Complete(state, "warten");
        Assert.Single(state.Waits, w => w.NodeId == "bescheid");
        p.Complete(state, "anrufen");
        p.Complete(state, "bescheid");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "sub"));
    }

    [Fact]
    public void A_boundary_with_the_thrown_code_wins_over_a_catch_all_and_a_different_code_is_not_caught_by_it()
    {
        var both = Boundary("alle", null, interrupting: true, target: "allgemein") + Boundary("frist", "escFrist", interrupting: true, target: "fristTask");
        using (var p = new TestProcess(Review(both, throwCode: "escFrist")))
        {
            var state = p.Start().State;
            Assert.Equal(["fristTask"], state.Waits.Select(w => w.NodeId));
        }
        using (var p = new TestProcess(Review(both, throwCode: "escRueckfrage")))
        {
            var state = p.Start().State;
            Assert.Equal(["allgemein"], state.Waits.Select(w => w.NodeId));
        }
    }

    [Fact]
    public void An_uncaught_escalation_is_no_failure_the_case_goes_on_and_the_history_notes_it()
    {
        using var p = new TestProcess(Review(Boundary("frist", "escFrist", interrupting: true)));
        var state = p.Start().State;

        Assert.Equal(CaseStatus.Waiting, state.Status);
        Assert.Empty(state.Incidents);
        Assert.Equal("escalation RUECKFRAGE not caught", state.History.Single(h => h.NodeId == "nachfragen").Detail);
        Assert.Equal(StepOutcome.Completed, state.History.Single(h => h.NodeId == "nachfragen").Outcome);
        Assert.Equal(["pruefen", "warten"], state.Waits.Select(w => w.NodeId).Order());
    }

    [Fact]
    public void An_escalation_end_event_raises_its_code_from_inside_a_called_process_to_the_call_activity()
    {
        using var p = new TestProcess(Escalations + """
            <bpmn:process id="haupt" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:callActivity id="aufruf" calledElement="pruefung" />
              <bpmn:boundaryEvent id="fristAbgelaufen" attachedToRef="aufruf" cancelActivity="false">
                <bpmn:escalationEventDefinition escalationRef="escFrist" />
              </bpmn:boundaryEvent>
              <bpmn:userTask id="leitungInformieren" />
              <bpmn:userTask id="bescheid" />
              <bpmn:endEvent id="end" />
              <bpmn:endEvent id="end2" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="aufruf" />
              <bpmn:sequenceFlow id="f2" sourceRef="aufruf" targetRef="bescheid" />
              <bpmn:sequenceFlow id="f3" sourceRef="bescheid" targetRef="end" />
              <bpmn:sequenceFlow id="f4" sourceRef="fristAbgelaufen" targetRef="leitungInformieren" />
              <bpmn:sequenceFlow id="f5" sourceRef="leitungInformieren" targetRef="end2" />
            </bpmn:process>
            <bpmn:process id="pruefung" isExecutable="true">
              <bpmn:startEvent id="ps" />
              <bpmn:parallelGateway id="split" />
              <bpmn:endEvent id="fristEnde"><bpmn:escalationEventDefinition escalationRef="escFrist" /></bpmn:endEvent>
              <bpmn:userTask id="sachpruefung" />
              <bpmn:endEvent id="pe" />
              <bpmn:sequenceFlow id="q1" sourceRef="ps" targetRef="split" />
              <bpmn:sequenceFlow id="q2" sourceRef="split" targetRef="fristEnde" />
              <bpmn:sequenceFlow id="q3" sourceRef="split" targetRef="sachpruefung" />
              <bpmn:sequenceFlow id="q4" sourceRef="sachpruefung" targetRef="pe" />
            </bpmn:process>
            """, processId: "haupt");
        var state = p.Start().State;

        Assert.Equal(["leitungInformieren", "sachpruefung"], state.Waits.Select(w => w.NodeId).Order());
        Assert.Equal("escalation FRIST", state.History.Single(h => h.NodeId == "fristEnde").Detail);
        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        p.Complete(copy, "sachpruefung");
        Assert.Single(copy.Waits, w => w.NodeId == "bescheid");
        p.Complete(copy, "leitungInformieren");
        p.Complete(copy, "bescheid");
        Assert.Equal(CaseStatus.Completed, copy.Status);
    }

    [Fact]
    public void An_escalation_thrown_inside_a_multi_instance_sub_process_interrupts_all_instances_at_the_boundary()
    {
        using var p = new TestProcess(Escalations + """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:subProcess id="sub">
                <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
                <bpmn:startEvent id="s1" />
                <bpmn:exclusiveGateway id="welche" default="normal" />
                <bpmn:userTask id="bearbeiten" />
                <bpmn:intermediateThrowEvent id="melden"><bpmn:escalationEventDefinition escalationRef="escFrist" /></bpmn:intermediateThrowEvent>
                <bpmn:endEvent id="e1" />
                <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="welche" />
                <bpmn:sequenceFlow id="normal" sourceRef="welche" targetRef="bearbeiten" />
                <bpmn:sequenceFlow id="i2" sourceRef="welche" targetRef="melden"><bpmn:conditionExpression>loopCounter === 2</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="i3" sourceRef="melden" targetRef="e1" />
                <bpmn:sequenceFlow id="i4" sourceRef="bearbeiten" targetRef="e1" />
              </bpmn:subProcess>
              <bpmn:boundaryEvent id="frist" attachedToRef="sub"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
              <bpmn:userTask id="leitung" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
              <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
              <bpmn:sequenceFlow id="f3" sourceRef="frist" targetRef="leitung" />
              <bpmn:sequenceFlow id="f4" sourceRef="leitung" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start().State;
        Assert.Equal(["leitung"], state.Waits.Select(w => w.NodeId));
        Assert.Null(state.Loops);
        Assert.Empty(state.Scopes);
    }

    private static List<Diagnostic> Errors(string body) =>
        [.. Validation.DefinitionValidator.Validate(BpmnReader.ReadText(Header + body + "</bpmn:definitions>", "esc.bpmn"))
            .Where(d => d.Severity == DiagnosticSeverity.Error)];

    [Fact]
    public void An_escalation_ref_to_nothing_is_an_error_with_element_and_line_never_a_catch_all()
    {
        var errors = Errors(Review(Boundary("rueckfrage", "escGibtEsNicht", interrupting: true)));
        var error = Assert.Single(errors);
        Assert.Equal(("missing-reference", "rueckfrage"), (error.Code, error.ElementId));
        Assert.Contains("escGibtEsNicht", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void An_escalation_boundary_on_a_user_task_is_refused()
    {
        var errors = Errors(Escalations + """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:userTask id="pruefen" />
              <bpmn:boundaryEvent id="b" attachedToRef="pruefen"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
              <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="end" />
            </bpmn:process>
            """);
        Assert.Equal(("invalid-boundary", "b"), (Assert.Single(errors).Code, errors[0].ElementId));
    }
}

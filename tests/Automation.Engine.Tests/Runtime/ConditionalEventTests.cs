using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// Conditional events: intermediate catch, boundary and event sub-process start. The condition is evaluated again whenever
/// the case's variables change and fires only when it turns from false to true.
/// </summary>
public sealed class ConditionalEventTests
{
    private static string Condition(string text, string? language = null) =>
        $"""<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression"{(language is null ? "" : $" language=\"{language}\"")}>{text}</bpmn:condition></bpmn:conditionalEventDefinition>""";

    /// <summary>Two branches: "erfassen" sets variables, "freigabe" waits until the amount is high enough.</summary>
    private static string WaitForAmount(string condition) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:parallelGateway id="split" />
          <bpmn:userTask id="erfassen" />
          <bpmn:userTask id="nachtrag" />
          <bpmn:intermediateCatchEvent id="freigabe">{condition}</bpmn:intermediateCatchEvent>
          <bpmn:userTask id="pruefen" />
          <bpmn:endEvent id="e1" />
          <bpmn:endEvent id="e2" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
          <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="erfassen" />
          <bpmn:sequenceFlow id="f3" sourceRef="erfassen" targetRef="nachtrag" />
          <bpmn:sequenceFlow id="f4" sourceRef="nachtrag" targetRef="e1" />
          <bpmn:sequenceFlow id="f5" sourceRef="split" targetRef="freigabe" />
          <bpmn:sequenceFlow id="f6" sourceRef="freigabe" targetRef="pruefen" />
          <bpmn:sequenceFlow id="f7" sourceRef="pruefen" targetRef="e2" />
        </bpmn:process>
        """;

    [Theory]
    [InlineData("betrag &gt; 1000", null)]
    [InlineData("${betrag &gt; 1000}", "juel")]
    [InlineData("betrag &gt; 1000", "https://www.omg.org/spec/DMN/20191111/FEEL/")]
    public void A_catch_event_waits_until_a_task_completion_makes_its_condition_true(string condition, string? language)
    {
        using var p = new TestProcess(WaitForAmount(Condition(condition, language)));
        var state = p.Start(("betrag", 10)).State;
        var wait = Wait(state, "freigabe");
        Assert.Equal(WaitKind.Conditional, wait.Kind);
        Assert.False(wait.ConditionHeld);

        p.Complete(state, "erfassen", ("betrag", 500), ("bemerkung", "erste Schätzung"));
        Assert.Equal(WaitKind.Conditional, Wait(state, "freigabe").Kind);
        p.Complete(state, "nachtrag", ("betrag", 1500));

        Assert.Single(state.Waits, w => w.NodeId == "pruefen");
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "freigabe");
        Assert.Equal(1, Count(state, "freigabe"));
    }

    [Fact]
    public void A_catch_event_whose_condition_already_holds_on_arrival_goes_on_at_once()
    {
        using var p = new TestProcess(WaitForAmount(Condition("betrag &gt; 1000")));
        var state = p.Start(("betrag", 5000)).State;
        Assert.Single(state.Waits, w => w.NodeId == "pruefen");
        Assert.DoesNotContain(state.Waits, w => w.Kind == WaitKind.Conditional);
    }

    /// <summary>
    /// A non-interrupting boundary on a user task: it fires when the condition turns true, not again while it stays true
    /// (another variable changes), and again after it was false in between.
    /// </summary>
    [Fact]
    public void A_non_interrupting_boundary_fires_only_on_a_change_from_false_to_true()
    {
        using var p = new TestProcess($"""
            <bpmn:message id="msgUnterlagen" name="Unterlagen" />
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" />
              <bpmn:userTask id="bearbeiten" />
              <bpmn:boundaryEvent id="dringend" attachedToRef="bearbeiten" cancelActivity="false">{Condition("prioritaet === \"hoch\"")}</bpmn:boundaryEvent>
              <bpmn:userTask id="leitungInformieren" />
              <bpmn:receiveTask id="unterlagen" messageRef="msgUnterlagen" />
              <bpmn:exclusiveGateway id="nochmal" default="fertig" />
              <bpmn:endEvent id="e1" />
              <bpmn:endEvent id="e2" />
              <bpmn:endEvent id="e3" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="bearbeiten" />
              <bpmn:sequenceFlow id="f3" sourceRef="bearbeiten" targetRef="e1" />
              <bpmn:sequenceFlow id="f4" sourceRef="dringend" targetRef="leitungInformieren" />
              <bpmn:sequenceFlow id="f5" sourceRef="leitungInformieren" targetRef="e2" />
              <bpmn:sequenceFlow id="f6" sourceRef="split" targetRef="unterlagen" />
              <bpmn:sequenceFlow id="f7" sourceRef="unterlagen" targetRef="nochmal" />
              <bpmn:sequenceFlow id="f8" sourceRef="nochmal" targetRef="unterlagen"><bpmn:conditionExpression>weiter === true</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="fertig" sourceRef="nochmal" targetRef="e3" />
            </bpmn:process>
            """);
        var state = p.Start(("prioritaet", "normal")).State;
        RunResult Deliver(params (string, object?)[] payload) =>
            p.Engine.CorrelateMessage(p.Definition, state, "Unterlagen", null, payload.Select(v => new KeyValuePair<string, object?>(v.Item1, v.Item2)));

        Deliver(("prioritaet", "normal"), ("weiter", true));
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "leitungInformieren");
        Deliver(("prioritaet", "hoch"), ("weiter", true));
        Assert.Single(state.Waits, w => w.NodeId == "leitungInformieren");
        Assert.True(Wait(state, "dringend").ConditionHeld);

        // Stays true while another variable changes, and survives a restart that way: no second firing.
        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        state = copy;
        Deliver(("seiten", 12), ("weiter", true));
        Assert.Single(state.Waits, w => w.NodeId == "leitungInformieren");

        Deliver(("prioritaet", "normal"), ("weiter", true));
        Deliver(("prioritaet", "hoch"), ("weiter", false));
        Assert.Equal(2, state.Waits.Count(w => w.NodeId == "leitungInformieren"));
        Assert.Single(state.Waits, w => w.NodeId == "bearbeiten");
        Assert.Equal(0, state.History.Count(h => h.NodeId == "bearbeiten" && h.Outcome == StepOutcome.Interrupted));
    }

    [Fact]
    public void An_interrupting_boundary_on_a_sub_process_fires_when_a_script_inside_changes_a_variable()
    {
        using var p = new TestProcess($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:subProcess id="sub">
                <bpmn:startEvent id="s1" />
                <bpmn:userTask id="vorpruefen" />
                <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>summe = anzahl * 400</bpmn:script></bpmn:scriptTask>
                <bpmn:userTask id="nie" />
                <bpmn:endEvent id="e1" />
                <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="vorpruefen" />
                <bpmn:sequenceFlow id="i2" sourceRef="vorpruefen" targetRef="rechnen" />
                <bpmn:sequenceFlow id="i3" sourceRef="rechnen" targetRef="nie" />
                <bpmn:sequenceFlow id="i4" sourceRef="nie" targetRef="e1" />
              </bpmn:subProcess>
              <bpmn:boundaryEvent id="zuTeuer" attachedToRef="sub">{Condition("summe &gt; 1000")}</bpmn:boundaryEvent>
              <bpmn:userTask id="ablehnen" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
              <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
              <bpmn:sequenceFlow id="f3" sourceRef="zuTeuer" targetRef="ablehnen" />
              <bpmn:sequenceFlow id="f4" sourceRef="ablehnen" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start(("summe", 0)).State;
        p.Complete(state, "vorpruefen", ("anzahl", 3));
        Assert.Equal(["ablehnen"], state.Waits.Select(w => w.NodeId));
        Assert.Contains(state.History, h => h.NodeId == "sub" && h.Outcome == StepOutcome.Interrupted);
    }

    [Fact]
    public void A_conditional_event_sub_process_starts_beside_the_main_path_and_again_only_after_a_false_in_between()
    {
        using var p = new TestProcess($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:userTask id="bearbeiten" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="bearbeiten" />
              <bpmn:sequenceFlow id="f2" sourceRef="bearbeiten" targetRef="bearbeiten2" />
              <bpmn:userTask id="bearbeiten2" />
              <bpmn:userTask id="bearbeiten3" />
              <bpmn:sequenceFlow id="f3" sourceRef="bearbeiten2" targetRef="bearbeiten3" />
              <bpmn:sequenceFlow id="f4" sourceRef="bearbeiten3" targetRef="end" />
              <bpmn:subProcess id="hinweis" triggeredByEvent="true">
                <bpmn:startEvent id="hinweisStart" isInterrupting="false">{Condition("fristGefaehrdet === true")}</bpmn:startEvent>
                <bpmn:userTask id="warnen" />
                <bpmn:endEvent id="he" />
                <bpmn:sequenceFlow id="h1" sourceRef="hinweisStart" targetRef="warnen" />
                <bpmn:sequenceFlow id="h2" sourceRef="warnen" targetRef="he" />
              </bpmn:subProcess>
            </bpmn:process>
            """);
        var state = p.Start(("fristGefaehrdet", false)).State;
        Assert.True(Wait(state, "hinweisStart").StartsEventSubProcess);
        p.Complete(state, "bearbeiten", ("fristGefaehrdet", true));
        Assert.Single(state.Waits, w => w.NodeId == "warnen");
        p.Complete(state, "bearbeiten2", ("fristGefaehrdet", true));
        Assert.Single(state.Waits, w => w.NodeId == "warnen");
        p.Complete(state, "warnen", ("fristGefaehrdet", false));
        p.Complete(state, "bearbeiten3", ("fristGefaehrdet", true));
        // bearbeiten3 ended the main path; the scope was done before the condition was evaluated again.
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "warnen"));
    }

    [Fact]
    public void A_failing_condition_of_a_catch_event_is_an_incident_with_a_code_and_waits_again_on_retry()
    {
        using var p = new TestProcess(WaitForAmount(Condition("betrag.wert &gt; 1000")));
        var state = p.Start(("betrag", null)).State;
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(("freigabe", "event-condition-failed"), (incident.NodeId, incident.Code));
        Assert.Contains("betrag.wert", incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "freigabe");

        p.Complete(state, "erfassen", ("betrag", new Dictionary<string, object?> { ["wert"] = 10 }));
        p.Engine.RetryIncident(p.Definition, state, incident.Id);
        Assert.Empty(state.Incidents);
        Assert.Equal(WaitKind.Conditional, Wait(state, "freigabe").Kind);
        p.Complete(state, "nachtrag", ("betrag", new Dictionary<string, object?> { ["wert"] = 2000 }));
        Assert.Single(state.Waits, w => w.NodeId == "pruefen");
    }

    private static List<Diagnostic> Errors(string body) =>
        [.. Validation.DefinitionValidator.Validate(BpmnReader.ReadText(Header + body + "</bpmn:definitions>", "cond.bpmn"))
            .Where(d => d.Severity == DiagnosticSeverity.Error)];

    [Fact]
    public void Validation_refuses_a_missing_or_unparsable_condition_and_a_conditional_start_of_a_process()
    {
        var errors = Errors($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:startEvent id="bedingterStart">{Condition("a &gt; 1")}</bpmn:startEvent>
              <bpmn:intermediateCatchEvent id="ohne"><bpmn:conditionalEventDefinition /></bpmn:intermediateCatchEvent>
              <bpmn:intermediateCatchEvent id="kaputt">{Condition("a &gt;&gt;&gt; (", "https://www.omg.org/spec/DMN/20191111/FEEL/")}</bpmn:intermediateCatchEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ohne" />
              <bpmn:sequenceFlow id="f2" sourceRef="ohne" targetRef="kaputt" />
              <bpmn:sequenceFlow id="f3" sourceRef="kaputt" targetRef="end" />
              <bpmn:sequenceFlow id="f4" sourceRef="bedingterStart" targetRef="end" />
            </bpmn:process>
            """);
        Assert.Contains(errors, e => e.Code == "invalid-start-event" && e.ElementId == "bedingterStart");
        Assert.Contains(errors, e => e.Code == "invalid-expression" && e.ElementId == "ohne" && e.Message.Contains("no condition", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == "invalid-expression" && e.ElementId == "kaputt" && e.Position is not null);
        Assert.Equal(3, errors.Count);
    }
}

using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Compensation: handlers of completed activities run in reverse completion order when a compensation event is thrown.</summary>
public sealed class CompensationTests
{
    private static string Script(string id, string body, string extra = "") =>
        $"""<bpmn:scriptTask id="{id}" scriptFormat="javascript"{extra}><bpmn:script>{body}</bpmn:script></bpmn:scriptTask>""";

    private static string Handler(string activity, string handler, string handlerElement) => $"""
        <bpmn:boundaryEvent id="{activity}_komp" attachedToRef="{activity}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        {handlerElement}
        <bpmn:association id="{activity}_a" associationDirection="One" sourceRef="{activity}_komp" targetRef="{handler}" />
        """;

    /// <summary>
    /// Book a room, then a flight, then a fee; "stornieren" (a compensation throw, optionally for one activity) comes
    /// after the point given by <paramref name="throwAfter"/>. Each handler writes to the log.
    /// </summary>
    private static string Booking(string throwAfter, string? activityRef = null, string end = """<bpmn:endEvent id="end" />""") => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          {Script("zimmer", "log = log.concat([\"Zimmer gebucht\"])")}
          {Handler("zimmer", "zimmerStorno", Script("zimmerStorno", "log = log.concat([\"Zimmer storniert\"])", " isForCompensation=\"true\""))}
          {Script("flug", "log = log.concat([\"Flug gebucht\"])")}
          {Handler("flug", "flugStorno", Script("flugStorno", "log = log.concat([\"Flug storniert\"])", " isForCompensation=\"true\""))}
          {Script("gebuehr", "log = log.concat([\"Gebühr\"])")}
          <bpmn:intermediateThrowEvent id="stornieren"><bpmn:compensateEventDefinition{(activityRef is null ? "" : $" activityRef=\"{activityRef}\"")} /></bpmn:intermediateThrowEvent>
          <bpmn:userTask id="danach" />
          {end}
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="zimmer" />
          {Chain(["zimmer", "flug", "gebuehr"], throwAfter)}
          <bpmn:sequenceFlow id="f10" sourceRef="danach" targetRef="end" />
        </bpmn:process>
        """;

    /// <summary>Flows through the steps to "danach", with the throw event inserted after <paramref name="throwAfter"/>.</summary>
    private static string Chain(string[] steps, string throwAfter)
    {
        var order = new List<string>();
        foreach (var s in steps)
        {
            order.Add(s);
            if (s == throwAfter) order.Add("stornieren");
        }
        order.Add("danach");
        return string.Join("\n", Enumerable.Range(0, order.Count - 1)
            .Select(i => $"""<bpmn:sequenceFlow id="c{i}" sourceRef="{order[i]}" targetRef="{order[i + 1]}" />"""));
    }

    private static List<object?> Log(CaseState state) => (List<object?>)state.Variables["log"]!;

    [Fact]
    public void Handlers_of_completed_activities_run_latest_first_and_only_once()
    {
        using var p = new TestProcess(Booking("gebuehr"));
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Gebühr", "Flug storniert", "Zimmer storniert"], Log(state));
        Assert.Single(state.Waits, w => w.NodeId == "danach");
        Assert.Null(state.Compensations);
        Assert.Empty(state.Scopes);
        Assert.Equal(["flugStorno", "zimmerStorno", "stornieren"], Trail(state).Where(n => n is "flugStorno" or "zimmerStorno" or "stornieren"));
    }

    [Fact]
    public void An_activity_ref_compensates_only_that_activity()
    {
        using var p = new TestProcess(Booking("gebuehr", activityRef: "zimmer"));
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Gebühr", "Zimmer storniert"], Log(state));
    }

    [Fact]
    public void An_activity_that_has_not_completed_yet_is_not_compensated()
    {
        using (var p = new TestProcess(Booking("zimmer")))
        {
            var state = p.Start(("log", new List<object?>())).State;
            // The flight was booked after the throw: only the room was undone.
            Assert.Equal(["Zimmer gebucht", "Zimmer storniert", "Flug gebucht", "Gebühr"], Log(state));
        }
        using (var p = new TestProcess(Booking("zimmer", activityRef: "flug")))
        {
            var state = p.Start(("log", new List<object?>())).State;
            Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Gebühr"], Log(state));
            Assert.Equal("nothing to compensate", state.History.Single(h => h.NodeId == "stornieren").Detail);
        }
    }

    [Fact]
    public void Human_handlers_run_one_after_another_while_the_thrower_waits_and_survive_a_restart()
    {
        var body = Booking("gebuehr")
            .Replace(Script("zimmerStorno", "log = log.concat([\"Zimmer storniert\"])", " isForCompensation=\"true\""),
                """<bpmn:userTask id="zimmerStorno" isForCompensation="true" />""", StringComparison.Ordinal)
            .Replace(Script("flugStorno", "log = log.concat([\"Flug storniert\"])", " isForCompensation=\"true\""),
                """<bpmn:userTask id="flugStorno" isForCompensation="true" />""", StringComparison.Ordinal);
        using var p = new TestProcess(body);
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["flugStorno"], state.Waits.Select(w => w.NodeId));

        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        p.Complete(copy, "flugStorno");
        Assert.Equal(["zimmerStorno"], copy.Waits.Select(w => w.NodeId));
        var last = p.Complete(copy, "zimmerStorno");
        Assert.Equal(["danach"], copy.Waits.Select(w => w.NodeId));
        // The handler's task is a step of the case like any other, priced in the ledger.
        Assert.Contains(last.Steps, s => s.NodeId == "zimmerStorno" && s.Actor == ActorKind.Human && s.Outcome == StepOutcome.Completed);
    }

    [Fact]
    public void A_compensation_end_event_in_an_error_event_sub_process_undoes_the_work_of_its_scope()
    {
        var body = Booking("gebuehr")
            .Replace("""<bpmn:intermediateThrowEvent id="stornieren"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>""",
                """<bpmn:endEvent id="stornieren"><bpmn:errorEventDefinition errorRef="errAbbruch" /></bpmn:endEvent>""", StringComparison.Ordinal)
            .Replace("""<bpmn:sequenceFlow id="c3" sourceRef="stornieren" targetRef="danach" />""", "", StringComparison.Ordinal)
            .Replace("""<bpmn:sequenceFlow id="f10" sourceRef="danach" targetRef="end" />""", """
                <bpmn:subProcess id="abbruch" triggeredByEvent="true">
                  <bpmn:startEvent id="abbruchStart"><bpmn:errorEventDefinition errorRef="errAbbruch" /></bpmn:startEvent>
                  <bpmn:endEvent id="allesStornieren"><bpmn:compensateEventDefinition /></bpmn:endEvent>
                  <bpmn:sequenceFlow id="a1" sourceRef="abbruchStart" targetRef="allesStornieren" />
                </bpmn:subProcess>
                <bpmn:sequenceFlow id="f10" sourceRef="danach" targetRef="end" />
                """, StringComparison.Ordinal);
        using var p = new TestProcess("""<bpmn:error id="errAbbruch" errorCode="ABBRUCH" />""" + body);
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Gebühr", "Flug storniert", "Zimmer storniert"], Log(state));
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    private static List<Diagnostic> Errors(string body) =>
        [.. Validation.DefinitionValidator.Validate(BpmnReader.ReadText(Header + body + "</bpmn:definitions>", "komp.bpmn"))
            .Where(d => d.Severity == DiagnosticSeverity.Error)];

    [Fact]
    public void Validation_refuses_a_boundary_without_handler_a_handler_in_the_flow_and_an_unknown_activity_ref()
    {
        var errors = Errors($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:task id="buchen" />
              <bpmn:boundaryEvent id="ohneHandler" attachedToRef="buchen"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
              <bpmn:task id="zahlen" />
              <bpmn:boundaryEvent id="falscherHandler" attachedToRef="zahlen"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
              <bpmn:task id="keinHandler" />
              <bpmn:association id="a1" sourceRef="falscherHandler" targetRef="keinHandler" />
              <bpmn:task id="imFluss" isForCompensation="true" />
              <bpmn:intermediateThrowEvent id="stornieren"><bpmn:compensateEventDefinition activityRef="gibtEsNicht" /></bpmn:intermediateThrowEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="buchen" />
              <bpmn:sequenceFlow id="f2" sourceRef="buchen" targetRef="zahlen" />
              <bpmn:sequenceFlow id="f3" sourceRef="zahlen" targetRef="imFluss" />
              <bpmn:sequenceFlow id="f4" sourceRef="imFluss" targetRef="stornieren" />
              <bpmn:sequenceFlow id="f5" sourceRef="stornieren" targetRef="end" />
              <bpmn:sequenceFlow id="f6" sourceRef="keinHandler" targetRef="end" />
            </bpmn:process>
            """);
        Assert.Contains(errors, e => e.Code == "missing-reference" && e.ElementId == "ohneHandler" && e.Position is not null);
        Assert.Contains(errors, e => e.Code == "invalid-boundary" && e.ElementId == "falscherHandler");
        Assert.Contains(errors, e => e.Code == "invalid-flow" && e.ElementId == "f3" && e.Message.Contains("imFluss", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == "missing-reference" && e.ElementId == "stornieren" && e.Message.Contains("gibtEsNicht", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Code == "unsupported-element");
    }

    [Fact]
    public void A_handler_reached_only_through_its_boundary_is_not_reported_unreachable()
    {
        var set = BpmnReader.ReadText(Header + Booking("gebuehr") + "</bpmn:definitions>", "komp.bpmn");
        Assert.DoesNotContain(Validation.DefinitionValidator.Validate(set), d => d.Code == "unreachable-node");
    }
}

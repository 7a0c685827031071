using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// Compensation of a completed call activity (BPMN 2.0 §10.7, §13.5.7): its own compensation handler if it has one;
/// otherwise the handlers of what completed in the called process, latest first, in a scope of the called process that
/// sees the variables it completed with. A called process that did not complete leaves nothing to undo.
/// </summary>
public sealed class CallActivityCompensationTests
{
    private static string Script(string id, string body, string extra = "") =>
        $"""<bpmn:scriptTask id="{id}" scriptFormat="javascript"{extra}><bpmn:script>{body}</bpmn:script></bpmn:scriptTask>""";

    private static string Handler(string activity, string handlerElement, string handler) => $"""
        <bpmn:boundaryEvent id="{activity}_komp" attachedToRef="{activity}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        {handlerElement}
        <bpmn:association id="{activity}_a" associationDirection="One" sourceRef="{activity}_komp" targetRef="{handler}" />
        """;

    /// <summary>A script task with a script handler that reads <paramref name="reads"/> (a ReferenceError if it cannot see it).</summary>
    private static string Compensable(string id, string body, string reads) =>
        Script(id, body) + Handler(id, Script(id + "Storno", $"gelesen = {reads}", " isForCompensation=\"true\""), id + "Storno");

    private static string Flow(string id, params string[] nodes) => string.Join("\n", Enumerable.Range(0, nodes.Length - 1)
        .Select(i => $"""<bpmn:sequenceFlow id="{id}{i}" sourceRef="{nodes[i]}" targetRef="{nodes[i + 1]}" />"""));

    /// <summary>
    /// "antrag": a compensable step "vorher", the call activity "buchen" (of "reise", mapping only kunde in and ref out),
    /// then the compensation throw "stornieren" (inserted after <paramref name="throwAfter"/>) and the task "danach".
    /// </summary>
    private static string Antrag(string reise, string buchenExtra = "", string throwAttributes = "", string throwAfter = "buchen") => $"""
        <bpmn:process id="antrag" isExecutable="true">
          <bpmn:startEvent id="start" />
          {Compensable("vorher", "kunde = 'K1'", "kunde")}
          <bpmn:callActivity id="buchen" calledElement="reise">
            <bpmn:extensionElements><camunda:in source="kunde" target="kunde" /><camunda:out source="ref" target="ref" /></bpmn:extensionElements>
          </bpmn:callActivity>
          {buchenExtra}
          <bpmn:intermediateThrowEvent id="stornieren"><bpmn:compensateEventDefinition{throwAttributes} /></bpmn:intermediateThrowEvent>
          <bpmn:userTask id="danach" />
          <bpmn:endEvent id="end" />
          {Flow("a", "start", "vorher", "buchen")}
          {(throwAfter == "buchen" ? Flow("b", "buchen", "stornieren", "danach", "end") : "")}
        </bpmn:process>
        {reise}
        """;

    /// <summary>"reise" books a room (zimmerNr) and then a flight (flugNr); each handler reads the number its step set.</summary>
    private static string Reise(string between = "", string afterFlug = "rEnd", string extra = "") => $"""
        <bpmn:process id="reise" isExecutable="true">
          <bpmn:startEvent id="rStart" />
          {Compensable("zimmer", "zimmerNr = 12; ref = 'R-' + kunde", "zimmerNr")}
          {Compensable("flug", "flugNr = 7", "flugNr")}
          <bpmn:endEvent id="rEnd" />
          {extra}
          {Flow("r", ["rStart", "zimmer", .. (between.Length == 0 ? Array.Empty<string>() : [between]), "flug", afterFlug])}
        </bpmn:process>
        """;

    private static readonly string[] Handlers = ["vorherStorno", "zimmerStorno", "flugStorno", "buchenStorno"];

    private static List<string> HandlerTrail(CaseState state) => [.. Trail(state).Where(Handlers.Contains)];

    [Fact]
    public void A_call_activity_without_handler_undoes_the_called_processs_steps_latest_first_with_the_data_they_completed_with()
    {
        using var p = new TestProcess(Antrag(Reise()), processId: "antrag");
        var run = p.Start();
        var state = run.State;

        Assert.Empty(state.Incidents);
        Assert.Equal(["flugStorno", "zimmerStorno", "vorherStorno"], HandlerTrail(state));
        // The called process's handlers are its steps: priced as steps of "reise" like any other.
        Assert.All(run.Steps.Where(s => s.NodeId is "flugStorno" or "zimmerStorno"), s => Assert.Equal(("reise", StepOutcome.Completed), (s.ProcessId, s.Outcome)));
        // They saw the called instance's variables; nothing of it reached the caller beyond its mapping.
        Assert.Equal("R-K1", state.Variables["ref"]);
        Assert.False(state.Variables.ContainsKey("zimmerNr"));
        Assert.Equal("K1", state.Variables["gelesen"]);
        Assert.Single(state.Waits, w => w.NodeId == "danach");
        Assert.Empty(state.Scopes);
        Assert.Null(state.Compensations);
        Assert.Equal(1, Count(state, "buchen"));
    }

    [Fact]
    public void Human_handlers_of_a_called_process_wait_one_after_another_across_a_restart_as_priced_steps()
    {
        var reise = Reise()
            .Replace(Script("zimmerStorno", "gelesen = zimmerNr", " isForCompensation=\"true\""), """<bpmn:userTask id="zimmerStorno" isForCompensation="true" />""", StringComparison.Ordinal)
            .Replace(Script("flugStorno", "gelesen = flugNr", " isForCompensation=\"true\""), """<bpmn:userTask id="flugStorno" isForCompensation="true" />""", StringComparison.Ordinal);
        using var p = new TestProcess(Antrag(reise), processId: "antrag");
        var state = p.Start().State;
        Assert.Equal(["flugStorno"], state.Waits.Select(w => w.NodeId));

        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        p.Complete(copy, "flugStorno");
        Assert.Equal(["zimmerStorno"], copy.Waits.Select(w => w.NodeId));
        copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(copy))!;
        var last = p.Complete(copy, "zimmerStorno");

        Assert.Equal(["danach"], copy.Waits.Select(w => w.NodeId));
        Assert.Equal(["flugStorno", "zimmerStorno", "vorherStorno"], HandlerTrail(copy));
        Assert.Contains(last.Steps, s => s is { NodeId: "zimmerStorno", ProcessId: "reise", Actor: ActorKind.Human, Outcome: StepOutcome.Completed });
        Assert.Empty(copy.Scopes);
    }

    [Fact]
    public void Every_completed_instance_of_a_looping_call_activity_is_undone_latest_first()
    {
        var looping = Antrag(Reise()).Replace("""<bpmn:extensionElements><camunda:in""",
            """<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><camunda:in""",
            StringComparison.Ordinal);
        using var p = new TestProcess(looping, processId: "antrag");
        var run = p.Start();
        var state = run.State;

        Assert.Empty(state.Incidents);
        Assert.Equal(["flugStorno", "zimmerStorno", "flugStorno", "zimmerStorno", "vorherStorno"], HandlerTrail(state));
        Assert.Empty(state.Scopes);
        Assert.Null(state.Compensations);
    }

    [Fact]
    public void A_cancelled_transaction_undoes_the_steps_of_a_call_activity_it_completed_before_its_cancel_boundary()
    {
        var transaction = $"""
            <bpmn:process id="antrag" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:transaction id="tx">
                <bpmn:startEvent id="ts" />
                {Compensable("vorher", "kunde = 'K1'", "kunde")}
                <bpmn:callActivity id="buchen" calledElement="reise" />
                <bpmn:endEvent id="abbrechen"><bpmn:cancelEventDefinition /></bpmn:endEvent>
                {Flow("t", "ts", "vorher", "buchen", "abbrechen")}
              </bpmn:transaction>
              <bpmn:boundaryEvent id="storniert" attachedToRef="tx"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
              <bpmn:userTask id="danach" />
              <bpmn:endEvent id="end" />
              <bpmn:endEvent id="end2" />
              {Flow("a", "start", "tx", "end")}
              {Flow("b", "storniert", "danach", "end2")}
            </bpmn:process>
            {Reise()}
            """;
        using var p = new TestProcess(transaction, processId: "antrag");
        var state = p.Start().State;

        Assert.Empty(state.Incidents);
        Assert.Equal(["flugStorno", "zimmerStorno", "vorherStorno"], HandlerTrail(state));
        Assert.Single(state.Waits, w => w.NodeId == "danach");
        Assert.Empty(state.Scopes);
        Assert.Null(state.Compensations);
    }

    [Fact]
    public void A_completed_sub_process_holding_a_call_activity_undoes_the_called_steps_in_their_place()
    {
        var nested = Antrag(Reise())
            .Replace("""<bpmn:callActivity id="buchen" calledElement="reise">""", """
                <bpmn:subProcess id="buchen">
                  <bpmn:startEvent id="ss" />
                  <bpmn:callActivity id="rufen" calledElement="reise">
                """, StringComparison.Ordinal)
            .Replace("""</bpmn:callActivity>""", $"""
                  </bpmn:callActivity>
                  {Compensable("nachher", "x = 1", "x")}
                  <bpmn:endEvent id="se" />
                  {Flow("s", "ss", "rufen", "nachher", "se")}
                </bpmn:subProcess>
                """, StringComparison.Ordinal);
        using var p = new TestProcess(nested, processId: "antrag");
        var state = p.Start().State;

        Assert.Empty(state.Incidents);
        Assert.Equal(["nachherStorno", "flugStorno", "zimmerStorno", "vorherStorno"], Trail(state).Where(n => n.EndsWith("Storno", StringComparison.Ordinal)));
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void A_call_activity_with_its_own_handler_is_undone_by_that_handler_only()
    {
        var own = Handler("buchen", Script("buchenStorno", "gelesen = ref", " isForCompensation=\"true\""), "buchenStorno");
        using var p = new TestProcess(Antrag(Reise(), buchenExtra: own), processId: "antrag");
        var state = p.Start().State;

        Assert.Empty(state.Incidents);
        Assert.Equal(["buchenStorno", "vorherStorno"], HandlerTrail(state));
        Assert.Equal("K1", state.Variables["gelesen"]);
    }

    [Fact]
    public void An_activity_ref_naming_the_call_activity_undoes_only_its_called_steps()
    {
        using var p = new TestProcess(Antrag(Reise(), throwAttributes: " activityRef=\"buchen\""), processId: "antrag");
        var state = p.Start().State;

        Assert.Equal(["flugStorno", "zimmerStorno"], HandlerTrail(state));
        // The step before the call stays undoable by a later throw; the call's record was used up.
        Assert.Equal("vorher", Assert.Single(state.Compensations!).ActivityId);
    }

    [Fact]
    public void Without_wait_for_completion_the_called_processs_handlers_run_beside_the_others_and_still_one_after_another()
    {
        using var p = new TestProcess(Antrag(Reise(), throwAttributes: " waitForCompletion=\"false\""), processId: "antrag");
        var state = p.Start().State;

        Assert.Empty(state.Incidents);
        var trail = HandlerTrail(state);
        Assert.Equal(["flugStorno", "vorherStorno", "zimmerStorno"], trail.Order(StringComparer.Ordinal));
        Assert.True(trail.IndexOf("flugStorno") < trail.IndexOf("zimmerStorno"));
        Assert.Single(state.Waits, w => w.NodeId == "danach");
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void A_called_process_that_failed_into_an_error_boundary_leaves_nothing_to_undo()
    {
        var reise = Reise(afterFlug: "fehler", extra: """<bpmn:endEvent id="fehler"><bpmn:errorEventDefinition errorRef="ausgebucht" /></bpmn:endEvent>""")
            .Replace("""<bpmn:endEvent id="rEnd" />""", "", StringComparison.Ordinal);
        var boundary = """
            <bpmn:boundaryEvent id="ausgebuchtFangen" attachedToRef="buchen"><bpmn:errorEventDefinition errorRef="ausgebucht" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="e1" sourceRef="ausgebuchtFangen" targetRef="stornieren" />
            """;
        using var p = new TestProcess("""<bpmn:error id="ausgebucht" errorCode="AUSGEBUCHT" />""" + Antrag(reise, buchenExtra: boundary), processId: "antrag");
        var state = p.Start().State;

        Assert.Empty(state.Incidents);
        Assert.Equal(["zimmer", "flug"], Trail(state).Where(n => n is "zimmer" or "flug"));
        Assert.Equal(["vorherStorno"], HandlerTrail(state));
        Assert.Single(state.Waits, w => w.NodeId == "danach");
    }

    [Fact]
    public void A_called_process_cancelled_by_an_interrupting_boundary_leaves_nothing_to_undo()
    {
        var reise = Reise(between: "warten", extra: """<bpmn:userTask id="warten" />""");
        var boundary = """
            <bpmn:boundaryEvent id="frist" attachedToRef="buchen"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="t1" sourceRef="frist" targetRef="stornieren" />
            """;
        using var p = new TestProcess(Antrag(reise, buchenExtra: boundary), processId: "antrag");
        var state = p.Start().State;
        Assert.Single(state.Waits, w => w.NodeId == "warten");

        p.FireTimer(state, "frist");

        Assert.Contains(state.History, h => h is { NodeId: "zimmer", Outcome: StepOutcome.Completed });
        Assert.Equal(["vorherStorno"], HandlerTrail(state));
        Assert.Single(state.Waits, w => w.NodeId == "danach");
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void A_compensation_thrown_inside_the_called_process_undoes_its_steps_there_and_once()
    {
        var reise = Reise(afterFlug: "innen", extra: """
            <bpmn:intermediateThrowEvent id="innen"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="i1" sourceRef="innen" targetRef="rEnd" />
            """);
        using var p = new TestProcess(Antrag(reise), processId: "antrag");
        var state = p.Start().State;

        Assert.Empty(state.Incidents);
        // Undone inside "reise" before it completed; the caller's throw then finds only its own step.
        Assert.Equal(["flugStorno", "zimmerStorno", "vorherStorno"], HandlerTrail(state));
        Assert.True(Trail(state).IndexOf("zimmerStorno") < Trail(state).IndexOf("buchen"));
        Assert.Equal(1, Count(state, "flugStorno"));
    }

    [Fact]
    public void Nested_calls_are_undone_through_every_level_latest_first()
    {
        var b = $"""
            <bpmn:process id="b" isExecutable="true">
              <bpmn:startEvent id="bStart" />
              {Compensable("bSchritt", "bWert = 'B'", "bWert")}
              <bpmn:callActivity id="rufeC" calledElement="c" />
              <bpmn:endEvent id="bEnd" />
              {Flow("fb", "bStart", "bSchritt", "rufeC", "bEnd")}
            </bpmn:process>
            <bpmn:process id="c" isExecutable="true">
              <bpmn:startEvent id="cStart" />
              {Compensable("c1", "cWert = 1", "cWert")}
              {Compensable("c2", "cWert = 2", "cWert")}
              <bpmn:endEvent id="cEnd" />
              {Flow("fc", "cStart", "c1", "c2", "cEnd")}
            </bpmn:process>
            """;
        var a = Antrag(b).Replace("calledElement=\"reise\"", "calledElement=\"b\"", StringComparison.Ordinal)
            .Replace("""<camunda:out source="ref" target="ref" />""", "", StringComparison.Ordinal);
        using var p = new TestProcess(a, processId: "antrag");
        var run = p.Start();
        var state = run.State;

        Assert.Empty(state.Incidents);
        Assert.Equal(["c2Storno", "c1Storno", "bSchrittStorno", "vorherStorno"], Trail(state).Where(n => n.EndsWith("Storno", StringComparison.Ordinal)));
        Assert.Equal(["c", "c", "b"], run.Steps.Where(s => s.NodeId is "c2Storno" or "c1Storno" or "bSchrittStorno").Select(s => s.ProcessId));
        Assert.Empty(state.Scopes);
        Assert.Null(state.Compensations);
    }
}

using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// Compensation of completed sub-processes (BPMN 2.0 §10.7), waitForCompletion="false", and transactions with cancel
/// end and boundary events (§10.5.5).
/// </summary>
public sealed class TransactionTests
{
    private static string Logs(string id, string text, bool handler = false) =>
        $"""<bpmn:scriptTask id="{id}" scriptFormat="javascript"{(handler ? " isForCompensation=\"true\"" : "")}><bpmn:script>log = log.concat(["{text}"])</bpmn:script></bpmn:scriptTask>""";

    /// <summary>A step that logs what it did, with a compensation handler that logs the undo.</summary>
    private static string Undoable(string id, string done, string undone) => $"""
        {Logs(id, done)}
        <bpmn:boundaryEvent id="{id}_komp" attachedToRef="{id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        {Logs(id + "Storno", undone, handler: true)}
        <bpmn:association id="{id}_a" sourceRef="{id}_komp" targetRef="{id}Storno" />
        """;

    private static string Flow(string id, string from, string to) => $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />""";

    /// <summary>
    /// start → sub-process "reise" (room, then a nested package of flight and seat) → "stornieren" (compensation throw) →
    /// "danach". <paramref name="extra"/> goes into the process (a handler of the sub-process itself).
    /// </summary>
    private static string Travel(string throwDefinition = "<bpmn:compensateEventDefinition />", string extra = "") => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:subProcess id="reise" name="Reise buchen">
            <bpmn:startEvent id="rs" />
            {Undoable("zimmer", "Zimmer gebucht", "Zimmer storniert")}
            <bpmn:subProcess id="paket">
              <bpmn:startEvent id="ps" />
              {Undoable("flug", "Flug gebucht", "Flug storniert")}
              {Undoable("sitz", "Sitz gebucht", "Sitz storniert")}
              <bpmn:endEvent id="pe" />
              {Flow("p1", "ps", "flug")}{Flow("p2", "flug", "sitz")}{Flow("p3", "sitz", "pe")}
            </bpmn:subProcess>
            <bpmn:endEvent id="re" />
            {Flow("r1", "rs", "zimmer")}{Flow("r2", "zimmer", "paket")}{Flow("r3", "paket", "re")}
          </bpmn:subProcess>
          {extra}
          <bpmn:intermediateThrowEvent id="stornieren">{throwDefinition}</bpmn:intermediateThrowEvent>
          <bpmn:userTask id="danach" />
          <bpmn:endEvent id="end" />
          {Flow("f1", "start", "reise")}{Flow("f2", "reise", "stornieren")}{Flow("f3", "stornieren", "danach")}{Flow("f4", "danach", "end")}
        </bpmn:process>
        """;

    private static List<object?> Log(CaseState state) => (List<object?>)state.Variables["log"]!;

    private static CaseState Reload(CaseState state) => JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;

    [Fact]
    public void Compensating_a_completed_sub_process_undoes_its_inner_steps_latest_first_nested_ones_included()
    {
        using var p = new TestProcess(Travel());
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Sitz gebucht", "Sitz storniert", "Flug storniert", "Zimmer storniert"], Log(state));
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
        Assert.Null(state.Compensations);
    }

    [Fact]
    public void An_activity_ref_naming_the_sub_process_undoes_its_inner_steps_and_a_second_throw_finds_nothing()
    {
        var body = Travel("""<bpmn:compensateEventDefinition activityRef="reise" />""")
            .Replace("""<bpmn:userTask id="danach" />""", """<bpmn:intermediateThrowEvent id="danach"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>""", StringComparison.Ordinal)
            .Replace(Flow("f4", "danach", "end"), Flow("f4", "danach", "warte") + """<bpmn:userTask id="warte" />""" + Flow("f5", "warte", "end"), StringComparison.Ordinal);
        using var p = new TestProcess(body);
        var state = p.Start(("log", new List<object?>())).State;
        // Each handler ran once: the second throw had nothing left to undo.
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Sitz gebucht", "Sitz storniert", "Flug storniert", "Zimmer storniert"], Log(state));
        Assert.Equal("nothing to compensate", state.History.Single(h => h.NodeId == "danach").Detail);
    }

    [Fact]
    public void A_sub_process_with_its_own_handler_is_undone_by_that_handler_only()
    {
        using var p = new TestProcess(Travel(extra: $"""
            <bpmn:boundaryEvent id="reise_komp" attachedToRef="reise"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            {Logs("reiseStorno", "Reise storniert", handler: true)}
            <bpmn:association id="reise_a" sourceRef="reise_komp" targetRef="reiseStorno" />
            """));
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Sitz gebucht", "Reise storniert"], Log(state));
    }

    [Fact]
    public void The_inner_steps_of_a_sub_process_that_has_not_completed_are_not_undone_from_outside()
    {
        // The throw runs in a parallel branch while the sub-process still waits inside: its room is not undone.
        var body = Travel().Replace(Flow("r2", "zimmer", "paket"), Flow("r2", "zimmer", "warten") + """<bpmn:userTask id="warten" />""" + Flow("r2b", "warten", "paket"), StringComparison.Ordinal)
            .Replace(Flow("f1", "start", "reise"), """<bpmn:parallelGateway id="split" />""" + Flow("f1", "start", "split") + Flow("f1a", "split", "reise") + Flow("f1b", "split", "stornieren"), StringComparison.Ordinal)
            .Replace(Flow("f2", "reise", "stornieren"), Flow("f2", "reise", "end2") + """<bpmn:endEvent id="end2" />""", StringComparison.Ordinal);
        using var p = new TestProcess(body);
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["Zimmer gebucht"], Log(state));
        Assert.Equal("nothing to compensate", state.History.Single(h => h.NodeId == "stornieren").Detail);
        p.Complete(state, "warten");
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Sitz gebucht"], Log(state));
    }

    [Fact]
    public void Without_wait_for_completion_the_thrower_goes_on_and_the_handlers_run_side_by_side_across_a_restart()
    {
        var body = Travel("""<bpmn:compensateEventDefinition waitForCompletion="false" />""")
            .Replace(Logs("zimmerStorno", "Zimmer storniert", handler: true), """<bpmn:userTask id="zimmerStorno" isForCompensation="true" />""", StringComparison.Ordinal)
            .Replace(Logs("flugStorno", "Flug storniert", handler: true), """<bpmn:userTask id="flugStorno" isForCompensation="true" />""", StringComparison.Ordinal);
        using var p = new TestProcess(body);
        var state = p.Start(("log", new List<object?>())).State;
        // Both human handlers and the step after the thrower are open at once; the script handler already ran.
        Assert.Equal(["danach", "flugStorno", "zimmerStorno"], state.Waits.Select(w => w.NodeId).Order(StringComparer.Ordinal));
        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Sitz gebucht", "Sitz storniert"], Log(state));
        Assert.Equal(StepOutcome.Completed, state.History.Single(h => h.NodeId == "stornieren").Outcome);

        state = Reload(state);
        p.Complete(state, "danach");
        Assert.Equal(CaseStatus.Waiting, state.Status);
        p.Complete(state, "zimmerStorno");
        p.Complete(state, "flugStorno");
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void With_wait_for_completion_the_thrower_waits_for_one_handler_after_the_other()
    {
        var body = Travel("""<bpmn:compensateEventDefinition waitForCompletion="true" />""")
            .Replace(Logs("zimmerStorno", "Zimmer storniert", handler: true), """<bpmn:userTask id="zimmerStorno" isForCompensation="true" />""", StringComparison.Ordinal);
        using var p = new TestProcess(body);
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["zimmerStorno"], state.Waits.Select(w => w.NodeId));
        p.Complete(state, "zimmerStorno");
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
    }

    // ---- transactions ----------------------------------------------------------------------------------------

    /// <summary>
    /// A transaction books a room and a flight, then asks for approval: "ok" ends it normally, otherwise its cancel end
    /// event cancels it. A parallel branch inside waits at "nachfassen". The cancel boundary leads to "abgebrochen".
    /// </summary>
    private static string Booking(string afterTransaction = "") => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:transaction id="tx" name="Buchung">
            <bpmn:startEvent id="ts" />
            <bpmn:parallelGateway id="split" />
            {Undoable("zimmer", "Zimmer gebucht", "Zimmer storniert")}
            {Undoable("flug", "Flug gebucht", "Flug storniert")}
            <bpmn:userTask id="nachfassen" />
            <bpmn:endEvent id="ne" />
            <bpmn:userTask id="genehmigen" />
            <bpmn:exclusiveGateway id="ok" default="nein" />
            <bpmn:endEvent id="fertig" />
            <bpmn:endEvent id="abbrechen" name="Buchung abbrechen"><bpmn:cancelEventDefinition /></bpmn:endEvent>
            {Flow("t1", "ts", "split")}{Flow("t2", "split", "zimmer")}{Flow("t3", "split", "nachfassen")}{Flow("t4", "nachfassen", "ne")}
            {Flow("t5", "zimmer", "flug")}{Flow("t6", "flug", "genehmigen")}{Flow("t7", "genehmigen", "ok")}
            <bpmn:sequenceFlow id="ja" sourceRef="ok" targetRef="fertig"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">genehmigt</bpmn:conditionExpression></bpmn:sequenceFlow>
            {Flow("nein", "ok", "abbrechen")}
          </bpmn:transaction>
          <bpmn:boundaryEvent id="storniert" attachedToRef="tx"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
          <bpmn:userTask id="abgebrochen" />
          <bpmn:userTask id="bestaetigt" />
          {afterTransaction}
          <bpmn:endEvent id="e1" />
          <bpmn:endEvent id="e2" />
          {Flow("f1", "start", "tx")}{Flow("f2", "tx", "bestaetigt")}{Flow("f3", "bestaetigt", "e1")}
          {Flow("f4", "storniert", "abgebrochen")}{Flow("f5", "abgebrochen", "e2")}
        </bpmn:process>
        """;

    [Fact]
    public void A_cancel_end_event_ends_the_transaction_undoes_its_work_and_goes_on_at_the_cancel_boundary()
    {
        using var p = new TestProcess(Booking());
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Equal(["genehmigen", "nachfassen"], state.Waits.Select(w => w.NodeId).Order(StringComparer.Ordinal));
        p.Complete(state, "genehmigen", ("genehmigt", false));

        Assert.Equal(["Zimmer gebucht", "Flug gebucht", "Flug storniert", "Zimmer storniert"], Log(state));
        Assert.Equal(["abgebrochen"], state.Waits.Select(w => w.NodeId));
        Assert.Contains(state.History, h => h.NodeId == "nachfassen" && h.Outcome == StepOutcome.Interrupted);
        Assert.Contains(state.History, h => h.NodeId == "tx" && h.Outcome == StepOutcome.Interrupted);
        Assert.DoesNotContain(state.History, h => h.NodeId == "tx" && h.Outcome == StepOutcome.Completed);
        Assert.DoesNotContain(state.History, h => h.NodeId == "bestaetigt");
        Assert.Empty(state.Scopes);
        Assert.Null(state.Compensations);
        p.Complete(state, "abgebrochen");
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void A_transaction_that_completes_leaves_by_its_flow_and_is_undone_later_as_a_sub_process()
    {
        using var p = new TestProcess(Booking());
        var state = p.Start(("log", new List<object?>())).State;
        p.Complete(state, "nachfassen");
        p.Complete(state, "genehmigen", ("genehmigt", true));
        Assert.Equal(["bestaetigt"], state.Waits.Select(w => w.NodeId));
        Assert.Equal(["Zimmer gebucht", "Flug gebucht"], Log(state));
        Assert.Contains(state.History, h => h.NodeId == "tx" && h.Outcome == StepOutcome.Completed);
        // The completed transaction keeps its inner work undoable.
        Assert.Equal("tx", Assert.Single(state.Compensations!).ActivityId);
    }

    [Fact]
    public void Human_handlers_of_a_cancelled_transaction_run_one_after_another_across_a_restart_before_the_boundary()
    {
        var body = Booking()
            .Replace(Logs("zimmerStorno", "Zimmer storniert", handler: true), """<bpmn:userTask id="zimmerStorno" isForCompensation="true" />""", StringComparison.Ordinal)
            .Replace(Logs("flugStorno", "Flug storniert", handler: true), """<bpmn:userTask id="flugStorno" isForCompensation="true" />""", StringComparison.Ordinal);
        using var p = new TestProcess(body);
        var state = p.Start(("log", new List<object?>())).State;
        p.Complete(state, "genehmigen", ("genehmigt", false));
        Assert.Equal(["flugStorno"], state.Waits.Select(w => w.NodeId));

        state = Reload(state);
        Assert.True(Assert.Single(state.Scopes).Cancelled);
        p.Complete(state, "flugStorno");
        Assert.Equal(["zimmerStorno"], state.Waits.Select(w => w.NodeId));
        p.Complete(state, "zimmerStorno");
        Assert.Equal(["abgebrochen"], state.Waits.Select(w => w.NodeId));
    }

    [Fact]
    public void A_transaction_cancelled_before_anything_completed_goes_straight_to_its_boundary()
    {
        var body = Booking().Replace(Flow("t2", "split", "zimmer"), Flow("t2", "split", "vorab") + """<bpmn:endEvent id="vorab"><bpmn:cancelEventDefinition /></bpmn:endEvent>""", StringComparison.Ordinal);
        using var p = new TestProcess(body, validate: false);
        var state = p.Start(("log", new List<object?>())).State;
        Assert.Empty(Log(state));
        Assert.Equal(["abgebrochen"], state.Waits.Select(w => w.NodeId));
    }

    private static List<Diagnostic> Findings(string body) =>
        [.. Validation.DefinitionValidator.Validate(BpmnReader.ReadText(Header + body + "</bpmn:definitions>", "tx.bpmn"))];

    [Fact]
    public void A_cancel_event_outside_a_transaction_is_refused_with_element_line_and_german_text()
    {
        var body = $"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:subProcess id="sub">
                <bpmn:startEvent id="ss" />
                <bpmn:endEvent id="innen" name="Abbruch im Teilprozess"><bpmn:cancelEventDefinition /></bpmn:endEvent>
                {Flow("s1", "ss", "innen")}
              </bpmn:subProcess>
              <bpmn:boundaryEvent id="amTeilprozess" attachedToRef="sub"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
              <bpmn:endEvent id="oben"><bpmn:cancelEventDefinition /></bpmn:endEvent>
              <bpmn:endEvent id="e" />
              {Flow("f1", "start", "sub")}{Flow("f2", "sub", "oben")}{Flow("f3", "amTeilprozess", "e")}
            </bpmn:process>
            """;
        var findings = Findings(body);
        var innenLine = (Header + body).Split('\n').ToList().FindIndex(l => l.Contains("id=\"innen\"", StringComparison.Ordinal)) + 1;
        var errors = findings.Where(d => d is { Severity: DiagnosticSeverity.Error, Code: "cancel-outside-transaction" }).ToList();
        Assert.Equal(["amTeilprozess", "innen", "oben"], errors.Select(e => e.ElementId).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.NotNull(e.Position));
        Assert.Equal(innenLine, errors.Single(e => e.ElementId == "innen").Position!.Value.Line);
        Assert.Contains("Transaktion", Texte.Diagnose(errors[0]), StringComparison.Ordinal);
        Assert.DoesNotContain(findings, d => d.Code == "unsupported-element");
    }

    [Fact]
    public void A_transaction_without_cancel_boundary_is_a_warning_and_a_good_one_validates_clean()
    {
        Assert.DoesNotContain(Findings(Booking()), d => d.Severity == DiagnosticSeverity.Error);
        var findings = Findings(Booking().Replace("""<bpmn:boundaryEvent id="storniert" attachedToRef="tx"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>""",
            "", StringComparison.Ordinal).Replace(Flow("f4", "storniert", "abgebrochen"), Flow("f4", "start", "abgebrochen"), StringComparison.Ordinal));
        var warning = Assert.Single(findings, d => d.Code == "cancel-without-boundary");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("tx", warning.ElementId);
    }
}

using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// camunda:inputOutput on activities other than service tasks: inputs are locals of the activity's execution (its task,
/// script, content and boundary conditions see them), outputs are set in the enclosing scope, and the locals vanish.
/// </summary>
public sealed class IoParameterTests
{
    private static string Process(string activity, string after = "") => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          {activity}
          <bpmn:userTask id="danach" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
          <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="danach" />
          <bpmn:sequenceFlow id="f3" sourceRef="danach" targetRef="end" />
          {after}
        </bpmn:process>
        """;

    private static string Io(string inputs, string outputs = "") =>
        $"<bpmn:extensionElements><camunda:inputOutput>{inputs}{outputs}</camunda:inputOutput></bpmn:extensionElements>";

    private static Dictionary<string, object?> Seen(TestProcess p, CaseState state, string nodeId) =>
        p.Engine.VariablesOf(p.Definition, state, Wait(state, nodeId));

    private static int Interrupted(CaseState state, string nodeId) =>
        state.History.Count(h => h.NodeId == nodeId && h.Outcome == StepOutcome.Interrupted);

    [Fact]
    public void A_user_task_sees_its_inputs_the_case_does_not_and_only_the_outputs_reach_the_case()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a" name="Antrag prüfen">{Io(
                """<camunda:inputParameter name="grenze">${betrag * 2}</camunda:inputParameter><camunda:inputParameter name="stelle">Wohngeldstelle</camunda:inputParameter>""",
                """<camunda:outputParameter name="ergebnis">${entscheidung} bis ${grenze}</camunda:outputParameter>""")}</bpmn:userTask>
            """));
        var state = p.Start(("betrag", 150d)).State;

        var seen = Seen(p, state, "a");
        Assert.Equal(300d, seen["grenze"]);
        Assert.Equal("Wohngeldstelle", seen["stelle"]);
        Assert.Equal(150d, seen["betrag"]);
        Assert.False(state.Variables.ContainsKey("grenze"));

        p.Complete(state, "a", ("entscheidung", "bewilligt"));
        Assert.Equal("bewilligt bis 300", state.Variables["ergebnis"]);
        // A completion value without a local of its name reaches the case; the locals do not.
        Assert.Equal("bewilligt", state.Variables["entscheidung"]);
        Assert.False(state.Variables.ContainsKey("grenze"));
        Assert.False(state.Variables.ContainsKey("stelle"));
        Assert.Equal(1, Count(state, "a"));
        Assert.Single(state.Waits, w => w.NodeId == "danach");
    }

    [Fact]
    public void A_completion_value_named_like_an_input_stays_local_and_vanishes_without_an_output()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("""<camunda:inputParameter name="notiz">vorbelegt</camunda:inputParameter>""")}</bpmn:userTask>
            """));
        var state = p.Start(("notiz", "vom Antrag")).State;
        Assert.Equal("vorbelegt", Seen(p, state, "a")["notiz"]);

        p.Complete(state, "a", ("notiz", "von der Sachbearbeitung"));
        Assert.Equal("vom Antrag", state.Variables["notiz"]);
    }

    [Fact]
    public void A_script_task_reads_and_writes_its_locals_and_an_output_carries_a_local_out()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:scriptTask id="a" scriptFormat="javascript">{Io(
                """<camunda:inputParameter name="zaehler">${start}</camunda:inputParameter>""",
                """<camunda:outputParameter name="ende">${zaehler}</camunda:outputParameter>""")}
              <bpmn:script>zaehler = zaehler + 1; spur = "lief";</bpmn:script>
            </bpmn:scriptTask>
            """));
        var state = p.Start(("start", 41d)).State;

        Assert.Equal(42d, state.Variables["ende"]);
        Assert.Equal("lief", state.Variables["spur"]);
        Assert.False(state.Variables.ContainsKey("zaehler"));
        Assert.DoesNotContain(state.History, h => h.Outcome != StepOutcome.Completed);
    }

    [Fact]
    public void The_content_of_a_sub_process_sees_its_inputs()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:subProcess id="a">{Io(
                """<camunda:inputParameter name="kopf">Az. ${az}</camunda:inputParameter>""",
                """<camunda:outputParameter name="titel">${kopf}</camunda:outputParameter>""")}
              <bpmn:startEvent id="s1" />
              <bpmn:userTask id="innen" />
              <bpmn:endEvent id="e1" />
              <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="innen" />
              <bpmn:sequenceFlow id="i2" sourceRef="innen" targetRef="e1" />
            </bpmn:subProcess>
            """));
        var state = p.Start(("az", "W-7")).State;
        Assert.Equal("Az. W-7", Seen(p, state, "innen")["kopf"]);

        p.Complete(state, "innen");
        Assert.Equal("Az. W-7", state.Variables["titel"]);
        Assert.False(state.Variables.ContainsKey("kopf"));
        Assert.Equal(1, Count(state, "a"));
        Assert.Equal(1, Count(state, "innen"));
    }

    [Theory]
    [InlineData(250d, true)]
    [InlineData(50d, false)]
    public void A_conditional_boundary_sees_the_activity_s_inputs(double betrag, bool fires)
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("""<camunda:inputParameter name="grenze">${100}</camunda:inputParameter>""")}</bpmn:userTask>
            """, """
            <bpmn:boundaryEvent id="zuviel" attachedToRef="a">
              <bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${betrag > grenze}</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:userTask id="pruefen" />
            <bpmn:sequenceFlow id="b1" sourceRef="zuviel" targetRef="pruefen" />
            """));
        var state = p.Start(("betrag", betrag)).State;

        Assert.Equal(fires, state.Waits.Any(w => w.NodeId == "pruefen"));
        Assert.Equal(!fires, state.Waits.Any(w => w.NodeId == "a"));
        // The interrupted task is one step, recorded once (by its execution, not also by the token holding it).
        Assert.Equal(fires ? 1 : 0, Interrupted(state, "a"));
        if (fires) Assert.DoesNotContain(state.Scopes, s => s.Parameters);
    }

    [Fact]
    public void A_timer_boundary_interrupts_the_activity_once_and_the_path_goes_on_outside_its_scope()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("""<camunda:inputParameter name="lokal">x</camunda:inputParameter>""",
                """<camunda:outputParameter name="raus">${lokal}</camunda:outputParameter>""")}</bpmn:userTask>
            """, """
            <bpmn:boundaryEvent id="frist" attachedToRef="a"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:scriptTask id="mahnen" scriptFormat="javascript"><bpmn:script>gesehen = typeof lokal</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="e2" />
            <bpmn:sequenceFlow id="b1" sourceRef="frist" targetRef="mahnen" />
            <bpmn:sequenceFlow id="b2" sourceRef="mahnen" targetRef="e2" />
            """));
        var state = p.Start().State;
        p.FireTimer(state, "frist");

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Interrupted(state, "a"));
        Assert.Equal("undefined", state.Variables["gesehen"]);
        Assert.False(state.Variables.ContainsKey("raus"));
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void A_non_interrupting_message_leaves_the_activity_and_its_locals_alone_and_its_path_runs_outside()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("""<camunda:inputParameter name="lokal">x</camunda:inputParameter>""",
                """<camunda:outputParameter name="raus">${lokal}</camunda:outputParameter>""")}</bpmn:userTask>
            """, """
            <bpmn:boundaryEvent id="nachfrage" attachedToRef="a" cancelActivity="false"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>
            <bpmn:userTask id="antworten" />
            <bpmn:sequenceFlow id="b1" sourceRef="nachfrage" targetRef="antworten" />
            """).Replace("<bpmn:process", """<bpmn:message id="m" name="Nachfrage" /><bpmn:process""", StringComparison.Ordinal));
        var state = p.Start().State;
        Assert.True(p.Engine.CorrelateMessage(p.Definition, state, "Nachfrage", null, [new("frage", "Wann?")]).Matched);

        Assert.Equal(0, Wait(state, "antworten").ScopeId);
        Assert.False(p.Engine.VariablesOf(p.Definition, state, Wait(state, "antworten")).ContainsKey("lokal"));
        Assert.Equal("x", Seen(p, state, "a")["lokal"]);
        Assert.Equal("Wann?", state.Variables["frage"]);

        p.Complete(state, "a");
        Assert.Equal("x", state.Variables["raus"]);
        Assert.Equal(0, Interrupted(state, "a"));
    }

    [Fact]
    public void A_terminate_end_event_beside_the_activity_records_its_interruption_once()
    {
        using var p = new TestProcess($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" />
              <bpmn:userTask id="a">{Io("""<camunda:inputParameter name="lokal">x</camunda:inputParameter>""")}</bpmn:userTask>
              <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="a" />
              <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="stop" />
            </bpmn:process>
            """);
        var state = p.Start().State;

        Assert.Equal(CaseStatus.Terminated, state.Status);
        Assert.Equal(1, Interrupted(state, "a"));
        Assert.Empty(state.Scopes);
        Assert.Empty(state.Waits);
    }

    [Fact]
    public void An_error_inside_a_sub_process_with_parameters_is_caught_by_its_boundary_in_the_enclosing_scope()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:subProcess id="a">{Io("""<camunda:inputParameter name="lokal">x</camunda:inputParameter>""")}
              <bpmn:startEvent id="s1" />
              <bpmn:endEvent id="fehler"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>
              <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="fehler" />
            </bpmn:subProcess>
            """, """
            <bpmn:boundaryEvent id="gefangen" attachedToRef="a"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>
            <bpmn:userTask id="klaeren" />
            <bpmn:sequenceFlow id="b1" sourceRef="gefangen" targetRef="klaeren" />
            """).Replace("<bpmn:process", """<bpmn:error id="err" errorCode="E1" /><bpmn:process""", StringComparison.Ordinal));
        var state = p.Start().State;

        var task = Wait(state, "klaeren");
        Assert.Equal(0, task.ScopeId);
        Assert.Equal(1, Interrupted(state, "a"));
        Assert.Empty(state.Scopes);
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "danach");
    }

    [Fact]
    public void A_failing_input_raises_an_incident_before_the_task_exists()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a" name="Prüfen">{Io("""<camunda:inputParameter name="x">${gibtsnicht + 1}</camunda:inputParameter>""")}</bpmn:userTask>
            """));
        var state = p.Start().State;

        var incident = Assert.Single(state.Incidents);
        Assert.Equal("input-parameter-failed", incident.Code);
        Assert.Contains("„x“", incident.Message, StringComparison.Ordinal);
        Assert.Contains("Prüfen", incident.Message, StringComparison.Ordinal);
        Assert.Empty(state.Waits);
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void Failing_outputs_write_nothing_and_a_retry_evaluates_them_again_without_running_the_task_twice()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("", """
                <camunda:outputParameter name="erstes">${1}</camunda:outputParameter>
                <camunda:outputParameter name="zweites">${fehlt + 1}</camunda:outputParameter>
                """)}</bpmn:userTask>
            """));
        var state = p.Start().State;
        p.Complete(state, "a");

        var incident = Assert.Single(state.Incidents);
        Assert.Equal("output-parameter-failed", incident.Code);
        Assert.False(state.Variables.ContainsKey("erstes"));
        Assert.Empty(state.Waits);

        p.Engine.RetryIncident(p.Definition, state, incident.Id);
        Assert.Single(state.Incidents);
        Assert.Empty(state.Waits);
        Assert.Equal(1, Count(state, "a"));
    }

    [Fact]
    public void Each_multi_instance_instance_evaluates_its_own_inputs_and_its_output_fills_the_output_collection()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">
              {Io("""<camunda:inputParameter name="titel">Antrag ${antrag}</camunda:inputParameter>""",
                  """<camunda:outputParameter name="ergebnis">${titel}: ${urteil}</camunda:outputParameter>""")}
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="{"${antraege}"}" camunda:elementVariable="antrag">
                <bpmn:loopDataOutputRef>ergebnisse</bpmn:loopDataOutputRef>
                <bpmn:outputDataItem name="ergebnis" />
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            """));
        var state = p.Start(("antraege", new List<object?> { "A", "B" })).State;
        var tasks = state.Waits.Where(w => w.NodeId == "a").ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Equal(new object?[] { "Antrag A", "Antrag B" }, tasks.Select(t => p.Engine.VariablesOf(p.Definition, state, t)["titel"]).ToArray());

        p.Engine.CompleteTask(p.Definition, state, tasks[1].Id, [new("urteil", "nein")]);
        p.Engine.CompleteTask(p.Definition, state, tasks[0].Id, [new("urteil", "ja")]);

        Assert.Equal(new List<object?> { "Antrag A: ja", "Antrag B: nein" }, state.Variables["ergebnisse"]);
        Assert.False(state.Variables.ContainsKey("titel"));
        Assert.Equal(2, Count(state, "a"));
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void List_map_and_javascript_values_are_evaluated()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("""
                <camunda:inputParameter name="liste"><camunda:list><camunda:value>fest</camunda:value><camunda:value>${az}</camunda:value></camunda:list></camunda:inputParameter>
                <camunda:inputParameter name="karte"><camunda:map><camunda:entry key="az">${az}</camunda:entry><camunda:entry key="teile"><camunda:list><camunda:value>1</camunda:value></camunda:list></camunda:entry></camunda:map></camunda:inputParameter>
                <camunda:inputParameter name="skript"><camunda:script scriptFormat="javascript">az.length * 2</camunda:script></camunda:inputParameter>
                """)}</bpmn:userTask>
            """));
        var state = p.Start(("az", "W-12")).State;
        var seen = Seen(p, state, "a");

        Assert.Equal(new List<object?> { "fest", "W-12" }, seen["liste"]);
        var karte = Assert.IsType<Dictionary<string, object?>>(seen["karte"]);
        Assert.Equal("W-12", karte["az"]);
        Assert.Equal(new List<object?> { "1" }, karte["teile"]);
        Assert.Equal(8d, seen["skript"]);
    }

    [Fact]
    public void A_step_bound_to_a_topic_takes_its_parameters_as_its_external_task_s_inputs_without_a_scope()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:serviceTask id="a" camunda:type="external" camunda:topic="xmeld">{Io(
                """<camunda:inputParameter name="daten"><camunda:map><camunda:entry key="az">${az}</camunda:entry></camunda:map></camunda:inputParameter>""",
                """<camunda:outputParameter name="ergebnis">${antwort}-${daten.az}</camunda:outputParameter>""")}</bpmn:serviceTask>
            """));
        using var engine = new WorkflowEngine(new EngineOptions { Clock = p.Clock, UnknownActions = UnknownActionPolicy.ExternalTask });
        var state = engine.Start(p.Definition, [new("az", "W-5")]).State;

        var task = Wait(state, "a");
        Assert.Equal(WaitKind.ExternalTask, task.Kind);
        Assert.Equal("xmeld", task.Topic);
        Assert.Equal("W-5", Assert.IsType<Dictionary<string, object?>>(task.Inputs!["daten"])["az"]);
        Assert.Empty(state.Scopes);

        engine.CompleteExternalTask(p.Definition, state, task.Id, [new("antwort", "ok")]);
        Assert.Equal("ok-W-5", state.Variables["ergebnis"]);
        Assert.False(state.Variables.ContainsKey("antwort"));
        Assert.False(state.Variables.ContainsKey("daten"));
    }

    [Fact]
    public void A_send_task_of_an_external_topic_is_an_external_task_with_its_parameters()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:sendTask id="a" camunda:type="external" camunda:topic="versand">{Io("""<camunda:inputParameter name="an">${mail}</camunda:inputParameter>""")}</bpmn:sendTask>
            """));
        using var engine = new WorkflowEngine(new EngineOptions { Clock = p.Clock, UnknownActions = UnknownActionPolicy.ExternalTask });
        var state = engine.Start(p.Definition, [new("mail", "a@stadt.example")]).State;

        var task = Wait(state, "a");
        Assert.Equal((WaitKind.ExternalTask, "versand"), (task.Kind, task.Topic));
        Assert.Equal("a@stadt.example", task.Inputs!["an"]);
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void Cancelling_the_case_records_the_task_as_interrupted_once()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("""<camunda:inputParameter name="lokal">x</camunda:inputParameter>""")}</bpmn:userTask>
            """));
        var state = p.Start().State;
        p.Engine.Cancel(p.Definition, state);

        Assert.Equal(CaseStatus.Cancelled, state.Status);
        Assert.Equal(1, Interrupted(state, "a"));
        Assert.Empty(state.Scopes);
        Assert.Empty(state.Waits);
    }

    [Fact]
    public void The_parameter_scope_survives_a_json_round_trip()
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="a">{Io("""<camunda:inputParameter name="lokal">${az}</camunda:inputParameter>""",
                """<camunda:outputParameter name="raus">${lokal}</camunda:outputParameter>""")}</bpmn:userTask>
            """));
        var state = p.Start(("az", "W-3")).State;
        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;

        p.Complete(copy, "a");
        Assert.Equal("W-3", copy.Variables["raus"]);
        Assert.False(copy.Variables.ContainsKey("lokal"));
        Assert.Single(copy.Waits, w => w.NodeId == "danach");
    }

    [Fact]
    public void Without_parameters_the_case_document_keeps_its_shape()
    {
        using var p = new TestProcess(Process("""<bpmn:userTask id="a" />"""));
        var json = JsonSerializer.Serialize(p.Start().State);
        Assert.DoesNotContain("Parameters", json, StringComparison.Ordinal);
        Assert.DoesNotContain("CandidateUsers", json, StringComparison.Ordinal);
    }
}

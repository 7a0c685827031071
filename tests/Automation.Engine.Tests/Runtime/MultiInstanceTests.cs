using System.Text.Json;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>multiInstanceLoopCharacteristics: parallel and sequential instances, their variables, boundaries, ledger and state.</summary>
public sealed class MultiInstanceTests
{
    private static string Process(string activity, string after = "") => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          {activity}
          <bpmn:userTask id="danach" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="mi" />
          <bpmn:sequenceFlow id="f2" sourceRef="mi" targetRef="danach" />
          <bpmn:sequenceFlow id="f3" sourceRef="danach" targetRef="end" />
          {after}
        </bpmn:process>
        """;

    private static List<WaitState> Waits(CaseState state, string nodeId) => [.. state.Waits.Where(w => w.NodeId == nodeId)];

    private static RunResult Complete(TestProcess p, CaseState state, WaitState wait, params (string Name, object? Value)[] values) =>
        p.Engine.CompleteTask(p.Definition, state, wait.Id, values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    /// <summary>
    /// A parallel sub-process per application: a script writes the instance's result from its element, a user task waits, a
    /// second script appends the element again. Completed in an order other than created, every result must still carry its
    /// own element: a leaked element variable would give the last-created one ("C") to every instance.
    /// </summary>
    private const string PerApplication = """
        <bpmn:subProcess id="mi" name="Antrag prüfen">
          <bpmn:multiInstanceLoopCharacteristics camunda:collection="${antraege}" camunda:elementVariable="antrag">
            <bpmn:loopDataOutputRef>ergebnisse</bpmn:loopDataOutputRef>
            <bpmn:outputDataItem name="ergebnis" />
          </bpmn:multiInstanceLoopCharacteristics>
          <bpmn:startEvent id="s1" />
          <bpmn:scriptTask id="vorbereiten" scriptFormat="javascript"><bpmn:script>ergebnis = antrag + ":" + loopCounter + "/" + nrOfInstances</bpmn:script></bpmn:scriptTask>
          <bpmn:userTask id="sichten" />
          <bpmn:scriptTask id="abschliessen" scriptFormat="javascript"><bpmn:script>ergebnis = ergebnis + "|" + antrag</bpmn:script></bpmn:scriptTask>
          <bpmn:endEvent id="e1" />
          <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="vorbereiten" />
          <bpmn:sequenceFlow id="i2" sourceRef="vorbereiten" targetRef="sichten" />
          <bpmn:sequenceFlow id="i3" sourceRef="sichten" targetRef="abschliessen" />
          <bpmn:sequenceFlow id="i4" sourceRef="abschliessen" targetRef="e1" />
        </bpmn:subProcess>
        """;

    [Fact]
    public void Parallel_instances_completed_out_of_order_keep_their_own_element_and_fill_the_output_in_instance_order()
    {
        using var p = new TestProcess(Process(PerApplication));
        var state = p.Start(("antraege", new List<object?> { "A", "B", "C" })).State;
        var tasks = Waits(state, "sichten");
        Assert.Equal(3, tasks.Count);
        Complete(p, state, tasks[2], ("bemerkung", "zuletzt angelegt, zuerst erledigt"));
        Complete(p, state, tasks[0]);
        Assert.Empty(Waits(state, "danach"));
        Complete(p, state, tasks[1], ("bemerkung", "zuletzt erledigt"));

        Assert.Single(Waits(state, "danach"));
        Assert.Equal(new List<object?> { "A:0/3|A", "B:1/3|B", "C:2/3|C" }, state.Variables["ergebnisse"]);
        // Instance-local names stay in the instances; what a task sets without a local of that name reaches the case.
        foreach (var local in new[] { "antrag", "ergebnis", "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances" })
            Assert.False(state.Variables.ContainsKey(local), local);
        Assert.Equal("zuletzt erledigt", state.Variables["bemerkung"]);
        Assert.Equal(3, Count(state, "vorbereiten"));
        Assert.Equal(3, Count(state, "mi"));
    }

    [Fact]
    public void Sequential_instances_run_one_after_another_and_see_the_counters()
    {
        using var p = new TestProcess(Process("""
            <bpmn:scriptTask id="mi" scriptFormat="javascript">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>${anzahl}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:script>protokoll = protokoll.concat([loopCounter + "/" + nrOfInstances + "/" + nrOfCompletedInstances + "/" + nrOfActiveInstances])</bpmn:script>
            </bpmn:scriptTask>
            """));
        var state = p.Start(("anzahl", 3), ("protokoll", new List<object?>())).State;
        Assert.Equal(new List<object?> { "0/3/0/1", "1/3/1/1", "2/3/2/1" }, state.Variables["protokoll"]);
        Assert.Single(Waits(state, "danach"));
        Assert.False(state.Variables.ContainsKey("loopCounter"));
    }

    [Fact]
    public void Sequential_user_tasks_open_the_next_instance_only_when_the_previous_one_is_done()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="mi">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="pruefer" camunda:elementVariable="person" />
            </bpmn:userTask>
            """));
        var state = p.Start(("pruefer", new List<object?> { "Amt 1", "Amt 2" })).State;
        var first = Assert.Single(Waits(state, "mi"));
        Complete(p, state, first);
        var second = Assert.Single(Waits(state, "mi"));
        Assert.NotEqual(first.Id, second.Id);
        Complete(p, state, second);
        Assert.Empty(Waits(state, "mi"));
        Assert.Single(Waits(state, "danach"));
    }

    [Theory]
    [InlineData("""<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition>""")]
    [InlineData("""<bpmn:completionCondition xsi:type="bpmn:tFormalExpression" language="https://www.omg.org/spec/DMN/20191111/FEEL/">nrOfCompletedInstances &gt;= 2</bpmn:completionCondition>""")]
    [InlineData("""<bpmn:completionCondition xsi:type="bpmn:tFormalExpression" language="juel">${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition>""")]
    public void A_completion_condition_ends_the_activity_early_and_cancels_the_open_instances(string condition)
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="mi">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>4</bpmn:loopCardinality>{condition}</bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            """));
        var state = p.Start().State;
        var tasks = Waits(state, "mi");
        Assert.Equal(4, tasks.Count);
        Complete(p, state, tasks[3]);
        Assert.Equal(3, Waits(state, "mi").Count);
        Complete(p, state, tasks[1]);
        Assert.Empty(Waits(state, "mi"));
        Assert.Single(Waits(state, "danach"));
        Assert.Equal(2, Count(state, "mi"));
        Assert.Equal(2, state.History.Count(h => h.NodeId == "mi" && h.Outcome == StepOutcome.Interrupted));
        Assert.Null(state.Loops);
    }

    [Fact]
    public void An_interrupting_boundary_timer_on_the_activity_ends_every_instance_once()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="mi"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            <bpmn:boundaryEvent id="frist" attachedToRef="mi"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="abgelaufen" />
            """, """<bpmn:sequenceFlow id="f4" sourceRef="frist" targetRef="abgelaufen" />"""));
        var state = p.Start().State;
        // One timer for the whole activity, not one per instance.
        Assert.Single(Waits(state, "frist"));
        Complete(p, state, Waits(state, "mi")[0]);
        p.FireTimer(state, "frist");

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Empty(state.Waits);
        Assert.Empty(state.Tokens);
        Assert.Equal(1, Count(state, "mi"));
        Assert.Equal(2, state.History.Count(h => h.NodeId == "mi" && h.Outcome == StepOutcome.Interrupted));
        Assert.Equal(["start", "mi", "frist", "abgelaufen"], Trail(state));
        Assert.Null(state.Loops);
    }

    [Fact]
    public void An_error_in_one_instance_reaches_the_boundary_of_the_whole_activity_and_cancels_the_others()
    {
        using var p = new TestProcess("""
            <bpmn:error id="err" errorCode="UNVOLLSTAENDIG" />
            """ + Process("""
            <bpmn:subProcess id="mi">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${akten}" camunda:elementVariable="akte" />
              <bpmn:startEvent id="s1" />
              <bpmn:exclusiveGateway id="vollstaendig" default="i3" />
              <bpmn:userTask id="bearbeiten" />
              <bpmn:endEvent id="fehlt"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>
              <bpmn:endEvent id="e1" />
              <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="vollstaendig" />
              <bpmn:sequenceFlow id="i2" sourceRef="vollstaendig" targetRef="fehlt"><bpmn:conditionExpression>akte == "leer"</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="i3" sourceRef="vollstaendig" targetRef="bearbeiten" />
              <bpmn:sequenceFlow id="i4" sourceRef="bearbeiten" targetRef="e1" />
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="nachfordern" attachedToRef="mi"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="abgebrochen" />
            """, """<bpmn:sequenceFlow id="f4" sourceRef="nachfordern" targetRef="abgebrochen" />"""));
        var state = p.Start(("akten", new List<object?> { "voll", "leer", "voll" })).State;

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Contains("abgebrochen", Trail(state));
        Assert.DoesNotContain("danach", Trail(state));
        Assert.Empty(state.Waits);
        Assert.Null(state.Loops);
    }

    [Fact]
    public void Instances_that_overwrite_their_counter_and_the_loop_counters_change_neither_the_order_nor_the_case()
    {
        using var p = new TestProcess(Process("""
            <bpmn:scriptTask id="mi" scriptFormat="javascript">
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:loopCardinality>3</bpmn:loopCardinality>
                <bpmn:loopDataOutputRef>werte</bpmn:loopDataOutputRef>
                <bpmn:outputDataItem name="wert" />
              </bpmn:multiInstanceLoopCharacteristics>
              <bpmn:script>wert = loopCounter * 10; loopCounter = "kaputt"; nrOfInstances = 99; nrOfCompletedInstances = -1</bpmn:script>
            </bpmn:scriptTask>
            """));
        var state = p.Start().State;
        Assert.Equal(new List<object?> { 0d, 10d, 20d }, state.Variables["werte"]);
        Assert.False(state.Variables.ContainsKey("nrOfInstances"));
        Assert.False(state.Variables.ContainsKey("nrOfCompletedInstances"));
        Assert.False(state.Variables.ContainsKey("loopCounter"));
        Assert.Single(Waits(state, "danach"));
    }

    [Fact]
    public void Every_instance_is_its_own_priced_step_in_the_ledger()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="mi" name="Gutachten prüfen">
              <bpmn:extensionElements><am:effort activity="6" complexity="medium" payLevel="gehoben" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            """));
        var state = p.Start().State;
        foreach (var task in Waits(state, "mi")) Complete(p, state, task);
        var entries = LedgerCalculator.PriceSteps(state.History, s => p.Definition.FindNode(s.NodeId), "1", FactorSet.Default, AuthorityType.Kommune);
        var instances = entries.Where(e => e.NodeId == "mi").ToList();
        Assert.Equal(3, instances.Count);
        Assert.Equal(3, instances.Select(e => e.Sequence).Distinct().Count());
        Assert.All(instances, e => Assert.True(e.StaffMinutes > 0));
    }

    [Fact]
    public void A_half_done_parallel_activity_survives_a_json_round_trip_and_continues_identically()
    {
        using var p = new TestProcess(Process(PerApplication));
        var state = p.Start(("antraege", new List<object?> { "A", "B", "C" })).State;
        Complete(p, state, Waits(state, "sichten")[1]);
        var json = JsonSerializer.Serialize(state);
        Assert.Contains("\"Locals\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Loops\"", json, StringComparison.Ordinal);
        var copy = JsonSerializer.Deserialize<CaseState>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(copy));

        foreach (var s in new[] { state, copy })
        {
            var open = Waits(s, "sichten");
            Complete(p, s, open[1]);
            Complete(p, s, open[0]);
        }
        Assert.Equal(new List<object?> { "A:0/3|A", "B:1/3|B", "C:2/3|C" }, copy.Variables["ergebnisse"]);
        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(copy));
    }

    [Fact]
    public void A_sequential_collection_survives_a_round_trip_between_instances()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="mi">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${orte}" camunda:elementVariable="ort" />
            </bpmn:userTask>
            """));
        var state = p.Start(("orte", new List<object?> { "Nord", new Dictionary<string, object?> { ["name"] = "Süd" } })).State;
        Complete(p, state, Assert.Single(Waits(state, "mi")));
        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(copy));
        Complete(p, copy, Assert.Single(Waits(copy, "mi")));
        Assert.Single(Waits(copy, "danach"));
    }

    [Fact]
    public void An_empty_collection_passes_the_activity_without_a_step_and_gives_an_empty_output()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="mi">
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:extensionElements><zeebe:loopCharacteristics xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" inputCollection="=antraege" inputElement="antrag" outputCollection="ergebnisse" outputElement="=ergebnis" /></bpmn:extensionElements>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            """));
        var state = p.Start(("antraege", new List<object?>())).State;
        Assert.Equal(0, Count(state, "mi"));
        Assert.Single(Waits(state, "danach"));
        Assert.Equal(new List<object?>(), state.Variables["ergebnisse"]);
    }

    [Fact]
    public void A_bpmn_loop_data_input_names_the_collection_variable_through_its_data_object()
    {
        using var p = new TestProcess(Process("""
            <bpmn:dataObject id="DataObject_1" name="Anlagen" />
            <bpmn:scriptTask id="mi" scriptFormat="javascript">
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:loopDataInputRef>DataObject_1</bpmn:loopDataInputRef>
                <bpmn:inputDataItem id="anlage" />
              </bpmn:multiInstanceLoopCharacteristics>
              <bpmn:script>gesehen = gesehen.concat([anlage])</bpmn:script>
            </bpmn:scriptTask>
            """));
        var state = p.Start(("Anlagen", new List<object?> { "Plan", "Foto" }), ("gesehen", new List<object?>())).State;
        Assert.Equal(new List<object?> { "Plan", "Foto" }, state.Variables["gesehen"]);
    }

    [Theory]
    [InlineData("-1", "ergab -1;")]
    [InlineData("2.5", "ergab 2,5;")]
    [InlineData("${'drei'}", "ergab „drei“;")]
    [InlineData("${nichtDa}", "ergab keinen Wert (null);")]
    [InlineData("${nichtDa.teil}", "lässt sich nicht auswerten")]
    [InlineData("1e9", "von 0 bis 10000")]
    public void A_bad_cardinality_at_run_time_is_an_incident_naming_the_activity(string cardinality, string expected)
    {
        using var p = new TestProcess(Process($"""
            <bpmn:userTask id="mi"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>{cardinality}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            """));
        var state = p.Start().State;
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(CaseStatus.Incident, state.Status);
        Assert.Equal("loop-cardinality-invalid", incident.Code);
        Assert.Equal("mi", incident.NodeId);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
        Assert.Contains("mi", incident.Message, StringComparison.Ordinal);
        Assert.Empty(state.Waits);
    }

    [Theory]
    [InlineData("\"A, B\"", "ergab „A, B“, keine Liste")]
    [InlineData("{\"a\": 1}", "ergab ein Objekt (Kontext), keine Liste")]
    [InlineData("null", "ergab keinen Wert (null), keine Liste")]
    public void A_collection_that_is_not_a_list_at_run_time_is_an_incident_naming_the_collection(string json, string expected)
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="mi"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${antraege}" camunda:elementVariable="a" /></bpmn:userTask>
            """));
        var state = p.Engine.Start(p.Definition, Variables.ParseObject($$"""{"antraege": {{json}}}""")).State;
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("loop-collection-not-list", incident.Code);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
        Assert.Contains("„antraege“ der Mehrfachausführung von mi", incident.Message, StringComparison.Ordinal);
        Assert.Null(state.Loops);
    }

    [Fact]
    public void Validation_refuses_a_multi_instance_without_count_or_collection_and_an_unparsable_cardinality()
    {
        var set = Reading.BpmnReader.ReadText(Header + Process("""
            <bpmn:userTask id="mi"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
            <bpmn:task id="zwei"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3 +</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task>
            <bpmn:task id="drei"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality language="groovy">3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task>
            """) + "</bpmn:definitions>", "loops.bpmn");
        var errors = Validation.DefinitionValidator.Validate(set).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Code == "invalid-loop" && d.ElementId == "mi" && d.Position is not null);
        Assert.Contains(errors, d => d.Code == "invalid-expression" && d.ElementId == "zwei" && d.Message.Contains("loopCardinality", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Code == "unsupported-expression-language" && d.ElementId == "drei" && d.Message.Contains("groovy", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, d => d.Code == "unsupported-element");
    }
}

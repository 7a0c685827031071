using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Bpmn.BpmnTestSupport;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>One small document per validation rule; each asserts code, element id and line.</summary>
public class DefinitionValidatorTests
{
    private const string Start = "<bpmn:startEvent id=\"start\"/>\n<bpmn:sequenceFlow id=\"f0\" sourceRef=\"start\" targetRef=\"a\"/>\n";

    private static (IReadOnlyList<Diagnostic> Diagnostics, string Xml) Check(string body, string rootContent = "",
        Func<string, ProcessDefinition?>? resolve = null)
    {
        var xml = Process(body, rootContent: rootContent);
        return (DefinitionValidator.Validate(BpmnReader.ReadText(xml, "v.bpmn"), resolve), xml);
    }

    private static void AssertOnly(IReadOnlyList<Diagnostic> diagnostics, string code, string elementId, int line,
        DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        var d = Assert.Single(diagnostics);
        Assert.Equal((code, elementId, line, severity, "v.bpmn"), (d.Code, d.ElementId, d.Position?.Line ?? 0, d.Severity, d.File));
    }

    [Fact]
    public void A_valid_process_has_no_diagnostics()
    {
        var (diagnostics, _) = Check(Start + """
            <bpmn:userTask id="a"/>
            <bpmn:exclusiveGateway id="g" default="f3"/>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="g"/>
            <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e1"><bpmn:conditionExpression>${betrag > 100 &amp;&amp; art == 'neu'}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e2"/>
            <bpmn:boundaryEvent id="b" attachedToRef="a"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="e2"/>
            """);

        Assert.Empty(diagnostics);
        Assert.False(diagnostics.HasErrors());
    }

    [Fact]
    public void Duplicate_ids_are_reported_at_the_second_occurrence()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:task id="a"/>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="e"/>
            <bpmn:task id="a" name="zweimal"/>
            """);

        var d = Single(diagnostics, DiagnosticCodes.DuplicateId);
        Assert.Equal(("a", LineOf(xml, "name=\"zweimal\"")), (d.ElementId, d.Position?.Line));
        Assert.Contains($"first used at line {LineOf(xml, "<bpmn:task id=\"a\"/>")}", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flow_to_a_missing_node()
    {
        var (diagnostics, xml) = Check(Start + "<bpmn:task id=\"a\"/>\n<bpmn:sequenceFlow id=\"dangling\" sourceRef=\"a\" targetRef=\"nowhere\"/>");

        AssertOnly(diagnostics, DiagnosticCodes.MissingReference, "dangling", LineOf(xml, "id=\"dangling\""));
        Assert.Contains("nowhere", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flow_crossing_into_a_sub_process()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:subProcess id="a">
              <bpmn:startEvent id="s2"/><bpmn:task id="inner"/>
              <bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="inner"/>
            </bpmn:subProcess>
            <bpmn:task id="outside"/>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="outside"/>
            <bpmn:sequenceFlow id="jump" sourceRef="outside" targetRef="inner"/>
            """);

        AssertOnly(diagnostics, DiagnosticCodes.CrossScopeFlow, "jump", LineOf(xml, "id=\"jump\""));
    }

    [Fact]
    public void Unreachable_node_is_a_warning()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:task id="a"/>
            <bpmn:task id="island"/>
            """);

        AssertOnly(diagnostics, DiagnosticCodes.UnreachableNode, "island", LineOf(xml, "id=\"island\""), DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Boundary_events_and_sub_process_content_are_reached_with_their_activity()
    {
        var (diagnostics, _) = Check(Start + """
            <bpmn:subProcess id="a">
              <bpmn:startEvent id="s2"/><bpmn:endEvent id="e2"/>
              <bpmn:sequenceFlow id="f2" sourceRef="s2" targetRef="e2"/>
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="b" attachedToRef="a"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
            <bpmn:endEvent id="viaBoundary"/>
            <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="viaBoundary"/>
            <bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
            <bpmn:endEvent id="afterMessage"/>
            <bpmn:sequenceFlow id="f4" sourceRef="byMessage" targetRef="afterMessage"/>
            """, rootContent: "<bpmn:message id=\"m\" name=\"Nachricht\"/>");

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Process_without_start_event()
    {
        var (diagnostics, _) = Check("<bpmn:task id=\"a\"/>");

        var d = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MissingStartEvent, "p"), (d.Code, d.ElementId));
    }

    [Fact]
    public void Sub_process_start_events_must_exist_and_be_none_events()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:subProcess id="a"><bpmn:task id="lonely"/></bpmn:subProcess>
            <bpmn:subProcess id="b">
              <bpmn:startEvent id="timed"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="b"/>
            <bpmn:subProcess id="empty"/>
            <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="empty"/>
            """);

        Assert.Equal(
            [(DiagnosticCodes.MissingStartEvent, "a", LineOf(xml, "id=\"a\"")),
             (DiagnosticCodes.InvalidStartEvent, "timed", LineOf(xml, "id=\"timed\"")),
             (DiagnosticCodes.EmptySubProcess, "empty", LineOf(xml, "id=\"empty\""))],
            diagnostics.Select(d => (d.Code, d.ElementId!, d.Position?.Line ?? 0)));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics.Single(d => d.Code == DiagnosticCodes.EmptySubProcess).Severity);
    }

    [Fact]
    public void Gateway_without_outgoing_flow()
    {
        var (diagnostics, xml) = Check(Start + "<bpmn:parallelGateway id=\"a\"/>");

        AssertOnly(diagnostics, DiagnosticCodes.GatewayWithoutOutgoing, "a", LineOf(xml, "id=\"a\""));
    }

    [Fact]
    public void Branch_without_condition_is_a_warning_unless_it_is_the_default()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:inclusiveGateway id="a" default="dflt"/>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
            <bpmn:sequenceFlow id="cond" sourceRef="a" targetRef="e1"><bpmn:conditionExpression>x</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="bare" sourceRef="a" targetRef="e2"/>
            <bpmn:sequenceFlow id="dflt" sourceRef="a" targetRef="e3"/>
            """);

        AssertOnly(diagnostics, DiagnosticCodes.MissingCondition, "bare", LineOf(xml, "id=\"bare\""), DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Default_flow_must_be_an_outgoing_flow()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:exclusiveGateway id="a" default="elsewhere"/>
            <bpmn:endEvent id="e1"/>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="e1"/>
            """);

        AssertOnly(diagnostics, DiagnosticCodes.MissingReference, "a", LineOf(xml, "id=\"a\""));
    }

    [Fact]
    public void Unparsable_condition_reports_the_parser_message()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:exclusiveGateway id="a" default="f2"/>
            <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
            <bpmn:sequenceFlow id="broken" sourceRef="a" targetRef="e1"><bpmn:conditionExpression>${betrag &gt;}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="e2"/>
            """);

        AssertOnly(diagnostics, DiagnosticCodes.InvalidExpression, "broken", LineOf(xml, "id=\"broken\""));
        Assert.Contains("betrag >", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("Unexpected", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_script()
    {
        var (diagnostics, xml) = Check(Start + "<bpmn:scriptTask id=\"a\"><bpmn:script>var x = ;</bpmn:script></bpmn:scriptTask>");

        AssertOnly(diagnostics, DiagnosticCodes.InvalidExpression, "a", LineOf(xml, "id=\"a\""));
    }

    [Theory]
    [InlineData("timeDuration", "PT2H", null)]
    [InlineData("timeDuration", "P1Y2M3W4DT5H6M7.5S", null)]
    [InlineData("timeDuration", "P14D", null)]
    [InlineData("timeDuration", "PT", "not an ISO 8601 duration")]
    [InlineData("timeDuration", "2 hours", "not an ISO 8601 duration")]
    [InlineData("timeDuration", "P1DT", "not an ISO 8601 duration")]
    [InlineData("timeDate", "2025-03-01T08:00:00Z", null)]
    [InlineData("timeDate", "2025-03-01T08:00:00+01:00", null)]
    [InlineData("timeDate", "2025-03-01", null)]
    [InlineData("timeDate", "2025-02-30T08:00:00Z", "not an ISO 8601 date-time")]
    [InlineData("timeDate", "2025-03-01T25:00:00Z", "not an ISO 8601 date-time")]
    [InlineData("timeDate", "01.03.2025", "not an ISO 8601 date-time")]
    [InlineData("timeDate", "", "is empty")]
    [InlineData("timeCycle", "R6/P1D", null)]
    [InlineData("timeCycle", "R/PT10M", null)]
    [InlineData("timeCycle", "R3/2025-03-01T08:00:00Z/P1D", null)]
    [InlineData("timeCycle", "R3/P1D/2025-03-01T08:00:00Z", null)]
    [InlineData("timeCycle", "P1D", "not an ISO 8601 repeating interval")]
    [InlineData("timeCycle", "Rx/P1D", "not an ISO 8601 repeating interval")]
    [InlineData("timeCycle", "0 9 * * MON-FRI", null)]
    [InlineData("timeCycle", "0 0 9 * * ?", null)]
    [InlineData("timeCycle", "0 0 9 * * ? 2025", "has 7 fields")]
    [InlineData("timeCycle", "0 99 * * *", "does not parse")]
    public void Timer_expressions(string element, string expression, string? expectedError)
    {
        var (diagnostics, xml) = Check(Start + $"""
            <bpmn:intermediateCatchEvent id="a"><bpmn:timerEventDefinition><bpmn:{element}>{expression}</bpmn:{element}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            """);

        if (expectedError is null)
        {
            Assert.Empty(diagnostics);
            return;
        }
        AssertOnly(diagnostics, DiagnosticCodes.InvalidTimer, "a", LineOf(xml, "id=\"a\""));
        Assert.Contains(expectedError, diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timer_without_expression()
    {
        var (diagnostics, xml) = Check(Start + "<bpmn:intermediateCatchEvent id=\"a\"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>");

        AssertOnly(diagnostics, DiagnosticCodes.InvalidTimer, "a", LineOf(xml, "id=\"a\""));
    }

    [Fact]
    public void Boundary_attached_to_missing_node_or_non_activity()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:task id="a"/>
            <bpmn:boundaryEvent id="onMissing" attachedToRef="ghost"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="onEvent" attachedToRef="start"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
            """);

        Assert.Equal(
            [(DiagnosticCodes.MissingReference, "onMissing", LineOf(xml, "id=\"onMissing\"")),
             (DiagnosticCodes.InvalidBoundary, "onEvent", LineOf(xml, "id=\"onEvent\""))],
            diagnostics.Select(d => (d.Code, d.ElementId!, d.Position?.Line ?? 0)));
    }

    [Fact]
    public void Event_based_gateway_must_lead_to_catch_events()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:eventBasedGateway id="a"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:task id="task"/>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="task"/>
            """);

        AssertOnly(diagnostics, DiagnosticCodes.InvalidEventGateway, "task", LineOf(xml, "id=\"task\""));
    }

    [Fact]
    public void Flows_into_start_events_and_out_of_end_events()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:endEvent id="a"/>
            <bpmn:sequenceFlow id="back" sourceRef="a" targetRef="start"/>
            """);

        Assert.Equal([DiagnosticCodes.InvalidFlow, DiagnosticCodes.InvalidFlow], diagnostics.Select(d => d.Code));
        Assert.All(diagnostics, d => Assert.Equal(("back", LineOf(xml, "id=\"back\"")), (d.ElementId, d.Position?.Line)));
    }

    [Fact]
    public void Message_catch_and_receive_task_need_a_message_name_signals_a_signal_name()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:receiveTask id="a"/>
            <bpmn:intermediateCatchEvent id="catch"><bpmn:messageEventDefinition messageRef="unnamed"/></bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="signal"><bpmn:signalEventDefinition/></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="catch"/>
            <bpmn:sequenceFlow id="f2" sourceRef="catch" targetRef="signal"/>
            """, rootContent: "<bpmn:message id=\"unnamed\"/>");

        Assert.Equal(
            [(DiagnosticCodes.MissingMessageName, "a", LineOf(xml, "id=\"a\"")),
             (DiagnosticCodes.MissingMessageName, "catch", LineOf(xml, "id=\"catch\"")),
             (DiagnosticCodes.MissingSignalName, "signal", LineOf(xml, "id=\"signal\""))],
            diagnostics.Select(d => (d.Code, d.ElementId!, d.Position?.Line ?? 0)));
    }

    [Fact]
    public void Call_activity_to_unknown_process()
    {
        var (diagnostics, xml) = Check(Start + "<bpmn:callActivity id=\"a\" calledElement=\"gibtsnicht\"/>");

        AssertOnly(diagnostics, DiagnosticCodes.UnknownProcess, "a", LineOf(xml, "id=\"a\""));
        Assert.Contains("gibtsnicht", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_activity_resolved_externally_is_accepted()
    {
        var external = new ProcessDefinition("gebuehr", "Gebühr", SourceFormat.Bpmn, [], []);
        var asked = new List<string>();

        var (diagnostics, _) = Check(Start + "<bpmn:callActivity id=\"a\" calledElement=\"gebuehr\"/>",
            resolve: id => { asked.Add(id); return id == "gebuehr" ? external : null; });

        Assert.Empty(diagnostics);
        Assert.Equal(["gebuehr"], asked);
    }

    [Fact]
    public void Call_activities_calling_each_other_form_a_cycle()
    {
        var xml = Process(Start + "<bpmn:callActivity id=\"a\" calledElement=\"q\"/>", rootContent: """
            <bpmn:process id="q">
              <bpmn:startEvent id="qs"/>
              <bpmn:callActivity id="back" calledElement="p"/>
              <bpmn:sequenceFlow id="qf" sourceRef="qs" targetRef="back"/>
            </bpmn:process>
            """);

        var diagnostics = DefinitionValidator.Validate(BpmnReader.ReadText(xml, "v.bpmn"));

        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.CallCycle, d.Code);
        Assert.Equal("call activities form a cycle: q → p → q", d.Message);
        Assert.Equal(("back", LineOf(xml, "id=\"back\"")), (d.ElementId, d.Position?.Line));
    }

    [Fact]
    public void Call_cycle_through_an_external_process_and_self_calls()
    {
        var external = new ProcessDefinition("ext", null, SourceFormat.Bpmn,
            [new FlowNode { Id = "extCall", Kind = NodeKind.CallActivity, CalledProcessId = "p" }], []);

        var (diagnostics, xml) = Check(Start + """
            <bpmn:callActivity id="a" calledElement="ext"/>
            <bpmn:callActivity id="self" calledElement="p"/>
            <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="self"/>
            """, resolve: id => id == "ext" ? external : null);

        Assert.Equal(
            [("call activities form a cycle: p → ext → p", "a", LineOf(xml, "id=\"a\"")),
             ("call activities form a cycle: p → p", "self", LineOf(xml, "id=\"self\""))],
            diagnostics.Select(d => (d.Message, d.ElementId!, d.Position?.Line ?? 0)));
    }

    [Fact]
    public void Long_call_chains_are_followed_without_recursion()
    {
        const int length = 20_000;
        var processes = Enumerable.Range(0, length).Select(i => new ProcessDefinition($"p{i}", null, SourceFormat.Bpmn,
            [new FlowNode { Id = $"s{i}", Kind = NodeKind.StartEvent },
             new FlowNode { Id = $"c{i}", Kind = NodeKind.CallActivity, CalledProcessId = $"p{(i + 1) % length}" }], []));
        var set = new DefinitionSet("chain.bpmn", SourceFormat.Bpmn, [.. processes], [], [], "");

        var diagnostics = DefinitionValidator.Validate(set);

        var d = Assert.Single(diagnostics, x => x.Code == DiagnosticCodes.CallCycle);
        Assert.Equal("c0", d.ElementId);
        Assert.StartsWith("call activities form a cycle: p0 → p1 → p2", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Product_annotation_errors_come_through_validation()
    {
        var (diagnostics, xml) = Check(Start + """
            <bpmn:userTask id="a">
              <bpmn:extensionElements><am:effort complexity="hard"/></bpmn:extensionElements>
            </bpmn:userTask>
            """);

        AssertOnly(diagnostics, DiagnosticCodes.InvalidAnnotation, "a", LineOf(xml, "<am:effort"));
    }

    [Fact]
    public void Unsupported_elements_do_not_cascade_into_reference_or_reachability_errors()
    {
        // A.3.0 with its escalation boundary given a second event definition, which the engine does not run.
        var text = File.ReadAllText(FixturePath("A.3.0.bpmn")).Replace("<semantic:escalationEventDefinition/>",
            "<semantic:escalationEventDefinition/><semantic:signalEventDefinition/>", StringComparison.Ordinal);
        Assert.Contains("signalEventDefinition/>", text, StringComparison.Ordinal);
        var set = BpmnReader.ReadText(text, "A.3.0.bpmn");

        var diagnostics = DefinitionValidator.Validate(set);

        // The boundary is reported once; Task 4 behind it is neither unreachable nor a dangling flow target.
        // The message boundary names no message (known by its own name, a warning) and the collapsed sub-process is empty.
        Assert.Equal(
            [(DiagnosticCodes.EmptySubProcess, "_1ae31d1b-2559-4f78-a3ec-47986a49db48"),
             (DiagnosticCodes.MessageNameFromEvent, "_428dcbf5-8e5e-48e0-9c0c-d93003fa8c82"),
             (DiagnosticCodes.UnsupportedElement, "_178e16eb-4c9e-4ea0-9644-7c5fb2b71825")],
            diagnostics.Select(d => (d.Code, d.ElementId!)));
        Assert.All(diagnostics, d => Assert.EndsWith("A.3.0.bpmn", d.File, StringComparison.Ordinal));
    }
}

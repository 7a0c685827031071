using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Link events: a throw jumps to the catch of the same link name in its own scope; mismatches are refused by name.</summary>
public sealed class LinkEventTests
{
    private static string Throw(string id, string link) =>
        $"""<bpmn:intermediateThrowEvent id="{id}"><bpmn:linkEventDefinition id="{id}_def" name="{link}" /></bpmn:intermediateThrowEvent>""";

    private static string Catch(string id, string link) =>
        $"""<bpmn:intermediateCatchEvent id="{id}"><bpmn:linkEventDefinition id="{id}_def" name="{link}" /></bpmn:intermediateCatchEvent>""";

    /// <summary>
    /// Page break in a long diagram: "weiter" jumps to "fortsetzung"; the sub-process has its own link of the same name
    /// that must stay inside it. A second throw ("zurueck") goes back to an earlier step, a loop by link.
    /// </summary>
    private static readonly string Paged = $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="erfassen" />
          {Throw("weiter", "Seite2")}
          {Catch("fortsetzung", "Seite2")}
          <bpmn:subProcess id="sub">
            <bpmn:startEvent id="s1" />
            {Throw("innenWeiter", "Seite2")}
            {Catch("innenFortsetzung", "Seite2")}
            <bpmn:task id="innen" />
            <bpmn:endEvent id="e1" />
            <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="innenWeiter" />
            <bpmn:sequenceFlow id="i2" sourceRef="innenFortsetzung" targetRef="innen" />
            <bpmn:sequenceFlow id="i3" sourceRef="innen" targetRef="e1" />
          </bpmn:subProcess>
          <bpmn:exclusiveGateway id="nochmal" default="fertig" />
          {Throw("zurueck", "Anfang")}
          {Catch("anfang", "Anfang")}
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="erfassen" />
          <bpmn:sequenceFlow id="f2" sourceRef="erfassen" targetRef="weiter" />
          <bpmn:sequenceFlow id="f3" sourceRef="fortsetzung" targetRef="sub" />
          <bpmn:sequenceFlow id="f4" sourceRef="sub" targetRef="nochmal" />
          <bpmn:sequenceFlow id="f5" sourceRef="nochmal" targetRef="zurueck"><bpmn:conditionExpression>wiederholen === true</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fertig" sourceRef="nochmal" targetRef="end" />
          <bpmn:sequenceFlow id="f6" sourceRef="anfang" targetRef="erfassen" />
        </bpmn:process>
        """;

    [Fact]
    public void A_link_throw_continues_at_the_catch_of_its_name_in_its_own_scope()
    {
        using var p = new TestProcess(Paged);
        var state = p.Start().State;
        p.Complete(state, "erfassen", ("wiederholen", false));

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(["start", "erfassen", "weiter", "fortsetzung", "s1", "innenWeiter", "innenFortsetzung", "innen", "e1", "sub", "nochmal", "end"],
            Trail(state));
        Assert.Equal("→ fortsetzung", state.History.Single(h => h.NodeId == "weiter").Detail);
        Assert.Equal("→ innenFortsetzung", state.History.Single(h => h.NodeId == "innenWeiter").Detail);
    }

    [Fact]
    public void A_link_back_to_an_earlier_step_repeats_it_until_the_condition_lets_go()
    {
        using var p = new TestProcess(Paged);
        var state = p.Start().State;
        p.Complete(state, "erfassen", ("wiederholen", true));
        Assert.Equal(CaseStatus.Waiting, state.Status);
        p.Complete(state, "erfassen", ("wiederholen", true));
        p.Complete(state, "erfassen", ("wiederholen", false));

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(3, Count(state, "erfassen"));
        Assert.Equal(2, Count(state, "anfang"));
        Assert.Equal(3, Count(state, "innen"));
    }

    [Fact]
    public void A_case_waiting_after_a_link_survives_a_json_round_trip()
    {
        using var p = new TestProcess(Paged);
        var state = p.Start().State;
        p.Complete(state, "erfassen", ("wiederholen", true));
        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        p.Complete(copy, "erfassen", ("wiederholen", false));
        Assert.Equal(CaseStatus.Completed, copy.Status);
        Assert.Equal(2, Count(copy, "erfassen"));
    }

    [Fact]
    public void Link_events_are_system_steps_without_effort()
    {
        using var p = new TestProcess(Paged);
        var state = p.Start().State;
        p.Complete(state, "erfassen", ("wiederholen", false));
        Assert.All(state.History.Where(h => h.NodeId is "weiter" or "fortsetzung"), h => Assert.Equal(ActorKind.System, h.Actor));
    }

    private static List<Diagnostic> Errors(string processBody)
    {
        var set = BpmnReader.ReadText(Header + processBody + "</bpmn:definitions>", "links.bpmn");
        return [.. Validation.DefinitionValidator.Validate(set).Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    [Fact]
    public void A_throw_without_a_catch_of_its_name_is_an_error_naming_the_throw_and_its_line()
    {
        var errors = Errors($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              {Throw("sprung", "Ziel")}
              {Catch("ziel", "Ziell")}
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sprung" />
              <bpmn:sequenceFlow id="f2" sourceRef="ziel" targetRef="end" />
            </bpmn:process>
            """);
        var error = Assert.Single(errors);
        Assert.Equal("link-unmatched", error.Code);
        Assert.Equal("sprung", error.ElementId);
        Assert.Equal(6, error.Position?.Line);
        Assert.Contains("\"Ziel\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_throw_inside_a_sub_process_does_not_reach_a_catch_outside_it()
    {
        var errors = Errors($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:subProcess id="sub">
                <bpmn:startEvent id="s1" />
                {Throw("raus", "Draussen")}
                <bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="raus" />
              </bpmn:subProcess>
              {Catch("draussen", "Draussen")}
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
              <bpmn:sequenceFlow id="f2" sourceRef="draussen" targetRef="end" />
            </bpmn:process>
            """);
        var error = Assert.Single(errors);
        Assert.Equal(("link-unmatched", "raus"), (error.Code, error.ElementId));
        Assert.Contains("sub-process sub", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_catches_with_one_name_in_one_scope_are_an_error_naming_the_second()
    {
        var errors = Errors($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              {Throw("sprung", "Ziel")}
              {Catch("ziel1", "Ziel")}
              {Catch("ziel2", "Ziel")}
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sprung" />
              <bpmn:sequenceFlow id="f2" sourceRef="ziel1" targetRef="end" />
              <bpmn:sequenceFlow id="f3" sourceRef="ziel2" targetRef="end" />
            </bpmn:process>
            """);
        var error = Assert.Single(errors);
        Assert.Equal(("link-duplicate", "ziel2"), (error.Code, error.ElementId));
        Assert.Contains("ziel1", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void A_link_without_a_name_and_a_flow_into_a_link_catch_are_errors()
    {
        var errors = Errors("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:intermediateThrowEvent id="namenlos"><bpmn:linkEventDefinition /></bpmn:intermediateThrowEvent>
              <bpmn:intermediateCatchEvent id="ziel"><bpmn:linkEventDefinition name="Ziel" /></bpmn:intermediateCatchEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="namenlos" />
              <bpmn:sequenceFlow id="f2" sourceRef="start" targetRef="ziel" />
              <bpmn:sequenceFlow id="f3" sourceRef="ziel" targetRef="end" />
            </bpmn:process>
            """);
        Assert.Contains(errors, e => e.Code == "link-unmatched" && e.ElementId == "namenlos");
        Assert.Contains(errors, e => e.Code == "invalid-flow" && e.ElementId == "f2");
    }

    [Fact]
    public void A_catch_reached_only_by_its_throw_is_not_reported_unreachable()
    {
        var set = BpmnReader.ReadText(Header + Paged + "</bpmn:definitions>", "links.bpmn");
        Assert.DoesNotContain(Validation.DefinitionValidator.Validate(set), d => d.Code == "unreachable-node");
    }
}

using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// Camunda's <c>camunda:variableName</c> and <c>camunda:variableEvents</c> on conditional events: the condition is
/// evaluated only when that variable changes, with a listed kind of change.
/// </summary>
public sealed class ConditionalVariableTests
{
    /// <summary>"erfassen" can be completed again and again (a loop back); "freigabe" waits for its condition.</summary>
    private static string Watching(string attributes, string condition) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:parallelGateway id="split" />
          <bpmn:userTask id="erfassen" />
          <bpmn:exclusiveGateway id="nochmal" default="zurueck" />
          <bpmn:intermediateCatchEvent id="freigabe">
            <bpmn:conditionalEventDefinition {attributes}><bpmn:condition xsi:type="bpmn:tFormalExpression">{condition}</bpmn:condition></bpmn:conditionalEventDefinition>
          </bpmn:intermediateCatchEvent>
          <bpmn:userTask id="pruefen" />
          <bpmn:endEvent id="e1" />
          <bpmn:endEvent id="e2" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
          <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="erfassen" />
          <bpmn:sequenceFlow id="f3" sourceRef="erfassen" targetRef="nochmal" />
          <bpmn:sequenceFlow id="zurueck" sourceRef="nochmal" targetRef="erfassen" />
          <bpmn:sequenceFlow id="fertig" sourceRef="nochmal" targetRef="e1"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">typeof ende !== "undefined"</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="f5" sourceRef="split" targetRef="freigabe" />
          <bpmn:sequenceFlow id="f6" sourceRef="freigabe" targetRef="pruefen" />
          <bpmn:sequenceFlow id="f7" sourceRef="pruefen" targetRef="e2" />
        </bpmn:process>
        """;

    private static bool Fired(CaseState state) => state.Waits.Any(w => w.NodeId == "pruefen");

    [Fact]
    public void With_a_variable_name_a_change_of_another_variable_does_not_evaluate_the_condition_even_after_a_restart()
    {
        using var p = new TestProcess(Watching("""camunda:variableName="betrag" """, "frei === true"));
        var state = p.Start(("betrag", 10), ("frei", false)).State;
        Assert.Equal(WaitKind.Conditional, Wait(state, "freigabe").Kind);

        // The condition now holds, but only "frei" changed: Camunda does not look at it.
        state = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        p.Complete(state, "erfassen", ("frei", true));
        Assert.False(Fired(state));
        // Writing "betrag" with its old value is no change either.
        p.Complete(state, "erfassen", ("betrag", 10));
        Assert.False(Fired(state));
        p.Complete(state, "erfassen", ("betrag", 11));
        Assert.True(Fired(state));
    }

    [Fact]
    public void Without_a_variable_name_every_change_evaluates_the_condition()
    {
        using var p = new TestProcess(Watching("", "frei === true"));
        var state = p.Start(("betrag", 10), ("frei", false)).State;
        p.Complete(state, "erfassen", ("frei", true));
        Assert.True(Fired(state));
    }

    [Fact]
    public void The_condition_is_evaluated_when_the_event_is_reached()
    {
        using var p = new TestProcess(Watching("""camunda:variableName="betrag" """, "betrag &gt; 5"));
        var state = p.Start(("betrag", 10)).State;
        Assert.True(Fired(state));
    }

    [Fact]
    public void Only_the_listed_kind_of_change_counts()
    {
        const string Condition = """typeof x !== "undefined" &amp;&amp; x &gt; 5""";
        using (var p = new TestProcess(Watching("""camunda:variableName="x" camunda:variableEvents="create" """, Condition)))
        {
            var state = p.Start().State;
            p.Complete(state, "erfassen", ("x", 3));
            Assert.False(Fired(state));
            // An update to a value that makes the condition true is not a creation.
            p.Complete(state, "erfassen", ("x", 10));
            Assert.False(Fired(state));
        }
        using (var p = new TestProcess(Watching("""camunda:variableName="x" camunda:variableEvents=" Create , update" """, Condition)))
        {
            var state = p.Start().State;
            p.Complete(state, "erfassen", ("x", 3));
            Assert.False(Fired(state));
            p.Complete(state, "erfassen", ("x", 10));
            Assert.True(Fired(state));
        }
        using (var p = new TestProcess(Watching("""camunda:variableName="x" camunda:variableEvents="update" """, Condition)))
        {
            // Created with a value that holds: creation is not listed, so nothing fires.
            var state = p.Start().State;
            p.Complete(state, "erfassen", ("x", 10));
            Assert.False(Fired(state));
            p.Complete(state, "erfassen", ("x", 11));
            Assert.True(Fired(state));
        }
    }

    [Theory]
    [InlineData("""camunda:variableName="x" camunda:variableEvents="creat" """, "creat")]
    [InlineData("""camunda:variableName="x" camunda:variableEvents="create, remove" """, "remove")]
    [InlineData("""camunda:variableEvents="update" """, "variableName")]
    public void Unknown_kinds_of_change_and_events_without_variable_name_are_refused(string attributes, string named)
    {
        var set = BpmnReader.ReadText(Header + Watching(attributes, "x &gt; 5") + "</bpmn:definitions>", "bedingung.bpmn");
        var error = Assert.Single(Validation.DefinitionValidator.Validate(set), d => d.Code == "invalid-variable-events");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("freigabe", error.ElementId);
        Assert.NotNull(error.Position);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}

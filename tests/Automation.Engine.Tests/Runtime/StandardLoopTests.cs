using Automation.Engine.Model;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>standardLoopCharacteristics: loopCondition, testBefore, loopMaximum.</summary>
public sealed class StandardLoopTests
{
    private static string Loop(string attributes, string condition, string task = """<bpmn:script>n = n + 1</bpmn:script>""", string kind = "scriptTask") => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:{kind} id="wiederholen" scriptFormat="javascript">
            <bpmn:standardLoopCharacteristics {attributes}>{condition}</bpmn:standardLoopCharacteristics>
            {task}
          </bpmn:{kind}>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wiederholen" />
          <bpmn:sequenceFlow id="f2" sourceRef="wiederholen" targetRef="end" />
        </bpmn:process>
        """;

    private const string WhileBelowThree = """<bpmn:loopCondition xsi:type="bpmn:tFormalExpression">${n &lt; 3}</bpmn:loopCondition>""";

    [Fact]
    public void Without_test_before_the_body_runs_once_and_repeats_while_the_condition_holds()
    {
        using var p = new TestProcess(Loop("", WhileBelowThree));
        var state = p.Start(("n", 0)).State;
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(3d, state.Variables["n"]);
        Assert.Equal(3, Count(state, "wiederholen"));

        // do-while: a condition false from the start still runs the body once.
        using var q = new TestProcess(Loop("", WhileBelowThree));
        var once = q.Start(("n", 10)).State;
        Assert.Equal(11d, once.Variables["n"]);
        Assert.Equal(1, Count(once, "wiederholen"));
    }

    [Fact]
    public void With_test_before_a_condition_false_from_the_start_skips_the_body()
    {
        using var p = new TestProcess(Loop("testBefore=\"true\"", WhileBelowThree));
        var state = p.Start(("n", 10)).State;
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(10d, state.Variables["n"]);
        Assert.Equal(0, Count(state, "wiederholen"));
        Assert.Equal(["start", "end"], Trail(state));

        using var q = new TestProcess(Loop("testBefore=\"true\"", WhileBelowThree));
        Assert.Equal(3d, q.Start(("n", 0)).State.Variables["n"]);
    }

    [Fact]
    public void Loop_maximum_caps_a_condition_that_stays_true()
    {
        using var p = new TestProcess(Loop("loopMaximum=\"2\"", """<bpmn:loopCondition>true</bpmn:loopCondition>"""));
        var state = p.Start(("n", 0)).State;
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(2d, state.Variables["n"]);
    }

    [Fact]
    public void A_loop_whose_condition_never_turns_false_stops_with_an_incident_instead_of_hanging()
    {
        using var p = new TestProcess(Loop("", """<bpmn:loopCondition>true</bpmn:loopCondition>"""));
        var state = p.Start(("n", 0)).State;
        Assert.Equal(CaseStatus.Incident, state.Status);
        Assert.Single(state.Incidents);
    }

    [Fact]
    public void A_human_task_in_a_loop_waits_per_iteration_and_sees_its_loop_counter()
    {
        using var p = new TestProcess(Loop("", """<bpmn:loopCondition language="https://www.omg.org/spec/DMN/20191111/FEEL/">nachbessern = true</bpmn:loopCondition>""",
            task: "", kind: "userTask"));
        var state = p.Start().State;
        p.Complete(state, "wiederholen", ("nachbessern", true));
        p.Complete(state, "wiederholen", ("nachbessern", true));
        Assert.Equal(CaseStatus.Waiting, state.Status);
        p.Complete(state, "wiederholen", ("nachbessern", false));
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(3, Count(state, "wiederholen"));
        Assert.False(state.Variables.ContainsKey("loopCounter"));
    }

    [Fact]
    public void A_condition_that_gives_no_boolean_is_an_incident_naming_it()
    {
        using var p = new TestProcess(Loop("", """<bpmn:loopCondition>"ja"</bpmn:loopCondition>"""));
        var state = p.Start(("n", 0)).State;
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("loop-condition-failed", incident.Code);
        Assert.Contains("ergab „ja“, nicht true oder false", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_maximum_that_is_no_whole_number_is_a_validation_error()
    {
        var set = Reading.BpmnReader.ReadText(Header + Loop("loopMaximum=\"drei\"", WhileBelowThree) + "</bpmn:definitions>", "loop.bpmn");
        var error = Assert.Single(Validation.DefinitionValidator.Validate(set), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("invalid-loop", error.Code);
        Assert.Equal("wiederholen", error.ElementId);
    }
}

using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// camunda:asyncAfter on gateways (issue 19 item 4): a transaction boundary after the gateway's decision or split, as on
/// tasks; passing it takes the flows chosen before it, and a retry after a failure behind it takes them again.
/// </summary>
public sealed class AsyncGatewayTests
{
    // start → gw (asyncAfter) → rot | gruen → end; "rot" when ampel == 'rot'
    private static string Decision(string kind) => $$"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:{{kind}} id="gw" camunda:asyncAfter="true" default="fGruen" />
          <bpmn:scriptTask id="rot" scriptFormat="javascript"><bpmn:script>weg = 'rot'</bpmn:script></bpmn:scriptTask>
          <bpmn:scriptTask id="gruen" scriptFormat="javascript"><bpmn:script>weg = 'gruen'</bpmn:script></bpmn:scriptTask>
          <bpmn:endEvent id="end" />
          <bpmn:endEvent id="end2" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
          <bpmn:sequenceFlow id="fRot" sourceRef="gw" targetRef="rot"><bpmn:conditionExpression>ampel == 'rot'</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fGruen" sourceRef="gw" targetRef="gruen" />
          <bpmn:sequenceFlow id="f2" sourceRef="rot" targetRef="end" />
          <bpmn:sequenceFlow id="f3" sourceRef="gruen" targetRef="end2" />
        </bpmn:process>
        """;

    private static WaitState Boundary(CaseState state) => Assert.Single(state.Waits, w => w.Kind == WaitKind.Continuation);

    [Theory]
    [InlineData("exclusiveGateway")]
    [InlineData("inclusiveGateway")]
    public void AsyncAfter_on_a_deciding_gateway_stops_after_the_decision_and_keeps_it(string kind)
    {
        using var p = new TestProcess(Decision(kind), asyncContinuations: true);
        var state = p.Start(("ampel", "rot")).State;

        var boundary = Boundary(state);
        Assert.Equal(("gw", true), (boundary.NodeId, boundary.AfterNode));
        Assert.Equal(["start", "gw"], Trail(state));
        Assert.False(state.Variables.ContainsKey("weg"));

        // The decision was committed before the boundary: a change now does not move the case to the other branch.
        state.VariableMap["ampel"] = "gruen";
        p.Engine.Continue(p.Definition, state, boundary.Id);
        Assert.Equal("rot", state.Variables["weg"]);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "gw"));
    }

    [Fact]
    public void Without_the_hosts_option_the_gateway_runs_through()
    {
        using var p = new TestProcess(Decision("exclusiveGateway"));
        var state = p.Start(("ampel", "gruen")).State;
        Assert.Equal(["start", "gw", "gruen", "end2"], Trail(state));
    }

    [Fact]
    public void A_failure_behind_the_boundary_is_retried_on_the_same_branch()
    {
        using var p = new TestProcess(Decision("exclusiveGateway"), asyncContinuations: true);
        var state = p.Start(("ampel", "rot")).State;
        p.Engine.FailContinuation(p.Definition, state, Boundary(state).Id, "kaputt");
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("gw", incident.NodeId);

        state.VariableMap["ampel"] = "gruen";
        p.Engine.RetryIncident(p.Definition, state, incident.Id);
        var again = Boundary(state);
        Assert.Equal(("gw", true), (again.NodeId, again.AfterNode));
        p.Engine.Continue(p.Definition, state, again.Id);
        Assert.Equal("rot", state.Variables["weg"]);
        Assert.Equal(1, Count(state, "gw"));
    }

    [Fact]
    public void AsyncAfter_on_a_parallel_split_and_join_passes_every_branch_and_the_join_once()
    {
        const string body = """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" camunda:asyncAfter="true" />
              <bpmn:scriptTask id="a" scriptFormat="javascript"><bpmn:script>a = 1</bpmn:script></bpmn:scriptTask>
              <bpmn:scriptTask id="b" scriptFormat="javascript"><bpmn:script>b = 1</bpmn:script></bpmn:scriptTask>
              <bpmn:parallelGateway id="join" camunda:asyncAfter="true" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="a" />
              <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="b" />
              <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join" />
              <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join" />
              <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end" />
            </bpmn:process>
            """;
        using var p = new TestProcess(body, asyncContinuations: true);
        var state = p.Start().State;
        Assert.Equal("split", Boundary(state).NodeId);
        Assert.Empty(state.Variables);

        p.Engine.Continue(p.Definition, state, Boundary(state).Id);
        Assert.Equal(1.0, state.Variables["a"]);
        Assert.Equal(1.0, state.Variables["b"]);
        Assert.Equal("join", Boundary(state).NodeId);
        Assert.Equal(CaseStatus.Waiting, state.Status);

        p.Engine.Continue(p.Definition, state, Boundary(state).Id);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "join"));
    }
}

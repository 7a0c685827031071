using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

public sealed class GatewayTests
{
    private const string ExclusiveWithDefault = """
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:exclusiveGateway id="betragHoch" default="fKlein" />
          <bpmn:task id="anordnung" name="Anordnung durch Kämmerei" />
          <bpmn:task id="sofort" name="Sofort zahlen" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="betragHoch" />
          <bpmn:sequenceFlow id="fGross" sourceRef="betragHoch" targetRef="anordnung">
            <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">betrag &gt; 5000</bpmn:conditionExpression>
          </bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fKlein" sourceRef="betragHoch" targetRef="sofort" />
          <bpmn:sequenceFlow id="f2" sourceRef="anordnung" targetRef="end" />
          <bpmn:sequenceFlow id="f3" sourceRef="sofort" targetRef="end" />
        </bpmn:process>
        """;

    [Theory]
    [InlineData(8000d, "anordnung")]
    [InlineData(100d, "sofort")]
    [InlineData(null, "sofort")]
    public void Exclusive_gateway_takes_the_true_condition_else_the_default_flow(double? betrag, string expected)
    {
        using var p = new TestProcess(ExclusiveWithDefault);
        var state = (betrag is null ? p.Start() : p.Start(("betrag", betrag))).State;
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(["start", "betragHoch", expected, "end"], Trail(state));
    }

    [Fact]
    public void Exclusive_gateway_without_a_true_condition_or_default_raises_an_incident_the_case_survives()
    {
        using var p = new TestProcess(ExclusiveWithDefault.Replace(" default=\"fKlein\"", "", StringComparison.Ordinal)
            .Replace("<bpmn:sequenceFlow id=\"fKlein\" sourceRef=\"betragHoch\" targetRef=\"sofort\" />",
                "<bpmn:sequenceFlow id=\"fKlein\" sourceRef=\"betragHoch\" targetRef=\"sofort\"><bpmn:conditionExpression>betrag &lt; 10</bpmn:conditionExpression></bpmn:sequenceFlow>", StringComparison.Ordinal));
        var run = p.Start(("betrag", 100d));
        Assert.Equal(CaseStatus.Incident, run.State.Status);
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("betragHoch", incident.NodeId);
        Assert.Contains("keinen Standardfluss", incident.Message, StringComparison.Ordinal);
        Assert.Equal("gateway-no-path", incident.Code);
        // The cause is fixed (the variable), then the step is retried.
        run.State.VariableMap["betrag"] = 5d;
        var retried = p.Engine.RetryIncident(p.Definition, run.State, incident.Id);
        Assert.Equal(CaseStatus.Completed, retried.State.Status);
        Assert.Equal(["start", "betragHoch", "sofort", "end"], Trail(retried.State));
    }

    [Fact]
    public void Parallel_split_and_join_waits_for_every_branch_and_continues_once()
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" />
              <bpmn:userTask id="finanzamt" />
              <bpmn:userTask id="ihk" />
              <bpmn:serviceTask id="statistik" />
              <bpmn:parallelGateway id="join" />
              <bpmn:task id="ablegen" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="finanzamt" />
              <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="ihk" />
              <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="statistik" />
              <bpmn:sequenceFlow id="f5" sourceRef="finanzamt" targetRef="join" />
              <bpmn:sequenceFlow id="f6" sourceRef="ihk" targetRef="join" />
              <bpmn:sequenceFlow id="f7" sourceRef="statistik" targetRef="join" />
              <bpmn:sequenceFlow id="f8" sourceRef="join" targetRef="ablegen" />
              <bpmn:sequenceFlow id="f9" sourceRef="ablegen" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start().State;
        Assert.Equal(CaseStatus.Waiting, state.Status);
        Assert.Equal(2, state.Waits.Count);
        p.Complete(state, "ihk");
        Assert.Equal(0, Count(state, "join"));
        Assert.Equal(0, Count(state, "ablegen"));
        p.Complete(state, "finanzamt");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "join"));
        Assert.Equal(1, Count(state, "ablegen"));
        Assert.Equal(1, Count(state, "end"));
    }

    private const string Inclusive = """
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:inclusiveGateway id="split" default="fDefault" />
          <bpmn:userTask id="fachbereich" />
          <bpmn:serviceTask id="kaemmerei" />
          <bpmn:serviceTask id="rechnungspruefung" />
          <bpmn:task id="nurAblage" />
          <bpmn:inclusiveGateway id="join" />
          <bpmn:task id="zahlen" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
          <bpmn:sequenceFlow id="fA" sourceRef="split" targetRef="fachbereich"><bpmn:conditionExpression>true</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fB" sourceRef="split" targetRef="kaemmerei"><bpmn:conditionExpression>betrag &gt; 5000</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fC" sourceRef="split" targetRef="rechnungspruefung"><bpmn:conditionExpression>betrag &gt; 100000</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fDefault" sourceRef="split" targetRef="nurAblage" />
          <bpmn:sequenceFlow id="f2" sourceRef="fachbereich" targetRef="join" />
          <bpmn:sequenceFlow id="f3" sourceRef="kaemmerei" targetRef="join" />
          <bpmn:sequenceFlow id="f4" sourceRef="rechnungspruefung" targetRef="join" />
          <bpmn:sequenceFlow id="f5" sourceRef="nurAblage" targetRef="join" />
          <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="zahlen" />
          <bpmn:sequenceFlow id="f7" sourceRef="zahlen" targetRef="end" />
        </bpmn:process>
        """;

    [Fact]
    public void Inclusive_gateway_takes_two_of_three_branches_and_joins_when_both_arrived()
    {
        using var p = new TestProcess(Inclusive);
        var state = p.Start(("betrag", 8000d)).State;
        // kaemmerei (automated) has arrived at the join; fachbereich (human) still runs, so the join waits.
        Assert.Equal(1, Count(state, "kaemmerei"));
        Assert.Equal(0, Count(state, "rechnungspruefung"));
        Assert.Equal(0, Count(state, "nurAblage"));
        Assert.Equal(0, Count(state, "join"));
        Assert.Equal(CaseStatus.Waiting, state.Status);
        p.Complete(state, "fachbereich");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "join"));
        Assert.Equal(1, Count(state, "zahlen"));
    }

    [Fact]
    public void Inclusive_join_with_one_branch_taken_fires_without_waiting_for_the_others()
    {
        using var p = new TestProcess(Inclusive.Replace("<bpmn:conditionExpression>true</bpmn:conditionExpression>",
            "<bpmn:conditionExpression>betrag &gt; 0</bpmn:conditionExpression>", StringComparison.Ordinal));
        var state = p.Start(("betrag", 0d)).State;
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(["start", "split", "nurAblage", "join", "zahlen", "end"], Trail(state));
    }

    [Fact]
    public void Inclusive_join_still_fires_when_the_last_other_path_ends_at_an_end_event()
    {
        // Path b could reach the OR-join but turns to an end event instead; by then path a has arrived. The join must fire
        // once b is gone, not be dropped because the scope ran out of tokens first.
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" />
              <bpmn:task id="a" />
              <bpmn:task id="b" />
              <bpmn:exclusiveGateway id="x" default="fEnd" />
              <bpmn:inclusiveGateway id="join" />
              <bpmn:task id="after" />
              <bpmn:endEvent id="endB" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="fA" sourceRef="split" targetRef="a" />
              <bpmn:sequenceFlow id="fB" sourceRef="split" targetRef="b" />
              <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="join" />
              <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="x" />
              <bpmn:sequenceFlow id="fJoin" sourceRef="x" targetRef="join"><bpmn:conditionExpression>nachreichen</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="fEnd" sourceRef="x" targetRef="endB" />
              <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="after" />
              <bpmn:sequenceFlow id="f6" sourceRef="after" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start(("nachreichen", false)).State;

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(["start", "split", "a", "b", "x", "endB", "join", "after", "end"], Trail(state));
    }

    private const string EventRace = """
        <bpmn:message id="mUnterlagen" name="Unterlagen eingegangen" />
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:eventBasedGateway id="race" />
          <bpmn:intermediateCatchEvent id="unterlagen"><bpmn:messageEventDefinition messageRef="mUnterlagen" /></bpmn:intermediateCatchEvent>
          <bpmn:intermediateCatchEvent id="frist"><bpmn:timerEventDefinition><bpmn:timeDuration>P28D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
          <bpmn:task id="pruefen" />
          <bpmn:task id="ablehnen" />
          <bpmn:endEvent id="end1" />
          <bpmn:endEvent id="end2" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="race" />
          <bpmn:sequenceFlow id="f2" sourceRef="race" targetRef="unterlagen" />
          <bpmn:sequenceFlow id="f3" sourceRef="race" targetRef="frist" />
          <bpmn:sequenceFlow id="f4" sourceRef="unterlagen" targetRef="pruefen" />
          <bpmn:sequenceFlow id="f5" sourceRef="frist" targetRef="ablehnen" />
          <bpmn:sequenceFlow id="f6" sourceRef="pruefen" targetRef="end1" />
          <bpmn:sequenceFlow id="f7" sourceRef="ablehnen" targetRef="end2" />
        </bpmn:process>
        """;

    [Fact]
    public void Event_based_gateway_message_wins_and_the_timer_is_withdrawn()
    {
        using var p = new TestProcess(EventRace);
        var state = p.Start().State;
        Assert.Equal(2, state.Waits.Count);
        // P28D counts calendar days in Europe/Berlin: across the DST change on 30 March the deadline keeps 09:00 local.
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 9, 0, 0, TimeSpan.FromHours(2)), Wait(state, "frist").DueAt);
        var run = p.Engine.CorrelateMessage(p.Definition, state, "Unterlagen eingegangen", payload: [new("seiten", 4)]);
        Assert.True(run.Matched);
        Assert.Equal(2, run.RemovedWaitIds.Count);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(["start", "race", "unterlagen", "pruefen", "end1"], Trail(state));
        Assert.Equal(4d, state.Variables["seiten"]);
    }

    [Fact]
    public void Event_based_gateway_timer_wins_and_a_late_message_finds_no_wait()
    {
        using var p = new TestProcess(EventRace);
        var state = p.Start().State;
        p.FireTimer(state, "frist");
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(["start", "race", "frist", "ablehnen", "end2"], Trail(state));
        Assert.False(p.Engine.CorrelateMessage(p.Definition, state, "Unterlagen eingegangen").Matched);
    }

    [Fact]
    public void A_loop_through_a_parallel_join_counts_arrivals_per_round()
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:exclusiveGateway id="merge" />
              <bpmn:parallelGateway id="split" />
              <bpmn:userTask id="a" />
              <bpmn:scriptTask id="b" scriptFormat="javascript"><bpmn:script>runde = (runde || 0) + 1</bpmn:script></bpmn:scriptTask>
              <bpmn:parallelGateway id="join" />
              <bpmn:exclusiveGateway id="nochmal" default="fEnde" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="merge" />
              <bpmn:sequenceFlow id="f2" sourceRef="merge" targetRef="split" />
              <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="a" />
              <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="b" />
              <bpmn:sequenceFlow id="f5" sourceRef="a" targetRef="join" />
              <bpmn:sequenceFlow id="f6" sourceRef="b" targetRef="join" />
              <bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="nochmal" />
              <bpmn:sequenceFlow id="fZurueck" sourceRef="nochmal" targetRef="merge"><bpmn:conditionExpression>runde &lt; 3</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="fEnde" sourceRef="nochmal" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start().State;
        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(round, Count(state, "b"));
            Assert.Equal(round - 1, Count(state, "join"));
            p.Complete(state, "a");
            Assert.Equal(round, Count(state, "join"));
        }
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(3d, state.Variables["runde"]);
        Assert.DoesNotContain(state.Joins, j => j.Arrived.Values.Any(v => v > 0));
    }
}

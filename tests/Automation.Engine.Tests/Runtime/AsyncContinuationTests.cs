using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// camunda:asyncBefore / asyncAfter as transaction boundaries: with the durable host's option a run stops exactly where a
/// boundary is declared (a Continuation wait), continues from there, and a failure behind it leaves the token at it.
/// </summary>
public sealed class AsyncContinuationTests
{
    // start → rechnen (script) → pruefen (user task) → buchen (script) → end; the flags go on the middle steps.
    private static string Process(string pruefenFlags = "", string buchenFlags = "", string buchenScript = "gebucht = true") => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>summe = 40 + 2</bpmn:script></bpmn:scriptTask>
          <bpmn:userTask id="pruefen" {pruefenFlags} />
          <bpmn:scriptTask id="buchen" name="Buchen" scriptFormat="javascript" {buchenFlags}><bpmn:script>{buchenScript}</bpmn:script></bpmn:scriptTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rechnen" />
          <bpmn:sequenceFlow id="f2" sourceRef="rechnen" targetRef="pruefen" />
          <bpmn:sequenceFlow id="f3" sourceRef="pruefen" targetRef="buchen" />
          <bpmn:sequenceFlow id="f4" sourceRef="buchen" targetRef="end" />
        </bpmn:process>
        """;

    private static WaitState Boundary(CaseState state) => Assert.Single(state.Waits, w => w.Kind == WaitKind.Continuation);

    [Fact]
    public void AsyncBefore_stops_the_run_in_front_of_the_step_and_continuing_runs_the_step()
    {
        using var p = new TestProcess(Process(buchenFlags: "camunda:asyncBefore=\"true\""), asyncContinuations: true);
        var state = p.Start().State;
        var done = p.Complete(state, "pruefen");

        var boundary = Boundary(state);
        Assert.Equal("buchen", boundary.NodeId);
        Assert.False(boundary.AfterNode);
        Assert.Equal(["start", "rechnen", "pruefen"], Trail(state));
        Assert.False(state.Variables.ContainsKey("gebucht"));
        Assert.Equal(CaseStatus.Waiting, state.Status);
        Assert.Contains(boundary, done.NewWaits);

        p.Engine.Continue(p.Definition, state, boundary.Id);
        Assert.Equal(["start", "rechnen", "pruefen", "buchen", "end"], Trail(state));
        Assert.Equal(true, state.Variables["gebucht"]);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void AsyncAfter_stops_the_run_behind_the_completed_step_and_continuing_leaves_it()
    {
        using var p = new TestProcess(Process(pruefenFlags: "camunda:asyncAfter=\"true\""), asyncContinuations: true);
        var state = p.Start().State;
        p.Complete(state, "pruefen", ("ok", true));

        var boundary = Boundary(state);
        Assert.Equal("pruefen", boundary.NodeId);
        Assert.True(boundary.AfterNode);
        // The task is done (its value is set, its step recorded); the step after it has not run.
        Assert.Equal(["start", "rechnen", "pruefen"], Trail(state));
        Assert.Equal(true, state.Variables["ok"]);
        Assert.DoesNotContain(state.Waits, w => w.Kind == WaitKind.UserTask);

        p.Engine.Continue(p.Definition, state, boundary.Id);
        Assert.Equal(["start", "rechnen", "pruefen", "buchen", "end"], Trail(state));
        Assert.Equal(1, Count(state, "pruefen"));
    }

    [Fact]
    public void AsyncBefore_on_the_start_event_commits_nothing_but_the_start()
    {
        using var p = new TestProcess(Process().Replace("<bpmn:startEvent id=\"start\" />", "<bpmn:startEvent id=\"start\" camunda:asyncBefore=\"true\" />",
            StringComparison.Ordinal), asyncContinuations: true);
        var state = p.Start().State;
        Assert.Equal("start", Boundary(state).NodeId);
        Assert.Empty(Trail(state));
        p.Engine.Continue(p.Definition, state, Boundary(state).Id);
        Assert.Equal("pruefen", Assert.Single(state.Waits).NodeId);
        Assert.Equal(42d, state.Variables["summe"]);
    }

    [Fact]
    public void Both_boundaries_on_one_step_stop_twice_and_the_legacy_async_flag_means_before()
    {
        using var p = new TestProcess(Process(buchenFlags: "camunda:async=\"true\" camunda:asyncAfter=\"true\""), asyncContinuations: true);
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        Assert.False(Boundary(state).AfterNode);
        p.Engine.Continue(p.Definition, state, Boundary(state).Id);
        Assert.True(Boundary(state).AfterNode);
        Assert.Equal("buchen", Boundary(state).NodeId);
        Assert.Equal(1, Count(state, "buchen"));
        p.Engine.Continue(p.Definition, state, Boundary(state).Id);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, Count(state, "buchen"));
    }

    [Fact]
    public void Without_the_hosts_option_a_run_goes_through_the_boundaries()
    {
        using var p = new TestProcess(Process(pruefenFlags: "camunda:asyncAfter=\"true\"", buchenFlags: "camunda:asyncBefore=\"true\""));
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void A_boundary_before_a_multi_instance_step_stops_once_for_the_step_not_per_instance()
    {
        using var p = new TestProcess(Process(buchenFlags: "camunda:asyncBefore=\"true\"")
            .Replace("<bpmn:script>gebucht = true</bpmn:script>",
                "<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics><bpmn:script>gebucht = true</bpmn:script>",
                StringComparison.Ordinal), asyncContinuations: true);
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        p.Engine.Continue(p.Definition, state, Boundary(state).Id);
        Assert.Equal(3, Count(state, "buchen"));
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void A_failure_recorded_at_the_boundary_before_keeps_the_token_there_and_a_retry_sets_the_boundary_up_again()
    {
        using var p = new TestProcess(Process(buchenFlags: "camunda:asyncBefore=\"true\""), asyncContinuations: true);
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        var boundary = Boundary(state);

        p.Engine.FailContinuation(p.Definition, state, boundary.Id, "Skript gescheitert");
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(Execution.ContinuationCode, incident.Code);
        Assert.Equal("buchen", incident.NodeId);
        Assert.Contains("vor buchen (Buchen)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("Skript gescheitert", incident.Message, StringComparison.Ordinal);
        Assert.Empty(state.Waits);
        Assert.Equal(CaseStatus.Incident, state.Status);

        var retried = p.Engine.RetryIncident(p.Definition, state, incident.Id);
        var again = Boundary(state);
        Assert.NotEqual(boundary.Id, again.Id);
        Assert.False(again.AfterNode);
        Assert.Contains(again, retried.NewWaits);
        Assert.Equal(0, Count(state, "buchen"));
    }

    [Fact]
    public void A_failure_recorded_at_the_boundary_after_does_not_run_the_completed_step_again_on_retry()
    {
        using var p = new TestProcess(Process(pruefenFlags: "camunda:asyncAfter=\"true\""), asyncContinuations: true);
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        p.Engine.FailContinuation(p.Definition, state, Boundary(state).Id, "kaputt");
        Assert.Contains("nach pruefen", Assert.Single(state.Incidents).Message, StringComparison.Ordinal);

        p.Engine.RetryIncident(p.Definition, state, state.Incidents[0].Id);
        // Back at the boundary after the task: no new user task, the task's step once.
        Assert.True(Boundary(state).AfterNode);
        Assert.DoesNotContain(state.Waits, w => w.Kind == WaitKind.UserTask);
        p.Engine.Continue(p.Definition, state, Boundary(state).Id);
        Assert.Equal(1, Count(state, "pruefen"));
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void The_side_of_a_boundary_and_a_token_failed_after_its_step_survive_storing_the_state()
    {
        using var p = new TestProcess(Process(pruefenFlags: "camunda:asyncAfter=\"true\""), asyncContinuations: true);
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        var stored = Stored(state);
        Assert.True(Boundary(stored).AfterNode);

        p.Engine.FailContinuation(p.Definition, stored, Boundary(stored).Id, "kaputt");
        var failed = Stored(stored);
        p.Engine.RetryIncident(p.Definition, failed, failed.Incidents[0].Id);
        // Read back from storage, the token still knows its step is done: the boundary after it again, no new task.
        Assert.True(Boundary(failed).AfterNode);
        Assert.DoesNotContain(failed.Waits, w => w.Kind == WaitKind.UserTask);
    }

    private static CaseState Stored(CaseState state) =>
        System.Text.Json.JsonSerializer.Deserialize<CaseState>(System.Text.Json.JsonSerializer.Serialize(state))!;

    [Fact]
    public void Continuing_a_wait_that_is_no_boundary_is_refused()
    {
        using var p = new TestProcess(Process(), asyncContinuations: true);
        var state = p.Start().State;
        var task = Wait(state, "pruefen");
        Assert.Throws<WorkflowInputException>(() => p.Engine.Continue(p.Definition, state, task.Id));
        Assert.Throws<WorkflowInputException>(() => p.Engine.FailContinuation(p.Definition, state, task.Id, "x"));
        Assert.Equal(WaitKind.UserTask, Assert.Single(state.Waits).Kind);
    }

    [Fact]
    public void A_case_cancelled_at_a_boundary_keeps_no_wait()
    {
        using var p = new TestProcess(Process(buchenFlags: "camunda:asyncBefore=\"true\""), asyncContinuations: true);
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        var boundary = Boundary(state).Id;
        var run = p.Engine.Cancel(p.Definition, state);
        Assert.Empty(state.Waits);
        Assert.Contains(boundary, run.RemovedWaitIds);
    }
}

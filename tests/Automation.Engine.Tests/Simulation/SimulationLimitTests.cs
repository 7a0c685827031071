using System.Diagnostics;
using Automation.Engine.Simulation;

namespace Automation.Engine.Tests.Simulation;

/// <summary>A simulation stops inside a replication when cancelled, and at its processor-time budget.</summary>
public sealed class SimulationLimitTests
{
    /// <summary>A script of 5 ms before the queue: 100,000 cases would take minutes.</summary>
    private const string Slow = """
        <bpmn:process id="langsam" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>var t = Date.now(); while (Date.now() - t &lt; 5) {} fertig = true</bpmn:script></bpmn:scriptTask>
          <bpmn:userTask id="serve" name="Bedienen"><bpmn:extensionElements><am:role name="schalter"/></bpmn:extensionElements></bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rechnen" />
          <bpmn:sequenceFlow id="f2" sourceRef="rechnen" targetRef="serve" />
          <bpmn:sequenceFlow id="f3" sourceRef="serve" targetRef="end" />
        </bpmn:process>
        """;

    private const string Scenario = """{ "replications": 1, "roles": { "schalter": { "people": 100 } } }""";

    [Fact]
    public void A_cancelled_simulation_stops_within_its_replication()
    {
        var study = SimBpmn.Compile(Slow, Scenario);
        using var cancel = new CancellationTokenSource();
        Exception? thrown = null;
        // A thread of its own and a direct Cancel: a timer's callback waits for a pool thread, which a busy test run
        // may not have for seconds; the time measured is from the cancellation to the stop.
        var run = new Thread(() => thrown = Record.Exception(() => Simulator.Run(study, 100_000, 1, cancellationToken: cancel.Token)));
        run.Start();
        Thread.Sleep(300);
        var watch = Stopwatch.StartNew();
        cancel.Cancel();
        Assert.True(run.Join(TimeSpan.FromSeconds(5)), "still running 5 s after the cancellation");
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {watch.Elapsed}");
    }

    [Fact]
    public void A_simulation_over_its_processor_time_budget_stops_with_a_German_message()
    {
        var study = SimBpmn.Compile(Slow, Scenario);
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<SimulationBudgetExceededException>(() => Simulator.Run(study, 100_000, 1, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(TimeSpan.FromMilliseconds(300), e.Budget);
        Assert.Equal("simulation-budget-exceeded", SimulationBudgetExceededException.Code);
        Assert.StartsWith("Die Simulation hat ihr Rechenzeitbudget von 0,3 s aufgebraucht", e.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"stopped after {watch.Elapsed}");
    }

    [Fact]
    public void The_budget_counts_the_simulation_threads_processor_time_not_time_spent_waiting()
    {
        var start = ThreadCpuTime.Now();
        Thread.Sleep(300);
        Assert.True(ThreadCpuTime.Now() - start < TimeSpan.FromMilliseconds(100));
        // Working, the clock advances (however small this thread's share of a busy machine is).
        var busy = ThreadCpuTime.Now();
        var watch = Stopwatch.StartNew();
        while (ThreadCpuTime.Now() - busy < TimeSpan.FromMilliseconds(50)) Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the clock did not advance");
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Automation.Benchmarks;

/// <summary>WorkflowCore 3.22.0 with its in-memory persistence running the equivalents of scenarios (a) and (e).</summary>
internal static class WorkflowCoreBaseline
{
    private static readonly int[] HundredItems = [.. Enumerable.Range(0, 100)];
    private static int completed;

    /// <summary>The equivalent of (a): three steps in a row.</summary>
    public static Task<ScenarioResult> RunAsync(int cases) => RunAsync<ThreeStepWorkflow>(cases, "equivalent of (a)");

    /// <summary>The equivalent of (e): a parallel ForEach over 100 items, one no-op step each.</summary>
    public static Task<ScenarioResult> RunHundredParallelAsync(int cases) => RunAsync<HundredParallelWorkflow>(cases, "equivalent of (e), parallel ForEach of 100");

    private static async Task<ScenarioResult> RunAsync<TWorkflow>(int cases, string label)
        where TWorkflow : IWorkflow, new()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.None));
        services.AddWorkflow();
        using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<TWorkflow>();
        var id = new TWorkflow().Id;
        await host.StartAsync(CancellationToken.None);
        try
        {
            completed = 0;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < cases; i++) await host.StartWorkflow(id);
            // Bounded wait: the harness stops by itself even if WorkflowCore stalls.
            var deadline = TimeSpan.FromMinutes(5);
            while (Volatile.Read(ref completed) < cases && sw.Elapsed < deadline) await Task.Delay(5);
            sw.Stop();
            var done = Volatile.Read(ref completed);
            return new ScenarioResult(string.Create(CultureInfo.InvariantCulture, $"WorkflowCore 3.22.0 (memory), {label}, {done:N0} done"),
                cases, done / sw.Elapsed.TotalSeconds, done / sw.Elapsed.TotalSeconds, 0);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private sealed class ThreeStepWorkflow : IWorkflow
    {
        public string Id => nameof(ThreeStepWorkflow);

        public int Version => 1;

        public void Build(IWorkflowBuilder<object> builder) => builder
            .StartWith<NoOp>()
            .Then<NoOp>()
            .Then<Done>();
    }

    private sealed class HundredParallelWorkflow : IWorkflow
    {
        public string Id => nameof(HundredParallelWorkflow);

        public int Version => 1;

        public void Build(IWorkflowBuilder<object> builder) => builder
            .StartWith<NoOp>()
            .ForEach(_ => HundredItems, _ => true)
            .Do(each => each.StartWith<NoOp>())
            .Then<Done>();
    }

    private sealed class NoOp : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }

    private sealed class Done : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            Interlocked.Increment(ref completed);
            return ExecutionResult.Next();
        }
    }
}

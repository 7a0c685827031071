using System.Diagnostics;
using System.Globalization;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;

namespace Automation.Benchmarks;

/// <summary>One measured scenario.</summary>
internal sealed record ScenarioResult(string Name, int Cases, double CasesPerSecond, double ParallelCasesPerSecond, long AllocatedBytesPerCase)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-58} {CasesPerSecond,12:N0} cases/s (1 thread)  {ParallelCasesPerSecond,12:N0} cases/s ({Environment.ProcessorCount} threads)  {AllocatedBytesPerCase,6:N0} B/case");
}

/// <summary>
/// The in-memory engine scenarios (a), (b) and (c) of the engine-core issue, (d): scripts that get a fresh engine each, and (e):
/// a multi-instance activity with 100 parallel instances per case (a tenth of the cases: each is a hundred steps).
/// </summary>
internal static class EngineScenarios
{
    public static List<ScenarioResult> RunAll(int cases)
    {
        using var engine = new WorkflowEngine(new EngineOptions { KeepHistory = true });
        return
        [
            Measure("(a) start -> 3 service tasks (noop) -> end", engine, Read(BpmnScenarios.ThreeServiceTasks), cases),
            Measure("(b) start -> 3 script tasks -> end", engine, Read(BpmnScenarios.ThreeScriptTasks), cases),
            Measure("(c) 12 nodes, exclusive gateway, parallel split/join", engine, Read(BpmnScenarios.TwelveNodes), cases),
            Measure("(d) start -> 3 script tasks using built-ins -> end", engine, Read(BpmnScenarios.ThreeBuiltInScriptTasks), cases),
            Measure(string.Create(CultureInfo.InvariantCulture, $"(e) 100 parallel instances of a service task, {Math.Max(1, cases / 10):N0} cases"), engine,
                Read(BpmnScenarios.HundredParallelInstances), Math.Max(1, cases / 10)),
        ];
    }

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);

    private static ProcessDefinition Read(string xml)
    {
        var set = BpmnReader.ReadText(xml);
        if (set.HasErrors) throw new InvalidOperationException(string.Join(Environment.NewLine, set.Diagnostics));
        return set.Processes[0];
    }

    private static ScenarioResult Measure(string name, WorkflowEngine engine, ProcessDefinition definition, int cases)
    {
        var vars = new Dictionary<string, object?> { ["betrag"] = 1200d };
        // Warm-up: JIT, script cache, and tiering: the runtime promotes hot methods to optimised (PGO) code only after a
        // call-counting delay of 100 ms and a background compile, so a warm-up counted in cases (5,000 took ~30 ms)
        // measured partly unoptimised code. A second of warm-up reaches the steady state a long-running server has.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < Math.Min(cases, 5_000) || warmUp.Elapsed < WarmUpTime; i++) Check(engine.Start(definition, vars));
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++) Check(engine.Start(definition, vars));
        sw.Stop();
        var perCase = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / cases;
        var single = cases / sw.Elapsed.TotalSeconds;
        GC.Collect();
        sw.Restart();
        Parallel.For(0, cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ => Check(engine.Start(definition, vars)));
        sw.Stop();
        return new ScenarioResult(name, cases, single, cases / sw.Elapsed.TotalSeconds, perCase);
    }

    private static void Check(RunResult result)
    {
        if (result.State.Status != CaseStatus.Completed)
            throw new InvalidOperationException($"Case ended {result.State.Status}: {string.Join("; ", result.State.Incidents.Select(i => i.Message))}");
    }
}

using System.Diagnostics;
using System.Globalization;
using Automation.Benchmarks;

// Load harness that prints figures; not a timed test. Usage:
//   dotnet run -c Release --project tests/Automation.Benchmarks -- [engine] [--cases N] [--no-workflowcore]
var cases = 20_000;
var withWorkflowCore = true;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--cases" && i + 1 < args.Length) cases = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--no-workflowcore") withWorkflowCore = false;
}

Console.WriteLine($"Automation engine benchmark: {cases:N0} cases per scenario, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var results = EngineScenarios.RunAll(cases);
foreach (var r in results) Console.WriteLine(r);
if (withWorkflowCore)
{
    var wc = await WorkflowCoreBaseline.RunAsync(cases);
    Console.WriteLine(wc);
    var a = results.First(r => r.Name.StartsWith("(a)", StringComparison.Ordinal));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio (a) single thread / WorkflowCore: {a.CasesPerSecond / wc.CasesPerSecond:F1}x; (a) all cores / WorkflowCore: {a.ParallelCasesPerSecond / wc.CasesPerSecond:F1}x"));
}
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");

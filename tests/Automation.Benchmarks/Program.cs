using System.Diagnostics;
using System.Globalization;
using Automation.Benchmarks;

// Load harness that prints figures; not a timed test. Usage:
//   dotnet run -c Release --project tests/Automation.Benchmarks -- [engine] [--cases N] [--no-workflowcore]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- dashboards [--cases N]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- http-connector [--cases N (calls, default 20,000)]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- persisted [--cases N (default 100,000)] [--rounds N] [--postgres "<connection string>"]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- ledger-query [--cases N]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- matching [--cases N (profiles, default 10,000; offers N/5)]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- simulate [--cases N]   (default 100,000)
//   dotnet run -c Release --project tests/Automation.Benchmarks -- decision [--cases N (evaluations, default 1,000,000)]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- validate [shape] [--bytes N (default the 5 MB upload limit)]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- load --server <Automation.Server.dll> [--rate N] [--seconds N]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- external-tasks --server <Automation.Server.dll> [--cases N (default 20,000)]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- start --server <Automation.Server.dll> --workflows <dir> [--rounds N (default 3)] [--idle N (seconds, default 20)]
//   dotnet run -c Release --project tests/Automation.Benchmarks -- pages --server <Automation.Server.dll> --workflows <dir> [--rounds N (default 3)]
// --smoke (any mode): targets are printed but a missed one does not fail the run; CI runs every mode this way at tiny
// sizes (scripts/test.sh), so the exit code says only whether the benchmark still works and measured something.
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "engine";
var cases = 20_000;
var withWorkflowCore = true;
string? postgres = null;
string? serverDll = null;
var rate = 200;
var rounds = 5;
var seconds = 60;
int? bytes = null;
string? workflows = null;
var idle = 20;
var enforceTargets = !args.Contains("--smoke");
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--cases" && i + 1 < args.Length) cases = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--no-workflowcore") withWorkflowCore = false;
    else if (args[i] == "--postgres" && i + 1 < args.Length) postgres = args[++i];
    else if (args[i] == "--server" && i + 1 < args.Length) serverDll = args[++i];
    else if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--rate" && i + 1 < args.Length) rate = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--seconds" && i + 1 < args.Length) seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--bytes" && i + 1 < args.Length) bytes = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--workflows" && i + 1 < args.Length) workflows = args[++i];
    else if (args[i] == "--idle" && i + 1 < args.Length) idle = int.Parse(args[++i], CultureInfo.InvariantCulture);
}

if (mode == "ledger-query") return await LedgerQueryScenario.RunAsync(cases);
if (mode == "decision") return DecisionScenario.Run(args.Contains("--cases") ? Math.Max(1_000, cases) : 1_000_000, enforceTargets);
if (mode == "validate")
{
    var shape = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
    return bytes is { } limit ? ValidationScenario.Run(shape, limit, enforceTargets) : ValidationScenario.Run(shape, enforceTarget: enforceTargets);
}
if (mode == "matching")
{
    var profiles = args.Contains("--cases") ? cases : 10_000;
    return MatchingScenario.Run(profiles, Math.Max(1, profiles / 5), 3_000);
}
if (mode == "simulate")
{
    return SimulationScenario.Run(args.Contains("--cases") ? cases : 100_000);
}
if (mode == "load")
{
    if (serverDll is null)
    {
        Console.Error.WriteLine("load needs --server <path to Automation.Server.dll>");
        return 2;
    }
    return await ServerLoad.RunAsync(serverDll, rate, seconds);
}
if (mode == "external-tasks")
{
    if (serverDll is null)
    {
        Console.Error.WriteLine("external-tasks needs --server <path to Automation.Server.dll>");
        return 2;
    }
    return await ExternalTaskScenario.RunAsync(serverDll, args.Contains("--cases") ? cases : 20_000, enforceTargets);
}
if (mode == "start")
{
    if (serverDll is null || workflows is null)
    {
        Console.Error.WriteLine("start needs --server <path to Automation.Server.dll> and --workflows <folder of the sample processes>");
        return 2;
    }
    return await StartScenario.RunAsync(serverDll, workflows, args.Contains("--rounds") ? rounds : 3, TimeSpan.FromSeconds(idle), enforceTargets);
}
if (mode == "pages")
{
    if (serverDll is null || workflows is null)
    {
        Console.Error.WriteLine("pages needs --server <path to Automation.Server.dll> and --workflows <folder of the sample processes>");
        return 2;
    }
    return await PagesScenario.RunAsync(serverDll, workflows, args.Contains("--rounds") ? rounds : 3, enforceTargets);
}
if (mode == "http-connector")
{
    return await HttpConnectorScenario.RunAsync(args.Contains("--cases") ? cases : 20_000, enforceTargets);
}
if (mode == "dashboards")
{
    return await DashboardScenario.RunAsync(args.Contains("--cases") ? cases : 50_000, enforceTargets);
}
Console.WriteLine(mode == "persisted"
    ? $"Automation persisted benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}; WorkflowCore baseline over {cases:N0} cases"
    : $"Automation {mode} benchmark: {cases:N0} cases per scenario, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var results = new List<ScenarioResult>();
if (mode == "engine")
{
    results.AddRange(EngineScenarios.RunAll(cases));
}
else if (mode == "persisted")
{
    // Runs of a few seconds each: in a one-second run a background WAL checkpoint lands or not, which moved SQLite's
    // figure by a quarter.
    var persistedCases = args.Contains("--cases") ? cases : 100_000;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  persisted runs: {persistedCases:N0} cases each; tiered compilation {(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0" ? "off" : "on")}"));
    // Rounds (5 unless --rounds says otherwise) alternate which of ledger off and on runs first, so neither always runs
    // in the warmer process; this machine's speed also drifts between minutes. The medians and their ratio are the figures to quote.
    var targets = new List<(string Name, Func<int, bool, Task<(ScenarioResult Result, double WriterMicrosPerCase)>> Run)> { ("SQLite", (n, ledger) => PersistedSqliteAsync(n, ledger)) };
    if (postgres is not null) targets.Add(("PostgreSQL", (n, ledger) => PersistedPostgresAsync(postgres, n, ledger)));
    else Console.WriteLine("(PostgreSQL skipped: pass --postgres \"Host=127.0.0.1;Port=…;Username=…;Database=…\")");
    var runs = targets.ToDictionary(t => t.Name, _ => (Off: new List<double>(), On: new List<double>(), Ratios: new List<double>(), WriterOff: new List<double>(), WriterOn: new List<double>()));
    // One unrecorded round first: the runtime compiles the hot paths of both modes to their final tier before anything counts.
    Console.WriteLine("  warm-up round (not counted):");
    foreach (var (_, run) in targets)
    {
        await run(persistedCases, false);
        await run(persistedCases, true);
    }
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (name, run) in targets)
        {
            foreach (var ledger in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var (result, writer) = await run(persistedCases, ledger);
                results.Add(result);
                (ledger ? runs[name].On : runs[name].Off).Add(result.CasesPerSecond);
                (ledger ? runs[name].WriterOn : runs[name].WriterOff).Add(writer);
            }
            runs[name].Ratios.Add(runs[name].On[^1] / runs[name].Off[^1]);
        }
    }
    // The machine's speed drifts over minutes, so each round's off and on runs, seconds apart, are compared with each
    // other; the median of those paired ratios is the overhead figure, steadier than the ratio of the two medians.
    foreach (var (name, (off, on, ratios, writerOff, writerOn)) in runs)
    {
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger overhead, {name}, {rounds} rounds: median off {Median(off):N0} cases/s, on {Median(on):N0} cases/s; median of the rounds' on/off ratios {(Median(ratios) - 1) * 100:+0;-0} % (range {(ratios.Min() - 1) * 100:+0;-0} to {(ratios.Max() - 1) * 100:+0;-0} %; target: no worse than -25 %)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  writer busy per case, {name}, median: off {Median(writerOff):N1} µs, on {Median(writerOn):N1} µs ({(Median(writerOn) / Median(writerOff) - 1) * 100:+0;-0} %{(name == "SQLite" ? "; the one writer is busy nearly all the time, so it sets the throughput" : "; summed over the writers, which mostly wait for the server")})"));
    }
}
else
{
    Console.Error.WriteLine($"unknown mode '{mode}': engine or persisted");
    return 2;
}
foreach (var r in results) Console.WriteLine(r);
if (withWorkflowCore)
{
    var wc = await WorkflowCoreBaseline.RunAsync(cases);
    Console.WriteLine(wc);
    // WorkflowCore's memory store slows as it fills, and each of these cases is a hundred steps: a hundredth of the cases.
    var wcParallel = mode == "engine" ? await WorkflowCoreBaseline.RunHundredParallelAsync(Math.Max(1, cases / 100)) : null;
    if (wcParallel is not null) Console.WriteLine(wcParallel);
    foreach (var r in results)
    {
        var baseline = wcParallel is not null && r.Name.StartsWith("(e)", StringComparison.Ordinal) ? wcParallel : wc;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio {r.Name}: {r.CasesPerSecond / baseline.CasesPerSecond:F1}x WorkflowCore in memory (1 thread), {r.ParallelCasesPerSecond / baseline.CasesPerSecond:F1}x (all cores)"));
    }
}
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
return 0;

static async Task<(ScenarioResult Result, double WriterMicrosPerCase)> PersistedSqliteAsync(int cases, bool ledger)
{
    var dir = Path.Combine(Path.GetTempPath(), "automation-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(dir);
    try
    {
        return await PersistedScenario.RunAsync("(a) persisted, SQLite", Automation.Data.DatabaseOptions.SqliteFile(Path.Combine(dir, "bench.db")), cases, 256, ledger);
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}

static async Task<(ScenarioResult Result, double WriterMicrosPerCase)> PersistedPostgresAsync(string postgres, int cases, bool ledger)
{
    // A fresh database per run: the benchmark counts rows.
    var pg = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
    var database = $"bench_{(ledger ? "ledger" : "plain")}_{Guid.NewGuid():N}";
    await using (var admin = new Npgsql.NpgsqlConnection(postgres))
    {
        await admin.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
        await create.ExecuteNonQueryAsync();
    }
    pg.Database = database;
    return await PersistedScenario.RunAsync("(a) persisted, PostgreSQL", new Automation.Data.DatabaseOptions(Automation.Data.DatabaseProvider.Postgres, pg.ToString()), cases, 256, ledger);
}

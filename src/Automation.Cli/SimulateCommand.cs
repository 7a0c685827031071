using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Engine.Model;
using Automation.Engine.Simulation;

namespace Automation.Cli;

/// <summary><c>automation simulate &lt;file&gt; --cases N --seed S [--scenario scenario.json] [--json]</c>.</summary>
internal static class SimulateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        string? scenarioPath = null;
        var cases = 1_000;
        long seed = 1;
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--cases":
                    cases = Number(args, ++i, "--cases");
                    if (cases < 1) throw new UsageException("--cases must be at least 1");
                    break;
                case "--seed":
                    seed = Number(args, ++i, "--seed");
                    break;
                case "--scenario":
                    scenarioPath = i + 1 < args.Count ? args[++i] : throw new UsageException("--scenario needs a file");
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    if (args[i].StartsWith('-')) throw new UsageException($"unknown option '{args[i]}' for simulate");
                    if (file is not null) throw new UsageException("simulate takes one definition file");
                    file = args[i];
                    break;
            }
        }
        if (file is null) throw new UsageException("simulate needs a definition file");
        foreach (var path in new[] { file, scenarioPath })
        {
            if (path is not null && !File.Exists(path))
            {
                stderr.WriteLine($"{path}: error file-not-found: no such file");
                return CommandLine.Failed;
            }
        }
        var (set, diagnostics) = CommandLine.Load(file);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) stderr.WriteLine(d with { File = d.File ?? file });
            stderr.WriteLine($"{file}: invalid; not simulated");
            return CommandLine.Failed;
        }
        SimulationReport report;
        try
        {
            var scenario = scenarioPath is null ? new ScenarioFile() : ScenarioFile.Parse(File.ReadAllText(scenarioPath));
            var study = SimulationCompiler.Compile(set.Processes, scenario);
            report = Simulator.Run(study, cases, seed);
        }
        catch (SimulationValidationException e)
        {
            foreach (var error in e.Errors) stderr.WriteLine($"{scenarioPath ?? file}: error {error}");
            stderr.WriteLine($"{scenarioPath ?? file}: invalid scenario; not simulated");
            return CommandLine.Failed;
        }
        if (json) stdout.WriteLine(JsonSerializer.Serialize(report, Json));
        else WriteText(stdout, report);
        return CommandLine.Ok;
    }

    private static int Number(IReadOnlyList<string> args, int i, string option) =>
        i < args.Count && int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new UsageException($"{option} needs a whole number");

    private static void WriteText(TextWriter o, SimulationReport r)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine($"{r.Label}");
        o.WriteLine(string.Create(c, $"{r.Name}: process {r.ProcessId}, {r.Cases:N0} cases × {r.Replications} replications, seed {r.Seed}, start {r.Start:yyyy-MM-dd}, factors {r.FactorSet}, authority {r.Authority}"));
        o.WriteLine(string.Create(c, $"Calendar: {r.WorkingDaysPerYear} working days in the first year (holidays and closing days excluded), {r.CasesPerYear:N0} cases/year"));
        o.WriteLine("Figures: mean [90 % interval over replications]; per case = per completed case.");
        foreach (var v in r.Variants)
        {
            o.WriteLine();
            o.WriteLine(v.IsBaseline ? $"== {v.Name} ==" : $"== {v.Name}: {string.Join("; ", v.Changes)} ==");
            o.WriteLine($"  cases completed     {E(v.CasesCompleted, "N0")} of {v.CasesStarted.ToString("N0", c)}" + (v.CasesStuck.Mean > 0 ? $", stuck {E(v.CasesStuck, "N0")}" : ""));
            o.WriteLine($"  lead time (days)    mean {E(v.LeadTimeMeanDays)}, median {E(v.LeadTimeP50Days)}, 90th pct {E(v.LeadTimeP90Days)}");
            o.WriteLine($"  queue wait (hours)  {E(v.QueueWaitHours)}");
            o.WriteLine($"  staff hours/case    {E(v.StaffHoursPerCase)}; FTE (1,600 h/year) {E(v.Fte)}");
            foreach (var occ in v.StaffByOccupation)
                o.WriteLine($"    occupation {occ.Occupation,-14} {E(occ.HoursPerCase)} h/case, FTE {E(occ.Fte)}");
            o.WriteLine($"  labour cost         {E(v.EurPerCase)} EUR/case, {E(v.EurTotal, "N0")} EUR in all");
            o.WriteLine($"  SCI gCO2e/case      {E(v.SciPerCase)}");
            foreach (var cc in v.Carbon.Where(x => x.GramsPerCase.Mean != 0))
                o.WriteLine($"    {cc.Component,-14} ({cc.Placement,-7}) {E(cc.GramsPerCase)} g/case");
            foreach (var b in v.StepBalances)
                o.WriteLine($"  carbon balance {b.StepId} ({b.Change}): added {E(b.AddedG)} g, saved {E(b.SavedG)} g, net {E(b.NetG)} g per case; citizens' trips saved {E(b.CitizenTripsSavedG)} g");
            foreach (var sv in v.StepSavings)
                o.WriteLine($"  staff time freed {sv.StepId} ({sv.Change}, occupation {sv.Occupation ?? "none"}): {E(sv.MinutesSavedPerCase)} min/case, {E(sv.HoursPerYear, "N0")} h/year");
        }
        o.WriteLine();
        o.WriteLine("Assumptions:");
        foreach (var a in r.Assumptions) o.WriteLine("  - " + a);
    }

    private static string E(Estimate e, string format = "0.##") =>
        e.Low == e.High ? e.Mean.ToString(format, CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{e.Mean.ToString(format, CultureInfo.InvariantCulture)} [{e.Low.ToString(format, CultureInfo.InvariantCulture)} – {e.High.ToString(format, CultureInfo.InvariantCulture)}]");
}

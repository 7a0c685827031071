using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Engine.Model;
using Automation.Engine.Simulation;
using Automation.Engine.Texts;

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
                    if (cases < 1) throw new UsageException(Texte.CliFaelleMindestens);
                    break;
                case "--seed":
                    seed = Number(args, ++i, "--seed");
                    break;
                case "--scenario":
                    scenarioPath = i + 1 < args.Count ? args[++i] : throw new UsageException(Texte.Format(Texte.CliBrauchtDatei, "--scenario"));
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    if (args[i].StartsWith('-')) throw new UsageException(Texte.Format(Texte.CliOptionUnbekannt, "simulate", args[i]));
                    if (file is not null) throw new UsageException(Texte.Format(Texte.CliNurEineDatei, "simulate"));
                    file = args[i];
                    break;
            }
        }
        if (file is null) throw new UsageException(Texte.Format(Texte.CliBrauchtDatei, "simulate"));
        foreach (var path in new[] { file, scenarioPath })
        {
            if (path is not null && !File.Exists(path))
            {
                stderr.WriteLine($"{path}: {Texte.Schwere("error")} file-not-found: {Texte.CliDateiFehlt}");
                return CommandLine.Failed;
            }
        }
        var (set, diagnostics) = CommandLine.Load(file);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) stderr.WriteLine(CommandLine.Finding(d, file));
            stderr.WriteLine(Texte.Format(Texte.SimUngueltig, file));
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
            foreach (var error in e.Errors) stderr.WriteLine($"{scenarioPath ?? file}: {Texte.Schwere("error")} {error}");
            stderr.WriteLine(Texte.Format(Texte.SimSzenarioUngueltig, scenarioPath ?? file));
            return CommandLine.Failed;
        }
        if (json) stdout.WriteLine(JsonSerializer.Serialize(report, Json));
        else WriteText(stdout, report);
        return CommandLine.Ok;
    }

    private static int Number(IReadOnlyList<string> args, int i, string option) =>
        i < args.Count && int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new UsageException(Texte.Format(Texte.CliOptionBrauchtZahl, option));

    private static void WriteText(TextWriter o, SimulationReport r)
    {
        o.WriteLine($"{r.Label}");
        o.WriteLine(Texte.Format(Texte.SimKopf, r.Name, r.ProcessId, r.Cases, r.Replications, r.Seed, r.Start, r.FactorSet, r.Authority));
        o.WriteLine(Texte.Format(Texte.SimKalender, r.WorkingDaysPerYear, r.CasesPerYear));
        o.WriteLine(Texte.SimLegende);
        foreach (var v in r.Variants)
        {
            o.WriteLine();
            o.WriteLine(v.IsBaseline ? $"== {v.Name} ==" : $"== {v.Name}: {string.Join("; ", v.Changes)} ==");
            o.WriteLine(Texte.Format(Texte.SimAbgeschlossen, E(v.CasesCompleted, "N0"), v.CasesStarted)
                + (v.CasesStuck.Mean > 0 ? Texte.Format(Texte.SimSteckenGeblieben, E(v.CasesStuck, "N0")) : ""));
            o.WriteLine(Texte.Format(Texte.SimDurchlaufzeit, E(v.LeadTimeMeanDays), E(v.LeadTimeP50Days), E(v.LeadTimeP90Days)));
            o.WriteLine(Texte.Format(Texte.SimWartezeit, E(v.QueueWaitHours)));
            o.WriteLine(Texte.Format(Texte.SimPersonalstunden, E(v.StaffHoursPerCase), E(v.Fte)));
            foreach (var occ in v.StaffByOccupation)
                o.WriteLine(Texte.Format(Texte.SimBeruf, occ.Occupation, E(occ.HoursPerCase), E(occ.Fte)));
            o.WriteLine(Texte.Format(Texte.SimKosten, E(v.EurPerCase), E(v.EurTotal, "N0")));
            o.WriteLine(Texte.Format(Texte.SimSci, E(v.SciPerCase)));
            foreach (var cc in v.Carbon.Where(x => x.GramsPerCase.Mean != 0))
                o.WriteLine(Texte.Format(Texte.SimBestandteil, cc.Component, Texte.Einordnung(cc.Placement), E(cc.GramsPerCase)));
            foreach (var b in v.StepBalances)
                o.WriteLine(Texte.Format(Texte.SimBilanz, b.StepId, Texte.Aenderung(b.Change), E(b.AddedG), E(b.SavedG), E(b.NetG), E(b.CitizenTripsSavedG)));
            foreach (var sv in v.StepSavings)
                o.WriteLine(Texte.Format(Texte.SimFreigesetzt, sv.StepId, Texte.Aenderung(sv.Change), sv.Occupation ?? Texte.SimKeinBeruf, E(sv.MinutesSavedPerCase), E(sv.HoursPerYear, "N0")));
        }
        o.WriteLine();
        o.WriteLine(Texte.SimAnnahmen);
        foreach (var a in r.Assumptions) o.WriteLine("  - " + a);
    }

    /// <summary>A figure with its interval, in de-DE.</summary>
    private static string E(Estimate e, string format = "0.##") =>
        e.Low == e.High ? e.Mean.ToString(format, Texte.Kultur)
            : $"{e.Mean.ToString(format, Texte.Kultur)} [{e.Low.ToString(format, Texte.Kultur)} – {e.High.ToString(format, Texte.Kultur)}]";
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Engine.Decisions;
using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary><c>automation validate &lt;file&gt;… [--json]</c></summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A terminal or a script reads this, never a browser: quotes and umlauts stay as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Contains("--json", StringComparer.Ordinal);
        var files = args.Where(a => a != "--json").ToList();
        if (files.Count == 0) throw new UsageException(Texte.CliValidateBrauchtDatei);
        foreach (var option in files.Where(f => f.StartsWith("--", StringComparison.Ordinal)))
            throw new UsageException(Texte.Format(Texte.CliOptionUnbekannt, "validate", option));
        var reports = files.Select(Check).ToList();
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new { valid = reports.All(r => r.Valid), files = reports }, Json));
        }
        else
        {
            foreach (var r in reports) WriteText(r, stdout, stderr);
        }
        return reports.All(r => r.Valid) ? CommandLine.Ok : CommandLine.Failed;
    }

    private static FileReport Check(string file)
    {
        if (!File.Exists(file))
            return new FileReport(file, false, [], [new DiagnosticLine("error", "file-not-found", Texte.CliDateiFehlt, null, null, null, null)]);
        if (DecideCommand.IsDmn(file)) return CheckDmn(file);
        var (set, diagnostics) = CommandLine.Load(file);
        var labels = set.LabelsById();
        var lines = diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).Select(d => Line(d, labels)).ToList();
        return new FileReport(file, !lines.Any(l => l.Severity == "error"), [.. set.Processes.Select(p => p.Id)], lines) { NodeCount = set.Processes.Sum(p => p.Nodes.Count) };
    }

    /// <summary>A DMN file: the reader checks tables, FEEL cells and the requirement graph; labels are the decisions' names.</summary>
    private static FileReport CheckDmn(string file)
    {
        var model = Dmn.ReadFile(file);
        var labels = model.LabelsById();
        var lines = model.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).Select(d => Line(d, labels)).ToList();
        return new FileReport(file, !lines.Any(l => l.Severity == "error"), [], lines) { Decisions = [.. model.Decisions.Select(d => d.Id)] };
    }

    internal static DiagnosticLine Line(Diagnostic d, IReadOnlyDictionary<string, string> labels) =>
        new(d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.Code, Texte.Diagnose(d), d.ElementId,
            d.ElementId is { } id ? labels.GetValueOrDefault(id) : null, d.Position?.Line, d.Position?.Column) { Detail = d.Message };

    private static void WriteText(FileReport r, TextWriter stdout, TextWriter stderr)
    {
        WriteDiagnostics(r.File, r.Diagnostics, stdout, stderr);
        var errors = r.Diagnostics.Count(d => d.Severity == "error");
        if (r.Diagnostics.Any(d => d.Code == "file-not-found")) return;
        if (errors == 0 && r.Decisions is { } decisions)
        {
            stdout.WriteLine(Texte.Format(Texte.CliEntscheidungenGueltig, r.File, decisions.Count,
                decisions.Count == 1 ? Texte.CliEntscheidungEinzahl : Texte.CliEntscheidungMehrzahl, string.Join(", ", decisions)));
            return;
        }
        stdout.WriteLine(errors > 0
            ? Texte.Format(Texte.CliUngueltig, r.File, errors)
            : Texte.Format(Texte.CliGueltig, r.File, r.Processes.Count, r.Processes.Count == 1 ? Texte.CliProzess : Texte.CliProzesse, r.NodeCount, string.Join(", ", r.Processes)));
    }

    /// <summary>One line per finding: file:line:column: severity code: German text id="label" Zeile N.</summary>
    internal static void WriteDiagnostics(string file, IEnumerable<DiagnosticLine> diagnostics, TextWriter stdout, TextWriter stderr)
    {
        foreach (var d in diagnostics)
        {
            var where = d.Line is { } line ? $"{file}:{line}:{d.Column}" : file;
            var element = d.ElementId is null ? "" : d.ElementName is null ? $" id={d.ElementId}" : $" id={d.ElementId} \"{OneLine(d.ElementName)}\"";
            var at = d.Line is { } l ? $" {Texte.CliZeile} {l}" : "";
            (d.Code == "file-not-found" ? stderr : stdout).WriteLine($"{where}: {Texte.Schwere(d.Severity)} {d.Code}: {d.Message}{element}{at}");
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed record FileReport(string File, bool Valid, IReadOnlyList<string> Processes, IReadOnlyList<DiagnosticLine> Diagnostics)
    {
        [JsonIgnore]
        public int NodeCount { get; init; }

        /// <summary>The decision ids of a DMN file; absent for process files.</summary>
        public IReadOnlyList<string>? Decisions { get; init; }
    }

    /// <summary>A finding: Message is the German text of its code; Detail the engine's technical (English) account, in --json only.</summary>
    internal sealed record DiagnosticLine(string Severity, string Code, string Message, string? ElementId, string? ElementName, int? Line, int? Column)
    {
        public string? Detail { get; init; }
    }
}

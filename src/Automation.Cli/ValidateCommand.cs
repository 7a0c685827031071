using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Engine.Model;

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
        if (files.Count == 0) throw new UsageException("validate needs at least one file");
        foreach (var option in files.Where(f => f.StartsWith("--", StringComparison.Ordinal)))
            throw new UsageException($"validate has no option '{option}'");
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
            return new FileReport(file, false, [], [new DiagnosticLine("error", "file-not-found", "no such file", null, null, null, null)]);
        var (set, diagnostics) = CommandLine.Load(file);
        var labels = set.LabelsById();
        var lines = diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info)
            .Select(d => new DiagnosticLine(d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.Code, d.Message, d.ElementId,
                d.ElementId is { } id ? labels.GetValueOrDefault(id) : null, d.Position?.Line, d.Position?.Column))
            .ToList();
        return new FileReport(file, !lines.Any(l => l.Severity == "error"), [.. set.Processes.Select(p => p.Id)], lines) { NodeCount = set.Processes.Sum(p => p.Nodes.Count) };
    }

    private static void WriteText(FileReport r, TextWriter stdout, TextWriter stderr)
    {
        foreach (var d in r.Diagnostics)
        {
            var where = d.Line is { } line ? $"{r.File}:{line}:{d.Column}" : r.File;
            var element = d.ElementId is null ? "" : d.ElementName is null ? $" id={d.ElementId}" : $" id={d.ElementId} \"{OneLine(d.ElementName)}\"";
            var at = d.Line is { } l ? $" line {l}" : "";
            (d.Code == "file-not-found" ? stderr : stdout).WriteLine($"{where}: {d.Severity} {d.Code}: {d.Message}{element}{at}");
        }
        var errors = r.Diagnostics.Count(d => d.Severity == "error");
        if (r.Diagnostics.Any(d => d.Code == "file-not-found")) return;
        stdout.WriteLine(errors > 0
            ? $"{r.File}: invalid ({errors} error{(errors == 1 ? "" : "s")})"
            : $"{r.File}: valid ({r.Processes.Count} process{(r.Processes.Count == 1 ? "" : "es")}, {r.NodeCount} nodes: {string.Join(", ", r.Processes)})");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed record FileReport(string File, bool Valid, IReadOnlyList<string> Processes, IReadOnlyList<DiagnosticLine> Diagnostics)
    {
        [JsonIgnore]
        public int NodeCount { get; init; }
    }

    private sealed record DiagnosticLine(string Severity, string Code, string Message, string? ElementId, string? ElementName, int? Line, int? Column);
}

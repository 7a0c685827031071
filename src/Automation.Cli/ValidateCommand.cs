using Automation.Engine.Model;

namespace Automation.Cli;

/// <summary><c>automation validate &lt;file&gt;…</c></summary>
internal static class ValidateCommand
{
    public static int Run(IReadOnlyList<string> files, TextWriter stdout, TextWriter stderr)
    {
        if (files.Count == 0) throw new UsageException("validate needs at least one file");
        foreach (var option in files.Where(f => f.StartsWith("--", StringComparison.Ordinal)))
            throw new UsageException($"validate has no option '{option}'");
        var allValid = true;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                stderr.WriteLine($"{file}: error file-not-found: no such file");
                allValid = false;
                continue;
            }
            var (set, diagnostics) = CommandLine.Load(file);
            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            foreach (var d in diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info)) stdout.WriteLine(d with { File = d.File ?? file });
            if (errors > 0)
            {
                allValid = false;
                stdout.WriteLine($"{file}: invalid ({errors} error{(errors == 1 ? "" : "s")})");
            }
            else
            {
                var nodes = set.Processes.Sum(p => p.Nodes.Count);
                stdout.WriteLine($"{file}: valid ({set.Processes.Count} process{(set.Processes.Count == 1 ? "" : "es")}, {nodes} nodes: {string.Join(", ", set.Processes.Select(p => p.Id))})");
            }
        }
        return allValid ? CommandLine.Ok : CommandLine.Failed;
    }
}

using Automation.Engine.Model;

namespace Automation.Engine.Validation;

/// <summary>Adds diagnostics for one file.</summary>
internal sealed class Report(string? fileName, List<Diagnostic> diagnostics, string? descriptiveProcess = null)
{
    public void Error(string code, string message, string? elementId, SourcePosition? position)
    {
        var error = Diagnostic.Error(code, message, elementId, position, fileName);
        diagnostics.Add(descriptiveProcess is null ? error : AsWarning(error, descriptiveProcess));
    }

    /// <summary>An error found in a process marked not executable: the one rule for how it is reported instead.</summary>
    public static Diagnostic AsWarning(Diagnostic error, string processId) => error with
    {
        Severity = DiagnosticSeverity.Warning,
        Message = $"{error.Message} (process {processId} is marked isExecutable=\"false\": a warning only, but it does not run until this is fixed)",
    };

    /// <summary>The same report for a process marked not executable: its errors become warnings.</summary>
    public Report Descriptive(string processId) => new(fileName, diagnostics, processId);

    public void Warning(string code, string message, string? elementId, SourcePosition? position) =>
        diagnostics.Add(Diagnostic.Warning(code, message, elementId, position, fileName));
}

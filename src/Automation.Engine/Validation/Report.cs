using Automation.Engine.Model;

namespace Automation.Engine.Validation;

/// <summary>Adds diagnostics for one file.</summary>
internal sealed class Report(string? fileName, List<Diagnostic> diagnostics, string? descriptiveProcess = null)
{
    public void Error(string code, string message, string? elementId, SourcePosition? position) =>
        diagnostics.Add(descriptiveProcess is null
            ? Diagnostic.Error(code, message, elementId, position, fileName)
            : Diagnostic.Warning(code, $"{message} (process {descriptiveProcess} is marked isExecutable=\"false\": a warning only, but it does not start until this is fixed)",
                elementId, position, fileName));

    /// <summary>The same report for a process marked not executable: its errors become warnings.</summary>
    public Report Descriptive(string processId) => new(fileName, diagnostics, processId);

    public void Warning(string code, string message, string? elementId, SourcePosition? position) =>
        diagnostics.Add(Diagnostic.Warning(code, message, elementId, position, fileName));
}

using Automation.Engine.Model;

namespace Automation.Engine.Validation;

/// <summary>Adds diagnostics for one file.</summary>
internal sealed class Report(string? fileName, List<Diagnostic> diagnostics)
{
    public void Error(string code, string message, string? elementId, SourcePosition? position) =>
        diagnostics.Add(Diagnostic.Error(code, message, elementId, position, fileName));

    public void Warning(string code, string message, string? elementId, SourcePosition? position) =>
        diagnostics.Add(Diagnostic.Warning(code, message, elementId, position, fileName));
}

using System.Text;

namespace Automation.Engine.Model;

/// <summary>How serious a diagnostic is. Errors make a definition invalid.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Informational, e.g. an ignored diagram artifact.</summary>
    Info,
    /// <summary>Something odd that still runs.</summary>
    Warning,
    /// <summary>The definition does not validate.</summary>
    Error,
}

/// <summary>A problem found while reading or validating a definition, with where it is.</summary>
/// <param name="Severity">Severity.</param>
/// <param name="Code">Stable machine code, e.g. <c>unsupported-element</c>.</param>
/// <param name="Message">Readable message, e.g. "unsupported: complexGateway".</param>
/// <param name="ElementId">The element concerned, if any.</param>
/// <param name="Position">Line and column in the source, if known.</param>
/// <param name="File">Source file name, if known.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, string? ElementId = null,
    SourcePosition? Position = null, string? File = null)
{
    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string code, string message, string? elementId = null, SourcePosition? position = null, string? file = null) =>
        new(DiagnosticSeverity.Error, code, message, elementId, position, file);

    /// <summary>Creates an informational note.</summary>
    public static Diagnostic Info(string code, string message, string? elementId = null, SourcePosition? position = null, string? file = null) =>
        new(DiagnosticSeverity.Info, code, message, elementId, position, file);

    /// <summary>
    /// The values the German text of <see cref="Code"/> names in its placeholders (<c>{0}</c>, <c>{1}</c> in Texte.resx),
    /// such as a suggested topic; empty for codes whose text stands alone.
    /// </summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string code, string message, string? elementId = null, SourcePosition? position = null, string? file = null) =>
        new(DiagnosticSeverity.Warning, code, message, elementId, position, file);

    /// <summary>Formats as <c>file:line:column: error code: message id=X line N</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (File is not null)
        {
            sb.Append(File);
            if (Position is { } p) sb.Append(':').Append(p.Line).Append(':').Append(p.Column);
            sb.Append(": ");
        }
        sb.Append(Severity.ToString().ToLowerInvariant()).Append(' ').Append(Code).Append(": ").Append(Message);
        if (ElementId is not null) sb.Append(" id=").Append(ElementId);
        if (Position is { } pos) sb.Append(" line ").Append(pos.Line);
        return sb.ToString();
    }
}

using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading;

/// <summary>
/// Reads a definition file of either supported format, chosen by its first significant character:
/// <c>&lt;</c> for BPMN 2.0 XML, <c>{</c> for Elsa 3 workflow JSON. Never throws on bad input.
/// </summary>
public static class DefinitionReader
{
    /// <summary>Reads a file under the default limits; its size is checked before it is opened.</summary>
    /// <param name="path">Path of the file; also used as file name in diagnostics.</param>
    public static DefinitionSet ReadFile(string path) => ReadFile(path, null);

    /// <summary>Reads a file; its size is checked before it is opened.</summary>
    /// <param name="path">Path of the file; also used as file name in diagnostics.</param>
    /// <param name="limits">Limits on size and structure; <see cref="ReaderLimits.Default"/> when null.</param>
    internal static DefinitionSet ReadFile(string path, ReaderLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ReaderLimits.Default;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > limits.MaxBytes)
                return Failed(path, SourceInput.TooLarge(info.Length, path, limits));
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Read(stream, path, limits);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(path, Diagnostic.Error(DiagnosticCodes.IoError, "cannot read file: " + ex.Message, file: path));
        }
    }

    /// <summary>Reads a definition from a stream under the default limits, sniffing its format.</summary>
    /// <param name="stream">The source; read from its current position, left open.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    public static DefinitionSet Read(Stream stream, string? fileName) => Read(stream, fileName, null);

    /// <summary>Reads a definition from a stream, sniffing its format.</summary>
    /// <param name="stream">The source; read from its current position, left open.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Limits on size and structure; <see cref="ReaderLimits.Default"/> when null.</param>
    internal static DefinitionSet Read(Stream stream, string? fileName, ReaderLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ReaderLimits.Default;
        var diagnostics = new List<Diagnostic>();
        var bytes = SourceInput.ReadBounded(stream, fileName, limits, diagnostics);
        if (bytes is null) return new DefinitionSet(fileName, SourceFormat.Bpmn, [], [], diagnostics, "");
        switch (SourceInput.FirstSignificantChar(bytes))
        {
            case '<':
                return BpmnReader.ReadBytes(bytes, fileName, limits, diagnostics);
            case '{':
                using (var json = new MemoryStream(bytes, writable: false))
                    return ElsaReader.Read(json, fileName, limits);
            case null:
                return Failed(fileName, Diagnostic.Error(DiagnosticCodes.UnknownFormat, "the source is empty", file: fileName));
            case { } c:
                return Failed(fileName, Diagnostic.Error(DiagnosticCodes.UnknownFormat,
                    $"unknown format: the source starts with '{c}', expected '<' (BPMN XML) or '{{' (Elsa JSON)", file: fileName));
        }
    }

    private static DefinitionSet Failed(string? fileName, Diagnostic diagnostic) =>
        new(fileName, SourceFormat.Bpmn, [], [], [diagnostic], "");
}

using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading;

/// <summary>
/// Reads Elsa Workflows 3 JSON. This build carries no Elsa import; the real reader replaces this file.
/// </summary>
public static class ElsaReader
{
    /// <summary>Reports that Elsa import is not available in this build.</summary>
    /// <param name="stream">The source (not read).</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Limits on size and structure (unused).</param>
    public static DefinitionSet Read(Stream stream, string? fileName = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new DefinitionSet(fileName, SourceFormat.ElsaJson, [], [],
            [Diagnostic.Error(DiagnosticCodes.UnknownFormat, "elsa import not available", file: fileName)], "");
    }
}

using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading.Bpmn;

namespace Automation.Engine.Reading;

/// <summary>
/// Reads BPMN 2.0 XML into a <see cref="DefinitionSet"/>. Never throws on bad input: malformed XML, refused DTDs,
/// files beyond the <see cref="ReaderLimits"/> and unsupported elements all become error diagnostics with file,
/// element id and line.
/// </summary>
internal static class BpmnReader
{
    /// <summary>Reads BPMN XML from a stream, honouring its byte order mark or encoding declaration.</summary>
    /// <param name="stream">The source; read from its current position, left open.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Limits on size and structure; <see cref="ReaderLimits.Default"/> when null.</param>
    public static DefinitionSet Read(Stream stream, string? fileName = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ReaderLimits.Default;
        var diagnostics = new List<Diagnostic>();
        var bytes = SourceInput.ReadBounded(stream, fileName, limits, diagnostics);
        return bytes is null ? Failed(fileName, diagnostics, "") : ReadBytes(bytes, fileName, limits, diagnostics);
    }

    /// <summary>Reads BPMN XML from text already decoded (an encoding declaration in it is ignored).</summary>
    /// <param name="xml">The XML text.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Limits on size and structure; <see cref="ReaderLimits.Default"/> when null.</param>
    public static DefinitionSet ReadText(string xml, string? fileName = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        limits ??= ReaderLimits.Default;
        var diagnostics = new List<Diagnostic>();
        // Length first: a UTF-8 byte count is at least the character count, and counting bytes walks the whole text.
        if (xml.Length > limits.MaxBytes || Encoding.UTF8.GetByteCount(xml) > limits.MaxBytes)
        {
            diagnostics.Add(SourceInput.TooLarge(null, fileName, limits));
            return Failed(fileName, diagnostics, "");
        }
        return ReadDecoded(xml, fileName, limits, diagnostics);
    }

    /// <summary>Reads BPMN XML from bytes already bounded by the caller.</summary>
    internal static DefinitionSet ReadBytes(byte[] bytes, string? fileName, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        var text = SourceInput.DecodeXml(bytes, fileName, diagnostics);
        return text is null ? Failed(fileName, diagnostics, "") : ReadDecoded(text, fileName, limits, diagnostics);
    }

    private static DefinitionSet ReadDecoded(string text, string? fileName, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        var document = SafeXmlLoader.Load(text, fileName, limits, diagnostics);
        return document is null
            ? Failed(fileName, diagnostics, text)
            : DefinitionsMapper.Map(document, text, new BpmnContext(fileName, limits, diagnostics));
    }

    private static DefinitionSet Failed(string? fileName, List<Diagnostic> diagnostics, string sourceText) =>
        new(fileName, SourceFormat.Bpmn, [], [], diagnostics, sourceText);
}

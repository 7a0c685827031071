using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Reading.Bpmn;
using Automation.Engine.Validation;

namespace Automation.Engine.Decisions;

/// <summary>
/// Reads DMN files. Never throws on bad input: malformed XML, refused DTDs, sizes beyond the reader limits, FEEL that does
/// not parse and graph errors all become diagnostics on the returned model.
/// </summary>
public static class Dmn
{
    /// <summary>Reads DMN XML already decoded to text.</summary>
    /// <param name="xml">The XML text.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    public static DecisionModel Read(string xml, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var limits = ReaderLimits.Default;
        var diagnostics = new List<Diagnostic>();
        if (xml.Length > limits.MaxBytes || Encoding.UTF8.GetByteCount(xml) > limits.MaxBytes)
        {
            diagnostics.Add(SourceInput.TooLarge(null, fileName, limits));
            return Empty(fileName, diagnostics);
        }
        return ReadDecoded(xml, fileName, limits, diagnostics);
    }

    /// <summary>Reads a DMN file, honouring its byte order mark or encoding declaration; its size is checked first.</summary>
    /// <param name="path">Path of the file; also the file name in diagnostics.</param>
    public static DecisionModel ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var limits = ReaderLimits.Default;
        var diagnostics = new List<Diagnostic>();
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > limits.MaxBytes)
            {
                diagnostics.Add(SourceInput.TooLarge(info.Length, path, limits));
                return Empty(path, diagnostics);
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var bytes = SourceInput.ReadBounded(stream, path, limits, diagnostics);
            var text = bytes is null ? null : SourceInput.DecodeXml(bytes, path, diagnostics);
            return text is null ? Empty(path, diagnostics) : ReadDecoded(text, path, limits, diagnostics);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IoError, "cannot read file: " + ex.Message, file: path));
            return Empty(path, diagnostics);
        }
    }

    /// <summary>Whether XML text is a DMN document (its root is <c>definitions</c> in a DMN namespace), judged from the start of the text.</summary>
    public static bool LooksLikeDmn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.Length > 4096 ? text[..4096] : text;
        return head.Contains("definitions", StringComparison.Ordinal) && DmnReader.Namespaces.Any(ns => head.Contains(ns, StringComparison.Ordinal));
    }

    private static DecisionModel ReadDecoded(string text, string? fileName, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        var document = SafeXmlLoader.Load(text, fileName, limits, diagnostics);
        return document is null ? Empty(fileName, diagnostics) : DmnReader.Map(document, fileName, diagnostics);
    }

    private static DecisionModel Empty(string? fileName, List<Diagnostic> diagnostics) => new(fileName, null, [], [], diagnostics);
}

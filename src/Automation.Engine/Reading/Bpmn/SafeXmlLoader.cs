using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>
/// Loads untrusted XML into a tree with line information. Pre-scans enforce the limits first, so a document too
/// deep, too large or with a crowded element is refused before any tree is built.
/// </summary>
internal static class SafeXmlLoader
{
    public static XDocument? Load(string text, string? fileName, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        try
        {
            if (AttributeCounter.FindCrowded(text, limits.MaxAttributesPerElement) is { } crowded)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TooManyAttributes,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Das Element {crowded.Name} hat mehr als {limits.MaxAttributesPerElement} Attribute; erlaubt sind höchstens {limits.MaxAttributesPerElement} je Element."),
                    position: PositionAt(text, crowded.Index), file: fileName));
                return null;
            }
            if (!Prescan(text, fileName, limits, diagnostics)) return null;
            using var reader = XmlReader.Create(new StringReader(text), Settings());
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            diagnostics.Add(FindDoctype(text) is { } doctype
                ? Diagnostic.Error(DiagnosticCodes.DtdProhibited, "DTD is not allowed (document type declarations are refused)",
                    position: doctype, file: fileName)
                : Diagnostic.Error(DiagnosticCodes.MalformedXml, "malformed XML: " + ex.Message,
                    position: new SourcePosition(ex.LineNumber, ex.LinePosition), file: fileName));
            return null;
        }
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static bool Prescan(string text, string? fileName, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings());
        var lineInfo = (IXmlLineInfo)reader;
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.Depth + 1 > limits.MaxDepth)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NestingTooDeep,
                    string.Create(CultureInfo.InvariantCulture, $"elements nest deeper than the limit of {limits.MaxDepth}"),
                    reader.GetAttribute("id"), Position(lineInfo), fileName));
                return false;
            }
            if (++elements > limits.MaxElements)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TooManyElements,
                    string.Create(CultureInfo.InvariantCulture, $"more elements than the limit of {limits.MaxElements}"),
                    reader.GetAttribute("id"), Position(lineInfo), fileName));
                return false;
            }
        }
        return true;
    }

    /// <summary>The start of an element's tag: the reader reports the name, one column after the '&lt;'.</summary>
    private static SourcePosition Position(IXmlLineInfo info) => new(info.LineNumber, Math.Max(1, info.LinePosition - 1));

    /// <summary>Where a DOCTYPE declaration stands in the prolog, if there is one.</summary>
    internal static SourcePosition? FindDoctype(string text)
    {
        var i = 0;
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF')) i++;
            if (Follows(text, i, "<?")) i = Skip(text, i, "?>");
            else if (Follows(text, i, "<!--")) i = Skip(text, i, "-->");
            else if (Follows(text, i, "<!DOCTYPE")) return PositionAt(text, i);
            else return null;
            if (i < 0) return null;
        }
    }

    private static bool Follows(string text, int at, string what) => string.CompareOrdinal(text, at, what, 0, what.Length) == 0;

    private static int Skip(string text, int at, string terminator)
    {
        var end = text.IndexOf(terminator, at, StringComparison.Ordinal);
        return end < 0 ? -1 : end + terminator.Length;
    }

    private static SourcePosition PositionAt(string text, int index)
    {
        var before = text.AsSpan(0, index);
        return new SourcePosition(before.Count('\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }
}

namespace Automation.Engine.Reading.Bpmn;

/// <summary>
/// Finds the first start tag with more attributes than a limit, in one pass over the text and without an XML parser.
/// System.Xml's reader takes time quadratic in the number of attributes of one element (measured on this machine:
/// 100,000 attributes 1.4 s, 400,000 attributes 10 s), so a crowded element must be refused before the parser reads
/// it. The scan only needs to be right for well-formed XML; anything it misreads in broken XML is left to the parser,
/// which reports it.
/// </summary>
internal static class AttributeCounter
{
    /// <summary>A start tag over the limit: its element name as written and the index of its '&lt;'.</summary>
    internal readonly record struct Crowded(string Name, int Index);

    public static Crowded? FindCrowded(string text, int limit)
    {
        var i = 0;
        while (true)
        {
            var open = text.IndexOf('<', i);
            if (open < 0 || open + 1 >= text.Length) return null;
            var next = text[open + 1];
            if (next == '!')
            {
                // Comments and CDATA may hold anything; a DOCTYPE is refused by the parser before it reads any element.
                if (Follows(text, open, "<!--")) i = After(text, open + 4, "-->");
                else if (Follows(text, open, "<![CDATA[")) i = After(text, open + 9, "]]>");
                else return null;
            }
            else if (next == '?') i = After(text, open + 2, "?>");
            else if (next == '/') i = After(text, open + 2, ">");
            else
            {
                var (end, attributes) = ScanStartTag(text, open + 1, limit);
                if (attributes > limit) return new Crowded(ElementName(text, open + 1), open);
                i = end;
            }
            if (i < 0) return null;
        }
    }

    /// <summary>Walks a start tag to its closing '&gt;' (quoted values may hold '&gt;'), counting '=' outside quotes.</summary>
    private static (int End, int Attributes) ScanStartTag(string text, int from, int limit)
    {
        var attributes = 0;
        var quote = '\0';
        for (var j = from; j < text.Length; j++)
        {
            var c = text[j];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '=')
            {
                if (++attributes > limit) return (j, attributes);
            }
            else if (c is '>' or '<') return (c == '>' ? j + 1 : j, attributes);
        }
        return (-1, attributes);
    }

    private static string ElementName(string text, int from)
    {
        var end = from;
        while (end < text.Length && end - from < 100 && !char.IsWhiteSpace(text[end]) && text[end] is not ('/' or '>')) end++;
        return text[from..end];
    }

    private static bool Follows(string text, int at, string what) => string.CompareOrdinal(text, at, what, 0, what.Length) == 0;

    private static int After(string text, int from, string terminator)
    {
        var end = text.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? -1 : end + terminator.Length;
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using Automation.Engine.Model;

namespace Automation.Engine.Validation;

/// <summary>
/// Process, node and flow ids travel into URLs, file names, page markup and the diagram's element lookups, so
/// they must not carry markup, quotes, slashes or spaces. BPMN declares ids as <c>xsd:ID</c>, an XML NCName: a
/// letter or '_' first, then letters, digits, '-', '.', '_' and combining marks, no ':'. Elsa ids are often
/// hexadecimal GUIDs starting with a digit, so for Elsa only the characters are checked, not the first one.
/// </summary>
internal static class IdSyntax
{
    public static void Check(DefinitionSet set, Report report)
    {
        foreach (var process in set.Processes)
        {
            var bpmn = process.Format == SourceFormat.Bpmn;
            Check(process.Id, "Prozess", bpmn, process.Position, report);
            foreach (var node in process.Nodes) Check(node.Id, "Knoten", bpmn, node.Position, report);
            // Elsa has no flow ids of its own; the reader makes them up from activity ids and ports.
            if (!bpmn) continue;
            foreach (var flow in process.Flows) Check(flow.Id, "Sequenzfluss", bpmn, flow.Position, report);
        }
    }

    private static void Check(string id, string what, bool bpmn, SourcePosition? position, Report report)
    {
        if (Problem(id, bpmn) is { } problem)
            report.Error(DiagnosticCodes.InvalidId, $"Die ID „{id}“ ({what}) ist kein gültiger XML-Name (NCName): {problem}.", id, position);
    }

    /// <summary>What is wrong with an id (German), or null when it is valid.</summary>
    /// <param name="id">The id.</param>
    /// <param name="startRule">Whether the first character must be a letter or '_' (BPMN), not only a name character (Elsa).</param>
    internal static string? Problem(string id, bool startRule)
    {
        if (id.Length == 0) return "sie ist leer";
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                // Characters beyond the Basic Multilingual Plane (#x10000–#xEFFFF) are name characters.
                if (char.ConvertToUtf32(c, id[i + 1]) > 0xEFFFF) return Bad(id, i);
                i++;
                continue;
            }
            var allowed = i == 0 && startRule ? XmlConvert.IsStartNCNameChar(c) : XmlConvert.IsNCNameChar(c);
            if (!allowed)
            {
                return i == 0 && startRule && XmlConvert.IsNCNameChar(c)
                    ? $"sie beginnt mit „{c}“; erlaubt sind am Anfang nur Buchstaben und „_“"
                    : Bad(id, i);
            }
        }
        return null;
    }

    private static string Bad(string id, int index)
    {
        var shown = !Rune.TryGetRuneAt(id, index, out var rune) || Rune.IsControl(rune) || Rune.IsWhiteSpace(rune)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)id[index]:X4}")
            : $"„{rune}“";
        return string.Create(CultureInfo.InvariantCulture,
            $"das Zeichen {shown} an Stelle {index + 1} ist nicht erlaubt (erlaubt: Buchstaben, Ziffern, „-“, „.“, „_“; keine Leerzeichen, kein „:“)");
    }
}

using System.Globalization;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>Helpers shared by the BPMN reader and validator tests.</summary>
internal static class BpmnTestSupport
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "bpmn-miwg", name);

    /// <summary>Reads a MIWG fixture through the format-sniffing entry point, as the server and CLI do.</summary>
    public static DefinitionSet ReadFixture(string name) => DefinitionReader.ReadFile(FixturePath(name));

    /// <summary>Node kinds and their counts, sorted by kind name, e.g. "EndEvent:1 StartEvent:1 Task:3".</summary>
    public static string KindSummary(ProcessDefinition process) =>
        string.Join(' ', process.Nodes.GroupBy(n => n.Kind).Select(g => $"{g.Key}:{g.Count().ToString(CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal));

    /// <summary>The unsupported-element diagnostics as "id: message".</summary>
    public static List<string> Unsupported(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Code == DiagnosticCodes.UnsupportedElement).Select(d => $"{d.ElementId}: {d.Message}")];

    /// <summary>Wraps flow elements into a minimal BPMN document; the process starts on line 4.</summary>
    public static string Process(string body, string processAttributes = "", string extraNamespaces = "", string rootContent = "") =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:am=\"urn:automation:bpmn:1\"" +
        " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"" + extraNamespaces + " id=\"defs\">\n" +
        rootContent + "\n" +
        "<bpmn:process id=\"p\" " + processAttributes + ">\n" +
        body + "\n" +
        "</bpmn:process>\n" +
        "</bpmn:definitions>\n";

    /// <summary>Reads a snippet document with <see cref="Process"/>.</summary>
    public static DefinitionSet ReadProcess(string body, string rootContent = "") =>
        BpmnReader.ReadText(Process(body, rootContent: rootContent), "test.bpmn");

    /// <summary>Validates a snippet document and returns the diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> Validate(string body, string rootContent = "") =>
        DefinitionValidator.Validate(ReadProcess(body, rootContent));

    /// <summary>1-based line of the first occurrence of <paramref name="marker"/> in <paramref name="text"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker {marker} not found");
        return text[..index].Count(c => c == '\n') + 1;
    }

    public static Diagnostic Single(IEnumerable<Diagnostic> diagnostics, string code) =>
        Assert.Single(diagnostics, d => d.Code == code);
}

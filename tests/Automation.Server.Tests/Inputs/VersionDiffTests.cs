using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Server.Features.Definitions;

namespace Automation.Server.Tests.Inputs;

/// <summary>
/// The version diff stays linear in memory whatever two versions hold, is always a correct edit script, and for BPMN
/// names the elements added, removed and changed by id above the text diff.
/// </summary>
public sealed class VersionDiffTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const int Lines = 16_000;

    private static string Text(IEnumerable<string> lines) => string.Join("\n", lines);

    private static IEnumerable<string> Tasks(string prefix) =>
        Enumerable.Range(0, Lines).Select(i => $"    <bpmn:task id=\"{prefix}{i}\" name=\"Schritt {i}\"/>");

    /// <summary>Old lines are the unchanged and removed ones in order, new lines the unchanged and added ones.</summary>
    private static void AssertEditScript(string before, string after, IReadOnlyList<LineDiff.Line> script)
    {
        Assert.Equal(before.Split('\n'), script.Where(l => l.Kind != LineDiff.Kind.Added).Select(l => l.Text));
        Assert.Equal(after.Split('\n'), script.Where(l => l.Kind != LineDiff.Kind.Removed).Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, before.Split('\n').Length), script.Where(l => l.Kind != LineDiff.Kind.Added).Select(l => l.OldNumber));
        Assert.Equal(Enumerable.Range(1, after.Split('\n').Length), script.Where(l => l.Kind != LineDiff.Kind.Removed).Select(l => l.NewNumber));
    }

    private static (IReadOnlyList<LineDiff.Line> Script, long Bytes) Measure(string before, string after)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var script = LineDiff.Compare(before, after);
        return (script, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    public static TheoryData<string> Shapes => ["disjoint", "reversed", "shuffled", "interleaved"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Two_16000_line_versions_are_compared_in_memory_linear_in_their_size(string shape)
    {
        // Every line differs or moves: the old n×m table took 16,000² × 4 bytes ≈ 1 GB here.
        var before = Text(Tasks("a"));
        var after = shape switch
        {
            "disjoint" => Text(Tasks("b")),
            "reversed" => Text(Tasks("a").Reverse()),
            "shuffled" => Text(Tasks("a").OrderBy(l => l.GetHashCode(StringComparison.Ordinal))),
            _ => Text(Tasks("a").Select((l, i) => i % 2 == 0 ? l : l.Replace("Schritt", "Stufe", StringComparison.Ordinal))),
        };

        var (script, bytes) = Measure(before, after);

        AssertEditScript(before, after, script);
        var input = (before.Length + after.Length) * 2L;
        Assert.True(bytes < 40 * input, $"{bytes / 1024 / 1024} MB allocated for {input / 1024 / 1024} MB of text");
    }

    [Fact]
    public void A_few_edits_in_a_long_file_give_the_shortest_script()
    {
        var lines = Tasks("a").ToList();
        var before = Text(lines);
        lines[10] = "    <bpmn:task id=\"a10\" name=\"geändert\"/>";
        lines.Insert(8_000, "    <bpmn:userTask id=\"neu\"/>");
        lines.RemoveAt(15_000);
        var after = Text(lines);

        var script = LineDiff.Compare(before, after);

        AssertEditScript(before, after, script);
        Assert.Equal(2, script.Count(l => l.Kind == LineDiff.Kind.Removed));
        Assert.Equal(2, script.Count(l => l.Kind == LineDiff.Kind.Added));
    }

    [Fact]
    public void Random_edits_always_give_a_correct_script()
    {
        var random = new Random(16);
        for (var round = 0; round < 200; round++)
        {
            var before = Enumerable.Range(0, random.Next(0, 60)).Select(_ => ((char)('a' + random.Next(6))).ToString()).ToList();
            var after = before.ToList();
            for (var edit = random.Next(0, 8); edit > 0; edit--)
            {
                var at = random.Next(0, after.Count + 1);
                if (random.Next(2) == 0 || after.Count == 0) after.Insert(at, ((char)('a' + random.Next(6))).ToString());
                else after.RemoveAt(Math.Min(at, after.Count - 1));
            }
            AssertEditScript(Text(before), Text(after), LineDiff.Compare(Text(before), Text(after)));
        }
    }

    private static string Version(string processId, string secondName, bool thirdTask, string shapeX) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="{processId}" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:userTask id="Task_Pruefen" name="Antrag prüfen">
              <bpmn:extensionElements><am:role name="sachbearbeitung"/><am:effort activity="5" complexity="medium" payLevel="gehoben" occupation="{(thirdTask ? "71402" : "73203")}"/></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Task_Zwei" name="{secondName}"><bpmn:extensionElements><am:role name="sachbearbeitung"/></bpmn:extensionElements></bpmn:userTask>
            {(thirdTask ? "<bpmn:userTask id=\"Task_Drei\" name=\"Bescheid versenden\"><bpmn:extensionElements><am:role name=\"sachbearbeitung\"/></bpmn:extensionElements></bpmn:userTask>" : "")}
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Pruefen"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Pruefen" targetRef="Task_Zwei"/>
            {(thirdTask
                ? "<bpmn:sequenceFlow id=\"F3b\" sourceRef=\"Task_Zwei\" targetRef=\"Task_Drei\"/><bpmn:sequenceFlow id=\"F4\" sourceRef=\"Task_Drei\" targetRef=\"End\"/>"
                : "<bpmn:sequenceFlow id=\"F3\" sourceRef=\"Task_Zwei\" targetRef=\"End\"/>")}
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram"><bpmndi:BPMNPlane id="Plane" bpmnElement="{processId}">
            <bpmndi:BPMNShape id="Shape_Start" bpmnElement="Start"><dc:Bounds x="{shapeX}" y="100" width="36" height="36"/></bpmndi:BPMNShape>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Bpmn_versions_are_compared_by_element_id_with_names_and_changed_attributes()
    {
        var client = factory.ApiClient("prozess");
        await TestBpmn.PublishAsync(client, Version("semdiff", "Bescheid schreiben", thirdTask: false, shapeX: "100"));
        await TestBpmn.PublishAsync(client, Version("semdiff", "Bescheid erstellen", thirdTask: true, shapeX: "180"));

        var changes = await client.GetFromJsonAsync<JsonElement>("/api/definitions/semdiff/changes?from=1&to=2");

        Assert.True(changes.GetProperty("bpmn").GetBoolean());
        var byId = changes.GetProperty("elements").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c);
        Assert.Equal(["F3", "F3b", "F4", "Task_Drei", "Task_Pruefen", "Task_Zwei"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("added", "userTask", "Bescheid versenden"), Describe(byId["Task_Drei"]));
        Assert.Equal(("removed", "sequenceFlow", null), Describe(byId["F3"]));
        Assert.Equal(("changed", "userTask", "Bescheid erstellen"), Describe(byId["Task_Zwei"]));
        var renamed = Assert.Single(byId["Task_Zwei"].GetProperty("attributes").EnumerateArray());
        Assert.Equal(("name", "Bescheid schreiben", "Bescheid erstellen"),
            (renamed.GetProperty("name").GetString(), renamed.GetProperty("before").GetString(), renamed.GetProperty("after").GetString()));
        Assert.Equal(["extensionElements"], byId["Task_Pruefen"].GetProperty("content").EnumerateArray().Select(c => c.GetString()));
        // The shape moved on the diagram: that is layout, no element change (and the process itself is unchanged).
        Assert.DoesNotContain("Shape_Start", byId.Keys);
        Assert.DoesNotContain("semdiff", byId.Keys);
        Assert.DoesNotContain("Defs", byId.Keys);
    }

    private static (string?, string?, string?) Describe(JsonElement change) =>
        (change.GetProperty("change").GetString(), change.GetProperty("type").GetString(),
            change.GetProperty("name").ValueKind == JsonValueKind.Null ? null : change.GetProperty("name").GetString());

    [Fact]
    public async Task The_diff_page_lists_the_element_changes_above_the_text_diff()
    {
        var client = factory.ApiClient("prozess");
        await TestBpmn.PublishAsync(client, Version("seitendiff", "Bescheid schreiben", thirdTask: false, shapeX: "100"));
        await TestBpmn.PublishAsync(client, Version("seitendiff", "Bescheid <b>erstellen</b>", thirdTask: true, shapeX: "100").Replace("<b>", "&lt;b&gt;").Replace("</b>", "&lt;/b&gt;"));
        var page = await factory.LoginAsync("prozess", "demo");

        var html = await page.GetStringAsync("/prozesse/seitendiff/diff?from=1&to=2");

        var table = html.IndexOf("<table class=\"data changes\"", StringComparison.Ordinal);
        Assert.True(table > 0 && table < html.IndexOf("<pre class=\"diff\"", StringComparison.Ordinal), "the element list stands above the text diff");
        Assert.Contains("<code>Task_Drei</code><br />Bescheid versenden", html, StringComparison.Ordinal);
        Assert.Contains("<strong>neu</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>entfallen</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<code>name</code>: „Bescheid schreiben“ → „Bescheid &lt;b&gt;erstellen&lt;/b&gt;“", html, StringComparison.Ordinal);
        Assert.Contains("Inhalt von <code>extensionElements</code> geändert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>erstellen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elsa_versions_get_the_text_diff_only()
    {
        var client = factory.ApiClient("prozess");
        string Elsa(string text) => $$"""
            { "definitionId": "elsadiff", "name": "Elsa", "root": { "type": "Elsa.Flowchart", "id": "F", "activities": [
              { "id": "W", "type": "Elsa.WriteLine", "canStartWorkflow": true, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "{{text}}" } } } ],
              "connections": [] } }
            """;
        foreach (var text in new[] { "eins", "zwei" })
        {
            var response = await client.PostAsync("/api/definitions?fileName=elsa.json", new StringContent(Elsa(text), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var changes = await client.GetFromJsonAsync<JsonElement>("/api/definitions/elsadiff/changes?from=1&to=2");
        Assert.False(changes.GetProperty("bpmn").GetBoolean());
        Assert.Equal(0, changes.GetProperty("elements").GetArrayLength());
        Assert.Contains("+", await client.GetStringAsync("/api/definitions/elsadiff/diff?from=1&to=2"), StringComparison.Ordinal);
    }
}

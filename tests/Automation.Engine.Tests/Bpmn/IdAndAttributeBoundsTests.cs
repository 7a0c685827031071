using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Bpmn.BpmnTestSupport;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>
/// Ids that would carry markup into URLs, file names and pages are refused (NCName rules), and an element crowded
/// with attributes is refused before System.Xml's reader, whose time grows with the square of the count, sees it.
/// </summary>
public class IdAndAttributeBoundsTests
{
    /// <summary>start → the task with the given id (as written in XML) → end.</summary>
    private static string Chain(string id) => $"<bpmn:startEvent id=\"start\"/>\n<bpmn:sequenceFlow id=\"f0\" sourceRef=\"start\" targetRef=\"{id}\"/>\n"
        + $"<bpmn:task id=\"{id}\"/>\n<bpmn:sequenceFlow id=\"f1\" sourceRef=\"{id}\" targetRef=\"end\"/>\n<bpmn:endEvent id=\"end\"/>";

    private static IReadOnlyList<Diagnostic> ValidateXml(string xml) => DefinitionValidator.Validate(BpmnReader.ReadText(xml, "ids.bpmn"));

    [Theory]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>", "„<“ an Stelle 1")]
    [InlineData("a&quot;onmouseover=&quot;x", "a\"onmouseover=\"x", "„\"“ an Stelle 2")]
    [InlineData("../../etc/passwd", "../../etc/passwd", "beginnt mit „.“")]
    [InlineData("Antrag prüfen", "Antrag prüfen", "U+0020 an Stelle 7")]
    [InlineData("1schritt", "1schritt", "beginnt mit „1“")]
    [InlineData("camunda:task", "camunda:task", "„:“ an Stelle 8")]
    [InlineData("a/b", "a/b", "„/“ an Stelle 2")]
    public void A_node_id_outside_the_ncname_rules_is_an_error_with_element_id_line_and_german_text(string written, string id, string reason)
    {
        var xml = Process(Chain(written));

        var d = Single(ValidateXml(xml), DiagnosticCodes.InvalidId);

        Assert.Equal((DiagnosticSeverity.Error, id, LineOf(xml, "<bpmn:task ")), (d.Severity, d.ElementId, d.Position?.Line));
        Assert.Contains("kein gültiger XML-Name (NCName)", d.Message, StringComparison.Ordinal);
        Assert.Contains(reason, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_id_with_markup_is_reported_on_the_process_line()
    {
        var xml = Process(Chain("a"))
            .Replace("<bpmn:process id=\"p\"", "<bpmn:process id=\"p&gt;&lt;img src=x&gt;\"", StringComparison.Ordinal);

        var d = Single(ValidateXml(xml), DiagnosticCodes.InvalidId);

        Assert.Equal(("p><img src=x>", LineOf(xml, "<bpmn:process ")), (d.ElementId, d.Position?.Line));
        Assert.Contains("(Prozess)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_id_with_a_space_is_reported()
    {
        var xml = Process(Chain("a")).Replace("id=\"f1\"", "id=\"f 1\"", StringComparison.Ordinal);

        var d = Single(ValidateXml(xml), DiagnosticCodes.InvalidId);

        Assert.Equal(("f 1", LineOf(xml, "id=\"f 1\"")), (d.ElementId, d.Position?.Line));
    }

    [Theory]
    [InlineData("Antrag_prüfen")]
    [InlineData("_x.y-z")]
    [InlineData("Activity_0k5x1ab")]
    [InlineData("Schritt·2")]
    [InlineData("申請")]
    [InlineData("𐐀task")]
    public void Ncnames_with_umlauts_dots_and_other_scripts_are_valid(string id)
    {
        var xml = Process(Chain(id));

        Assert.Empty(ValidateXml(xml));
    }

    [Fact]
    public void Elsa_ids_may_start_with_a_digit_but_carry_no_markup()
    {
        const string template = """
            { "definitionId": "{ID}", "root": { "type": "Elsa.Flowchart", "id": "F", "activities": [
              { "id": "{NODE}", "type": "Elsa.WriteLine", "canStartWorkflow": true, "text": { "typeName": "String", "expression": { "type": "Literal", "value": "x" } } } ],
              "connections": [] } }
            """;
        string Json(string id, string node) => template.Replace("{ID}", id, StringComparison.Ordinal).Replace("{NODE}", node, StringComparison.Ordinal);

        var hex = DefinitionValidator.Validate(ElsaReader.ReadText(Json("68e6bca3d86c4a5a8dfb825f1d5c0875", "3f2a0b"), "w.json"));
        var markup = DefinitionValidator.Validate(ElsaReader.ReadText(Json("w", "<b>x</b>"), "w.json"));

        Assert.DoesNotContain(hex, d => d.Code == DiagnosticCodes.InvalidId);
        var d = Assert.Single(markup, d => d.Code == DiagnosticCodes.InvalidId);
        Assert.Equal(("<b>x</b>", 2), (d.ElementId, d.Position?.Line));
    }

    [Fact]
    public void An_element_crowded_with_attributes_is_refused_before_it_is_parsed()
    {
        // 420,000 attributes on one element: on main this took about 23 s to read and validate.
        var xml = new StringBuilder(Process("<bpmn:startEvent id=\"start\"/>\n<bpmn:task id=\"t\"/>")).Replace("<bpmn:task id=\"t\"", "<bpmn:task id=\"t\"" +
            string.Concat(Enumerable.Range(0, 420_000).Select(i => $" a{i}=\"\""))).ToString();

        var set = BpmnReader.ReadText(xml, "crowded.bpmn");

        var d = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.TooManyAttributes, LineOf(xml, "<bpmn:task "), 1), (d.Code, d.Position?.Line, d.Position?.Column));
        Assert.Equal("Das Element bpmn:task hat mehr als 256 Attribute; erlaubt sind höchstens 256 je Element.", d.Message);
        Assert.Empty(set.Processes);
    }

    [Fact]
    public void Namespace_declarations_count_as_attributes()
    {
        var xml = Process("<bpmn:startEvent id=\"start\"/>").Replace("id=\"defs\"", "id=\"defs\"" +
            string.Concat(Enumerable.Range(0, 300).Select(i => $" xmlns:n{i}=\"urn:n{i}\"")), StringComparison.Ordinal);

        Assert.Equal(DiagnosticCodes.TooManyAttributes, Assert.Single(BpmnReader.ReadText(xml).Diagnostics).Code);
    }

    [Fact]
    public void Equals_signs_in_values_comments_cdata_and_text_are_not_counted()
    {
        var many = string.Concat(Enumerable.Repeat("a=b ", 300));
        var xml = Process($"""
            <!-- <bpmn:task {many}> -->
            <bpmn:startEvent id="start" name="{many} &gt; {many}"/>
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="s"/>
            <bpmn:scriptTask id="s" scriptFormat="javascript"><bpmn:script><![CDATA[var x = 1; /* {many} <x {many}> */]]></bpmn:script></bpmn:scriptTask>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="end"/>
            <bpmn:endEvent id="end"><bpmn:documentation>{many}</bpmn:documentation></bpmn:endEvent>
            """);

        Assert.Empty(ValidateXml(xml));
    }

    [Fact]
    public void An_element_at_the_limit_is_read()
    {
        var xml = Process("<bpmn:startEvent id=\"start\"/>").Replace("<bpmn:startEvent id=\"start\"", "<bpmn:startEvent id=\"start\"" +
            string.Concat(Enumerable.Range(0, 255).Select(i => $" a{i}='{i}'")), StringComparison.Ordinal);

        var set = BpmnReader.ReadText(xml);

        Assert.DoesNotContain(set.Diagnostics, d => d.Code == DiagnosticCodes.TooManyAttributes);
        Assert.Single(set.Processes);
    }
}

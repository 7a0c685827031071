using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>The declared expression language decides how a condition runs (issue 18, item 1).</summary>
public sealed class ExpressionLanguageTests
{
    private const string Feel = "https://www.omg.org/spec/DMN/20191111/FEEL/";

    private static string Process(string redCondition, string? language = null) => $$"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:exclusiveGateway id="ampel" default="fSonst" />
          <bpmn:task id="rot" />
          <bpmn:task id="sonst" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ampel" />
          <bpmn:sequenceFlow id="fRot" sourceRef="ampel" targetRef="rot">
            <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"{{(language is null ? "" : $" language=\"{language}\"")}}>{{redCondition}}</bpmn:conditionExpression>
          </bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="fSonst" sourceRef="ampel" targetRef="sonst" />
          <bpmn:sequenceFlow id="f2" sourceRef="rot" targetRef="end" />
          <bpmn:sequenceFlow id="f3" sourceRef="sonst" targetRef="end" />
        </bpmn:process>
        """;

    [Theory]
    [InlineData("green", "sonst")]
    [InlineData("red", "rot")]
    public void FEEL_declared_on_definitions_compares_where_JavaScript_would_assign(string risk, string expected)
    {
        using var p = new TestProcess(Process("risk = \"red\""), definitionsAttributes: $"expressionLanguage=\"{Feel}\"");
        var state = p.Start(("risk", risk)).State;
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(["start", "ampel", expected, "end"], Trail(state));
        Assert.Equal(risk, state.Variables["risk"]);
    }

    [Theory]
    [InlineData("feel", "= betrag &gt; 1000 and antrag.art = \"Neu\"")]
    [InlineData("http://www.omg.org/spec/FEEL/20140401", "betrag &gt; 1000")]
    [InlineData("juel", "${betrag gt 1000 &amp;&amp; not empty risk}")]
    [InlineData("http://camunda.org/schema/1.0/juel", "#{betrag &gt; 1000}")]
    [InlineData("javascript", "betrag &gt; 1000")]
    public void The_language_on_the_condition_decides(string language, string condition)
    {
        using var p = new TestProcess(Process(condition, language));
        var antrag = new Dictionary<string, object?> { ["art"] = "Neu" };
        Assert.Equal(["start", "ampel", "rot", "end"], Trail(p.Start(("betrag", 1500), ("risk", "x"), ("antrag", antrag)).State));
        Assert.Equal(["start", "ampel", "sonst", "end"], Trail(p.Start(("betrag", 10), ("risk", "x"), ("antrag", antrag)).State));
    }

    [Fact]
    public void The_condition_language_beats_the_definitions_language()
    {
        using var p = new TestProcess(Process("risk == 'red'", "javascript"), definitionsAttributes: $"expressionLanguage=\"{Feel}\"");
        Assert.Equal(["start", "ampel", "rot", "end"], Trail(p.Start(("risk", "red")).State));
    }

    [Fact]
    public void A_FEEL_condition_naming_an_unknown_variable_raises_an_incident_instead_of_taking_a_branch()
    {
        using var p = new TestProcess(Process("riks = \"red\"", "feel"));
        var state = p.Start(("risk", "red")).State;
        Assert.Equal(CaseStatus.Incident, state.Status);
        Assert.Contains("Unbekannter Name „riks“", Assert.Single(state.Incidents).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://www.w3.org/1999/XPath", null)]
    [InlineData("groovy", null)]
    [InlineData(null, "http://www.w3.org/1999/XPath")]
    [InlineData("python", Feel)]
    public void An_unknown_language_is_a_validation_error_naming_language_and_element(string? onCondition, string? onDefinitions)
    {
        var text = Header.Replace("id=\"test\"", (onDefinitions is null ? "" : $"expressionLanguage=\"{onDefinitions}\" ") + "id=\"test\"", StringComparison.Ordinal)
            + Process("risk = \"red\"", onCondition) + "</bpmn:definitions>";
        var diagnostics = DefinitionValidator.Validate(BpmnReader.ReadText(text, "test.bpmn"));
        var error = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.UnsupportedExpressionLanguage);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains(onCondition ?? onDefinitions!, error.Message, StringComparison.Ordinal);
        Assert.Contains("fRot", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("feel", "risk = ", DiagnosticCodes.InvalidExpression, "FEEL")]
    [InlineData("juel", "${execution.getVariable('risk') == 'red'}", DiagnosticCodes.UnsupportedExpression, "execution.getVariable(…)")]
    public void A_condition_that_does_not_parse_in_its_language_is_a_validation_error(string language, string condition, string code, string mention)
    {
        var text = Header + Process(condition, language) + "</bpmn:definitions>";
        var diagnostics = DefinitionValidator.Validate(BpmnReader.ReadText(text, "test.bpmn"));
        var error = Assert.Single(diagnostics, d => d.Code == code);
        Assert.Contains(mention, error.Message, StringComparison.Ordinal);
    }
}

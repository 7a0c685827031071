using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>
/// Every expression checked at publish (assignee, candidate users and groups, called process, decision key, condition,
/// timer, loop) that does not parse is an error in an executable process and a warning in one marked
/// isExecutable="false" (BPMN gives it no execution semantics) — which then does not start until it is fixed.
/// </summary>
public sealed class NonExecutableExpressionTests
{
    private static ProcessDefinition Read(string element, bool executable, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var set = BpmnReader.ReadText($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="test" targetNamespace="urn:test">
              <bpmn:process id="p" isExecutable="{(executable ? "true" : "false")}">
                <bpmn:startEvent id="start" />
                <bpmn:exclusiveGateway id="g" default="f2" />
                {element}
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g" />
                <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="t" />
                <bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="end" />
              </bpmn:process>
              <bpmn:process id="anderer" isExecutable="true">
                <bpmn:startEvent id="aStart" />
                <bpmn:endEvent id="aEnd" />
                <bpmn:sequenceFlow id="a1" sourceRef="aStart" targetRef="aEnd" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test.bpmn");
        diagnostics = DefinitionValidator.Validate(set);
        return set.FindProcess("p")!;
    }

    public static TheoryData<string, string, string> Broken => new()
    {
        // the element (flow node "t", or the flow "f4"), the element the finding names, a text its message quotes
        { """<bpmn:userTask id="t" name="Antrag prüfen" camunda:assignee="${sachbearbeiter" />""", "t", "${sachbearbeiter" },
        { """<bpmn:userTask id="t" name="Antrag prüfen" camunda:candidateUsers="kermit, ${pruefer ==}" />""", "t", "${pruefer ==}" },
        { """<bpmn:userTask id="t" name="Antrag prüfen" camunda:candidateGroups="wohngeld, ${abteilung" />""", "t", "wohngeld, ${abteilung" },
        { """<bpmn:userTask id="t" name="Antrag prüfen"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=[&quot;wohngeld&quot;" /></bpmn:extensionElements></bpmn:userTask>""", "t", "=[\"wohngeld\"" },
        { """<bpmn:callActivity id="t" name="Gebühr" calledElement="${prozess +}" />""", "t", "${prozess +}" },
        { """<bpmn:businessRuleTask id="t" name="Prüfen" camunda:decisionRef="${regel +}" />""", "t", "${regel +}" },
        { """<bpmn:intermediateCatchEvent id="t" name="Frist"><bpmn:timerEventDefinition><bpmn:timeDuration>${frist +}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""", "t", "${frist +}" },
        { """<bpmn:task id="t" name="Prüfen"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${anzahl +}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task>""", "t", "anzahl +" },
        { """<bpmn:task id="t" name="Prüfen" /><bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">betrag &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>""", "f4", "betrag >" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_expression_is_an_error_in_an_executable_process(string element, string at, string quoted)
    {
        Read(element, executable: true, out var diagnostics);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.InvalidExpression, at), (error.Code, error.ElementId));
        Assert.NotNull(error.Position);
        Assert.Contains(quoted, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(Texte.Diagnose(error));
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void The_same_broken_expression_is_a_warning_in_a_process_marked_not_executable_which_does_not_start(string element, string at, string quoted)
    {
        var process = Read(element, executable: false, out var diagnostics);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var warning = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.InvalidExpression);
        Assert.Equal((DiagnosticSeverity.Warning, at), (warning.Severity, warning.ElementId));
        Assert.NotNull(warning.Position);
        Assert.Contains(quoted, warning.Message, StringComparison.Ordinal);
        // Publishing with warnings is not running: a start is refused, naming the finding.
        using var engine = new WorkflowEngine();
        var refused = Assert.Throws<WorkflowInputException>(() => engine.Start(process));
        Assert.Contains(quoted, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_expression_language_the_engine_does_not_run_is_an_error_only_in_an_executable_process(bool executable)
    {
        const string XPath = """
            <bpmn:task id="t" name="Prüfen" />
            <bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="http://www.w3.org/1999/XPath">count(//antrag) &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
            """;
        Read(XPath, executable, out var diagnostics);

        var finding = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.UnsupportedExpressionLanguage);
        Assert.Equal((executable ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "f4"), (finding.Severity, finding.ElementId));
        Assert.NotNull(finding.Position);
        Assert.Contains("XPath", Texte.Diagnose(finding), StringComparison.Ordinal);
        Assert.Equal(executable, diagnostics.HasErrors());
    }
}

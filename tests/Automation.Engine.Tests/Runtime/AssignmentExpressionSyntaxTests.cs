using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// An assignee, candidate user or candidate group written as an expression that does not parse (FEEL for Camunda 8, JUEL
/// for Camunda 7) is an error at publish, once, on the user task with its line — not first an incident when a case reaches
/// the task. Expressions that parse, plain names and JUEL method calls (a warning of their own) do not become errors.
/// </summary>
public sealed class AssignmentExpressionSyntaxTests
{
    private static IReadOnlyList<Diagnostic> Validate(string task, bool executable = true) =>
        DefinitionValidator.Validate(BpmnReader.ReadText($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="test" targetNamespace="urn:test">
              <bpmn:process id="p" isExecutable="{(executable ? "true" : "false")}">
                <bpmn:startEvent id="start" />

                {task}
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t" />
                <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test.bpmn"));

    private static string Zeebe(string attributes) =>
        $"""<bpmn:userTask id="t" name="Antrag prüfen"><bpmn:extensionElements><zeebe:assignmentDefinition {attributes} /></bpmn:extensionElements></bpmn:userTask>""";

    private static string Camunda(string attributes) => $"""<bpmn:userTask id="t" name="Antrag prüfen" {attributes} />""";

    public static TheoryData<string, string> Broken => new()
    {
        // user task, the text the message quotes
        { Zeebe("assignee=\"=sachbearbeiter +\""), "=sachbearbeiter +" },
        { Zeebe("assignee=\"= if x then\""), "= if x then" },
        { Zeebe("candidateUsers=\"=[&quot;kermit&quot;, \""), "=[\"kermit\"," },
        { Zeebe("candidateGroups=\"=[&quot;wohngeld&quot;\""), "=[\"wohngeld\"" },
        { Camunda("camunda:assignee=\"${sachbearbeiter\""), "${sachbearbeiter" },
        { Camunda("camunda:assignee=\"${a &amp;&amp;}\""), "${a &&}" },
        { Camunda("camunda:candidateUsers=\"kermit, ${pruefer ==}\""), "${pruefer ==}" },
        { Camunda("camunda:candidateGroups=\"wohngeld, ${abteilung\""), "wohngeld, ${abteilung" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void An_assignment_expression_that_does_not_parse_is_one_error_at_the_user_task_with_its_line(string task, string quoted)
    {
        var diagnostics = Validate(task);

        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.InvalidExpression, "t"), (error.Code, error.ElementId));
        Assert.Equal(7, error.Position?.Line);
        Assert.Contains(quoted, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(Texte.Diagnose(error));
        // Not also a warning on the same text (the reader's JUEL or candidate-group notes).
        Assert.DoesNotContain(diagnostics, d => d != error && d.ElementId == "t" && d.Message.Contains(quoted, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""assignee="=sachbearbeiter" candidateUsers="=[&quot;kermit&quot;, pruefer]" candidateGroups="wohngeld, leitung" """)]
    [InlineData("""assignee="=if vertretung = null then sachbearbeiter else vertretung" """)]
    [InlineData("""assignee="kermit" candidateUsers="piggy, fozzie" """)]
    public void Zeebe_assignments_that_parse_or_are_names_are_no_error(string attributes) =>
        Assert.DoesNotContain(Validate(Zeebe(attributes)), d => d.Severity == DiagnosticSeverity.Error);

    [Theory]
    [InlineData("""camunda:assignee="${sachbearbeiter}" camunda:candidateUsers="kermit, ${pruefer}" """)]
    [InlineData("""camunda:assignee="#{empty vertretung ? sachbearbeiter : vertretung}" """)]
    [InlineData("""camunda:assignee="antrag-${abteilung}" """)]
    public void Camunda_assignments_that_parse_or_are_names_are_no_error(string attributes) =>
        Assert.DoesNotContain(Validate(Camunda(attributes)), d => d.Severity == DiagnosticSeverity.Error);

    [Fact]
    public void A_JUEL_method_call_stays_the_warning_that_names_it_not_an_error()
    {
        var diagnostics = Validate(Camunda("""camunda:assignee="${personService.leitung(abteilung)}" """));

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var warning = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.AssignmentExpressionUnsupported);
        Assert.Equal("t", warning.ElementId);
    }

    [Fact]
    public void Candidate_groups_that_parse_are_still_the_warning_that_they_are_not_evaluated()
    {
        var diagnostics = Validate(Zeebe("candidateGroups=\"=[&quot;a&quot;, &quot;b&quot;]\""));

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.CandidateGroupExpression);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void In_a_process_marked_not_executable_each_broken_assignment_is_a_warning(string task, string quoted)
    {
        var diagnostics = Validate(task, executable: false);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var warning = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.InvalidExpression);
        Assert.Equal((DiagnosticSeverity.Warning, "t", 7), (warning.Severity, warning.ElementId, warning.Position?.Line));
        Assert.Contains(quoted, warning.Message, StringComparison.Ordinal);
    }
}

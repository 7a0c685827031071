using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// Camunda 7 user tasks: assignee and candidate users as JUEL evaluated when the task is created, and the formData
/// constraints enforced on completion with German errors naming the field.
/// </summary>
public sealed class CamundaTaskTests
{
    private static string Process(string task) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          {task}
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t" />
          <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="end" />
        </bpmn:process>
        """;

    [Fact]
    public void Assignee_and_candidate_users_are_evaluated_when_the_task_is_created()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="t" camunda:assignee="${sachbearbeiter}" camunda:candidateUsers="kermit, ${pruefer}, ${vertretung}" camunda:candidateGroups="wohngeld" />
            """));
        var state = p.Start(("sachbearbeiter", "fozzie"), ("pruefer", new List<object?> { "piggy", "kermit", null }), ("vertretung", null)).State;
        var task = Wait(state, "t");

        Assert.Equal("fozzie", task.Assignee);
        Assert.Equal(["kermit", "piggy"], task.CandidateUsers!);
        Assert.Equal(["wohngeld"], task.Roles);
    }

    [Fact]
    public void A_Zeebe_assignee_and_candidate_users_in_FEEL_are_evaluated_not_taken_as_names()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="t" name="Prüfen"><bpmn:extensionElements>
              <zeebe:assignmentDefinition assignee="=sachbearbeiter" candidateUsers="=[&quot;kermit&quot;, pruefer]" candidateGroups="wohngeld" />
            </bpmn:extensionElements></bpmn:userTask>
            """), definitionsAttributes: "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"");
        var state = p.Start(("sachbearbeiter", "fozzie"), ("pruefer", "piggy")).State;
        var task = Wait(state, "t");
        Assert.Equal("fozzie", task.Assignee);
        Assert.Equal(["kermit", "piggy"], task.CandidateUsers!);

        // An unknown variable is FEEL's null with a warning: an incident, never a user called "=sachbearbeiter".
        var failed = p.Start(("pruefer", "piggy")).State;
        Assert.Equal(Execution.AssignmentCode, Assert.Single(failed.Incidents).Code);
        Assert.Empty(failed.Waits);
    }

    [Theory]
    [InlineData("""<bpmn:userTask id="t" camunda:candidateGroups="wohngeld, ${abteilung}" />""", "wohngeld, ${abteilung}")]
    [InlineData("""<bpmn:userTask id="t"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=[&quot;a&quot;, &quot;b&quot;]" /></bpmn:extensionElements></bpmn:userTask>""", "=[\"a\", \"b\"]")]
    public void Candidate_groups_written_as_an_expression_are_a_warning_naming_them_never_silently_a_group_name(string task, string groups)
    {
        using var p = new TestProcess(Process(task), definitionsAttributes: "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"");
        var warning = Assert.Single(p.Set.Diagnostics, d => d.Code == Validation.DiagnosticCodes.CandidateGroupExpression);
        Assert.Equal((Model.DiagnosticSeverity.Warning, "t"), (warning.Severity, warning.ElementId));
        Assert.Contains($"„{groups}“", Engine.Texts.Texte.Diagnose(warning), StringComparison.Ordinal);

        using var literal = new TestProcess(Process("""<bpmn:userTask id="t" camunda:candidateGroups="wohngeld, leitung" />"""));
        Assert.DoesNotContain(literal.Set.Diagnostics, d => d.Code == Validation.DiagnosticCodes.CandidateGroupExpression);
    }

    [Fact]
    public void An_assignee_expression_giving_nothing_leaves_the_task_to_its_candidates()
    {
        using var p = new TestProcess(Process("""<bpmn:userTask id="t" camunda:assignee="${sachbearbeiter}" camunda:candidateGroups="wohngeld" />"""));
        var task = Wait(p.Start(("sachbearbeiter", " ")).State, "t");
        Assert.Null(task.Assignee);
        Assert.Null(task.CandidateUsers);
    }

    [Fact]
    public void An_assignee_expression_naming_an_unknown_variable_or_giving_an_object_stops_the_task_with_an_incident()
    {
        using var p = new TestProcess(Process("""<bpmn:userTask id="t" name="Prüfen" camunda:assignee="${sachbearbeiter}" />"""));
        foreach (var state in new[] { p.Start().State, p.Start(("sachbearbeiter", new Dictionary<string, object?> { ["name"] = "x" })).State })
        {
            var incident = Assert.Single(state.Incidents);
            Assert.Equal(Execution.AssignmentCode, incident.Code);
            Assert.Contains("Prüfen", incident.Message, StringComparison.Ordinal);
            Assert.Empty(state.Waits);
        }
    }

    [Fact]
    public void A_literal_assignee_is_taken_as_written()
    {
        using var p = new TestProcess(Process("""<bpmn:userTask id="t" camunda:assignee="demo" />"""));
        Assert.Equal("demo", Wait(p.Start().State, "t").Assignee);
    }

    [Fact]
    public void The_assignee_expression_sees_the_task_s_input_parameters()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="t" camunda:assignee="${bearbeiter}">
              <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="bearbeiter">${team}-leitung</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
            </bpmn:userTask>
            """));
        Assert.Equal("wohngeld-leitung", Wait(p.Start(("team", "wohngeld")).State, "t").Assignee);
    }

    private const string Form = """
        <bpmn:userTask id="t">
          <bpmn:extensionElements>
            <camunda:formData>
              <camunda:formField id="name" label="Name" type="string">
                <camunda:validation><camunda:constraint name="required" /><camunda:constraint name="minlength" config="2" /><camunda:constraint name="maxlength" config="5" /></camunda:validation>
              </camunda:formField>
              <camunda:formField id="alter" label="Alter" type="long">
                <camunda:validation><camunda:constraint name="min" config="18" /><camunda:constraint name="max" config="67" /></camunda:validation>
              </camunda:formField>
              <camunda:formField id="az" label="Aktenzeichen" type="string" defaultValue="W-1">
                <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
              </camunda:formField>
              <camunda:formField id="seit" label="Seit" type="date" />
            </camunda:formData>
          </bpmn:extensionElements>
        </bpmn:userTask>
        """;

    private static WorkflowInputException Refused(params (string Name, object? Value)[] values)
    {
        using var p = new TestProcess(Process(Form));
        var state = p.Start(("az", "W-1")).State;
        var error = Assert.Throws<WorkflowInputException>(() => p.Complete(state, "t", values));
        // Nothing is written: the task still waits and the case kept its variables.
        Assert.Single(state.Waits);
        Assert.Equal("W-1", state.Variables["az"]);
        return error;
    }

    [Theory]
    [InlineData("name", "K", "alter", 30d, "name", "„Name“ muss mindestens 2 Zeichen lang sein.")]
    [InlineData("name", "Kermit", "alter", 30d, "name", "„Name“ darf höchstens 5 Zeichen lang sein.")]
    [InlineData("name", "Kim", "alter", "17", "alter", "„Alter“ muss mindestens 18 sein.")]
    [InlineData("name", "Kim", "alter", 68d, "alter", "„Alter“ darf höchstens 67 sein.")]
    [InlineData("name", "Kim", "az", "W-2", "az", "„Aktenzeichen“ ist schreibgeschützt und kann nicht geändert werden.")]
    [InlineData("name", "", "alter", 30d, "name", "„Name“ ist ein Pflichtfeld.")]
    public void A_value_outside_its_constraint_is_refused_naming_the_field(string n1, object v1, string n2, object v2, string field, string message)
    {
        var error = Refused((n1, v1), (n2, v2));
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Values_at_the_limits_pass_and_a_read_only_field_is_never_written()
    {
        using var p = new TestProcess(Process(Form));
        var state = p.Start(("az", "W-1")).State;
        p.Complete(state, "t", ("name", "Ab"), ("alter", "67"), ("az", "W-1"), ("seit", "05/06/2026"));

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal("Ab", state.Variables["name"]);
        Assert.Equal(67d, state.Variables["alter"]);
        Assert.Equal("2026-06-05", state.Variables["seit"]);
        Assert.Equal("W-1", state.Variables["az"]);

        using var q = new TestProcess(Process(Form));
        var other = q.Start(("az", "W-9")).State;
        q.Complete(other, "t", ("name", "Abcde"), ("alter", 18d));
        Assert.Equal("W-9", other.Variables["az"]);
    }

    [Fact]
    public void Form_defaults_are_evaluated_against_the_task_s_variables_and_a_read_only_field_accepts_only_what_it_showed()
    {
        using var p = new TestProcess(Process("""
            <bpmn:userTask id="t">
              <bpmn:extensionElements>
                <camunda:inputOutput><camunda:inputParameter name="stelle">Wohngeld</camunda:inputParameter></camunda:inputOutput>
                <camunda:formData>
                  <camunda:formField id="az" label="Aktenzeichen" type="string" defaultValue="${stelle}/${az}">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="doppelt" label="Doppelt" type="long" defaultValue="${betrag * 2}" />
                  <camunda:formField id="ok" label="In Ordnung" type="boolean" defaultValue="true" />
                  <camunda:formField id="kaputt" label="Kaputt" type="long" defaultValue="${gibtsnicht}" />
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            """));
        var state = p.Start(("az", "W-1"), ("betrag", 21d)).State;
        var defaults = p.Engine.FormDefaults(p.Definition, state, Wait(state, "t"));

        Assert.Equal("Wohngeld/W-1", defaults["az"]);
        Assert.Equal(42d, defaults["doppelt"]);
        Assert.Equal(true, defaults["ok"]);
        Assert.False(defaults.ContainsKey("kaputt"));

        var forged = Assert.Throws<WorkflowInputException>(() => p.Complete(state, "t", ("az", "W-2")));
        Assert.Equal("az", forged.Field);
        p.Complete(state, "t", ("az", "Wohngeld/W-1"), ("doppelt", "42"));
        Assert.Equal("W-1", state.Variables["az"]);
        Assert.Equal(42d, state.Variables["doppelt"]);
    }

    [Fact]
    public void A_camunda_script_reads_and_sets_variables_through_execution()
    {
        using var p = new TestProcess(Process("""
            <bpmn:scriptTask id="t" scriptFormat="javascript"><bpmn:script>
              execution.setVariable("summe", execution.getVariable("a") + execution.getVariable("b"));
              execution.setVariable("fehlt", execution.getVariable("gibtsnicht"));
              execution.setVariable("bekannt", execution.hasVariable("a") &amp;&amp; !execution.hasVariable("gibtsnicht"));
            </bpmn:script></bpmn:scriptTask>
            """));
        var state = p.Start(("a", 1d), ("b", 2d)).State;

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(3d, state.Variables["summe"]);
        Assert.True(state.Variables.ContainsKey("fehlt"));
        Assert.Null(state.Variables["fehlt"]);
        Assert.Equal(true, state.Variables["bekannt"]);
        Assert.False(state.Variables.ContainsKey("execution"));
    }

    [Theory]
    [InlineData("execution.setVariable(\"Math\", 1)", "„Math“")]
    [InlineData("execution.setVariable(\"execution\", 1)", "„execution“")]
    [InlineData("a = 5; execution.setVariable(\"\", 1)", "„“")]
    public void Execution_refuses_names_that_are_no_case_variables_and_the_script_changes_nothing(string script, string named)
    {
        using var p = new TestProcess(Process($"""<bpmn:scriptTask id="t" scriptFormat="javascript"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>"""));
        var state = p.Start(("a", 1d)).State;

        var incident = Assert.Single(state.Incidents);
        Assert.Contains(named, incident.Message, StringComparison.Ordinal);
        Assert.Equal(1d, state.Variables["a"]);
        Assert.False(state.Variables.ContainsKey("Math"));
    }

    [Theory]
    [InlineData(150d, "hoch")]
    [InlineData(50d, "niedrig")]
    public void A_javascript_condition_reads_through_execution(double betrag, string expected)
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:exclusiveGateway id="g" default="fN" />
              <bpmn:userTask id="hoch" />
              <bpmn:userTask id="niedrig" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g" />
              <bpmn:sequenceFlow id="fH" sourceRef="g" targetRef="hoch"><bpmn:conditionExpression>execution.getVariable("betrag") > 100</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="fN" sourceRef="g" targetRef="niedrig" />
            </bpmn:process>
            """);
        Assert.Equal(expected, Assert.Single(p.Start(("betrag", betrag)).State.Waits).NodeId);
    }
}

using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Simulation;
using Automation.Engine.Tests.Bpmn;
using Automation.Engine.Tests.Simulation;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Deadlines of user tasks: where they are read from, how they are checked, when they fall due.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public void Reads_deadlines_from_am_camunda_and_zeebe()
    {
        var set = BpmnTestSupport.ReadProcess("""
            <bpmn:userTask id="am" am:deadline="P5D" am:escalateTo="leitung"/>
            <bpmn:userTask id="camunda" camunda:dueDate="2026-03-31T12:00:00+02:00"/>
            <bpmn:userTask id="zeebe"><bpmn:extensionElements><zeebe:taskSchedule dueDate="PT4H"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="none"/>
            """);

        Assert.Empty(set.Diagnostics);
        var p = set.Processes[0];
        Assert.Equal((new TimerDefinition(TimerKind.Duration, "P5D"), "leitung"), (p.GetNode("am").Deadline, p.GetNode("am").EscalationRole));
        Assert.Equal(new TimerDefinition(TimerKind.Date, "2026-03-31T12:00:00+02:00"), p.GetNode("camunda").Deadline);
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "PT4H"), p.GetNode("zeebe").Deadline);
        Assert.Null(p.GetNode("none").Deadline);
    }

    [Theory]
    [InlineData("""<bpmn:userTask id="t" am:deadline="5 Tage"/>""", DiagnosticCodes.InvalidTimer, "deadline \"5 Tage\" is not an ISO 8601 duration or date-time")]
    [InlineData("""<bpmn:userTask id="t" am:deadline="P5X"/>""", DiagnosticCodes.InvalidTimer, "deadline \"P5X\" is not an ISO 8601 duration")]
    [InlineData("""<bpmn:userTask id="t" camunda:dueDate="${dateTime().plusDays(2)}"/>""", DiagnosticCodes.UnsupportedExpression, "dateTime")]
    [InlineData("""<bpmn:userTask id="t" am:deadline="=date and time(eingang) +"/>""", DiagnosticCodes.InvalidExpression, "deadline \"=date and time(eingang) +\" of UserTask t does not parse as FEEL")]
    [InlineData("""<bpmn:serviceTask id="t" am:deadline="P1D" am:action="noop"/>""", DiagnosticCodes.InvalidAnnotation, "deadline on ServiceTask t: only user tasks have deadlines")]
    [InlineData("""<bpmn:userTask id="t" am:escalateTo="leitung"/>""", DiagnosticCodes.InvalidAnnotation, "am:escalateTo on UserTask t needs a deadline")]
    public void Refuses_unusable_deadlines_naming_the_task(string task, string code, string message)
    {
        var diagnostics = BpmnTestSupport.Validate($"""
            <bpmn:startEvent id="s"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            {task}
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
            <bpmn:endEvent id="e"/>
            """);

        var error = BpmnTestSupport.Single(diagnostics, code);
        Assert.Equal("t", error.ElementId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_falls_due_its_deadline_after_it_was_created()
    {
        using var process = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"/>
              <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="vorpruefung"/>
              <bpmn:userTask id="vorpruefung"/>
              <bpmn:sequenceFlow id="f2" sourceRef="vorpruefung" targetRef="bescheid"/>
              <bpmn:userTask id="bescheid" am:deadline="P5D" am:escalateTo="leitung"/>
              <bpmn:sequenceFlow id="f3" sourceRef="bescheid" targetRef="e"/>
              <bpmn:endEvent id="e"/>
            </bpmn:process>
            """);
        var state = process.Start().State;
        Assert.Null(TestProcess.Wait(state, "vorpruefung").DueAt);

        process.Clock.AdvanceTo(TestProcess.T0.AddHours(3));
        state = process.Complete(state, "vorpruefung").State;

        Assert.Equal(TestProcess.T0.AddHours(3).AddDays(5), TestProcess.Wait(state, "bescheid").DueAt);
        Assert.Equal(WaitKind.UserTask, TestProcess.Wait(state, "bescheid").Kind);
    }

    // ---- deadlines written as expressions: evaluated when the task is created --------------------------------------------

    /// <summary>start → aufgabe (user task "Antrag prüfen" with the given attributes) → end.</summary>
    private static TestProcess UserTask(string attributes, string? extension = null) => new($"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="s"/>
          <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="aufgabe"/>
          <bpmn:userTask id="aufgabe" name="Antrag prüfen" {attributes}>{(extension is null ? "" : $"<bpmn:extensionElements>{extension}</bpmn:extensionElements>")}</bpmn:userTask>
          <bpmn:sequenceFlow id="f2" sourceRef="aufgabe" targetRef="e"/>
          <bpmn:endEvent id="e"/>
        </bpmn:process>
        """, definitionsAttributes: "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"");

    public static TheoryData<string, string?, string, object, double> ExpressionDeadlines => new()
    {
        // attributes, zeebe extension, variable, value, hours after T0
        { "camunda:dueDate=\"${frist}\"", null, "frist", "P3D", 72 },
        { "camunda:dueDate=\"${frist}\"", null, "frist", "2025-03-10T09:00:00+01:00", 7 * 24 },
        { "camunda:dueDate=\"#{frist}\"", null, "frist", new DateTimeOffset(2025, 3, 3, 20, 0, 0, TimeSpan.Zero), 12 },
        { "am:deadline=\"=duration(&quot;P&quot; + string(tage) + &quot;D&quot;)\"", null, "tage", 14, 14 * 24 },
        { "am:deadline=\"=date and time(eingang) + duration(&quot;P14D&quot;)\"", null, "eingang", "2025-03-01T08:00:00Z", 12 * 24 },
        { "", "<zeebe:taskSchedule dueDate=\"=frist\"/>", "frist", "PT4H", 4 },
        // A date already past is kept: the task is overdue at once, as with a literal date.
        { "camunda:dueDate=\"${frist}\"", null, "frist", "2025-03-01T08:00:00Z", -48 },
    };

    [Theory]
    [MemberData(nameof(ExpressionDeadlines))]
    public void A_deadline_expression_is_evaluated_when_the_task_is_created(string attributes, string? extension, string name, object value, double hours)
    {
        using var p = UserTask(attributes, extension);
        Assert.NotNull(p.Definition.GetNode("aufgabe").Deadline!.Evaluated);

        var state = p.Start((name, value)).State;

        Assert.Empty(state.Incidents);
        Assert.Equal(TestProcess.T0.AddHours(hours), TestProcess.Wait(state, "aufgabe").DueAt);
    }

    [Fact]
    public void The_deadline_is_evaluated_against_the_variables_when_the_task_is_created_not_when_the_case_started()
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"/>
              <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="erfassen"/>
              <bpmn:userTask id="erfassen"/>
              <bpmn:sequenceFlow id="f2" sourceRef="erfassen" targetRef="pruefen"/>
              <bpmn:userTask id="pruefen" camunda:dueDate="${frist}"/>
              <bpmn:sequenceFlow id="f3" sourceRef="pruefen" targetRef="e"/>
              <bpmn:endEvent id="e"/>
            </bpmn:process>
            """);
        var state = p.Start(("frist", "P1D")).State;
        p.Clock.AdvanceTo(TestProcess.T0.AddHours(2));
        state = p.Complete(state, "erfassen", ("frist", "P5D")).State;
        Assert.Equal(TestProcess.T0.AddHours(2).AddDays(5), TestProcess.Wait(state, "pruefen").DueAt);
    }

    public static TheoryData<string, string?, object?, string, string> BadDeadlines => new()
    {
        // attributes, variable (null: none set), value, code, what the message names
        { "camunda:dueDate=\"${frist}\"", null, null, "deadline-expression-failed", "${frist}" },
        { "am:deadline=\"=duration(frist)\"", "frist", "vierzehn Tage", "deadline-expression-failed", "=duration(frist)" },
        { "camunda:dueDate=\"${frist}\"", "frist", "vierzehn Tage", "deadline-value-invalid", "ergab „vierzehn Tage“" },
        { "camunda:dueDate=\"${frist}\"", "frist", "-P1D", "deadline-value-invalid", "ergab „-P1D“" },
        { "am:deadline=\"=duration(&quot;-P1D&quot;)\"", "x", 1, "deadline-value-invalid", "ergab" },
        { "camunda:dueDate=\"${frist}\"", "frist", 14, "deadline-value-invalid", "ergab 14" },
        { "camunda:dueDate=\"${frist}\"", "frist", "", "deadline-value-invalid", "ergab „“" },
        { "camunda:dueDate=\"${frist}\"", "frist", "R/P1D", "deadline-value-invalid", "ergab „R/P1D“" },
    };

    [Theory]
    [MemberData(nameof(BadDeadlines))]
    public void A_deadline_expression_without_a_time_is_an_incident_naming_task_and_value_and_no_task_is_created(string attributes, string? name, object? value,
        string code, string named)
    {
        using var p = UserTask(attributes);
        var state = (name is null ? p.Start() : p.Start((name, value))).State;

        Assert.Equal(CaseStatus.Incident, state.Status);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal((code, "aufgabe"), (incident.Code, incident.NodeId));
        Assert.Contains("Die Frist der Aufgabe aufgabe („Antrag prüfen“) kann nicht bestimmt werden", incident.Message, StringComparison.Ordinal);
        Assert.Contains(named, incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "aufgabe");

        state.VariableMap["frist"] = "P2D";
        state = p.Engine.RetryIncident(p.Definition, state, incident.Id).State;
        if (code == "deadline-value-invalid" && !attributes.Contains("frist", StringComparison.Ordinal))
        {
            Assert.Single(state.Incidents);
            return;
        }
        Assert.Empty(state.Incidents);
        Assert.Equal(TestProcess.T0.AddDays(2), TestProcess.Wait(state, "aufgabe").DueAt);
    }

    [Fact]
    public void The_simulation_runs_tasks_with_deadline_expressions_without_stuck_cases()
    {
        const string body = """
            <bpmn:process id="queue" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:userTask id="pruefen" name="Prüfen" am:deadline="=duration(frist)">
                <bpmn:extensionElements><am:role name="schalter"/><am:effort minutes="60" payLevel="gehoben" occupation="73202"/></bpmn:extensionElements>
              </bpmn:userTask>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
            </bpmn:process>
            """;
        var study = SimBpmn.Compile(body, """{ "start": "2026-03-02", "replications": 1, "arrivals": { "casesPerWorkingDay": 5 } }""");
        using var replication = new Replication(study.Baseline, study.Settings, 20, 1, 0, new SimulationGuard(null, CancellationToken.None));
        var metrics = replication.Run();
        Assert.Equal(20, metrics.Completed);
        Assert.Equal(0, metrics.Stuck);
    }
}

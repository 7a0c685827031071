using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Simulation;
using Automation.Engine.Tests.Simulation;
using Automation.Engine.Texts;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// Timers written as expressions (issue 18 item 1): evaluated in their declared language when armed, against the case's
/// variables; a value that is no time is an incident naming the element and the value; literals stay literals.
/// </summary>
public sealed class TimerExpressionTests
{
    // start → frist (intermediate timer catch) → end
    private static string Catch(string kind, string text, string? language = null) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:intermediateCatchEvent id="frist" name="Frist abwarten">
            <bpmn:timerEventDefinition><bpmn:{kind}{(language is null ? "" : $" language=\"{language}\"")}>{text}</bpmn:{kind}></bpmn:timerEventDefinition>
          </bpmn:intermediateCatchEvent>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="frist" />
          <bpmn:sequenceFlow id="f2" sourceRef="frist" targetRef="end" />
        </bpmn:process>
        """;

    private static IReadOnlyList<Diagnostic> Validate(string body, string? definitionsAttributes = null)
    {
        var header = definitionsAttributes is null ? Header : Header.Replace("id=\"test\"", definitionsAttributes + " id=\"test\"", StringComparison.Ordinal);
        return DefinitionValidator.Validate(BpmnReader.ReadText(header + body + "</bpmn:definitions>", "test.bpmn"));
    }

    public static TheoryData<string, string, string?, string, object, double> Variants => new()
    {
        // kind, text, declared language, variable, value, hours after T0
        { "timeDuration", "${dauer}", null, "dauer", "P3D", 72 },
        { "timeDuration", "#{dauer}", null, "dauer", "PT90M", 1.5 },
        { "timeDuration", "=duration(\"P\" + string(tage) + \"D\")", null, "tage", 5, 120 },
        { "timeDuration", "duration(\"PT\" + string(stunden) + \"H\")", "feel", "stunden", 4, 4 },
        { "timeDuration", "\"PT\" + stunden + \"H\"", "javascript", "stunden", 2, 2 },
        { "timeDate", "${faellig}", null, "faellig", "2025-03-10T09:00:00+01:00", 7 * 24 },
        { "timeDate", "=date and time(faellig)", null, "faellig", "2025-03-04T08:00:00Z", 24 },
        { "timeDate", "=date and time(\"2025-03-05T10:00:00@Europe/Berlin\")", null, "x", 1, 2 * 24 + 1 },
        { "timeDate", "${faellig}", "juel", "faellig", new DateTimeOffset(2025, 3, 3, 20, 0, 0, TimeSpan.Zero), 12 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void An_expression_timer_is_due_at_the_time_its_value_names(string kind, string text, string? language, string name, object value, double hours)
    {
        using var p = new TestProcess(Catch(kind, text, language));
        Assert.NotNull(p.Definition.GetNode("frist").Timer!.Evaluated);

        var state = p.Start((name, value)).State;

        Assert.Equal(T0.AddHours(hours), Wait(state, "frist").DueAt);
        p.FireTimer(state, "frist");
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Theory]
    [InlineData("timeDuration", "P5D", null)]
    [InlineData("timeDuration", "PT1H", "expressionLanguage=\"https://www.omg.org/spec/DMN/20191111/FEEL/\"")]
    [InlineData("timeDate", "2025-03-04T08:00:00Z", "expressionLanguage=\"http://www.w3.org/1999/XPath\"")]
    [InlineData("timeCycle", "0 8 * * 1-5", "expressionLanguage=\"juel\"")]
    public void An_ISO_or_cron_literal_stays_a_literal_whatever_the_file_declares(string kind, string text, string? definitionsAttributes)
    {
        using var p = new TestProcess(Catch(kind, text), definitionsAttributes: definitionsAttributes);
        var timer = p.Definition.GetNode("frist").Timer!;
        Assert.Null(timer.Evaluated);
        Assert.Equal(text, timer.Expression);
        var state = p.Start().State;
        Assert.NotNull(Wait(state, "frist").DueAt);
        Assert.Null(Wait(state, "frist").TimerValue);
    }

    [Fact]
    public void A_value_that_is_no_duration_is_an_incident_naming_element_label_and_value_in_German()
    {
        using var p = new TestProcess(Catch("timeDuration", "${dauer}"));
        var state = p.Start(("dauer", "drei Tage")).State;

        Assert.Equal(CaseStatus.Incident, state.Status);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("timer-value-invalid", incident.Code);
        Assert.Equal("frist", incident.NodeId);
        Assert.Contains("Timer frist („Frist abwarten“)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("ergab „drei Tage“", incident.Message, StringComparison.Ordinal);
        Assert.Contains("eine Dauer nach ISO 8601", incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Waits, w => w.Kind == WaitKind.Timer);
    }

    [Fact]
    public void A_number_where_a_date_belongs_is_an_incident_with_the_number_in_German_notation()
    {
        using var p = new TestProcess(Catch("timeDate", "=betrag / 4"));
        var incident = Assert.Single(p.Start(("betrag", 10)).State.Incidents);
        Assert.Equal("timer-value-invalid", incident.Code);
        Assert.Contains("ergab 2,5", incident.Message, StringComparison.Ordinal);
        Assert.Contains("ein Zeitpunkt nach ISO 8601", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_is_an_incident_and_retrying_with_the_variable_set_arms_the_timer()
    {
        using var p = new TestProcess(Catch("timeDuration", "${dauer}"));
        var state = p.Start().State;
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("timer-expression-failed", incident.Code);
        Assert.Contains("Timer frist („Frist abwarten“)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("${dauer}", incident.Message, StringComparison.Ordinal);

        state.VariableMap["dauer"] = "PT2H";
        p.Engine.RetryIncident(p.Definition, state, incident.Id);
        Assert.Empty(state.Incidents);
        Assert.Equal(T0.AddHours(2), Wait(state, "frist").DueAt);
    }

    [Fact]
    public void A_repeating_boundary_timer_keeps_the_value_it_was_armed_with()
    {
        const string body = """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:userTask id="pruefen" />
              <bpmn:boundaryEvent id="erinnern" attachedToRef="pruefen" cancelActivity="false">
                <bpmn:timerEventDefinition><bpmn:timeCycle>=duration(takt)</bpmn:timeCycle></bpmn:timerEventDefinition>
              </bpmn:boundaryEvent>
              <bpmn:task id="mahnen" />
              <bpmn:endEvent id="end" />
              <bpmn:endEvent id="end2" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
              <bpmn:sequenceFlow id="f3" sourceRef="erinnern" targetRef="mahnen" />
              <bpmn:sequenceFlow id="f4" sourceRef="mahnen" targetRef="end2" />
            </bpmn:process>
            """;
        using var p = new TestProcess(body);
        var state = p.Start(("takt", "PT1H")).State;
        Assert.Equal("R/PT1H", Wait(state, "erinnern").TimerValue);
        Assert.Equal(T0.AddHours(1), Wait(state, "erinnern").DueAt);

        state.VariableMap["takt"] = "P30D";
        p.FireTimer(state, "erinnern");
        Assert.Equal(T0.AddHours(2), Wait(state, "erinnern").DueAt);
        Assert.Equal(1, Count(state, "mahnen"));
    }

    [Fact]
    public void An_event_sub_process_timer_start_is_evaluated_against_the_case_variables()
    {
        const string body = """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:userTask id="pruefen" />
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
              <bpmn:subProcess id="erinnerung" triggeredByEvent="true">
                <bpmn:startEvent id="esStart" isInterrupting="false">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>${frist}</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:startEvent>
                <bpmn:task id="mahnen" />
                <bpmn:endEvent id="esEnd" />
                <bpmn:sequenceFlow id="e1" sourceRef="esStart" targetRef="mahnen" />
                <bpmn:sequenceFlow id="e2" sourceRef="mahnen" targetRef="esEnd" />
              </bpmn:subProcess>
            </bpmn:process>
            """;
        using var p = new TestProcess(body);
        var state = p.Start(("frist", "P2D")).State;
        Assert.Equal(T0.AddDays(2), Wait(state, "esStart").DueAt);
        p.FireTimer(state, "esStart");
        Assert.Equal(1, Count(state, "mahnen"));
    }

    [Fact]
    public void A_syntax_error_of_a_timer_expression_is_a_validation_error_with_the_line_of_the_event()
    {
        var body = Catch("timeDuration", "=duration(\"P\" + )");
        var diagnostics = Validate(body);
        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.InvalidExpression, error.Code);
        Assert.Equal("frist", error.ElementId);
        var lines = (Header + body).Split('\n');
        Assert.Equal(Array.FindIndex(lines, l => l.Contains("id=\"frist\"", StringComparison.Ordinal)) + 1, error.Position?.Line);
        Assert.Contains("FEEL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_JUEL_method_call_in_a_timer_is_refused_at_validation()
    {
        var diagnostics = Validate(Catch("timeDate", "${execution.getVariable('frist')}"));
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.UnsupportedExpression && d.ElementId == "frist");
    }

    [Fact]
    public void A_process_timer_start_written_as_an_expression_is_a_validation_error()
    {
        const string body = """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>${plan}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
            </bpmn:process>
            """;
        var error = Assert.Single(Validate(body), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.TimerExpressionAtStart, "start"), (error.Code, error.ElementId));
        Assert.Contains("Vorgangsdaten", Texte.Diagnose(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://www.w3.org/1999/XPath", null)]
    [InlineData(null, "http://www.w3.org/1999/XPath")]
    [InlineData("groovy", "feel")]
    public void A_timer_in_a_language_the_engine_does_not_run_is_refused_naming_the_language(string? onDefinitions, string? onTimer)
    {
        var attributes = onDefinitions is null ? null : $"expressionLanguage=\"{onDefinitions}\"";
        var set = BpmnReader.ReadText(
            (attributes is null ? Header : Header.Replace("id=\"test\"", attributes + " id=\"test\"", StringComparison.Ordinal))
            + Catch("timeDuration", "${dauer}", onTimer ?? null) + "</bpmn:definitions>", "test.bpmn");
        var language = onTimer == "feel" ? onDefinitions! : (onTimer ?? onDefinitions)!;
        // The timer's own language beats the file's: "groovy" on the file, FEEL on the timer is FEEL (and ${dauer} no FEEL).
        var diagnostics = DefinitionValidator.Validate(set);
        if (onTimer == "feel")
        {
            Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.UnsupportedExpressionLanguage);
            Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.InvalidExpression && d.ElementId == "frist");
            return;
        }
        var error = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.UnsupportedExpressionLanguage);
        Assert.Equal((DiagnosticSeverity.Error, "frist"), (error.Severity, error.ElementId));
        Assert.Contains(language, error.Message, StringComparison.Ordinal);
        Assert.Contains(language, Texte.Diagnose(error), StringComparison.Ordinal);
        // Never run as another language: the engine refuses to start it rather than arming a timer.
        var timer = set.Processes[0].GetNode("frist").Timer!;
        Assert.Equal(ExpressionLanguage.Unsupported, timer.Evaluated!.Language);
    }

    [Fact]
    public void An_XPath_condition_is_refused_with_the_language_in_the_German_text()
    {
        const string body = """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:exclusiveGateway id="gw" default="f3" />
              <bpmn:endEvent id="a" />
              <bpmn:endEvent id="b" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
              <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
              <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="b" />
            </bpmn:process>
            """;
        var error = Assert.Single(Validate(body, "expressionLanguage=\"http://www.w3.org/1999/XPath\""),
            d => d.Code == DiagnosticCodes.UnsupportedExpressionLanguage);
        Assert.Equal("f2", error.ElementId);
        Assert.Contains("„http://www.w3.org/1999/XPath“", Texte.Diagnose(error), StringComparison.Ordinal);
    }

    [Fact]
    public void The_simulation_runs_expression_timers_at_once_and_says_so()
    {
        const string body = """
            <bpmn:process id="queue" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:intermediateCatchEvent id="frist"><bpmn:timerEventDefinition><bpmn:timeDuration>${dauer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="frist" />
              <bpmn:sequenceFlow id="f2" sourceRef="frist" targetRef="end" />
            </bpmn:process>
            """;
        var study = SimBpmn.Compile(body, """{ "start": "2026-03-02", "replications": 1, "arrivals": { "casesPerWorkingDay": 5 } }""");
        using var replication = new Replication(study.Baseline, study.Settings, 20, 1, 0, new SimulationGuard(null, CancellationToken.None));
        var metrics = replication.Run();
        Assert.Equal(20, metrics.Completed);
        Assert.Equal(0, metrics.Stuck);
        Assert.Contains("Timer frist ist ein Ausdruck (${dauer})", string.Join(" ", study.Assumptions), StringComparison.Ordinal);
    }
}

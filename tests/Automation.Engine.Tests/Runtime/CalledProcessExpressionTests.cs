using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// A call activity's called process written as an expression (Zeebe <c>processId="=…"</c> in FEEL, Camunda 7
/// <c>calledElement="${…}"</c> in JUEL) is evaluated in the calling case's variables when the call activity starts; the
/// host is asked for the process it names. A value that is no text, is blank or names no published process is an incident
/// on the call activity naming it, its label, the expression and the value; a retry evaluates again. A literal id keeps the
/// publish-time check.
/// </summary>
public sealed class CalledProcessExpressionTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:tns="urn:test" id="test" targetNamespace="urn:test">
          <bpmn:process id="haupt" isExecutable="true">
            <bpmn:startEvent id="start" />
        """;

    private const string Footer = """
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rufen" />
            <bpmn:sequenceFlow id="f2" sourceRef="rufen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Zeebe(string processId) => $"""
        <bpmn:callActivity id="rufen" name="Antrag bearbeiten">
          <bpmn:extensionElements><zeebe:calledElement processId="{processId}" propagateAllChildVariables="true" /></bpmn:extensionElements>
        </bpmn:callActivity>
        """;

    private static string Camunda(string calledElement) => $"""<bpmn:callActivity id="rufen" name="Antrag bearbeiten" calledElement="{calledElement}" />""";

    /// <summary>A published process that writes which one it is into <c>bearbeitet</c>.</summary>
    private static ProcessDefinition Called(string id) => BpmnReader.ReadText($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d_{id}" targetNamespace="urn:test">
          <bpmn:process id="{id}" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>bearbeitet = '{id}'</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="rechnen" />
            <bpmn:sequenceFlow id="b" sourceRef="rechnen" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """, id + ".bpmn").Processes[0];

    /// <summary>The host's published processes: "wohngeld" and "wohngeld_2026"; the engine asks it by id.</summary>
    private sealed class Harness : IDisposable
    {
        public Harness(string call)
        {
            Set = BpmnReader.ReadText(Header + call + Footer, "haupt.bpmn");
            Publish("wohngeld");
            Publish("wohngeld_2026");
            Assert.DoesNotContain(DefinitionValidator.Validate(Set, Resolve), d => d.Severity == DiagnosticSeverity.Error);
            Engine = new WorkflowEngine(new EngineOptions
            {
                ResolveProcess = Resolve,
                Clock = new VirtualClock(TestProcess.T0),
            });
        }

        public DefinitionSet Set { get; }

        public WorkflowEngine Engine { get; }

        public Dictionary<string, ProcessDefinition> Published { get; } = new(StringComparer.Ordinal);

        public List<string> Asked { get; } = [];

        public void Publish(string id) => Published[id] = Called(id);

        private ProcessDefinition? Resolve(string id)
        {
            Asked.Add(id);
            return Published.GetValueOrDefault(id);
        }

        public RunResult Start(params (string Name, object? Value)[] vars) =>
            Engine.Start(Set.Processes[0], vars.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

        public void Dispose() => Engine.Dispose();
    }

    public static TheoryData<string, string, object, string> Evaluated => new()
    {
        // call activity, variable, value, process that ran
        { Zeebe("=art"), "art", "wohngeld", "wohngeld" },
        { Zeebe("=&quot;wohngeld_&quot; + string(jahr)"), "jahr", 2026, "wohngeld_2026" },
        { Zeebe("= if jahr &gt;= 2026 then &quot;wohngeld_2026&quot; else &quot;wohngeld&quot;"), "jahr", 2025, "wohngeld" },
        { Camunda("${art}"), "art", "wohngeld_2026", "wohngeld_2026" },
        { Camunda("#{art}"), "art", " wohngeld ", "wohngeld" },
        { Camunda("${jahr &gt; 2025 ? 'wohngeld_2026' : 'wohngeld'}"), "jahr", 2026, "wohngeld_2026" },
    };

    [Theory]
    [MemberData(nameof(Evaluated))]
    public void The_called_process_expression_is_evaluated_in_the_callers_variables_when_the_call_starts(string call, string name, object value, string ran)
    {
        using var h = new Harness(call);
        h.Asked.Clear();
        var run = h.Start((name, value));

        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Equal(ran, run.State.Variables["bearbeitet"]);
        Assert.Contains(run.Steps, s => s.ProcessId == ran && s.NodeId == "rechnen");
        Assert.DoesNotContain(h.Asked, id => id.Contains('=', StringComparison.Ordinal) || id.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public void The_expression_is_evaluated_per_case_so_two_cases_of_one_version_call_different_processes()
    {
        using var h = new Harness(Zeebe("=art"));
        var first = h.Start(("art", "wohngeld"));
        var second = h.Start(("art", "wohngeld_2026"));

        Assert.Equal("wohngeld", first.State.Variables["bearbeitet"]);
        Assert.Equal("wohngeld_2026", second.State.Variables["bearbeitet"]);
    }

    [Fact]
    public void A_literal_id_unknown_when_the_call_starts_is_a_german_incident_with_its_code()
    {
        // Published at publish time, gone when the call starts (a host that lost it): the incident names step and id.
        var set = BpmnReader.ReadText(Header + Camunda("antrag") + Footer, "haupt.bpmn");
        using var engine = new WorkflowEngine(new EngineOptions { ResolveProcess = _ => null, Clock = new VirtualClock(TestProcess.T0) });
        var incident = Assert.Single(engine.Start(set.Processes[0]).State.Incidents);

        Assert.Equal(DiagnosticCodes.CalledProcessUnknown, incident.Code);
        Assert.Equal(Texte.Format(Texte.AufrufProzessNichtVeroeffentlicht, "rufen", "Antrag bearbeiten", "antrag"), incident.Message);
        Assert.Contains("„antrag“", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_that_calls_itself_stops_at_the_call_depth_with_a_german_incident()
    {
        var set = BpmnReader.ReadText(Header + Camunda("haupt") + Footer, "haupt.bpmn");
        using var engine = new WorkflowEngine(new EngineOptions
        {
            ResolveProcess = id => id == "haupt" ? set.Processes[0] : null,
            MaxCallDepth = 3,
            Clock = new VirtualClock(TestProcess.T0),
        });
        var run = engine.Start(set.Processes[0]);

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal(DiagnosticCodes.CallDepthExceeded, incident.Code);
        Assert.Equal(Texte.Format(Texte.AufrufTiefeUeberschritten, "rufen", "Antrag bearbeiten", 4, 3), incident.Message);
        Assert.Contains("4. Ebene", incident.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Incident, run.State.Status);
    }

    [Fact]
    public void A_literal_id_stays_literal_and_an_unknown_literal_is_still_refused_at_publish()
    {
        using var h = new Harness(Zeebe("wohngeld"));
        Assert.Null(h.Set.Processes[0].GetNode("rufen").CalledProcessExpression);
        Assert.Equal("wohngeld", h.Start(("wohngeld", "wohngeld_2026")).State.Variables["bearbeitet"]);

        foreach (var literal in new[] { Zeebe("antrag"), Camunda("antrag"), Camunda("tns:antrag") })
        {
            var set = BpmnReader.ReadText(Header + literal + Footer, "haupt.bpmn");
            var error = Assert.Single(DefinitionValidator.Validate(set, _ => null), d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal((DiagnosticCodes.UnknownProcess, "rufen"), (error.Code, error.ElementId));
        }
    }

    [Fact]
    public void An_expression_is_not_refused_as_an_unknown_process_at_publish_nor_looked_up_as_an_id()
    {
        var asked = new List<string>();
        foreach (var call in new[] { Zeebe("=art"), Camunda("${art}") })
        {
            var set = BpmnReader.ReadText(Header + call + Footer, "haupt.bpmn");
            Assert.DoesNotContain(DefinitionValidator.Validate(set, id => { asked.Add(id); return null; }), d => d.Severity == DiagnosticSeverity.Error);
        }
        Assert.Empty(asked);
    }

    [Fact]
    public void A_process_id_that_names_no_published_process_is_an_incident_naming_expression_and_value_and_a_retry_after_publishing_runs_on()
    {
        using var h = new Harness(Zeebe("=&quot;wohngeld_&quot; + string(jahr)"));
        var run = h.Start(("jahr", 2030));

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal((DiagnosticCodes.CalledProcessUnknown, "rufen"), (incident.Code, incident.NodeId));
        Assert.Contains("rufen („Antrag bearbeiten“)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("„wohngeld_2030“", incident.Message, StringComparison.Ordinal);
        Assert.Contains("=\"wohngeld_\" + string(jahr)", incident.Message, StringComparison.Ordinal);
        Assert.False(run.State.Variables.ContainsKey("bearbeitet"));
        Assert.DoesNotContain(run.Steps, s => s.ProcessId != "haupt");

        h.Publish("wohngeld_2030");
        var retried = h.Engine.RetryIncident(h.Set.Processes[0], run.State, incident.Id);
        Assert.Equal(CaseStatus.Completed, retried.State.Status);
        Assert.Equal("wohngeld_2030", retried.State.Variables["bearbeitet"]);
    }

    [Fact]
    public void A_value_that_is_itself_an_expression_text_is_looked_up_as_written_never_evaluated_again()
    {
        using var h = new Harness(Camunda("${art}"));
        h.Asked.Clear();
        var run = h.Start(("art", "${geheim}"), ("geheim", "wohngeld"));

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal(DiagnosticCodes.CalledProcessUnknown, incident.Code);
        Assert.Equal(["${geheim}"], h.Asked);
    }

    public static TheoryData<string, object?, string> Failing => new()
    {
        // call activity, value of art (null: not set), what the message names
        { Zeebe("=art"), null, "=art" },
        { Camunda("${art}"), null, "${art}" },
        { Zeebe("=art"), 5, "ergab 5" },
        { Camunda("${art}"), 2.5, "ergab 2,5" },
        { Zeebe("=art"), "", "ergab „“" },
        { Zeebe("=art"), "   ", "ergab „   “" },
        { Zeebe("=art"), true, "ergab true" },
        { Camunda("${art}"), new List<object?> { "wohngeld" }, "ergab eine Liste (Einträge: 1)" },
        { Zeebe("=art"), new Dictionary<string, object?> { ["id"] = "wohngeld" }, "ergab ein Objekt" },
    };

    [Theory]
    [MemberData(nameof(Failing))]
    public void An_expression_that_fails_or_gives_no_text_is_an_incident_naming_the_call_activity_and_nothing_is_called(string call, object? value, string named)
    {
        using var h = new Harness(call);
        h.Asked.Clear();
        var run = value is null ? h.Start() : h.Start(("art", value));

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal((DiagnosticCodes.CalledProcessFailed, "rufen"), (incident.Code, incident.NodeId));
        Assert.Contains("Aufrufaktivität rufen („Antrag bearbeiten“)", incident.Message, StringComparison.Ordinal);
        Assert.Contains(named, incident.Message, StringComparison.Ordinal);
        Assert.Empty(h.Asked);
        Assert.DoesNotContain(run.State.Scopes, s => s.ProcessId != "haupt");

        run.State.VariableMap["art"] = "wohngeld";
        var retried = h.Engine.RetryIncident(h.Set.Processes[0], run.State, incident.Id);
        Assert.Equal(CaseStatus.Completed, retried.State.Status);
        Assert.Equal("wohngeld", retried.State.Variables["bearbeitet"]);
    }

    [Theory]
    [InlineData("=string(", DiagnosticCodes.InvalidExpression)]
    [InlineData("${art", DiagnosticCodes.InvalidExpression)]
    [InlineData("${execution.getVariable('art')}", DiagnosticCodes.UnsupportedExpression)]
    public void A_called_process_expression_that_does_not_parse_is_a_validation_error_at_the_call_activity(string processId, string code)
    {
        var set = BpmnReader.ReadText(Header + (processId.StartsWith('=') ? Zeebe(processId) : Camunda(processId)) + Footer, "haupt.bpmn");
        var error = Assert.Single(DefinitionValidator.Validate(set, _ => null), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((code, "rufen"), (error.Code, error.ElementId));
        Assert.NotNull(error.Position);
        Assert.NotEmpty(Texte.Diagnose(error));
    }
}

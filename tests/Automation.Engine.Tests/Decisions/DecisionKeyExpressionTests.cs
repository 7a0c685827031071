using Automation.Engine.Decisions;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Decisions;

/// <summary>
/// A business rule task's decision key written as an expression (Zeebe <c>decisionId="=…"</c> in FEEL, Camunda 7
/// <c>decisionRef="${…}"</c> in JUEL) is evaluated when the task runs; the host is asked for the key it gives. A key that
/// is unknown, fails or is no text is an incident naming the task and the key or value, and a retry evaluates again.
/// </summary>
public sealed class DecisionKeyExpressionTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="test" targetNamespace="urn:test">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="start" />
        """;

    private const string Footer = """
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="regel" />
            <bpmn:sequenceFlow id="f2" sourceRef="regel" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Zeebe(string decisionId) => $"""
        <bpmn:businessRuleTask id="regel" name="Stufe bestimmen">
          <bpmn:extensionElements><zeebe:calledDecision decisionId="{decisionId}" resultVariable="stufe" /></bpmn:extensionElements>
        </bpmn:businessRuleTask>
        """;

    private static string Camunda(string decisionRef) =>
        $"""<bpmn:businessRuleTask id="regel" name="Stufe bestimmen" camunda:decisionRef="{decisionRef}" camunda:resultVariable="stufe" camunda:mapDecisionResult="singleEntry" />""";

    /// <summary>Published decisions by key: "stufe" says klein/groß, "stufe_2026" says S/L, so the one evaluated shows.</summary>
    private sealed class Harness : IDisposable
    {
        public Harness(string task)
        {
            Set = BpmnReader.ReadText(Header + task + Footer, "test.bpmn");
            Assert.DoesNotContain(DefinitionValidator.Validate(Set), d => d.Severity == DiagnosticSeverity.Error);
            Publish("stufe", DmnSamples.Table("UNIQUE", "", ("< 100", "\"klein\""), (">= 100", "\"groß\"")));
            Publish("stufe_2026", DmnSamples.Table("UNIQUE", "", ("< 100", "\"S\""), (">= 100", "\"L\"")).Replace("id=\"stufe\"", "id=\"stufe_2026\"", StringComparison.Ordinal));
            Engine = new WorkflowEngine(new EngineOptions
            {
                ResolveDecision = call =>
                {
                    Asked.Add(call.Reference.Key);
                    return Published.TryGetValue(call.Reference.Key, out var model) ? new ResolvedDecision(model, call.Reference.Key, 1) : null;
                },
                Clock = new VirtualClock(new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.Zero)),
            });
        }

        public DefinitionSet Set { get; }

        public WorkflowEngine Engine { get; }

        public Dictionary<string, DecisionModel> Published { get; } = new(StringComparer.Ordinal);

        public List<string> Asked { get; } = [];

        public void Publish(string key, string xml)
        {
            var model = Dmn.Read(xml, key + ".dmn");
            Assert.False(model.HasErrors, string.Join("; ", model.Diagnostics));
            Published[key] = model;
        }

        public RunResult Start(params (string Name, object? Value)[] vars) =>
            Engine.Start(Set.Processes[0], [new("betrag", 150d), .. vars.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value))]);

        public void Dispose() => Engine.Dispose();
    }

    public static TheoryData<string, string, object, string, object> Evaluated => new()
    {
        // task, variable, value, key asked for, result
        { Zeebe("=regel"), "regel", "stufe", "stufe", "groß" },
        { Zeebe("=&quot;stufe_&quot; + string(jahr)"), "jahr", 2026, "stufe_2026", "L" },
        { Zeebe("= if jahr &gt;= 2026 then &quot;stufe_2026&quot; else &quot;stufe&quot;"), "jahr", 2025, "stufe", "groß" },
        { Camunda("${regel}"), "regel", "stufe_2026", "stufe_2026", "L" },
        { Camunda("#{regel}"), "regel", " stufe ", "stufe", "groß" },
    };

    [Theory]
    [MemberData(nameof(Evaluated))]
    public void A_key_expression_is_evaluated_when_the_task_runs_and_the_host_is_asked_for_its_value(string task, string name, object value, string key, object result)
    {
        using var h = new Harness(task);
        var run = h.Start((name, value));

        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Equal([key], h.Asked);
        Assert.Equal(key, Assert.Single(run.Decisions).DecisionKey);
        var stufe = run.State.Variables["stufe"];
        Assert.Equal(result, stufe);
    }

    [Fact]
    public void A_literal_key_stays_literal_in_both_dialects()
    {
        using var zeebe = new Harness(Zeebe("stufe"));
        Assert.Null(zeebe.Set.Processes[0].GetNode("regel").Decision!.KeyExpression);
        zeebe.Start(("stufe", "stufe_2026"));
        Assert.Equal(["stufe"], zeebe.Asked);

        using var camunda = new Harness(Camunda("stufe"));
        Assert.Null(camunda.Set.Processes[0].GetNode("regel").Decision!.KeyExpression);
    }

    [Fact]
    public void An_unknown_resulting_key_is_an_incident_decision_unknown_naming_the_key_and_a_retry_after_publishing_runs_on()
    {
        using var h = new Harness(Zeebe("=&quot;stufe_&quot; + string(jahr)"));
        var run = h.Start(("jahr", 2030));

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal((DiagnosticCodes.DecisionUnknown, "regel"), (incident.Code, incident.NodeId));
        Assert.Contains("„stufe_2030“", incident.Message, StringComparison.Ordinal);
        Assert.Contains("regel („Stufe bestimmen“)", incident.Message, StringComparison.Ordinal);
        Assert.False(run.State.Variables.ContainsKey("stufe"));
        Assert.Empty(run.Decisions);

        h.Publish("stufe_2030", DmnSamples.Table("UNIQUE", "", ("< 100", "\"A\""), (">= 100", "\"B\"")).Replace("id=\"stufe\"", "id=\"stufe_2030\"", StringComparison.Ordinal));
        var retried = h.Engine.RetryIncident(h.Set.Processes[0], run.State, incident.Id);
        Assert.Equal(CaseStatus.Completed, retried.State.Status);
        Assert.Equal("B", retried.State.Variables["stufe"]);
    }

    [Fact]
    public void A_key_that_is_itself_an_expression_text_is_looked_up_as_written_never_evaluated_again()
    {
        using var h = new Harness(Camunda("${regel}"));
        var run = h.Start(("regel", "${geheim}"), ("geheim", "stufe"));

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal(DiagnosticCodes.DecisionUnknown, incident.Code);
        Assert.Equal(["${geheim}"], h.Asked);
        Assert.Contains("„${geheim}“", incident.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, object?, string> Failing => new()
    {
        // task, value of regel (null: not set), what the message names
        { Zeebe("=regel"), null, "=regel" },
        { Camunda("${regel}"), null, "${regel}" },
        { Zeebe("=regel"), 5, "ergab 5" },
        { Camunda("${regel}"), 2.5, "ergab 2,5" },
        { Zeebe("=regel"), "   ", "ergab „   “" },
        { Zeebe("=regel"), true, "ergab true" },
        { Camunda("${regel}"), new List<object?> { "stufe" }, "ergab eine Liste (Einträge: 1)" },
    };

    [Theory]
    [MemberData(nameof(Failing))]
    public void A_key_expression_that_fails_or_gives_no_text_is_an_incident_naming_task_and_expression(string task, object? value, string named)
    {
        using var h = new Harness(task);
        var run = value is null ? h.Start() : h.Start(("regel", value));

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal((DiagnosticCodes.DecisionKeyFailed, "regel"), (incident.Code, incident.NodeId));
        Assert.Contains("Geschäftsregelaufgabe regel („Stufe bestimmen“)", incident.Message, StringComparison.Ordinal);
        Assert.Contains(named, incident.Message, StringComparison.Ordinal);
        Assert.Empty(h.Asked);
        Assert.False(run.State.Variables.ContainsKey("stufe"));

        run.State.VariableMap["regel"] = "stufe";
        var retried = h.Engine.RetryIncident(h.Set.Processes[0], run.State, incident.Id);
        Assert.Equal(CaseStatus.Completed, retried.State.Status);
        Assert.Equal("groß", retried.State.Variables["stufe"]);
    }

    [Theory]
    [InlineData("=string(", DiagnosticCodes.InvalidExpression)]
    [InlineData("${execution.getVariable('regel')}", DiagnosticCodes.UnsupportedExpression)]
    public void A_key_expression_that_does_not_parse_is_a_validation_error_at_the_task(string decisionId, string code)
    {
        var set = BpmnReader.ReadText(Header + Zeebe(decisionId) + Footer, "test.bpmn");
        var error = Assert.Single(DefinitionValidator.Validate(set), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((code, "regel"), (error.Code, error.ElementId));
        Assert.NotEmpty(Texte.Diagnose(error));
    }
}

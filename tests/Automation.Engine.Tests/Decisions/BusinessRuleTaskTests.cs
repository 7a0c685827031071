using Automation.Engine.Decisions;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Decisions;

/// <summary>
/// Business rule tasks evaluate the decision the host resolves, in the step: Camunda 7's mapDecisionResult variants and
/// bindings, Zeebe's calledDecision, and every failure (unknown key, hit-policy violation, unmappable result) an incident
/// that leaves the variables untouched and can be retried.
/// </summary>
public sealed class BusinessRuleTaskTests
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

    /// <summary>Fee table: betrag → stufe (text) and faktor (number), three rules with annotations; r1 and r2 overlap at 100–200.</summary>
    private static string Fees(string hitPolicy) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{DmnSamples.Dmn13}" id="d" name="Gebühren" namespace="http://example.org">
          <decision id="gebuehr" name="Gebühr">
            <decisionTable id="t" hitPolicy="{hitPolicy}">
              <input id="i1" label="Betrag"><inputExpression typeRef="number"><text>betrag</text></inputExpression></input>
              <output id="o1" name="stufe" typeRef="string" />
              <output id="o2" name="faktor" typeRef="number" />
              <annotation name="Begründung" />
              <rule id="r1"><inputEntry><text>[0..200]</text></inputEntry><outputEntry><text>"niedrig"</text></outputEntry><outputEntry><text>1.5</text></outputEntry><annotationEntry><text>bis 200 Euro</text></annotationEntry></rule>
              <rule id="r2"><inputEntry><text>[100..1000]</text></inputEntry><outputEntry><text>"mittel"</text></outputEntry><outputEntry><text>2</text></outputEntry><annotationEntry><text>ab 100 Euro</text></annotationEntry></rule>
              <rule id="r3"><inputEntry><text>&gt; 1000</text></inputEntry><outputEntry><text>"hoch"</text></outputEntry><outputEntry><text>3</text></outputEntry><annotationEntry><text>über 1000 Euro</text></annotationEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    private sealed class Harness : IDisposable
    {
        public Harness(string task, Func<DecisionCall, ResolvedDecision?>? resolve)
        {
            Set = BpmnReader.ReadText(Header + task + Footer, "test.bpmn");
            Assert.DoesNotContain(Set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Engine = new WorkflowEngine(new EngineOptions { ResolveDecision = resolve, Clock = new VirtualClock(new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.Zero)) });
        }

        public DefinitionSet Set { get; }

        public WorkflowEngine Engine { get; }

        public RunResult Start(decimal betrag) => Engine.Start(Set.Processes[0], [new("betrag", (double)betrag)]);

        public void Dispose() => Engine.Dispose();
    }

    private static Func<DecisionCall, ResolvedDecision?> Publish(string xml, int version = 1)
    {
        var model = Dmn.Read(xml, "gebuehr.dmn");
        Assert.False(model.HasErrors, string.Join("; ", model.Diagnostics));
        return call => call.Reference.Key == "gebuehr" ? new ResolvedDecision(model, "gebuehr", version) : null;
    }

    private static string Camunda(string attributes) =>
        $"""<bpmn:businessRuleTask id="regel" name="Gebühr bestimmen" camunda:decisionRef="gebuehr" {attributes} />""";

    [Fact]
    public void Result_list_is_the_default_one_map_per_matched_rule()
    {
        using var h = new Harness(Camunda("""camunda:resultVariable="ergebnis" """), Publish(Fees("COLLECT")));
        var run = h.Start(150);

        Assert.Equal(CaseStatus.Completed, run.State.Status);
        var list = Assert.IsType<List<object?>>(run.State.Variables["ergebnis"]);
        Assert.Equal(2, list.Count);
        var first = Assert.IsType<Dictionary<string, object?>>(list[0]);
        Assert.Equal("niedrig", first["stufe"]);
        Assert.Equal(1.5, first["faktor"]);
        Assert.Equal("mittel", ((Dictionary<string, object?>)list[1]!)["stufe"]);
    }

    [Fact]
    public void Single_result_is_the_map_of_the_one_matched_rule_and_null_when_none_matched()
    {
        using var h = new Harness(Camunda("""camunda:resultVariable="ergebnis" camunda:mapDecisionResult="singleResult" """), Publish(Fees("FIRST")));
        var map = Assert.IsType<Dictionary<string, object?>>(h.Start(50).State.Variables["ergebnis"]);
        Assert.Equal("niedrig", map["stufe"]);
        Assert.Equal(1.5, map["faktor"]);

        var none = h.Start(-5).State;
        Assert.Equal(CaseStatus.Completed, none.Status);
        Assert.True(none.Variables.ContainsKey("ergebnis"));
        Assert.Null(none.Variables["ergebnis"]);
    }

    [Fact]
    public void Single_entry_is_the_one_output_value()
    {
        var table = DmnSamples.Table("UNIQUE", "", ("< 100", "\"klein\""), (">= 100", "\"groß\""));
        var model = Dmn.Read(table, "stufe.dmn");
        using var h = new Harness("""<bpmn:businessRuleTask id="regel" camunda:decisionRef="stufe" camunda:resultVariable="stufe" camunda:mapDecisionResult="singleEntry" />""",
            call => new ResolvedDecision(model, call.Reference.Key, 1));
        Assert.Equal("groß", h.Start(250).State.Variables["stufe"]);
        Assert.Equal("klein", h.Start(5).State.Variables["stufe"]);
    }

    [Fact]
    public void Single_entry_of_a_table_with_two_outputs_is_an_incident_and_sets_nothing()
    {
        using var h = new Harness(Camunda("""camunda:resultVariable="ergebnis" camunda:mapDecisionResult="singleEntry" """), Publish(Fees("FIRST")));
        var run = h.Start(50);

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal(DiagnosticCodes.DecisionFailed, incident.Code);
        Assert.Contains("singleEntry", incident.Message, StringComparison.Ordinal);
        Assert.Contains("Gebühr", incident.Message, StringComparison.Ordinal);
        Assert.False(run.State.Variables.ContainsKey("ergebnis"));
        Assert.Empty(run.Decisions);
    }

    [Fact]
    public void Single_result_with_two_matched_rules_is_an_incident_naming_the_rules()
    {
        using var h = new Harness(Camunda("""camunda:resultVariable="ergebnis" camunda:mapDecisionResult="singleResult" """), Publish(Fees("COLLECT")));
        var incident = Assert.Single(h.Start(150).State.Incidents);
        Assert.Contains("r1, r2", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_entries_lists_the_one_output_of_every_matched_rule_and_refuses_two_outputs()
    {
        var table = DmnSamples.Table("COLLECT", "", ("< 100", "\"a\""), ("< 200", "\"b\""));
        var model = Dmn.Read(table, "stufe.dmn");
        using var h = new Harness("""<bpmn:businessRuleTask id="regel" camunda:decisionRef="stufe" camunda:resultVariable="alle" camunda:mapDecisionResult="collectEntries" />""",
            call => new ResolvedDecision(model, call.Reference.Key, 1));
        Assert.Equal(["a", "b"], Assert.IsType<List<object?>>(h.Start(50).State.Variables["alle"]));
        Assert.Empty(Assert.IsType<List<object?>>(h.Start(500).State.Variables["alle"]));

        using var wide = new Harness(Camunda("""camunda:resultVariable="alle" camunda:mapDecisionResult="collectEntries" """), Publish(Fees("COLLECT")));
        Assert.Equal(DiagnosticCodes.DecisionFailed, Assert.Single(wide.Start(50).State.Incidents).Code);
    }

    [Fact]
    public void Zeebe_called_decision_stores_the_output_single_output_unwrapped()
    {
        var single = Dmn.Read(DmnSamples.Table("UNIQUE", "", ("< 100", "\"klein\""), (">= 100", "\"groß\"")), "stufe.dmn");
        using var h = new Harness("""
            <bpmn:businessRuleTask id="regel"><bpmn:extensionElements><zeebe:calledDecision decisionId="stufe" resultVariable="stufe" /></bpmn:extensionElements></bpmn:businessRuleTask>
            """, call => new ResolvedDecision(single, call.Reference.Key, 1));
        Assert.Equal("groß", h.Start(100).State.Variables["stufe"]);

        using var two = new Harness("""
            <bpmn:businessRuleTask id="regel"><bpmn:extensionElements><zeebe:calledDecision decisionId="gebuehr" resultVariable="gebuehr" /></bpmn:extensionElements></bpmn:businessRuleTask>
            """, Publish(Fees("UNIQUE")));
        var map = Assert.IsType<Dictionary<string, object?>>(two.Start(1500).State.Variables["gebuehr"]);
        Assert.Equal("hoch", map["stufe"]);
        Assert.Equal(3.0, map["faktor"]);
    }

    [Theory]
    [InlineData("", DecisionBinding.Latest, null)]
    [InlineData("""camunda:decisionRefBinding="deployment" """, DecisionBinding.Deployment, null)]
    [InlineData("""camunda:decisionRefBinding="version" camunda:decisionRefVersion="2" """, DecisionBinding.Version, 2)]
    public void The_resolver_is_asked_for_the_binding_the_task_names_with_its_process(string attributes, DecisionBinding binding, int? version)
    {
        DecisionCall? asked = null;
        var publish = Publish(Fees("UNIQUE"), version ?? 1);
        using var h = new Harness(Camunda(attributes + """ camunda:resultVariable="x" """), call =>
        {
            asked = call;
            return publish(call);
        });
        var run = h.Start(50);

        Assert.NotNull(asked);
        Assert.Equal(binding, asked.Reference.Binding);
        Assert.Equal(version, asked.Reference.Version);
        Assert.Same(h.Set.Processes[0], asked.Process);
        var evaluation = Assert.Single(run.Decisions);
        Assert.Equal(version ?? 1, evaluation.DecisionVersion);
    }

    [Fact]
    public void A_bound_version_the_host_does_not_have_is_an_incident_decision_version_unknown()
    {
        var model = Dmn.Read(Fees("FIRST"), "gebuehr.dmn");
        using var h = new Harness(Camunda("""camunda:decisionRefBinding="version" camunda:decisionRefVersion="7" camunda:resultVariable="x" """),
            call => call.Reference.Version == 1 ? new ResolvedDecision(model, "gebuehr", 1) : null);
        var incident = Assert.Single(h.Start(50).State.Incidents);
        Assert.Equal(DiagnosticCodes.DecisionVersionUnknown, incident.Code);
        Assert.Contains("version 7", incident.Message, StringComparison.Ordinal);
        Assert.Contains("regel („Gebühr bestimmen“)", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_an_incident_naming_it()
    {
        using var h = new Harness("""<bpmn:businessRuleTask id="regel" camunda:decisionRef="gibtsnicht" camunda:resultVariable="x" />""", Publish(Fees("UNIQUE")));
        var state = h.Start(50).State;
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(DiagnosticCodes.DecisionUnknown, incident.Code);
        Assert.Contains("„gibtsnicht“", incident.Message, StringComparison.Ordinal);
        Assert.Contains("regel („regel“)", incident.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Incident, state.Status);
    }

    [Fact]
    public void A_unique_overlap_is_an_incident_and_a_retry_after_a_fixed_version_completes()
    {
        var broken = Dmn.Read(Fees("UNIQUE"), "gebuehr.dmn");
        var fixedModel = Dmn.Read(Fees("FIRST"), "gebuehr.dmn");
        var current = new ResolvedDecision(broken, "gebuehr", 1);
        using var h = new Harness(Camunda("""camunda:resultVariable="ergebnis" """), _ => current);
        var run = h.Start(150);
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal(DiagnosticCodes.DecisionFailed, incident.Code);
        Assert.Contains("Gebühr", incident.Message, StringComparison.Ordinal);
        Assert.Contains("r1", incident.Message, StringComparison.Ordinal);
        Assert.Contains("r2", incident.Message, StringComparison.Ordinal);
        Assert.Contains("Version 1", incident.Message, StringComparison.Ordinal);
        Assert.False(run.State.Variables.ContainsKey("ergebnis"));
        Assert.Empty(run.Decisions);

        current = new ResolvedDecision(fixedModel, "gebuehr", 2);
        var retried = h.Engine.RetryIncident(h.Set.Processes[0], run.State, incident.Id);

        Assert.Empty(retried.State.Incidents);
        Assert.Equal(CaseStatus.Completed, retried.State.Status);
        var evaluation = Assert.Single(retried.Decisions);
        Assert.Equal(2, evaluation.DecisionVersion);
        Assert.Equal("r1", Assert.Single(evaluation.Result.Explanations[^1].MatchedRules).Id);
        var step = Assert.Single(retried.Steps, s => s.NodeId == "regel");
        Assert.Equal(step.Sequence, evaluation.StepSequence);
        Assert.Equal(StepOutcome.Completed, step.Outcome);
    }

    [Fact]
    public void Without_a_resolver_the_step_completes_without_a_result_and_says_so()
    {
        using var h = new Harness(Camunda("""camunda:resultVariable="ergebnis" """), null);
        var run = h.Start(50);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.False(run.State.Variables.ContainsKey("ergebnis"));
        Assert.Contains("not evaluated", Assert.Single(run.Steps, s => s.NodeId == "regel").Detail, StringComparison.Ordinal);
    }
}

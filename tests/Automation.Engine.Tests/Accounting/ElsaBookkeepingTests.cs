using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;

namespace Automation.Engine.Tests.Accounting;

/// <summary>
/// Elsa's WriteLine, SetVariable and SetOutput are the engine's bookkeeping (FlowNode.IsBookkeeping): done by the system,
/// not priced as software steps. RunJavaScript does work and stays an automated, priced step; BPMN script tasks are unchanged.
/// </summary>
public sealed class ElsaBookkeepingTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    private static string Expr(string value, string language = "Literal") =>
        $$"""{ "typeName": "String", "expression": { "type": "{{language}}", "value": {{System.Text.Json.JsonSerializer.Serialize(value)}} } }""";

    /// <summary>Start → WriteLine → SetVariable → SetOutput → (RunJavaScript) → End.</summary>
    internal static string Workflow(string definitionId, bool withScript)
    {
        var script = withScript ? $$"""{ "id": "Rechnen", "type": "Elsa.RunJavaScript", "script": {{Expr("return 1 + 1;", "JavaScript")}} },""" : "";
        var last = withScript
            ? """{ "source": "Ausgabe", "target": "Rechnen", "sourcePort": "Done", "targetPort": "In" }, { "source": "Rechnen", "target": "Ende", "sourcePort": "Done", "targetPort": "In" }"""
            : """{ "source": "Ausgabe", "target": "Ende", "sourcePort": "Done", "targetPort": "In" }""";
        return $$"""
            {
              "definitionId": "{{definitionId}}",
              "name": "Buchhaltung {{definitionId}}",
              "variables": [ { "id": "v1", "name": "Betrag", "typeName": "String" } ],
              "root": { "id": "F", "type": "Elsa.Flowchart", "activities": [
                { "id": "Beginn", "type": "Elsa.Start", "canStartWorkflow": true },
                { "id": "Protokoll", "type": "Elsa.WriteLine", "text": {{Expr("Antrag eingegangen")}} },
                { "id": "Setzen", "type": "Elsa.SetVariable", "variable": { "id": "v1", "name": "Betrag" }, "value": {{Expr("42")}} },
                { "id": "Ausgabe", "type": "Elsa.SetOutput", "outputName": {{Expr("Ergebnis")}}, "outputValue": {{Expr("variables.Betrag", "JavaScript")}} },
                {{script}}
                { "id": "Ende", "type": "Elsa.End" } ],
                "connections": [
                  { "source": "Beginn", "target": "Protokoll", "sourcePort": "Done", "targetPort": "In" },
                  { "source": "Protokoll", "target": "Setzen", "sourcePort": "Done", "targetPort": "In" },
                  { "source": "Setzen", "target": "Ausgabe", "sourcePort": "Done", "targetPort": "In" },
                  {{last}} ] }
            }
            """;
    }

    private static DefinitionSet Read(bool withScript)
    {
        var set = ElsaReader.ReadText(Workflow("buchhaltung", withScript), "buchhaltung.json");
        Assert.False(set.HasErrors, string.Join("\n", set.Diagnostics));
        return set;
    }

    [Fact]
    public void Writeline_setvariable_and_setoutput_are_done_by_the_system_but_runjavascript_is_automated()
    {
        var process = Read(withScript: true).Processes[0];

        foreach (var id in new[] { "Protokoll", "Setzen", "Ausgabe" })
        {
            var node = process.FindNode(id)!;
            Assert.Equal(ActorKind.System, node.ActorKind);
            Assert.False(LedgerCalculator.IsPricedStep(node.Kind, node.ActorKind), id);
        }
        var script = process.FindNode("Rechnen")!;
        Assert.Equal(ActorKind.Automated, script.ActorKind);
        Assert.True(LedgerCalculator.IsPricedStep(script.Kind, script.ActorKind));
    }

    [Fact]
    public void A_bpmn_script_task_without_annotation_stays_an_automated_priced_step()
    {
        var set = BpmnReader.ReadText("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:scriptTask id="Skript" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
              </bpmn:process>
            </bpmn:definitions>
            """, "t.bpmn");
        var node = set.Processes[0].FindNode("Skript")!;

        Assert.Equal(ActorKind.Automated, node.ActorKind);
        Assert.True(LedgerCalculator.IsPricedStep(node.Kind, node.ActorKind));
        Assert.Contains(PricingCheck.Check(set.Processes, FactorSet.Default, AuthorityType.Kommune, At), d => d.Code == PricingCheck.CpuSecondsMissing);
    }

    [Fact]
    public void A_run_books_no_software_step_for_the_bookkeeping_and_still_books_the_script()
    {
        var set = Read(withScript: true);
        var clock = new VirtualClock(TestProcess.T0);
        using var engine = new WorkflowEngine(new EngineOptions { Clock = clock, ResolveProcess = set.FindProcess });
        var run = AutoRunner.Run(engine, clock, set.Processes[0]);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
        // The steps ran and are recorded (the case page lists them), by the system.
        Assert.All(run.Steps.Where(s => s.NodeId is "Protokoll" or "Setzen" or "Ausgabe"), s => Assert.Equal(ActorKind.System, s.Actor));
        Assert.Equal(3, run.Steps.Count(s => s.NodeId is "Protokoll" or "Setzen" or "Ausgabe"));

        var ledger = LedgerRuns.Price(set, run, FactorSet.Default);

        var entry = Assert.Single(ledger.Entries);
        Assert.Equal("Rechnen", entry.NodeId);
        Assert.Equal(ActorKind.Automated, entry.Actor);
    }

    [Fact]
    public void Pricing_a_bookkeeping_step_directly_is_refused_like_a_gateway()
    {
        var set = Read(withScript: false);
        var node = set.Processes[0].FindNode("Protokoll")!;
        var step = new StepEvent(Guid.NewGuid(), set.Processes[0].Id, 1, node.Id, node.Name, node.Kind, node.ActorKind, At, At, StepOutcome.Completed, null);

        Assert.Throws<ArgumentException>(() => LedgerCalculator.Price(step, node, "1", null, FactorSet.Default, AuthorityType.Kommune));
    }

    [Fact]
    public void The_pricing_check_asks_cpu_seconds_for_the_script_only()
    {
        var withScript = PricingCheck.Check(Read(withScript: true).Processes, FactorSet.Default, AuthorityType.Kommune, At);
        var without = PricingCheck.Check(Read(withScript: false).Processes, FactorSet.Default, AuthorityType.Kommune, At);

        Assert.Equal(["Rechnen"], withScript.Where(d => d.Code == PricingCheck.CpuSecondsMissing).Select(d => d.ElementId));
        Assert.Empty(without);
    }
}

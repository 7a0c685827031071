using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;

namespace Automation.Engine.Tests.Accounting;

public sealed class PricingCheckTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Diagnostic> Check(string body)
    {
        var set = BpmnReader.ReadText($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
              <bpmn:process id="p" isExecutable="true">{body}</bpmn:process>
            </bpmn:definitions>
            """, "t.bpmn");
        Assert.DoesNotContain(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return PricingCheck.Check(set.Processes, FactorSet.Default, AuthorityType.Kommune, At);
    }

    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(LedgerRuns.RepoRoot, "workflows"), "*.bpmn").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_sample_workflow_can_be_priced(string file)
    {
        var set = DefinitionReader.ReadFile(LedgerRuns.Workflow(file));
        var diagnostics = PricingCheck.Check(set.Processes, FactorSet.Default, AuthorityType.Kommune, At);
        Assert.True(diagnostics.All(d => d.Severity != DiagnosticSeverity.Error), string.Join(Environment.NewLine, diagnostics));
    }

    [Fact]
    public void A_dash_cell_is_an_error_at_the_element()
    {
        var d = Assert.Single(Check("""<bpmn:userTask id="Berechnen"><bpmn:extensionElements><am:effort activity="6" complexity="complex" payLevel="gehoben"/></bpmn:extensionElements></bpmn:userTask>"""));
        Assert.Equal((DiagnosticSeverity.Error, PricingCheck.ZeitwertUndefined, "Berechnen"), (d.Severity, d.Code, d.ElementId));
        Assert.Contains("6 Berechnungen, komplex", d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Position);
    }

    [Fact]
    public void Incomplete_or_missing_effort_and_missing_annotations_are_reported()
    {
        var d = Check("""
            <bpmn:userTask id="OhneAufwand"/>
            <bpmn:userTask id="Halb"><bpmn:extensionElements><am:effort activity="5"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:serviceTask id="Dienst"><bpmn:extensionElements><am:automation level="automated"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="Ki"><bpmn:extensionElements><am:automation level="decision-preparing" ai="true" cpuSeconds="1"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:startEvent id="Start"><bpmn:extensionElements><am:footprint letters="1"/></bpmn:extensionElements></bpmn:startEvent>
            """).Select(x => (x.ElementId, x.Code, x.Severity)).ToList();
        Assert.Contains(("OhneAufwand", PricingCheck.EffortMissing, DiagnosticSeverity.Warning), d);
        Assert.Contains(("Halb", PricingCheck.EffortIncomplete, DiagnosticSeverity.Error), d);
        Assert.Contains(("Halb", PricingCheck.PayLevelMissing, DiagnosticSeverity.Warning), d);
        Assert.Contains(("Dienst", PricingCheck.CpuSecondsMissing, DiagnosticSeverity.Warning), d);
        Assert.Contains(("Ki", PricingCheck.InferencesMissing, DiagnosticSeverity.Warning), d);
        Assert.Contains(("Start", PricingCheck.NotPriced, DiagnosticSeverity.Warning), d);
        Assert.Equal(6, d.Count);
    }

    [Fact]
    public void A_date_without_factors_is_an_error()
    {
        var set = DefinitionReader.ReadFile(LedgerRuns.Workflow("wohngeldantrag.bpmn"));
        var d = PricingCheck.Check(set.Processes, FactorSet.Default, AuthorityType.Kommune, new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains(d, x => x.Code == PricingCheck.FactorMissing && x.Message.Contains("grid.intensity valid on 2024-06-01", StringComparison.Ordinal));
    }

    [Fact]
    public void The_german_text_of_every_finding_names_its_step_or_factor()
    {
        var findings = Check("""
            <bpmn:userTask id="T1" name="Antrag prüfen"/>
            <bpmn:userTask id="T2" name="Halb erfasst"><bpmn:extensionElements><am:effort activity="5"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="T3" name="Rechnen"><bpmn:extensionElements><am:effort activity="6" complexity="complex" payLevel="gehoben"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:serviceTask id="T4" name="Abgleich"><bpmn:extensionElements><am:automation level="automated"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="T5" name="Zuordnen"><bpmn:extensionElements><am:automation level="decision-preparing" ai="true" cpuSeconds="1"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:startEvent id="S" name="Eingang"><bpmn:extensionElements><am:footprint letters="1"/></bpmn:extensionElements></bpmn:startEvent>
            """);
        var texts = findings.ToDictionary(d => (d.ElementId, d.Code), Texte.Diagnose);
        Assert.Contains("„Antrag prüfen“", texts[("T1", PricingCheck.EffortMissing)], StringComparison.Ordinal);
        Assert.Contains("„Halb erfasst“", texts[("T2", PricingCheck.EffortIncomplete)], StringComparison.Ordinal);
        Assert.Contains("„Halb erfasst“", texts[("T2", PricingCheck.PayLevelMissing)], StringComparison.Ordinal);
        Assert.Contains("(Schritt „Rechnen“)", texts[("T3", PricingCheck.ZeitwertUndefined)], StringComparison.Ordinal);
        Assert.Contains("„Abgleich“", texts[("T4", PricingCheck.CpuSecondsMissing)], StringComparison.Ordinal);
        Assert.Contains("„Zuordnen“", texts[("T5", PricingCheck.InferencesMissing)], StringComparison.Ordinal);
        Assert.Contains("„Eingang“", texts[("S", PricingCheck.NotPriced)], StringComparison.Ordinal);
        Assert.All(texts.Values, t => Assert.DoesNotContain("{", t, StringComparison.Ordinal));

        // A factor set without the labour-cost rows: the text names the set, the factor key and the German day.
        var withoutPay = FactorSet.FromVersions("ohne-lohn", null, FactorSet.Default.Versions.Where(v => !v.Key.StartsWith("lohnkosten", StringComparison.Ordinal)), []);
        var set = BpmnReader.ReadText("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
              <bpmn:process id="p"><bpmn:userTask id="T"><bpmn:extensionElements><am:effort minutes="5" payLevel="gehoben"/></bpmn:extensionElements></bpmn:userTask></bpmn:process>
            </bpmn:definitions>
            """, "t.bpmn");
        var missing = Assert.Single(PricingCheck.Check(set.Processes, withoutPay, AuthorityType.Kommune, At), d => d.ElementId == "T");
        Assert.Equal(PricingCheck.FactorMissing, missing.Code);
        Assert.Matches(@"^Im Faktorensatz ohne-lohn fehlt ein am 06\.01\.2025 gültiger Wert für lohnkosten\S+, den die Bilanz braucht\.$", Texte.Diagnose(missing));
    }
}

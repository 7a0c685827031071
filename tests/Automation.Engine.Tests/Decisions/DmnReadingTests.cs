using Automation.Engine.Decisions;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Decisions;

/// <summary>Issue 20, item 1: DMN 1.1–1.5 files read; what does not fit is a diagnostic with code, decision, rule, column and line.</summary>
public sealed class DmnReadingTests
{
    private static Diagnostic Single(DecisionModel model, string code) =>
        Assert.Single(model.Diagnostics, d => d.Code == code);

    private static int LineOf(string xml, string marker) =>
        xml[..xml.IndexOf(marker, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Theory]
    [InlineData("http://www.omg.org/spec/DMN/20151101/dmn.xsd")]
    [InlineData("http://www.omg.org/spec/DMN/20180521/MODEL/")]
    [InlineData("https://www.omg.org/spec/DMN/20191111/MODEL/")]
    [InlineData("https://www.omg.org/spec/DMN/20211108/MODEL/")]
    [InlineData("https://www.omg.org/spec/DMN/20230324/MODEL/")]
    public void Every_dmn_namespace_from_1_1_to_1_5_is_read(string ns)
    {
        var model = Dmn.Read(DmnSamples.Table("FIRST", "", ("< 5", "\"a\"")).Replace(DmnSamples.Dmn13, ns, StringComparison.Ordinal), "v.dmn");
        Assert.False(model.HasErrors, string.Join("\n", model.Diagnostics));
        Assert.Equal(["stufe"], model.Decisions.Select(d => d.Id));
    }

    [Fact]
    public void A_camunda_modeler_file_reads_without_findings()
    {
        var model = Dmn.Read(DmnSamples.Routing, "wohngeld.dmn");
        Assert.Empty(model.Diagnostics);
        var table = model.Find("pruefweg")!.Table!;
        Assert.Equal(HitPolicy.Unique, table.HitPolicy);
        Assert.Equal(3, table.Rules.Count);
        Assert.Equal("\"Erstantrag\",\"Weiterleistung\"", table.Inputs[2].AllowedValues);
    }

    [Fact]
    public void An_unknown_hit_policy_names_the_decision_the_policy_and_the_line()
    {
        var xml = DmnSamples.Table("SOMETIMES", "", ("< 5", "\"a\""));
        var d = Single(Dmn.Read(xml, "h.dmn"), DiagnosticCodes.DmnUnknownHitPolicy);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("stufe", d.ElementId);
        Assert.Equal(LineOf(xml, "<decisionTable"), d.Position!.Value.Line);
        Assert.Equal("h.dmn", d.File);
        Assert.Contains("„SOMETIMES“", Texte.Diagnose(d), StringComparison.Ordinal);
        Assert.Contains("„Stufe“", Texte.Diagnose(d), StringComparison.Ordinal);
    }

    [Fact]
    public void Feel_that_does_not_parse_names_decision_rule_column_and_line()
    {
        var xml = DmnSamples.Table("UNIQUE", "", ("< 5", "\"a\""), ("[5..", "\"b\""), (">= 10", "\"c\" +"));
        var model = Dmn.Read(xml, "f.dmn");
        var errors = model.Diagnostics.Where(d => d.Code == DiagnosticCodes.DmnFeelInvalid).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("r2", errors[0].ElementId);
        Assert.Equal(LineOf(xml, "[5.."), errors[0].Position!.Value.Line);
        var german = Texte.Diagnose(errors[0]);
        Assert.Contains("Regel 2 (r2)", german, StringComparison.Ordinal);
        Assert.Contains("Spalte „Betrag“", german, StringComparison.Ordinal);
        Assert.Contains("„[5..“", german, StringComparison.Ordinal);
        Assert.Equal("r3", errors[1].ElementId);
        Assert.Contains("Spalte „stufe“", Texte.Diagnose(errors[1]), StringComparison.Ordinal);
        Assert.Equal("Stufe", model.LabelsById()["r2"]);
    }

    [Fact]
    public void An_output_entry_outside_its_allowed_values_is_an_error_at_its_line()
    {
        var xml = DmnSamples.Table("PRIORITY", "\"hoch\",\"niedrig\"", ("< 5", "\"hoch\""), ("< 10", "\"mittel\""));
        var d = Single(Dmn.Read(xml, "o.dmn"), DiagnosticCodes.DmnOutputNotAllowed);
        Assert.Equal("r2", d.ElementId);
        Assert.Equal(LineOf(xml, "&quot;mittel"), d.Position!.Value.Line);
        Assert.Contains("\"mittel\"", Texte.Diagnose(d), StringComparison.Ordinal);
    }

    [Fact]
    public void Priority_without_output_values_cannot_order_and_is_an_error()
    {
        Single(Dmn.Read(DmnSamples.Table("PRIORITY", "", ("< 5", "\"hoch\"")), "p.dmn"), DiagnosticCodes.DmnPriorityWithoutValues);
    }

    [Fact]
    public void A_rule_with_too_few_entries_is_an_error_not_a_crash()
    {
        var xml = DmnSamples.Routing.Replace("<inputEntry id=\"e9\"><text>-</text></inputEntry>", "", StringComparison.Ordinal);
        var d = Single(Dmn.Read(xml, "r.dmn"), DiagnosticCodes.DmnRuleEntries);
        Assert.Equal("Rule_ab", d.ElementId);
    }

    [Fact]
    public void A_missing_required_decision_and_a_cycle_are_errors_naming_the_decisions()
    {
        var missing = DmnSamples.Graph.Replace("<requiredDecision href=\"#punkte\"/>", "<requiredDecision href=\"#punktzahl\"/>", StringComparison.Ordinal);
        var m = Single(Dmn.Read(missing, "g.dmn"), DiagnosticCodes.DmnRequiredDecisionMissing);
        Assert.Equal("bescheid", m.ElementId);
        Assert.Equal(LineOf(missing, "<decision id=\"bescheid\""), m.Position!.Value.Line);
        Assert.Contains("„punktzahl“", Texte.Diagnose(m), StringComparison.Ordinal);

        var cyclic = DmnSamples.Graph.Replace("<requiredInput href=\"#in_alter\"/>", "<requiredDecision href=\"#bescheid\"/>", StringComparison.Ordinal);
        var c = Single(Dmn.Read(cyclic, "c.dmn"), DiagnosticCodes.DmnDecisionCycle);
        var german = Texte.Diagnose(c);
        Assert.Contains("Basis", german, StringComparison.Ordinal);
        Assert.Contains("Bescheid", german, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_expression_languages_and_boxed_logic_are_reported_not_guessed()
    {
        var juel = DmnSamples.Camunda7.Replace("<inputExpression id=\"ie1\" typeRef=\"integer\">", "<inputExpression id=\"ie1\" typeRef=\"integer\" expressionLanguage=\"juel\">", StringComparison.Ordinal);
        Assert.Contains("„juel“", Texte.Diagnose(Single(Dmn.Read(juel, "j.dmn"), DiagnosticCodes.DmnLanguageUnsupported)), StringComparison.Ordinal);
        var boxed = DmnSamples.Graph.Replace("<literalExpression><text>Alter * 2</text></literalExpression>", "<context/>", StringComparison.Ordinal);
        Assert.Equal("basis", Single(Dmn.Read(boxed, "b.dmn"), DiagnosticCodes.DmnLogicUnsupported).ElementId);
    }

    [Fact]
    public void Hostile_or_foreign_xml_is_a_diagnostic_never_an_exception()
    {
        Assert.Contains(Dmn.Read("<!DOCTYPE x [<!ENTITY a \"b\">]><definitions/>", "dtd.dmn").Diagnostics, d => d.Code == DiagnosticCodes.DtdProhibited);
        Assert.Contains(Dmn.Read("<definitions", "cut.dmn").Diagnostics, d => d.Code == DiagnosticCodes.MalformedXml);
        var bpmn = Dmn.Read("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>", "p.bpmn");
        Assert.Equal(DiagnosticCodes.DmnNotDmn, Assert.Single(bpmn.Diagnostics).Code);
        var deep = "<definitions xmlns=\"" + DmnSamples.Dmn13 + "\">" + string.Concat(Enumerable.Repeat("<x>", 5000)) + string.Concat(Enumerable.Repeat("</x>", 5000)) + "</definitions>";
        Assert.Contains(Dmn.Read(deep, "deep.dmn").Diagnostics, d => d.Code == DiagnosticCodes.NestingTooDeep);
        var duplicate = DmnSamples.Graph.Replace("<decision id=\"punkte\"", "<decision id=\"basis\"", StringComparison.Ordinal);
        Assert.Contains(Dmn.Read(duplicate, "dup.dmn").Diagnostics, d => d.Code == DiagnosticCodes.DuplicateId);
    }

    [Fact]
    public void Thousands_of_decisions_with_spaced_names_read_in_time_linear_in_the_file()
    {
        // Every cell used to get every declared name, and the FEEL lexer tries each at every name start: 20,000 such
        // decisions took over 200 s. Names sharing their first word are the worst case for the lookup.
        const int count = 20_000;
        var xml = $"<definitions xmlns=\"{DmnSamples.Dmn13}\" id=\"c\">" + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"<decision id=\"d{i}\" name=\"Ent scheidung {i}\"><literalExpression><text>Ent scheidung {(i + 1) % count} + 1</text></literalExpression></decision>"))
            + "</definitions>";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = Dmn.Read(xml, "viele.dmn");
        watch.Stop();
        Assert.Equal(count, model.Decisions.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"reading took {watch.Elapsed.TotalSeconds:F1} s");
        // The spaced names were still recognised as names.
        Assert.DoesNotContain(model.Diagnostics, d => d.Code == DiagnosticCodes.DmnExpressionInvalid);
        var sum = Assert.IsType<Automation.Engine.Expressions.Feel.BinaryNode>(model.Find("d0")!.Compiled);
        Assert.Equal(new Automation.Engine.Expressions.Feel.NameNode("Ent scheidung 1"), sum.Left);
    }
}

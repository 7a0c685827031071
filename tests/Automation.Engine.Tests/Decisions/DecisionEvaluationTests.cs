using Automation.Engine.Decisions;
using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Feel;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Decisions;

/// <summary>Issue 20, items 1 and 2: hit policies, compound outputs, required decisions, explanations and typed failures.</summary>
public sealed class DecisionEvaluationTests
{
    private static DecisionModel Read(string xml)
    {
        var model = Dmn.Read(xml, "test.dmn");
        Assert.False(model.HasErrors, string.Join("\n", model.Diagnostics));
        return model;
    }

    private static object? Decide(string xml, object? betrag) =>
        DecisionEvaluator.Evaluate(Read(xml), "stufe", new Dictionary<string, object?> { ["betrag"] = betrag }).Value;

    private static readonly (string, string)[] Overlapping = [("< 10", "\"klein\""), ("< 100", "\"mittel\""), ("-", "\"gross\"")];

    [Fact]
    public void Unique_returns_the_one_matching_rule_and_refuses_two_naming_the_decision_and_both_rules()
    {
        var xml = DmnSamples.Table("UNIQUE", "", ("< 10", "\"klein\""), ("[10..100)", "\"mittel\""), ("> 50", "\"gross\""));
        Assert.Equal("klein", Decide(xml, 5));
        Assert.Equal("gross", Decide(xml, 150));
        Assert.Null(Decide(xml, null));
        var failure = Assert.Throws<DecisionException>(() => Decide(xml, 60));
        Assert.Equal(DiagnosticCodes.DmnUniqueViolation, failure.Code);
        Assert.Equal("stufe", failure.DecisionId);
        Assert.Equal(["r2", "r3"], failure.RuleIds);
        var german = Texte.Entscheidungsfehler(failure);
        Assert.Contains("„Stufe“", german, StringComparison.Ordinal);
        Assert.Contains("2 (r2), 3 (r3)", german, StringComparison.Ordinal);
    }

    [Fact]
    public void First_takes_the_first_match_in_rule_order()
    {
        var xml = DmnSamples.Table("FIRST", "", Overlapping);
        Assert.Equal("klein", Decide(xml, 5));
        Assert.Equal("mittel", Decide(xml, 50));
        Assert.Equal("gross", Decide(xml, 500));
    }

    [Fact]
    public void Any_accepts_equal_outputs_and_refuses_different_ones()
    {
        var xml = DmnSamples.Table("ANY", "", ("< 10", "\"ja\""), ("< 20", "\"ja\""), ("[15..30]", "\"nein\""));
        Assert.Equal("ja", Decide(xml, 5));
        var failure = Assert.Throws<DecisionException>(() => Decide(xml, 16));
        Assert.Equal(DiagnosticCodes.DmnAnyViolation, failure.Code);
        Assert.Equal(["r2", "r3"], failure.RuleIds);
    }

    [Fact]
    public void Priority_and_output_order_follow_the_order_of_the_output_values_not_the_rules()
    {
        const string values = "\"gross\",\"mittel\",\"klein\"";
        Assert.Equal("gross", Decide(DmnSamples.Table("PRIORITY", values, Overlapping), 5));
        Assert.Equal("mittel", Decide(DmnSamples.Table("PRIORITY", values, Overlapping[..2]), 5));
        Assert.Equal(new List<object?> { "gross", "mittel", "klein" }, Decide(DmnSamples.Table("OUTPUT ORDER", values, Overlapping), 5));
        Assert.Equal(new List<object?> { "klein", "mittel", "gross" }, Decide(DmnSamples.Table("RULE ORDER", values, Overlapping), 5));
    }

    [Fact]
    public void Collect_lists_and_aggregates_sum_min_max_count()
    {
        (string, string)[] rules = [("> 1", "100"), ("> 2", "200"), ("> 3", "300"), ("> 5", "500")];
        Assert.Equal(new List<object?> { 100m, 200m, 300m }, Decide(DmnSamples.Table("COLLECT", "", rules), 4));
        Assert.Equal(600m, Decide(DmnSamples.Table("COLLECT SUM", "", rules), 4));
        Assert.Equal(100m, Decide(DmnSamples.Table("COLLECT MIN", "", rules), 4));
        Assert.Equal(300m, Decide(DmnSamples.Table("COLLECT MAX", "", rules), 4));
        Assert.Equal(3m, Decide(DmnSamples.Table("COLLECT COUNT", "", rules), 4));
        Assert.Equal(0m, Decide(DmnSamples.Table("COLLECT COUNT", "", rules), 0));
        Assert.Null(Decide(DmnSamples.Table("COLLECT SUM", "", rules), 0));
    }

    [Fact]
    public void Compound_outputs_give_a_row_by_name_and_the_explanation_says_why()
    {
        var model = Read(DmnSamples.Routing);
        var result = DecisionEvaluator.Evaluate(model, "pruefweg", new Dictionary<string, object?> { ["einkommen"] = 2000, ["haushalt"] = 3, ["art"] = "Erstantrag" });
        var value = Assert.IsType<Dictionary<string, object?>>(result.Value);
        Assert.Equal("Sachbearbeitung", value["weg"]);
        Assert.Equal(21m, value["frist"]);
        Assert.Equal("Sachbearbeitung", Assert.Single(result.Rows)["weg"]);
        var why = Assert.Single(result.Explanations);
        Assert.Equal("UNIQUE", why.HitPolicy);
        Assert.Equal(["Monatseinkommen", "Haushaltsgröße", "Antragsart"], why.Inputs.Select(i => i.Label));
        Assert.Equal([2000m, 3m, "Erstantrag"], why.Inputs.Select(i => i.Value));
        var rule = Assert.Single(why.MatchedRules);
        Assert.Equal((2, "Rule_sb", "Erstantrag prüft ein Mensch"), (rule.Index, rule.Id, rule.Annotation));
        Assert.Equal(21m, rule.Outputs["frist"]);
    }

    [Fact]
    public void Camunda7_files_read_with_the_input_variable_and_descriptions()
    {
        var model = Read(DmnSamples.Camunda7);
        var big = DecisionEvaluator.Evaluate(model, "gebuehr_decision", new Dictionary<string, object?> { ["anzahlSeiten"] = 150 });
        Assert.Equal(50m, big.Value);
        Assert.Equal("Großauftrag", Assert.Single(Assert.Single(big.Explanations).MatchedRules).Annotation);
        Assert.Equal(5m, DecisionEvaluator.Evaluate(model, "gebuehr_decision", new Dictionary<string, object?> { ["anzahlSeiten"] = 10 }).Value);
    }

    [Fact]
    public void Required_decisions_are_evaluated_first_and_each_once()
    {
        var model = Read(DmnSamples.Graph);
        Assert.Equal("bescheid", model.DefaultDecision!.Id);
        var result = DecisionEvaluator.Evaluate(model, "bescheid", new Dictionary<string, object?> { ["Alter"] = 60 });
        // Basis 120 → Punkte 121, Zuschlag 10 → 131.
        Assert.Equal(131m, result.Value);
        var order = result.Explanations.Select(e => e.DecisionId).ToList();
        Assert.Equal(4, order.Count);
        Assert.Equal(4, order.Distinct().Count());
        Assert.Equal("basis", order[0]);
        Assert.Equal("bescheid", order[^1]);
        Assert.Equal(["z1"], result.Explanations.Single(e => e.DecisionId == "zuschlag").MatchedRules.Select(r => r.Id));
    }

    [Fact]
    public void An_unknown_decision_and_a_model_with_errors_are_typed_failures()
    {
        var unknown = Assert.Throws<DecisionException>(() => DecisionEvaluator.Evaluate(Read(DmnSamples.Graph), "gibtsnicht", new Dictionary<string, object?>()));
        Assert.Equal(DiagnosticCodes.DmnDecisionUnknown, unknown.Code);
        Assert.Contains("„gibtsnicht“", Texte.Entscheidungsfehler(unknown), StringComparison.Ordinal);
        var broken = Dmn.Read(DmnSamples.Table("SOMETIMES", "", ("< 1", "1")), "kaputt.dmn");
        var invalid = Assert.Throws<DecisionException>(() => DecisionEvaluator.Evaluate(broken, "stufe", new Dictionary<string, object?>()));
        Assert.Equal(DiagnosticCodes.DmnModelInvalid, invalid.Code);
    }

    [Fact]
    public void An_output_expression_that_runs_away_stops_with_a_typed_failure()
    {
        var xml = DmnSamples.Table("FIRST", "", ("-", "sum(for i in 1..1000000000 return i)"));
        var failure = Assert.Throws<DecisionException>(() => DecisionEvaluator.Evaluate(Read(xml), "stufe", new Dictionary<string, object?> { ["betrag"] = 1 },
            ScriptLimits.Default with { MaxStatements = 100_000 }));
        Assert.Equal(DiagnosticCodes.DmnEvaluationStopped, failure.Code);
    }

    public static TheoryData<string> TestTexts() =>
    [
        "< 10", "<= 10", "> 10", ">= 10", "[1..10]", "(1..10)", "]1..10[", "[1..10)", "10", "-10", "= 10", "!= 10", "not(10)", "not(< 5, > 20)",
        "1, 5, 10", "\"a\"", "\"a\",\"b\"", "not(\"a\")", "-", "< -3", "[\"a\"..\"m\"]", "? > 3", "null", "= null",
    ];

    [Theory]
    [MemberData(nameof(TestTexts))]
    public void Compiled_tests_decide_exactly_as_the_feel_interpreter(string text)
    {
        // The constant fast path must never differ from FEEL's unary-test semantics, for every kind of input.
        object?[] inputs = [null, -10m, -3m, 0m, 1m, 5m, 9.99m, 10m, 10.5m, 20m, 100m, "a", "b", "n", "10", true, false, new DateOnly(2024, 1, 1)];
        var compiled = UnaryTest.Parse(text, []);
        var interpreted = FeelUnaryTests.Parse(text);
        var empty = new Dictionary<string, object?>();
        foreach (var input in inputs)
        {
            var expected = interpreted.Matches(input, empty);
            var actual = compiled.Matches(input, Scope.Root(empty), new FeelRuntime(ScriptLimits.Default), null);
            Assert.True(expected == actual, $"{text} with {input ?? "null"}: interpreter {expected}, compiled {actual}");
        }
    }

    [Fact]
    public void No_matching_rule_gives_the_default_outputs_when_declared()
    {
        var xml = DmnSamples.Table("UNIQUE", "", ("< 10", "\"klein\"")).Replace("<output id=\"o1\" name=\"stufe\" typeRef=\"string\">",
            "<output id=\"o1\" name=\"stufe\" typeRef=\"string\"><defaultOutputEntry><text>\"unbekannt\"</text></defaultOutputEntry>", StringComparison.Ordinal);
        var result = DecisionEvaluator.Evaluate(Read(xml), "stufe", new Dictionary<string, object?> { ["betrag"] = 50 });
        Assert.Equal("unbekannt", result.Value);
        Assert.Equal("unbekannt", Assert.Single(result.Rows)["stufe"]);
        Assert.Empty(Assert.Single(result.Explanations).MatchedRules);
    }

    [Fact]
    public void A_long_chain_of_required_decisions_neither_overflows_the_stack_nor_hides_a_cycle()
    {
        const int length = 3000;
        string Chain(bool closed) => $"""
            <definitions xmlns="{DmnSamples.Dmn13}" id="c" name="Kette" namespace="http://example.org">
            """ + string.Concat(Enumerable.Range(0, length).Select(i =>
                $"<decision id=\"d{i}\" name=\"D{i}\">"
                + (i + 1 < length || closed ? $"<informationRequirement><requiredDecision href=\"#d{(i + 1) % length}\"/></informationRequirement>" : "")
                + (i + 1 < length || closed ? $"<literalExpression><text>D{(i + 1) % length} + 1</text></literalExpression>" : "<literalExpression><text>0</text></literalExpression>")
                + "</decision>")) + "</definitions>";
        var open = Read(Chain(closed: false));
        var result = DecisionEvaluator.Evaluate(open, "d0", new Dictionary<string, object?>());
        Assert.Equal(length, result.Explanations.Count);
        Assert.Equal((decimal)(length - 1), result.Value);
        Assert.Contains(Dmn.Read(Chain(closed: true), "kreis.dmn").Diagnostics, d => d.Code == DiagnosticCodes.DmnDecisionCycle);
    }

    [Fact]
    public void One_model_evaluates_the_same_on_many_threads_at_once()
    {
        var model = Read(DmnSamples.Routing);
        var failures = 0;
        Parallel.For(0, 20_000, i =>
        {
            var einkommen = i % 4000;
            var expected = einkommen >= 3000 ? "Ablehnung" : "Sachbearbeitung";
            var value = (Dictionary<string, object?>)DecisionEvaluator.Evaluate(model, "pruefweg",
                new Dictionary<string, object?> { ["einkommen"] = einkommen, ["haushalt"] = 2, ["art"] = "Erstantrag" }).Value!;
            if ((string?)value["weg"] != expected) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }
}

using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Feel;

namespace Automation.Engine.Tests.Feel;

/// <summary>The FEEL interpreter on its own: semantics the process models rely on, errors, names, limits.</summary>
public sealed class FeelExpressionTests
{
    private static object? Eval(string text, Dictionary<string, object?>? variables = null, List<string>? warnings = null) =>
        FeelExpression.Parse(text, variables?.Keys).Evaluate(variables ?? [], warnings);

    private static string Show(string text, Dictionary<string, object?>? variables = null) => Builtins.ToText(Eval(text, variables));

    [Theory]
    [InlineData("risk = \"red\"", "green", false)]
    [InlineData("risk = \"red\"", "red", true)]
    [InlineData("risk != \"red\"", "green", true)]
    public void Equality_compares_and_never_assigns(string condition, string risk, bool expected)
    {
        var variables = new Dictionary<string, object?> { ["risk"] = risk };
        Assert.Equal(expected, Eval(condition, variables));
        Assert.Equal(risk, variables["risk"]);
    }

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("1 / 4", "0.25")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("-(3 - 5)", "2")]
    [InlineData("\"a\" + \"b\"", "ab")]
    [InlineData("if 1 > 2 then \"x\" else \"y\"", "y")]
    [InlineData("for x in [1, 2, 3] return x * x", "[1, 4, 9]")]
    [InlineData("for x in 1..3, y in [10, 20] return x + y", "[11, 21, 12, 22, 13, 23]")]
    [InlineData("for i in 0..4 return if i = 0 then 1 else i * partial[-1]", "[1, 1, 2, 6, 24]")]
    [InlineData("some x in [1, 5, 9] satisfies x > 8", "true")]
    [InlineData("every x in [1, 5, 9] satisfies x > 8", "false")]
    [InlineData("[1, 2, 3, 4][item > 2]", "[3, 4]")]
    [InlineData("[1, 2, 3, 4][-1]", "4")]
    [InlineData("[{a: 1}, {a: 2}][a > 1].a", "[2]")]
    [InlineData("{x: 1, y: x + 1}.y", "2")]
    [InlineData("(function(a, b) a + b)(2, 3)", "5")]
    [InlineData("{f: function(n) if n <= 1 then 1 else n * f(n - 1)}.f(5)", "120")]
    [InlineData("5 between 1 and 10", "true")]
    [InlineData("5 in [1..5)", "false")]
    [InlineData("5 in (1, 5, 9)", "true")]
    [InlineData("5 in < 10", "true")]
    [InlineData("\"b\" instance of string", "true")]
    [InlineData("[1, 2] instance of list<number>", "true")]
    [InlineData("date(\"2024-02-28\") + duration(\"P1D\")", "2024-02-29")]
    [InlineData("date and time(\"2024-03-31T12:00:00\") - date and time(\"2024-03-30T06:00:00\")", "P1DT6H")]
    [InlineData("@\"2024-01-31\" + @\"P1M\"", "2024-02-29")]
    [InlineData("date(\"2024-05-17\").weekday", "5")]
    [InlineData("string length(\"Straße\")", "6")]
    [InlineData("substring(\"foobar\", -3, 2)", "ba")]
    [InlineData("upper case(\"abc\")", "ABC")]
    [InlineData("replace(\"abc\", \"b\", \"x\")", "axc")]
    [InlineData("sort([3, 1, 2], function(x, y) x > y)", "[3, 2, 1]")]
    [InlineData("sum([1, 2, 3])", "6")]
    [InlineData("max(1, 7, 3)", "7")]
    [InlineData("distinct values([1, 2, 1])", "[1, 2]")]
    [InlineData("round half up(2.5, 0)", "3")]
    [InlineData("decimal(2.5, 0)", "2")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("modulo(-12, 5)", "3")]
    [InlineData("sqrt(16)", "4")]
    [InlineData("get value({a: 1}, \"a\")", "1")]
    [InlineData("context put({a: 1}, \"b\", 2)", "{a: 1, b: 2}")]
    [InlineData("before(1, [2..5])", "true")]
    [InlineData("string(date and time(\"2024-01-01T10:00:00@Europe/Berlin\"))", "2024-01-01T10:00:00@Europe/Berlin")]
    [InlineData("substring(string: \"abc\", start position: 2)", "bc")]
    [InlineData("1 + /* Kommentar */ 1 // Ende", "2")]
    [InlineData("[18..21[ = range(\"[18..21[\")", "true")]
    [InlineData("upper case([\"bob\"])", "BOB")]
    [InlineData("{foo+bar: 1}", "{foo+bar: 1}")]
    public void Evaluates_FEEL(string text, string expected) => Assert.Equal(expected, Show(text));

    [Theory]
    [InlineData("true and null", null)]
    [InlineData("false and null", false)]
    [InlineData("true or null", true)]
    [InlineData("false or null", null)]
    [InlineData("not(null)", null)]
    public void Logic_is_three_valued(string text, bool? expected) => Assert.Equal(expected, Eval(text));

    [Fact]
    public void Names_with_spaces_and_operator_characters_resolve_against_the_variables()
    {
        var variables = new Dictionary<string, object?> { ["Monthly Salary"] = 3000, ["Loan-Amount"] = 500m, ["Loan"] = 1m, ["Amount"] = 1m };
        Assert.Equal(3500m, Eval("Monthly Salary + Loan-Amount", variables));
        Assert.Equal(0m, FeelExpression.Parse("Loan - Amount").Evaluate(variables));
    }

    [Fact]
    public void Host_values_become_FEEL_values()
    {
        var variables = new Dictionary<string, object?>
        {
            ["betrag"] = 1200,
            ["quote"] = 0.5,
            ["antrag"] = new Dictionary<string, object?> { ["art"] = "Neu", ["posten"] = new List<object?> { 1L, 2L } },
        };
        Assert.Equal(600m, Eval("betrag * quote", variables));
        Assert.Equal(3m, Eval("sum(antrag.posten)", variables));
        Assert.Equal(true, Eval("antrag.art = \"Neu\"", variables));
    }

    [Theory]
    [InlineData("1 + \"a\"", "+")]
    [InlineData("1 / 0", "Division durch null")]
    [InlineData("unbekannt + 1", "Unbekannter Name „unbekannt“")]
    [InlineData("substring(1, 2)", "substring")]
    [InlineData("[1, 2][5]", "Position 5")]
    [InlineData("1 < \"a\"", "nicht vergleichbar")]
    public void Errors_are_null_with_a_German_warning(string text, string warning)
    {
        var warnings = new List<string>();
        Assert.Null(Eval(text, warnings: warnings));
        Assert.Contains(warnings, w => w.Contains(warning, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1 +", 1, 4)]
    [InlineData("if x then 1", 1, 12)]
    [InlineData("{a: 1,\n a: 2}", 2, 2)]
    [InlineData("\"offen", 1, 1)]
    [InlineData("1 + # 2", 1, 5)]
    [InlineData("@\"2024-13-01\"", 1, 1)]
    public void Syntax_errors_name_line_and_column_in_German(string text, int line, int column)
    {
        var e = Assert.Throws<FeelParseException>(() => FeelExpression.Parse(text));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"FEEL-Syntaxfehler in Zeile {line}, Spalte {column}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runaway_loop_stops_at_the_step_limit_instead_of_filling_memory()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ScriptException>(() => Eval("for x in 1..1000000000 return x"));
        Assert.Equal(ScriptFailure.Statements, e.Failure);
        Assert.Contains("Schritte", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 512L * 1024 * 1024, "the loop allocated far more than its budget");
    }

    [Fact]
    public void The_step_limit_is_the_engines_script_limit()
    {
        var tight = ScriptLimits.Default with { MaxStatements = 1_000 };
        Assert.Throws<ScriptException>(() => FeelExpression.Parse("for x in 1..10000 return x").Evaluate(new Dictionary<string, object?>(), limits: tight));
        Assert.Equal(100, ((List<object?>)FeelExpression.Parse("for x in 1..100 return x").Evaluate(new Dictionary<string, object?>(), limits: tight)!).Count);
    }

    [Fact]
    public void Unbounded_recursion_stops_at_the_recursion_limit()
    {
        var e = Assert.Throws<ScriptException>(() => Eval("{f: function(n) f(n + 1)}.f(0)"));
        Assert.Equal(ScriptFailure.Recursion, e.Failure);
    }

    [Fact]
    public void Deeply_nested_text_is_refused_while_parsing()
    {
        var text = new string('(', 5000) + "1" + new string(')', 5000);
        Assert.Throws<FeelParseException>(() => FeelExpression.Parse(text));
    }

    [Theory]
    [InlineData("< 5", 3, true)]
    [InlineData("< 5", 5, false)]
    [InlineData("[1..10]", 10, true)]
    [InlineData("(1..10)", 10, false)]
    [InlineData("1, 3, 5", 3, true)]
    [InlineData("not(1, 3)", 3, false)]
    [InlineData("not(1, 3)", 4, true)]
    [InlineData("-", 42, true)]
    [InlineData("? > 2 and ? < 4", 3, true)]
    [InlineData(">= grenze", 7, true)]
    [InlineData("\"a\", \"b\"", "b", true)]
    public void Unary_tests_match_inputs(string tests, object input, bool expected)
    {
        var variables = new Dictionary<string, object?> { ["grenze"] = 7 };
        Assert.Equal(expected, FeelUnaryTests.Parse(tests).Matches(input, variables));
    }

    [Theory]
    [InlineData("> > 100", 3)]
    [InlineData(">= < 5", 4)]
    [InlineData("1, < = 2", 6)]
    [InlineData("5 in > > 3", 8)]
    public void A_comparison_with_a_comparison_instead_of_a_value_is_a_syntax_error_at_the_second_operator(string tests, int column)
    {
        var e = Assert.Throws<FeelParseException>(() => tests.Contains(" in ", StringComparison.Ordinal) ? FeelExpression.Parse(tests) : (object)FeelUnaryTests.Parse(tests));
        Assert.Equal((1, column), (e.Line, e.Column));
        Assert.Contains("wird ein Wert erwartet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unary_test_that_cannot_be_decided_does_not_match_even_when_negated()
    {
        Assert.False(FeelUnaryTests.Parse("< 5").Matches("text", new Dictionary<string, object?>()));
        Assert.False(FeelUnaryTests.Parse("not(< 5)").Matches("text", new Dictionary<string, object?>()));
    }
}

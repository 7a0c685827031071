using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Juel;

namespace Automation.Engine.Tests.Juel;

/// <summary>The JUEL subset for Camunda 7 models: what it evaluates, and the method calls it refuses.</summary>
public sealed class JuelExpressionTests
{
    private static readonly Dictionary<string, object?> Case = new()
    {
        ["betrag"] = 1500,
        ["risk"] = "green",
        ["approved"] = true,
        ["kommentar"] = "",
        ["quote"] = 0.25,
        ["antrag"] = new Dictionary<string, object?> { ["art"] = "Neu", ["posten"] = new List<object?> { 10L, 20L } },
        ["leer"] = new List<object?>(),
        ["nichts"] = null,
    };

    [Theory]
    [InlineData("${betrag > 1000}", true)]
    [InlineData("${betrag gt 1000 && risk == 'green'}", true)]
    [InlineData("${betrag le 1000 or risk eq \"red\"}", false)]
    [InlineData("${!approved}", false)]
    [InlineData("${not approved}", false)]
    [InlineData("${empty kommentar}", true)]
    [InlineData("${empty leer and empty nichts}", true)]
    [InlineData("${not empty antrag.posten}", true)]
    [InlineData("${antrag.art == 'Neu'}", true)]
    [InlineData("${antrag['art'] ne 'Alt'}", true)]
    [InlineData("${antrag.posten[1] == 20}", true)]
    [InlineData("#{betrag * quote == 375}", true)]
    [InlineData("${betrag == '1500'}", true)]
    [InlineData("${nichts == null}", true)]
    [InlineData("${risk != 'red'}", true)]
    public void Camunda_style_conditions(string text, bool expected) =>
        Assert.Equal(expected, JuelExpression.Parse(text).EvaluateCondition(Case));

    [Theory]
    [InlineData("${betrag + 1}", 1501)]
    [InlineData("${betrag / 4}", 375)]
    [InlineData("${7 % 4}", 3)]
    [InlineData("${7 mod 4}", 3)]
    [InlineData("${10 div 4}", 2.5)]
    [InlineData("${-betrag}", -1500)]
    [InlineData("${approved ? 1 : 2}", 1)]
    public void Arithmetic_and_ternary(string text, double expected) =>
        Assert.Equal((decimal)expected, JuelExpression.Parse(text).Evaluate(Case));

    [Fact]
    public void Text_around_expressions_is_a_template()
    {
        Assert.Equal("Antrag Neu über 1500 €", JuelExpression.Parse("Antrag ${antrag.art} über ${betrag} €").Evaluate(Case));
        Assert.Equal("green", JuelExpression.Parse("${risk}").Evaluate(Case));
    }

    [Theory]
    [InlineData("${execution.getVariable('betrag') > 1000}", "execution.getVariable(…)")]
    [InlineData("${bean.m()}", "bean.m(…)")]
    [InlineData("${approved && service.check(betrag)}", "service.check(…)")]
    [InlineData("${size(liste)}", "size(…)")]
    public void Method_calls_are_refused_when_parsing_and_the_message_names_the_call(string text, string call)
    {
        var e = Assert.Throws<JuelParseException>(() => JuelExpression.Parse(text));
        Assert.Equal("juel-method-call", e.Code);
        Assert.Contains($"„{call}“", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("JUEL-Fehler in Zeile 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${betrag >}", 11)]
    [InlineData("${betrag", 9)]
    [InlineData("${'offen}", 3)]
    [InlineData("betrag > 1000", 1)]
    [InlineData("${a ~ b}", 5)]
    public void Syntax_errors_name_the_column(string text, int column)
    {
        var e = Assert.Throws<JuelParseException>(() => JuelExpression.Parse(text));
        Assert.Equal("juel-syntax", e.Code);
        Assert.Equal(column, e.Column);
    }

    [Theory]
    [InlineData("${unbekannt > 1}", "Variable „unbekannt“")]
    [InlineData("${risk > 1}", "keine Zahl")]
    [InlineData("${betrag / 0}", "Division durch null")]
    [InlineData("${antrag.posten[5]}", "kein Element")]
    public void Runtime_errors_are_German_script_errors(string text, string message)
    {
        var e = Assert.Throws<ScriptException>(() => JuelExpression.Parse(text).Evaluate(Case));
        Assert.Equal(ScriptFailure.Runtime, e.Failure);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_is_not_boolean_is_an_error_not_true()
    {
        var e = Assert.Throws<ScriptException>(() => JuelExpression.Parse("${betrag}").EvaluateCondition(Case));
        Assert.Contains("Wahrheitswert", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_while_parsing()
    {
        var text = "${" + new string('(', 5000) + "1" + new string(')', 5000) + "}";
        Assert.Throws<JuelParseException>(() => JuelExpression.Parse(text));
    }
}

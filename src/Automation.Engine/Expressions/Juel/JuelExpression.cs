namespace Automation.Engine.Expressions.Juel;

/// <summary>A JUEL source was refused; the message is German and names line and column.</summary>
internal sealed class JuelParseException : Exception
{
    public JuelParseException(string code, string message, int line, int column)
        : base($"JUEL-Fehler in Zeile {line}, Spalte {column}: {message}")
    {
        Code = code;
        Line = line;
        Column = column;
    }

    public JuelParseException() : this("juel-syntax", "unbekannter Fehler", 1, 1) { }

    public JuelParseException(string message) : this("juel-syntax", message, 1, 1) { }

    public JuelParseException(string message, Exception inner) : base(message, inner) => Code = "juel-syntax";

    /// <summary><c>juel-syntax</c>, or <c>juel-method-call</c> for a method call the subset refuses.</summary>
    public string Code { get; }

    public int Line { get; } = 1;

    public int Column { get; } = 1;
}

/// <summary>
/// The JUEL subset Camunda 7 models use in conditions and mappings: <c>${var}</c>, <c>#{…}</c>, properties (<c>a.b</c>,
/// <c>a['b']</c>), <c>not</c>/<c>!</c>, <c>empty</c>, comparisons (also <c>eq ne lt gt le ge</c>), <c>&amp;&amp; || and or</c>,
/// arithmetic, literals and <c>? :</c>. Method calls (<c>${execution.getVariable('x')}</c>) are refused when parsing:
/// they would call into Java beans we do not have.
/// </summary>
internal sealed class JuelExpression
{
    private readonly IReadOnlyList<object> parts;

    private JuelExpression(string text, IReadOnlyList<object> parts)
    {
        Text = text;
        this.parts = parts;
    }

    public string Text { get; }

    /// <exception cref="JuelParseException">The text is not in the subset; the message names the position (and the call).</exception>
    public static JuelExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JuelExpression(text, JuelParser.ParseTemplate(text));
    }

    /// <summary>Evaluates; a single <c>${…}</c> gives its value, text around or between expressions gives a string.</summary>
    /// <exception cref="ScriptException">An identifier is unknown or an operand has the wrong type (German message).</exception>
    public object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (parts is [JuelNode single]) return JuelEvaluator.Eval(single, variables);
        return string.Concat(parts.Select(p => p is JuelNode node ? JuelEvaluator.Text(JuelEvaluator.Eval(node, variables)) : (string)p));
    }

    /// <summary>Evaluates a condition: the result must be a boolean (or the strings "true"/"false", as EL coerces).</summary>
    /// <exception cref="ScriptException">The result is not a boolean, or evaluation failed.</exception>
    public bool EvaluateCondition(IReadOnlyDictionary<string, object?> variables) =>
        JuelEvaluator.ToBoolean(Evaluate(variables), Text);
}

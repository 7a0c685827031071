namespace Automation.Engine.Reading.Bpmn;

/// <summary>
/// Normalises expressions written for other engines to the JavaScript text the engine evaluates:
/// JUEL's <c>${…}</c> / <c>#{…}</c> wrapper and FEEL's leading <c>=</c> are removed; the rest is kept as written.
/// </summary>
internal static class ExpressionText
{
    /// <summary>The expression without wrapper, trimmed; null when blank.</summary>
    public static string? Normalise(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if ((t.StartsWith("${", StringComparison.Ordinal) || t.StartsWith("#{", StringComparison.Ordinal)) && WrapperClosesAtEnd(t))
            t = t[2..^1].Trim();
        else if (t[0] == '=')
            t = t[1..].Trim();
        return t.Length == 0 ? null : t;
    }

    /// <summary>
    /// An assignment entry (assignee, candidate user or group) written as an expression: JUEL when <c>${…}</c>/<c>#{…}</c>
    /// stands anywhere in it (Camunda 7), FEEL when it starts with <c>=</c> (Camunda 8); null for a plain name.
    /// </summary>
    public static Model.DeclaredExpression? Assignment(string entry)
    {
        if (entry.Contains("${", StringComparison.Ordinal) || entry.Contains("#{", StringComparison.Ordinal))
            return new(entry, Model.ExpressionLanguage.Juel);
        return entry.TrimStart().StartsWith('=') && StripFeel(entry) is { } feel ? new(feel, Model.ExpressionLanguage.Feel) : null;
    }

    /// <summary>FEEL text without its leading '=', trimmed; null when blank.</summary>
    public static string? StripFeel(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (t[0] == '=') t = t[1..].Trim();
        return t.Length == 0 ? null : t;
    }

    /// <summary>
    /// Whether the brace opened at index 1 closes at the last character, so "${a} + ${b}" is not taken for one
    /// wrapped expression. Quoted strings are skipped so braces inside them do not count.
    /// </summary>
    private static bool WrapperClosesAtEnd(string t)
    {
        var depth = 0;
        for (var i = 1; i < t.Length; i++)
        {
            var c = t[i];
            if (c is '\'' or '"')
            {
                i = EndOfQuoted(t, i);
                if (i < 0) return false;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i == t.Length - 1;
            }
        }
        return false;
    }

    private static int EndOfQuoted(string t, int open)
    {
        for (var i = open + 1; i < t.Length; i++)
        {
            if (t[i] == '\\') i++;
            else if (t[i] == t[open]) return i;
        }
        return -1;
    }
}

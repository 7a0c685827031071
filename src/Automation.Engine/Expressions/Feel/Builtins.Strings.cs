using System.Text;
using System.Text.RegularExpressions;

namespace Automation.Engine.Expressions.Feel;

internal static partial class Builtins
{
    private static void AddStrings(Action<string, Signature> add)
    {
        add("substring", S(["string", "start position", "length?"], (r, a) =>
        {
            if (a[0] is not string s || Int(a[1]) is not { } start || (a[2] is not null && Int(a[2]) is null))
                return Fail(r, "substring() braucht eine Zeichenkette und ganze Zahlen.");
            var chars = CodePoints(s);
            var from = start > 0 ? start - 1 : chars.Count + start;
            if (start == 0 || from < 0 || from > chars.Count) return Fail(r, "substring(): Startposition außerhalb der Zeichenkette.");
            var length = a[2] is null ? chars.Count - from : Math.Min(Int(a[2])!.Value, chars.Count - from);
            if (length < 0) return Fail(r, "substring(): negative Länge.");
            return string.Concat(chars.Skip(from).Take(length));
        }));
        add("string length", S(["string"], (r, a) => a[0] is string s ? (decimal)CodePoints(s).Count : Fail(r, "string length() braucht eine Zeichenkette.")));
        add("upper case", S(["string"], (r, a) => a[0] is string s ? s.ToUpperInvariant() : Fail(r, "upper case() braucht eine Zeichenkette.")));
        add("lower case", S(["string"], (r, a) => a[0] is string s ? s.ToLowerInvariant() : Fail(r, "lower case() braucht eine Zeichenkette.")));
        add("substring before", S(["string", "match"], (r, a) => a[0] is string s && a[1] is string m
            ? (s.IndexOf(m, StringComparison.Ordinal) is var i and >= 0 ? s[..i] : "")
            : Fail(r, "substring before() braucht zwei Zeichenketten.")));
        add("substring after", S(["string", "match"], (r, a) => a[0] is string s && a[1] is string m
            ? (s.IndexOf(m, StringComparison.Ordinal) is var i and >= 0 ? s[(i + m.Length)..] : "")
            : Fail(r, "substring after() braucht zwei Zeichenketten.")));
        add("contains", S(["string", "match"], (r, a) => a[0] is string s && a[1] is string m
            ? s.Contains(m, StringComparison.Ordinal) : Fail(r, "contains() braucht zwei Zeichenketten.")));
        add("starts with", S(["string", "match"], (r, a) => a[0] is string s && a[1] is string m
            ? s.StartsWith(m, StringComparison.Ordinal) : Fail(r, "starts with() braucht zwei Zeichenketten.")));
        add("ends with", S(["string", "match"], (r, a) => a[0] is string s && a[1] is string m
            ? s.EndsWith(m, StringComparison.Ordinal) : Fail(r, "ends with() braucht zwei Zeichenketten.")));
        add("matches", S(["input", "pattern", "flags?"], (r, a) =>
            a[0] is string s && a[1] is string p && Pattern(r, p, a[2]) is { } regex ? regex.IsMatch(s) : Fail(r, "matches() braucht Zeichenketten und ein gültiges Muster.")));
        add("replace", S(["input", "pattern", "replacement", "flags?"], (r, a) =>
            a[0] is string s && a[1] is string p && a[2] is string replacement && Pattern(r, p, a[3]) is { } regex
                ? regex.Replace(s, Replacement(replacement))
                : Fail(r, "replace() braucht Zeichenketten und ein gültiges Muster.")));
        add("split", S(["string", "delimiter"], (r, a) =>
            a[0] is string s && a[1] is string p && Pattern(r, p, null) is { } regex
                ? regex.Split(s).Cast<object?>().ToList()
                : Fail(r, "split() braucht zwei Zeichenketten.")));
        add("string join", S(["list", "delimiter?"], (r, a) =>
        {
            if (a[0] is not List<object?> list || a[1] is not (null or string) || list.Any(i => i is not (null or string)))
                return Fail(r, "string join() braucht eine Liste von Zeichenketten.");
            return string.Join((string?)a[1] ?? "", list.OfType<string>());
        }));
    }

    private static List<string> CodePoints(string s)
    {
        var points = new List<string>();
        // Code points, not grapheme clusters: FEEL counts Unicode characters.
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                points.Add(s.Substring(i, 2));
                i++;
            }
            else points.Add(s[i].ToString());
        }
        return points;
    }

    /// <summary>An XML Schema regular expression with XPath flags (s, m, i, x, q) as a .NET regex under the script timeout.</summary>
    private static Regex? Pattern(FeelRuntime runtime, string pattern, object? flags)
    {
        if (flags is not (null or string)) return null;
        var options = RegexOptions.CultureInvariant;
        foreach (var flag in (string?)flags ?? "")
        {
            switch (flag)
            {
                case 's': options |= RegexOptions.Singleline; break;
                case 'm': options |= RegexOptions.Multiline; break;
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'x': options |= RegexOptions.IgnorePatternWhitespace; break;
                case 'q': pattern = Regex.Escape(pattern); break;
                default:
                    runtime.Warn($"Unbekanntes Flag „{flag}“ für reguläre Ausdrücke.");
                    return null;
            }
        }
        try
        {
            return new Regex(pattern, options, runtime.Limits.Timeout);
        }
        catch (ArgumentException e)
        {
            runtime.Warn($"Ungültiger regulärer Ausdruck „{pattern}“: {e.Message}");
            return null;
        }
    }

    /// <summary>XPath replacement strings use <c>$1</c> and <c>\$</c>; .NET uses <c>$1</c> and <c>$$</c>.</summary>
    private static string Replacement(string replacement)
    {
        var result = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\' && i + 1 < replacement.Length)
            {
                var next = replacement[++i];
                result.Append(next == '$' ? "$$" : next.ToString());
            }
            else if (c == '$' && i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]))
            {
                result.Append("${").Append(replacement[++i]).Append('}');
            }
            else result.Append(c);
        }
        return result.ToString();
    }
}

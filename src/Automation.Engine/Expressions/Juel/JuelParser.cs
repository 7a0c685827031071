using System.Globalization;
using System.Text;

namespace Automation.Engine.Expressions.Juel;

internal abstract record JuelNode;

internal sealed record JuelLiteral(object? Value) : JuelNode;

internal sealed record JuelIdentifier(string Name) : JuelNode;

internal sealed record JuelProperty(JuelNode Target, JuelNode Key) : JuelNode;

internal sealed record JuelUnary(string Operator, JuelNode Operand) : JuelNode;

internal sealed record JuelBinary(string Operator, JuelNode Left, JuelNode Right) : JuelNode;

internal sealed record JuelConditional(JuelNode Condition, JuelNode Then, JuelNode Else) : JuelNode;

/// <summary>Lexer and recursive-descent parser for the JUEL subset (EL 2.2 operator precedence).</summary>
internal sealed class JuelParser
{
    private const int MaxDepth = 200;

    private static readonly Dictionary<string, string> WordOperators = new(StringComparer.Ordinal)
    {
        ["and"] = "&&", ["or"] = "||", ["not"] = "!", ["eq"] = "==", ["ne"] = "!=", ["lt"] = "<", ["gt"] = ">",
        ["le"] = "<=", ["ge"] = ">=", ["div"] = "/", ["mod"] = "%", ["empty"] = "empty", ["instanceof"] = "instanceof",
    };

    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", "(", ")", "[", "]", ".", ",", "}"];

    private readonly string text;
    private readonly List<(string Kind, string Text, object? Value, int Offset)> tokens = [];
    private int at;
    private int depth;

    private JuelParser(string text, int start, out int end)
    {
        this.text = text;
        end = Lex(start);
    }

    /// <summary>Splits text into literal parts (strings) and <c>${…}</c>/<c>#{…}</c> expressions (nodes).</summary>
    public static List<object> ParseTemplate(string text)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 2 < text.Length && text[i + 1] is '$' or '#' && text[i + 2] == '{')
            {
                literal.Append(text[i + 1]);
                i += 2;
                continue;
            }
            if (text[i] is '$' or '#' && i + 1 < text.Length && text[i + 1] == '{')
            {
                if (literal.Length > 0) parts.Add(literal.ToString());
                literal.Clear();
                var parser = new JuelParser(text, i + 2, out var end);
                parts.Add(parser.Expression());
                if (parser.Current.Kind != "}") throw parser.Error("juel-syntax", $"„}}“ erwartet, gefunden: {parser.Show()}.");
                i = end;
                continue;
            }
            literal.Append(text[i++]);
        }
        if (literal.Length > 0) parts.Add(literal.ToString());
        if (!parts.Any(p => p is JuelNode)) throw new JuelParseException("juel-syntax", "Kein Ausdruck: erwartet wird ${…} oder #{…}.", 1, 1);
        return parts;
    }

    private (string Kind, string Text, object? Value, int Offset) Current => tokens[Math.Min(at, tokens.Count - 1)];

    private (int Line, int Column) Position(int offset)
    {
        var before = text.AsSpan(0, offset);
        return (1 + before.Count('\n'), offset - before.LastIndexOf('\n'));
    }

    private JuelParseException Error(string code, string message, int? offset = null)
    {
        var (line, column) = Position(offset ?? Current.Offset);
        return new JuelParseException(code, message, line, column);
    }

    private string Show() => Current.Kind switch
    {
        "end" => "dem Ende",
        _ => $"„{Current.Text}“",
    };

    /// <summary>Lexes from <paramref name="start"/> to the closing brace; returns the offset after it.</summary>
    private int Lex(int start)
    {
        var i = start;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(("end", "", null, i));
                return i;
            }
            var c = text[i];
            if (c == '}')
            {
                tokens.Add(("}", "}", null, i));
                return i + 1;
            }
            if (c is '\'' or '"')
            {
                var begin = i++;
                var value = new StringBuilder();
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    value.Append(text[i++]);
                }
                if (i >= text.Length) throw Error("juel-syntax", "Zeichenkette ohne schließendes Anführungszeichen.", begin);
                i++;
                tokens.Add(("literal", text[begin..i], value.ToString(), begin));
            }
            else if (char.IsAsciiDigit(c))
            {
                var begin = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))) i++;
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    i++;
                    if (i < text.Length && text[i] is '+' or '-') i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                if (!decimal.TryParse(text.AsSpan(begin, i - begin), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    throw Error("juel-syntax", $"Die Zahl {text[begin..i]} ist ungültig.", begin);
                tokens.Add(("literal", text[begin..i], number, begin));
            }
            else if (char.IsLetter(c) || c is '_' or '$')
            {
                var begin = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$')) i++;
                var word = text[begin..i];
                if (word is "true" or "false") tokens.Add(("literal", word, word == "true", begin));
                else if (word == "null") tokens.Add(("literal", word, null, begin));
                else if (WordOperators.TryGetValue(word, out var op)) tokens.Add(("op", op, word, begin));
                else tokens.Add(("name", word, null, begin));
            }
            else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                tokens.Add(("op", symbol, null, i));
                i += symbol.Length;
            }
            else throw Error("juel-syntax", $"Unerwartetes Zeichen „{c}“.", i);
        }
    }

    private bool Is(string op) => Current.Kind == "op" && Current.Text == op;

    private void Expect(string op)
    {
        if (!Is(op)) throw Error("juel-syntax", $"„{op}“ erwartet, gefunden: {Show()}.");
        at++;
    }

    private JuelNode Expression()
    {
        if (++depth > MaxDepth) throw Error("juel-syntax", $"Der Ausdruck ist tiefer als {MaxDepth} Ebenen verschachtelt.");
        try
        {
            var condition = Binary(0);
            if (!Is("?")) return condition;
            at++;
            var then = Expression();
            Expect(":");
            return new JuelConditional(condition, then, Expression());
        }
        finally
        {
            depth--;
        }
    }

    private static readonly string[][] Levels =
    [
        ["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"],
    ];

    private JuelNode Binary(int level)
    {
        if (level == Levels.Length) return Unary();
        var left = Binary(level + 1);
        while (Current.Kind == "op" && Levels[level].Contains(Current.Text))
        {
            var op = Current.Text;
            at++;
            left = new JuelBinary(op, left, Binary(level + 1));
        }
        if (Is("instanceof")) throw Error("juel-syntax", "„instanceof“ wird nicht unterstützt.");
        return left;
    }

    private JuelNode Unary()
    {
        if (Is("!") || Is("-") || Is("empty"))
        {
            var op = Current.Text;
            at++;
            if (++depth > MaxDepth) throw Error("juel-syntax", $"Der Ausdruck ist tiefer als {MaxDepth} Ebenen verschachtelt.");
            try
            {
                return new JuelUnary(op, Unary());
            }
            finally
            {
                depth--;
            }
        }
        return Suffixed();
    }

    private JuelNode Suffixed()
    {
        var start = Current.Offset;
        var node = Primary();
        var path = node is JuelIdentifier id ? id.Name : "…";
        while (true)
        {
            if (Is("."))
            {
                at++;
                if (Current.Kind != "name") throw Error("juel-syntax", $"Eigenschaftsname nach „.“ erwartet, gefunden: {Show()}.");
                path += "." + Current.Text;
                node = new JuelProperty(node, new JuelLiteral(Current.Text));
                at++;
            }
            else if (Is("["))
            {
                at++;
                var key = Expression();
                Expect("]");
                path += "[…]";
                node = new JuelProperty(node, key);
            }
            else if (Is("("))
            {
                throw Error("juel-method-call",
                    $"Der Methodenaufruf „{path}(…)“ wird nicht unterstützt: JUEL-Ausdrücke dürfen hier nur Variablen lesen, vergleichen und rechnen.", start);
            }
            else return node;
        }
    }

    private JuelNode Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case "literal":
                at++;
                return new JuelLiteral(token.Value);
            case "name":
                at++;
                return new JuelIdentifier(token.Text);
            case "op" when token.Text == "(":
                at++;
                var inner = Expression();
                Expect(")");
                return inner;
            case "end" or "}":
                throw Error("juel-syntax", "Ausdruck unvollständig.");
            default:
                throw Error("juel-syntax", $"Unerwartet: {Show()}.");
        }
    }
}

using System.Globalization;
using System.Text;

namespace Automation.Engine.Expressions.Feel;

internal enum TokenKind { Number, String, Name, Symbol, At, End }

internal sealed record Token(TokenKind Kind, string Text, int Line, int Column, decimal Number = 0);

/// <summary>A FEEL source did not parse; the message is German and names line and column.</summary>
internal sealed class FeelParseException : Exception
{
    public FeelParseException(string message, int line, int column)
        : base($"FEEL-Syntaxfehler in Zeile {line}, Spalte {column}: {message}")
    {
        Line = line;
        Column = column;
        Reason = message;
    }

    public FeelParseException() : this("unbekannter Fehler", 1, 1) { }

    public FeelParseException(string message) : this(message, 1, 1) { }

    public FeelParseException(string message, Exception inner) : base(message, inner) => Reason = message;

    public int Line { get; } = 1;

    public int Column { get; } = 1;

    /// <summary>The message without the position.</summary>
    public string Reason { get; } = "";
}

/// <summary>
/// Splits FEEL text into tokens. Names that contain spaces, keywords or operator characters (<c>date and time</c>,
/// <c>Loan-Amount</c>) are only one token when they are known: the built-ins and the names the caller declares.
/// Other names of several words are joined by the parser.
/// </summary>
internal static class Lexer
{
    private static readonly string[] Symbols = ["**", "..", "!=", "<=", ">=", "->", "+", "-", "*", "/", "=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?"];

    /// <summary>Names the lexer must know to keep them whole: they contain a keyword.</summary>
    internal static readonly string[] BuiltinNames = ["date and time", "years and months duration", "days and time duration",
        "index of", "day of year", "day of week", "month of year", "week of year"];

    public static List<Token> Tokenize(string text, IEnumerable<string>? knownNames)
    {
        var known = BuiltinNames.Concat(knownNames ?? [])
            .Where(n => n.Length > 0 && !IsPlainName(n))
            .Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).ToArray();
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    line++;
                    lineStart = i + 1;
                    i++;
                }
                else if (char.IsWhiteSpace(c)) i++;
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n') i++;
                }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
                {
                    var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0) throw new FeelParseException("Kommentar ohne Ende (*/ fehlt).", line, i - lineStart + 1);
                    for (var k = i; k < end; k++)
                        if (text[k] == '\n') { line++; lineStart = k + 1; }
                    i = end + 2;
                }
                else break;
            }
            var column = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", line, column));
                return tokens;
            }
            var ch = text[i];
            if (char.IsAsciiDigit(ch) || (ch == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    var e = i + 1;
                    if (e < text.Length && (text[e] == '+' || text[e] == '-')) e++;
                    if (e < text.Length && char.IsAsciiDigit(text[e]))
                    {
                        i = e;
                        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                    }
                }
                var literal = text[start..i];
                if (!decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    throw new FeelParseException($"Die Zahl {literal} ist zu groß.", line, column);
                tokens.Add(new Token(TokenKind.Number, literal, line, column, number));
            }
            else if (ch == '"' || (ch == '@' && i + 1 < text.Length && text[i + 1] == '"'))
            {
                var at = ch == '@';
                if (at) i++;
                var value = ReadString(text, ref i, line, column);
                tokens.Add(new Token(at ? TokenKind.At : TokenKind.String, value, line, column));
            }
            else if (IsNameStart(ch) && MatchKnown(text, i, known) is { } name)
            {
                i = name.End;
                tokens.Add(new Token(TokenKind.Name, name.Name, line, column));
            }
            else if (IsNameStart(ch))
            {
                var start = i;
                while (i < text.Length && IsNamePart(text[i])) i++;
                tokens.Add(new Token(TokenKind.Name, text[start..i], line, column));
            }
            else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol, line, column));
            }
            else throw new FeelParseException($"Unerwartetes Zeichen „{ch}“.", line, column);
        }
    }

    private static (string Name, int End)? MatchKnown(string text, int at, string[] known)
    {
        foreach (var name in known)
        {
            int i = at, k = 0;
            while (k < name.Length && i < text.Length)
            {
                if (name[k] == ' ')
                {
                    if (!char.IsWhiteSpace(text[i])) break;
                    while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                    k++;
                }
                else if (text[i] == name[k])
                {
                    i++;
                    k++;
                }
                else break;
            }
            if (k == name.Length && (i >= text.Length || !IsNamePart(text[i]))) return (name, i);
        }
        return null;
    }

    private static string ReadString(string text, ref int i, int line, int column)
    {
        i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length) throw new FeelParseException("Zeichenkette ohne schließendes Anführungszeichen.", line, column);
            var c = text[i++];
            if (c == '"') return value.ToString();
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (i >= text.Length) throw new FeelParseException("Zeichenkette endet mit \\.", line, column);
            var e = text[i++];
            switch (e)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'u' or 'U':
                    var digits = e == 'u' ? 4 : 6;
                    if (i + digits > text.Length || !int.TryParse(text.AsSpan(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw new FeelParseException("Ungültige Unicode-Escape-Sequenz.", line, column);
                    i += digits;
                    // \uD83D\uDC0E: FEEL writes characters beyond the BMP as two escaped surrogates too.
                    if (code is >= 0xD800 and <= 0xDFFF) value.Append((char)code);
                    else if (code <= 0x10FFFF) value.Append(char.ConvertFromUtf32(code));
                    else throw new FeelParseException("Ungültige Unicode-Escape-Sequenz.", line, column);
                    break;
                case '"' or '\\' or '\'': value.Append(e); break;
                // Other sequences stay as written: "\d" is a regular expression's digit class, not "d".
                default: value.Append('\\').Append(e); break;
            }
        }
    }

    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '?' || char.IsSurrogate(c);

    public static bool IsNamePart(char c) => IsNameStart(c) || char.IsDigit(c) || c == '\u00B7'
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    private static bool IsPlainName(string name) => name.All(IsNamePart) && IsNameStart(name[0]);
}

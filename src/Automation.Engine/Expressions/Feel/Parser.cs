namespace Automation.Engine.Expressions.Feel;

/// <summary>Recursive-descent parser for FEEL expressions and unary tests (DMN 1.4, chapter 10.3.1).</summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "between", "in", "instance", "of", "then", "else", "return", "satisfies", "if", "for", "some", "every",
        "function", "true", "false", "null", "external",
    };

    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal) { "=", "!=", "<", "<=", ">", ">=" };

    /// <summary>Deepest nesting the parser follows; deeper text is refused before the stack runs out.</summary>
    private const int MaxDepth = 200;

    private readonly List<Token> tokens;
    private int at;
    private int depth;

    /// <summary>Parsing the end of <c>[a..b[</c>: a <c>[</c> there closes the range instead of starting a filter.</summary>
    private bool intervalEnd;

    private Parser(List<Token> tokens) => this.tokens = tokens;

    public static Node ParseExpression(string text, IEnumerable<string>? knownNames)
    {
        var parser = new Parser(Lexer.Tokenize(text, knownNames));
        if (parser.Current.Kind == TokenKind.End) throw parser.Error("Der Ausdruck ist leer.");
        var node = parser.Expression();
        parser.ExpectEnd();
        return node;
    }

    /// <summary>Parses unary tests: <c>-</c>, <c>not(…)</c> or comma-separated positive tests.</summary>
    public static (IReadOnlyList<Node> Tests, bool Negated, bool Any) ParseUnaryTests(string text, IEnumerable<string>? knownNames)
    {
        var parser = new Parser(Lexer.Tokenize(text, knownNames));
        var p = parser;
        if (p.Current.Kind == TokenKind.End) throw p.Error("Der Test ist leer.");
        if (p.IsSymbol("-") && p.Peek(1).Kind == TokenKind.End) return ([], false, true);
        if (p.IsName("not") && p.Peek(1) is { Kind: TokenKind.Symbol, Text: "(" })
        {
            var save = p.at;
            p.at += 2;
            var inner = p.PositiveTests();
            if (p.IsSymbol(")") && p.Peek(1).Kind == TokenKind.End)
            {
                p.at++;
                return (inner, true, false);
            }
            p.at = save;
        }
        var tests = p.PositiveTests();
        p.ExpectEnd();
        return (tests, false, false);
    }

    private Token Current => tokens[at];

    private Token Peek(int offset) => tokens[Math.Min(at + offset, tokens.Count - 1)];

    private bool IsSymbol(string text) => Current.Kind == TokenKind.Symbol && Current.Text == text;

    private bool IsName(string text) => Current.Kind == TokenKind.Name && Current.Text == text;

    private FeelParseException Error(string message) => new(message, Current.Line, Current.Column);

    private static string Show(Token token) => token.Kind switch
    {
        TokenKind.End => "dem Ende",
        TokenKind.String => $"„\"{token.Text}\"“",
        _ => $"„{token.Text}“",
    };

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol)) throw Error($"„{symbol}“ erwartet, gefunden: {Show(Current)}.");
        at++;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!IsName(keyword)) throw Error($"„{keyword}“ erwartet, gefunden: {Show(Current)}.");
        at++;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End) throw Error($"Unerwartet: {Show(Current)}.");
    }

    private List<Node> PositiveTests()
    {
        var tests = new List<Node> { PositiveTest(false) };
        while (IsSymbol(","))
        {
            at++;
            tests.Add(PositiveTest(false));
        }
        return tests;
    }

    /// <summary>A positive unary test; after <c>in</c> (<paramref name="operand"/>) the test binds like an operand.</summary>
    private Node PositiveTest(bool operand)
    {
        if (Current.Kind == TokenKind.Symbol && Comparisons.Contains(Current.Text))
        {
            var op = Current.Text;
            at++;
            // "> > 100" would otherwise compare with the range "> 100" and never match, silently.
            if (Current.Kind == TokenKind.Symbol && Comparisons.Contains(Current.Text))
                throw Error($"Nach „{op}“ wird ein Wert erwartet, gefunden: {Show(Current)}.");
            var value = Additive();
            return op switch
            {
                "<" => new RangeNode(null, false, value, false),
                "<=" => new RangeNode(null, false, value, true),
                ">" => new RangeNode(value, false, null, false),
                ">=" => new RangeNode(value, true, null, false),
                _ => new CompareTestNode(op, value),
            };
        }
        return operand ? Additive() : Expression();
    }

    private Node Expression()
    {
        if (++depth > MaxDepth) throw Error($"Der Ausdruck ist tiefer als {MaxDepth} Ebenen verschachtelt.");
        var outerIntervalEnd = intervalEnd;
        intervalEnd = false;
        try
        {
            return Disjunction();
        }
        finally
        {
            depth--;
            intervalEnd = outerIntervalEnd;
        }
    }

    private Node Disjunction()
    {
        var left = Conjunction();
        while (IsName("or"))
        {
            at++;
            left = new OrNode(left, Conjunction());
        }
        return left;
    }

    private Node Conjunction()
    {
        var left = Comparison();
        while (IsName("and"))
        {
            at++;
            left = new AndNode(left, Comparison());
        }
        return left;
    }

    private Node Comparison()
    {
        var left = Additive();
        while (true)
        {
            if (Current.Kind == TokenKind.Symbol && Comparisons.Contains(Current.Text))
            {
                var op = Current.Text;
                at++;
                left = new BinaryNode(op, left, Additive());
            }
            else if (IsName("between"))
            {
                at++;
                var low = Additive();
                ExpectKeyword("and");
                left = new BetweenNode(left, low, Additive());
            }
            else if (IsName("in"))
            {
                at++;
                left = new InNode(left, InTarget());
            }
            else if (IsName("instance") && Peek(1) is { Kind: TokenKind.Name, Text: "of" })
            {
                at += 2;
                left = new InstanceOfNode(left, Type());
            }
            else return left;
        }
    }

    private List<Node> InTarget()
    {
        if (TryInterval() is { } interval) return [interval];
        if (IsSymbol("("))
        {
            var save = at;
            at++;
            var tests = new List<Node> { PositiveTest(false) };
            while (IsSymbol(","))
            {
                at++;
                tests.Add(PositiveTest(false));
            }
            if (IsSymbol(")") && tests.Count > 1)
            {
                at++;
                return tests;
            }
            at = save;
        }
        return [PositiveTest(true)];
    }

    private Node Additive()
    {
        var left = Multiplicative();
        while (IsSymbol("+") || IsSymbol("-"))
        {
            var op = Current.Text;
            at++;
            left = new BinaryNode(op, left, Multiplicative());
        }
        return left;
    }

    private Node Multiplicative()
    {
        var left = Power();
        while (IsSymbol("*") || IsSymbol("/"))
        {
            var op = Current.Text;
            at++;
            left = new BinaryNode(op, left, Power());
        }
        return left;
    }

    private Node Power()
    {
        var left = Unary();
        while (IsSymbol("**"))
        {
            at++;
            left = new BinaryNode("**", left, Unary());
        }
        return left;
    }

    private Node Unary()
    {
        if (!IsSymbol("-")) return Postfix();
        at++;
        if (++depth > MaxDepth) throw Error($"Der Ausdruck ist tiefer als {MaxDepth} Ebenen verschachtelt.");
        try
        {
            return new NegateNode(Unary());
        }
        finally
        {
            depth--;
        }
    }

    private Node Postfix()
    {
        var node = Primary();
        while (true)
        {
            if (IsSymbol("."))
            {
                at++;
                if (Current.Kind != TokenKind.Name) throw Error($"Name nach „.“ erwartet, gefunden: {Show(Current)}.");
                node = new PathNode(node, NameWords());
            }
            else if (IsSymbol("[") && !intervalEnd)
            {
                at++;
                var predicate = Expression();
                Expect("]");
                node = new FilterNode(node, predicate);
            }
            else if (IsSymbol("("))
            {
                node = Invocation(node);
            }
            else return node;
        }
    }

    private InvokeNode Invocation(Node function)
    {
        Expect("(");
        var positional = new List<Node>();
        List<KeyValuePair<string, Node>>? named = null;
        if (IsSymbol(")"))
        {
            at++;
            return new InvokeNode(function, positional, null);
        }
        while (true)
        {
            if (NamedArgument() is { } name)
            {
                if (positional.Count > 0) throw Error("Benannte und positionelle Parameter dürfen nicht gemischt werden.");
                (named ??= []).Add(new(name, Expression()));
            }
            else
            {
                if (named is not null) throw Error("Benannte und positionelle Parameter dürfen nicht gemischt werden.");
                positional.Add(Expression());
            }
            if (IsSymbol(")"))
            {
                at++;
                return new InvokeNode(function, positional, named);
            }
            Expect(",");
        }
    }

    /// <summary>Reads <c>name:</c> at a parameter position, or nothing.</summary>
    private string? NamedArgument()
    {
        if (Current.Kind != TokenKind.Name) return null;
        var save = at;
        var name = NameWords(allowKeywords: true);
        if (IsSymbol(":"))
        {
            at++;
            return name;
        }
        at = save;
        return null;
    }

    /// <summary>Joins consecutive name tokens into one name (<c>Monthly Salary</c>), stopping at keywords.</summary>
    private string NameWords(bool allowKeywords = false)
    {
        if (Current.Kind != TokenKind.Name) throw Error($"Name erwartet, gefunden: {Show(Current)}.");
        var name = Current.Text;
        at++;
        while (Current.Kind == TokenKind.Name && (allowKeywords || !Keywords.Contains(Current.Text)) && Current.Text != "?")
        {
            name += " " + Current.Text;
            at++;
        }
        return name;
    }

    private Node Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                at++;
                return new LiteralNode(token.Number);
            case TokenKind.String:
                at++;
                return new LiteralNode(token.Text);
            case TokenKind.At:
                at++;
                return new LiteralNode(Temporal.ParseAtLiteral(token.Text)
                    ?? throw new FeelParseException($"@\"{token.Text}\" ist kein gültiges Datum, keine Uhrzeit und keine Dauer.", token.Line, token.Column));
            case TokenKind.End:
                throw Error("Ausdruck unvollständig.");
            case TokenKind.Symbol:
                return SymbolPrimary();
        }
        switch (token.Text)
        {
            case "true": at++; return new LiteralNode(true);
            case "false": at++; return new LiteralNode(false);
            case "null": at++; return new LiteralNode(null);
            case "if": return If();
            case "for": return For();
            case "some" or "every": return Quantified();
            case "function": return Function();
        }
        if (Keywords.Contains(token.Text)) throw Error($"Unerwartet: {Show(token)}.");
        return new NameNode(NameWords());
    }

    private Node SymbolPrimary()
    {
        if (TryInterval() is { } interval) return interval;
        switch (Current.Text)
        {
            case "(":
                at++;
                var inner = Expression();
                Expect(")");
                return inner;
            case "[":
                at++;
                var items = new List<Node>();
                if (!IsSymbol("]"))
                {
                    items.Add(Expression());
                    while (IsSymbol(","))
                    {
                        at++;
                        items.Add(Expression());
                    }
                }
                Expect("]");
                return new ListNode(items);
            case "{":
                return Context();
            case "<" or "<=" or ">" or ">=" or "=" or "!=":
                return PositiveTest(true);
        }
        throw Error($"Unerwartet: {Show(Current)}.");
    }

    /// <summary>Reads <c>[a..b]</c>, <c>(a..b)</c>, <c>]a..b[</c> when the bracket opens one (a <c>..</c> before the matching close).</summary>
    private RangeNode? TryInterval()
    {
        if (!(IsSymbol("[") || IsSymbol("(") || IsSymbol("]")) || !OpensInterval()) return null;
        var startIncluded = IsSymbol("[");
        at++;
        var start = Additive();
        Expect("..");
        intervalEnd = true;
        Node end;
        try
        {
            end = Additive();
        }
        finally
        {
            intervalEnd = false;
        }
        if (!(IsSymbol("]") || IsSymbol(")") || IsSymbol("["))) throw Error($"„]“ oder „)“ erwartet, gefunden: {Show(Current)}.");
        var endIncluded = IsSymbol("]");
        at++;
        return new RangeNode(start, startIncluded, end, endIncluded);
    }

    /// <summary>Looks ahead, without parsing, for <c>..</c> at the bracket's own nesting level.</summary>
    private bool OpensInterval()
    {
        var level = 0;
        for (var i = at + 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.End) return false;
            // [for i in 1..3 return i] is a list: the .. belongs to the iteration.
            if (token.Kind == TokenKind.Name && level == 0 && token.Text is "for" or "some" or "every") return false;
            if (token.Kind != TokenKind.Symbol) continue;
            switch (token.Text)
            {
                case "(" or "[" or "{": level++; break;
                case ")" or "]" or "}":
                    if (level == 0) return false;
                    level--;
                    break;
                case ",": if (level == 0) return false; break;
                case "..": if (level == 0) return true; break;
            }
        }
        return false;
    }

    private ContextNode Context()
    {
        Expect("{");
        var entries = new List<KeyValuePair<string, Node>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!IsSymbol("}"))
        {
            while (true)
            {
                var keyToken = Current;
                string key;
                if (Current.Kind == TokenKind.String)
                {
                    key = Current.Text;
                    at++;
                }
                else key = ContextKey();
                if (!keys.Add(key)) throw new FeelParseException($"Der Schlüssel „{key}“ kommt im Kontext doppelt vor.", keyToken.Line, keyToken.Column);
                Expect(":");
                entries.Add(new(key, Expression()));
                if (!IsSymbol(",")) break;
                at++;
            }
        }
        Expect("}");
        return new ContextNode(entries);
    }

    /// <summary>A context key may hold FEEL's additional name symbols: <c>{foo+bar: 1}</c>, <c>{a.b: 1}</c>.</summary>
    private string ContextKey()
    {
        var key = NameWords(allowKeywords: true);
        while (Current.Kind == TokenKind.Symbol && Current.Text is "+" or "-" or "*" or "/" or "." && Peek(1).Kind == TokenKind.Name)
        {
            key += Current.Text;
            at++;
            key += NameWords(allowKeywords: true);
        }
        return key;
    }
}

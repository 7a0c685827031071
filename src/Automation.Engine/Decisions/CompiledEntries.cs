using Automation.Engine.Expressions.Feel;

namespace Automation.Engine.Decisions;

/// <summary>
/// Compiled FEEL unary tests of one table cell. Parsed once when the file is read; tests against constants (<c>&lt; 5</c>,
/// <c>[1..10]</c>, <c>"gold"</c>, <c>"a","b"</c>) are decided with the FEEL comparison operators directly, without a scope
/// per test, so a table evaluation allocates nothing per rule. Other tests go through the interpreter.
/// </summary>
internal sealed class UnaryTest
{
    private enum Kind { Equal, Range }

    private readonly record struct Simple(Kind Kind, object? Value);

    public static readonly UnaryTest Any = new(null, null, false);

    private readonly Simple[]? simple;
    private readonly IReadOnlyList<Node>? general;
    private readonly bool negated;

    private UnaryTest(Simple[]? simple, IReadOnlyList<Node>? general, bool negated)
    {
        this.simple = simple;
        this.general = general;
        this.negated = negated;
    }

    public bool IsAny => simple is null && general is null;

    /// <summary>The constant values the tests compare with by equality, when every test is one (output values, priority).</summary>
    public IReadOnlyList<object?>? EqualityValues =>
        simple is not null && !negated && Array.TrueForAll(simple, s => s.Kind == Kind.Equal) ? simple.Select(s => s.Value).ToList() : null;

    /// <exception cref="FeelParseException">The text is not FEEL unary tests.</exception>
    public static UnaryTest Parse(string text, IEnumerable<string> knownNames)
    {
        var (tests, negated, any) = Parser.ParseUnaryTests(text, knownNames);
        if (any) return Any;
        var compiled = new Simple[tests.Count];
        var runtime = new FeelRuntime(Expressions.ScriptLimits.Default);
        var empty = Scope.Root(new Dictionary<string, object?>());
        for (var i = 0; i < tests.Count; i++)
        {
            Simple? one = tests[i] switch
            {
                CompareTestNode { Operand: var o } c when IsConstant(o) && c.Operator is "=" => new Simple(Kind.Equal, Evaluator.Eval(o, empty, runtime)),
                RangeNode r when IsConstant(r.Start) && IsConstant(r.End) && Evaluator.Eval(r, empty, runtime) is FeelRange range => new Simple(Kind.Range, range),
                LiteralNode { Value: not bool } l => new Simple(Kind.Equal, l.Value),
                NegateNode { Operand: LiteralNode { Value: decimal } } n => new Simple(Kind.Equal, Evaluator.Eval(n, empty, runtime)),
                _ => null,
            };
            if (one is not { } s || runtime.Warnings.Count > 0) return new UnaryTest(null, tests, negated);
            compiled[i] = s;
        }
        return new UnaryTest(compiled, null, negated);
    }

    private static bool IsConstant(Node? node) => node is null or LiteralNode { Value: decimal or string } or NegateNode { Operand: LiteralNode { Value: decimal } };

    /// <summary>Whether the input satisfies the tests; a test that cannot be decided (null) does not match.</summary>
    public bool Matches(object? input, Scope scope, FeelRuntime runtime, string? inputVariable)
    {
        if (IsAny) return true;
        bool? result;
        if (simple is not null)
        {
            runtime.Step();
            result = false;
            foreach (var s in simple)
            {
                var one = s.Kind == Kind.Equal ? FeelOps.Equal(input, s.Value) : FeelOps.InRange(input, (FeelRange)s.Value!);
                if (one is true)
                {
                    result = true;
                    break;
                }
                if (one is null) result = null;
            }
        }
        else
        {
            // Camunda 7 names the cell's value (cellInput or camunda:inputVariable) besides FEEL's '?'.
            result = Evaluator.In(input, general!, scope.With(inputVariable ?? "cellInput", input), runtime) as bool?;
        }
        return negated ? result is false : result is true;
    }
}

/// <summary>A compiled output entry: a constant, or a FEEL expression evaluated in the decision's scope.</summary>
internal sealed class OutputEntry
{
    private readonly Node? expression;
    private readonly object? constant;

    private OutputEntry(Node? expression, object? constant)
    {
        this.expression = expression;
        this.constant = constant;
    }

    /// <summary>The value when the entry is a literal, for the allowed-values check when reading.</summary>
    public bool IsConstant => expression is null;

    public object? Constant => constant;

    /// <exception cref="FeelParseException">The text is not a FEEL expression.</exception>
    public static OutputEntry Parse(string text, IEnumerable<string> knownNames)
    {
        var node = Parser.ParseExpression(text, knownNames);
        return node switch
        {
            LiteralNode l => new OutputEntry(null, l.Value),
            NegateNode { Operand: LiteralNode { Value: decimal d } } => new OutputEntry(null, -d),
            _ => new OutputEntry(node, null),
        };
    }

    public object? Evaluate(Scope scope, FeelRuntime runtime) => expression is null ? constant : Evaluator.Eval(expression, scope, runtime);
}

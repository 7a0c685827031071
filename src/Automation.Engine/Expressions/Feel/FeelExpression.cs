namespace Automation.Engine.Expressions.Feel;

/// <summary>A parsed FEEL expression (DMN 1.4/1.5 chapter 10), ready to evaluate any number of times.</summary>
/// <remarks>
/// Evaluation follows FEEL semantics: a type error, an unknown name or a failed built-in gives null and a warning,
/// never an exception. Only the engine's limits (<see cref="ScriptLimits"/>: steps, call depth, list length) stop an
/// evaluation, with a <see cref="ScriptException"/> like a script that runs away.
/// </remarks>
internal sealed class FeelExpression
{
    private readonly Node root;

    private FeelExpression(string text, Node root)
    {
        Text = text;
        this.root = root;
    }

    public string Text { get; }

    /// <summary>Parses FEEL text.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="knownNames">Variable names that contain spaces, keywords or operator characters (<c>Loan-Amount</c>).</param>
    /// <exception cref="FeelParseException">The text is not FEEL; the message names line and column.</exception>
    public static FeelExpression Parse(string text, IEnumerable<string>? knownNames = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FeelExpression(text, Parser.ParseExpression(text, knownNames));
    }

    /// <summary>Evaluates against variables (host values: numbers of any CLR type, strings, lists, dictionaries…).</summary>
    /// <param name="variables">Names in scope.</param>
    /// <param name="warnings">Receives why a part of the expression gave null, if wanted.</param>
    /// <param name="limits">Budget; <see cref="ScriptLimits.Default"/> when omitted.</param>
    /// <exception cref="ScriptException">The expression exceeded the step, depth or list-length limit.</exception>
    public object? Evaluate(IReadOnlyDictionary<string, object?> variables, ICollection<string>? warnings = null, ScriptLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var runtime = new FeelRuntime(limits ?? ScriptLimits.Default);
        try
        {
            return Evaluator.Eval(root, Scope.Root(variables), runtime);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ScriptException(ScriptFailure.Recursion, "Der FEEL-Ausdruck ist zu tief verschachtelt und wurde abgebrochen.");
        }
        finally
        {
            if (warnings is not null)
                foreach (var warning in runtime.Warnings) warnings.Add(warning);
        }
    }
}

/// <summary>Parsed FEEL unary tests (<c>&lt; 5</c>, <c>[1..10]</c>, <c>"a","b"</c>, <c>not(…)</c>, <c>-</c>) for decision-table inputs.</summary>
internal sealed class FeelUnaryTests
{
    private readonly IReadOnlyList<Node> tests;
    private readonly bool negated;
    private readonly bool any;

    private FeelUnaryTests(string text, IReadOnlyList<Node> tests, bool negated, bool any)
    {
        Text = text;
        this.tests = tests;
        this.negated = negated;
        this.any = any;
    }

    public string Text { get; }

    /// <exception cref="FeelParseException">The text is not a FEEL unary test.</exception>
    public static FeelUnaryTests Parse(string text, IEnumerable<string>? knownNames = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (tests, negated, any) = Parser.ParseUnaryTests(text, knownNames);
        return new FeelUnaryTests(text, tests, negated, any);
    }

    /// <summary>Whether the input satisfies the tests; a test that cannot be decided counts as not satisfied.</summary>
    /// <exception cref="ScriptException">A test exceeded the step, depth or list-length limit.</exception>
    public bool Matches(object? input, IReadOnlyDictionary<string, object?> variables, ICollection<string>? warnings = null, ScriptLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (any) return true;
        var runtime = new FeelRuntime(limits ?? ScriptLimits.Default);
        try
        {
            var result = Evaluator.In(FeelValue.FromHost(input), tests, Scope.Root(variables), runtime);
            return negated ? result is false : result is true;
        }
        finally
        {
            if (warnings is not null)
                foreach (var warning in runtime.Warnings) warnings.Add(warning);
        }
    }
}

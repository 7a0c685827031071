namespace Automation.Engine.Expressions.Feel;

/// <summary>
/// State of one evaluation: warnings (FEEL errors are null results with a warning) and the step and depth budget
/// from <see cref="ScriptLimits"/>, the one place the engine's expression limits live.
/// </summary>
internal sealed class FeelRuntime(ScriptLimits limits)
{
    private readonly List<string> warnings = [];
    private long steps;
    private int depth;

    public IReadOnlyList<string> Warnings => warnings;

    public ScriptLimits Limits => limits;

    public void Warn(string message)
    {
        // A runaway expression could record a warning per step; the first ones say what went wrong.
        if (warnings.Count < 100) warnings.Add(message);
    }

    /// <summary>Drops the warnings recorded after <paramref name="count"/> (an attempt that was retried successfully).</summary>
    public void ResetWarnings(int count) => warnings.RemoveRange(count, warnings.Count - count);

    /// <summary>Counts one step (a node evaluated, an iteration, an item built); stops the evaluation past the budget.</summary>
    public void Step(long count = 1)
    {
        steps += count;
        if (steps > limits.MaxStatements)
        {
            throw new ScriptException(ScriptFailure.Statements,
                $"Der FEEL-Ausdruck braucht mehr als {limits.MaxStatements.ToString("N0", ScriptLimits.German)} Schritte und wurde abgebrochen.");
        }
    }

    /// <summary>Enters a function call; past the recursion limit the evaluation stops.</summary>
    public void Enter()
    {
        if (++depth > limits.RecursionDepth)
        {
            throw new ScriptException(ScriptFailure.Recursion,
                $"Der FEEL-Ausdruck ruft Funktionen tiefer als {limits.RecursionDepth} Ebenen verschachtelt auf und wurde abgebrochen.");
        }
    }

    public void Leave() => depth--;

    /// <summary>Checks that a list about to be built stays within the engine's array limit.</summary>
    public static void CheckLength(long length)
    {
        if (length <= ScriptLimits.MaxArrayLength) return;
        throw new ScriptException(ScriptFailure.Memory,
            $"Der FEEL-Ausdruck würde eine Liste mit mehr als {ScriptLimits.MaxArrayLength.ToString("N0", ScriptLimits.German)} Elementen bilden und wurde abgebrochen.");
    }
}

/// <summary>Names in scope: variables, context entries, iteration variables and parameters; inner scopes shadow outer ones.</summary>
internal sealed class Scope
{
    private readonly Scope? parent;
    private readonly IReadOnlyDictionary<string, object?>? variables;
    private readonly FeelContext? context;
    private Dictionary<string, object?>? locals;

    private Scope(Scope? parent, IReadOnlyDictionary<string, object?>? variables, FeelContext? context)
    {
        this.parent = parent;
        this.variables = variables;
        this.context = context;
    }

    public static Scope Root(IReadOnlyDictionary<string, object?> variables) => new(null, variables, null);

    public Scope Child() => new(this, null, null);

    public Scope WithContext(FeelContext entries) => new(this, null, entries);

    public Scope With(string name, object? value)
    {
        var scope = Child();
        scope.Set(name, value);
        return scope;
    }

    public void Set(string name, object? value) => (locals ??= new(StringComparer.Ordinal))[name] = value;

    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            if (scope.locals is not null && scope.locals.TryGetValue(name, out value)) return true;
            if (scope.context is not null && scope.context.TryGet(name, out value)) return true;
            if (scope.variables is not null && scope.variables.TryGetValue(name, out var raw))
            {
                value = FeelValue.FromHost(raw);
                return true;
            }
        }
        value = null;
        return false;
    }
}

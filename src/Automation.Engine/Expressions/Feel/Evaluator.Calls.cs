namespace Automation.Engine.Expressions.Feel;

internal static partial class Evaluator
{
    private enum Loop { Done, Stopped, Failed }

    private static List<object?>? For(ForNode node, Scope scope, FeelRuntime runtime)
    {
        var results = new List<object?>();
        var bound = scope.Child();
        bound.Set("partial", results);
        return Iterate(node.Iterations, 0, bound, runtime, inner =>
        {
            FeelRuntime.CheckLength(results.Count + 1);
            results.Add(Eval(node.Body, inner, runtime));
            return true;
        }) == Loop.Failed ? null : results;
    }

    private static object? Quantified(QuantifiedNode node, Scope scope, FeelRuntime runtime)
    {
        // some stops at the first satisfied item, every at the first unsatisfied one.
        var outcome = Iterate(node.Iterations, 0, scope, runtime, inner => (Eval(node.Condition, inner, runtime) is true) == node.Every);
        return outcome switch
        {
            Loop.Failed => null,
            Loop.Stopped => !node.Every,
            _ => node.Every,
        };
    }

    /// <summary>Runs <paramref name="body"/> (false: stop) for every combination of the iterations.</summary>
    private static Loop Iterate(IReadOnlyList<Iteration> iterations, int index, Scope scope, FeelRuntime runtime, Func<Scope, bool> body)
    {
        if (index == iterations.Count) return body(scope) ? Loop.Done : Loop.Stopped;
        var iteration = iterations[index];
        if (Domain(iteration, scope, runtime) is not { } items) return Loop.Failed;
        foreach (var item in items)
        {
            runtime.Step();
            var outcome = Iterate(iterations, index + 1, scope.With(iteration.Name, item), runtime, body);
            if (outcome != Loop.Done) return outcome;
        }
        return Loop.Done;
    }

    private static IEnumerable<object?>? Domain(Iteration iteration, Scope scope, FeelRuntime runtime)
    {
        var domain = Eval(iteration.Domain, scope, runtime);
        if (iteration.RangeEnd is not null) return Numbers(domain, Eval(iteration.RangeEnd, scope, runtime), runtime);
        switch (domain)
        {
            case List<object?> list: return list;
            case FeelRange { HasStart: true, HasEnd: true, Start: decimal start, End: decimal end } range:
                return Numbers(range.StartIncluded ? start : start + 1, range.EndIncluded ? end : end - 1, runtime);
            case FeelRange { HasStart: true, HasEnd: true, Start: DateOnly start, End: DateOnly end } range:
                return Numbers(range.StartIncluded ? start : start.AddDays(1), range.EndIncluded ? end : end.AddDays(-1), runtime);
            case null or FeelRange:
                runtime.Warn($"„{iteration.Name}“ kann nicht über {Builtins.ToText(domain)} laufen.");
                return null;
            default: return [domain];
        }
    }

    private static IEnumerable<object?>? Numbers(object? from, object? to, FeelRuntime runtime)
    {
        if (from is DateOnly first && to is DateOnly last) return Days(first, last);
        if (from is not decimal a || to is not decimal b || !FeelNumber.IsInteger(a) || !FeelNumber.IsInteger(b))
        {
            runtime.Warn("Ein Bereich für eine Schleife braucht ganze Zahlen oder Daten als Grenzen.");
            return null;
        }
        return Count(a, b);

        static IEnumerable<object?> Days(DateOnly a, DateOnly b)
        {
            var step = a <= b ? 1 : -1;
            for (var d = a; ; d = d.AddDays(step))
            {
                yield return d;
                if (d == b) yield break;
            }
        }

        static IEnumerable<object?> Count(decimal a, decimal b)
        {
            var step = a <= b ? 1 : -1;
            for (var i = a; step > 0 ? i <= b : i >= b; i += step) yield return i;
        }
    }

    private static object? Invoke(InvokeNode node, Scope scope, FeelRuntime runtime)
    {
        var target = Eval(node.Function, scope, runtime);
        if (target is not FeelFunction function)
        {
            var name = node.Function is NameNode n ? n.Name : "Ausdruck";
            return Warn(runtime, target is null ? $"Unbekannte Funktion „{name}“." : $"„{name}“ ist keine Funktion.");
        }
        if (node.Named is { } named)
        {
            var arguments = named.Select(a => new KeyValuePair<string, object?>(a.Key, Eval(a.Value, scope, runtime))).ToList();
            return function.InvokeNamed(runtime, arguments);
        }
        return function.Invoke(runtime, node.Positional.Select(a => Eval(a, scope, runtime)).ToList());
    }

    /// <summary>A function defined in FEEL: <c>function(a, b) a + b</c>; it sees the scope it was defined in.</summary>
    private sealed class UserFunction(IReadOnlyList<string> parameters, Node body, Scope closure) : FeelFunction
    {
        public override IReadOnlyList<string> ParameterNames => parameters;

        public override object? Invoke(FeelRuntime runtime, IReadOnlyList<object?> arguments)
        {
            if (arguments.Count > parameters.Count)
            {
                runtime.Warn($"Die Funktion erwartet {parameters.Count} Parameter, übergeben wurden {arguments.Count}.");
                return null;
            }
            var scope = closure.Child();
            for (var i = 0; i < parameters.Count; i++) scope.Set(parameters[i], i < arguments.Count ? arguments[i] : null);
            runtime.Enter();
            try
            {
                return Eval(body, scope, runtime);
            }
            finally
            {
                runtime.Leave();
            }
        }
    }
}

namespace Automation.Engine.Expressions.Feel;

/// <summary>Tree-walking evaluation of parsed FEEL; errors become null results with a warning on the runtime.</summary>
internal static partial class Evaluator
{
    public static object? Eval(Node node, Scope scope, FeelRuntime runtime)
    {
        runtime.Step();
        switch (node)
        {
            case LiteralNode literal: return literal.Value;
            case NameNode name: return Resolve(name.Name, scope, runtime);
            case NegateNode negate: return FeelOps.Negate(Eval(negate.Operand, scope, runtime), runtime);
            case BinaryNode binary: return Binary(binary, scope, runtime);
            case AndNode and: return And(and, scope, runtime);
            case OrNode or: return Or(or, scope, runtime);
            case BetweenNode between:
                var value = Eval(between.Value, scope, runtime);
                var low = FeelOps.Comparison(">=", value, Eval(between.Low, scope, runtime), runtime);
                var high = FeelOps.Comparison("<=", value, Eval(between.High, scope, runtime), runtime);
                return Logic.And(low, high);
            case InNode @in: return In(Eval(@in.Value, scope, runtime), @in.Tests, scope, runtime);
            case InstanceOfNode instance: return Types.IsInstance(Eval(instance.Value, scope, runtime), instance.Type);
            case IfNode @if:
                return Eval(@if.Condition, scope, runtime) is true ? Eval(@if.Then, scope, runtime) : Eval(@if.Else, scope, runtime);
            case ForNode @for: return For(@for, scope, runtime);
            case QuantifiedNode quantified: return Quantified(quantified, scope, runtime);
            case FunctionNode function:
                if (function.External) return Warn(runtime, "Externe Funktionen (Java, PMML) werden nicht unterstützt.");
                return new UserFunction(function.Parameters, function.Body, scope);
            case ListNode list:
                FeelRuntime.CheckLength(list.Items.Count);
                return list.Items.Select(item => Eval(item, scope, runtime)).ToList();
            case ContextNode context: return Context(context, scope, runtime);
            case RangeNode range: return Range(range, scope, runtime);
            case CompareTestNode test: return Warn(runtime, $"Der Test „{test.Operator} …“ ist nur in einem Test erlaubt.");
            case FilterNode filter: return Filter(filter, scope, runtime);
            case PathNode path: return Path(Eval(path.Source, scope, runtime), path.Name, runtime);
            case InvokeNode invoke: return Invoke(invoke, scope, runtime);
            default: throw new InvalidOperationException("Unknown FEEL node " + node.GetType().Name);
        }
    }

    private static object? Resolve(string name, Scope scope, FeelRuntime runtime)
    {
        if (scope.TryGet(name, out var value)) return value;
        if (Builtins.TryGet(name, out var function)) return function;
        return Warn(runtime, $"Unbekannter Name „{name}“.");
    }

    private static object? Binary(BinaryNode node, Scope scope, FeelRuntime runtime)
    {
        var left = Eval(node.Left, scope, runtime);
        var right = Eval(node.Right, scope, runtime);
        return node.Operator switch
        {
            "+" => FeelOps.Add(left, right, runtime),
            "-" => FeelOps.Subtract(left, right, runtime),
            "*" => FeelOps.Multiply(left, right, runtime),
            "/" => FeelOps.Divide(left, right, runtime),
            "**" => FeelOps.Power(left, right, runtime),
            _ => FeelOps.Comparison(node.Operator, left, right, runtime),
        };
    }

    private static object? And(AndNode node, Scope scope, FeelRuntime runtime)
    {
        var left = Eval(node.Left, scope, runtime);
        if (left is false) return false;
        return Logic.And(left, Eval(node.Right, scope, runtime));
    }

    private static object? Or(OrNode node, Scope scope, FeelRuntime runtime)
    {
        var left = Eval(node.Left, scope, runtime);
        if (left is true) return true;
        return Logic.Or(left, Eval(node.Right, scope, runtime));
    }

    /// <summary>Whether <paramref name="value"/> satisfies any of the positive unary tests.</summary>
    public static object? In(object? value, IReadOnlyList<Node> tests, Scope scope, FeelRuntime runtime)
    {
        var result = (bool?)false;
        foreach (var test in tests)
        {
            var one = Test(value, test, scope, runtime);
            if (one is true) return true;
            if (one is null) result = null;
        }
        return result;
    }

    /// <summary>One positive unary test against an input value (DMN 1.4, 10.3.2.9).</summary>
    public static bool? Test(object? input, Node test, Scope scope, FeelRuntime runtime)
    {
        switch (test)
        {
            case RangeNode range:
                return Range(range, scope, runtime) is FeelRange r ? FeelOps.InRange(input, r) : null;
            case CompareTestNode compare:
                var operand = Eval(compare.Operand, scope.With("?", input), runtime);
                var equal = FeelOps.Equal(input, operand);
                return compare.Operator == "=" ? equal : !equal;
        }
        var value = Eval(test, scope.With("?", input), runtime);
        if (value is bool b && (input is not bool || UsesInput(test))) return b;
        return value switch
        {
            FeelRange range => FeelOps.InRange(input, range),
            List<object?> list when input is not List<object?> || FeelOps.Equal(input, list) is not true =>
                list.Any(item => item is FeelRange r ? FeelOps.InRange(input, r) is true : FeelOps.Equal(input, item) is true),
            _ => FeelOps.Equal(input, value),
        };
    }

    private static bool UsesInput(Node node) => node switch
    {
        NameNode { Name: "?" } => true,
        NegateNode n => UsesInput(n.Operand),
        BinaryNode b => UsesInput(b.Left) || UsesInput(b.Right),
        AndNode a => UsesInput(a.Left) || UsesInput(a.Right),
        OrNode o => UsesInput(o.Left) || UsesInput(o.Right),
        BetweenNode b => UsesInput(b.Value) || UsesInput(b.Low) || UsesInput(b.High),
        InNode i => UsesInput(i.Value) || i.Tests.Any(UsesInput),
        InstanceOfNode i => UsesInput(i.Value),
        IfNode i => UsesInput(i.Condition) || UsesInput(i.Then) || UsesInput(i.Else),
        ListNode l => l.Items.Any(UsesInput),
        FilterNode f => UsesInput(f.Source) || UsesInput(f.Predicate),
        PathNode p => UsesInput(p.Source),
        InvokeNode i => UsesInput(i.Function) || i.Positional.Any(UsesInput) || (i.Named?.Any(n => UsesInput(n.Value)) ?? false),
        ForNode f => f.Iterations.Any(x => UsesInput(x.Domain)) || UsesInput(f.Body),
        QuantifiedNode q => q.Iterations.Any(x => UsesInput(x.Domain)) || UsesInput(q.Condition),
        ContextNode c => c.Entries.Any(e => UsesInput(e.Value)),
        _ => false,
    };

    private static FeelContext Context(ContextNode node, Scope scope, FeelRuntime runtime)
    {
        var context = new FeelContext();
        var inner = scope.WithContext(context);
        foreach (var (key, value) in node.Entries) context.Set(key, Eval(value, inner, runtime));
        return context;
    }

    private static FeelRange? Range(RangeNode node, Scope scope, FeelRuntime runtime)
    {
        var start = node.Start is null ? null : Eval(node.Start, scope, runtime);
        var end = node.End is null ? null : Eval(node.End, scope, runtime);
        if (node.Start is not null && node.End is not null)
        {
            if (start is null && end is null) return (FeelRange?)Warn(runtime, "Ein Bereich braucht mindestens eine Grenze.");
            if (start is not null && end is not null && FeelOps.Compare(start, end) is not <= 0)
            {
                runtime.Warn($"Die Grenzen des Bereichs ({Builtins.ToText(start)}, {Builtins.ToText(end)}) passen nicht zusammen.");
                return null;
            }
        }
        return new FeelRange(start, node.StartIncluded, end, node.EndIncluded) { HasStart = node.Start is not null, HasEnd = node.End is not null };
    }

    private static object? Filter(FilterNode node, Scope scope, FeelRuntime runtime)
    {
        var source = Eval(node.Source, scope, runtime);
        if (source is null) return null;
        var list = source as List<object?> ?? [source];
        if (list.Count == 0)
        {
            return Eval(node.Predicate, scope.With("item", null), runtime) is decimal ? null : new List<object?>();
        }
        var result = new List<object?>();
        for (var i = 0; i < list.Count; i++)
        {
            runtime.Step();
            var item = list[i];
            var itemScope = scope.With("item", item);
            if (item is FeelContext entries) itemScope = itemScope.WithContext(entries);
            var keep = Eval(node.Predicate, itemScope, runtime);
            if (i == 0 && keep is decimal index) return Index(list, index, runtime);
            if (keep is true) result.Add(item);
        }
        return result;
    }

    private static object? Index(List<object?> list, decimal index, FeelRuntime runtime)
    {
        if (!FeelNumber.IsInteger(index) || index == 0 || Math.Abs(index) > list.Count)
            return Warn(runtime, $"Die Liste hat kein Element an Position {FeelNumber.Format(index)}.");
        var i = (int)index;
        return i > 0 ? list[i - 1] : list[list.Count + i];
    }

    public static object? Path(object? source, string name, FeelRuntime runtime)
    {
        switch (source)
        {
            case null: return null;
            case FeelContext context:
                return context.TryGet(name, out var value) ? value : null;
            case List<object?> list:
                runtime.Step(list.Count);
                return list.Select(item => Path(item, name, runtime)).ToList();
        }
        if (Properties.TryGet(source, name, out var property)) return property;
        return Warn(runtime, $"{FeelValue.TypeName(source)} hat keine Eigenschaft „{name}“.");
    }

    private static object? Warn(FeelRuntime runtime, string message)
    {
        runtime.Warn(message);
        return null;
    }
}

/// <summary>FEEL's three-valued logic.</summary>
internal static class Logic
{
    public static bool? And(object? a, object? b) =>
        a is false || b is false ? false : a is true && b is true ? true : null;

    public static bool? Or(object? a, object? b) =>
        a is true || b is true ? true : a is false && b is false ? false : null;
}

namespace Automation.Engine.Expressions.Feel;

internal static partial class Builtins
{
    /// <summary>An end point of a range; <see cref="Infinite"/> for an open end (<c>&lt; 5</c> has no start).</summary>
    private readonly record struct End(object? Value, bool Included, bool Infinite);

    private readonly record struct Span(End Start, End Stop);

    private static void AddRanges(Action<string, Signature> add)
    {
        Relation(add, "before", (a, b) => Lt(a.Stop, b.Start) | (Eq(a.Stop, b.Start) & (!a.Stop.Included || !b.Start.Included)));
        Relation(add, "after", (a, b) => Lt(b.Stop, a.Start) | (Eq(b.Stop, a.Start) & (!b.Stop.Included || !a.Start.Included)));
        Relation(add, "meets", (a, b) => Eq(a.Stop, b.Start) & (a.Stop.Included && b.Start.Included));
        Relation(add, "met by", (a, b) => Eq(b.Stop, a.Start) & (b.Stop.Included && a.Start.Included));
        Relation(add, "overlaps", (a, b) =>
            (Gt(a.Stop, b.Start) | (Eq(a.Stop, b.Start) & (a.Stop.Included && b.Start.Included)))
            & (Lt(a.Start, b.Stop) | (Eq(a.Start, b.Stop) & (a.Start.Included && b.Stop.Included))));
        Relation(add, "overlaps before", OverlapsBefore);
        Relation(add, "overlaps after", (a, b) => OverlapsBefore(b, a));
        Relation(add, "finishes", Finishes);
        Relation(add, "finished by", (a, b) => Finishes(b, a));
        Relation(add, "includes", Includes);
        Relation(add, "during", (a, b) => Includes(b, a));
        Relation(add, "starts", Starts);
        Relation(add, "started by", (a, b) => Starts(b, a));
        Relation(add, "coincides", (a, b) => Eq(a.Start, b.Start) & (a.Start.Included == b.Start.Included)
            & Eq(a.Stop, b.Stop) & (a.Stop.Included == b.Stop.Included));
        add("range", S(["from"], (r, a) => a[0] is string text ? RangeFromText(r, text) : Fail(r, "range() braucht eine Zeichenkette.")));
    }

    private static bool? OverlapsBefore(Span a, Span b) =>
        (Lt(a.Start, b.Start) | (Eq(a.Start, b.Start) & (a.Start.Included && !b.Start.Included)))
        & (Gt(a.Stop, b.Start) | (Eq(a.Stop, b.Start) & (a.Stop.Included && b.Start.Included)))
        & (Lt(a.Stop, b.Stop) | (Eq(a.Stop, b.Stop) & (!a.Stop.Included || b.Stop.Included)));

    private static bool? Finishes(Span a, Span b) =>
        (a.Stop.Included == b.Stop.Included) & Eq(a.Stop, b.Stop)
        & (Gt(a.Start, b.Start) | (Eq(a.Start, b.Start) & (!a.Start.Included || b.Start.Included)));

    private static bool? Includes(Span a, Span b) =>
        (Lt(a.Start, b.Start) | (Eq(a.Start, b.Start) & (a.Start.Included || !b.Start.Included)))
        & (Gt(a.Stop, b.Stop) | (Eq(a.Stop, b.Stop) & (a.Stop.Included || !b.Stop.Included)));

    private static bool? Starts(Span a, Span b) =>
        Eq(a.Start, b.Start) & (a.Start.Included == b.Start.Included)
        & (Lt(a.Stop, b.Stop) | (Eq(a.Stop, b.Stop) & (!a.Stop.Included || b.Stop.Included)));

    private static void Relation(Action<string, Signature> add, string name, Func<Span, Span, bool?> relation)
    {
        add(name, S(["point1", "point2"], (r, a) => Apply(r, name, relation, a[0], a[1])));
        add(name, S(["point", "range"], (r, a) => Apply(r, name, relation, a[0], a[1])));
        add(name, S(["range", "point"], (r, a) => Apply(r, name, relation, a[0], a[1])));
        add(name, S(["range1", "range2"], (r, a) => Apply(r, name, relation, a[0], a[1])));
    }

    private static object? Apply(FeelRuntime runtime, string name, Func<Span, Span, bool?> relation, object? x, object? y)
    {
        if (x is null || y is null) return Fail(runtime, $"{name}() braucht zwei Werte.");
        return relation(ToSpan(x), ToSpan(y)) ?? Fail(runtime, $"{name}(): die Werte sind nicht vergleichbar.");
    }

    /// <summary>A point is the closed range [p..p].</summary>
    private static Span ToSpan(object value) => value is FeelRange r
        ? new Span(new End(r.Start, r.StartIncluded, !r.HasStart || r.Start is null), new End(r.End, r.EndIncluded, !r.HasEnd || r.End is null))
        : new Span(new End(value, true, false), new End(value, true, false));

    // Comparisons of end points: an infinite start is below everything, an infinite end above; null when incomparable.
    private static bool? Lt(End a, End b) => Order(a, b, startFirst: true) is { } o ? o < 0 : null;

    private static bool? Gt(End a, End b) => Order(a, b, startFirst: false) is { } o ? o > 0 : null;

    private static bool? Eq(End a, End b) =>
        a.Infinite || b.Infinite ? false : FeelOps.Compare(a.Value, b.Value) is { } o ? o == 0 : null;

    private static int? Order(End a, End b, bool startFirst)
    {
        if (a.Infinite || b.Infinite) return startFirst ? (a.Infinite ? -1 : 1) : (a.Infinite ? 1 : -1);
        return FeelOps.Compare(a.Value, b.Value);
    }

    /// <summary>range("[1..10]"): a range literal whose end points are literals.</summary>
    private static object? RangeFromText(FeelRuntime runtime, string text)
    {
        try
        {
            var node = Parser.ParseExpression(text, null);
            if (node is not RangeNode range || !IsLiteral(range.Start) || !IsLiteral(range.End)) return Fail(runtime, $"„{text}“ ist kein Bereich.");
            return Evaluator.Eval(node, Scope.Root(new Dictionary<string, object?>()), runtime);
        }
        catch (FeelParseException e)
        {
            return Fail(runtime, e.Message);
        }
    }

    private static bool IsLiteral(Node? node) => node switch
    {
        null or LiteralNode => true,
        NegateNode n => IsLiteral(n.Operand),
        InvokeNode { Function: NameNode { Name: "date" or "time" or "date and time" or "duration" } } i => i.Positional.All(IsLiteral),
        _ => false,
    };
}

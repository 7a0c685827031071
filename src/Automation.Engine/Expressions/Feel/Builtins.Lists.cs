namespace Automation.Engine.Expressions.Feel;

internal static partial class Builtins
{
    private static void AddLists(Action<string, Signature> add)
    {
        add("list contains", S(["list", "element"], (r, a) => a[0] is List<object?> list
            ? list.Any(i => FeelOps.Equal(i, a[1]) == true) : Fail(r, "list contains() braucht eine Liste.")));
        add("count", S(["list"], (r, a) => AsList(a[0]) is { } list ? (decimal)list.Count : Fail(r, "count() braucht eine Liste.")));
        add("min", Variadic(["list"], (r, a) => Extreme(r, a[0], -1)));
        add("max", Variadic(["list"], (r, a) => Extreme(r, a[0], 1)));
        add("sum", Variadic(["list"], (r, a) => Numbers(r, a[0]) is { } n ? (n.Count == 0 ? null : FeelNumber.Checked(() => n.Sum(), r)) : null));
        add("product", Variadic(["list"], (r, a) => Numbers(r, a[0]) is { Count: > 0 } n
            ? FeelNumber.Checked(() => n.Aggregate(1m, (p, x) => p * x), r) : null));
        add("mean", Variadic(["list"], (r, a) => Numbers(r, a[0]) is { Count: > 0 } n ? FeelNumber.Checked(() => n.Sum() / n.Count, r) : null));
        add("median", Variadic(["list"], (r, a) =>
        {
            if (Numbers(r, a[0]) is not { Count: > 0 } n) return null;
            n.Sort();
            return n.Count % 2 == 1 ? n[n.Count / 2] : (n[n.Count / 2 - 1] + n[n.Count / 2]) / 2;
        }));
        add("stddev", Variadic(["list"], (r, a) =>
        {
            if (Numbers(r, a[0]) is not { Count: > 1 } n) return null;
            var mean = n.Sum() / n.Count;
            return FeelNumber.Sqrt(n.Sum(x => (x - mean) * (x - mean)) / (n.Count - 1));
        }));
        add("mode", Variadic(["list"], (r, a) =>
        {
            if (Numbers(r, a[0]) is not { } n) return null;
            if (n.Count == 0) return new List<object?>();
            var groups = n.GroupBy(x => x).ToList();
            var top = groups.Max(g => g.Count());
            return groups.Where(g => g.Count() == top).Select(g => g.Key).Order().Cast<object?>().ToList();
        }));
        add("all", Variadic(["list"], (r, a) => AsList(a[0]) is { } list ? Bools(r, list, all: true) : Fail(r, "all() braucht eine Liste.")));
        add("any", Variadic(["list"], (r, a) => AsList(a[0]) is { } list ? Bools(r, list, all: false) : Fail(r, "any() braucht eine Liste.")));
        add("sublist", S(["list", "start position", "length?"], (r, a) =>
        {
            if (a[0] is not List<object?> list || Int(a[1]) is not { } start || start == 0 || (a[2] is not null && Int(a[2]) is not > 0))
                return Fail(r, "sublist() braucht eine Liste und gültige Positionen.");
            var from = start > 0 ? start - 1 : list.Count + start;
            var length = a[2] is null ? list.Count - from : Int(a[2])!.Value;
            return from < 0 || from >= list.Count || from + length > list.Count ? Fail(r, "sublist(): Position außerhalb der Liste.") : list.GetRange(from, length);
        }));
        add("append", Variadic(["list", "item"], (r, a) => AsList(a[0]) is { } list ? list.Concat((List<object?>)a[1]!).ToList() : Fail(r, "append() braucht eine Liste.")));
        add("concatenate", Variadic(["list"], (r, a) => AsList(a[0]) is { } lists && lists.All(l => l is List<object?>)
            ? lists.SelectMany(l => (List<object?>)l!).ToList() : Fail(r, "concatenate() braucht Listen.")));
        add("insert before", S(["list", "position", "newItem"], (r, a) =>
        {
            if (a[0] is not List<object?> list || Int(a[1]) is not { } p || p == 0 || Math.Abs(p) > list.Count)
                return Fail(r, "insert before(): ungültige Position.");
            var copy = list.ToList();
            copy.Insert(p > 0 ? p - 1 : list.Count + p, a[2]);
            return copy;
        }));
        add("remove", S(["list", "position"], (r, a) =>
        {
            if (a[0] is not List<object?> list || Int(a[1]) is not { } p || p == 0 || Math.Abs(p) > list.Count)
                return Fail(r, "remove(): ungültige Position.");
            var copy = list.ToList();
            copy.RemoveAt(p > 0 ? p - 1 : list.Count + p);
            return copy;
        }));
        add("reverse", S(["list"], (r, a) => AsList(a[0]) is { } list ? Enumerable.Reverse(list).ToList() : Fail(r, "reverse() braucht eine Liste.")));
        add("index of", S(["list", "match"], (r, a) => a[0] is List<object?> list
            ? list.Select((item, i) => (item, i)).Where(x => FeelOps.Equal(x.item, a[1]) == true).Select(x => (object?)(decimal)(x.i + 1)).ToList()
            : Fail(r, "index of() braucht eine Liste.")));
        add("union", Variadic(["list"], (r, a) => AsList(a[0]) is { } lists && lists.All(l => l is List<object?>)
            ? Distinct(lists.SelectMany(l => (List<object?>)l!)) : Fail(r, "union() braucht Listen.")));
        add("distinct values", S(["list"], (r, a) => AsList(a[0]) is { } list ? Distinct(list) : Fail(r, "distinct values() braucht eine Liste.")));
        add("flatten", S(["list"], (r, a) => a[0] is List<object?> list ? Flatten(list, []) : Fail(r, "flatten() braucht eine Liste.")));
        add("sort", S(["list", "precedes?"], (r, a) => Sort(r, a[0], a[1])));
        add("list replace", S(["list", "position", "newItem"], (r, a) =>
        {
            if (a[0] is not List<object?> list) return Fail(r, "list replace() braucht eine Liste.");
            var copy = list.ToList();
            if (a[1] is FeelFunction match)
            {
                for (var i = 0; i < copy.Count; i++)
                    if (match.Invoke(r, [copy[i], a[2]]) is true) copy[i] = a[2];
                return copy;
            }
            if (Int(a[1]) is not { } p || p == 0 || Math.Abs(p) > list.Count) return Fail(r, "list replace(): ungültige Position.");
            copy[p > 0 ? p - 1 : list.Count + p] = a[2];
            return copy;
        }));
    }

    private static List<decimal>? Numbers(FeelRuntime runtime, object? value)
    {
        if (AsList(value) is not { } list || list.Any(i => i is not decimal))
        {
            runtime.Warn("Erwartet wird eine Liste von Zahlen.");
            return null;
        }
        return list.Cast<decimal>().ToList();
    }

    private static object? Extreme(FeelRuntime runtime, object? value, int sign)
    {
        if (AsList(value) is not { } list) return Fail(runtime, "Erwartet wird eine Liste.");
        if (list.Count == 0) return null;
        var best = list[0];
        foreach (var item in list.Skip(1))
        {
            if (FeelOps.Compare(item, best) is not { } order) return Fail(runtime, "Die Elemente der Liste sind nicht vergleichbar.");
            if (order * sign > 0) best = item;
        }
        return best is null || FeelOps.Compare(best, best) is null ? Fail(runtime, "Die Elemente der Liste sind nicht vergleichbar.") : best;
    }

    private static object? Bools(FeelRuntime runtime, List<object?> list, bool all)
    {
        if (list.Any(i => i is not (null or bool))) return Fail(runtime, "Erwartet wird eine Liste von Wahrheitswerten.");
        if (all) return list.Contains(false) ? false : list.Contains(null) ? null : true;
        return list.Contains(true) ? true : list.Contains(null) ? null : false;
    }

    private static List<object?> Distinct(IEnumerable<object?> items)
    {
        var result = new List<object?>();
        foreach (var item in items)
            if (!result.Any(r => FeelOps.Equal(r, item) == true)) result.Add(item);
        return result;
    }

    private static List<object?> Flatten(List<object?> list, List<object?> into)
    {
        foreach (var item in list)
        {
            if (item is List<object?> inner) Flatten(inner, into);
            else into.Add(item);
        }
        return into;
    }

    private static object? Sort(FeelRuntime runtime, object? value, object? precedes)
    {
        if (AsList(value) is not { } list) return Fail(runtime, "sort() braucht eine Liste.");
        Comparison<object?> compare;
        if (precedes is FeelFunction function)
            compare = (x, y) => function.Invoke(runtime, [x, y]) is true ? -1 : function.Invoke(runtime, [y, x]) is true ? 1 : 0;
        else if (precedes is null)
        {
            if (list.Count > 0 && list.Any(i => FeelOps.Compare(i, list[0]) is null)) return Fail(runtime, "sort(): die Elemente sind nicht vergleichbar.");
            compare = (x, y) => FeelOps.Compare(x, y) ?? 0;
        }
        else return Fail(runtime, "sort(): der zweite Parameter muss eine Funktion sein.");
        runtime.Step(list.Count);
        // A stable merge sort: it asks precedes() only about pairs and tolerates inconsistent answers.
        return MergeSort(list, compare);
    }

    private static List<object?> MergeSort(List<object?> list, Comparison<object?> compare)
    {
        if (list.Count < 2) return list.ToList();
        var left = MergeSort(list.GetRange(0, list.Count / 2), compare);
        var right = MergeSort(list.GetRange(list.Count / 2, list.Count - list.Count / 2), compare);
        var merged = new List<object?>(list.Count);
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count) merged.Add(compare(right[j], left[i]) < 0 ? right[j++] : left[i++]);
        merged.AddRange(left.Skip(i));
        merged.AddRange(right.Skip(j));
        return merged;
    }
}

namespace Automation.Workforce.Tests;

/// <summary>
/// The attacker of the suppression tests, written apart from the implementation: it knows what each printed cell
/// means (which cells add up to which), treats every suppressed or unprinted count as an unknown whole number in a
/// range, and enumerates every assignment consistent with the printed numbers. A count is revealed when all
/// consistent assignments give it the same value.
/// </summary>
internal sealed class IntegerAttack
{
    private readonly Dictionary<string, int?> known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Low, int High)> ranges = new(StringComparer.Ordinal);
    private readonly List<(string Cell, int Coefficient)[]> relations = [];

    /// <summary>A printed cell (value) or a suppressed one (null, at least 1: zeros are printed).</summary>
    public void Printed(string cell, int? value, int high)
    {
        known[cell] = value;
        if (value is null) ranges[cell] = (1, high);
    }

    /// <summary>A count that is never printed (at least 0).</summary>
    public void Unprinted(string cell, int high)
    {
        known[cell] = null;
        ranges[cell] = (0, high);
    }

    /// <summary>total = Σ parts.</summary>
    public void Sum(string total, params string[] parts) => relations.Add([(total, 1), .. parts.Select(p => (p, -1))]);

    /// <summary>Σ coefficient × cell = 0.</summary>
    public void Relation(params (string Cell, int Coefficient)[] terms) => relations.Add(terms);

    /// <summary>Every value each unknown can take, or null when no assignment fits (the printed numbers contradict the relations).</summary>
    /// <remarks>Stops early once every cell of <paramref name="targets"/> has two values (it is then not revealed).</remarks>
    public IReadOnlyDictionary<string, SortedSet<int>>? Feasible(IReadOnlyCollection<string>? targets = null, int maxSolutions = 5_000_000)
    {
        foreach (var r in relations)
        {
            foreach (var (cell, _) in r) if (!known.ContainsKey(cell)) throw new InvalidOperationException($"Unknown cell {cell}.");
        }
        var unknowns = known.Where(k => k.Value is null).Select(k => k.Key).ToList();
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (k, v) in known) if (v is { } x) values[k] = x;
        var seen = unknowns.ToDictionary(u => u, _ => new SortedSet<int>(), StringComparer.Ordinal);
        var solutions = 0;
        var found = false;

        bool Done() => targets is { Count: > 0 } && targets.All(t => seen[t].Count >= 2);

        bool Check()
        {
            foreach (var r in relations)
            {
                if (r.All(t => values.ContainsKey(t.Cell)) && r.Sum(t => (long)t.Coefficient * values[t.Cell]) != 0) return false;
            }
            return true;
        }

        void Search()
        {
            if (solutions >= maxSolutions || Done()) return;
            if (!Check()) return;
            // A relation with one open cell fixes it.
            foreach (var r in relations)
            {
                var open = r.Where(t => !values.ContainsKey(t.Cell)).Select(t => t.Cell).Distinct().ToList();
                if (open.Count != 1) continue;
                var cell = open[0];
                var coefficient = r.Where(t => t.Cell == cell).Sum(t => t.Coefficient);
                if (coefficient == 0) continue;
                var rest = r.Where(t => t.Cell != cell).Sum(t => (long)t.Coefficient * values[t.Cell]);
                if (rest % coefficient != 0) return;
                var forced = (int)(-rest / coefficient);
                var (low, high) = ranges[cell];
                if (forced < low || forced > high) return;
                values[cell] = forced;
                Search();
                values.Remove(cell);
                return;
            }
            var next = unknowns.FirstOrDefault(u => !values.ContainsKey(u));
            if (next is null)
            {
                found = true;
                solutions++;
                foreach (var u in unknowns) seen[u].Add(values[u]);
                return;
            }
            var (lo, hi) = ranges[next];
            for (var v = lo; v <= hi; v++)
            {
                values[next] = v;
                Search();
                values.Remove(next);
            }
        }

        Search();
        return found ? seen : null;
    }
}

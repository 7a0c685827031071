using Automation.Engine.Accounting;

namespace Automation.Workforce.Reporting;

/// <summary>A count of people that may be suppressed.</summary>
/// <param name="Value">The count, or null when suppressed.</param>
/// <param name="Suppressed">Whether the cell is suppressed (too few people, or to protect another suppressed cell).</param>
public readonly record struct PeopleCell(int? Value, bool Suppressed)
{
    /// <summary>The mark of a suppressed cell on every rendering (page, workbook, e-mail).</summary>
    public const string Mark = "•";

    /// <inheritdoc />
    /// <remarks>A suppressed cell shows only <see cref="Mark"/>, never "&lt; 5": a cell suppressed to protect another one may hold any count.</remarks>
    public override string ToString() => Suppressed ? Mark : Value!.Value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("de-DE"));
}

/// <summary>Handle of a cell in <see cref="PeopleCounts"/>.</summary>
/// <param name="Index">Position in the table.</param>
public readonly record struct PeopleCountId(int Index);

/// <summary>
/// The one suppression routine for counts of people (docs/methodology.md, "Arbeitsmarktwirkung"): every table of the
/// employment-office report adds its counts here, together with every sum that ties counts to each other, within a
/// table and across tables (totals and subtotals, headcount and affected, proposed and its outcomes, groups of
/// skills). Counts that are never printed but follow from printed ones (those not affected, those who declined, those
/// lacking one skill but not another) are added as hidden cells, because a difference of printed cells reveals them.
/// <para>
/// Rule: no count of 1 to 4 people (<see cref="PrivacyGate.ReleasesPeopleCount"/>) may be printed or follow from
/// printed counts. Counts of 1–4 are suppressed (primary). Then, until nothing changes, (a) a count of 1–4 that the
/// printed counts determine through the sums (linear algebra over the unknown cells) and (b) a sum that holds a count
/// of 1–4 among its unknowns and a printed non-zero count, but no unknown of at least 5 people, get one more printed
/// cell suppressed: the smallest printed non-zero cell of such a sum (complementary suppression). Rule (b) keeps an
/// unknown of at least 5 beside every small one; (c) interval propagation over all sums (no count is negative, a
/// suppressed count is not 0) must leave every small unknown a range that reaches 5, else a sum around it gets one more
/// cell suppressed, so bounds across several sums cannot pin it either. Choices depend only on which counts are small
/// and on printed values, never on the value of a small count.
/// </para>
/// </summary>
public sealed class PeopleCounts
{
    private readonly List<(string Key, int Value, bool Hidden)> cells = [];
    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);
    private readonly List<Dictionary<int, int>> sums = [];

    /// <summary>Number of cells.</summary>
    public int Count => cells.Count;

    /// <summary>
    /// A printed count. The same key always names the same group of people (e.g. the positions of an occupation that
    /// appear in several tables), so it is one cell and is suppressed alike everywhere.
    /// </summary>
    /// <exception cref="ArgumentException">The key exists with another value.</exception>
    public PeopleCountId Add(string key, int value) => Cell(key, value, hidden: false);

    /// <summary>A count that is never printed but follows from printed counts (it must stay unknown when small).</summary>
    public PeopleCountId Hidden(string key, int value) => Cell(key, value, hidden: true);

    /// <summary>Records that <paramref name="total"/> = Σ <paramref name="parts"/>.</summary>
    /// <exception cref="ArgumentException">The values do not add up (a builder mistake, never user input).</exception>
    public void Sum(PeopleCountId total, IEnumerable<PeopleCountId> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0) return;
        Relation(list.Select(p => (p, -1)).Prepend((total, 1)));
    }

    /// <summary>Records that Σ coefficient × count = 0 (e.g. union + intersection − one − other = 0).</summary>
    /// <exception cref="ArgumentException">The values do not satisfy it (a builder mistake, never user input).</exception>
    public void Relation(IEnumerable<(PeopleCountId Id, int Coefficient)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var row = new Dictionary<int, int>();
        foreach (var (id, coefficient) in terms) row[id.Index] = row.GetValueOrDefault(id.Index) + coefficient;
        foreach (var zero in row.Where(kv => kv.Value == 0).Select(kv => kv.Key).ToList()) row.Remove(zero);
        if (row.Count == 0) return;
        if (row.Sum(kv => (long)kv.Value * cells[kv.Key].Value) != 0)
        {
            throw new ArgumentException($"The counts {string.Join(", ", row.Keys.Select(k => cells[k].Key))} do not satisfy the relation.", nameof(terms));
        }
        sums.Add(row);
    }

    /// <summary>Suppresses (primary and complementary) and returns what may be printed.</summary>
    public SuppressedCounts Solve()
    {
        var n = cells.Count;
        var suppressed = new bool[n];
        for (var i = 0; i < n; i++) suppressed[i] = !cells[i].Hidden && Small(i);
        while (true)
        {
            var unknown = Enumerable.Range(0, n).Select(i => cells[i].Hidden || suppressed[i]).ToArray();
            var next = NextComplement(unknown);
            if (next is null) break;
            suppressed[next.Value] = true;
        }
        return new SuppressedCounts(cells.Select((c, i) => c.Hidden ? default : suppressed[i] ? new PeopleCell(null, true) : new PeopleCell(c.Value, false)).ToList());
    }

    private PeopleCountId Cell(string key, int value, bool hidden)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (byKey.TryGetValue(key, out var existing))
        {
            if (cells[existing].Value != value) throw new ArgumentException($"{key} has two values ({cells[existing].Value}, {value}).", nameof(value));
            // Printed anywhere means printed: a hidden cell that another table prints becomes a printed one.
            if (!hidden && cells[existing].Hidden) cells[existing] = (key, value, false);
            return new PeopleCountId(existing);
        }
        cells.Add((key, value, hidden));
        byKey[key] = cells.Count - 1;
        return new PeopleCountId(cells.Count - 1);
    }

    private bool Small(int i) => !PrivacyGate.ReleasesPeopleCount(cells[i].Value);

    private bool Large(int i) => cells[i].Value >= PrivacyGate.MinPeople;

    /// <summary>The next printed cell to suppress, or null when every small unknown is safe.</summary>
    private int? NextComplement(bool[] unknown)
    {
        foreach (var cell in Determined(unknown).Where(Small).Order())
        {
            // A determined small count: suppress the smallest printed non-zero cell of a sum that holds it, taking
            // first the sums with the fewest unknowns (those pin it down).
            foreach (var row in sums.Where(r => r.ContainsKey(cell)).OrderBy(r => r.Keys.Count(i => unknown[i])))
            {
                if (Complement([row], unknown) is { } c) return c;
            }
        }
        foreach (var row in sums)
        {
            var unknowns = row.Keys.Where(i => unknown[i]).ToList();
            if (!unknowns.Any(Small) || unknowns.Any(Large)) continue;
            if (Complement([row], unknown) is { } c) return c;
        }
        // Bounds: an attacker knows a suppressed count is at least 1 and a hidden one at least 0, and narrows each
        // unknown through the sums. A small count must keep an interval that reaches the threshold, so the printed
        // cells do not even tell that the group is small.
        var (_, high) = Bounds(unknown);
        foreach (var cell in Enumerable.Range(0, cells.Count).Where(i => unknown[i] && Small(i) && high[i] < PrivacyGate.MinPeople))
        {
            var rows = sums.Where(r => r.ContainsKey(cell)).OrderBy(r => r.Keys.Count(i => unknown[i])).ToList();
            foreach (var row in rows)
            {
                if (Complement([row], unknown) is { } c) return c;
            }
            // Every sum around it is fully unknown: widen through a neighbouring sum.
            var neighbours = rows.SelectMany(r => r.Keys).Where(i => unknown[i]).ToHashSet();
            var outer = sums.Where(r => r.Keys.Any(neighbours.Contains)).OrderBy(r => r.Keys.Count(i => unknown[i]));
            if (Complement(outer, unknown) is { } d) return d;
        }
        return null;
    }

    /// <summary>Interval propagation over the sums: the range each unknown can take given the printed cells.</summary>
    private (long[] Low, long[] High) Bounds(bool[] unknown)
    {
        const long Unbounded = long.MaxValue / 1024;
        var n = cells.Count;
        var low = new long[n];
        var high = new long[n];
        for (var i = 0; i < n; i++)
        {
            low[i] = unknown[i] ? (cells[i].Hidden ? 0 : 1) : cells[i].Value;
            high[i] = unknown[i] ? Unbounded : cells[i].Value;
        }
        for (var round = 0; round < 100; round++)
        {
            var changed = false;
            foreach (var row in sums)
            {
                foreach (var (i, ci) in row)
                {
                    if (!unknown[i]) continue;
                    // ci·x_i = −Σ_{j≠i} cj·x_j
                    long min = 0, max = 0;
                    foreach (var (j, cj) in row)
                    {
                        if (j == i) continue;
                        min += cj > 0 ? cj * low[j] : cj * high[j];
                        max += cj > 0 ? cj * high[j] : cj * low[j];
                    }
                    if (Math.Abs(min) >= Unbounded || Math.Abs(max) >= Unbounded) continue;
                    double a = -max / (double)ci, b = -min / (double)ci;
                    var lo = (long)Math.Ceiling(Math.Min(a, b) - 1e-9);
                    var hi = (long)Math.Floor(Math.Max(a, b) + 1e-9);
                    if (lo > low[i]) { low[i] = lo; changed = true; }
                    if (hi < high[i]) { high[i] = hi; changed = true; }
                }
            }
            if (!changed) break;
        }
        return (low, high);
    }

    private int? Complement(IEnumerable<Dictionary<int, int>> rows, bool[] unknown)
    {
        var candidates = rows.SelectMany(r => r.Keys.Where(i => !unknown[i] && cells[i].Value > 0)).Distinct()
            .OrderBy(i => cells[i].Value).ThenBy(i => i).ToList();
        return candidates.Count > 0 ? candidates[0] : null;
    }

    /// <summary>
    /// Unknown cells whose value the sums and the printed cells fix. Per connected group of unknowns the sums are
    /// reduced to row echelon form over the unknown columns; an unknown is fixed when its pivot row has no other
    /// unknown left.
    /// </summary>
    private List<int> Determined(bool[] unknown)
    {
        var result = new List<int>();
        var rows = sums.Select(r => r.Where(kv => unknown[kv.Key]).ToDictionary(kv => kv.Key, kv => kv.Value)).Where(r => r.Count > 0).ToList();
        // Connected components over unknown columns (union–find), so each elimination stays small.
        var parent = Enumerable.Range(0, cells.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var r in rows)
        {
            var first = r.Keys.First();
            foreach (var k in r.Keys) parent[Find(k)] = Find(first);
        }
        foreach (var component in rows.GroupBy(r => Find(r.Keys.First())))
        {
            var columns = component.SelectMany(r => r.Keys).Distinct().Order().ToArray();
            var index = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
            var m = component.Select(r =>
            {
                var dense = new double[columns.Length];
                foreach (var (k, v) in r) dense[index[k]] = v;
                return dense;
            }).ToList();
            var rank = 0;
            var pivots = new List<(int Row, int Column)>();
            for (var col = 0; col < columns.Length && rank < m.Count; col++)
            {
                var best = rank;
                for (var r = rank + 1; r < m.Count; r++) if (Math.Abs(m[r][col]) > Math.Abs(m[best][col])) best = r;
                if (Math.Abs(m[best][col]) < 1e-9) continue;
                (m[rank], m[best]) = (m[best], m[rank]);
                var pivot = m[rank][col];
                for (var k = 0; k < columns.Length; k++) m[rank][k] /= pivot;
                for (var r = 0; r < m.Count; r++)
                {
                    if (r == rank || Math.Abs(m[r][col]) < 1e-12) continue;
                    var factor = m[r][col];
                    for (var k = 0; k < columns.Length; k++) m[r][k] -= factor * m[rank][k];
                }
                pivots.Add((rank, col));
                rank++;
            }
            foreach (var (row, col) in pivots)
            {
                var only = true;
                for (var k = 0; k < columns.Length && only; k++) only = k == col || Math.Abs(m[row][k]) < 1e-9;
                if (only) result.Add(columns[col]);
            }
        }
        return result;
    }
}

/// <summary>The cells of a <see cref="PeopleCounts"/> after suppression.</summary>
public sealed class SuppressedCounts
{
    private readonly IReadOnlyList<PeopleCell> cells;

    internal SuppressedCounts(IReadOnlyList<PeopleCell> cells) => this.cells = cells;

    /// <summary>The printed form of a cell.</summary>
    public PeopleCell this[PeopleCountId id] => cells[id.Index];
}

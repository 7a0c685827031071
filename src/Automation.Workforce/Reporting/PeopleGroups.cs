namespace Automation.Workforce.Reporting;

/// <summary>Handle of a group in <see cref="PeopleGroups"/>.</summary>
/// <param name="Index">Position.</param>
public readonly record struct PeopleGroupId(int Index);

/// <summary>
/// The report's counts of people as the groups they count: each printed count is the size of a set of member keys
/// (positions "position:…", consenting profiles "profile:…"; keys never leave this type). From the sets themselves it
/// finds every relation a reader could use, in every table and across tables, and hands them to
/// <see cref="PeopleCounts"/>:
/// <list type="bullet">
/// <item>the same group printed twice (in two tables, as a row and as a total) is one cell, suppressed alike;</item>
/// <item>a group inside another: their difference is a group too (headcount − affected, proposed − accepted,
/// lacking skill A − lacking skill B when the second set lies inside the first);</item>
/// <item>disjoint groups inside another: the other minus their sum is a group (total − rows, proposed − accepted −
/// declined, one status in the progress table − the same status over the plan's offers);</item>
/// <item>two overlapping groups whose union is printed: their overlap is a group.</item>
/// </list>
/// </summary>
public sealed class PeopleGroups
{
    private readonly List<string[]> sets = [];
    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);

    /// <summary>A printed count: the number of distinct <paramref name="members"/>.</summary>
    public PeopleGroupId Add(IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var sorted = members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var key = Key(sorted);
        if (byKey.TryGetValue(key, out var existing)) return new PeopleGroupId(existing);
        sets.Add(sorted);
        byKey[key] = sets.Count - 1;
        return new PeopleGroupId(sets.Count - 1);
    }

    /// <summary>Suppresses and returns what may be printed for each group.</summary>
    public SuppressedGroups Solve()
    {
        var counts = new PeopleCounts();
        var ids = sets.Select(s => counts.Add(Key(s), s.Length)).ToList();
        var members = sets.Select(s => s.ToHashSet(StringComparer.Ordinal)).ToList();
        for (var t = 0; t < sets.Count; t++)
        {
            var children = Enumerable.Range(0, sets.Count)
                .Where(s => s != t && sets[s].Length > 0 && sets[s].Length < sets[t].Length && members[t].IsSupersetOf(sets[s])).ToList();
            foreach (var s in children)
            {
                var rest = sets[t].Where(m => !members[s].Contains(m)).ToArray();
                counts.Sum(ids[t], [ids[s], counts.Hidden(Key(rest), rest.Length)]);
            }
            // Disjoint children: the total minus their sum is a group as well. One family per child as its seed, then
            // the others largest first, so each way of splitting the total (rows, or columns) is recorded.
            var ordered = children.OrderByDescending(s => sets[s].Length).ThenBy(s => s).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var seed in ordered)
            {
                var family = new List<int> { seed };
                var covered = new HashSet<string>(sets[seed], StringComparer.Ordinal);
                foreach (var s in ordered)
                {
                    if (s == seed || sets[s].Any(covered.Contains)) continue;
                    family.Add(s);
                    covered.UnionWith(sets[s]);
                }
                if (family.Count < 2 || !seen.Add(string.Join(',', family.Order()))) continue;
                var remainder = sets[t].Where(m => !covered.Contains(m)).ToArray();
                var parts = family.Select(s => ids[s]).ToList();
                if (remainder.Length > 0) parts.Add(counts.Hidden(Key(remainder), remainder.Length));
                counts.Sum(ids[t], parts);
            }
        }
        for (var a = 0; a < sets.Count; a++)
        {
            for (var b = a + 1; b < sets.Count; b++)
            {
                var overlap = sets[a].Where(members[b].Contains).ToArray();
                if (overlap.Length == 0 || overlap.Length == sets[a].Length || overlap.Length == sets[b].Length) continue;
                var union = Key(sets[a].Union(sets[b], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
                if (!byKey.TryGetValue(union, out var v)) continue;
                counts.Relation([(ids[v], 1), (counts.Hidden(Key(overlap), overlap.Length), 1), (ids[a], -1), (ids[b], -1)]);
            }
        }
        var solved = counts.Solve();
        return new SuppressedGroups(ids.Select(i => solved[i]).ToList());
    }

    private static string Key(IEnumerable<string> sorted) => string.Join('\u001f', sorted);
}

/// <summary>The groups of a <see cref="PeopleGroups"/> after suppression.</summary>
public sealed class SuppressedGroups
{
    private readonly IReadOnlyList<PeopleCell> cells;

    internal SuppressedGroups(IReadOnlyList<PeopleCell> cells) => this.cells = cells;

    /// <summary>The printed form of a group's count.</summary>
    public PeopleCell this[PeopleGroupId id] => cells[id.Index];
}

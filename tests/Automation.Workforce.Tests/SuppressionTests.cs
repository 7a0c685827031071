using Automation.Workforce.Reporting;

namespace Automation.Workforce.Tests;

/// <summary>The one suppression routine against an attacker who knows how the cells add up.</summary>
public sealed class SuppressionTests
{
    private static string[] Members(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}:{i}").ToArray();

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    public void No_count_of_one_to_four_follows_from_a_table_with_row_column_and_grand_totals(int rows, int columns)
    {
        var random = new Random(rows * 100 + columns);
        // The 3 × 3 table has many unknowns, so each of its rounds is a large enumeration.
        for (var round = 0; round < (rows * columns > 6 ? 25 : 60); round++)
        {
            // Counts of 0, 1–4 and 5–12 people per cell, each cell its own people.
            var values = new int[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var roll = random.NextDouble();
                    values[r, c] = roll < 0.15 ? 0 : roll < 0.5 ? random.Next(1, 5) : random.Next(5, 13);
                }
            }
            var groups = new PeopleGroups();
            var inner = new PeopleGroupId[rows, columns];
            var rowTotals = new PeopleGroupId[rows];
            var columnTotals = new PeopleGroupId[columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++) inner[r, c] = groups.Add(Members($"{r}.{c}", values[r, c]));
            }
            for (var r = 0; r < rows; r++) rowTotals[r] = groups.Add(Enumerable.Range(0, columns).SelectMany(c => Members($"{r}.{c}", values[r, c])));
            for (var c = 0; c < columns; c++) columnTotals[c] = groups.Add(Enumerable.Range(0, rows).SelectMany(r => Members($"{r}.{c}", values[r, c])));
            var grand = groups.Add(Enumerable.Range(0, rows).SelectMany(r => Enumerable.Range(0, columns).SelectMany(c => Members($"{r}.{c}", values[r, c]))));
            var solved = groups.Solve();

            var total = values.Cast<int>().Sum();
            // The attacker's upper bound is public (the establishment's staff size at the report's head), not the
            // suppressed grand total: here twice the true total.
            var bound = 2 * total;
            var attack = new IntegerAttack();
            var targets = new List<string>();
            void Cell(string name, PeopleCell printed, int truth)
            {
                // A printed count is its true value, never 1–4; a suppressed one is never a 0.
                if (!printed.Suppressed) Assert.Equal(truth, printed.Value);
                Assert.False(!printed.Suppressed && truth is > 0 and < 5, $"{name} = {truth} printed");
                Assert.False(printed.Suppressed && truth == 0, $"{name} = 0 suppressed");
                attack.Printed(name, printed.Suppressed ? null : truth, bound);
                if (printed.Suppressed && truth is > 0 and < 5) targets.Add(name);
            }
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++) Cell($"c{r}{c}", solved[inner[r, c]], values[r, c]);
                Cell($"r{r}", solved[rowTotals[r]], Enumerable.Range(0, columns).Sum(c => values[r, c]));
            }
            for (var c = 0; c < columns; c++) Cell($"k{c}", solved[columnTotals[c]], Enumerable.Range(0, rows).Sum(r => values[r, c]));
            Cell("g", solved[grand], total);
            for (var r = 0; r < rows; r++) attack.Sum($"r{r}", Enumerable.Range(0, columns).Select(c => $"c{r}{c}").ToArray());
            for (var c = 0; c < columns; c++) attack.Sum($"k{c}", Enumerable.Range(0, rows).Select(r => $"c{r}{c}").ToArray());
            attack.Sum("g", Enumerable.Range(0, rows).Select(r => $"r{r}").ToArray());
            attack.Sum("g", Enumerable.Range(0, columns).Select(c => $"k{c}").ToArray());

            var feasible = attack.Feasible(targets);
            Assert.NotNull(feasible);
            foreach (var t in targets) Assert.True(feasible[t].Count >= 2, $"round {round}: {t} is revealed as {string.Join("/", feasible[t])}");
        }
    }

    [Fact]
    public void Headcount_beside_a_suppressed_affected_count_is_suppressed_when_the_rest_is_small()
    {
        // 12 positions, 9 affected: the 3 unaffected are a group of 3 that 12 − 9 would reveal.
        var groups = new PeopleGroups();
        var employed = groups.Add(Members("p", 12));
        var affected = groups.Add(Members("p", 9));
        var solved = groups.Solve();
        Assert.True(solved[employed].Suppressed || solved[affected].Suppressed);

        // 12 positions, 3 affected: 3 is suppressed; 12 stays, because the 9 others hide it.
        groups = new PeopleGroups();
        employed = groups.Add(Members("p", 12));
        affected = groups.Add(Members("p", 3));
        solved = groups.Solve();
        Assert.True(solved[affected].Suppressed);
        Assert.Equal(12, solved[employed].Value);
    }

    [Fact]
    public void Declined_cannot_be_computed_from_proposed_accepted_and_open()
    {
        // 10 proposed: 4 open, 3 accepted (of whom 0 completed), 3 declined. Every sum of printed columns must hide the small ones.
        var all = Members("x", 10);
        var groups = new PeopleGroups();
        var proposed = groups.Add(all);
        var open = groups.Add(all[..4]);
        var accepted = groups.Add(all[4..7]);
        var completed = groups.Add([]);
        var declined = groups.Add(all[7..]);
        var solved = groups.Solve();
        Assert.True(solved[open].Suppressed && solved[accepted].Suppressed && solved[declined].Suppressed);
        Assert.Equal(0, solved[completed].Value);
        // With three small parts and a printed total, each part still has several possible values.
        var attack = new IntegerAttack();
        attack.Printed("p", solved[proposed].Value, 10);
        attack.Printed("o", null, 10);
        attack.Printed("a", null, 10);
        attack.Printed("d", null, 10);
        attack.Sum("p", "o", "a", "d");
        if (solved[proposed].Suppressed) return;
        var feasible = attack.Feasible();
        Assert.NotNull(feasible);
        Assert.All(feasible.Values, v => Assert.True(v.Count >= 2));
    }

    [Fact]
    public void Skill_groups_inside_each_other_do_not_reveal_their_difference()
    {
        // 8 people lack e-akte, 5 of them also lack datenanalyse: 8 − 5 = 3 would name a group of three.
        var people = Members("q", 8);
        var groups = new PeopleGroups();
        var eAkte = groups.Add(people);
        var analysis = groups.Add(people[..5]);
        var solved = groups.Solve();
        Assert.True(solved[eAkte].Suppressed || solved[analysis].Suppressed);
    }

    [Fact]
    public void The_same_group_in_two_tables_is_suppressed_in_both()
    {
        var groups = new PeopleGroups();
        var first = groups.Add(Members("p", 6));
        var again = groups.Add(Members("p", 6).Reverse());
        var small = groups.Add(Members("p", 6)[..2]);
        var solved = groups.Solve();
        Assert.True(solved[small].Suppressed);
        Assert.Equal(solved[first], solved[again]);
    }

    [Fact]
    public void Two_overlapping_groups_with_a_printed_union_do_not_reveal_their_overlap()
    {
        // A = 7, B = 8, A ∪ B = 13: the overlap 2 = 7 + 8 − 13.
        var a = Members("m", 7);
        var b = Members("m", 13)[5..];
        var groups = new PeopleGroups();
        var ga = groups.Add(a);
        var gb = groups.Add(b);
        var union = groups.Add(a.Union(b));
        var solved = groups.Solve();
        Assert.True(solved[ga].Suppressed || solved[gb].Suppressed || solved[union].Suppressed);
    }

    [Fact]
    public void A_suppressed_cell_prints_only_the_mark_and_never_says_under_five()
    {
        Assert.Equal("•", new PeopleCell(null, true).ToString());
        Assert.Equal("1.234", new PeopleCell(1234, false).ToString());
    }
}

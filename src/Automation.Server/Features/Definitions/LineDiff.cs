using System.Globalization;
using System.Text;
using DiffPlex;

namespace Automation.Server.Features.Definitions;

/// <summary>
/// A unified line diff of two texts, with three lines of context per hunk, in memory linear in the texts.
/// Lines are numbered by content; the common prefix and suffix are cut; lines that occur once on each side anchor
/// the rest (patience diff), and the stretches between anchors go to DiffPlex's Myers diff. Myers takes time
/// proportional to the lines times the edit distance, which made two unrelated 16,000-line versions take seconds,
/// so its work is budgeted: a stretch beyond the budget is shown as removed and added as a whole. The result is always
/// a correct edit script; only in those stretches it may be longer than the shortest one.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;

    /// <summary>Largest stretch (old + new lines) handed to Myers in one piece; larger ones are split at anchors first.</summary>
    private const int MyersPiece = 2_000;

    /// <summary>Total Myers work allowed per diff, counted as the square of each piece's length (≈ 0.5 s on this machine).</summary>
    private const long MyersBudget = 40_000_000;

    /// <summary>Anchor recursion deeper than this shows the stretch whole; keeps the stack and the time bounded.</summary>
    private const int MaxDepth = 24;

    /// <summary>Line kinds of an edit script.</summary>
    internal enum Kind { Same, Removed, Added }

    /// <summary>One line of the edit script with its line numbers in the old and new text (1-based, 0 when absent).</summary>
    internal readonly record struct Line(Kind Kind, string Text, int OldNumber, int NewNumber);

    public static IReadOnlyList<Line> Compare(string oldText, string newText)
    {
        var a = Split(oldText);
        var b = Split(newText);
        var (x, y) = Number(a, b);
        var script = new Script(a, b, x, y);
        script.Diff(0, a.Length, 0, b.Length, 0);
        return script.Lines;
    }

    /// <summary>The unified diff text (<c>---</c>/<c>+++</c> headers and <c>@@</c> hunks); empty when the texts are equal.</summary>
    public static string Unified(string oldText, string newText, string oldName, string newName)
    {
        var lines = Compare(oldText, newText);
        var changed = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != Kind.Same) changed.Add(i);
        }
        if (changed.Count == 0) return "";
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        var h = 0;
        while (h < changed.Count)
        {
            var start = Math.Max(0, changed[h] - Context);
            var end = Math.Min(lines.Count - 1, changed[h] + Context);
            while (h + 1 < changed.Count && changed[h + 1] - Context <= end + 1)
            {
                h++;
                end = Math.Min(lines.Count - 1, changed[h] + Context);
            }
            int oldStart = 0, newStart = 0, oldCount = 0, newCount = 0;
            for (var i = start; i <= end; i++)
            {
                var line = lines[i];
                if (line.Kind != Kind.Added && oldCount++ == 0) oldStart = line.OldNumber;
                if (line.Kind != Kind.Removed && newCount++ == 0) newStart = line.NewNumber;
            }
            sb.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
            for (var i = start; i <= end; i++)
            {
                var line = lines[i];
                sb.Append(line.Kind switch { Kind.Added => '+', Kind.Removed => '-', _ => ' ' }).Append(line.Text).Append('\n');
            }
            h++;
        }
        return sb.ToString();
    }

    private static string[] Split(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>Each distinct line gets a number, so the rest compares integers.</summary>
    private static (int[] A, int[] B) Number(string[] a, string[] b)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Map(string[] lines)
        {
            var result = new int[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                if (!numbers.TryGetValue(lines[i], out var n)) numbers[lines[i]] = n = numbers.Count;
                result[i] = n;
            }
            return result;
        }
        return (Map(a), Map(b));
    }

    /// <summary>Builds the edit script in order, stretch by stretch.</summary>
    private sealed class Script(string[] a, string[] b, int[] x, int[] y)
    {
        private long budget = MyersBudget;

        public List<Line> Lines { get; } = new(a.Length + b.Length);

        /// <summary>The edit script of old lines [a0, a1) against new lines [b0, b1).</summary>
        public void Diff(int a0, int a1, int b0, int b1, int depth)
        {
            var prefix = 0;
            while (a0 + prefix < a1 && b0 + prefix < b1 && x[a0 + prefix] == y[b0 + prefix]) prefix++;
            for (var k = 0; k < prefix; k++) Same(a0 + k, b0 + k);
            a0 += prefix;
            b0 += prefix;
            var suffix = 0;
            while (a1 - suffix > a0 && b1 - suffix > b0 && x[a1 - suffix - 1] == y[b1 - suffix - 1]) suffix++;
            Middle(a0, a1 - suffix, b0, b1 - suffix, depth);
            for (var k = suffix; k > 0; k--) Same(a1 - k, b1 - k);
        }

        private void Middle(int a0, int a1, int b0, int b1, int depth)
        {
            var length = (a1 - a0) + (b1 - b0);
            if (a0 == a1 || b0 == b1) Whole(a0, a1, b0, b1);
            else if (length <= MyersPiece) Myers(a0, a1, b0, b1);
            else if (depth < MaxDepth && Anchors(a0, a1, b0, b1) is { Count: > 0 } anchors)
            {
                foreach (var (ai, bi) in anchors)
                {
                    Diff(a0, ai, b0, bi, depth + 1);
                    Same(ai, bi);
                    a0 = ai + 1;
                    b0 = bi + 1;
                }
                Diff(a0, a1, b0, b1, depth + 1);
            }
            else Myers(a0, a1, b0, b1);
        }

        /// <summary>Myers' diff through DiffPlex on one stretch, or the whole stretch replaced once the budget is spent.</summary>
        private void Myers(int a0, int a1, int b0, int b1)
        {
            long length = (a1 - a0) + (b1 - b0);
            if (length * length > budget)
            {
                Whole(a0, a1, b0, b1);
                return;
            }
            budget -= length * length;
            var result = Differ.Instance.CreateCustomDiffs(Tokens(x, a0, a1), Tokens(y, b0, b1), false, t => t.Split('\n'));
            int i = a0, j = b0;
            foreach (var block in result.DiffBlocks)
            {
                while (i < a0 + block.DeleteStartA) Same(i++, j++);
                for (var k = 0; k < block.DeleteCountA; k++) Removed(i++);
                for (var k = 0; k < block.InsertCountB; k++) Added(j++);
            }
            while (i < a1) Same(i++, j++);
        }

        private static string Tokens(int[] numbers, int from, int to) =>
            string.Join('\n', numbers.AsSpan(from, to - from).ToArray().Select(n => n.ToString(CultureInfo.InvariantCulture)));

        /// <summary>
        /// Lines occurring exactly once in each stretch, in an order both sides agree on: the longest increasing run of
        /// their new positions by old position (patience sorting, n log n).
        /// </summary>
        private List<(int A, int B)> Anchors(int a0, int a1, int b0, int b1)
        {
            var counts = new Dictionary<int, (int InA, int InB, int PosB)>();
            for (var j = b0; j < b1; j++)
            {
                counts.TryGetValue(y[j], out var c);
                counts[y[j]] = (0, c.InB + 1, j);
            }
            for (var i = a0; i < a1; i++)
            {
                if (counts.TryGetValue(x[i], out var c)) counts[x[i]] = c with { InA = c.InA + 1 };
            }
            var candidates = new List<(int A, int B)>();
            for (var i = a0; i < a1; i++)
            {
                if (counts.TryGetValue(x[i], out var c) && c.InA == 1 && c.InB == 1) candidates.Add((i, c.PosB));
            }
            return LongestIncreasing(candidates);
        }

        private static List<(int A, int B)> LongestIncreasing(List<(int A, int B)> items)
        {
            var tails = new List<int>();
            var previous = new int[items.Count];
            for (var k = 0; k < items.Count; k++)
            {
                int lo = 0, hi = tails.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (items[tails[mid]].B < items[k].B) lo = mid + 1;
                    else hi = mid;
                }
                previous[k] = lo > 0 ? tails[lo - 1] : -1;
                if (lo == tails.Count) tails.Add(k);
                else tails[lo] = k;
            }
            var result = new List<(int A, int B)>(tails.Count);
            for (var k = tails.Count > 0 ? tails[^1] : -1; k >= 0; k = previous[k]) result.Add(items[k]);
            result.Reverse();
            return result;
        }

        private void Whole(int a0, int a1, int b0, int b1)
        {
            for (var i = a0; i < a1; i++) Removed(i);
            for (var j = b0; j < b1; j++) Added(j);
        }

        private void Same(int i, int j) => Lines.Add(new Line(Kind.Same, a[i], i + 1, j + 1));

        private void Removed(int i) => Lines.Add(new Line(Kind.Removed, a[i], i + 1, 0));

        private void Added(int j) => Lines.Add(new Line(Kind.Added, b[j], 0, j + 1));
    }
}

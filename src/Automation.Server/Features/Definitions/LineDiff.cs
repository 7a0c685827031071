using System.Text;

namespace Automation.Server.Features.Definitions;

/// <summary>A unified line diff (longest common subsequence) of two texts, with three lines of context per hunk.</summary>
internal static class LineDiff
{
    private const int Context = 3;

    /// <summary>Line kinds of an edit script.</summary>
    internal enum Kind { Same, Removed, Added }

    /// <summary>One line of the edit script with its line numbers in the old and new text (1-based).</summary>
    internal readonly record struct Line(Kind Kind, string Text, int OldNumber, int NewNumber);

    public static IReadOnlyList<Line> Compare(string oldText, string newText)
    {
        var a = Split(oldText);
        var b = Split(newText);
        // Common prefix and suffix are cut first: definition versions differ in few lines, which keeps the table small.
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var lines = new List<Line>(a.Length + b.Length);
        for (var k = 0; k < prefix; k++) lines.Add(new Line(Kind.Same, a[k], k + 1, k + 1));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[prefix + x] == b[prefix + y])
            {
                lines.Add(new Line(Kind.Same, a[prefix + x], prefix + x + 1, prefix + y + 1));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(new Line(Kind.Added, b[prefix + y], 0, prefix + y + 1));
                y++;
            }
            else
            {
                lines.Add(new Line(Kind.Removed, a[prefix + x], prefix + x + 1, 0));
                x++;
            }
        }
        for (var k = 0; k < suffix; k++)
        {
            lines.Add(new Line(Kind.Same, a[a.Length - suffix + k], a.Length - suffix + k + 1, b.Length - suffix + k + 1));
        }
        return lines;
    }

    /// <summary>The unified diff text (<c>---</c>/<c>+++</c> headers and <c>@@</c> hunks); empty when the texts are equal.</summary>
    public static string Unified(string oldText, string newText, string oldName, string newName)
    {
        var lines = Compare(oldText, newText);
        var changed = lines.Select((l, i) => (l, i)).Where(t => t.l.Kind != Kind.Same).Select(t => t.i).ToList();
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
            var hunk = lines.Skip(start).Take(end - start + 1).ToList();
            var oldStart = hunk.FirstOrDefault(l => l.OldNumber > 0).OldNumber;
            var newStart = hunk.FirstOrDefault(l => l.NewNumber > 0).NewNumber;
            var oldCount = hunk.Count(l => l.Kind != Kind.Added);
            var newCount = hunk.Count(l => l.Kind != Kind.Removed);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
            foreach (var line in hunk)
            {
                sb.Append(line.Kind switch { Kind.Added => '+', Kind.Removed => '-', _ => ' ' }).Append(line.Text).Append('\n');
            }
            h++;
        }
        return sb.ToString();
    }

    private static string[] Split(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}

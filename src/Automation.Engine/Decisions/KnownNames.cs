using System.Text;
using Automation.Engine.Expressions.Feel;

namespace Automation.Engine.Decisions;

/// <summary>
/// The names with spaces or operator characters (<c>Monthly Income</c>, <c>Loan-Amount</c>) a DMN file declares, handed
/// to the FEEL parser per cell: only those the cell's text contains. The lexer tries every name it is given at every
/// name start, so giving each of thousands of cells all of a file's names made reading quadratic in the file.
/// </summary>
internal sealed class KnownNames
{
    /// <summary>Per first word: the names by their normal form, and the lengths of those forms.</summary>
    private readonly Dictionary<string, (Dictionary<string, string> Names, SortedSet<int> Lengths)> byFirstWord = new(StringComparer.Ordinal);

    public KnownNames(IEnumerable<string> names)
    {
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            // Plain names are one token anyway.
            if (name.Length == 0 || (Lexer.IsNameStart(name[0]) && name.All(Lexer.IsNamePart))) continue;
            var normal = Normal(name);
            var first = Words(normal).Select(w => w.Word).FirstOrDefault();
            if (first is null) continue;
            if (!byFirstWord.TryGetValue(first, out var bucket)) byFirstWord[first] = bucket = (new(StringComparer.Ordinal), []);
            bucket.Names.TryAdd(normal, name);
            bucket.Lengths.Add(normal.Length);
        }
    }

    /// <summary>
    /// The declared names that occur in <paramref name="text"/> (whitespace runs count as one space). Each word of the text
    /// is looked up with at most one probe per name length that fits the text, so the cost depends on the cell, not on
    /// how many names the file declares.
    /// </summary>
    public IReadOnlyList<string> For(string text)
    {
        if (byFirstWord.Count == 0) return [];
        List<string>? result = null;
        var normal = Normal(text);
        foreach (var (word, at) in Words(normal))
        {
            if (!byFirstWord.TryGetValue(word, out var bucket)) continue;
            var lookup = bucket.Names.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var length in bucket.Lengths.GetViewBetween(word.Length, normal.Length - at))
            {
                if (lookup.TryGetValue(normal.AsSpan(at, length), out var name)) (result ??= []).Add(name);
            }
        }
        return result ?? (IReadOnlyList<string>)[];
    }

    private static IEnumerable<(string Word, int At)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!Lexer.IsNamePart(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && Lexer.IsNamePart(text[i])) i++;
            yield return (text[start..i], start);
        }
    }

    private static string Normal(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;

namespace Automation.Server.Features.Shared;

/// <summary>
/// RFC 4180 CSV (comma, CRLF, every cell quoted) with the one formula-injection guard every CSV export uses. A
/// spreadsheet runs a cell as a formula when it starts with = + - @, and it may not split the file where RFC 4180
/// does: German Excel splits on ';', others on tabs, and a misread quote lets a line break start a new row. So every
/// piece of a cell that some reader could take as a cell of its own (the start, and after each ',', ';', tab, CR or
/// LF, past any quote characters) is neutralised with an apostrophe when it starts a formula; plain numbers such as
/// -2.5 stay numbers. Cells starting with a tab, CR or LF are prefixed as well.
/// </summary>
internal sealed class CsvWriter
{
    private static readonly SearchValues<char> Separators = SearchValues.Create(",;\t\r\n");
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",;\t\"\r\n");

    private readonly StringBuilder text = new();

    /// <summary>Appends one row.</summary>
    public void Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) text.Append(',');
            text.Append('"').Append(Cell(cells[i]).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        text.Append("\r\n");
    }

    /// <summary>The cell as written (before quoting): formula starters neutralised; plain numbers such as -2.5 stay numbers.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        StringBuilder? guarded = null;
        var copied = 0;
        for (var start = 0; start <= value.Length; start = NextPiece(value, start))
        {
            if (!Dangerous(value, start)) continue;
            guarded ??= new StringBuilder(value.Length + 8);
            guarded.Append(value, copied, start - copied).Append('\'');
            copied = start;
        }
        return guarded is null ? value : guarded.Append(value, copied, value.Length - copied).ToString();
    }

    /// <summary>
    /// One field for CSV that quotes only where needed (machine-readable exports): formula starters neutralised as in
    /// <see cref="Cell"/>, then quoted when it holds a separator of any reader, a quote or a line break.
    /// </summary>
    public static string Field(string? value)
    {
        var text = Cell(value);
        return text.AsSpan().IndexOfAny(NeedQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <inheritdoc />
    public override string ToString() => text.ToString();

    private static bool IsSeparator(char c) => c is ',' or ';' or '\t' or '\r' or '\n';

    /// <summary>The start of the next piece: just after the next separator, or past the end.</summary>
    private static int NextPiece(string value, int from)
    {
        var next = value.AsSpan(from).IndexOfAny(Separators);
        return next < 0 ? value.Length + 1 : from + next + 1;
    }

    /// <summary>Whether the piece at <paramref name="start"/> would be read as a formula (or, at the cell start, begins with a control separator).</summary>
    private static bool Dangerous(string value, int start)
    {
        if (start >= value.Length) return false;
        if (start == 0 && value[0] is '\t' or '\r' or '\n') return true;
        var first = start;
        while (first < value.Length && value[first] == '"') first++;
        if (first >= value.Length || value[first] is not ('=' or '+' or '-' or '@')) return false;
        var end = first;
        while (end < value.Length && !IsSeparator(value[end])) end++;
        var piece = value.AsSpan(first, end - first);
        return !double.TryParse(piece, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
    }
}

using System.Globalization;
using System.Text;

namespace Automation.Server.Features.Shared;

/// <summary>
/// RFC 4180 CSV (comma, CRLF, every cell quoted). Cells starting with = + - @ or a tab/CR are prefixed with an
/// apostrophe (plain numbers excepted) so spreadsheet programs show them as text instead of running them as formulas (CSV injection).
/// </summary>
internal sealed class CsvWriter
{
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
        if (value is not { Length: > 0 } || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r')) return value ?? "";
        return double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) ? value : "'" + value;
    }

    /// <summary>
    /// One field for CSV that quotes only where needed (machine-readable exports): formula starters neutralised as in
    /// <see cref="Cell"/>, then quoted when it holds a comma, quote or line break.
    /// </summary>
    public static string Field(string? value)
    {
        var text = Cell(value);
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <inheritdoc />
    public override string ToString() => text.ToString();
}

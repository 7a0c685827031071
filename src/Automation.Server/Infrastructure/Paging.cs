using System.Globalization;
using Automation.Engine.Texts;

namespace Automation.Server.Infrastructure;

/// <summary>
/// A page of a list: 1-based page number and page size. Out of range is a 400 naming the field, never a silent
/// first page: the offset (page − 1) × size must fit the database's 32-bit OFFSET, so a huge page number once wrapped
/// around to a negative offset and showed page 1.
/// </summary>
internal readonly record struct Paging(int Page, int PageSize)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Rows to skip.</summary>
    public int Offset => (Page - 1) * PageSize;

    /// <summary>Checks a page and size; <paramref name="pageField"/> and <paramref name="sizeField"/> name them in the error.</summary>
    public static Paging Of(long page, long pageSize, int maxPageSize, string pageField = "page", string sizeField = "pageSize")
    {
        var size = (int)InRange(pageSize, 1, maxPageSize, sizeField);
        return new Paging((int)InRange(page, 1, int.MaxValue / size, pageField), size);
    }

    /// <summary>Parses query values (empty: the defaults), then checks them as <see cref="Of"/>.</summary>
    public static Paging Parse(string? page, string? pageSize, int defaultPageSize, int maxPageSize, string pageField = "page", string sizeField = "pageSize") =>
        Of(Number(page, 1, pageField), Number(pageSize, defaultPageSize, sizeField), maxPageSize, pageField, sizeField);

    private static long Number(string? text, long fallback, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var digits = text.Trim();
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        // Digits beyond long's range are out of range like any other too large number, not malformed.
        var unsigned = digits.TrimStart('-', '+');
        if (unsigned.Length > 0 && unsigned.All(char.IsAsciiDigit)) return digits[0] == '-' ? long.MinValue : long.MaxValue;
        throw new BadInputException(field, Texte.Format(Texte.ServerMussGanzeZahlSein, field));
    }

    private static long InRange(long value, long min, long max, string field) => value >= min && value <= max ? value
        : throw new BadInputException(field, Texte.Format(Texte.ServerMussZwischenLiegen, field, min, max));
}

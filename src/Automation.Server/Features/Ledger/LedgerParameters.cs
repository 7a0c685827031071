using System.Globalization;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Ledger;

/// <summary>Parses the query parameters of the ledger endpoints into filters, naming the parameter on bad input.</summary>
internal static class LedgerParameters
{
    /// <summary>A day (yyyy-MM-dd) or null.</summary>
    public static DateOnly? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new BadInputException(field, Texte.Format(Texte.ServerDatumFormatJjjjMmTt, text));
    }

    /// <summary>
    /// A filter. <paramref name="from"/> and <paramref name="to"/> are days (yyyy-MM-dd) or months (yyyy-MM), both
    /// inclusive: to=2026-03 covers the whole of March (Europe/Berlin). They select cases by the day they ended.
    /// </summary>
    public static LedgerFilter Filter(string? from, string? to, string? processId, string? version, Guid? caseId, string? occupation)
    {
        var start = Bound(from, "from", end: false);
        var end = Bound(to, "to", end: true);
        if (start is { } s && end is { } e && e <= s) throw new BadInputException("to", Texte.ServerEndeZeitraumsLiegtVorSeinem);
        return new LedgerFilter(start, end, Blank(processId), Blank(version), caseId, Blank(occupation));
    }

    /// <summary>The grouping named by <paramref name="by"/> (default: definition).</summary>
    public static LedgerGrouping Grouping(string? by) => by?.Trim().ToLowerInvariant() switch
    {
        null or "" or "definition" => LedgerGrouping.Definition,
        "total" => LedgerGrouping.Total,
        "case" => LedgerGrouping.Case,
        "step" => LedgerGrouping.Step,
        "month" => LedgerGrouping.Month,
        "occupation" => LedgerGrouping.Occupation,
        _ => throw new BadInputException("by", Texte.Format(Texte.ServerUnbekannteGruppierungErlaubtTotalCase, by)),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateTimeOffset? Bound(string? text, string field, bool end)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Start(end ? day.AddDays(1) : day);
        if (DateOnly.TryParseExact(t + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return Start(end ? month.AddMonths(1) : month);
        throw new BadInputException(field, Texte.Format(Texte.ServerWederTagJjjjMmTt, text));
    }

    // Days and months in German local time, as the ledger's cells count them (Automation.Data.Reports.ReportPeriod).
    private static DateTimeOffset Start(DateOnly day) => DateTimeOffset.FromUnixTimeMilliseconds(Automation.Data.Reports.ReportPeriod.StartOfDayMs(day));
}

using System.Globalization;
using Automation.Data.Reports;
using Automation.Engine.Texts;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Dashboards;

/// <summary>Reads the report period from query parameters; every mistake names the parameter.</summary>
internal static class PeriodInput
{
    /// <summary>
    /// Parses from/to (yyyy-MM-dd, both inclusive). Without them: the twelve months up to today (the current month
    /// and the eleven before it).
    /// </summary>
    /// <exception cref="BadInputException">Malformed date, end before start, or longer than ten years.</exception>
    public static ReportPeriod Parse(string? from, string? to, DateOnly today)
    {
        var end = string.IsNullOrWhiteSpace(to) ? today : Date("to", to);
        var start = string.IsNullOrWhiteSpace(from) ? new DateOnly(end.Year, end.Month, 1).AddMonths(-11) : Date("from", from);
        if (end < start) throw new BadInputException("to", Texte.Format(Texte.ServerEndeZeitraumsToLiegtVor, end, start));
        if (end > start.AddYears(ReportPeriod.MaxYears))
        {
            throw new BadInputException("to", Texte.Format(Texte.ServerZeitraumFromBisToLaenger, start, end, ReportPeriod.MaxYears));
        }
        return new ReportPeriod(start, end);
    }

    /// <summary>Today in Europe/Berlin.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(DisplayTime.InBerlin(time.GetUtcNow()).DateTime);

    /// <summary>Refuses an unknown process, naming the parameter.</summary>
    public static async Task EnsureProcessAsync(ImpactQueries queries, string processId, CancellationToken ct)
    {
        if (!(await queries.ProcessesAsync(ct)).Any(p => p.ProcessId == processId))
        {
            throw new BadInputException("processId", Texte.Format(Texte.ServerUnbekannterProzessProcessid, processId));
        }
    }

    private static DateOnly Date(string name, string value) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new BadInputException(name, Texte.Format(Texte.ServerParameterDatumFormatJjjjMm, name, value));
}

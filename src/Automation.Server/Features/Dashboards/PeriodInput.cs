using System.Globalization;
using Automation.Data.Reports;
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
        if (end < start) throw new BadInputException("to", $"Das Ende des Zeitraums (to={end:yyyy-MM-dd}) liegt vor dem Anfang (from={start:yyyy-MM-dd}).");
        if (end > start.AddYears(ReportPeriod.MaxYears))
        {
            throw new BadInputException("to", $"Der Zeitraum from={start:yyyy-MM-dd} bis to={end:yyyy-MM-dd} ist länger als {ReportPeriod.MaxYears} Jahre.");
        }
        return new ReportPeriod(start, end);
    }

    /// <summary>Today in Europe/Berlin.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ReportPeriod.Zone).DateTime);

    /// <summary>Refuses an unknown process, naming the parameter.</summary>
    public static async Task EnsureProcessAsync(ImpactQueries queries, string processId, CancellationToken ct)
    {
        if (!(await queries.ProcessesAsync(ct)).Any(p => p.ProcessId == processId))
        {
            throw new BadInputException("processId", $"Unbekannter Prozess processId='{processId}'.");
        }
    }

    private static DateOnly Date(string name, string value) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new BadInputException(name, $"Der Parameter {name}='{value}' ist kein Datum im Format JJJJ-MM-TT.");
}

using System.Globalization;
using Automation.Data.Reports;

namespace Automation.Server.Features.Shared;

/// <summary>
/// The one rule for showing an instant to a person: in German local time (Europe/Berlin) with de-DE formats, on every
/// page, export and mail. Never the server's own zone (<c>ToLocalTime</c>): servers run in UTC, people read Berlin time.
/// </summary>
internal static class DisplayTime
{
    /// <summary>de-DE: numbers, month names and dates on the pages.</summary>
    internal static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The instant as Berlin wall-clock time (summer or winter time as on that day).</summary>
    public static DateTimeOffset InBerlin(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ReportPeriod.Zone);

    /// <summary>"05.12.2026, 14:03 Uhr", or the dash for none.</summary>
    public static string Time(DateTimeOffset? at) => Format(at, "dd.MM.yyyy, HH:mm 'Uhr'");

    /// <summary>"05.12.2026 14:03", or the dash for none.</summary>
    public static string Minutes(DateTimeOffset? at) => Format(at, "dd.MM.yyyy HH:mm");

    /// <summary>"05.12.2026 14:03:09", or the dash for none.</summary>
    public static string Seconds(DateTimeOffset? at) => Format(at, "dd.MM.yyyy HH:mm:ss");

    /// <summary>"05.12.2026" (the Berlin calendar day), or the dash for none.</summary>
    public static string Day(DateTimeOffset? at) => Format(at, "dd.MM.yyyy");

    /// <summary>The instant in Berlin time with a de-DE pattern, or the dash for none.</summary>
    public static string Format(DateTimeOffset? at, string pattern) =>
        at is { } value ? InBerlin(value).ToString(pattern, German) : "–";
}

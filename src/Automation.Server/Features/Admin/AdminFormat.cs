using System.Globalization;
using Automation.Data.Reports;

namespace Automation.Server.Features.Admin;

/// <summary>Times on the administration pages: German format, German local time.</summary>
internal static class AdminFormat
{
    /// <summary>de-DE: numbers, month names and dates on the pages.</summary>
    internal static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>"05.12.2026, 14:03 Uhr", or the dash for none.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, ReportPeriod.Zone).ToString("dd.MM.yyyy, HH:mm 'Uhr'", German) : "–";
}

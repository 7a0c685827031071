using System.Globalization;
using Automation.Data.Reports;

namespace Automation.Server.Features.Dashboards;

/// <summary>German number formats for pages, and the marker of suppressed figures.</summary>
internal static class Format
{
    /// <summary>Shown instead of a figure about fewer than five cases.</summary>
    public const string Suppressed = "< 5 Vorgänge";

    private static readonly CultureInfo German = Charts.German;

    /// <summary>1.234,5.</summary>
    public static string Number(double? value, int decimals = 1) => value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), German) : "–";

    /// <summary>12,3 %.</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("N1", German) + " %" : "–";

    /// <summary>Signed change in percent, "+12,3 %".</summary>
    public static string Change(double? before, double? after) =>
        before is { } b && after is { } a && b != 0 ? ((a - b) / b * 100).ToString("+0.0;-0.0;0,0", German) + " %" : "–";

    /// <summary>A figure that involves working time: suppressed for groups under five cases.</summary>
    public static string Guarded(LedgerFigures f, double value, int decimals = 1) => f.Suppressed ? Suppressed : Number(value, decimals);

    /// <summary>Days from milliseconds.</summary>
    public static string Days(double? ms) => ms is { } v ? Number(v / 86_400_000d, 1) + " Tage" : "–";

    /// <summary>Median lead time, or the suppression marker.</summary>
    public static string MedianDays(Quantiles? q) => q is null ? "–" : q.Suppressed ? Suppressed : Days(q.Median);

    /// <summary>Minutes with a unit.</summary>
    public static string Minutes(double? minutes) => minutes is { } m ? Number(m, 1) + " min" : "–";
}

using System.Globalization;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;

namespace Automation.Server.Features.Dashboards;

/// <summary>German number formats for pages, and the marker of suppressed figures.</summary>
internal static class Format
{
    /// <summary>Shown instead of a figure about fewer than five cases.</summary>
    public static string Suppressed => Texte.Format(Texte.FormatUnterMindestzahl, PrivacyGate.MinCases);

    /// <summary>Shown instead of a duration the privacy gate withholds.</summary>
    public static string Withheld => Texte.FormatGesperrt;

    /// <summary>Marks a working-time figure in which standard time stands in for withheld measurements.</summary>
    public static string StandIn => Texte.FormatStandardzeit;

    /// <summary>Marks a working-time figure that is partly standard time.</summary>
    public static string PartlyStandIn => Texte.FormatTeilsStandardzeit;

    private static readonly CultureInfo German = Charts.German;

    /// <summary>1.234,5.</summary>
    public static string Number(double? value, int decimals = 1) => value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), German) : "–";

    /// <summary>12,3 %.</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("N1", German) + " %" : "–";

    /// <summary>Signed change in percent, "+12,3 %".</summary>
    public static string Change(double? before, double? after) =>
        before is { } b && after is { } a && b != 0 ? ((a - b) / b * 100).ToString("+0.0;-0.0;0,0", German) + " %" : "–";

    /// <summary>A figure that involves working time, marked where the privacy gate put standard time in place of measured time.</summary>
    public static string Worked(LedgerFigures f, double? value, int decimals = 1) => Number(value, decimals) + Marker(f.Basis);

    /// <summary>The marker of a basis.</summary>
    public static string Marker(FigureBasis basis) => basis switch
    {
        FigureBasis.Standard => StandIn,
        FigureBasis.Mixed => PartlyStandIn,
        _ => "",
    };

    /// <summary>A mean per completed case, or the reason it is not shown.</summary>
    public static string PerCase(LedgerFigures completed, double? value, int decimals = 1) =>
        PrivacyGate.ReleasesCaseGroup(completed.Cases) ? Worked(completed, value, decimals) : Suppressed;

    /// <summary>Days from milliseconds.</summary>
    public static string Days(double? ms) => ms is { } v ? Texte.Format(Texte.FormatTage, Number(v / 86_400_000d, 1)) : "–";

    /// <summary>Median lead time, or the suppression marker.</summary>
    public static string MedianDays(Quantiles? q) => q is null ? "–" : q.Suppressed ? Suppressed : Days(q.Median);

    /// <summary>Minutes with a unit.</summary>
    public static string Minutes(double? minutes) => minutes is { } m ? Texte.Format(Texte.FormatMinuten, Number(m, 1)) : "–";
}

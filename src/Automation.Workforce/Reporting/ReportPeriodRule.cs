using System.Globalization;
using Automation.Engine.Texts;

namespace Automation.Workforce.Reporting;

/// <summary>A problem with a requested report period: the field, a stable code and the German text.</summary>
/// <param name="Field">"from" or "to".</param>
/// <param name="Code">Stable code for programs.</param>
/// <param name="Message">German text for users.</param>
public sealed record ReportPeriodProblem(string Field, string Code, string Message);

/// <summary>The period the employment-office report may cover.</summary>
public static class ReportPeriodRule
{
    /// <summary>Longest period, in months: the notification looks at recent changes, not at a decade of ledger.</summary>
    public const int MaxMonths = 36;

    /// <summary>The problem with <paramref name="from"/>–<paramref name="to"/> (both inclusive), or null when it may be reported.</summary>
    public static ReportPeriodProblem? Check(DateOnly from, DateOnly to)
    {
        var f = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var t = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (from > to) return new("from", "zeitraum-beginn-nach-ende", Texte.Format(Texte.ZeitraumBeginnNachEnde, f, t));
        if (to >= from.AddMonths(MaxMonths))
        {
            return new("to", "zeitraum-zu-lang", Texte.Format(Texte.ZeitraumZuLang, f, t, MaxMonths));
        }
        return null;
    }
}

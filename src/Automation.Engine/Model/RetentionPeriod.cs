using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Automation.Engine.Timers;

namespace Automation.Engine.Model;

/// <summary>
/// How long a case's data is kept after the case ended (Aufbewahrungsfrist), in calendar months and days: P10Y keeps a
/// case ended on 3 March 2026 until 3 March 2036. Afterwards its variables, history texts, tasks and incidents are
/// deleted; its ledger figures stay.
/// </summary>
/// <param name="Months">Calendar months, years included.</param>
/// <param name="Days">Calendar days, weeks included.</param>
public sealed record RetentionPeriod(int Months, int Days)
{
    /// <summary>The longest period accepted (keeps every cut-off date representable).</summary>
    public const int MaxYears = 100;

    /// <summary><see cref="MaxYears"/> in days.</summary>
    public const int MaxDays = MaxYears * 36525 / 100;

    /// <summary>A period of whole days.</summary>
    public static RetentionPeriod FromDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        return new RetentionPeriod(0, days);
    }

    /// <summary>Cases that ended before this instant have passed the period at <paramref name="now"/>.</summary>
    public DateTimeOffset EndedBefore(DateTimeOffset now) => now.AddMonths(-Months).AddDays(-Days);

    /// <summary>
    /// Reads an ISO 8601 duration of whole years, months, weeks and days (P10Y, P6M, P90D); times of day and fractions
    /// make no sense for keeping files and are refused, as is an empty period.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out RetentionPeriod? period, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        period = null;
        if (!IsoDuration.TryParse(text.Trim(), out var duration, out _) || duration.Time != TimeSpan.Zero || duration.IsZero)
        {
            error = $"\"{text}\" is not a retention period (expected an ISO 8601 duration of whole years, months, weeks or days, e.g. P10Y, P6M or P90D)";
            return false;
        }
        if (duration.Months * 30.436875m + duration.Days > MaxDays + 1)
        {
            error = $"\"{text}\" is longer than {MaxYears} years";
            return false;
        }
        period = new RetentionPeriod(duration.Months, duration.Days);
        error = null;
        return true;
    }

    /// <summary>ISO 8601 form, e.g. P10Y or P1Y6M or P90D.</summary>
    public override string ToString()
    {
        var years = Months / 12;
        var months = Months % 12;
        return string.Create(CultureInfo.InvariantCulture,
            $"P{(years > 0 ? $"{years}Y" : "")}{(months > 0 ? $"{months}M" : "")}{(Days > 0 || Months == 0 ? $"{Days}D" : "")}");
    }
}

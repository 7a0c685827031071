using System.Globalization;
using Automation.Engine.Expressions.Feel;
using Automation.Engine.Model;

namespace Automation.Engine.Timers;

/// <summary>
/// Reads the value of a timer expression as the literal it stands for: an ISO 8601 text, a FEEL duration or date and
/// time, a date, or a .NET <see cref="TimeSpan"/>, <see cref="DateTimeOffset"/> or <see cref="DateTime"/>. The literal
/// then parses as any timer does (<see cref="TimerSchedule"/>), so there is one reading of what a timer means.
/// </summary>
internal static class TimerValue
{
    /// <summary>
    /// The literal timer a value gives for a timer of <paramref name="kind"/>; null for a value that is no time at all
    /// (a number, a list, nothing). A duration given for a cycle repeats without end (<c>R/PT1H</c>); a text given for a
    /// cycle that contains spaces is a cron expression, as in the model.
    /// </summary>
    public static TimerDefinition? Literal(TimerKind kind, object? value)
    {
        var text = value switch
        {
            string s => s.Trim(),
            FeelDaysTime or FeelYearsMonths => Duration(kind, value.ToString()!),
            TimeSpan span => Duration(kind, new FeelDaysTime(span).ToString()),
            FeelDateTime dateTime => DateTimeText(dateTime),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
            DateTime local => local.ToString(local.Kind == DateTimeKind.Utc ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
                CultureInfo.InvariantCulture),
            _ => null,
        };
        if (string.IsNullOrEmpty(text)) return null;
        return new TimerDefinition(kind == TimerKind.Cycle && text.Any(char.IsWhiteSpace) ? TimerKind.Cron : kind, text);
    }

    /// <summary>
    /// The literal a user task's deadline expression gives: a duration (from the task's creation) for a duration value or a
    /// text starting with P, else a point in time; null for a value that is no time at all.
    /// </summary>
    public static TimerDefinition? Deadline(object? value) =>
        Literal(value is FeelDaysTime or FeelYearsMonths or TimeSpan || value is string s && s.TrimStart().StartsWith('P') ? TimerKind.Duration : TimerKind.Date, value);

    private static string Duration(TimerKind kind, string iso) => kind == TimerKind.Cycle ? "R/" + iso : iso;

    /// <summary>A FEEL date and time with an IANA zone is the instant it names there; without offset or zone it is local time.</summary>
    private static string DateTimeText(FeelDateTime value)
    {
        if (value.Offset is { } offset) return new DateTimeOffset(value.Local, offset).ToString("O", CultureInfo.InvariantCulture);
        if (value.Zone is { } zone) return ZoneTime.FromLocal(value.Local, TimerSchedule.FindTimeZone(zone)).ToString("O", CultureInfo.InvariantCulture);
        return value.Local.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }
}

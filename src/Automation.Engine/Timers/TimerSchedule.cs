using System.Globalization;
using System.Xml;
using Automation.Engine.Model;
using Cronos;

namespace Automation.Engine.Timers;

/// <summary>Parses timer definitions into schedules.</summary>
public static class TimerSchedule
{
    /// <summary>Parses a timer.</summary>
    public static bool TryParse(TimerDefinition timer, out ParsedTimer? parsed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(timer);
        parsed = null;
        error = null;
        var text = timer.Expression.Trim();
        try
        {
            switch (timer.Kind)
            {
                case TimerKind.Date:
                    var at = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
                    parsed = new ParsedTimer((after, n) => n == 0 ? at : null, false);
                    return true;
                case TimerKind.Duration:
                    var span = XmlConvert.ToTimeSpan(text);
                    parsed = new ParsedTimer((after, n) => n == 0 ? after + span : null, false);
                    return true;
                case TimerKind.Cycle:
                    var parts = text.Split('/');
                    var reps = parts[0].Length > 1 ? int.Parse(parts[0][1..], CultureInfo.InvariantCulture) : -1;
                    var every = XmlConvert.ToTimeSpan(parts[^1]);
                    parsed = new ParsedTimer((after, n) => reps >= 0 && n >= reps ? null : after + every, true);
                    return true;
                default:
                    var cron = CronExpression.Parse(text, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
                    parsed = new ParsedTimer((after, n) => cron.GetNextOccurrence(after, TimeZoneInfo.Utc), true);
                    return true;
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or CronFormatException or IndexOutOfRangeException)
        {
            error = $"timer '{text}' is not a valid {timer.Kind.ToString().ToLowerInvariant()}: {e.Message}";
            return false;
        }
    }
}

/// <summary>A parsed timer.</summary>
public sealed class ParsedTimer
{
    private readonly Func<DateTimeOffset, int, DateTimeOffset?> next;

    internal ParsedTimer(Func<DateTimeOffset, int, DateTimeOffset?> next, bool repeating)
    {
        this.next = next;
        IsRepeating = repeating;
    }

    /// <summary>Whether the timer fires more than once.</summary>
    public bool IsRepeating { get; }

    /// <summary>Next due instant after <paramref name="after"/>, or null when exhausted.</summary>
    public DateTimeOffset? NextDue(DateTimeOffset after, int occurrencesSoFar) => next(after, occurrencesSoFar);
}

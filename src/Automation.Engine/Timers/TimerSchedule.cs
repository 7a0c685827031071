using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Automation.Engine.Model;
using Cronos;

namespace Automation.Engine.Timers;

/// <summary>
/// Parses timer expressions of BPMN timer events and Elsa timer activities into schedules that compute due times.
/// </summary>
/// <remarks>
/// Supported forms: ISO 8601 dates (with offset or Z; without offset read in the schedule's zone), durations
/// (P1Y2M10DT2H30M, P2W, PT0.5S), repeating intervals (R5/PT10M, R/PT1H, R3/2025-01-01T08:00:00Z/P1D,
/// R2/start/end, R/PT1H/end: every hour until end) and cron expressions: 5 fields, 6 fields with leading seconds, and Quartz style (7 fields with a
/// year, or 6 fields with <c>?</c>). Quartz numbers days of week 1–7 from Sunday; those are translated to 0–6,
/// <c>?</c> becomes <c>*</c> and a year field of <c>*</c> is dropped (other years are not supported).
/// </remarks>
public static partial class TimerSchedule
{
    private static readonly Lazy<TimeZoneInfo> DefaultZone = new(() => FindTimeZone("Europe/Berlin"));

    /// <summary>The default zone for cron expressions and dates without offset: Europe/Berlin, or UTC if unknown here.</summary>
    public static TimeZoneInfo DefaultTimeZone => DefaultZone.Value;

    /// <summary>Finds a time zone by IANA or Windows id, falling back to UTC when the system does not know it.</summary>
    public static TimeZoneInfo FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>Parses a timer in <see cref="DefaultTimeZone"/>.</summary>
    /// <param name="timer">The timer as read from a definition.</param>
    /// <param name="parsed">The schedule, when the expression is valid.</param>
    /// <param name="error">Why the expression is invalid, e.g. "timer 'PT5X' is not an ISO 8601 duration".</param>
    /// <returns>Whether the expression is valid.</returns>
    public static bool TryParse(TimerDefinition timer, [NotNullWhen(true)] out ParsedTimer? parsed,
        [NotNullWhen(false)] out string? error) => TryParse(timer, DefaultTimeZone, out parsed, out error);

    /// <summary>Parses a timer whose cron occurrences and offset-less dates are in <paramref name="timeZone"/>.</summary>
    /// <param name="timer">The timer as read from a definition.</param>
    /// <param name="timeZone">Zone for cron expressions, dates without offset and calendar units of durations.</param>
    /// <param name="parsed">The schedule, when the expression is valid.</param>
    /// <param name="error">Why the expression is invalid.</param>
    /// <returns>Whether the expression is valid.</returns>
    public static bool TryParse(TimerDefinition timer, TimeZoneInfo timeZone, [NotNullWhen(true)] out ParsedTimer? parsed,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(timeZone);
        parsed = null;
        var text = timer.Expression?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = $"{KindName(timer.Kind)} timer has an empty expression";
            return false;
        }
        switch (timer.Kind)
        {
            case TimerKind.Date:
                if (!TryParseDate(text, timeZone, out var date, out error)) return false;
                parsed = ParsedTimer.ForDate(timer, timeZone, date);
                return true;
            case TimerKind.Duration:
                if (!IsoDuration.TryParse(text, out var duration, out error)) return false;
                parsed = ParsedTimer.ForDuration(timer, timeZone, duration);
                return true;
            case TimerKind.Cycle:
                return TryParseCycle(timer, text, timeZone, out parsed, out error);
            case TimerKind.Cron:
                if (!TryParseCron(text, out var cron, out error)) return false;
                parsed = ParsedTimer.ForCron(timer, timeZone, cron);
                return true;
            default:
                error = $"timer kind {timer.Kind} is not supported";
                return false;
        }
    }

    private static string KindName(TimerKind kind) => kind.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?(?<offset>Z|[+-]\d{2}(:?\d{2})?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^R(?<count>\d*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex RepeatPattern();

    private static bool TryParseDate(string text, TimeZoneInfo zone, out DateTimeOffset date, [NotNullWhen(false)] out string? error)
    {
        date = default;
        var match = DatePattern().Match(text);
        var normalized = text.Replace(',', '.');
        if (match.Success && match.Groups["offset"].Success)
        {
            if (DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                error = null;
                return true;
            }
        }
        else if (match.Success && DateTime.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            date = ZoneTime.FromLocal(local, zone);
            error = null;
            return true;
        }
        error = $"timer '{text}' is not an ISO 8601 date";
        return false;
    }

    private static bool TryParseCycle(TimerDefinition timer, string text, TimeZoneInfo zone,
        [NotNullWhen(true)] out ParsedTimer? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        var parts = text.Split('/');
        var repeat = RepeatPattern().Match(parts[0]);
        if (!repeat.Success || parts.Length is < 2 or > 3)
        {
            error = $"timer '{text}' is not an ISO 8601 repeating interval (R[n]/[start/]duration or R[n]/duration/end)";
            return false;
        }
        int? repetitions = null;
        if (repeat.Groups["count"].Value.Length > 0)
        {
            if (!int.TryParse(repeat.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                error = $"timer '{text}' has too many repetitions";
                return false;
            }
            repetitions = count;
        }
        DateTimeOffset? start = null, end = null;
        IsoDuration? period;
        if (parts.Length == 2)
        {
            if (!IsoDuration.TryParse(parts[1], out period, out _)) return InvalidPart(text, parts[1], "duration", out error);
        }
        else if (IsoDuration.LooksLikeDuration(parts[1]))
        {
            if (!IsoDuration.TryParse(parts[1], out period, out _)) return InvalidPart(text, parts[1], "duration", out error);
            if (!TryParseDate(parts[2], zone, out var until, out _)) return InvalidPart(text, parts[2], "date", out error);
            end = until;
        }
        else
        {
            if (!TryParseDate(parts[1], zone, out var from, out _)) return InvalidPart(text, parts[1], "date", out error);
            start = from;
            if (IsoDuration.LooksLikeDuration(parts[2]))
            {
                if (!IsoDuration.TryParse(parts[2], out period, out _)) return InvalidPart(text, parts[2], "duration", out error);
            }
            else
            {
                if (!TryParseDate(parts[2], zone, out var to, out _)) return InvalidPart(text, parts[2], "date", out error);
                period = IsoDuration.FromTime(to - from);
            }
        }
        if (period.ApproximateTicks <= 0)
        {
            error = $"timer '{text}' repeats with a period that is not positive";
            return false;
        }
        parsed = ParsedTimer.ForCycle(timer, zone, repetitions, start, end, period);
        error = null;
        return true;
    }

    private static bool InvalidPart(string text, string part, string what, out string error)
    {
        error = $"timer '{text}' is not an ISO 8601 repeating interval: '{part}' is not an ISO 8601 {what}";
        return false;
    }

    private static readonly char[] FieldSeparators = [' ', '\t'];

    private static bool TryParseCron(string text, [NotNullWhen(true)] out CronExpression? cron, [NotNullWhen(false)] out string? error)
    {
        cron = null;
        var fields = text.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        // Quartz always has seconds; it needs '?' in one day field and may add a year.
        var quartz = fields.Length == 7 || (fields.Length == 6 && text.Contains('?', StringComparison.Ordinal));
        if (quartz)
        {
            if (fields.Length == 7)
            {
                if (fields[6] is not ("*" or "?"))
                {
                    error = $"timer '{text}' restricts the year ('{fields[6]}'), which is not supported";
                    return false;
                }
                fields = fields[..6];
            }
            fields = [.. fields.Select(f => f == "?" ? "*" : f)];
            if (!TryShiftQuartzDaysOfWeek(fields[5], out var dayOfWeek))
            {
                error = $"timer '{text}' has a Quartz day of week outside 1-7";
                return false;
            }
            fields[5] = dayOfWeek;
        }
        if (fields.Length is not (5 or 6))
        {
            error = $"timer '{text}' is not a cron expression with 5, 6 or 7 fields";
            return false;
        }
        try
        {
            cron = CronExpression.Parse(string.Join(' ', fields), fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            error = $"timer '{text}' is not a valid cron expression: {e.Message}";
            return false;
        }
    }

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    // Quartz counts Sunday as 1, cron as 0. Only the day part is shifted: not the step after '/', nor the n in 'd#n'.
    private static bool TryShiftQuartzDaysOfWeek(string field, out string shifted)
    {
        var ok = true;
        var items = field.Split(',').Select(item =>
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var hash = item.IndexOf('#', StringComparison.Ordinal);
            var end = slash >= 0 ? slash : hash >= 0 ? hash : item.Length;
            var day = Digits().Replace(item[..end], m =>
            {
                if (!int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 7)
                {
                    ok = false;
                    return m.Value;
                }
                return (value - 1).ToString(CultureInfo.InvariantCulture);
            });
            return day + item[end..];
        });
        shifted = string.Join(',', items);
        return ok;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Automation.Engine.Model;
using Cronos;

namespace Automation.Engine.Validation;

/// <summary>
/// Syntax checks of timer expressions: ISO 8601 date-times, durations and repeating intervals, and cron.
/// Only the form is checked here; scheduling is the runtime's business.
/// </summary>
internal static partial class TimerSyntax
{
    /// <summary>Why the timer does not parse, or null when it does.</summary>
    public static string? Error(TimerDefinition timer)
    {
        var text = timer.Expression.Trim();
        if (text.Length == 0) return $"timer {Describe(timer.Kind)} is empty";
        return timer.Kind switch
        {
            TimerKind.Date => IsDateTime(text) ? null : $"timeDate \"{text}\" is not an ISO 8601 date-time (e.g. 2025-01-31T09:00:00Z)",
            TimerKind.Duration => IsDuration(text) ? null : $"timeDuration \"{text}\" is not an ISO 8601 duration (e.g. PT2H, P7D)",
            TimerKind.Cycle => IsCycle(text) ? null : $"timeCycle \"{text}\" is not an ISO 8601 repeating interval (e.g. R3/PT10M, R/2025-01-01T08:00:00Z/P1D)",
            _ => CronError(text),
        };
    }

    private static string Describe(TimerKind kind) => kind switch
    {
        TimerKind.Date => "timeDate",
        TimerKind.Duration => "timeDuration",
        TimerKind.Cycle => "timeCycle",
        _ => "cron expression",
    };

    /// <summary>PnYnMnWnDTnHnMnS with at least one component; a T must be followed by a time component.</summary>
    [GeneratedRegex(@"^P(?=\d|T\d)(\d+([.,]\d+)?Y)?(\d+([.,]\d+)?M)?(\d+([.,]\d+)?W)?(\d+([.,]\d+)?D)?(T(?=\d)(\d+([.,]\d+)?H)?(\d+([.,]\d+)?M)?(\d+([.,]\d+)?S)?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(T(?<h>\d{2}):(?<m>\d{2})(:(?<s>\d{2})([.,]\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^R\d*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepetitionPattern();

    internal static bool IsDuration(string text) => DurationPattern().IsMatch(text);

    internal static bool IsDateTime(string text)
    {
        var match = DateTimePattern().Match(text);
        if (!match.Success) return false;
        if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return false;
        return !match.Groups["h"].Success
            || (Number(match.Groups["h"].Value) <= 23 && Number(match.Groups["m"].Value) <= 59
                && (!match.Groups["s"].Success || Number(match.Groups["s"].Value) <= 59));
    }

    /// <summary>R[n]/duration, R[n]/start/duration or R[n]/duration/end.</summary>
    internal static bool IsCycle(string text)
    {
        var parts = text.Split('/');
        if (!RepetitionPattern().IsMatch(parts[0])) return false;
        return parts.Length switch
        {
            2 => IsDuration(parts[1]),
            3 => (IsDateTime(parts[1]) && IsDuration(parts[2])) || (IsDuration(parts[1]) && IsDateTime(parts[2])),
            _ => false,
        };
    }

    /// <summary>Five fields, or six with seconds first.</summary>
    private static string? CronError(string text)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => (CronFormat?)null,
        };
        if (format is null)
            return string.Create(CultureInfo.InvariantCulture, $"cron expression \"{text}\" has {fields} fields, expected 5 (or 6 with seconds)");
        return CronExpression.TryParse(text, format.Value, out _) ? null : $"cron expression \"{text}\" does not parse";
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}

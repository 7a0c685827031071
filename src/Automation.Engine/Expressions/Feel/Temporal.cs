using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Automation.Engine.Expressions.Feel;

/// <summary>A FEEL time: time of day, optionally with a UTC offset or an IANA zone.</summary>
internal sealed record FeelTime(TimeSpan TimeOfDay, TimeSpan? Offset, string? Zone)
{
    /// <summary>The time of day in UTC when an offset or zone is known, for comparison.</summary>
    public TimeSpan Normalized => Offset is { } o ? Temporal.Wrap(TimeOfDay - o) : TimeOfDay;

    public override string ToString() => Temporal.FormatTime(TimeOfDay) + Temporal.FormatZone(Offset, Zone);
}

/// <summary>A FEEL date and time: a local date and time, optionally with a UTC offset or an IANA zone.</summary>
internal sealed record FeelDateTime(DateTime Local, TimeSpan? Offset, string? Zone)
{
    public static FeelDateTime FromHost(DateTime value) => value.Kind == DateTimeKind.Utc
        ? new(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero, null)
        : new(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), null, null);

    /// <summary>Whether the value names a point in time (has an offset or zone).</summary>
    public bool IsAbsolute => Offset is not null;

    public DateTime Utc => Offset is { } o ? Local - o : Local;

    public override string ToString() =>
        Temporal.FormatDate(DateOnly.FromDateTime(Local)) + "T" + Temporal.FormatTime(Local.TimeOfDay) + Temporal.FormatZone(Offset, Zone);
}

/// <summary>A FEEL days and time duration.</summary>
internal sealed record FeelDaysTime(TimeSpan Value)
{
    public override string ToString()
    {
        if (Value == TimeSpan.Zero) return "PT0S";
        var text = new StringBuilder(Value < TimeSpan.Zero ? "-P" : "P");
        var ticks = Math.Abs(Value.Ticks);
        var days = ticks / TimeSpan.TicksPerDay;
        ticks -= days * TimeSpan.TicksPerDay;
        var hours = ticks / TimeSpan.TicksPerHour;
        ticks -= hours * TimeSpan.TicksPerHour;
        var minutes = ticks / TimeSpan.TicksPerMinute;
        ticks -= minutes * TimeSpan.TicksPerMinute;
        if (days > 0) text.Append(days).Append('D');
        if (hours > 0 || minutes > 0 || ticks > 0) text.Append('T');
        if (hours > 0) text.Append(hours).Append('H');
        if (minutes > 0) text.Append(minutes).Append('M');
        if (ticks > 0) text.Append(FeelNumber.Format(ticks / (decimal)TimeSpan.TicksPerSecond)).Append('S');
        return text.ToString();
    }
}

/// <summary>A FEEL years and months duration, held in months.</summary>
internal sealed record FeelYearsMonths(long Months)
{
    public override string ToString()
    {
        if (Months == 0) return "P0M";
        var total = Math.Abs(Months);
        var text = new StringBuilder(Months < 0 ? "-P" : "P");
        if (total / 12 > 0) text.Append(total / 12).Append('Y');
        if (total % 12 > 0) text.Append(total % 12).Append('M');
        return text.ToString();
    }
}

/// <summary>Parsing and formatting of FEEL's temporal literals (ISO 8601 subsets of XML Schema).</summary>
internal static partial class Temporal
{
    public static TimeSpan Wrap(TimeSpan time)
    {
        var ticks = time.Ticks % TimeSpan.TicksPerDay;
        return TimeSpan.FromTicks(ticks < 0 ? ticks + TimeSpan.TicksPerDay : ticks);
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FormatTime(TimeSpan time)
    {
        var text = time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? text : text + "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static string FormatZone(TimeSpan? offset, string? zone)
    {
        if (zone is not null) return "@" + zone;
        if (offset is not { } o) return "";
        if (o == TimeSpan.Zero) return "Z";
        return (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture)
            + (o.Seconds != 0 ? ":" + Math.Abs(o.Seconds).ToString("00", CultureInfo.InvariantCulture) : "");
    }

    [GeneratedRegex(@"^(-?\d{4,9})-(\d\d)-(\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d(?::\d\d)?|@[A-Za-z][A-Za-z0-9_/+\-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(-)?P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    public static DateOnly? ParseDate(string text)
    {
        var m = DatePattern().Match(text);
        if (!m.Success) return null;
        if (!int.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year)
            || year < 1 || year > 9999 || (m.Groups[1].Value.TrimStart('-').Length > 4 && m.Groups[1].Value.TrimStart('-')[0] == '0'))
            return null;
        var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    public static FeelTime? ParseTime(string text)
    {
        var m = TimePattern().Match(text);
        if (!m.Success) return null;
        var hour = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59 || second > 59) return null;
        var time = new TimeSpan(hour, minute, second);
        if (m.Groups[4].Success)
        {
            var digits = (m.Groups[4].Value[1..] + "0000000")[..7];
            time += TimeSpan.FromTicks(long.Parse(digits, CultureInfo.InvariantCulture));
        }
        if (!m.Groups[5].Success) return new FeelTime(time, null, null);
        var zone = m.Groups[5].Value;
        if (zone[0] == '@') return TryZone(zone[1..], out _) ? new FeelTime(time, null, zone[1..]) : null;
        var offset = ParseOffset(zone);
        return offset is null ? null : new FeelTime(time, offset, null);
    }

    public static TimeSpan? ParseOffset(string zone)
    {
        if (zone == "Z") return TimeSpan.Zero;
        var parts = zone[1..].Split(':');
        var value = new TimeSpan(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0);
        if (value > TimeSpan.FromHours(14)) return null;
        return zone[0] == '-' ? -value : value;
    }

    public static bool TryZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }

    public static FeelDateTime? ParseDateTime(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            return ParseDate(text) is { } d ? new FeelDateTime(d.ToDateTime(TimeOnly.MinValue), null, null) : null;
        }
        if (ParseDate(text[..t]) is not { } date) return null;
        var timeText = text[(t + 1)..];
        if (timeText.StartsWith("24:00:00", StringComparison.Ordinal) && ParseTime("00" + timeText[2..]) is { } midnight)
            return Combine(date.AddDays(1), midnight);
        return ParseTime(timeText) is { } time ? Combine(date, time) : null;
    }

    public static FeelDateTime? Combine(DateOnly date, FeelTime time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + time.TimeOfDay;
        if (time.Zone is null) return new FeelDateTime(local, time.Offset, null);
        return TryZone(time.Zone, out var zone) ? new FeelDateTime(local, zone.GetUtcOffset(local), time.Zone) : null;
    }

    /// <summary>Parses an ISO 8601 duration into a days-time or years-months duration; null when invalid or mixed.</summary>
    public static object? ParseDuration(string text)
    {
        var m = DurationPattern().Match(text);
        if (!m.Success) return null;
        var negative = m.Groups[1].Success;
        var yearsMonths = m.Groups[2].Success || m.Groups[3].Success;
        var daysTime = m.Groups[4].Success || m.Groups[5].Success || m.Groups[6].Success || m.Groups[7].Success;
        try
        {
            if (yearsMonths)
            {
                if (daysTime) return null;
                var months = checked(Long(m.Groups[2]) * 12 + Long(m.Groups[3]));
                return new FeelYearsMonths(negative ? -months : months);
            }
            var seconds = checked(((Long(m.Groups[4]) * 24 + Long(m.Groups[5])) * 60 + Long(m.Groups[6])) * 60m)
                + (m.Groups[7].Success ? decimal.Parse(m.Groups[7].Value, CultureInfo.InvariantCulture) : 0m);
            var span = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            return new FeelDaysTime(negative ? -span : span);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static long Long(Group group) => group.Success ? long.Parse(group.Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>Reads an <c>@"…"</c> literal: date, time, date and time or duration.</summary>
    public static object? ParseAtLiteral(string text) =>
        text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal) ? ParseDuration(text)
        : text.Split('@')[0].Contains('T', StringComparison.Ordinal) ? ParseDateTime(text)
        : text.Contains(':', StringComparison.Ordinal) ? ParseTime(text)
        : ParseDate(text);
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Automation.Engine.Timers;

/// <summary>
/// An ISO 8601 duration. Years, months and whole days are calendar units applied to the local time of a zone
/// (so P1D keeps the wall-clock time across a DST change and P1M stays on the same day of month); hours, minutes,
/// seconds and fractions of days are exact elapsed time.
/// </summary>
internal sealed partial class IsoDuration
{
    private const long TicksPerWeek = TimeSpan.TicksPerDay * 7;

    // Components as written, for the German description; index order Y, M, W, D, H, Min, S.
    private readonly decimal[] written;

    private IsoDuration(decimal[] written, int months, int days, TimeSpan time)
    {
        this.written = written;
        Months = months;
        Days = days;
        Time = time;
    }

    /// <summary>Calendar months, years included.</summary>
    public int Months { get; }

    /// <summary>Whole calendar days, weeks included.</summary>
    public int Days { get; }

    /// <summary>Exact elapsed part.</summary>
    public TimeSpan Time { get; }

    /// <summary>Whether the duration is empty.</summary>
    public bool IsZero => Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>Average length in ticks, good enough to estimate how many periods fit into a span.</summary>
    public long ApproximateTicks =>
        (long)(Months * 30.436875m * TimeSpan.TicksPerDay) + Days * TimeSpan.TicksPerDay + Time.Ticks;

    [GeneratedRegex(
        @"^P(?:(?<Y>\d+(?:[.,]\d+)?)Y)?(?:(?<M>\d+(?:[.,]\d+)?)M)?(?:(?<W>\d+(?:[.,]\d+)?)W)?(?:(?<D>\d+(?:[.,]\d+)?)D)?" +
        @"(?:T(?:(?<H>\d+(?:[.,]\d+)?)H)?(?:(?<Min>\d+(?:[.,]\d+)?)M)?(?:(?<S>\d+(?:[.,]\d+)?)S)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    private static readonly string[] GroupNames = ["Y", "M", "W", "D", "H", "Min", "S"];

    /// <summary>Whether <paramref name="text"/> looks like a duration (starts with P), as opposed to a date.</summary>
    public static bool LooksLikeDuration(string text) => text.StartsWith('P') || text.StartsWith('p');

    /// <summary>Parses an ISO 8601 duration such as P1Y2M10DT2H30M, P2W or PT0.5S.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IsoDuration? duration, [NotNullWhen(false)] out string? error)
    {
        duration = null;
        // Designators are upper case in ISO 8601; lower case is accepted as other engines do.
        var upper = text.ToUpperInvariant();
        var match = Pattern().Match(upper);
        // "P" and "PT" alone match the pattern but name no component.
        if (!match.Success || upper.EndsWith('P') || upper.EndsWith('T'))
        {
            error = $"timer '{text}' is not an ISO 8601 duration";
            return false;
        }
        var values = new decimal[GroupNames.Length];
        for (var i = 0; i < GroupNames.Length; i++)
        {
            var group = match.Groups[GroupNames[i]];
            if (!group.Success) continue;
            if (!decimal.TryParse(group.Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                    out values[i]) || values[i] > 1_000_000m)
            {
                error = $"timer '{text}' has a component out of range";
                return false;
            }
        }
        if (decimal.Truncate(values[0]) != values[0] || decimal.Truncate(values[1]) != values[1])
        {
            error = $"timer '{text}' has fractional years or months, which have no fixed length";
            return false;
        }
        var months = (int)(values[0] * 12 + values[1]);
        var dayTicks = values[2] * TicksPerWeek + values[3] * TimeSpan.TicksPerDay;
        var days = (int)decimal.Truncate(dayTicks / TimeSpan.TicksPerDay);
        var exact = dayTicks - days * (decimal)TimeSpan.TicksPerDay + values[4] * TimeSpan.TicksPerHour
            + values[5] * TimeSpan.TicksPerMinute + values[6] * TimeSpan.TicksPerSecond;
        if (months > 120_000 || days > 3_650_000 || exact > TimeSpan.MaxValue.Ticks / 2)
        {
            error = $"timer '{text}' has a component out of range";
            return false;
        }
        duration = new IsoDuration(values, months, days, TimeSpan.FromTicks((long)exact));
        error = null;
        return true;
    }

    /// <summary>An exact duration, for cycles given as start and end.</summary>
    public static IsoDuration FromTime(TimeSpan time)
    {
        var values = new decimal[GroupNames.Length];
        values[3] = time.Days;
        values[4] = time.Hours;
        values[5] = time.Minutes;
        values[6] = time.Seconds + time.Ticks % TimeSpan.TicksPerSecond / (decimal)TimeSpan.TicksPerSecond;
        return new IsoDuration(values, 0, 0, time);
    }

    /// <summary>Adds the duration <paramref name="times"/> times to <paramref name="start"/>, calendar parts in <paramref name="zone"/>.</summary>
    /// <returns>False when the result is outside the representable range.</returns>
    public bool TryAddTo(DateTimeOffset start, long times, TimeZoneInfo zone, out DateTimeOffset result)
    {
        result = start;
        try
        {
            if (Months != 0 || Days != 0)
            {
                // Multiply rather than add repeatedly, so Jan 31 + 2×P1M is Mar 31, not Mar 28.
                var local = TimeZoneInfo.ConvertTime(start, zone).DateTime
                    .AddMonths(checked((int)(Months * times)))
                    .AddDays(checked(Days * times));
                result = ZoneTime.FromLocal(local, zone);
            }
            result = result.AddTicks(checked(Time.Ticks * times));
            return true;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>German description in the dative, e.g. "5 Tagen", "1 Stunde und 30 Minuten".</summary>
    public string DescribeDative() => Describe(dative: true);

    /// <summary>German description of a period, e.g. "alle 10 Minuten", "jeden Tag".</summary>
    public string DescribeEvery()
    {
        var parts = NonZeroParts();
        if (parts.Count == 1 && parts[0].Value == 1) return Units[parts[0].Index].Every;
        return "alle " + Describe(dative: false);
    }

    private string Describe(bool dative)
    {
        var parts = NonZeroParts();
        if (parts.Count == 0) return "0 Sekunden";
        var texts = parts.Select(p =>
        {
            var unit = Units[p.Index];
            var name = p.Value == 1 ? unit.Singular : dative ? unit.DativePlural : unit.Plural;
            return p.Value.ToString("0.#########", German) + " " + name;
        }).ToList();
        return texts.Count == 1 ? texts[0] : string.Join(", ", texts.Take(texts.Count - 1)) + " und " + texts[^1];
    }

    private List<(int Index, decimal Value)> NonZeroParts() =>
        [.. written.Select((v, i) => (Index: i, Value: v)).Where(p => p.Value != 0)];

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static readonly (string Singular, string Plural, string DativePlural, string Every)[] Units =
    [
        ("Jahr", "Jahre", "Jahren", "jedes Jahr"),
        ("Monat", "Monate", "Monaten", "jeden Monat"),
        ("Woche", "Wochen", "Wochen", "jede Woche"),
        ("Tag", "Tage", "Tagen", "jeden Tag"),
        ("Stunde", "Stunden", "Stunden", "jede Stunde"),
        ("Minute", "Minuten", "Minuten", "jede Minute"),
        ("Sekunde", "Sekunden", "Sekunden", "jede Sekunde"),
    ];
}

/// <summary>Conversions between wall-clock time in a zone and instants.</summary>
internal static class ZoneTime
{
    /// <summary>
    /// The instant of a local wall-clock time. A time in the spring-forward gap moves forward by the gap
    /// (02:30 becomes 03:30); an ambiguous autumn time takes its first occurrence.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset a day earlier is the one in force just before the gap; transitions are never a day apart.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local - before, TimeSpan.Zero), zone);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

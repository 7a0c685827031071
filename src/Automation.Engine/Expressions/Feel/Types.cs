namespace Automation.Engine.Expressions.Feel;

/// <summary>FEEL's <c>instance of</c> and the type names DMN files use.</summary>
internal static class Types
{
    /// <summary>The FEEL name of a type, accepting the XML Schema style names of DMN typeRefs.</summary>
    public static string Canonical(string name) => name switch
    {
        "dateTime" => "date and time",
        "dayTimeDuration" or "days and time duration" => "days and time duration",
        "yearMonthDuration" or "years and months duration" => "years and months duration",
        "Any" or "any" => "Any",
        _ => name,
    };

    public static bool IsInstance(object? value, FeelType type)
    {
        var name = Canonical(type.Name);
        if (name == "Any") return value is not null;
        if (name == "Null") return value is null;
        if (value is null) return false;
        switch (name)
        {
            case "list":
                return value is List<object?> list && (type.Arguments.Count == 0 || list.All(item => item is null || IsInstance(item, type.Arguments[0])));
            case "context":
                return value is FeelContext context && type.Fields.All(f => context.TryGet(f.Key, out var v) && (v is null || IsInstance(v, f.Value)));
            case "range":
                return value is FeelRange range && (type.Arguments.Count == 0
                    || ((range.Start is null || IsInstance(range.Start, type.Arguments[0])) && (range.End is null || IsInstance(range.End, type.Arguments[0]))));
            case "function":
                return value is FeelFunction;
            default:
                return FeelValue.TypeName(value) == name;
        }
    }
}

/// <summary>Properties of temporal values, durations and ranges: <c>d.year</c>, <c>t.time offset</c>, <c>r.start</c>…</summary>
internal static class Properties
{
    public static bool TryGet(object value, string name, out object? property)
    {
        property = (value, name) switch
        {
            (DateOnly d, _) => DateProperty(d, name),
            (FeelDateTime dt, "hour" or "minute" or "second" or "time offset" or "timezone") => TimeProperty(new FeelTime(dt.Local.TimeOfDay, dt.Offset, dt.Zone), name),
            (FeelDateTime dt, _) => DateProperty(DateOnly.FromDateTime(dt.Local), name),
            (FeelTime t, _) => TimeProperty(t, name),
            (FeelDaysTime d, "days") => (decimal)(d.Value.Ticks / TimeSpan.TicksPerDay),
            (FeelDaysTime d, "hours") => (decimal)(d.Value.Ticks / TimeSpan.TicksPerHour % 24),
            (FeelDaysTime d, "minutes") => (decimal)(d.Value.Ticks / TimeSpan.TicksPerMinute % 60),
            (FeelDaysTime d, "seconds") => (decimal)(d.Value.Ticks / TimeSpan.TicksPerSecond % 60),
            (FeelYearsMonths m, "years") => (decimal)(m.Months / 12),
            (FeelYearsMonths m, "months") => (decimal)(m.Months % 12),
            (FeelRange r, "start") => r.Start,
            (FeelRange r, "end") => r.End,
            (FeelRange r, "start included") => r.HasStart && r.StartIncluded,
            (FeelRange r, "end included") => r.HasEnd && r.EndIncluded,
            _ => Missing.Value,
        };
        if (property is not Missing) return true;
        property = null;
        return false;
    }

    private static object? DateProperty(DateOnly date, string name) => name switch
    {
        "year" => (decimal)date.Year,
        "month" => (decimal)date.Month,
        "day" => (decimal)date.Day,
        "weekday" => (decimal)(date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek),
        _ => Missing.Value,
    };

    private static object? TimeProperty(FeelTime time, string name) => name switch
    {
        "hour" => (decimal)time.TimeOfDay.Hours,
        "minute" => (decimal)time.TimeOfDay.Minutes,
        "second" => time.TimeOfDay.Seconds + (decimal)(time.TimeOfDay.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond,
        "time offset" => time.Offset is { } o && time.Zone is null ? new FeelDaysTime(o) : null,
        "timezone" => time.Zone,
        _ => Missing.Value,
    };

    /// <summary>Marks "no such property" apart from a property whose value is null.</summary>
    private sealed class Missing
    {
        public static readonly Missing Value = new();
    }
}

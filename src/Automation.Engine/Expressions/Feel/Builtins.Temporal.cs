using System.Globalization;

namespace Automation.Engine.Expressions.Feel;

internal static partial class Builtins
{
    private static void AddTemporal(Action<string, Signature> add)
    {
        add("now", S([], (_, _) =>
        {
            var now = DateTimeOffset.Now;
            return new FeelDateTime(now.DateTime, now.Offset, null);
        }));
        add("today", S([], (_, _) => DateOnly.FromDateTime(DateTime.Now)));
        add("day of year", S(["date"], (r, a) => DateOf(a[0]) is { } d ? (decimal)d.DayOfYear : Fail(r, "day of year() braucht ein Datum.")));
        add("day of week", S(["date"], (r, a) => DateOf(a[0]) is { } d
            ? CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d.DayOfWeek) : Fail(r, "day of week() braucht ein Datum.")));
        add("month of year", S(["date"], (r, a) => DateOf(a[0]) is { } d
            ? CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month) : Fail(r, "month of year() braucht ein Datum.")));
        add("week of year", S(["date"], (r, a) => DateOf(a[0]) is { } d
            ? (decimal)ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)) : Fail(r, "week of year() braucht ein Datum.")));
    }

    private static DateOnly? DateOf(object? value) => value switch
    {
        DateOnly d => d,
        FeelDateTime dt => DateOnly.FromDateTime(dt.Local),
        _ => null,
    };
}

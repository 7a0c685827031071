using System.Globalization;
using System.Text;

namespace Automation.Engine.Expressions.Feel;

internal static partial class Builtins
{
    private static void AddConversion(Action<string, Signature> add)
    {
        add("date", S(["from"], (r, a) => a[0] switch
        {
            string s => Temporal.ParseDate(s) ?? Fail(r, $"„{s}“ ist kein gültiges Datum."),
            DateOnly d => d,
            FeelDateTime dt => DateOnly.FromDateTime(dt.Local),
            _ => Fail(r, "date() braucht eine Zeichenkette oder ein Datum."),
        }));
        add("date", S(["year", "month", "day"], (r, a) =>
            Int(a[0]) is { } y && Int(a[1]) is { } m && Int(a[2]) is { } d && y is >= 1 and <= 9999 && m is >= 1 and <= 12
                && d >= 1 && d <= DateTime.DaysInMonth(y, m)
                ? new DateOnly(y, m, d) : Fail(r, "date(): ungültiges Jahr, Monat oder Tag.")));
        add("date and time", S(["from"], (r, a) => a[0] switch
        {
            string s => Temporal.ParseDateTime(s) ?? Fail(r, $"„{s}“ ist kein gültiger Zeitpunkt."),
            FeelDateTime dt => dt,
            DateOnly d => FeelOps.Midnight(d),
            _ => Fail(r, "date and time() braucht eine Zeichenkette."),
        }));
        add("date and time", S(["date", "time"], (r, a) => (a[0], a[1]) switch
        {
            (DateOnly d, FeelTime t) => Temporal.Combine(d, t),
            (FeelDateTime dt, FeelTime t) => Temporal.Combine(DateOnly.FromDateTime(dt.Local), t),
            _ => Fail(r, "date and time(date, time) braucht ein Datum und eine Uhrzeit."),
        }));
        add("time", S(["from"], (r, a) => a[0] switch
        {
            string s => Temporal.ParseTime(s) ?? Fail(r, $"„{s}“ ist keine gültige Uhrzeit."),
            FeelTime t => t,
            FeelDateTime dt => new FeelTime(dt.Local.TimeOfDay, dt.Offset, dt.Zone),
            DateOnly => new FeelTime(TimeSpan.Zero, TimeSpan.Zero, null),
            _ => Fail(r, "time() braucht eine Zeichenkette."),
        }));
        add("time", S(["hour", "minute", "second", "offset?"], (r, a) =>
        {
            if (Int(a[0]) is not { } h || Int(a[1]) is not { } m || a[2] is not decimal s || h is < 0 or > 23 || m is < 0 or > 59 || s < 0 || s >= 60)
                return Fail(r, "time(): ungültige Stunde, Minute oder Sekunde.");
            TimeSpan? offset = a[3] switch
            {
                FeelDaysTime d => d.Value,
                null => null,
                _ => TimeSpan.MaxValue,
            };
            if (offset == TimeSpan.MaxValue) return Fail(r, "time(): der Versatz muss eine Dauer sein.");
            return new FeelTime(new TimeSpan(h, m, 0) + TimeSpan.FromTicks((long)(s * TimeSpan.TicksPerSecond)), offset, null);
        }));
        add("duration", S(["from"], (r, a) => a[0] is string s
            ? Temporal.ParseDuration(s) ?? Fail(r, $"„{s}“ ist keine gültige Dauer.")
            : Fail(r, "duration() braucht eine Zeichenkette.")));
        add("years and months duration", S(["from", "to"], (r, a) =>
        {
            var from = a[0] switch { DateOnly d => FeelOps.Midnight(d), FeelDateTime dt => dt, _ => null };
            var to = a[1] switch { DateOnly d => FeelOps.Midnight(d), FeelDateTime dt => dt, _ => null };
            if (from is null || to is null) return Fail(r, "years and months duration() braucht zwei Daten.");
            // Whole months between the dates; the time of day does not count (TCK 1121).
            long months = (to.Local.Year - from.Local.Year) * 12 + to.Local.Month - from.Local.Month;
            if (months > 0 && to.Local.Day < from.Local.Day) months--;
            if (months < 0 && to.Local.Day > from.Local.Day) months++;
            return new FeelYearsMonths(months);
        }));
        add("number", S(["from", "grouping separator?", "decimal separator?"], (r, a) => ToNumber(r, a[0], a[1], a[2])));
        add("string", S(["from"], (_, a) => a[0] is null ? null : ToText(a[0])));
        add("not", S(["negand"], (_, a) => a[0] is bool b ? !b : null));
        add("is", S(["value1", "value2"], (_, a) => a[0] is null || a[1] is null
            ? a[0] is null && a[1] is null
            : FeelValue.TypeName(a[0]) == FeelValue.TypeName(a[1]) && FeelOps.Equal(a[0], a[1]) == true
                && (a[0] is not FeelTime t0 || a[1] is not FeelTime t1 || (t0.Offset == t1.Offset && t0.Zone == t1.Zone))
                && (a[0] is not FeelDateTime d0 || a[1] is not FeelDateTime d1 || (d0.Offset == d1.Offset && d0.Zone == d1.Zone))));
    }

    private static object? ToNumber(FeelRuntime runtime, object? from, object? grouping, object? separator)
    {
        if (from is not string text) return Fail(runtime, "number() braucht eine Zeichenkette.");
        if (grouping is not (null or " " or "," or ".") || separator is not (null or "," or ".") || (grouping is not null && Equals(grouping, separator)))
            return Fail(runtime, "number(): ungültiges Tausender- oder Dezimaltrennzeichen.");
        if (grouping is string g) text = text.Replace(g, "", StringComparison.Ordinal);
        if (separator is string s) text = text.Replace(s, ".", StringComparison.Ordinal);
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var number) ? number : Fail(runtime, $"„{from}“ ist keine Zahl.");
    }

    /// <summary>FEEL's <c>string()</c> of any value.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "null",
        string s => s,
        decimal d => FeelNumber.Format(d),
        bool b => b ? "true" : "false",
        DateOnly d => Temporal.FormatDate(d),
        List<object?> list => "[" + string.Join(", ", list.Select(Nested)) + "]",
        FeelContext context => "{" + string.Join(", ", context.Entries.Select(e => e.Key + ": " + Nested(e.Value))) + "}",
        FeelRange range => (range.StartIncluded ? "[" : "(") + (range.HasStart ? Nested(range.Start) : "")
            + ".." + (range.HasEnd ? Nested(range.End) : "") + (range.EndIncluded ? "]" : ")"),
        FeelFunction => "function",
        _ => value.ToString() ?? "",
    };

    private static string Nested(object? value) => value is string s ? Quote(s) : ToText(value);

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text) quoted.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        return quoted.Append('"').ToString();
    }
}

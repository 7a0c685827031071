namespace Automation.Engine.Expressions.Feel;

/// <summary>FEEL's operators on values: arithmetic, equality and ordering, with null for operands of the wrong types.</summary>
internal static class FeelOps
{
    public static object? Add(object? a, object? b, FeelRuntime runtime) => (a, b) switch
    {
        (decimal x, decimal y) => FeelNumber.Checked(() => x + y, runtime),
        (string x, string y) => x + y,
        (FeelDaysTime x, FeelDaysTime y) => Span(() => x.Value + y.Value),
        (FeelYearsMonths x, FeelYearsMonths y) => new FeelYearsMonths(x.Months + y.Months),
        (FeelDateTime x, FeelDaysTime y) => AddSpan(x, y.Value),
        (FeelDaysTime x, FeelDateTime y) => AddSpan(y, x.Value),
        (FeelDateTime x, FeelYearsMonths y) => AddMonths(x, y.Months),
        (FeelYearsMonths x, FeelDateTime y) => AddMonths(y, x.Months),
        (DateOnly x, FeelDaysTime y) => AddSpan(Midnight(x), y.Value) is FeelDateTime d ? DateOnly.FromDateTime(d.Local) : null,
        (FeelDaysTime x, DateOnly y) => Add(y, x, runtime),
        (DateOnly x, FeelYearsMonths y) => AddMonths(Midnight(x), y.Months) is FeelDateTime d ? DateOnly.FromDateTime(d.Local) : null,
        (FeelYearsMonths x, DateOnly y) => Add(y, x, runtime),
        (FeelTime x, FeelDaysTime y) => x with { TimeOfDay = Temporal.Wrap(x.TimeOfDay + y.Value) },
        (FeelDaysTime x, FeelTime y) => y with { TimeOfDay = Temporal.Wrap(y.TimeOfDay + x.Value) },
        _ => Mismatch("+", a, b, runtime),
    };

    public static object? Subtract(object? a, object? b, FeelRuntime runtime) => (a, b) switch
    {
        (decimal x, decimal y) => FeelNumber.Checked(() => x - y, runtime),
        (FeelDaysTime x, FeelDaysTime y) => Span(() => x.Value - y.Value),
        (FeelYearsMonths x, FeelYearsMonths y) => new FeelYearsMonths(x.Months - y.Months),
        (FeelDateTime x, FeelDateTime y) => Difference(x, y),
        (DateOnly x, DateOnly y) => new FeelDaysTime(x.ToDateTime(TimeOnly.MinValue) - y.ToDateTime(TimeOnly.MinValue)),
        // A date against a date and time is its midnight in UTC (DMN 1.4, 10.3.2.3.6).
        (DateOnly x, FeelDateTime y) => Difference(Midnight(x) with { Offset = TimeSpan.Zero }, y),
        (FeelDateTime x, DateOnly y) => Difference(x, Midnight(y) with { Offset = TimeSpan.Zero }),
        (FeelDateTime x, FeelDaysTime y) => AddSpan(x, -y.Value),
        (FeelDateTime x, FeelYearsMonths y) => AddMonths(x, -y.Months),
        (DateOnly x, FeelDaysTime y) => AddSpan(Midnight(x), -y.Value) is FeelDateTime d ? DateOnly.FromDateTime(d.Local) : null,
        (DateOnly x, FeelYearsMonths y) => AddMonths(Midnight(x), -y.Months) is FeelDateTime d ? DateOnly.FromDateTime(d.Local) : null,
        (FeelTime x, FeelTime y) => (x.Offset is null) == (y.Offset is null)
            ? new FeelDaysTime(x.TimeOfDay - (x.Offset ?? TimeSpan.Zero) - (y.TimeOfDay - (y.Offset ?? TimeSpan.Zero))) : null,
        (FeelTime x, FeelDaysTime y) => x with { TimeOfDay = Temporal.Wrap(x.TimeOfDay - y.Value) },
        _ => Mismatch("-", a, b, runtime),
    };

    public static object? Multiply(object? a, object? b, FeelRuntime runtime) => (a, b) switch
    {
        (decimal x, decimal y) => FeelNumber.Checked(() => x * y, runtime),
        (FeelDaysTime x, decimal y) => Span(() => TimeSpan.FromTicks((long)Math.Round(x.Value.Ticks * y))),
        (decimal x, FeelDaysTime y) => Multiply(y, x, runtime),
        (FeelYearsMonths x, decimal y) => new FeelYearsMonths((long)Math.Truncate(x.Months * y)),
        (decimal x, FeelYearsMonths y) => Multiply(y, x, runtime),
        _ => Mismatch("*", a, b, runtime),
    };

    public static object? Divide(object? a, object? b, FeelRuntime runtime)
    {
        if (b is decimal { } zero && zero == 0 && a is decimal or FeelDaysTime or FeelYearsMonths)
        {
            runtime.Warn("Division durch null.");
            return null;
        }
        return (a, b) switch
        {
            (decimal x, decimal y) => FeelNumber.Checked(() => x / y, runtime),
            (FeelDaysTime x, decimal y) => Span(() => TimeSpan.FromTicks((long)Math.Round(x.Value.Ticks / y))),
            (FeelYearsMonths x, decimal y) => new FeelYearsMonths((long)Math.Truncate(x.Months / y)),
            (FeelDaysTime x, FeelDaysTime y) when y.Value != TimeSpan.Zero => (decimal)x.Value.Ticks / y.Value.Ticks,
            (FeelYearsMonths x, FeelYearsMonths y) when y.Months != 0 => (decimal)x.Months / y.Months,
            _ => Mismatch("/", a, b, runtime),
        };
    }

    public static object? Power(object? a, object? b, FeelRuntime runtime) => (a, b) switch
    {
        (decimal x, decimal y) => FeelNumber.Power(x, y, runtime),
        _ => Mismatch("**", a, b, runtime),
    };

    public static object? Negate(object? a, FeelRuntime runtime) => a switch
    {
        decimal x => -x,
        FeelDaysTime x => new FeelDaysTime(-x.Value),
        FeelYearsMonths x => new FeelYearsMonths(-x.Months),
        null => null,
        _ => Warn(runtime, $"„-“ ist für {FeelValue.TypeName(a)} nicht definiert."),
    };

    /// <summary>FEEL equality: null equals only null; values of different types are not comparable (null).</summary>
    public static bool? Equal(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        switch (a, b)
        {
            case (decimal x, decimal y): return x == y;
            case (string x, string y): return string.Equals(x, y, StringComparison.Ordinal);
            case (bool x, bool y): return x == y;
            case (DateOnly x, DateOnly y): return x == y;
            case (FeelTime x, FeelTime y): return x.Normalized == y.Normalized && (x.Offset is null) == (y.Offset is null);
            case (FeelDateTime x, FeelDateTime y): return x.Utc == y.Utc && x.IsAbsolute == y.IsAbsolute;
            case (FeelDaysTime x, FeelDaysTime y): return x.Value == y.Value;
            case (FeelYearsMonths x, FeelYearsMonths y): return x.Months == y.Months;
            case (List<object?> x, List<object?> y):
                if (x.Count != y.Count) return false;
                for (var i = 0; i < x.Count; i++)
                {
                    var item = Equal(x[i], y[i]);
                    if (item != true) return item;
                }
                return true;
            case (FeelContext x, FeelContext y):
                if (x.Entries.Count != y.Entries.Count) return false;
                foreach (var (key, value) in x.Entries)
                {
                    if (!y.TryGet(key, out var other)) return false;
                    var entry = Equal(value, other);
                    if (entry != true) return entry;
                }
                return true;
            case (FeelRange x, FeelRange y):
                return x.HasStart == y.HasStart && x.HasEnd == y.HasEnd && x.StartIncluded == y.StartIncluded
                    && x.EndIncluded == y.EndIncluded && Equal(x.Start, y.Start) == true && Equal(x.End, y.End) == true;
            case (FeelFunction x, FeelFunction y): return ReferenceEquals(x, y);
            default: return null;
        }
    }

    /// <summary>Orders two values of the same ordered type; null when they cannot be ordered.</summary>
    public static int? Compare(object? a, object? b) => (a, b) switch
    {
        (decimal x, decimal y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        (FeelTime x, FeelTime y) when (x.Offset is null) == (y.Offset is null) => x.Normalized.CompareTo(y.Normalized),
        (FeelDateTime x, FeelDateTime y) when x.IsAbsolute == y.IsAbsolute => x.Utc.CompareTo(y.Utc),
        (FeelDaysTime x, FeelDaysTime y) => x.Value.CompareTo(y.Value),
        (FeelYearsMonths x, FeelYearsMonths y) => x.Months.CompareTo(y.Months),
        _ => null,
    };

    public static object? Comparison(string op, object? a, object? b, FeelRuntime runtime)
    {
        if (op is "=" or "!=")
        {
            var equal = Equal(a, b);
            if (equal is null) runtime.Warn($"{FeelValue.TypeName(a)} und {FeelValue.TypeName(b)} sind nicht vergleichbar.");
            return op == "=" ? equal : !equal;
        }
        if (a is null || b is null) return null;
        if (Compare(a, b) is not { } order)
        {
            runtime.Warn($"{FeelValue.TypeName(a)} und {FeelValue.TypeName(b)} sind nicht vergleichbar.");
            return null;
        }
        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    /// <summary>Whether a value lies in a range; null when it cannot be compared with the end points.</summary>
    public static bool? InRange(object? value, FeelRange range)
    {
        if (value is null) return null;
        if (range.HasStart)
        {
            if (Compare(range.Start, value) is not { } start) return null;
            if (start > 0 || (start == 0 && !range.StartIncluded)) return false;
        }
        if (range.HasEnd)
        {
            if (Compare(value, range.End) is not { } end) return null;
            if (end > 0 || (end == 0 && !range.EndIncluded)) return false;
        }
        return true;
    }

    public static FeelDateTime Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), null, null);

    private static FeelDaysTime? Difference(FeelDateTime x, FeelDateTime y) =>
        x.IsAbsolute == y.IsAbsolute ? new FeelDaysTime(x.Utc - y.Utc) : null;

    private static FeelDateTime? AddSpan(FeelDateTime value, TimeSpan span)
    {
        try
        {
            return Rezone(value, value.Local + span);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static FeelDateTime? AddMonths(FeelDateTime value, long months)
    {
        try
        {
            return Rezone(value, value.Local.AddMonths(checked((int)months)));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private static FeelDateTime Rezone(FeelDateTime value, DateTime local) =>
        value.Zone is not null && Temporal.TryZone(value.Zone, out var zone)
            ? value with { Local = local, Offset = zone.GetUtcOffset(local) }
            : value with { Local = local };

    private static FeelDaysTime? Span(Func<TimeSpan> compute)
    {
        try
        {
            return new FeelDaysTime(compute());
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static object? Mismatch(string op, object? a, object? b, FeelRuntime runtime)
    {
        if (a is null || b is null) return null;
        return Warn(runtime, $"„{op}“ ist für {FeelValue.TypeName(a)} und {FeelValue.TypeName(b)} nicht definiert.");
    }

    private static object? Warn(FeelRuntime runtime, string message)
    {
        runtime.Warn(message);
        return null;
    }
}

namespace Automation.Engine.Expressions.Feel;

/// <summary>
/// FEEL values as the interpreter holds them: null, <see cref="decimal"/> numbers, strings, booleans,
/// <see cref="DateOnly"/> dates, <see cref="FeelTime"/>, <see cref="FeelDateTime"/>, <see cref="FeelDaysTime"/>,
/// <see cref="FeelYearsMonths"/>, <see cref="List{T}"/> of values, <see cref="FeelContext"/>, <see cref="FeelRange"/>
/// and <see cref="FeelFunction"/>.
/// </summary>
/// <remarks>
/// FEEL numbers are IEEE 754-2008 decimal128 (34 significant digits); C# <see cref="decimal"/> holds 28–29. Results
/// beyond that precision are rounded to it, and numbers beyond ±7.9e28 are out of range (null with a warning).
/// </remarks>
internal static class FeelValue
{
    /// <summary>Converts a host value (case variable, JSON-like) into a FEEL value.</summary>
    public static object? FromHost(object? value) => value switch
    {
        null => null,
        decimal or string or bool or DateOnly or FeelTime or FeelDateTime or FeelDaysTime or FeelYearsMonths
            or FeelContext or FeelRange or FeelFunction => value,
        List<object?> list when list.TrueForAll(IsFeel) => list,
        int i => (decimal)i,
        long l => (decimal)l,
        short s => (decimal)s,
        byte b => (decimal)b,
        uint u => (decimal)u,
        ulong u => (decimal)u,
        float f => FromDouble(f),
        double d => FromDouble(d),
        DateTime dt => FeelDateTime.FromHost(dt),
        DateTimeOffset dto => new FeelDateTime(dto.DateTime, dto.Offset, null),
        TimeOnly t => new FeelTime(t.ToTimeSpan(), null, null),
        TimeSpan ts => new FeelDaysTime(ts),
        IReadOnlyDictionary<string, object?> map => FeelContext.FromHost(map),
        IDictionary<string, object?> map => FeelContext.FromHost(map),
        System.Collections.IEnumerable items => items.Cast<object?>().Select(FromHost).ToList(),
        _ => value.ToString(),
    };

    private static bool IsFeel(object? value) => value is null or decimal or string or bool or DateOnly or FeelTime or FeelDateTime
        or FeelDaysTime or FeelYearsMonths or FeelContext or FeelRange or FeelFunction or List<object?>;

    private static decimal? FromDouble(double d) =>
        double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? (decimal)d : null;

    /// <summary>Converts a FEEL value into a plain host value (numbers stay decimal; contexts become dictionaries).</summary>
    public static object? ToHost(object? value) => value switch
    {
        FeelContext c => c.Entries.ToDictionary(e => e.Key, e => ToHost(e.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(ToHost).ToList(),
        _ => value,
    };

    /// <summary>The FEEL type name of a value, as used in messages and <c>instance of</c>.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "Null",
        decimal => "number",
        string => "string",
        bool => "boolean",
        DateOnly => "date",
        FeelTime => "time",
        FeelDateTime => "date and time",
        FeelDaysTime => "days and time duration",
        FeelYearsMonths => "years and months duration",
        List<object?> => "list",
        FeelContext => "context",
        FeelRange => "range",
        FeelFunction => "function",
        _ => value.GetType().Name,
    };
}

/// <summary>A FEEL context: ordered entries with unique names.</summary>
internal sealed class FeelContext
{
    private readonly List<KeyValuePair<string, object?>> entries = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, object?>> Entries => entries;

    public static FeelContext FromHost(IEnumerable<KeyValuePair<string, object?>> map)
    {
        var context = new FeelContext();
        foreach (var (key, value) in map) context.Set(key, FeelValue.FromHost(value));
        return context;
    }

    public bool TryGet(string key, out object? value)
    {
        if (index.TryGetValue(key, out var i))
        {
            value = entries[i].Value;
            return true;
        }
        value = null;
        return false;
    }

    public bool Contains(string key) => index.ContainsKey(key);

    /// <summary>Adds the entry or replaces the value of an existing one in place.</summary>
    public void Set(string key, object? value)
    {
        if (index.TryGetValue(key, out var i)) entries[i] = new(key, value);
        else
        {
            index[key] = entries.Count;
            entries.Add(new(key, value));
        }
    }

    public FeelContext Copy()
    {
        var copy = new FeelContext();
        foreach (var (key, value) in entries) copy.Set(key, value);
        return copy;
    }
}

/// <summary>A FEEL range; a missing end point is an open-ended range such as <c>&lt; 10</c>.</summary>
internal sealed record FeelRange(object? Start, bool StartIncluded, object? End, bool EndIncluded)
{
    public bool HasStart { get; init; } = true;

    public bool HasEnd { get; init; } = true;
}

/// <summary>A FEEL function value: built-in or defined with <c>function(…)</c>.</summary>
internal abstract class FeelFunction
{
    /// <summary>Parameter names for named invocation; null when the function accepts any names (variadic built-ins).</summary>
    public abstract IReadOnlyList<string>? ParameterNames { get; }

    /// <summary>Invokes with positional arguments; a failure is a null result with a warning.</summary>
    public abstract object? Invoke(FeelRuntime runtime, IReadOnlyList<object?> arguments);

    /// <summary>Invokes with named arguments (already matched by the caller when <see cref="ParameterNames"/> is set).</summary>
    public virtual object? InvokeNamed(FeelRuntime runtime, IReadOnlyList<KeyValuePair<string, object?>> arguments)
    {
        if (ParameterNames is not { } names)
        {
            runtime.Warn("Die Funktion kennt keine benannten Parameter.");
            return null;
        }
        var positional = new object?[names.Count];
        var count = 0;
        foreach (var (name, value) in arguments)
        {
            var at = IndexOf(names, name);
            if (at < 0)
            {
                runtime.Warn($"Unbekannter Parameter „{name}“.");
                return null;
            }
            positional[at] = value;
            count = Math.Max(count, at + 1);
        }
        return Invoke(runtime, positional.Take(count).ToList());
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }
}

namespace Automation.Engine.Expressions.Feel;

/// <summary>One signature of a built-in: parameter names (a trailing <c>?</c> marks an optional one) and the body.</summary>
internal sealed record Signature(string[] Parameters, Func<FeelRuntime, object?[], object?> Body, bool Variadic = false)
{
    public int Required => Parameters.Count(p => !p.EndsWith('?'));

    public string Name(int i) => Parameters[i].TrimEnd('?');
}

/// <summary>A built-in function with one or more signatures (DMN 1.4, 10.3.4).</summary>
internal sealed class BuiltinFunction(string name, IReadOnlyList<Signature> signatures) : FeelFunction
{
    public string Name => name;

    public override IReadOnlyList<string>? ParameterNames => null;

    public override object? Invoke(FeelRuntime runtime, IReadOnlyList<object?> arguments)
    {
        foreach (var signature in signatures)
        {
            if (arguments.Count < signature.Required) continue;
            if (signature.Variadic)
            {
                // A variadic function called with one list (min([1,2])) gets the list; otherwise the arguments form it.
                var fixedCount = signature.Parameters.Length - 1;
                if (arguments.Count < fixedCount) continue;
                var rest = arguments.Skip(fixedCount).ToList();
                object? tail = fixedCount == 0 && rest.Count == 1 && rest[0] is List<object?> only ? only : rest;
                return Run(runtime, signature, [.. arguments.Take(fixedCount), tail]);
            }
            if (arguments.Count > signature.Parameters.Length) continue;
            var values = new object?[signature.Parameters.Length];
            for (var i = 0; i < arguments.Count; i++) values[i] = arguments[i];
            return Run(runtime, signature, values);
        }
        runtime.Warn($"Die Funktion „{name}“ kann nicht mit {arguments.Count} Parametern aufgerufen werden.");
        return null;
    }

    public override object? InvokeNamed(FeelRuntime runtime, IReadOnlyList<KeyValuePair<string, object?>> arguments)
    {
        foreach (var signature in signatures)
        {
            var names = signature.Parameters.Select((_, i) => signature.Name(i)).ToList();
            if (arguments.Any(a => !names.Contains(a.Key))) continue;
            if (Enumerable.Range(0, signature.Required).Any(i => arguments.All(a => a.Key != names[i]))) continue;
            var values = new object?[names.Count];
            foreach (var (key, value) in arguments) values[names.IndexOf(key)] = value;
            if (signature.Variadic && values[^1] is not List<object?>) values[^1] = new List<object?> { values[^1] };
            return Run(runtime, signature, values);
        }
        runtime.Warn($"Die Funktion „{name}“ kennt die Parameter {string.Join(", ", arguments.Select(a => a.Key))} nicht.");
        return null;
    }

    private object? Run(FeelRuntime runtime, Signature signature, object?[] values)
    {
        var mark = runtime.Warnings.Count;
        var result = RunOnce(runtime, signature, values);
        if (result is not null || !values.Any(v => v is List<object?> { Count: 1 })) return result;
        // FEEL's singleton-list coercion: upper case(["bob"]) is upper case("bob") when the list form fails.
        var unwrapped = values.Select(v => v is List<object?> { Count: 1 } one ? one[0] : v).ToArray();
        var retry = RunOnce(runtime, signature, unwrapped);
        if (retry is not null) runtime.ResetWarnings(mark);
        return retry;
    }

    private object? RunOnce(FeelRuntime runtime, Signature signature, object?[] values)
    {
        try
        {
            return signature.Body(runtime, values);
        }
        catch (Exception e) when (e is OverflowException or ArgumentException or InvalidOperationException or FormatException)
        {
            runtime.Warn($"Die Funktion „{name}“ ist fehlgeschlagen: {e.Message}");
            return null;
        }
    }
}

/// <summary>The registry of FEEL's built-in functions.</summary>
internal static partial class Builtins
{
    private static readonly Dictionary<string, BuiltinFunction> Functions = Build();

    public static bool TryGet(string name, out FeelFunction function)
    {
        var found = Functions.TryGetValue(name, out var builtin);
        function = builtin!;
        return found;
    }

    /// <summary>All built-in names; the lexer needs the ones with spaces or keywords to read them as one name.</summary>
    public static IEnumerable<string> Names => Functions.Keys;

    private static Dictionary<string, BuiltinFunction> Build()
    {
        var table = new Dictionary<string, List<Signature>>(StringComparer.Ordinal);
        void Add(string name, Signature signature)
        {
            if (!table.TryGetValue(name, out var list)) table[name] = list = [];
            list.Add(signature);
        }
        AddConversion(Add);
        AddStrings(Add);
        AddLists(Add);
        AddNumeric(Add);
        AddTemporal(Add);
        AddRanges(Add);
        AddContexts(Add);
        return table.ToDictionary(e => e.Key, e => new BuiltinFunction(e.Key, e.Value), StringComparer.Ordinal);
    }

    private static Signature S(string[] parameters, Func<FeelRuntime, object?[], object?> body) => new(parameters, body);

    private static Signature Variadic(string[] parameters, Func<FeelRuntime, object?[], object?> body) => new(parameters, body, true);

    private static object? Fail(FeelRuntime runtime, string message)
    {
        runtime.Warn(message);
        return null;
    }

    /// <summary>Reads an integer parameter (FEEL truncates a fraction: substring("foobar", 3, 3.8) is "oba"); null beyond int.</summary>
    private static int? Int(object? value) =>
        value is decimal d && d >= int.MinValue && d <= int.MaxValue ? (int)decimal.Truncate(d) : null;

    /// <summary>A single value where a list is expected becomes a list of one (FEEL's singleton coercion).</summary>
    private static List<object?>? AsList(object? value) => value switch
    {
        List<object?> list => list,
        null => null,
        _ => [value],
    };
}

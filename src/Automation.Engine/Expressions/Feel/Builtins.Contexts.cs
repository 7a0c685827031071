namespace Automation.Engine.Expressions.Feel;

internal static partial class Builtins
{
    private static void AddContexts(Action<string, Signature> add)
    {
        add("get value", S(["m", "key"], (r, a) => a[0] is FeelContext c && a[1] is string key
            ? (c.TryGet(key, out var v) ? v : null) : Fail(r, "get value() braucht einen Kontext und einen Schlüssel.")));
        add("get entries", S(["m"], (r, a) => a[0] is FeelContext c
            ? c.Entries.Select(e => (object?)Entry(e.Key, e.Value)).ToList() : Fail(r, "get entries() braucht einen Kontext.")));
        add("context", S(["entries"], (r, a) =>
        {
            if (AsList(a[0]) is not { } entries) return Fail(r, "context() braucht eine Liste von Einträgen.");
            var context = new FeelContext();
            foreach (var entry in entries)
            {
                if (entry is not FeelContext e || !e.TryGet("key", out var key) || key is not string k || !e.TryGet("value", out var value))
                    return Fail(r, "context(): jeder Eintrag braucht „key“ und „value“.");
                if (context.Contains(k)) return Fail(r, $"context(): der Schlüssel „{k}“ kommt doppelt vor.");
                context.Set(k, value);
            }
            return context;
        }));
        add("context put", S(["context", "key", "value"], (r, a) => a[0] is FeelContext c
            ? (a[1] is string key ? Put(c, [key], a[2]) : a[1] is List<object?> { Count: > 0 } keys && keys.All(k => k is string)
                ? Put(c, keys.Cast<string>().ToList(), a[2]) : Fail(r, "context put(): ungültiger Schlüssel."))
            : Fail(r, "context put() braucht einen Kontext.")));
        add("context put", S(["context", "keys", "value"], (r, a) => a[0] is FeelContext c && a[1] is List<object?> { Count: > 0 } keys && keys.All(k => k is string)
            ? Put(c, keys.Cast<string>().ToList(), a[2]) : Fail(r, "context put(): ungültige Schlüssel.")));
        add("context merge", S(["contexts"], (r, a) =>
        {
            if (AsList(a[0]) is not { } contexts || contexts.Any(c => c is not FeelContext)) return Fail(r, "context merge() braucht eine Liste von Kontexten.");
            var merged = new FeelContext();
            foreach (var context in contexts.Cast<FeelContext>())
                foreach (var (key, value) in context.Entries) merged.Set(key, value);
            return merged;
        }));
    }

    private static FeelContext Entry(string key, object? value)
    {
        var entry = new FeelContext();
        entry.Set("key", key);
        entry.Set("value", value);
        return entry;
    }

    private static FeelContext? Put(FeelContext context, List<string> keys, object? value)
    {
        var copy = context.Copy();
        if (keys.Count == 1)
        {
            copy.Set(keys[0], value);
            return copy;
        }
        var inner = copy.TryGet(keys[0], out var existing) ? existing as FeelContext : new FeelContext();
        if (inner is null || Put(inner, keys.GetRange(1, keys.Count - 1), value) is not { } updated) return null;
        copy.Set(keys[0], updated);
        return copy;
    }
}

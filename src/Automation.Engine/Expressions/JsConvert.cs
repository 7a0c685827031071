using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using JsEngine = Jint.Engine;

namespace Automation.Engine.Expressions;

/// <summary>Converts between plain variable values and JavaScript values without CLR interop wrappers.</summary>
internal static class JsConvert
{
    private const int MaxDepth = 32;

    /// <summary>Most values one script result may consist of: a sparse array of length 4 billion is one line of script.</summary>
    internal const int MaxValues = 1_000_000;

    public static JsValue ToJs(JsEngine engine, object? value) => ToJs(engine, value, 0);

    private static JsValue ToJs(JsEngine engine, object? value, int depth)
    {
        if (depth > MaxDepth) throw new ScriptException(ScriptFailure.Value, $"Ein Variablenwert ist tiefer als {MaxDepth} Ebenen verschachtelt.");
        switch (value)
        {
            case null: return JsValue.Null;
            case bool b: return b ? JsBoolean.True : JsBoolean.False;
            case double d: return new JsNumber(d);
            case string s: return new JsString(s);
            case List<object?> list:
                {
                    var items = new JsValue[list.Count];
                    for (var i = 0; i < items.Length; i++) items[i] = ToJs(engine, list[i], depth + 1);
                    return new JsArray(engine, items);
                }
            case Dictionary<string, object?> map:
                {
                    // Data properties, never assignments: a key like "__proto__" stays a key and runs no setter.
                    var obj = new JsObject(engine);
                    foreach (var kv in map) obj.CreateDataProperty(kv.Key, ToJs(engine, kv.Value, depth + 1));
                    return obj;
                }
            default: return ToJs(engine, Runtime.Variables.Normalize(value), depth + 1);
        }
    }

    public static object? ToPlain(JsValue value)
    {
        var budget = MaxValues;
        return ToPlain(value, 0, ref budget);
    }

    private static object? ToPlain(JsValue value, int depth, ref int budget)
    {
        if (depth > MaxDepth) throw new ScriptException(ScriptFailure.Value, $"Das Ergebnis des Skripts ist tiefer als {MaxDepth} Ebenen verschachtelt oder verweist auf sich selbst.");
        if (--budget < 0) throw new ScriptException(ScriptFailure.Value, $"Das Ergebnis des Skripts besteht aus mehr als {MaxValues.ToString("N0", ScriptLimits.German)} Werten.");
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsBoolean()) return value.AsBoolean();
        if (value.IsNumber()) return value.AsNumber();
        if (value.IsString()) return value.AsString();
        if (value.IsDate()) return value.AsDate().ToDateTime().ToString("O", CultureInfo.InvariantCulture);
        if (value.IsArray())
        {
            var array = value.AsArray();
            if (array.Length > (uint)budget)
                throw new ScriptException(ScriptFailure.Value, $"Das Ergebnis des Skripts besteht aus mehr als {MaxValues.ToString("N0", ScriptLimits.German)} Werten.");
            var list = new List<object?>((int)array.Length);
            for (uint i = 0; i < array.Length; i++) list.Add(ToPlain(array.Get(i), depth + 1, ref budget));
            return list;
        }
        // A function is behaviour, not data: it never flows back into a variable, so it cannot run in a later evaluation.
        if (value is Function) return null;
        if (value is ObjectInstance obj)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String))
            {
                var item = obj.Get(key);
                if (item is Function) continue;
                map[key.AsString()] = ToPlain(item, depth + 1, ref budget);
            }
            return map;
        }
        return value.ToString();
    }
}

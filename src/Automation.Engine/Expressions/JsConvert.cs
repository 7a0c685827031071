using System.Globalization;
using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;

namespace Automation.Engine.Expressions;

/// <summary>Converts between plain variable values and JavaScript values without CLR interop wrappers.</summary>
internal static class JsConvert
{
    private const int MaxDepth = 32;

    public static JsValue ToJs(JsEngine engine, object? value, int depth)
    {
        if (depth > MaxDepth) throw new InvalidOperationException("A variable value is nested too deeply.");
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
                    var obj = new JsObject(engine);
                    foreach (var kv in map) obj.Set(kv.Key, ToJs(engine, kv.Value, depth + 1));
                    return obj;
                }
            default: return ToJs(engine, Runtime.Variables.Normalize(value), depth + 1);
        }
    }

    public static object? ToPlain(JsValue value, int depth)
    {
        if (depth > MaxDepth) throw new InvalidOperationException("A script result is nested too deeply or refers to itself.");
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsBoolean()) return value.AsBoolean();
        if (value.IsNumber()) return value.AsNumber();
        if (value.IsString()) return value.AsString();
        if (value.IsDate()) return value.AsDate().ToDateTime().ToString("O", CultureInfo.InvariantCulture);
        if (value.IsArray())
        {
            var array = value.AsArray();
            var list = new List<object?>((int)array.Length);
            for (uint i = 0; i < array.Length; i++) list.Add(ToPlain(array.Get(i), depth + 1));
            return list;
        }
        if (value is Function) return null;
        if (value is ObjectInstance obj)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String))
            {
                var item = obj.Get(key);
                if (item is Function) continue;
                map[key.AsString()] = ToPlain(item, depth + 1);
            }
            return map;
        }
        return value.ToString();
    }
}

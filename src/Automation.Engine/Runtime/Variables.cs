using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Engine.Runtime;

/// <summary>
/// Case variables hold plain JSON-like values only: null, bool, double, string, lists and string-keyed maps.
/// Everything entering a case is normalised to these, so state serializes and scripts see JavaScript values.
/// </summary>
public static class Variables
{
    /// <summary>Normalises a value to the plain variable types (numbers become double, JsonElement is unpacked).</summary>
    /// <exception cref="ArgumentException">The value has a type that cannot be a variable.</exception>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or double => value,
        int i => (double)i,
        long l => (double)l,
        float f => (double)f,
        decimal m => (double)m,
        short s => (double)s,
        byte b => (double)b,
        uint ui => (double)ui,
        ulong ul => (double)ul,
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        JsonElement e => FromJson(e),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value), StringComparer.Ordinal),
        IDictionary<string, object?> map2 => map2.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value), StringComparer.Ordinal),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => throw new ArgumentException($"A variable cannot hold a value of type {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Normalises a whole variable map.</summary>
    public static Dictionary<string, object?> NormalizeAll(IEnumerable<KeyValuePair<string, object?>>? values)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (values is null) return result;
        foreach (var kv in values) result[kv.Key] = Normalize(kv.Value);
        return result;
    }

    /// <summary>Reads a JSON object text into variables.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static Dictionary<string, object?> ParseObject(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException($"Variables must be a JSON object, not {doc.RootElement.ValueKind}.");
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject()) result[p.Name] = FromJson(p.Value);
        return result;
    }

    /// <summary>Converts a JSON element to a plain variable value.</summary>
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Writes a plain variable value as JSON.</summary>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case double d: writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
            case string s: writer.WriteStringValue(s); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var kv in map)
                {
                    writer.WritePropertyName(kv.Key);
                    WriteJson(writer, kv.Value);
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list) WriteJson(writer, item);
                writer.WriteEndArray();
                break;
            default: WriteJson(writer, Normalize(value)); break;
        }
    }

    /// <summary>Structural equality of two plain values.</summary>
    public static bool ValueEquals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is List<object?> la && b is List<object?> lb)
        {
            if (la.Count != lb.Count) return false;
            for (var i = 0; i < la.Count; i++) if (!ValueEquals(la[i], lb[i])) return false;
            return true;
        }
        if (a is Dictionary<string, object?> da && b is Dictionary<string, object?> db)
        {
            if (da.Count != db.Count) return false;
            foreach (var kv in da) if (!db.TryGetValue(kv.Key, out var v) || !ValueEquals(kv.Value, v)) return false;
            return true;
        }
        return a.Equals(b);
    }
}

/// <summary>System.Text.Json converter for variable maps, keeping values plain (no JsonElement).</summary>
internal sealed class VariablesJsonConverter : JsonConverter<Dictionary<string, object?>>
{
    /// <inheritdoc />
    public override Dictionary<string, object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        using var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("Variables must be a JSON object.");
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject()) result[p.Name] = Variables.FromJson(p.Value);
        return result;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Dictionary<string, object?> value, JsonSerializerOptions options) =>
        Variables.WriteJson(writer, value);
}

/// <summary>System.Text.Json converter for a list of plain variable values (no JsonElement).</summary>
internal sealed class ValueListJsonConverter : JsonConverter<List<object?>>
{
    /// <inheritdoc />
    public override List<object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        using var doc = JsonDocument.ParseValue(ref reader);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("A value list must be a JSON array.");
        return doc.RootElement.EnumerateArray().Select(Variables.FromJson).ToList();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, List<object?> value, JsonSerializerOptions options) =>
        Variables.WriteJson(writer, value);
}

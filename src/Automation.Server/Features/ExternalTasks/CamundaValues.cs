using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Server.Features.ExternalTasks;

/// <summary>A variable in the shape of the Camunda 7 REST API: a value with its type.</summary>
/// <param name="Value">The value (for type Json: the JSON text).</param>
/// <param name="Type">String, Boolean, Integer, Long, Short, Double, Json, Object, Date, Null.</param>
/// <param name="ValueInfo">Type details (serialization format of Object values).</param>
internal sealed record CamundaValue(
    JsonElement? Value,
    string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, JsonElement>? ValueInfo = null);

/// <summary>Converts between Camunda's typed variables and the engine's plain values, in both directions.</summary>
internal static class CamundaValues
{
    /// <summary>Plain values from typed ones; a type the engine cannot hold (Bytes, File) is refused naming the variable.</summary>
    /// <exception cref="WorkflowInputException">A value does not match its type, or the type is not supported.</exception>
    public static Dictionary<string, object?> ToPlain(IReadOnlyDictionary<string, CamundaValue>? variables, string field)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (variables is null) return result;
        foreach (var (name, typed) in variables)
        {
            result[name] = ToPlain(name, typed, field);
        }
        return result;
    }

    private static object? ToPlain(string name, CamundaValue typed, string field)
    {
        var value = typed.Value;
        if (value is null || value.Value.ValueKind == JsonValueKind.Null) return null;
        var v = value.Value;
        var type = typed.Type?.ToUpperInvariant();
        try
        {
            switch (type)
            {
                case "JSON":
                case "OBJECT" when v.ValueKind == JsonValueKind.String:
                    return v.ValueKind == JsonValueKind.String ? Variables.FromJson(JsonDocument.Parse(v.GetString()!).RootElement.Clone()) : Variables.FromJson(v);
                case "BYTES" or "FILE":
                    throw new WorkflowInputException(field, Texte.Format(Texte.ExternVariableTypUnbekannt, name, typed.Type));
                case "STRING" or "DATE" when v.ValueKind != JsonValueKind.String:
                    throw new WorkflowInputException(field, Texte.Format(Texte.ExternVariableKeinText, name, typed.Type));
                case "BOOLEAN" when v.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                    throw new WorkflowInputException(field, Texte.Format(Texte.ExternVariableKeinBoolean, name));
                case "INTEGER" or "LONG" or "SHORT" or "DOUBLE" when v.ValueKind != JsonValueKind.Number:
                    throw new WorkflowInputException(field, Texte.Format(Texte.ExternVariableKeineZahl, name, typed.Type));
                default:
                    return Variables.FromJson(v);
            }
        }
        catch (JsonException)
        {
            throw new WorkflowInputException(field, Texte.Format(Texte.ExternVariableKeinJson, name));
        }
    }

    /// <summary>Typed values from plain ones: whole numbers are Long, other numbers Double, objects and lists Json.</summary>
    public static Dictionary<string, CamundaValue> FromPlain(IEnumerable<KeyValuePair<string, object?>> variables)
    {
        var result = new Dictionary<string, CamundaValue>(StringComparer.Ordinal);
        foreach (var (name, value) in variables) result[name] = FromPlain(value);
        return result;
    }

    private static CamundaValue FromPlain(object? value) => value switch
    {
        null => new CamundaValue(null, "Null"),
        string s => new CamundaValue(JsonSerializer.SerializeToElement(s), "String"),
        bool b => new CamundaValue(JsonSerializer.SerializeToElement(b), "Boolean"),
        double d when Math.Abs(d) < 9e15 && Math.Floor(d) == d => new CamundaValue(JsonSerializer.SerializeToElement((long)d), "Long"),
        double d => new CamundaValue(JsonSerializer.SerializeToElement(d), "Double"),
        long l => new CamundaValue(JsonSerializer.SerializeToElement(l), "Long"),
        int i => new CamundaValue(JsonSerializer.SerializeToElement((long)i), "Long"),
        _ => new CamundaValue(JsonSerializer.SerializeToElement(PlainJson(value)), "Json"),
    };

    private static string PlainJson(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) Variables.WriteJson(writer, value);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Camunda's date format for lock expiry times.</summary>
    public static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}

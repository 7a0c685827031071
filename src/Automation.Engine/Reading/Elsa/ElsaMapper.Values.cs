using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// Variables and expressions: declared variables with typed initial values, Elsa expression forms, durations, literals.
internal sealed partial class ElsaMapper
{
    private sealed record VariableInfo(string Name, string? Id, string? TypeName);

    private void ReadVariables(JsonItem? list)
    {
        foreach (var item in list?.Items ?? [])
        {
            var name = item.GetString("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                Error(DiagnosticCodes.InvalidValue, "a workflow variable has no name", item.GetString("id"), item);
                continue;
            }
            AddVariable(name, item.GetString("id"), item.GetString("typeName"), item.Get("value"), item);
        }
    }

    private void AddVariable(string name, string? id, string? typeName, JsonItem? value, JsonItem at)
    {
        var info = new VariableInfo(name, id, typeName);
        if (id is not null) variablesById.TryAdd(id, info);
        if (!variablesByName.TryAdd(name, info)) return;
        variables.Add(new DeclaredVariable(name, InitialValue(name, typeName, value, at)));
    }

    private object? InitialValue(string name, string? typeName, JsonItem? value, JsonItem at)
    {
        if (value is null) return null;
        var text = value.ScalarText;
        switch (TypeCategory(typeName))
        {
            case ValueCategory.Number:
                if (text is null || text.Length == 0) return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
                Error(DiagnosticCodes.InvalidValue, $"initial value '{text}' of variable {name} is not a number", name, at);
                return null;
            case ValueCategory.Boolean:
                if (text is null || text.Length == 0) return null;
                if (bool.TryParse(text, out var flag)) return flag;
                Error(DiagnosticCodes.InvalidValue, $"initial value '{text}' of variable {name} is not a boolean", name, at);
                return null;
            case ValueCategory.String:
                return text ?? json.RawText(value);
            default:
                return value.Kind switch
                {
                    JsonValueKind.Number => double.Parse(value.Text!, NumberStyles.Float, CultureInfo.InvariantCulture),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String => value.String,
                    _ => json.RawText(value),
                };
        }
    }

    private enum ValueCategory { Other, Number, Boolean, String }

    private static ValueCategory TypeCategory(string? typeName)
    {
        if (typeName is null) return ValueCategory.Other;
        // "System.Int32, System.Private.CoreLib" and "Int32" name the same type.
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        var name = comma >= 0 ? typeName[..comma] : typeName;
        name = name[(name.LastIndexOf('.') + 1)..].TrimEnd('?').ToUpperInvariant();
        return name switch
        {
            "INT16" or "INT32" or "INT64" or "UINT16" or "UINT32" or "UINT64" or "BYTE" or "SBYTE" or "SINGLE" or "DOUBLE"
                or "DECIMAL" or "FLOAT" or "INT" or "LONG" or "SHORT" or "NUMBER" => ValueCategory.Number,
            "BOOLEAN" or "BOOL" => ValueCategory.Boolean,
            "STRING" or "CHAR" => ValueCategory.String,
            _ => ValueCategory.Other,
        };
    }


    private readonly record struct ElsaExpression(string Language, JsonItem? Value, string? TypeName);

    /// <summary>Reads Elsa's input forms: {typeName, expression: {type, value}}, a bare {type, value}, or a plain value.</summary>
    private static ElsaExpression? ExpressionOf(JsonItem? input)
    {
        if (input is null) return null;
        if (input.Kind != JsonValueKind.Object) return new ElsaExpression("Literal", input, null);
        var typeName = input.GetString("typeName");
        if (input.Get("expression") is { Kind: JsonValueKind.Object } expression)
        {
            return new ElsaExpression(expression.GetString("type") ?? "Literal", expression.Get("value"), typeName);
        }
        if (input.GetString("type") is { } language && input.Get("expression") is null) return new ElsaExpression(language, input.Get("value"), typeName);
        // An input wrapper with only a type (e.g. an unset payload) carries no value.
        if (typeName is not null) return null;
        return new ElsaExpression("Object", input, null);
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    /// <summary>ISO 8601 form of an Elsa TimeSpan ("00:00:05" → PT5S, "1.02:00:00" → P1DT2H); ISO text passes through.</summary>
    private static string? ToIsoDuration(string text)
    {
        if (text.StartsWith('P')) return text;
        // Without a colon TimeSpan.TryParse would read "5" as five days.
        if (!text.Contains(':', StringComparison.Ordinal) || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            || span < TimeSpan.Zero)
        {
            return null;
        }
        var iso = new StringBuilder("P");
        if (span.Days > 0) iso.Append(span.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        var seconds = span.Seconds + span.Ticks % TimeSpan.TicksPerSecond / (decimal)TimeSpan.TicksPerSecond;
        if (span.Days > 0 && span.Hours == 0 && span.Minutes == 0 && seconds == 0) return iso.ToString();
        iso.Append('T');
        if (span.Hours > 0) iso.Append(span.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        if (span.Minutes > 0) iso.Append(span.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        if (seconds > 0 || (span.Hours == 0 && span.Minutes == 0)) iso.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        return iso.ToString();
    }

    private static string TrimExpression(string script) => script.Trim().TrimEnd(';').TrimEnd();

    /// <summary>A JavaScript string literal that Jint reads back as <paramref name="text"/>.</summary>
    private static string JsString(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }
}

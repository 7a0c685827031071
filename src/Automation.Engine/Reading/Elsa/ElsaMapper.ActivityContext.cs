using System.Globalization;
using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

internal sealed partial class ElsaMapper
{
    /// <summary>Context of the activity being mapped, with helpers that report against it.</summary>
    private sealed class ActivityContext(ElsaMapper mapper, JsonItem activity, string elsaId, string type, string name,
        string? parentId, SourcePosition position)
    {
        public JsonItem Activity => activity;
        public string ElsaId => elsaId;
        public string Type => type;
        public string Name => name;
        public string? ParentId => parentId;
        public SourcePosition Position => position;

        public void Error(string code, string message) =>
            mapper.diagnostics.Add(Diagnostic.Error(code, message, elsaId, position, mapper.file));

        public bool HasInput(string input) => activity.Get(input) is not null;

        /// <summary>An input as JavaScript; null when absent or not translatable (then reported).</summary>
        public string? Js(string input, string? typeName) => Js(ExpressionOf(activity.Get(input)), input, typeName);

        public string? Js(ElsaExpression? expression, string input, string? typeName)
        {
            if (expression is not { } e) return null;
            switch (e.Language)
            {
                case "Literal":
                    return LiteralJs(e.Value, typeName ?? e.TypeName, input);
                case "JavaScript":
                    if (e.Value?.ScalarText is { } script) return ElsaScript.AsExpression(script);
                    Error(DiagnosticCodes.InvalidValue, $"JavaScript expression of input '{input}' of activity {elsaId} is not text");
                    return null;
                case "Object":
                    if (e.Value is null) return "null";
                    return e.Value.Kind switch
                    {
                        JsonValueKind.String => "(" + e.Value.String + ")",
                        JsonValueKind.Object or JsonValueKind.Array => "(" + mapper.json.RawText(e.Value) + ")",
                        _ => e.Value.ScalarText,
                    };
                case "Variable":
                    var reference = e.Value?.Kind == JsonValueKind.Object
                        ? e.Value.GetString("name") ?? e.Value.GetString("id")
                        : e.Value?.String;
                    var variable = reference is null ? null
                        : mapper.variablesByName.GetValueOrDefault(reference) ?? mapper.variablesById.GetValueOrDefault(reference);
                    if (variable is not null && Identifier().IsMatch(variable.Name)) return $"get{variable.Name}()";
                    Error(DiagnosticCodes.MissingReference, $"input '{input}' of activity {elsaId} refers to unknown variable '{reference}'");
                    return null;
                default:
                    Error(DiagnosticCodes.UnsupportedExpression, $"expression language {e.Language} is not supported (input '{input}' of activity {elsaId})");
                    return null;
            }
        }

        private string? LiteralJs(JsonItem? value, string? typeName, string input)
        {
            if (value is null) return "null";
            if (value.Kind is JsonValueKind.Object or JsonValueKind.Array) return "(" + mapper.json.RawText(value) + ")";
            var text = value.ScalarText!;
            switch (TypeCategory(typeName))
            {
                case ValueCategory.Number:
                    if (value.Kind == JsonValueKind.Number) return text;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                    {
                        return number.ToString("R", CultureInfo.InvariantCulture);
                    }
                    Error(DiagnosticCodes.InvalidValue, $"'{text}' is not a number (input '{input}' of activity {elsaId})");
                    return null;
                case ValueCategory.Boolean:
                    if (bool.TryParse(text, out var flag)) return flag ? "true" : "false";
                    Error(DiagnosticCodes.InvalidValue, $"'{text}' is not a boolean (input '{input}' of activity {elsaId})");
                    return null;
                case ValueCategory.String:
                    return JsString(text);
                default:
                    return value.Kind == JsonValueKind.String ? JsString(text) : text;
            }
        }

        /// <summary>
        /// An input that must be known when reading (timer, event name, task name), as text. A script input
        /// (<paramref name="allowScript"/>) takes JavaScript source as its text.
        /// </summary>
        public string? Literal(string input, bool allowScript = false)
        {
            if (ExpressionOf(activity.Get(input)) is not { } e) return null;
            if (e.Language is "Literal" or "Object" || (allowScript && e.Language == "JavaScript"))
            {
                if (e.Value is null) return null;
                return e.Value.ScalarText ?? mapper.json.RawText(e.Value);
            }
            Error(DiagnosticCodes.UnsupportedExpression, e.Language == "JavaScript"
                ? $"expression language JavaScript is not supported for input '{input}' of activity {elsaId}: the value must be known when reading"
                : $"expression language {e.Language} is not supported (input '{input}' of activity {elsaId})");
            return null;
        }

        /// <summary>A list of names given as a JSON array, a JSON array in a string, or comma-separated text.</summary>
        public List<string>? StringList(string input)
        {
            if (ExpressionOf(activity.Get(input)) is not { } e || e.Language is not ("Literal" or "Object")) return null;
            if (e.Value is { Kind: JsonValueKind.Array } array) return [.. array.Items.Select(i => i.ScalarText).OfType<string>()];
            var text = e.Value?.String?.Trim();
            if (string.IsNullOrEmpty(text)) return [];
            if (!text.StartsWith('[')) return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            try
            {
                return JsonSerializer.Deserialize<List<string>>(text) ?? [];
            }
            catch (JsonException)
            {
                Error(DiagnosticCodes.InvalidValue, $"input '{input}' of activity {elsaId} is not a JSON list of names");
                return null;
            }
        }
    }
}

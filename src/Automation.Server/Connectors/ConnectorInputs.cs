using System.Globalization;
using System.Text.Json;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Server.Connectors;

/// <summary>A refused input: the field and the German reason.</summary>
internal sealed record ConnectorInputError(string Field, string Message);

/// <summary>Inputs checked against a connector's fields: typed values (only the given ones) or the errors.</summary>
internal sealed record ConnectorInputCheck(IReadOnlyDictionary<string, object?> Values, IReadOnlyList<ConnectorInputError> Errors)
{
    /// <summary>Whether every input was usable.</summary>
    public bool Ok => Errors.Count == 0;

    /// <summary>The errors as one German sentence list (for a failure's message).</summary>
    public string Message => string.Join(" ", Errors.Select(e => e.Message));
}

/// <summary>
/// The one conversion of step inputs to a connector's field types, for the call (the worker) and for publishing
/// (literal parameters): model literals are text, so "30" is a number and "true" a boolean; JSON fields parse text
/// that starts like an object or a list. Inputs the connector does not declare are left out.
/// </summary>
internal static class ConnectorInputs
{
    /// <summary>Checks and converts the inputs a step gives.</summary>
    public static ConnectorInputCheck Check(IConnector connector, IReadOnlyDictionary<string, object?> inputs)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var errors = new List<ConnectorInputError>();
        foreach (var field in connector.Inputs)
        {
            if (!inputs.TryGetValue(field.Name, out var raw) || raw is null || raw is string { Length: 0 })
            {
                if (field.Required) errors.Add(new(field.Name, Texte.Format(Texte.KonnektorEingabeFehlt, field.Name, field.Label)));
                continue;
            }
            if (!TryConvert(field.Type, raw, out var value))
                errors.Add(new(field.Name, Texte.Format(Texte.KonnektorEingabeTyp, field.Name, field.Label, Texte.KonnektorTyp(field.Type.ToString()))));
            else if (field.Rule?.Invoke(value) is { } reason) errors.Add(new(field.Name, reason));
            else values[field.Name] = value;
        }
        return new ConnectorInputCheck(values, errors);
    }

    /// <summary>Converts one value to a field type (plain variable values: string, double, bool, lists, maps).</summary>
    public static bool TryConvert(ConnectorFieldType type, object? raw, out object? value)
    {
        value = null;
        switch (type)
        {
            case ConnectorFieldType.Text:
                value = raw switch
                {
                    string s => s,
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    bool b => b ? "true" : "false",
                    _ => null,
                };
                return value is not null;
            case ConnectorFieldType.Number:
                if (raw is double number) value = number;
                else if (raw is string text && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)) value = parsed;
                return value is not null;
            case ConnectorFieldType.Boolean:
                if (raw is bool flag) value = flag;
                else if (raw is string word && bool.TryParse(word.Trim(), out var read)) value = read;
                return value is not null;
            case ConnectorFieldType.Json:
                if (raw is string json && json.TrimStart() is ['{' or '[', ..])
                {
                    try
                    {
                        using var document = JsonDocument.Parse(json);
                        value = Variables.FromJson(document.RootElement);
                        return true;
                    }
                    catch (JsonException)
                    {
                        return false;
                    }
                }
                try
                {
                    value = Variables.Normalize(raw);
                    return true;
                }
                catch (ArgumentException)
                {
                    return false;
                }
            default:
                return false;
        }
    }
}

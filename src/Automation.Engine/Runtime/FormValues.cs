using System.Globalization;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>
/// Checks and converts the values a person enters against the form fields of a human task or a start event. Its
/// messages name the field by its label in German: they are shown to that person next to the field.
/// </summary>
internal static class FormValues
{
    /// <summary>
    /// Returns the values as plain variables, converted to each declared field's type (form posts send text).
    /// Values for undeclared names pass through unchanged.
    /// </summary>
    /// <exception cref="WorkflowInputException">A required value is missing or a value does not fit its field.</exception>
    public static Dictionary<string, object?> Check(IReadOnlyList<FormField> fields, IEnumerable<KeyValuePair<string, object?>>? values)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Dictionary<string, object?> plain;
        try
        {
            plain = Variables.NormalizeAll(values);
        }
        catch (ArgumentException e)
        {
            throw new WorkflowInputException("values", e.Message);
        }
        foreach (var field in fields)
        {
            var present = plain.TryGetValue(field.Id, out var value) && value is not null && !(value is string s && s.Length == 0);
            if (!present)
            {
                if (field.Required) throw new WorkflowInputException(field.Id, $"„{field.Label}“ ist ein Pflichtfeld.");
                plain.Remove(field.Id);
                continue;
            }
            plain[field.Id] = Convert(field, value!);
        }
        return plain;
    }

    private static object Convert(FormField field, object value)
    {
        switch (field.Type)
        {
            case "boolean":
                if (value is bool) return value;
                if (value is string b)
                {
                    if (b is "true" or "on" or "ja") return true;
                    if (b is "false" or "off" or "nein") return false;
                }
                break;
            case "long":
            case "double":
                var number = value switch
                {
                    double d => d,
                    string t when double.TryParse(t.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => double.NaN,
                };
                if (double.IsFinite(number) && (field.Type == "double" || Math.Abs(number % 1) < double.Epsilon)) return number;
                break;
            case "date":
                if (value is string german && DateOnly.TryParseExact(german.Trim(), "d.M.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var germanDay))
                    return germanDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (value is string date && DateOnly.TryParse(date, CultureInfo.InvariantCulture, out var day))
                    return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (value is string dt && DateTimeOffset.TryParse(dt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                    return instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case "file":
                // The host stores the upload as a case document first; the variable holds only its small description.
                if (value is IReadOnlyDictionary<string, object?> document && document.GetValueOrDefault("id") is string id && Guid.TryParse(id, out _)
                    && document.GetValueOrDefault("name") is string && document.GetValueOrDefault("size") is double
                    && document.GetValueOrDefault("mediaType") is string)
                {
                    return document;
                }
                break;
            case "enum":
                if (value is string option && field.Options.Contains(option)) return option;
                throw new WorkflowInputException(field.Id, $"„{field.Label}“ muss einer dieser Werte sein: {string.Join(", ", field.Options)}.");
            default:
                return value is string ? value : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        throw new WorkflowInputException(field.Id, $"„{field.Label}“ {Expected(field.Type)}.");
    }

    private static string Expected(string type) => type switch
    {
        "boolean" => "muss ja oder nein sein",
        "long" => "muss eine ganze Zahl sein",
        "double" => "muss eine Zahl sein",
        "date" => "muss ein Datum sein (TT.MM.JJJJ)",
        "file" => "muss ein hochgeladenes Dokument sein",
        _ => $"muss vom Typ {type} sein",
    };
}

using System.Globalization;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>Checks and converts the values a person enters to complete a human task against its form fields.</summary>
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
                if (field.Required) throw new WorkflowInputException(field.Id, $"„{field.Label}“ ({field.Id}) ist ein Pflichtfeld.");
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
            case "enum":
                if (value is string option && field.Options.Contains(option)) return option;
                throw new WorkflowInputException(field.Id, $"„{field.Label}“ ({field.Id}) muss einer dieser Werte sein: {string.Join(", ", field.Options)}.");
            default:
                return value is string ? value : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        throw new WorkflowInputException(field.Id, $"„{field.Label}“ ({field.Id}) muss {Expected(field.Type)} sein.");
    }

    /// <summary>What a field of the type takes, in the words of the form's users (German, as every user-facing text).</summary>
    private static string Expected(string type) => type switch
    {
        "boolean" => "Ja oder Nein",
        "long" => "eine ganze Zahl",
        "double" => "eine Zahl",
        "date" => "ein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)",
        _ => "ein Wert vom Typ " + type,
    };
}

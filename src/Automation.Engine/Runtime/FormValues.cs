using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Juel;
using Automation.Engine.Model;
using Automation.Engine.Texts;

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
    /// <param name="fields">The form's fields.</param>
    /// <param name="values">The values entered.</param>
    /// <param name="shown">
    /// What the form showed (<see cref="Defaults"/>): a read-only field may send back only its shown value; by default the
    /// literal default values.
    /// </param>
    /// <exception cref="WorkflowInputException">A required value is missing or a value does not fit its field.</exception>
    public static Dictionary<string, object?> Check(IReadOnlyList<FormField> fields, IEnumerable<KeyValuePair<string, object?>>? values,
        IReadOnlyDictionary<string, object?>? shown = null)
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
            if (field.ReadOnly)
            {
                // A page may send back the value it showed; anything else would change what the process set.
                if (present && !ShowsSame(field, value!, (shown ?? Defaults(fields, NoVariables)).GetValueOrDefault(field.Id)))
                    throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularSchreibgeschuetzt, field.Label));
                plain.Remove(field.Id);
                continue;
            }
            if (!present)
            {
                if (field.Required) throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularPflichtfeld, field.Label));
                plain.Remove(field.Id);
                continue;
            }
            var converted = Convert(field, value!);
            CheckConstraints(field, converted);
            plain[field.Id] = converted;
        }
        return plain;
    }

    /// <summary>
    /// The values of a start form: checked as a task's are against the defaults it showed (there are no variables yet),
    /// and a read-only field takes its default, as Camunda 7 sets a field's default when nothing else is sent: the case
    /// has not set it before, so without this the field would be lost.
    /// </summary>
    /// <exception cref="WorkflowInputException">A required value is missing, a value does not fit, or a read-only value was changed.</exception>
    public static Dictionary<string, object?> CheckStart(IReadOnlyList<FormField> fields, IEnumerable<KeyValuePair<string, object?>>? values)
    {
        var shown = StartDefaults(fields);
        var plain = Check(fields, values, shown);
        foreach (var field in fields)
        {
            if (field.ReadOnly && shown.TryGetValue(field.Id, out var value)) plain[field.Id] = value;
        }
        return plain;
    }

    /// <summary>What a start form shows first: its literal defaults (a JUEL default has no variables to read yet).</summary>
    public static Dictionary<string, object?> StartDefaults(IReadOnlyList<FormField> fields) => Defaults(fields, NoVariables);

    /// <summary>The stable code of a refused e-mail address (the API's Problem Details <c>code</c>).</summary>
    public const string EmailCode = "invalid-email";

    private static readonly Dictionary<string, object?> NoVariables = new(StringComparer.Ordinal);

    /// <summary>
    /// The values a form shows first: each field's default value, JUEL (<c>${…}</c>) evaluated against the variables the
    /// task sees, converted to the field's type. A default that gives nothing or cannot be evaluated or converted is
    /// left out: the field starts empty.
    /// </summary>
    public static Dictionary<string, object?> Defaults(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(variables);
        var defaults = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.DefaultValue is not { } text) continue;
            try
            {
                var value = text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal)
                    ? Variables.Normalize(JuelExpression.Parse(text).Evaluate(variables))
                    : text;
                if (value is not null) defaults[field.Id] = Convert(field, value);
            }
            catch (Exception e) when (e is JuelParseException or ScriptException or WorkflowInputException or ArgumentException)
            {
                // No usable default: the field starts empty, as without one.
            }
        }
        return defaults;
    }

    private static bool ShowsSame(FormField field, object sent, object? shown)
    {
        if (shown is null) return false;
        try
        {
            return Variables.ValueEquals(Convert(field, sent), shown);
        }
        catch (WorkflowInputException)
        {
            return false;
        }
    }

    /// <summary>The Camunda constraints minlength and maxlength (texts) and min and max (numbers).</summary>
    private static void CheckConstraints(FormField field, object value)
    {
        if (value is string text)
        {
            if (field.MinLength is { } least && text.Length < least)
                throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularMindestensZeichen, field.Label, least));
            if (field.MaxLength is { } most && text.Length > most)
                throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularHoechstensZeichen, field.Label, most));
        }
        if (value is double number)
        {
            if (field.Min is { } min && number < min)
                throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularMindestensWert, field.Label, min));
            if (field.Max is { } max && number > max)
                throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularHoechstensWert, field.Label, max));
        }
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
                // Camunda 7's date fields use dd/MM/yyyy.
                if (value is string camunda && DateOnly.TryParseExact(camunda.Trim(), "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var camundaDay))
                    return camundaDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
            case "email":
                // Surrounding spaces are what a browser strips too; anything inside the address is checked.
                if (value is string address && address.Trim(' ') is var trimmed && EmailAddress.IsValid(trimmed)) return trimmed;
                throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularEmailUngueltig, field.Label, EmailAddress.MaxLength)) { Code = EmailCode };
            case "enum":
                if (value is string option && field.Options.Contains(option)) return option;
                throw new WorkflowInputException(field.Id, Texte.Format(Texte.FormularEinerDieserWerte, field.Label, string.Join(", ", field.Options)));
            default:
                return value is string ? value : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        throw new WorkflowInputException(field.Id, Texte.Format(Expected(field.Type), field.Label, field.Type));
    }

    private static string Expected(string type) => type switch
    {
        "boolean" => Texte.FormularJaOderNein,
        "long" => Texte.FormularGanzeZahl,
        "double" => Texte.FormularZahl,
        "date" => Texte.FormularDatum,
        "file" => Texte.FormularDokument,
        _ => Texte.FormularTyp,
    };
}

using Automation.Engine.Model;
using Microsoft.AspNetCore.Http;

namespace Automation.Server.Features.Forms;

/// <summary>
/// A declared form field of a task or a start event; <c>ReadOnly</c> fields show <c>Default</c> and take no other value
/// (camunda readonly), <c>Default</c> is what the form shows first (camunda defaultValue, JUEL evaluated), null for none.
/// </summary>
internal sealed record FieldDto(string Id, string Label, string Type, bool Required, IReadOnlyList<string> Options, bool ReadOnly = false,
    object? Default = null);

/// <summary>What the form-field partial (Features/Shared/_FormFields.cshtml) shows: the fields, values typed before and the field at fault.</summary>
/// <param name="Fields">The declared fields.</param>
/// <param name="Values">Values as typed, by field id (shown again after a refused post).</param>
/// <param name="ErrorField">Id of the field the error belongs to.</param>
/// <param name="Error">The German error for that field.</param>
internal sealed record FormFieldsView(IReadOnlyList<FieldDto> Fields, IReadOnlyDictionary<string, string> Values, string? ErrorField = null,
    string? Error = null);

/// <summary>
/// The one place that turns a node's <c>am:field</c> declarations into a page form and a posted page form back into
/// values, for task completions and case starts alike. Type checks and conversion stay in the engine (FormValues).
/// </summary>
internal static class FormFields
{
    /// <summary>Prefix of the form's input names, so fields cannot collide with the page's own inputs.</summary>
    public const string Prefix = "v.";

    /// <summary>The <c>accept</c> list of a file field: the extensions a case document may have.</summary>
    public static string FileAccept { get; } = string.Join(",", Automation.Data.Documents.CaseDocuments.AllowedExtensions);

    /// <summary>Whether a form has a file field (and must be posted as multipart/form-data).</summary>
    public static bool HasFile(IReadOnlyList<FieldDto> fields) => fields.Any(f => f.Type == "file");

    /// <summary>The declared fields of a node (none for a missing node), with the values the form shows first.</summary>
    public static IReadOnlyList<FieldDto> Of(FlowNode? node, IReadOnlyDictionary<string, object?>? defaults = null) =>
        (node?.FormFields ?? []).Select(f => new FieldDto(f.Id, f.Label, f.Type, f.Required, f.Options, f.ReadOnly,
            defaults?.GetValueOrDefault(f.Id))).ToList();

    /// <summary>
    /// The values a page form shows: what was typed before a refused post, else each field's default; a read-only field
    /// always shows its default (it takes no other value).
    /// </summary>
    public static void Prefill(IReadOnlyList<FieldDto> fields, Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var f in fields)
        {
            if (f.Default is null || (!f.ReadOnly && values.ContainsKey(f.Id))) continue;
            values[f.Id] = f.Default switch
            {
                bool b => b ? "true" : "false",
                // Numbers as the inputs read them: a whole number for long, German decimals for double.
                double d when f.Type == "double" => d.ToString("0.##########", System.Globalization.CultureInfo.GetCultureInfo("de-DE")),
                double d => d.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture),
                string text => text,
                var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        }
    }

    /// <summary>The posted values as typed, by field id.</summary>
    public static Dictionary<string, string> Posted(IFormCollection form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(Prefix, StringComparison.Ordinal)) values[key[Prefix.Length..]] = value.ToString();
        }
        return values;
    }

    /// <summary>
    /// The values of the declared fields only, as the engine checks them; an unticked checkbox sends nothing, which
    /// means "no" for a yes/no field unless the field is read-only.
    /// </summary>
    public static Dictionary<string, object?> Values(IReadOnlyList<FieldDto> fields, IReadOnlyDictionary<string, object?> posted) =>
        fields.ToDictionary(f => f.Id, f =>
        {
            // A file field holds the stored document's description, put there by the page after storing the upload.
            if (f.Type == "file") return posted.GetValueOrDefault(f.Id) is IReadOnlyDictionary<string, object?> document ? document : null;
            // A read-only field the page shows disabled sends nothing: unchanged, not "no".
            if (f.ReadOnly && !posted.ContainsKey(f.Id)) return null;
            var text = posted.GetValueOrDefault(f.Id) as string ?? "";
            return (object?)(f.Type == "boolean" ? (text == "true" ? "true" : "false") : text);
        }, StringComparer.Ordinal);
}

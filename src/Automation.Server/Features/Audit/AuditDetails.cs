using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Shared;

namespace Automation.Server.Features.Audit;

/// <summary>
/// One field of an audit entry's state before or after, as the page shows it.
/// </summary>
/// <param name="Key">The stored JSON key.</param>
/// <param name="Label">Its German label, or null for a key without one (the page shows the key as code).</param>
/// <param name="Value">The value as readers see it (de-DE), or null when <paramref name="Fields"/> holds it.</param>
/// <param name="Fields">The fields of an object value, or of each object in a list one after the other.</param>
/// <param name="IsCode">The value is an address or id as programs write it (IP address, host, process id): shown as code.</param>
internal sealed record AuditField(string Key, string? Label, string? Value, IReadOnlyList<AuditField>? Fields, bool IsCode = false);

/// <summary>
/// The audit page's reading of the stored before/after JSON: each key with its German label (Protokollfeld_…, else the
/// register's field names), values in de-DE — numbers with decimal commas, dates as dates, yes/no, role names — and no
/// JSON escapes. The API and the CSV keep the raw JSON: programs read it.
/// </summary>
internal static partial class AuditDetails
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The fields of stored JSON; null for none. A value that is not an object is one field without a key.</summary>
    public static IReadOnlyList<AuditField>? Read(string? json)
    {
        if (json is null) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? FieldsOf(root) : [Field("", root)];
        }
        catch (JsonException)
        {
            // Not JSON (never written so, but the column is text): shown as it is.
            return [new AuditField("", null, json, null)];
        }
    }

    private static List<AuditField> FieldsOf(JsonElement value) => [.. value.EnumerateObject().Select(p => Field(p.Name, p.Value))];

    private static AuditField Field(string key, JsonElement value)
    {
        var label = key.Length == 0 ? null : Texte.Protokollfeld(key);
        return value.ValueKind switch
        {
            JsonValueKind.Object => new AuditField(key, label, null, FieldsOf(value)),
            JsonValueKind.Array when value.EnumerateArray().Any(v => v.ValueKind is JsonValueKind.Object or JsonValueKind.Array) =>
                new AuditField(key, label, null, [.. value.EnumerateArray().Select((v, i) => Field(key, v) with { Key = Number(i), Label = Number(i) })]),
            JsonValueKind.Array => new AuditField(key, label, value.GetArrayLength() == 0 ? Texte.ProtokollKeine : string.Join(", ", value.EnumerateArray().Select(v => Scalar(key, v))), null),
            _ => new AuditField(key, label, Scalar(key, value), null, value.ValueKind == JsonValueKind.String && CodeKeys.Contains(key)),
        };
    }

    /// <summary>Keys whose values are addresses or ids, not words.</summary>
    private static readonly HashSet<string> CodeKeys = new(StringComparer.Ordinal) { "address", "host", "processId", "nodeId", "key", "file" };

    /// <summary>The position of a list item as its label: 1, 2, …</summary>
    private static string Number(int index) => (index + 1).ToString(German);

    private static string Scalar(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(key, value.GetString()!),
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d.ToString("#,##0.######", German) : value.GetRawText(),
        JsonValueKind.True => Texte.Ja,
        JsonValueKind.False => Texte.Nein,
        _ => "–",
    };

    private static string Text(string key, string text)
    {
        // The server's roles are stored by their code (Admin, Clerk …); readers know them by their German names.
        switch (key)
        {
            case "roles": return Roles.Display(text);
            case "status": return Texte.Find("Faktorstatus_" + text) ?? text;
            case "unit": return Texte.Einheit(text);
        }
        // The register's choice fields (riskClass none → kein KI-System) by the labels its form shows.
        if (Register.RegisterRules.Choices(key)?.GetValueOrDefault(text) is { } choice) return choice;
        if (Texte.Protokollwert(key, text) is { } german) return german;
        if (Timestamp().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return DisplayTime.Time(at);
        }
        return text;
    }

    /// <summary>An ISO 8601 time as System.Text.Json writes a DateTimeOffset.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}

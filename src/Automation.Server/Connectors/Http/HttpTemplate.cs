using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Server.Connectors.Http;

/// <summary>A template that could not be filled: the German reason (naming the field and the variable or secret).</summary>
internal sealed class TemplateException(string message) : Exception(message);

/// <summary>
/// <c>{{variable}}</c> (also <c>{{a.b}}</c> into maps) and, where allowed, <c>{{secret:name}}</c> in the HTTP
/// connector's texts. Values come from the step's inputs over the case's variables; an unknown name is an error, never
/// an empty text. Secrets used are collected so every text leaving the call can be cleaned of them.
/// </summary>
internal sealed partial class HttpTemplate(IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?> variables, ISecretStore secrets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The secret values filled in so far (to be cleaned from messages and outputs).</summary>
    public List<string> SecretsUsed { get; } = [];

    /// <summary>Whether a text holds a placeholder.</summary>
    public static bool HasPlaceholder(string text) => text.Contains("{{", StringComparison.Ordinal) && Placeholder().IsMatch(text);

    /// <summary>Fills a text; <paramref name="escape"/> encodes every value but one at the very start (a URL's base).</summary>
    public async Task<string> FillAsync(string text, string field, bool allowSecrets, Func<string, string>? escape, CancellationToken ct)
    {
        var matches = Placeholder().Matches(text);
        if (matches.Count == 0) return text;
        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (Match m in matches)
        {
            result.Append(text, at, m.Index - at);
            string value;
            if (m.Groups["secret"].Success)
            {
                if (!allowSecrets) throw new TemplateException(Texte.Format(Texte.HttpGeheimnisNurKopfzeilen, field));
                var name = m.Groups["name"].Value;
                value = await secrets.GetAsync(name, ct) ?? throw new TemplateException(Texte.Format(Texte.HttpGeheimnisUnbekannt, name));
                SecretsUsed.Add(value);
            }
            else
            {
                value = AsText(Lookup(m.Groups["name"].Value, field));
                if (escape is not null && m.Index > 0) value = escape(value);
            }
            result.Append(value);
            at = m.Index + m.Length;
        }
        result.Append(text, at, text.Length - at);
        return result.ToString();
    }

    /// <summary>
    /// Fills a JSON value: strings are filled as text, a string that is exactly one placeholder takes the variable's
    /// own type (a number stays a number).
    /// </summary>
    public async Task<object?> FillJsonAsync(object? value, string field, CancellationToken ct)
    {
        switch (value)
        {
            case string text:
                var whole = Placeholder().Match(text);
                if (whole.Success && whole.Length == text.Length && !whole.Groups["secret"].Success) return Lookup(whole.Groups["name"].Value, field);
                return await FillAsync(text, field, allowSecrets: false, escape: null, ct);
            case IReadOnlyDictionary<string, object?> map:
                var filled = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in map) filled[key] = await FillJsonAsync(item, field, ct);
                return filled;
            case IDictionary<string, object?> map2:
                var filled2 = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in map2) filled2[key] = await FillJsonAsync(item, field, ct);
                return filled2;
            case System.Collections.IList list:
                var items = new List<object?>(list.Count);
                foreach (var item in list) items.Add(await FillJsonAsync(item, field, ct));
                return items;
            default:
                return value;
        }
    }

    /// <summary>A value as JSON text.</summary>
    public static string ToJson(object? value) => JsonSerializer.Serialize(value, Json);

    private object? Lookup(string name, string field)
    {
        if (inputs.TryGetValue(name, out var input)) return input;
        if (variables.TryGetValue(name, out var variable)) return variable;
        // a.b.c: into maps, starting at the longest known prefix-free first segment.
        var parts = name.Split('.');
        if (parts.Length > 1 && (inputs.TryGetValue(parts[0], out var current) || variables.TryGetValue(parts[0], out current)))
        {
            foreach (var part in parts.Skip(1))
            {
                if (current is IReadOnlyDictionary<string, object?> map && map.TryGetValue(part, out var next)) current = next;
                else if (current is IDictionary<string, object?> map2 && map2.TryGetValue(part, out var next2)) current = next2;
                else throw new TemplateException(Texte.Format(Texte.HttpVariableUnbekannt, field, name));
            }
            return current;
        }
        throw new TemplateException(Texte.Format(Texte.HttpVariableUnbekannt, field, name));
    }

    private static string AsText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => ToJson(Variables.Normalize(value)),
    };

    [GeneratedRegex(@"\{\{\s*(?<secret>secret:)?(?<name>[A-Za-z_][A-Za-z0-9_.\-]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

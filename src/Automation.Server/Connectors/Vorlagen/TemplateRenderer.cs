using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Automation.Engine.Texts;
using Automation.Server.Features.Shared;

namespace Automation.Server.Connectors.Vorlagen;

/// <summary>A template could not be filled: the message names the template and the placeholder (never an empty hole).</summary>
internal sealed class TemplateException(string message) : Exception(message);

/// <summary>
/// Fills <c>{{variable}}</c> and <c>{{variable.field}}</c> placeholders from a case's variables, the German way:
/// numbers 1.234,5 (whole numbers without decimals, others with two), dates 31.12.2026, times in Europe/Berlin, yes/no
/// as ja/nein, lists joined with commas, a document object by its file name. Besides the case's variables a template
/// may use <c>aktenzeichen</c> (the business key) and <c>heute</c> (today's date), unless the case has variables of
/// those names. An unknown variable, a missing field or an empty value is an error naming the template and the
/// variable.
/// </summary>
internal static partial class TemplateRenderer
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    // Encodes markup characters only: umlauts stay readable in the HTML part (it is sent as UTF-8).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>
    /// The values a template sees: the case's variables, the step's input parameters over them (they are the step's
    /// local variables, as in Camunda: <c>betrag</c> = <c>${wohngeld}</c>), plus <c>aktenzeichen</c> and <c>heute</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Values(ConnectorCall call, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        var values = new Dictionary<string, object?>(call.Variables, StringComparer.Ordinal);
        foreach (var (name, value) in call.Inputs) values[name] = value;
        if (call.BusinessKey is not null) values.TryAdd("aktenzeichen", call.BusinessKey);
        values.TryAdd("heute", DisplayTime.Day(now));
        return values;
    }

    /// <summary>Fills the placeholders; with <paramref name="html"/> each value is HTML-encoded.</summary>
    /// <exception cref="TemplateException">An unknown variable or field, an empty value, or a malformed placeholder.</exception>
    public static string Render(string templateName, string text, IReadOnlyDictionary<string, object?> values, bool html = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (Match m in Placeholder().Matches(text))
        {
            result.Append(text, at, m.Index - at);
            var path = m.Groups[1].Value.Trim();
            if (!PathSyntax().IsMatch(path)) throw new TemplateException(Texte.Format(Texte.VorlagePlatzhalterUngueltig, templateName, m.Value));
            var value = Resolve(templateName, path, values);
            result.Append(html ? Html.Encode(value) : value);
            at = m.Index + m.Length;
        }
        result.Append(text, at, text.Length - at);
        return result.ToString();
    }

    /// <summary>The placeholders' variable paths of a text (for checks that run before any case exists).</summary>
    public static IEnumerable<string> Paths(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value.Trim());

    private static string Resolve(string templateName, string path, IReadOnlyDictionary<string, object?> values)
    {
        var names = path.Split('.');
        object? current = values.GetValueOrDefault(names[0]);
        var found = values.ContainsKey(names[0]);
        for (var i = 1; found && i < names.Length; i++)
        {
            found = current is IReadOnlyDictionary<string, object?> map && map.TryGetValue(names[i], out current);
        }
        var text = found ? Format(current) : null;
        return string.IsNullOrEmpty(text) ? throw new TemplateException(Texte.Format(Texte.VorlageVariableUnbekannt, templateName, path)) : text;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "ja" : "nein",
        double d when Math.Abs(d % 1) < double.Epsilon => d.ToString("N0", German),
        double d => d.ToString("N2", German),
        string s when s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) =>
            day.ToString("dd.MM.yyyy", German),
        string s when s.Length > 10 && s[4] == '-' && s[10] == 'T'
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) =>
            DisplayTime.Minutes(time),
        string s => s,
        IReadOnlyDictionary<string, object?> map when map.GetValueOrDefault("name") is string name => name,
        IReadOnlyDictionary<string, object?> => null,
        System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>().Select(Format).Where(t => !string.IsNullOrEmpty(t))),
        _ => Convert.ToString(value, German),
    };

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}\p{N}_]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PathSyntax();
}

using System.Globalization;
using Automation.Engine.Texts;
using Automation.Server.Connectors.Vorlagen;

namespace Automation.Server.Connectors;

/// <summary>Reading the inputs of the document and e-mail connectors: texts, lists, and texts filled as templates.</summary>
internal static class TemplatedInputs
{
    /// <summary>A text input, or null when absent or empty.</summary>
    public static string? Text(ConnectorCall call, string name) => call.Inputs.GetValueOrDefault(name) switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    /// <summary>A list input: a JSON list, or a text with entries separated by commas or semicolons.</summary>
    public static IReadOnlyList<object?> List(ConnectorCall call, string name) => call.Inputs.GetValueOrDefault(name) switch
    {
        null => [],
        string s => [.. s.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        System.Collections.IEnumerable list and not IReadOnlyDictionary<string, object?> => [.. list.Cast<object?>()],
        var one => [one],
    };

    /// <summary>A text input filled as a template (its placeholders from the case's variables); null when absent.</summary>
    /// <exception cref="TemplateException">A placeholder cannot be filled.</exception>
    public static string? Filled(ConnectorCall call, string name, IReadOnlyDictionary<string, object?> values, bool html = false) =>
        Text(call, name) is { } text ? TemplateRenderer.Render(Texte.Format("{0} ({1})", name, call.NodeId), text, values, html) : null;
}

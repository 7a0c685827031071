using Automation.Engine.Texts;

namespace Automation.Server.Features.Messages;

/// <summary>
/// The optional variables of the message and signal forms (case page, /signale): pairs of name and text. An empty row
/// is skipped; a value without a name or a name given twice is refused, so nothing is sent half-understood.
/// </summary>
internal static class EventVariables
{
    /// <summary>The variables, or the German reason they cannot be read (naming the row).</summary>
    public static (IReadOnlyDictionary<string, object?> Values, string? Problem) Read(IReadOnlyList<string?>? names, IReadOnlyList<string?>? texts)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var rows = Math.Max(names?.Count ?? 0, texts?.Count ?? 0);
        for (var i = 0; i < rows; i++)
        {
            var name = names is not null && i < names.Count ? names[i]?.Trim() : null;
            var text = texts is not null && i < texts.Count ? texts[i] : null;
            if (string.IsNullOrEmpty(name))
            {
                if (!string.IsNullOrEmpty(text)) return (values, Texte.Format(Texte.EreignisNameFehlt, i + 1));
                continue;
            }
            if (!values.TryAdd(name, text ?? "")) return (values, Texte.Format(Texte.EreignisNameDoppelt, name));
        }
        return (values, null);
    }
}

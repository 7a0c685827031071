using System.Collections.Frozen;

namespace Automation.Server.Connectors.Vorlagen;

/// <summary>What a library template is for.</summary>
internal enum TemplateKind
{
    /// <summary>An e-mail: <c>name.email.html</c> and/or <c>name.email.txt</c>.</summary>
    Email,
    /// <summary>A PDF document's text: <c>name.pdf.txt</c>.</summary>
    Pdf,
}

/// <summary>A template of the library: its name and texts.</summary>
/// <param name="Name">Name as models use it, e.g. <c>eingangsbestaetigung</c>.</param>
/// <param name="Kind">E-mail or PDF.</param>
/// <param name="Text">The plain text (e-mail text part, PDF body); null when the e-mail has only HTML.</param>
/// <param name="Html">The e-mail's HTML part, if any.</param>
internal sealed record Template(string Name, TemplateKind Kind, string? Text, string? Html);

/// <summary>
/// The template library: the files of this folder, embedded in the server (<c>Vorlagen.&lt;name&gt;.&lt;email|pdf&gt;.&lt;txt|html&gt;</c>).
/// German texts with <c>{{variable}}</c> and <c>{{variable.field}}</c> placeholders (<see cref="TemplateRenderer"/>).
/// </summary>
internal sealed class TemplateLibrary
{
    private const string Prefix = "Vorlagen.";

    private readonly FrozenDictionary<(string, TemplateKind), Template> templates;

    /// <summary>Reads the embedded templates.</summary>
    public TemplateLibrary()
    {
        var assembly = typeof(TemplateLibrary).Assembly;
        var parts = new Dictionary<(string Name, TemplateKind Kind), (string? Text, string? Html)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            // Vorlagen.<name>.<kind>.<extension>
            var pieces = resource[Prefix.Length..].Split('.');
            if (pieces.Length != 3) continue;
            var kind = pieces[1] switch { "email" => TemplateKind.Email, "pdf" => TemplateKind.Pdf, _ => (TemplateKind?)null };
            if (kind is null) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var content = reader.ReadToEnd();
            var key = (pieces[0], kind.Value);
            var current = parts.GetValueOrDefault(key);
            parts[key] = pieces[2] == "html" ? current with { Html = content } : current with { Text = content };
        }
        templates = parts.ToFrozenDictionary(kv => kv.Key, kv => new Template(kv.Key.Name, kv.Key.Kind, kv.Value.Text, kv.Value.Html));
    }

    /// <summary>The template of that name and kind, or null.</summary>
    public Template? Find(string name, TemplateKind kind) => templates.GetValueOrDefault((name, kind));

    /// <summary>The names of the templates of a kind, sorted (for messages and the modeler).</summary>
    public IReadOnlyList<string> Names(TemplateKind kind) =>
        [.. templates.Keys.Where(k => k.Item2 == kind).Select(k => k.Item1).Order(StringComparer.Ordinal)];
}

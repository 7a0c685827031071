using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Server.Connectors.Vorlagen;

/// <summary>
/// The publish check of template references: a step bound to the <c>pdf</c> or <c>email</c> connector whose
/// <c>template</c> input names a template the library does not have is an error naming the element and the
/// template. Part of <see cref="ConnectorPublishCheck"/>, so every publish path runs it.
/// </summary>
internal static class TemplateCheck
{
    /// <summary>Stable code of the finding.</summary>
    public const string UnknownTemplate = "unknown-template";

    /// <summary>The connectors that read a library template, and the template kind each reads.</summary>
    private static readonly Dictionary<string, TemplateKind> Readers = new(StringComparer.Ordinal)
    {
        [PdfConnector.ConnectorName] = TemplateKind.Pdf,
        [EmailConnector.ConnectorName] = TemplateKind.Email,
    };

    /// <summary>Findings for every step of the file that names an unknown template (empty when all are known).</summary>
    public static IReadOnlyList<Diagnostic> Check(DefinitionSet set, TemplateLibrary library)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(library);
        var findings = new List<Diagnostic>();
        foreach (var node in set.Processes.SelectMany(p => p.Nodes))
        {
            if (node.Service is not { } binding) continue;
            // A step may ask for a version as name:version; the template rule is the same for every version.
            var name = binding.ActionName.Split(':')[0];
            if (!Readers.TryGetValue(name, out var kind) || TemplateName(node) is not { } template) continue;
            if (library.Find(template, kind) is not null) continue;
            var known = library.Names(kind);
            findings.Add(Diagnostic.Error(UnknownTemplate,
                Texte.Format(Texte.VorlageSchritt, node.Name ?? node.Id, node.Id, template, name, known.Count == 0 ? "–" : string.Join(", ", known)),
                node.Id, node.Position));
        }
        return findings;
    }

    /// <summary>The literal template name of a step: <c>am:action template="…"</c> or an input parameter <c>template</c> with a text value.</summary>
    private static string? TemplateName(FlowNode node) =>
        node.Service?.Parameters.GetValueOrDefault("template") is { Length: > 0 } fromAction
            ? fromAction
            : node.InputParameters.FirstOrDefault(p => p.Name == "template" && p.Expression is null)?.Literal;
}

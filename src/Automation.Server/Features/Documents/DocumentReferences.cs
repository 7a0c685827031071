using Automation.Engine.Texts;
using Automation.Server.Features.Forms;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Documents;

/// <summary>
/// A file field's value names a document by id: it must be a document of the task's own case, whoever sends the
/// completion (the task page stores the upload first; an API caller uploads through /api/cases/{id}/documents).
/// </summary>
internal static class DocumentReferences
{
    /// <summary>Throws <see cref="BadInputException"/> for a file field whose document is not one of this case's.</summary>
    public static async Task CheckAsync(DocumentStore store, Guid caseId, IReadOnlyList<FieldDto> fields, IReadOnlyDictionary<string, object?> values,
        CancellationToken ct)
    {
        foreach (var field in fields.Where(f => f.Type == "file"))
        {
            if (values.GetValueOrDefault(field.Id) is not IReadOnlyDictionary<string, object?> document) continue;
            var id = document.GetValueOrDefault("id") as string;
            if (!Guid.TryParse(id, out var documentId) || await store.Documents.FindAsync(caseId, documentId, ct) is null)
            {
                throw new BadInputException(field.Id, Texte.Format(Texte.DokumentNichtImVorgang, id ?? "–"), "document-not-in-case");
            }
        }
    }

    /// <summary>Whether any value looks like a document reference (only then are the task's fields read for the check).</summary>
    public static bool AnyIn(IReadOnlyDictionary<string, object?> values) =>
        values.Values.Any(v => v is IReadOnlyDictionary<string, object?> map && map.ContainsKey("id"));
}

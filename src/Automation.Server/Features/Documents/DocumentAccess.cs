using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Documents;

/// <summary>A document as the API and the case page show it.</summary>
/// <param name="Id">Document id.</param>
/// <param name="FileName">File name.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Kind">upload, generated or received.</param>
/// <param name="NodeId">The step that uploaded or generated it.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="CreatedBy">Who stored it (a user name, or system).</param>
/// <param name="Sha256">SHA-256 of the content.</param>
/// <param name="Download">The API address of its content.</param>
internal sealed record DocumentDto(Guid Id, string FileName, string MediaType, long Size, string Kind, string? NodeId, DateTimeOffset CreatedAt,
    string CreatedBy, string Sha256, string Download);

/// <summary>The case rules for documents: exactly those of the case they belong to.</summary>
internal static class DocumentAccess
{
    /// <summary>
    /// Throws <see cref="NotFoundException"/> unless the case exists and the person sees it (<see cref="DepartmentScope"/>):
    /// a case outside the scope is answered like a missing one, as the case page does.
    /// </summary>
    public static async Task EnsureReadableAsync(WorkflowHostAccessor accessor, DepartmentScope scope, ClaimsPrincipal user, Guid caseId,
        CancellationToken ct)
    {
        var snapshot = await accessor.Host.GetCaseAsync(caseId, ct);
        if (snapshot is null || !await scope.ReadsAsync(user, snapshot.DefinitionId, ct)) throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, caseId));
    }

    /// <summary>German word for a document kind.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        Data.Documents.CaseDocumentKinds.Upload => "hochgeladen",
        Data.Documents.CaseDocumentKinds.Generated => "erzeugt",
        Data.Documents.CaseDocumentKinds.Received => "eingegangen",
        _ => kind,
    };

    public static DocumentDto ToDto(Data.Documents.CaseDocumentInfo d) =>
        new(d.Id, d.FileName, d.MediaType, d.Size, d.Kind, d.NodeId, d.CreatedAt, d.CreatedBy, d.ContentHash, $"/api/cases/{d.CaseId}/documents/{d.Id}");
}

using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Documents;

/// <summary>A document's content for download.</summary>
/// <param name="FileName">Cleaned file name for Content-Disposition.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Content">The bytes.</param>
internal sealed record DocumentContent(string FileName, string MediaType, byte[] Content);

/// <summary>
/// One document of a case the person sees. The document is looked up by case id and document id together: the id of
/// another case's document under this case's address is unknown (404), like a case outside the scope.
/// </summary>
internal sealed record GetDocument(ClaimsPrincipal User, Guid CaseId, Guid DocumentId) : IRequest<DocumentContent>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope, DocumentStore store) : IRequestHandler<GetDocument, DocumentContent>
    {
        public async ValueTask<DocumentContent> Handle(GetDocument request, CancellationToken cancellationToken)
        {
            await DocumentAccess.EnsureReadableAsync(accessor, scope, request.User, request.CaseId, cancellationToken);
            var found = await store.Documents.ReadAsync(request.CaseId, request.DocumentId, cancellationToken)
                ?? throw new NotFoundException(Texte.Format(Texte.ServerDokumentDiesemVorgangUnbekannt, request.DocumentId));
            // Cleaned again on the way out: the name goes into a header, whatever an older row holds.
            return new DocumentContent(Data.Documents.CaseDocuments.CleanFileName(found.Info.FileName), found.Info.MediaType, found.Content);
        }
    }
}

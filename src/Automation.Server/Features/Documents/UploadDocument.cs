using System.Security.Claims;
using Automation.Data.Documents;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Documents;

/// <summary>
/// Stores a received document on a case the person may act on (the scope of messages and signals: a document that
/// arrives is news for the case, like a message). The file is checked before anything is written.
/// </summary>
internal sealed record UploadDocument(ClaimsPrincipal User, Guid CaseId, string FileName, byte[] Content) : IRequest<DocumentDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope, DocumentStore store) : IRequestHandler<UploadDocument, DocumentDto>
    {
        public async ValueTask<DocumentDto> Handle(UploadDocument request, CancellationToken cancellationToken)
        {
            await CaseAccess.ActedOnAsync(accessor, scope, request.User, request.CaseId, cancellationToken);
            var stored = await store.Documents.AddAsync(new NewCaseDocument(request.CaseId, request.FileName, request.Content, CaseDocumentKinds.Received,
                request.User.UserName()), cancellationToken);
            return DocumentAccess.ToDto(stored);
        }
    }
}

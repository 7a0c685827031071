using System.Security.Claims;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Documents;

/// <summary>The documents of a case the person sees, oldest first.</summary>
internal sealed record ListDocuments(ClaimsPrincipal User, Guid CaseId) : IRequest<IReadOnlyList<DocumentDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope, DocumentStore store) : IRequestHandler<ListDocuments, IReadOnlyList<DocumentDto>>
    {
        public async ValueTask<IReadOnlyList<DocumentDto>> Handle(ListDocuments request, CancellationToken cancellationToken)
        {
            await DocumentAccess.EnsureReadableAsync(accessor, scope, request.User, request.CaseId, cancellationToken);
            return [.. (await store.Documents.ListAsync(request.CaseId, cancellationToken)).Select(DocumentAccess.ToDto)];
        }
    }
}

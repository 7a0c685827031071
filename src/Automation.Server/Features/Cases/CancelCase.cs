using System.Security.Claims;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Cases;

/// <summary>Cancels a case the person may act on.</summary>
internal sealed record CancelCase(ClaimsPrincipal User, Guid Id) : IRequest<CaseDetail>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<CancelCase, CaseDetail>
    {
        public async ValueTask<CaseDetail> Handle(CancelCase request, CancellationToken cancellationToken)
        {
            await CaseAccess.ActedOnAsync(accessor, scope, request.User, request.Id, cancellationToken);
            await accessor.Host.CancelCaseAsync(request.Id, "cancelled", cancellationToken);
            return await GetCase.Handler.ReadAsync(accessor, scope, request.User, request.Id, cancellationToken);
        }
    }
}

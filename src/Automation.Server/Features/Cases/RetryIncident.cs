using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Cases;

/// <summary>Retries the failed step of an open incident.</summary>
internal sealed record RetryIncident(ClaimsPrincipal User, Guid Id, long IncidentId) : IRequest<CaseDetail>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<RetryIncident, CaseDetail>
    {
        public async ValueTask<CaseDetail> Handle(RetryIncident request, CancellationToken cancellationToken)
        {
            var snapshot = await CaseAccess.ActedOnAsync(accessor, scope, request.User, request.Id, cancellationToken);
            if (snapshot.State.Incidents.All(i => i.Id != request.IncidentId))
            {
                throw new NotFoundException(Texte.Format(Texte.ServerVorgangHatKeinenOffenenFehler, request.Id, request.IncidentId));
            }
            await accessor.Host.RetryIncidentAsync(request.Id, request.IncidentId, cancellationToken);
            return await GetCase.Handler.ReadAsync(accessor, scope, request.User, request.Id, cancellationToken);
        }
    }
}

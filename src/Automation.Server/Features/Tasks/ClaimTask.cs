using System.Security.Claims;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>Claims a task for the person; a task someone else holds is a conflict.</summary>
internal sealed record ClaimTask(ClaimsPrincipal User, Guid CaseId, long WaitId) : IRequest<TaskDetail>;

internal sealed class ClaimTaskHandler(WorkflowHostAccessor accessor, DepartmentScope scope, IMediator mediator) : IRequestHandler<ClaimTask, TaskDetail>
{
    public async ValueTask<TaskDetail> Handle(ClaimTask request, CancellationToken cancellationToken)
    {
        await TaskAccess.ReadVisibleAsync(accessor.Host, scope, request.User, request.CaseId, request.WaitId, cancellationToken);
        await accessor.Host.ClaimTaskAsync(request.CaseId, request.WaitId, request.User.UserName(), cancellationToken);
        return await mediator.Send(new GetTask(request.User, request.CaseId, request.WaitId), cancellationToken);
    }
}

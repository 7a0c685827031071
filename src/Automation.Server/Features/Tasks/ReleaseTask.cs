using System.Security.Claims;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>Gives a task the person claimed back to its inbox.</summary>
internal sealed record ReleaseTask(ClaimsPrincipal User, Guid CaseId, long WaitId) : IRequest<TaskDetail>;

internal sealed class ReleaseTaskHandler(WorkflowHostAccessor accessor, DepartmentScope scope, IMediator mediator) : IRequestHandler<ReleaseTask, TaskDetail>
{
    public async ValueTask<TaskDetail> Handle(ReleaseTask request, CancellationToken cancellationToken)
    {
        await TaskAccess.ReadVisibleAsync(accessor.Host, scope, request.User, request.CaseId, request.WaitId, cancellationToken);
        await accessor.Host.ReleaseTaskAsync(request.CaseId, request.WaitId, request.User.UserName(), cancellationToken);
        return await mediator.Send(new GetTask(request.User, request.CaseId, request.WaitId), cancellationToken);
    }
}

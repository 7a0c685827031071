using System.Security.Claims;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>One task with its form fields.</summary>
internal sealed record GetTask(ClaimsPrincipal User, Guid CaseId, long WaitId) : IRequest<TaskDetail>;

internal sealed class GetTaskHandler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<GetTask, TaskDetail>
{
    public async ValueTask<TaskDetail> Handle(GetTask request, CancellationToken cancellationToken)
    {
        var host = accessor.Host;
        var read = await TaskAccess.ReadVisibleAsync(host, scope, request.User, request.CaseId, request.WaitId, cancellationToken);
        return await TaskAccess.DetailAsync(host, read, request.User, cancellationToken);
    }
}

using System.Security.Claims;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>Body of a reassignment.</summary>
/// <param name="User">Login name of the new assignee.</param>
internal sealed record ReassignBody(string User);

/// <summary>Gives a task to another person (a team lead's action), only to someone who could work it.</summary>
internal sealed record ReassignTask(ClaimsPrincipal User, Guid CaseId, long WaitId, string To) : IRequest<TaskDetail>;

internal sealed class ReassignTaskHandler(WorkflowHostAccessor accessor, DepartmentScope scope, UserStore users, IMediator mediator)
    : IRequestHandler<ReassignTask, TaskDetail>
{
    public async ValueTask<TaskDetail> Handle(ReassignTask request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.To)) throw new BadInputException("user", "Die Person fehlt.");
        var read = await TaskAccess.ReadVisibleAsync(accessor.Host, scope, request.User, request.CaseId, request.WaitId, cancellationToken);
        var target = await users.FindAsync(request.To, cancellationToken) ?? throw new BadInputException("user", $"Die Person '{request.To}' ist unbekannt.");
        // Only someone who could work the task may get it; otherwise nobody could complete it.
        var groups = TaskAccess.RolesOf(read.Task);
        if (!DepartmentScope.WorksOnTask(target.ToPrincipal("reassignment"), groups))
        {
            throw new BadInputException("user", $"Die Person '{request.To}' gehört zu keinem Postkorb der Aufgabe ({string.Join(", ", groups)}) "
                + "und könnte sie nicht bearbeiten.");
        }
        await accessor.Host.ReassignTaskAsync(request.CaseId, request.WaitId, request.To, cancellationToken);
        return await mediator.Send(new GetTask(request.User, request.CaseId, request.WaitId), cancellationToken);
    }
}

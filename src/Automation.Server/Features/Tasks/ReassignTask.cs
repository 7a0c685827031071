using Automation.Data;
using System.Security.Claims;
using Automation.Engine.Texts;
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

/// <summary>A person a task can be given to.</summary>
internal sealed record Reassignee(string UserName, string DisplayName);

/// <summary>
/// The people a task can be given to: the active members of its groups and its candidate users (camunda:candidateUsers),
/// empty for someone without the right to reassign.
/// </summary>
internal sealed record ListReassignees(ClaimsPrincipal User, Guid CaseId, long WaitId) : IRequest<IReadOnlyList<Reassignee>>;

/// <summary>Who may reassign, and to whom: one rule for the list on the task page and the check of every reassignment.</summary>
internal static class Reassignment
{
    public static bool MayReassign(ClaimsPrincipal user) => Policies.Map[Policies.TasksReassign].Any(user.IsInRole);

    /// <summary>
    /// Only an active person with a task-working role who is a member of one of the task's groups or one of its candidate
    /// users may get it (anyone with such a role for a task naming neither), the rule by which they could then work it
    /// (<see cref="DepartmentScope.WorksOnTask"/>): otherwise nobody could complete it. Administration works every task
    /// but is neither, so it is not offered.
    /// </summary>
    public static bool CanTake(ServerUser target, IReadOnlyCollection<string> taskGroups, string? candidateUsers) =>
        target.Active && Policies.Map[Policies.TasksWork].Any(target.Roles.Contains)
        && ((taskGroups.Count == 0 && candidateUsers is null) || target.Groups.Any(taskGroups.Contains)
            || TaskCandidates.Includes(candidateUsers, target.UserName));
}

internal sealed class ReassignTaskHandler(WorkflowHostAccessor accessor, DepartmentScope scope, UserStore users, IMediator mediator)
    : IRequestHandler<ReassignTask, TaskDetail>
{
    public async ValueTask<TaskDetail> Handle(ReassignTask request, CancellationToken cancellationToken)
    {
        // Checked here and not only on the route: the task page's form posts to the same use case.
        if (!Reassignment.MayReassign(request.User)) throw new ForbiddenException(Texte.ServerAufgabenZuweisenDarfLeitungAdministration);
        if (string.IsNullOrWhiteSpace(request.To)) throw new BadInputException("user", Texte.ServerPersonFehlt);
        var read = await TaskAccess.ReadVisibleAsync(accessor.Host, scope, request.User, request.CaseId, request.WaitId, cancellationToken);
        var target = await users.FindAsync(request.To, cancellationToken) ?? throw new BadInputException("user", Texte.Format(Texte.ServerPersonUnbekannt, request.To));
        var groups = TaskAccess.RolesOf(read.Task);
        if (!Reassignment.CanTake(target, groups, read.Task.CandidateUsers))
        {
            var candidates = TaskCandidates.Parse(read.Task.CandidateUsers);
            throw new BadInputException("user", candidates.Count == 0
                ? Texte.Format(Texte.ServerZuweisungNichtImPostkorb, request.To, string.Join(", ", groups))
                : Texte.Format(Texte.ServerZuweisungNichtVorgesehen, request.To, string.Join(", ", groups), string.Join(", ", candidates)));
        }
        await accessor.Host.ReassignTaskAsync(request.CaseId, request.WaitId, request.To, cancellationToken);
        return await mediator.Send(new GetTask(request.User, request.CaseId, request.WaitId), cancellationToken);
    }
}

internal sealed class ListReassigneesHandler(WorkflowHostAccessor accessor, DepartmentScope scope, UserStore users)
    : IRequestHandler<ListReassignees, IReadOnlyList<Reassignee>>
{
    public async ValueTask<IReadOnlyList<Reassignee>> Handle(ListReassignees request, CancellationToken cancellationToken)
    {
        if (!Reassignment.MayReassign(request.User)) return [];
        var read = await TaskAccess.ReadVisibleAsync(accessor.Host, scope, request.User, request.CaseId, request.WaitId, cancellationToken);
        var groups = TaskAccess.RolesOf(read.Task);
        return [.. (await users.ListActiveAsync(cancellationToken)).Where(u => Reassignment.CanTake(u, groups, read.Task.CandidateUsers))
            .Select(u => new Reassignee(u.UserName, u.DisplayName))];
    }
}

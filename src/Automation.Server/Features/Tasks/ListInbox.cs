using System.Security.Claims;
using Automation.Data.Schema;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Tasks;

/// <summary>The inbox: open tasks of the person's groups and the ones the person claimed.</summary>
internal sealed record ListInbox(ClaimsPrincipal User) : IRequest<IReadOnlyList<TaskDto>>;

internal sealed class ListInboxHandler(WorkflowHostAccessor accessor) : IRequestHandler<ListInbox, IReadOnlyList<TaskDto>>
{
    private const int InboxLimit = 500;

    public async ValueTask<IReadOnlyList<TaskDto>> Handle(ListInbox request, CancellationToken cancellationToken)
    {
        var me = request.User.UserName();
        await using var context = accessor.Host.Database.CreateContext();
        IQueryable<TaskRecord> query = context.Tasks.AsNoTracking();
        if (request.User.IsInRole(Roles.Admin))
        {
            query = query.Where(t => t.Status == "open" || t.Status == "claimed");
        }
        else
        {
            // DepartmentScope.WorksOnTask in SQL. Roles are stored as |a|b|, so a group matches as |group| without false
            // hits on prefixes.
            var patterns = request.User.Groups().Select(g => "|" + g + "|").ToList();
            query = query.Where(t => (t.Status == "open" || (t.Status == "claimed" && t.Assignee == me))
                && (t.Roles == "|" || patterns.Any(p => t.Roles.Contains(p))));
        }
        var rows = await query.OrderBy(t => t.CreatedAt).ThenBy(t => t.WaitId).Take(InboxLimit)
            .Join(context.Cases, t => t.CaseId, c => c.Id, (t, c) => new { Task = t, c.BusinessKey })
            .ToListAsync(cancellationToken);
        return rows.Select(r => TaskAccess.ToDto(r.Task, r.BusinessKey)).ToList();
    }
}

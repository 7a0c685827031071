using System.Security.Claims;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Model;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Tasks;

/// <summary>A declared form field of a task.</summary>
internal sealed record FieldDto(string Id, string Label, string Type, bool Required, IReadOnlyList<string> Options);

/// <summary>A task in an inbox; <c>EscalatedAt</c> is set once its deadline (<c>DueAt</c>) passed while it was open.</summary>
internal sealed record TaskDto(Guid CaseId, long WaitId, string ProcessId, string NodeId, string? Name, IReadOnlyList<string> Roles,
    string Status, string? Assignee, string? BusinessKey, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt);

/// <summary>A task with its form.</summary>
internal sealed record TaskDetail(TaskDto Task, string? Documentation, IReadOnlyList<FieldDto> Fields, bool ClaimedByMe);

internal sealed record ListInbox(ClaimsPrincipal User) : IRequest<IReadOnlyList<TaskDto>>;
internal sealed record GetTask(ClaimsPrincipal User, Guid CaseId, long WaitId) : IRequest<TaskDetail>;
internal sealed record ClaimTask(ClaimsPrincipal User, Guid CaseId, long WaitId) : IRequest<TaskDetail>;
internal sealed record ReleaseTask(ClaimsPrincipal User, Guid CaseId, long WaitId) : IRequest<TaskDetail>;
internal sealed record CompleteTask(ClaimsPrincipal User, Guid CaseId, long WaitId, IReadOnlyDictionary<string, object?> Values)
    : IRequest<CompleteResult>, IVariablePayload
{
    public object? VariablePayload => Values;
}
internal sealed record ReassignTask(ClaimsPrincipal User, Guid CaseId, long WaitId, string To) : IRequest<TaskDetail>;

/// <summary>Result of completing a task: the case after it moved on.</summary>
internal sealed record CompleteResult(Guid CaseId, string Status);

internal sealed class TaskHandlers(WorkflowHostAccessor accessor, UserStore users, DepartmentScope scope) :
    IRequestHandler<ListInbox, IReadOnlyList<TaskDto>>,
    IRequestHandler<GetTask, TaskDetail>,
    IRequestHandler<ClaimTask, TaskDetail>,
    IRequestHandler<ReleaseTask, TaskDetail>,
    IRequestHandler<CompleteTask, CompleteResult>,
    IRequestHandler<ReassignTask, TaskDetail>
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
        return rows.Select(r => ToDto(r.Task, r.BusinessKey)).ToList();
    }

    public async ValueTask<TaskDetail> Handle(GetTask request, CancellationToken cancellationToken)
    {
        var (task, businessKey) = await LoadVisibleAsync(request.User, request.CaseId, request.WaitId, cancellationToken);
        var snapshot = await accessor.Host.GetCaseAsync(request.CaseId, cancellationToken) ?? throw new NotFoundException($"Vorgang {request.CaseId} ist unbekannt.");
        var definition = await accessor.Host.Definitions.GetAsync(snapshot.DefinitionId, cancellationToken);
        var node = definition.Process.FindNode(task.NodeId);
        var fields = (node?.FormFields ?? []).Select(f => new FieldDto(f.Id, f.Label, f.Type, f.Required, f.Options)).ToList();
        return new TaskDetail(ToDto(task, businessKey), node?.Documentation, fields,
            task.Status == "claimed" && task.Assignee == request.User.UserName());
    }

    public async ValueTask<TaskDetail> Handle(ClaimTask request, CancellationToken cancellationToken)
    {
        await LoadVisibleAsync(request.User, request.CaseId, request.WaitId, cancellationToken);
        await accessor.Host.ClaimTaskAsync(request.CaseId, request.WaitId, request.User.UserName(), cancellationToken);
        return await Handle(new GetTask(request.User, request.CaseId, request.WaitId), cancellationToken);
    }

    public async ValueTask<TaskDetail> Handle(ReleaseTask request, CancellationToken cancellationToken)
    {
        await LoadVisibleAsync(request.User, request.CaseId, request.WaitId, cancellationToken);
        await accessor.Host.ReleaseTaskAsync(request.CaseId, request.WaitId, request.User.UserName(), cancellationToken);
        return await Handle(new GetTask(request.User, request.CaseId, request.WaitId), cancellationToken);
    }

    public async ValueTask<CompleteResult> Handle(CompleteTask request, CancellationToken cancellationToken)
    {
        var (task, _) = await LoadVisibleAsync(request.User, request.CaseId, request.WaitId, cancellationToken);
        if (task.Status is not ("open" or "claimed"))
        {
            throw new ConcurrencyConflictException($"Die Aufgabe {request.WaitId} ist bereits {task.Status}.");
        }
        var snapshot = await accessor.Host.CompleteTaskAsync(request.CaseId, request.WaitId, request.Values, request.User.UserName(), cancellationToken);
        return new CompleteResult(snapshot.CaseId, snapshot.Status.ToString());
    }

    public async ValueTask<TaskDetail> Handle(ReassignTask request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.To)) throw new BadInputException("user", "Die Person fehlt.");
        var (task, _) = await LoadVisibleAsync(request.User, request.CaseId, request.WaitId, cancellationToken);
        var target = await users.FindAsync(request.To, cancellationToken) ?? throw new BadInputException("user", $"Die Person '{request.To}' ist unbekannt.");
        // Only someone who could work the task may get it; otherwise nobody could complete it.
        var groups = RolesOf(task);
        if (!DepartmentScope.WorksOnTask(target.ToPrincipal("reassignment"), groups))
        {
            throw new BadInputException("user", $"Die Person '{request.To}' gehört zu keinem Postkorb der Aufgabe ({string.Join(", ", groups)}) "
                + "und könnte sie nicht bearbeiten.");
        }
        await accessor.Host.ReassignTaskAsync(request.CaseId, request.WaitId, request.To, cancellationToken);
        return await Handle(new GetTask(request.User, request.CaseId, request.WaitId), cancellationToken);
    }

    /// <summary>Converts JSON form values to plain values (the engine converts them to the declared field types).</summary>
    public static Dictionary<string, object?> Plain(IReadOnlyDictionary<string, JsonElement>? values) =>
        values?.ToDictionary(kv => kv.Key, kv => Automation.Engine.Runtime.Variables.FromJson(kv.Value), StringComparer.Ordinal)
        ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// Loads a task; 404 when missing or in a case the user does not see (so ids cannot be probed), 403 when the user
    /// sees the case but the task belongs to another inbox.
    /// </summary>
    private async Task<(TaskRecord Task, string? BusinessKey)> LoadVisibleAsync(ClaimsPrincipal user, Guid caseId, long waitId, CancellationToken ct)
    {
        var id = caseId.ToString();
        await using var context = accessor.Host.Database.CreateContext();
        var row = await context.Tasks.AsNoTracking().Where(t => t.CaseId == id && t.WaitId == waitId)
            .Join(context.Cases, t => t.CaseId, c => c.Id, (t, c) => new { Task = t, c.BusinessKey, c.DefinitionId })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"Aufgabe {waitId} im Vorgang {caseId} ist unbekannt.");
        if (!DepartmentScope.WorksOnTask(user, RolesOf(row.Task)))
        {
            if (!await scope.ReadsAsync(user, row.DefinitionId, ct)) throw new NotFoundException($"Aufgabe {waitId} im Vorgang {caseId} ist unbekannt.");
            throw new ForbiddenException("Diese Aufgabe gehört nicht zu Ihren Postkörben.");
        }
        return (row.Task, row.BusinessKey);
    }

    private static string[] RolesOf(TaskRecord t) => t.Roles.Split('|', StringSplitOptions.RemoveEmptyEntries);

    private static TaskDto ToDto(TaskRecord t, string? businessKey) =>
        new(Guid.Parse(t.CaseId), t.WaitId, t.ProcessId, t.NodeId, t.Name, RolesOf(t), t.Status, t.Assignee, businessKey,
            DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedAt), t.DueAt is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null,
            t.EscalatedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null);
}

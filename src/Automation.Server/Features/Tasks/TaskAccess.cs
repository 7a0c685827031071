using System.Security.Claims;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Features.Forms;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Tasks;

/// <summary>A task in an inbox; <c>EscalatedAt</c> is set once its deadline (<c>DueAt</c>) passed while it was open.</summary>
internal sealed record TaskDto(Guid CaseId, long WaitId, string ProcessId, string NodeId, string? Name, IReadOnlyList<string> Roles,
    string Status, string? Assignee, string? BusinessKey, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt);

/// <summary>A task with its form.</summary>
internal sealed record TaskDetail(TaskDto Task, string? Documentation, IReadOnlyList<FieldDto> Fields, bool ClaimedByMe);

/// <summary>Who may see and work a task, and the task's shapes for the API: shared by the task use cases.</summary>
internal static class TaskAccess
{
    /// <summary>
    /// Reads a task with its case (one statement); 404 when missing or in a case the user does not see (so ids cannot
    /// be probed), 403 when the user sees the case but the task belongs to another inbox.
    /// </summary>
    public static async Task<TaskCase> ReadVisibleAsync(WorkflowHost host, DepartmentScope scope, ClaimsPrincipal user, Guid caseId, long waitId,
        CancellationToken ct)
    {
        var read = await host.FindTaskAsync(caseId, waitId, ct) ?? throw new NotFoundException($"Aufgabe {waitId} im Vorgang {caseId} ist unbekannt.");
        if (!DepartmentScope.WorksOnTask(user, RolesOf(read.Task)))
        {
            if (!await scope.ReadsAsync(user, read.DefinitionId, ct)) throw new NotFoundException($"Aufgabe {waitId} im Vorgang {caseId} ist unbekannt.");
            throw new ForbiddenException("Diese Aufgabe gehört nicht zu Ihren Postkörben.");
        }
        return read;
    }

    /// <summary>The task with its form, from one read of the task and the (cached) definition version.</summary>
    public static async Task<TaskDetail> DetailAsync(WorkflowHost host, TaskCase read, ClaimsPrincipal user, CancellationToken ct)
    {
        var definition = await host.Definitions.GetAsync(read.DefinitionId, ct);
        var node = definition.Process.FindNode(read.Task.NodeId);
        return new TaskDetail(ToDto(read.Task, read.BusinessKey), node?.Documentation, FormFields.Of(node),
            read.Task.Status == "claimed" && read.Task.Assignee == user.UserName());
    }

    public static string[] RolesOf(TaskRecord t) => t.Roles.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static TaskDto ToDto(TaskRecord t, string? businessKey) =>
        new(Guid.Parse(t.CaseId), t.WaitId, t.ProcessId, t.NodeId, t.Name, RolesOf(t), t.Status, t.Assignee, businessKey,
            DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedAt), t.DueAt is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null,
            t.EscalatedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null);
}

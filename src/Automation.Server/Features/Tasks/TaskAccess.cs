using System.Security.Claims;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Features.Forms;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Tasks;

/// <summary>
/// A task in an inbox; <c>EscalatedAt</c> is set once its deadline (<c>DueAt</c>) passed while it was open.
/// <c>ProcessName</c> is the name of the process's latest version (its id when unnamed); <c>Mailboxes</c> the task's
/// groups as people read them (<see cref="TaskAccess.MailboxNames"/>), <c>Roles</c> the keys.
/// </summary>
internal sealed record TaskDto(Guid CaseId, long WaitId, string ProcessId, string NodeId, string? Name, IReadOnlyList<string> Roles,
    string Status, string? Assignee, string? BusinessKey, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt,
    string ProcessName, IReadOnlyList<string> Mailboxes);

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
        var read = await host.FindTaskAsync(caseId, waitId, ct) ?? throw new NotFoundException(Texte.Format(Texte.ServerAufgabeVorgangUnbekannt, waitId, caseId));
        if (!DepartmentScope.WorksOnTask(user, RolesOf(read.Task), read.Task.CandidateUsers))
        {
            if (!await scope.ReadsAsync(user, read.DefinitionId, ct)) throw new NotFoundException(Texte.Format(Texte.ServerAufgabeVorgangUnbekannt, waitId, caseId));
            throw new ForbiddenException(Texte.ServerDieseAufgabeGehoertIhrenPostkoerben);
        }
        return read;
    }

    /// <summary>The task with its form, from one read of the task and the (cached) definition version.</summary>
    public static async Task<TaskDetail> DetailAsync(WorkflowHost host, TaskCase read, ClaimsPrincipal user, CancellationToken ct)
    {
        var definition = await host.Definitions.GetAsync(read.DefinitionId, ct);
        // A task of a called process belongs to that process's own definition, not the case's.
        var own = definition.Set.FindProcess(read.Task.ProcessId) ?? host.Definitions.FindLatestPublished(read.Task.ProcessId)?.Process;
        // Its node (form, text, lane) is where the file has it: a process called from the same file runs inside the case.
        var node = definition.Set.ProcessOf(read.Task.NodeId)?.FindNode(read.Task.NodeId) ?? own?.FindNode(read.Task.NodeId);
        var defaults = node is { FormFields.Count: > 0 } ? await host.FormDefaultsAsync(read, ct) : null;
        return new TaskDetail(ToDto(read.Task, read.BusinessKey, own, definition.Set), node?.Documentation, FormFields.Of(node, defaults),
            read.Task.Status == "claimed" && read.Task.Assignee == user.UserName());
    }

    public static string[] RolesOf(TaskRecord t) => t.Roles.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The task for lists and pages; <paramref name="process"/> names the task's process (null when unknown), <paramref name="file"/>
    /// is its definition's file, where the node and its lane may belong to a process the case calls.
    /// </summary>
    public static TaskDto ToDto(TaskRecord t, string? businessKey, ProcessDefinition? process, DefinitionSet? file)
    {
        var roles = RolesOf(t);
        return new(Guid.Parse(t.CaseId), t.WaitId, t.ProcessId, t.NodeId, t.Name, roles, t.Status, t.Assignee, businessKey,
            DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedAt), t.DueAt is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null,
            t.EscalatedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            ProcessDefinition.LabelOf(t.ProcessId, process?.Name), MailboxNames(roles, file?.ProcessOf(t.NodeId) ?? process, t.NodeId));
    }

    /// <summary>
    /// The task's groups as people read them. A task in a lane carries the lane's name and its own role key
    /// ("Stadtkasse" and "kasse") for one and the same Postkorb: the lane's name stands for the keys the node declares.
    /// Keys the node does not declare (the escalation role added at a deadline) stay as they are.
    /// </summary>
    public static IReadOnlyList<string> MailboxNames(IReadOnlyList<string> roles, ProcessDefinition? process, string nodeId)
    {
        var lane = process?.Lanes.FirstOrDefault(l => l.NodeIds.Contains(nodeId, StringComparer.Ordinal));
        if (lane is null || !roles.Contains(lane.Name, StringComparer.Ordinal)) return roles;
        var declared = process!.FindNode(nodeId)?.Roles ?? [];
        return [lane.Name, .. roles.Where(r => r != lane.Name && !declared.Contains(r, StringComparer.Ordinal))];
    }
}

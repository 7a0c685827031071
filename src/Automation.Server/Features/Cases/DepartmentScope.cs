using System.Collections.Frozen;
using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Cases;

/// <summary>
/// The one rule of which cases a person sees and acts on (docs/clerk-guide.md, docs/architecture.md).
/// <list type="bullet">
/// <item>A case belongs to the groups (Postkörbe) its definition version names: every node's roles (lane name,
/// potentialOwner, candidate groups, <c>am:role</c>), every lane's name, and the same of every process it calls
/// (any version, transitively), because a called process runs inside the same case. Keys compare exactly, as in the
/// inbox.</item>
/// <item>Administration and process owners see and act on every case; managers see every case but act only through
/// tasks; everyone else (clerks) sees and acts on the cases of their own groups only. Acting means starting cases,
/// messages and signals.</item>
/// <item>A task can be worked by Administration, or by a holder of a task-working role who belongs to one of its
/// groups; a task without any group by every such holder.</item>
/// </list>
/// What is outside a person's scope is answered as unknown (404), so case ids cannot be probed.
/// </summary>
internal sealed class DepartmentScope(WorkflowHostAccessor accessor)
{
    private static readonly string[] ReadAllRoles = [Roles.Admin, Roles.ProcessOwner, Roles.Manager];
    private static readonly string[] ActOnAllRoles = [Roles.Admin, Roles.ProcessOwner];

    private readonly Lock gate = new();
    private GroupTable table = GroupTable.Empty;

    /// <summary>Whether the person sees every case.</summary>
    public static bool ReadsAll(ClaimsPrincipal user) => ReadAllRoles.Any(user.IsInRole);

    /// <summary>Whether the person may start cases and send messages and signals to every case.</summary>
    public static bool ActsOnAll(ClaimsPrincipal user) => ActOnAllRoles.Any(user.IsInRole);

    /// <summary>Whether the person may work a task with these candidate groups (the inbox rule).</summary>
    public static bool WorksOnTask(ClaimsPrincipal user, IReadOnlyCollection<string> taskGroups, string? candidateUsers)
    {
        if (user.IsInRole(Roles.Admin)) return true;
        if (!Policies.Map[Policies.TasksWork].Any(user.IsInRole)) return false;
        // A task naming neither groups nor people is everyone's; candidate users are admitted besides the groups.
        return (taskGroups.Count == 0 && candidateUsers is null) || user.Groups().Any(taskGroups.Contains)
            || TaskCandidates.Includes(candidateUsers, user.UserName());
    }

    /// <summary>The definition versions whose cases the person sees; null for every case.</summary>
    public async Task<CaseScope?> ForReadingAsync(ClaimsPrincipal user, CancellationToken ct) =>
        ReadsAll(user) ? null : await OfGroupsAsync(user.Groups(), ct);

    /// <summary>The definition versions whose cases the person may start, message and signal; null for every case.</summary>
    public async Task<CaseScope?> ForActingAsync(ClaimsPrincipal user, CancellationToken ct) =>
        ActsOnAll(user) ? null : await OfGroupsAsync(user.Groups(), ct);

    /// <summary>Whether the person sees the case of this definition version.</summary>
    public async Task<bool> ReadsAsync(ClaimsPrincipal user, long definitionId, CancellationToken ct) =>
        await ForReadingAsync(user, ct) is not { } scope || scope.Includes(definitionId);

    /// <summary>The groups a definition version's cases belong to.</summary>
    public async Task<IReadOnlySet<string>> GroupsOfAsync(long definitionId, CancellationToken ct) =>
        (await CurrentAsync(ct)).Groups.GetValueOrDefault(definitionId) ?? FrozenSet<string>.Empty;

    private async Task<CaseScope> OfGroupsAsync(IReadOnlyList<string> groups, CancellationToken ct)
    {
        var current = await CurrentAsync(ct);
        var ids = groups.Count == 0
            ? []
            : current.Groups.Where(kv => groups.Any(kv.Value.Contains)).Select(kv => kv.Key).ToHashSet();
        return new CaseScope(ids);
    }

    /// <summary>
    /// Groups per definition version. Versions are immutable and only ever added, so the table is rebuilt only when a
    /// version appeared (count and highest id of the version list tell).
    /// </summary>
    private async Task<GroupTable> CurrentAsync(CancellationToken ct)
    {
        var host = accessor.Host;
        await using var context = host.Database.CreateContext();
        var rows = await context.Definitions.AsNoTracking().Select(d => new { d.Id, d.ProcessId }).ToListAsync(ct);
        var known = Volatile.Read(ref table);
        if (known.Count == rows.Count && known.MaxId == (rows.Count == 0 ? 0 : rows.Max(r => r.Id))) return known;
        var own = new Dictionary<long, (HashSet<string> Groups, HashSet<string> Calls)>();
        foreach (var row in rows) own[row.Id] = Own((await host.Definitions.GetAsync(row.Id, ct)).Process);
        var byProcess = rows.GroupBy(r => r.ProcessId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList(), StringComparer.Ordinal);
        var groups = new Dictionary<long, FrozenSet<string>>(rows.Count);
        foreach (var row in rows)
        {
            // Walk the call graph from this version: any version of a called process may run inside its cases.
            var result = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<long>();
            var pending = new Stack<long>([row.Id]);
            while (pending.TryPop(out var id))
            {
                if (!seen.Add(id)) continue;
                var (ownGroups, calls) = own[id];
                result.UnionWith(ownGroups);
                foreach (var called in calls)
                {
                    foreach (var version in byProcess.GetValueOrDefault(called) ?? []) pending.Push(version);
                }
            }
            groups[row.Id] = result.ToFrozenSet(StringComparer.Ordinal);
        }
        var rebuilt = new GroupTable(rows.Count, rows.Count == 0 ? 0 : rows.Max(r => r.Id), groups);
        lock (gate)
        {
            if (rebuilt.Count >= table.Count) table = rebuilt;
        }
        return rebuilt;
    }

    private static (HashSet<string> Groups, HashSet<string> Calls) Own(ProcessDefinition process)
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in process.Nodes) groups.UnionWith(node.Roles);
        foreach (var lane in process.Lanes) groups.Add(lane.Name);
        var calls = process.Nodes.Where(n => n.Kind == NodeKind.CallActivity && n.CalledProcessId is not null)
            .Select(n => n.CalledProcessId!).ToHashSet(StringComparer.Ordinal);
        return (groups, calls);
    }

    private sealed record GroupTable(int Count, long MaxId, IReadOnlyDictionary<long, FrozenSet<string>> Groups)
    {
        public static readonly GroupTable Empty = new(0, 0, new Dictionary<long, FrozenSet<string>>());
    }
}

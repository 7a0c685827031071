using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Workforce.Impact;

/// <summary>A human step a role performs, as the definition says (lane, potentialOwner, candidateGroups, am:role).</summary>
/// <param name="ProcessId">Process.</param>
/// <param name="NodeId">Step id.</param>
/// <param name="NodeName">Step name.</param>
/// <param name="Occupation">KldB code from <c>am:effort occupation</c>, if given.</param>
/// <param name="AutomationCandidate">Whether the process owner marked the step as a candidate for automation.</param>
public sealed record RoleStep(string ProcessId, string NodeId, string? NodeName, string? Occupation, bool AutomationCandidate);

/// <summary>Which human steps each role performs.</summary>
public static class RoleSteps
{
    /// <summary>Human steps of the processes by role; steps without a role are listed under "(ohne Rolle)".</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RoleStep>> ByRole(IEnumerable<ProcessDefinition> processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        return processes.SelectMany(p => p.Nodes.Where(n => n.ActorKind == ActorKind.Human)
                .SelectMany(n => (n.Roles.Count == 0 ? [Texte.OhneRolleKlammer] : n.Roles)
                    .Select(r => (Role: r, Step: new RoleStep(p.Id, n.Id, n.Name, n.Effort?.Occupation, n.Automation?.Candidate == true)))))
            .GroupBy(x => x.Role, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RoleStep>)g.Select(x => x.Step).ToList(), StringComparer.Ordinal);
    }
}

using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Engine.Simulation;

// Roles and variants: the baseline capacities and each scenario's rewritten definition.
public static partial class SimulationCompiler
{
    private static Dictionary<string, RoleCapacity> BaselineRoles(ScenarioFile file, ProcessDefinition process,
        IEnumerable<ProcessDefinition> called, Context c)
    {
        var known = called.Prepend(process).SelectMany(p => p.Nodes.Where(n => LedgerCalculator.IsPricedStep(n.Kind, n.ActorKind)).Select(n => PrimaryRole(n, p)))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var roles = new Dictionary<string, RoleCapacity>(StringComparer.Ordinal);
        foreach (var name in known.Order(StringComparer.Ordinal)) roles[name] = new RoleCapacity(name, 1, DefaultHoursPerDay);
        foreach (var (name, spec) in file.Roles ?? [])
        {
            var path = $"$.roles.{name}";
            if (!known.Contains(name))
            {
                c.Error(path, name, "role-unknown", name, string.Join(", ", known.Order(StringComparer.Ordinal)));
                continue;
            }
            var people = spec.People ?? 1;
            var hours = spec.HoursPerDay ?? DefaultHoursPerDay;
            if (people < 0) c.Error(path + ".people", name, "negative", people);
            if (hours is <= 0 or > 24 || double.IsNaN(hours)) c.Error(path + ".hoursPerDay", name, "hours-per-day-range", hours);
            roles[name] = new RoleCapacity(name, people, hours);
        }
        foreach (var name in known.Where(k => file.Roles?.ContainsKey(k) != true).Order(StringComparer.Ordinal))
            c.Assumptions.Add(Texte.Format(Texte.AnnahmeRolle, name, DefaultHoursPerDay));
        return roles;
    }

    /// <summary>
    /// The role whose queue a step joins: the first role named on the step itself (am:role, candidate group,
    /// potential owner), which is the inbox key the server uses, else its lane, else none.
    /// </summary>
    public static string? PrimaryRole(FlowNode node, ProcessDefinition process)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(process);
        foreach (var role in node.Roles)
        {
            if (!process.Lanes.Any(l => l.Name == role && l.NodeIds.Contains(node.Id))) return role;
        }
        return node.Roles.Count > 0 ? node.Roles[0] : null;
    }


    private static SimulationVariant? BuildVariant(Context c, SimulationSettings settings, string name, bool isBaseline,
        ProcessDefinition process, Dictionary<string, ProcessDefinition> called, Dictionary<string, RoleCapacity> baselineRoles,
        List<ChangeSpec> changes, ScenarioFile file, string path)
    {
        var errorsBefore = c.Errors.Count;
        var all = called.Values.Prepend(process).ToList();
        var nodes = all.SelectMany(p => p.Nodes).GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rewritten = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        var changeOf = new Dictionary<string, StepChange>(StringComparer.Ordinal);
        var reviews = new Dictionary<string, (DurationSpec Spec, string Path)>(StringComparer.Ordinal);
        var roles = new Dictionary<string, RoleCapacity>(baselineRoles, StringComparer.Ordinal);
        var described = new List<string>();
        for (var i = 0; i < changes.Count; i++)
        {
            var ch = changes[i];
            var cp = $"{path}.changes[{i}]";
            var type = ch.Type?.Trim();
            if (type == "capacity")
            {
                if (string.IsNullOrWhiteSpace(ch.Role) || !roles.TryGetValue(ch.Role, out var old))
                {
                    if (ch.Role is null) c.Error(cp + ".role", null, "capacity-role-missing");
                    else c.Error(cp + ".role", ch.Role, "capacity-role-unknown", ch.Role);
                    continue;
                }
                var people = ch.People ?? old.People;
                var hours = ch.HoursPerDay ?? old.HoursPerDay;
                if (people < 0) c.Error(cp + ".people", ch.Role, "negative", people);
                if (hours is <= 0 or > 24 || double.IsNaN(hours)) c.Error(cp + ".hoursPerDay", ch.Role, "hours-per-day-range", hours);
                if (ch.People is null && ch.HoursPerDay is null) c.Error(cp, ch.Role, "capacity-empty");
                roles[ch.Role] = new RoleCapacity(ch.Role, people, hours);
                described.Add($"Kapazität {ch.Role}: {people} Person(en) × {F(hours)} h/Tag");
                continue;
            }
            if (type is not ("automate" or "aiAssist" or "remove"))
            {
                c.Error(cp + ".type", null, "change-type-unknown", ch.Type);
                continue;
            }
            if (string.IsNullOrWhiteSpace(ch.Step) || !nodes.TryGetValue(ch.Step, out var node))
            {
                if (ch.Step is null) c.Error(cp + ".step", null, "change-step-missing", type);
                else c.Error(cp + ".step", ch.Step, "change-step-unknown", ch.Step);
                continue;
            }
            if (!LedgerCalculator.IsPricedStep(node.Kind, node.ActorKind))
            {
                c.Error(cp + ".step", node.Id, "change-step-not-task", node.Id, Texte.Elementart(node.Kind));
                continue;
            }
            if (changeOf.ContainsKey(node.Id))
            {
                c.Error(cp + ".step", node.Id, "change-step-twice");
                continue;
            }
            if (ch.CpuSeconds is < 0) c.Error(cp + ".cpuSeconds", node.Id, "negative", ch.CpuSeconds.Value);
            var footprint = Footprint(ch.Footprint, node.Footprint, cp + ".footprint", node.Id, c);
            switch (type)
            {
                case "automate":
                    rewritten[node.Id] = Copy(node, NodeKind.ServiceTask, node.Roles, node.Effort, footprint,
                        new AutomationAnnotation(AutomationLevel.Automated, false, node.Automation?.Candidate ?? true, null, ch.CpuSeconds ?? 1));
                    changeOf[node.Id] = StepChange.Automated;
                    described.Add($"{node.Label} automatisiert");
                    if (ch.CpuSeconds is null) c.Assumptions.Add(Texte.Format(Texte.AnnahmeAutomatisiert, node.Id));
                    break;
                case "aiAssist":
                    if (ch.Inferences is not > 0) c.Error(cp + ".inferences", node.Id, "ai-inferences-missing");
                    if (ch.Review is null) c.Error(cp + ".review", node.Id, "ai-review-missing");
                    else reviews[node.Id] = (ch.Review, cp + ".review");
                    rewritten[node.Id] = Copy(node, node.Kind, node.Roles, node.Effort, footprint,
                        new AutomationAnnotation(AutomationLevel.DecisionPreparing, true, node.Automation?.Candidate ?? true, ch.Inferences, ch.CpuSeconds ?? 1));
                    changeOf[node.Id] = StepChange.AiAssisted;
                    described.Add($"{node.Label} KI-gestützt");
                    break;
                default:
                    rewritten[node.Id] = Copy(node, NodeKind.IntermediateThrowEvent, [], null, null, null);
                    changeOf[node.Id] = StepChange.Removed;
                    described.Add($"{node.Label} entfällt");
                    break;
            }
        }
        var definitions = all.Select(p => p.Nodes.Any(n => rewritten.ContainsKey(n.Id))
            ? new ProcessDefinition(p.Id, p.Name, p.Format, p.Nodes.Select(n => rewritten.GetValueOrDefault(n.Id, n)), p.Flows, p.Lanes, p.Variables, p.IsExecutable) { Position = p.Position }
            : p).ToList();
        var roleList = roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var roleIndex = roleList.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var steps = new Dictionary<string, StepPlan>(StringComparer.Ordinal);
        foreach (var def in definitions)
        {
            foreach (var node in def.Nodes)
            {
                if (steps.ContainsKey(node.Id)) continue;
                steps[node.Id] = Plan(c, node, PrimaryRole(node, def), changeOf.GetValueOrDefault(node.Id), reviews, file, roleIndex, isBaseline);
            }
        }
        var roleWork = steps.Values.Where(s => s.HumanWork && s.RoleIndex >= 0 && s.Kind == NodeKind.UserTask).GroupBy(s => s.RoleIndex);
        foreach (var g in roleWork)
        {
            var role = roleList[g.Key];
            if (role.People > 0) continue;
            var change = Enumerable.Range(0, changes.Count).LastOrDefault(i => changes[i].Type == "capacity" && changes[i].Role == role.Name, -1);
            var field = change >= 0 ? $"{path}.changes[{change}].people" : $"$.roles.{role.Name}.people";
            c.Error(field, role.Name, "role-without-people", role.Name, string.Join(", ", g.Select(s => s.NodeId)));
        }
        var branches = isBaseline || c.Errors.Count == errorsBefore ? Branches(c, definitions, file) : [];
        if (c.Errors.Count > errorsBefore) return null;
        return new SimulationVariant
        {
            Name = name,
            IsBaseline = isBaseline,
            Definition = definitions[0],
            CalledProcesses = definitions.Skip(1).ToDictionary(d => d.Id, StringComparer.Ordinal),
            Roles = roleList,
            Steps = steps,
            Branches = branches,
            Changes = described,
        };
    }

    private static FootprintAnnotation? Footprint(FootprintSpec? spec, FootprintAnnotation? old, string path, string id, Context c)
    {
        if (spec is null) return old;
        void Check(double? v, string field)
        {
            if (v < 0) c.Error($"{path}.{field}", id, "negative", v.Value);
        }
        Check(spec.PrintedPages, "printedPages");
        Check(spec.Letters, "letters");
        Check(spec.CitizenTrips, "citizenTrips");
        return new FootprintAnnotation(spec.PrintedPages ?? old?.PrintedPages ?? 0, spec.Letters ?? old?.Letters ?? 0, spec.CitizenTrips ?? old?.CitizenTrips ?? 0);
    }

    private static FlowNode Copy(FlowNode n, NodeKind kind, IReadOnlyList<string> roles, EffortAnnotation? effort, FootprintAnnotation? footprint,
        AutomationAnnotation? automation) => new()
    {
        Id = n.Id,
        Name = n.Name,
        Kind = kind,
        Trigger = kind == NodeKind.IntermediateThrowEvent ? EventTrigger.None : n.Trigger,
        Position = n.Position,
        ParentId = n.ParentId,
        Roles = roles,
        Assignee = kind == NodeKind.UserTask ? n.Assignee : null,
        CandidateUsers = kind == NodeKind.UserTask ? n.CandidateUsers : [],
        Effort = effort,
        Footprint = footprint,
        Automation = automation,
        DefaultFlowId = n.DefaultFlowId,
        FormFields = kind == NodeKind.UserTask ? n.FormFields : [],
        Documentation = n.Documentation,
        IsForCompensation = n.IsForCompensation,
        // A changed step keeps its instances (three checks automated are still three); a removed one passes once.
        Loop = kind == NodeKind.IntermediateThrowEvent ? null : n.Loop,
        Incoming = n.Incoming,
        Outgoing = n.Outgoing,
    };
}

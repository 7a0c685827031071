using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Engine.Simulation;

// Branches: the probability of each outgoing flow of a gateway.
public static partial class SimulationCompiler
{
    private static Dictionary<string, BranchPlan> Branches(Context c, List<ProcessDefinition> definitions, ScenarioFile file)
    {
        var result = new Dictionary<string, BranchPlan>(StringComparer.Ordinal);
        var gateways = definitions.SelectMany(d => d.Nodes.Select(n => (Def: d, Node: n)))
            .Where(x => x.Node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway or NodeKind.EventBasedGateway)
            .Where(x => x.Node.Outgoing.Count > 1)
            .GroupBy(x => x.Node.Id, StringComparer.Ordinal).Select(g => g.First()).ToDictionary(x => x.Node.Id, StringComparer.Ordinal);
        foreach (var (id, given) in file.Branches ?? [])
        {
            var path = $"$.branches.{id}";
            if (!gateways.TryGetValue(id, out var gw))
            {
                var node = definitions.Select(d => d.FindNode(id)).FirstOrDefault(n => n is not null);
                if (node is null) c.Error(path, id, "gateway-unknown", id);
                else c.Error(path, id, "gateway-not-splitting", id, Texte.Elementart(node.Kind), node.Outgoing.Count);
                continue;
            }
            var ok = true;
            foreach (var (flow, p) in given)
            {
                if (!gw.Node.Outgoing.Contains(flow))
                {
                    c.Error($"{path}.{flow}", flow, "flow-unknown", flow, id, string.Join(", ", gw.Node.Outgoing));
                    ok = false;
                }
                if (p is < 0 or > 1 || double.IsNaN(p))
                {
                    c.Error($"{path}.{flow}", flow, "probability-range", p);
                    ok = false;
                }
            }
            var sum = given.Values.Sum();
            if (gw.Node.Kind != NodeKind.InclusiveGateway && Math.Abs(sum - 1) > Tolerance)
            {
                c.Error(path, id, "probability-sum", id, sum);
                ok = false;
            }
            if (ok)
            {
                var flows = gw.Node.Outgoing.ToList();
                result[id] = new BranchPlan(id, gw.Node.Kind, flows, [.. flows.Select(f => given.GetValueOrDefault(f))], "set by hand");
            }
        }
        foreach (var (id, gw) in gateways)
        {
            if (result.ContainsKey(id) || file.Branches?.ContainsKey(id) == true) continue;
            var flows = gw.Node.Outgoing.ToList();
            if (c.History.BranchCounts.TryGetValue(id, out var counts) && counts.Values.Sum() >= SimulationHistory.MinimumSamples)
            {
                double total = flows.Sum(f => counts.GetValueOrDefault(f));
                if (total > 0)
                {
                    result[id] = new BranchPlan(id, gw.Node.Kind, flows, [.. flows.Select(f => counts.GetValueOrDefault(f) / total)], $"history ({total:0} cases)");
                    continue;
                }
            }
            var p = gw.Node.Kind == NodeKind.InclusiveGateway ? 0.5 : 1.0 / flows.Count;
            result[id] = new BranchPlan(id, gw.Node.Kind, flows, [.. flows.Select(_ => p)], "default");
            c.Assumptions.Add(gw.Node.Kind == NodeKind.InclusiveGateway
                ? Texte.Format(Texte.AnnahmeGatewayInklusiv, id)
                : Texte.Format(Texte.AnnahmeGatewayGleich, id, flows.Count));
        }
        return result;
    }
}

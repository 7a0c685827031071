using Automation.Engine.Texts;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Gateways: exclusive, parallel, inclusive (splits and joins) and event-based.
internal sealed partial class Execution
{
    /// <summary>Incident code: no outgoing condition of a gateway or activity is true and there is no default flow.</summary>
    internal const string NoPathCode = "gateway-no-path";

    private void Exclusive(TokenState token, FlowNode node)
    {
        var flows = PlanOf(token.ScopeId).Outgoing(node);
        if (flows.Length == 1 && flows[0].Condition is null)
        {
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
            LeaveGateway(token, node, flows[0]);
            return;
        }
        SequenceFlow? chosen = options.Router?.ChooseOne(node, flows);
        foreach (var flow in flows)
        {
            if (chosen is not null) break;
            if (flow.Id == node.DefaultFlowId) continue;
            if (!TryCondition(token, node, flow, out var ok)) return;
            if (ok)
            {
                chosen = flow;
                break;
            }
        }
        chosen ??= node.DefaultFlowId is null ? null : Array.Find(flows, f => f.Id == node.DefaultFlowId);
        if (chosen is null)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallKeinWeg, node.Id, node.Label), NoPathCode);
            return;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "→ " + chosen.Id);
        LeaveGateway(token, node, chosen);
    }

    private void Parallel(TokenState token, FlowNode node)
    {
        if (node.Incoming.Count > 1)
        {
            if (node.JoinMode == JoinMode.FirstArrival)
            {
                CancelUpstream(token, node);
            }
            else if (!ArriveAtJoin(token, node))
            {
                return;
            }
            else
            {
                leavingJoin = true;
            }
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
        LeaveGateway(token, node, PlanOf(token.ScopeId).Outgoing(node));
        leavingJoin = false;
    }

    /// <summary>Counts the token at a parallel join; returns true (with the token kept) when every incoming flow has arrived.</summary>
    private bool ArriveAtJoin(TokenState token, FlowNode node)
    {
        var join = JoinOf(token.ScopeId, node.Id);
        join.Arrived[token.ViaFlowId ?? ""] = join.Arrived.GetValueOrDefault(token.ViaFlowId ?? "") + 1;
        foreach (var flowId in node.Incoming)
        {
            if (join.Arrived.GetValueOrDefault(flowId) == 0)
            {
                RemoveToken(token);
                return false;
            }
        }
        ConsumeArrivals(join, node);
        return true;
    }

    private void InclusiveArrive(TokenState token, FlowNode node)
    {
        if (node.Incoming.Count <= 1)
        {
            InclusiveSplit(token, node);
            return;
        }
        var join = JoinOf(token.ScopeId, node.Id);
        join.Arrived[token.ViaFlowId ?? ""] = join.Arrived.GetValueOrDefault(token.ViaFlowId ?? "") + 1;
        RemoveToken(token);
        if (CanStillArrive(join, node))
        {
            // Decided again once the queue is empty (see FireReadyInclusiveJoins): a blocking path may end without arriving.
            inclusiveJoinsPending = true;
            return;
        }
        FireInclusiveJoin(join, node);
    }

    /// <summary>Whether a token of the join's scope sits upstream of it or at it, not yet counted.</summary>
    private bool CanStillArrive(JoinState join, FlowNode node)
    {
        var upstream = PlanOf(join.ScopeId).Upstream(node);
        foreach (var t in state.TokenList)
        {
            if (t.ScopeId == join.ScopeId && (upstream.Contains(t.NodeId) || t.NodeId == node.Id)) return true;
        }
        return false;
    }

    private void FireInclusiveJoin(JoinState join, FlowNode node)
    {
        ConsumeArrivals(join, node);
        var token = NewToken(node.Id, join.ScopeId, null);
        leavingJoin = true;
        InclusiveSplit(token, node);
        leavingJoin = false;
    }

    private bool FireReadyInclusiveJoins()
    {
        inclusiveJoinsPending = false;
        foreach (var join in state.Joins.ToList())
        {
            var node = DefinitionOf(join.ScopeId).FindNode(join.GatewayId);
            if (node is not { Kind: NodeKind.InclusiveGateway } || join.Arrived.Values.All(v => v == 0)) continue;
            if (CanStillArrive(join, node)) continue;
            FireInclusiveJoin(join, node);
            return true;
        }
        return false;
    }

    private void InclusiveSplit(TokenState token, FlowNode node)
    {
        var flows = PlanOf(token.ScopeId).Outgoing(node);
        var taken = new List<SequenceFlow>(flows.Length);
        foreach (var flow in flows)
        {
            if (flow.Id == node.DefaultFlowId) continue;
            if (!TryCondition(token, node, flow, out var ok)) return;
            if (ok) taken.Add(flow);
        }
        if (taken.Count == 0 && node.DefaultFlowId is not null && Array.Find(flows, f => f.Id == node.DefaultFlowId) is { } def) taken.Add(def);
        if (taken.Count == 0 && flows.Length > 0)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallKeinWeg, node.Id, node.Label), NoPathCode);
            return;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "→ " + string.Join(", ", taken.Select(f => f.Id)));
        LeaveGateway(token, node, [.. taken]);
    }

    private void EventBased(TokenState token, FlowNode node)
    {
        token.Status = TokenStatus.Waiting;
        var def = DefinitionOf(token.ScopeId);
        foreach (var flow in PlanOf(token.ScopeId).Outgoing(node))
        {
            var target = def.FindNode(flow.TargetId);
            if (target is null) continue;
            var wait = AddCatchWait(token, target, token.Id);
            if (wait is null) return;
        }
    }

    private void CancelUpstream(TokenState arriving, FlowNode join)
    {
        var upstream = PlanOf(arriving.ScopeId).Upstream(join);
        foreach (var t in state.TokenList.Where(t => t != arriving && t.ScopeId == arriving.ScopeId && (upstream.Contains(t.NodeId) || t.NodeId == join.Id)).ToList())
            CancelToken(t, "cancelled by " + join.Id);
        state.Joins.RemoveAll(j => j.ScopeId == arriving.ScopeId && j.GatewayId == join.Id);
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------------

    private static void ConsumeArrivals(JoinState join, FlowNode node)
    {
        foreach (var flowId in node.Incoming)
        {
            if (join.Arrived.TryGetValue(flowId, out var n) && n > 0) join.Arrived[flowId] = n - 1;
        }
    }

    private JoinState JoinOf(long scopeId, string gatewayId)
    {
        foreach (var j in state.Joins)
        {
            if (j.ScopeId == scopeId && j.GatewayId == gatewayId) return j;
        }
        var join = new JoinState { ScopeId = scopeId, GatewayId = gatewayId };
        state.Joins.Add(join);
        return join;
    }
}

using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Asynchronous continuations (camunda:asyncBefore / asyncAfter) as Camunda 7 has them: transaction boundaries. With
// EngineOptions.AsyncContinuations (the durable host) a token reaching one stops as a WaitKind.Continuation wait, so the
// run so far is committed; the host's job continues it in a transaction of its own. When the part after the boundary
// fails, the host drops that part and calls FailContinuation: the token stands failed at the boundary with an incident,
// and retrying it sets up the boundary again. The arriving token of a looping or parameter activity stops; its instances
// do not (the boundary belongs to the activity, as camunda:asyncBefore on a multi-instance activity does). A gateway's
// asyncAfter boundary comes after its decision (exclusive, inclusive) or split (parallel, joins once they fire) and holds
// the flows taken; an event-based gateway's token waits for its events anyway, so asyncAfter adds no boundary there.
internal sealed partial class Execution
{
    /// <summary>Incident code: the part after an asynchronous continuation failed; the case waits at the boundary.</summary>
    internal const string ContinuationCode = "async-continuation-failed";

    /// <summary>Whether the token stops at a boundary before executing its node (set up here when it does).</summary>
    private bool StopsBefore(TokenState token, FlowNode node)
    {
        if (!options.AsyncContinuations) return false;
        if (token.Continuation == ContinuationPhase.After)
        {
            // Retried after the part behind the boundary after the node failed: the node is done, only the boundary is set up again.
            StopAt(token, node, after: true);
            return true;
        }
        if (token.Continuation == ContinuationPhase.BeforePassed)
        {
            token.Continuation = ContinuationPhase.None;
            return false;
        }
        if (!node.AsyncBefore || IsInstance(token, node)) return false;
        StopAt(token, node, after: false);
        return true;
    }

    /// <summary>Whether the token stops at the boundary after its completed node instead of leaving it.</summary>
    private bool StopsAfter(TokenState token, FlowNode node)
    {
        if (token.Continuation == ContinuationPhase.AfterPassed)
        {
            token.Continuation = ContinuationPhase.None;
            return false;
        }
        if (!options.AsyncContinuations || !node.AsyncAfter) return false;
        StopAt(token, node, after: true);
        return true;
    }

    /// <summary>
    /// A gateway leaves by the flows it chose; with camunda:asyncAfter it first stops at its boundary, holding them, so
    /// passing the boundary takes the same flows without deciding again (Camunda 7: the gateway's decision is committed).
    /// </summary>
    private void LeaveGateway(TokenState token, FlowNode node, SequenceFlow[] taken)
    {
        if (options.AsyncContinuations && node.AsyncAfter)
        {
            token.TakenFlows = [.. taken.Select(f => f.Id)];
            StopAt(token, node, after: true);
            return;
        }
        Split(token, taken);
    }

    /// <summary><see cref="LeaveGateway(TokenState, FlowNode, SequenceFlow[])"/> for one flow, without an array on the hot path.</summary>
    private void LeaveGateway(TokenState token, FlowNode node, SequenceFlow chosen)
    {
        if (options.AsyncContinuations && node.AsyncAfter)
        {
            token.TakenFlows = [chosen.Id];
            StopAt(token, node, after: true);
            return;
        }
        Move(token, chosen);
    }

    private void StopAt(TokenState token, FlowNode node, bool after)
    {
        token.Status = TokenStatus.Waiting;
        token.Continuation = after ? ContinuationPhase.After : ContinuationPhase.None;
        if (AddWait(token, node, WaitKind.Continuation, null) is { } wait) wait.AfterNode = after;
    }

    /// <summary>Passes the boundary: the node runs (before) or the token leaves it (after).</summary>
    public void Continue(WaitState wait)
    {
        RemoveWait(wait);
        var token = TokenById(wait.TokenId) ?? throw new InvalidOperationException($"Continuation {wait.Id} has no token.");
        token.Status = TokenStatus.Active;
        if (wait.AfterNode && token.TakenFlows is { } flowIds)
        {
            token.TakenFlows = null;
            token.Continuation = ContinuationPhase.None;
            var outgoing = PlanOf(token.ScopeId).Outgoing(NodeOf(token));
            Split(token, [.. flowIds.Select(id => Array.Find(outgoing, f => f.Id == id)).OfType<SequenceFlow>()]);
        }
        else if (wait.AfterNode)
        {
            token.Continuation = ContinuationPhase.AfterPassed;
            Leave(token, NodeOf(token));
        }
        else
        {
            token.Continuation = ContinuationPhase.BeforePassed;
            queue.Enqueue(token);
        }
        Drain();
    }

    /// <summary>Records that the part after the boundary failed: the token stands failed at the boundary with an incident.</summary>
    public void FailContinuation(WaitState wait, string reason)
    {
        RemoveWait(wait);
        var token = TokenById(wait.TokenId) ?? throw new InvalidOperationException($"Continuation {wait.Id} has no token.");
        var node = NodeOf(token);
        token.Continuation = wait.AfterNode ? ContinuationPhase.After : ContinuationPhase.None;
        var where = wait.AfterNode ? "nach" : "vor";
        RaiseIncident(token, node,
            $"Der Teil nach der Transaktionsgrenze {where} {node.Id} ({node.Label}) ist gescheitert und wurde nicht übernommen; " +
            $"der Vorgang wartet an der Grenze: {reason}", ContinuationCode);
        Finish();
    }
}

using Automation.Engine.Texts;
using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Scopes: errors caught at activities and scopes, completion, termination and cancellation of tokens.
internal sealed partial class Execution
{
    private bool CatchAtActivity(TokenState token, FlowNode activity, string? code)
    {
        // An instance's error goes to the boundary of the whole looping activity (ThrowError from the instance's scope).
        if (IsInstance(token, activity)) return false;
        var boundary = MatchingCatch(DefinitionOf(token.ScopeId).BoundaryEventsOf(activity.Id), EventTrigger.Error, code);
        if (boundary is null) return false;
        Step(token.ScopeId, activity, token.ArrivedAt, StepOutcome.Interrupted, "error " + code);
        var scopeId = token.ScopeId;
        CancelToken(token, null);
        queue.Enqueue(NewToken(boundary.Id, scopeId, null));
        return true;
    }

    // ---- scopes --------------------------------------------------------------------------------------------

    /// <summary>
    /// Opens a child scope of the same process for a token waiting at <paramref name="nodeId"/>: an embedded or event
    /// sub-process's content, a loop instance or a compensation run. It shares the enclosing variables.
    /// </summary>
    private ScopeState OpenScope(TokenState holder, string nodeId)
    {
        var scope = new ScopeState
        {
            Id = state.NextId(),
            ProcessId = DefinitionOf(holder.ScopeId).Id,
            ProcessVersion = ScopeById(holder.ScopeId)?.ProcessVersion,
            NodeId = nodeId,
            ParentScopeId = holder.ScopeId,
            ParentTokenId = holder.Id,
            CallDepth = ScopeById(holder.ScopeId)?.CallDepth ?? 0,
        };
        state.Scopes.Add(scope);
        return scope;
    }

    private void CompleteScopeIfDone(long scopeId)
    {
        foreach (var t in state.TokenList)
        {
            if (t.ScopeId == scopeId) return;
        }
        // An inclusive join holding arrivals fires once the queue is empty (nothing can still reach it): the scope goes on.
        if (HasWaitingInclusiveJoin(scopeId)) return;
        if (scopeId == 0)
        {
            state.Joins.Clear();
            RemoveEventSubProcessWaits(0);
            state.Compensations = null;
            return;
        }
        var scope = ScopeById(scopeId);
        // A loop instance's scope ends with its instance (CompleteLoopInstance), never by running empty.
        if (scope is null || scope.Locals is not null) return;
        if (RunNextHandler(scope)) return;
        var parentToken = scope.ParentTokenId is { } pt ? TokenById(pt) : null;
        state.Scopes.Remove(scope);
        state.Joins.RemoveAll(j => j.ScopeId == scopeId);
        RemoveEventSubProcessWaits(scopeId);
        var activity = parentToken is null ? null : NodeOf(parentToken);
        // What completed inside an embedded sub-process or a called process (not a cancelled transaction's, not a detached
        // call's) stays undoable as part of it, once it has completed.
        var inner = !scope.Cancelled && !scope.Detached
            && activity is { Kind: NodeKind.SubProcess, TriggeredByEvent: false } or { Kind: NodeKind.CallActivity }
            && (scope.Variables is null) == (activity.Kind == NodeKind.SubProcess)
            ? TakeInnerCompensations(scopeId) : null;
        ForgetCompensations(scopeId);
        if (parentToken is null || activity is null) return;
        if (scope.Cancelled)
        {
            LeaveCancelledTransaction(parentToken, activity);
            return;
        }
        if (scope.Detached)
        {
            RemoveToken(parentToken);
            CompleteScopeIfDone(parentToken.ScopeId);
            return;
        }
        if (scope.Variables is { } childVars && activity.Kind == NodeKind.CallActivity)
        {
            try
            {
                foreach (var kv in Map(childVars, activity.OutputMappings, PlanOf(scope.Id, scope), activity.EmptyMappingCopiesAll)) WriteVariable(parentToken.ScopeId, kv.Key, kv.Value);
                if (activity.ResultVariable is { } resultVariable) WriteVariable(parentToken.ScopeId, resultVariable, CallResult(scope, childVars));
            }
            catch (ScriptException e)
            {
                RaiseIncident(parentToken, activity, Texte.Format(Texte.VorfallAusgabeZuordnung, e.Message), e.Code);
                return;
            }
        }
        RemoveWaitsOfToken(parentToken.Id);
        KeepInnerCompensations(inner, parentToken, activity, scope);
        Step(parentToken.ScopeId, activity, parentToken.ArrivedAt, StepOutcome.Completed, scope.Outcomes is { } ended ? "→ " + string.Join(", ", ended) : null);
        parentToken.Status = TokenStatus.Active;
        // An instance of a looping activity or of its parameters completes through Leave; only the activity itself routes.
        if (activity.RoutesByOutcome && !IsInstance(parentToken, activity))
            LeaveByOutcome(parentToken, activity, scope.Outcomes);
        else Leave(parentToken, activity);
    }

    /// <summary>
    /// Elsa: a workflow activity continues on the connections of the outcomes its workflow completed with ("Done" without
    /// Complete); an outcome without connection ends the path, as in Elsa.
    /// </summary>
    private void LeaveByOutcome(TokenState token, FlowNode activity, List<string>? outcomes)
    {
        var flows = PlanOf(token.ScopeId).Outgoing(activity);
        var taken = new List<SequenceFlow>(flows.Length);
        foreach (var flow in flows)
        {
            if (outcomes is null ? flow.Outcome is null or "Done" : outcomes.Contains(flow.Outcome ?? "Done", StringComparer.Ordinal)) taken.Add(flow);
        }
        Split(token, [.. taken]);
    }

    /// <summary>What ExecuteWorkflow's result holds: the status and the called workflow's outputs (Elsa's ExecuteWorkflowResult).</summary>
    private Dictionary<string, object?> CallResult(ScopeState scope, Dictionary<string, object?> childVars)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in ScopeDefinition(scope)?.Outputs ?? [])
        {
            if (childVars.TryGetValue(name, out var value)) output[name] = value;
        }
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["status"] = "Finished", ["output"] = output };
    }

    private bool HasWaitingInclusiveJoin(long scopeId)
    {
        foreach (var join in state.Joins)
        {
            if (join.ScopeId != scopeId || join.Arrived.Values.All(v => v == 0)) continue;
            if (DefinitionOf(scopeId).FindNode(join.GatewayId) is { Kind: NodeKind.InclusiveGateway })
            {
                inclusiveJoinsPending = true;
                return true;
            }
        }
        return false;
    }

    private void TerminateScope(long scopeId, TokenState terminator)
    {
        foreach (var t in state.TokenList.Where(t => t.ScopeId == scopeId && t != terminator).ToList()) CancelToken(t, "terminated");
        RemoveToken(terminator);
        state.Joins.RemoveAll(j => j.ScopeId == scopeId);
        RemoveEventSubProcessWaits(scopeId);
        if (scopeId == 0)
        {
            state.IncidentList.Clear();
            state.Status = CaseStatus.Terminated;
            state.EndedAt = now;
            return;
        }
        CompleteScopeIfDone(scopeId);
    }

    /// <summary>Removes a token with its waits, incidents and child scopes, recording interrupted work.</summary>
    private void CancelToken(TokenState token, string? reason)
    {
        var node = NodeOf(token);
        var isBody = IsHolder(token, node);
        if (reason is not null && token.Status == TokenStatus.Waiting && node.IsActivity && !isBody)
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Interrupted, reason);
        if (isBody) RemoveLoopOf(token.Id);
        foreach (var child in state.Scopes.Where(s => s.ParentTokenId == token.Id).ToList())
        {
            foreach (var t in state.TokenList.Where(t => t.ScopeId == child.Id).ToList()) CancelToken(t, reason ?? "interrupted");
            state.Joins.RemoveAll(j => j.ScopeId == child.Id);
            RemoveEventSubProcessWaits(child.Id);
            ForgetCompensations(child.Id);
            state.Scopes.Remove(child);
        }
        RemoveWaitsOfToken(token.Id);
        state.IncidentList.RemoveAll(i => i.TokenId == token.Id);
        RemoveToken(token);
    }
}

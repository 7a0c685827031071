using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Compensation: a completed activity with a compensation boundary is remembered; a compensation throw event runs the
// handlers of its scope's remembered activities (or of the one it names), the latest completed first, one after another,
// while the thrower waits in a scope of its own. An activity that never completed has nothing to undo.
internal sealed partial class Execution
{
    /// <summary>Remembers a completed activity that has a compensation handler.</summary>
    private void RememberForCompensation(long scopeId, FlowNode activity)
    {
        if (PlanOf(scopeId).CompensationHandler(activity) is not { } handler) return;
        // An instance of a looping activity (or of an activity's parameters) completes in its instance's scope; it is
        // undone from the scope that holds the activity.
        var owner = scopeId;
        while (ScopeById(owner) is { Locals: not null, ParentScopeId: { } outer }) owner = outer;
        (state.Compensations ??= []).Add(new CompensationState { ScopeId = owner, ActivityId = activity.Id, HandlerId = handler });
    }

    /// <summary>What completed in a scope can no longer be compensated once the scope has ended.</summary>
    private void ForgetCompensations(long scopeId)
    {
        if (state.Compensations is not { } records) return;
        records.RemoveAll(r => r.ScopeId == scopeId);
        if (records.Count == 0) state.Compensations = null;
    }

    private void ThrowCompensation(TokenState token, FlowNode node)
    {
        // Thrown inside an event sub-process, compensation undoes the work of the scope the event sub-process belongs to.
        var scope = ScopeById(token.ScopeId);
        var target = scope is { Locals: null, Variables: null, NodeId: { } holder } && DefinitionOf(token.ScopeId).FindNode(holder) is { TriggeredByEvent: true }
            ? scope.ParentScopeId ?? 0
            : token.ScopeId;
        var handlers = new List<string>();
        if (state.Compensations is { } records)
        {
            for (var i = records.Count - 1; i >= 0; i--)
            {
                var r = records[i];
                if (r.ScopeId != target || (node.CompensationActivityId is { } only && r.ActivityId != only)) continue;
                handlers.Add(r.HandlerId);
                records.RemoveAt(i);
            }
            if (records.Count == 0) state.Compensations = null;
        }
        if (handlers.Count == 0)
        {
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "nothing to compensate");
            Leave(token, node);
            return;
        }
        token.Status = TokenStatus.Waiting;
        var compensation = OpenScope(token, node.Id);
        compensation.PendingHandlers = handlers.Count > 1 ? handlers[1..] : null;
        queue.Enqueue(NewToken(handlers[0], compensation.Id, null));
    }

    /// <summary>A compensation scope ran empty: start its next handler, if any is left (true), else let it end.</summary>
    private bool RunNextHandler(ScopeState scope)
    {
        if (scope.PendingHandlers is not { Count: > 0 } pending) return false;
        var next = pending[0];
        pending.RemoveAt(0);
        if (pending.Count == 0) scope.PendingHandlers = null;
        queue.Enqueue(NewToken(next, scope.Id, null));
        return true;
    }
}

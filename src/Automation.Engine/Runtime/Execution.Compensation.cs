using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Compensation: a completed activity with a compensation boundary is remembered; a compensation throw event runs the
// handlers of its scope's remembered activities (or of the one it names), the latest completed first, one after another,
// while the thrower waits in a scope of its own (or side by side, the thrower going on, with waitForCompletion="false").
// An activity that never completed has nothing to undo. A completed embedded sub-process without a handler of its own
// keeps what completed inside it, so compensating it runs those handlers (BPMN 2.0 §10.7).
internal sealed partial class Execution
{
    /// <summary>Remembers a completed activity that has a compensation handler.</summary>
    private void RememberForCompensation(long scopeId, FlowNode activity)
    {
        if (PlanOf(scopeId).CompensationHandler(activity) is not { } handler) return;
        (state.Compensations ??= []).Add(new CompensationState { ScopeId = CompensationOwner(scopeId), ActivityId = activity.Id, HandlerId = handler });
    }

    /// <summary>
    /// The scope whose compensation undoes what completed in <paramref name="scopeId"/>: an instance of a looping activity
    /// (or of an activity's parameters) completes in its instance's scope; it is undone from the scope that holds the activity.
    /// </summary>
    private long CompensationOwner(long scopeId)
    {
        var owner = scopeId;
        while (ScopeById(owner) is { Locals: not null, ParentScopeId: { } outer }) owner = outer;
        return owner;
    }

    /// <summary>
    /// An embedded sub-process's scope completed: what completed inside it stays undoable as part of the sub-process,
    /// unless the sub-process has a compensation handler of its own, which then replaces them (it is remembered when
    /// the sub-process's step completes).
    /// </summary>
    private void KeepInnerCompensations(ScopeState scope, TokenState holder, FlowNode subProcess)
    {
        if (state.Compensations is not { } records) return;
        List<CompensationState>? inner = null;
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].ScopeId == scope.Id) (inner ??= []).Add(records[i]);
        }
        if (inner is null) return;
        records.RemoveAll(r => r.ScopeId == scope.Id);
        if (PlanOf(holder.ScopeId).CompensationHandler(subProcess) is null)
            records.Add(new CompensationState { ScopeId = CompensationOwner(holder.ScopeId), ActivityId = subProcess.Id, Inner = inner });
        if (records.Count == 0) state.Compensations = null;
    }

    /// <summary>What completed in a scope can no longer be compensated once the scope has ended.</summary>
    private void ForgetCompensations(long scopeId)
    {
        if (state.Compensations is not { } records) return;
        records.RemoveAll(r => r.ScopeId == scopeId);
        if (records.Count == 0) state.Compensations = null;
    }

    /// <summary>Takes the handlers to run for a scope's remembered activities (or only <paramref name="only"/>), latest first.</summary>
    private List<string> TakeHandlers(long scopeId, string? only)
    {
        var handlers = new List<string>();
        if (state.Compensations is not { } records) return handlers;
        for (var i = records.Count - 1; i >= 0; i--)
        {
            var r = records[i];
            if (r.ScopeId != scopeId || (only is not null && r.ActivityId != only)) continue;
            AddHandlers(r, handlers);
            records.RemoveAt(i);
        }
        if (records.Count == 0) state.Compensations = null;
        return handlers;
    }

    private static void AddHandlers(CompensationState record, List<string> handlers)
    {
        if (record.Inner is { } inner)
        {
            for (var i = inner.Count - 1; i >= 0; i--) AddHandlers(inner[i], handlers);
        }
        else handlers.Add(record.HandlerId);
    }

    private void ThrowCompensation(TokenState token, FlowNode node)
    {
        // Thrown inside an event sub-process, compensation undoes the work of the scope the event sub-process belongs to.
        var scope = ScopeById(token.ScopeId);
        var target = scope is { Locals: null, Variables: null, NodeId: { } holder } && DefinitionOf(token.ScopeId).FindNode(holder) is { TriggeredByEvent: true }
            ? scope.ParentScopeId ?? 0
            : token.ScopeId;
        var handlers = TakeHandlers(target, node.CompensationActivityId);
        if (handlers.Count == 0 || !node.CompensationWaits)
        {
            // Without waiting, the handlers are tokens of the thrower's scope beside it: the scope ends after them.
            foreach (var handler in handlers) queue.Enqueue(NewToken(handler, token.ScopeId, null));
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, handlers.Count == 0 ? "nothing to compensate" : null);
            Leave(token, node);
            return;
        }
        token.Status = TokenStatus.Waiting;
        var compensation = OpenScope(token, node.Id);
        RunHandlers(compensation, handlers);
    }

    /// <summary>Runs handlers one after another in a scope: the first now, the others as the scope runs empty.</summary>
    private void RunHandlers(ScopeState scope, List<string> handlers)
    {
        scope.PendingHandlers = handlers.Count > 1 ? handlers[1..] : null;
        queue.Enqueue(NewToken(handlers[0], scope.Id, null));
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

    // ---- transactions ----------------------------------------------------------------------------------------

    /// <summary>
    /// A cancel end event in a transaction: the other paths of the transaction end, its completed work is undone (latest
    /// first), and then the transaction leaves by its cancel boundary event (<see cref="LeaveCancelledTransaction"/>).
    /// </summary>
    private void CancelTransaction(TokenState token, FlowNode node)
    {
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "cancel");
        var scopeId = token.ScopeId;
        RemoveToken(token);
        if (ScopeById(scopeId) is not { } scope)
        {
            // Only a definition that skipped validation has a cancel end event outside a transaction: it ends its path.
            CompleteScopeIfDone(scopeId);
            return;
        }
        foreach (var t in state.TokenList.Where(t => t.ScopeId == scopeId).ToList()) CancelToken(t, "cancelled");
        state.Joins.RemoveAll(j => j.ScopeId == scopeId);
        RemoveEventSubProcessWaits(scopeId);
        scope.Cancelled = true;
        var handlers = TakeHandlers(scopeId, null);
        ForgetCompensations(scopeId);
        if (handlers.Count > 0) RunHandlers(scope, handlers);
        else CompleteScopeIfDone(scopeId);
    }

    /// <summary>A cancelled transaction's compensation has ended: the transaction is interrupted and its cancel boundary goes on.</summary>
    private void LeaveCancelledTransaction(TokenState holder, FlowNode transaction)
    {
        Step(holder.ScopeId, transaction, holder.ArrivedAt, StepOutcome.Interrupted, "cancel");
        var scopeId = holder.ScopeId;
        var boundary = DefinitionOf(scopeId).BoundaryEventsOf(transaction.Id).FirstOrDefault(b => b.Trigger == EventTrigger.Cancel);
        RemoveWaitsOfToken(holder.Id);
        RemoveToken(holder);
        if (boundary is not null) queue.Enqueue(NewToken(boundary.Id, scopeId, null));
        else CompleteScopeIfDone(scopeId);
    }
}

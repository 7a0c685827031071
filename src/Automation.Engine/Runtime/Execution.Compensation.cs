using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Runtime;

// Compensation: a completed activity with a compensation boundary is remembered; a compensation throw event runs the
// handlers of its scope's remembered activities (or of the one it names), the latest completed first, one after another,
// while the thrower waits in a scope of its own (or side by side, the thrower going on, with waitForCompletion="false").
// An activity that never completed has nothing to undo. A completed embedded sub-process without a handler of its own
// keeps what completed inside it, so compensating it runs those handlers (BPMN 2.0 §10.7); so does a completed call activity
// without one, whose handlers run in a scope of the called process with the variables it completed with.
internal sealed partial class Execution
{
    /// <summary>
    /// How many completed calls a case keeps the snapshot of (their variables and handler records) for compensation. Beyond
    /// it the oldest is dropped to its ids (<see cref="CompensationState.Dropped"/>): compensating it then raises an incident
    /// instead of undoing it, so the loss shows where it matters and the case state stays bounded.
    /// </summary>
    internal const int MaxKeptCallSnapshots = 100;

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
    /// What completed inside an embedded sub-process's or a called process's scope that has just run empty: taken out of
    /// the records (the scope is gone), to be kept as part of the activity (<see cref="KeepInnerCompensations"/>).
    /// </summary>
    private List<CompensationState>? TakeInnerCompensations(long scopeId)
    {
        if (state.Compensations is not { } records) return null;
        List<CompensationState>? inner = null;
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].ScopeId == scopeId) (inner ??= []).Add(records[i]);
        }
        if (inner is null) return null;
        records.RemoveAll(r => r.ScopeId == scopeId);
        if (records.Count == 0) state.Compensations = null;
        return inner;
    }

    /// <summary>
    /// The sub-process or call activity completed: what completed inside it stays undoable as part of it, unless it has a
    /// compensation handler of its own, which then replaces them (it is remembered when the activity's step completes).
    /// A called process's records keep its id and its variables as it completed, which its handlers see; they are
    /// kept only while the caller's scope can still compensate (<see cref="ForgetCompensations"/>).
    /// </summary>
    private void KeepInnerCompensations(List<CompensationState>? inner, TokenState holder, FlowNode activity, ScopeState scope)
    {
        if (inner is null || PlanOf(holder.ScopeId).CompensationHandler(activity) is not null) return;
        var called = activity.Kind == NodeKind.CallActivity;
        (state.Compensations ??= []).Add(new CompensationState
        {
            ScopeId = CompensationOwner(holder.ScopeId),
            ActivityId = activity.Id,
            Inner = inner,
            CalledProcessId = called ? scope.ProcessId : null,
            CalledVersion = called ? scope.ProcessVersion : null,
            Variables = called ? scope.Variables : null,
        });
        if (called) DropOldestSnapshots();
    }

    /// <summary>Keeps at most <see cref="MaxKeptCallSnapshots"/> call snapshots in the case, dropping the oldest first.</summary>
    private void DropOldestSnapshots()
    {
        var snapshots = new List<CompensationState>();
        CollectSnapshots(state.Compensations, snapshots);
        for (var i = 0; i < snapshots.Count - MaxKeptCallSnapshots; i++)
        {
            var dropped = snapshots[i];
            dropped.Dropped = true;
            dropped.Inner = null;
            dropped.Variables = null;
        }
    }

    /// <summary>The kept call snapshots in completion order (a call's inner calls before the call, as they completed first).</summary>
    private static void CollectSnapshots(List<CompensationState>? records, List<CompensationState> into)
    {
        if (records is null) return;
        foreach (var r in records)
        {
            CollectSnapshots(r.Inner, into);
            if (r is { CalledProcessId: not null, Dropped: false }) into.Add(r);
        }
    }

    /// <summary>What completed in a scope can no longer be compensated once the scope has ended.</summary>
    private void ForgetCompensations(long scopeId)
    {
        if (state.Compensations is not { } records) return;
        records.RemoveAll(r => r.ScopeId == scopeId);
        if (records.Count == 0) state.Compensations = null;
    }

    /// <summary>
    /// Takes the handlers to run for a scope's remembered activities (or only <paramref name="only"/>), latest first; a
    /// completed call activity is one entry (its id), its record in <paramref name="calls"/> in the same order.
    /// </summary>
    private List<string> TakeHandlers(long scopeId, string? only, out List<CompensationState>? calls)
    {
        var handlers = new List<string>();
        calls = null;
        if (state.Compensations is not { } records) return handlers;
        for (var i = records.Count - 1; i >= 0; i--)
        {
            var r = records[i];
            if (r.ScopeId != scopeId || (only is not null && r.ActivityId != only)) continue;
            AddHandlers(r, handlers, ref calls);
            records.RemoveAt(i);
        }
        if (records.Count == 0) state.Compensations = null;
        return handlers;
    }

    private static void AddHandlers(CompensationState record, List<string> handlers, ref List<CompensationState>? calls)
    {
        if (record.CalledProcessId is not null)
        {
            // Its handlers are nodes of the called process: they run in a scope of that process when their turn comes.
            handlers.Add(record.ActivityId);
            (calls ??= []).Add(record);
        }
        else if (record.Inner is { } inner)
        {
            for (var i = inner.Count - 1; i >= 0; i--) AddHandlers(inner[i], handlers, ref calls);
        }
        else handlers.Add(record.HandlerId);
    }

    /// <summary>
    /// Starts one entry of <see cref="TakeHandlers"/> in a scope: a token at the handler, or, for a completed call
    /// activity (never a handler itself: handlers are isForCompensation), the next of <paramref name="calls"/>.
    /// </summary>
    private void StartHandler(long scopeId, string handler, List<CompensationState>? calls)
    {
        if (calls is { Count: > 0 } && DefinitionOf(scopeId).FindNode(handler) is { Kind: NodeKind.CallActivity, IsForCompensation: false })
        {
            var call = calls[0];
            calls.RemoveAt(0);
            CompensateCall(scopeId, call);
        }
        else queue.Enqueue(NewToken(handler, scopeId, null));
    }

    /// <summary>
    /// Compensates a completed call activity without a handler of its own (BPMN 2.0 §10.7): a token of
    /// <paramref name="scopeId"/> waits at the call activity while a scope of the called process, with the variables it
    /// completed with, runs the handlers it kept one after another, latest first; it ends without a step or copying back.
    /// </summary>
    private void CompensateCall(long scopeId, CompensationState call)
    {
        var holder = NewToken(call.ActivityId, scopeId, null);
        if (call.Dropped || (call.CalledVersion is { } key && ResolveVersion(key) is null))
        {
            // The holder stands failed at the call activity; a retry gives this undo up (RetryLostCall).
            var node = DefinitionOf(scopeId).GetNode(call.ActivityId);
            RaiseIncident(holder, node, call.Dropped
                ? Texte.Format(Texte.KompensationStandVerworfen, node.Id, node.Label, call.CalledProcessId, MaxKeptCallSnapshots)
                : Texte.Format(Texte.KompensationVersionVerloren, node.Id, node.Label, call.CalledProcessId, call.CalledVersion), DiagnosticCodes.CallCompensationLost);
            return;
        }
        holder.Status = TokenStatus.Waiting;
        var scope = new ScopeState
        {
            Id = state.NextId(),
            ProcessId = call.CalledProcessId!,
            ProcessVersion = call.CalledVersion,
            NodeId = call.ActivityId,
            ParentScopeId = scopeId,
            ParentTokenId = holder.Id,
            CallDepth = (ScopeById(scopeId)?.CallDepth ?? 0) + 1,
            Variables = call.Variables ?? new(StringComparer.Ordinal),
            Detached = true,
        };
        state.Scopes.Add(scope);
        var handlers = new List<string>();
        List<CompensationState>? calls = null;
        var inner = call.Inner ?? [];
        for (var i = inner.Count - 1; i >= 0; i--) AddHandlers(inner[i], handlers, ref calls);
        RunHandlers(scope, handlers, calls);
    }

    private void ThrowCompensation(TokenState token, FlowNode node)
    {
        // Thrown inside an event sub-process, compensation undoes the work of the scope the event sub-process belongs to.
        var scope = ScopeById(token.ScopeId);
        var target = scope is { Locals: null, Variables: null, NodeId: { } holder } && DefinitionOf(token.ScopeId).FindNode(holder) is { TriggeredByEvent: true }
            ? scope.ParentScopeId ?? 0
            : token.ScopeId;
        var handlers = TakeHandlers(target, node.CompensationActivityId, out var calls);
        if (handlers.Count == 0 || !node.CompensationWaits)
        {
            // Without waiting, the handlers are tokens of the thrower's scope beside it: the scope ends after them.
            foreach (var handler in handlers) StartHandler(token.ScopeId, handler, calls);
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, handlers.Count == 0 ? "nothing to compensate" : null);
            Leave(token, node);
            return;
        }
        token.Status = TokenStatus.Waiting;
        var compensation = OpenScope(token, node.Id);
        RunHandlers(compensation, handlers, calls);
    }

    /// <summary>Runs handlers one after another in a scope: the first now, the others as the scope runs empty.</summary>
    private void RunHandlers(ScopeState scope, List<string> handlers, List<CompensationState>? calls)
    {
        scope.PendingHandlers = handlers.Count > 1 ? handlers[1..] : null;
        scope.PendingCalls = calls;
        StartHandler(scope.Id, handlers[0], calls);
        if (calls is { Count: 0 }) scope.PendingCalls = null;
    }

    /// <summary>A compensation scope ran empty: start its next handler, if any is left (true), else let it end.</summary>
    private bool RunNextHandler(ScopeState scope)
    {
        if (scope.PendingHandlers is not { Count: > 0 } pending) return false;
        var next = pending[0];
        pending.RemoveAt(0);
        if (pending.Count == 0) scope.PendingHandlers = null;
        StartHandler(scope.Id, next, scope.PendingCalls);
        if (scope.PendingCalls is { Count: 0 }) scope.PendingCalls = null;
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
        var handlers = TakeHandlers(scopeId, null, out var calls);
        ForgetCompensations(scopeId);
        if (handlers.Count > 0) RunHandlers(scope, handlers, calls);
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

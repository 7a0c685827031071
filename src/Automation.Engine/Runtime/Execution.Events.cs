using Automation.Engine.Validation;
using Automation.Engine.Texts;
using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Events that jump or propagate: link events, errors and escalations caught by boundary events or event sub-processes,
// event sub-processes started by a timer, message, signal or condition while their scope runs, and conditional events.
internal sealed partial class Execution
{
    /// <summary>
    /// Who catches a thrown error or escalation: a boundary event of an enclosing activity (with the token waiting there),
    /// or the start event of an event sub-process of an enclosing scope (no token).
    /// </summary>
    private readonly record struct Catcher(long ScopeId, FlowNode Event, TokenState? ActivityToken);

    // ---- links ---------------------------------------------------------------------------------------------

    /// <summary>A link throw event moves its token to the link catch event of the same name in its scope.</summary>
    private void ThrowLink(TokenState token, FlowNode node)
    {
        var targets = DefinitionOf(token.ScopeId).LinkCatchesFor(node);
        if (targets.Count != 1)
        {
            // Validation reports this; a definition that skipped it stops here rather than jumping to a guess.
            RaiseIncident(token, node, Texte.Format(Texte.VorfallLinkZiele, node.LinkName, node.Id, node.Label, targets.Count), DiagnosticCodes.UnmatchedLink);
            return;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "→ " + targets[0].Id);
        token.NodeId = targets[0].Id;
        token.ViaFlowId = null;
        token.ArrivedAt = now;
        token.Status = TokenStatus.Active;
        queue.Enqueue(token);
    }

    // ---- escalations ---------------------------------------------------------------------------------------

    /// <summary>
    /// An escalation throw event: the innermost catcher runs; without one the escalation is only noted in the history
    /// (BPMN: an escalation is no error). Returns whether the thrower's token still exists and moves on.
    /// </summary>
    private bool ThrowEscalation(TokenState token, FlowNode node)
    {
        var detail = "escalation " + (node.EscalationCode ?? "(no code)");
        var catcher = FindCatcher(token.ScopeId, EventTrigger.Escalation, node.EscalationCode);
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, catcher is null ? detail + " not caught" : detail);
        if (catcher is { } c) Catch(c, detail);
        return state.TokenList.Contains(token);
    }

    /// <summary>Propagates a BPMN error from a scope outwards to its first catcher.</summary>
    private bool ThrowError(long scopeId, string? code)
    {
        if (FindCatcher(scopeId, EventTrigger.Error, code) is not { } catcher) return false;
        Catch(catcher, "error " + code);
        return true;
    }

    /// <summary>
    /// Looks outwards from a scope for the catcher of an error or escalation: at each level first an event sub-process of
    /// the scope, then a boundary event of the activity that opened it. An event thrown inside an event sub-process is
    /// not caught by its sibling event sub-processes (that would restart the handler that threw it).
    /// </summary>
    private Catcher? FindCatcher(long scopeId, EventTrigger trigger, string? code)
    {
        var current = scopeId;
        var skipEventSubProcesses = false;
        while (true)
        {
            var scope = ScopeById(current);
            if (!skipEventSubProcesses && IsContainer(scope, out var container)
                && MatchingCatch(PlanOf(current).EventSubProcessStarts(container), trigger, code) is { } start)
                return new Catcher(current, start, null);
            var parentToken = scope?.ParentTokenId is { } pt ? TokenById(pt) : null;
            if (parentToken is null) return null;
            var activity = NodeOf(parentToken);
            if (!IsInstance(parentToken, activity)
                && MatchingCatch(DefinitionOf(parentToken.ScopeId).BoundaryEventsOf(activity.Id), trigger, code) is { } boundary)
                return new Catcher(parentToken.ScopeId, boundary, parentToken);
            skipEventSubProcesses = activity.TriggeredByEvent;
            current = parentToken.ScopeId;
        }
    }

    /// <summary>The catch event for a code: one with that code, else one without a code (it catches every code).</summary>
    private static FlowNode? MatchingCatch(IReadOnlyList<FlowNode> events, EventTrigger trigger, string? code)
    {
        FlowNode? catchAll = null;
        foreach (var e in events)
        {
            if (e.Trigger != trigger) continue;
            var caught = trigger == EventTrigger.Error ? e.ErrorCode : e.EscalationCode;
            if (caught is null) catchAll ??= e;
            else if (caught == code) return e;
        }
        return catchAll;
    }

    private void Catch(Catcher catcher, string detail)
    {
        if (catcher.ActivityToken is not { } activityToken)
        {
            StartEventSubProcess(catcher.ScopeId, catcher.Event);
            return;
        }
        // An error always interrupts (BPMN); an escalation boundary may let the activity go on.
        if (catcher.Event.CancelActivity || catcher.Event.Trigger == EventTrigger.Error)
        {
            // An activity with parameters is interrupted in its parameter scope, where it records the step.
            if (ParameterScopeOf(activityToken) is not null)
            {
                CancelToken(activityToken, detail);
            }
            else
            {
                Step(activityToken.ScopeId, NodeOf(activityToken), activityToken.ArrivedAt, StepOutcome.Interrupted, detail);
                CancelToken(activityToken, null);
            }
        }
        queue.Enqueue(NewToken(catcher.Event.Id, catcher.ScopeId, null));
    }

    // ---- event sub-processes -------------------------------------------------------------------------------

    /// <summary>
    /// Whether tokens of the scope run the content of a process or sub-process (and so may have event sub-processes),
    /// and which: null for a process (the case's root or a called process), else the sub-process id. A loop instance's
    /// scope holds only the instance of its activity.
    /// </summary>
    private static bool IsContainer(ScopeState? scope, out string? container)
    {
        container = scope is null || scope.Variables is not null ? null : scope.NodeId;
        return scope?.Locals is null;
    }

    /// <summary>A scope begins: the timer, message, signal and conditional starts of its event sub-processes start waiting.</summary>
    private void ArmEventSubProcesses(long scopeId, string? container)
    {
        var starts = PlanOf(scopeId).EventSubProcessStarts(container);
        foreach (var start in starts)
        {
            if (WaitKindOf(start.Trigger) is { } kind) AddWait(scopeId, null, start, kind, null, boundary: false);
        }
    }

    /// <summary>A timer, message or signal start of an event sub-process fires.</summary>
    private void FireEventSubProcessWait(WaitState wait, IReadOnlyDictionary<string, object?>? payload)
    {
        if (payload is not null)
        {
            foreach (var kv in payload) WriteVariable(wait.ScopeId, kv.Key, Variables.Normalize(kv.Value));
        }
        var start = DefinitionOf(wait.ScopeId).GetNode(wait.NodeId);
        // A non-interrupting start stays armed and may fire again; an interrupting one ends the scope's other work.
        if (!start.CancelActivity && wait.Kind == WaitKind.Timer) Rearm(wait, start);
        StartEventSubProcess(wait.ScopeId, start);
    }

    /// <summary>
    /// Starts the event sub-process of <paramref name="start"/> in a scope: a token waits at the event sub-process, whose
    /// content runs in a scope of its own. An interrupting start first cancels everything else of the scope.
    /// </summary>
    private void StartEventSubProcess(long scopeId, FlowNode start)
    {
        var definition = DefinitionOf(scopeId);
        var eventSubProcess = definition.GetNode(start.ParentId!);
        if (start.CancelActivity || start.Trigger == EventTrigger.Error)
        {
            foreach (var t in state.TokenList.Where(t => t.ScopeId == scopeId).ToList()) CancelToken(t, "interrupted by " + eventSubProcess.Id);
            state.Joins.RemoveAll(j => j.ScopeId == scopeId);
            RemoveEventSubProcessWaits(scopeId);
        }
        var holder = NewToken(eventSubProcess.Id, scopeId, null);
        holder.Status = TokenStatus.Waiting;
        var scope = OpenScope(holder, eventSubProcess.Id);
        ArmEventSubProcesses(scope.Id, eventSubProcess.Id);
        queue.Enqueue(NewToken(start.Id, scope.Id, null));
    }

    /// <summary>The event sub-processes of a scope stop waiting when the scope ends.</summary>
    private void RemoveEventSubProcessWaits(long scopeId)
    {
        // A loop rather than RemoveAll: this runs at the end of every case, and a capturing lambda allocates each time.
        for (var i = state.WaitList.Count - 1; i >= 0; i--)
        {
            if (state.WaitList[i] is { StartsEventSubProcess: true } w && w.ScopeId == scopeId) state.WaitList.RemoveAt(i);
        }
    }

    // ---- conditional events --------------------------------------------------------------------------------

    /// <summary>Incident code: the condition of a conditional catch event failed or gave no boolean.</summary>
    internal const string EventConditionCode = "event-condition-failed";

    /// <summary>
    /// Once a run has settled after variables changed (or a condition began waiting): evaluates every open condition in
    /// its scope and fires those that turned from false to true. Returns whether any fired (the run then goes on).
    /// </summary>
    private bool FireConditions()
    {
        conditionsPending = false;
        List<WaitState>? conditions = null;
        foreach (var w in state.WaitList)
        {
            if (w.Kind == WaitKind.Conditional) (conditions ??= []).Add(w);
        }
        if (conditions is null) return false;
        var fired = false;
        foreach (var wait in conditions)
        {
            // An earlier firing may have removed this wait (an interrupting event, a scope that ended).
            if (state.FindWait(wait.Id) is null) continue;
            var node = DefinitionOf(wait.ScopeId).GetNode(wait.NodeId);
            if (node.ConditionVariable is { } watched && !WatchedVariableChanged(wait, node, watched)) continue;
            var holds = ConditionHolds(wait, node);
            if (holds is null) continue;
            var turnedTrue = holds.Value && !wait.ConditionHeld;
            wait.ConditionHeld = holds.Value;
            if (!turnedTrue) continue;
            FireWait(wait, null);
            fired = true;
        }
        return fired;
    }

    /// <summary>
    /// For a condition that watches one variable (<c>camunda:variableName</c>): whether that variable changed since the
    /// condition last looked, with a kind of change it lists (<c>camunda:variableEvents</c>). The first look, when the
    /// wait begins, counts as a change: the condition may already hold, as in Camunda.
    /// </summary>
    private bool WatchedVariableChanged(WaitState wait, FlowNode node, string name)
    {
        var exists = ReadVariables(wait.ScopeId).TryGetValue(name, out var value);
        var before = wait.Watched;
        wait.Watched = exists ? new(StringComparer.Ordinal) { [name] = value } : new(StringComparer.Ordinal);
        if (before is null) return true;
        var existed = before.TryGetValue(name, out var old);
        var change = (existed, exists) switch
        {
            (false, true) => "create",
            (true, false) => "delete",
            (true, true) when !Variables.ValueEquals(old, value) => "update",
            _ => null,
        };
        return change is not null && (node.ConditionVariableEvents.Count == 0 || node.ConditionVariableEvents.Contains(change, StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether a conditional event's condition holds now; null when it cannot be evaluated. A waiting catch event then
    /// stops with an incident (a retry waits afresh); for a boundary or event sub-process start, which has no step of its
    /// own to fail, the condition counts as not holding.
    /// </summary>
    private bool? ConditionHolds(WaitState wait, FlowNode node)
    {
        string? failure;
        try
        {
            var value = node.EventCondition is { } condition ? EvaluateDeclared(wait.ScopeId, condition, ReadVariables(wait.ScopeId)) : null;
            if (value is bool b) return b;
            if (value is null) return false;
            failure = Texte.Format(Texte.VorfallBedingungKeinWahrheitswert, DescribeValue(value));
        }
        catch (ScriptException e)
        {
            failure = Texte.Format(Texte.VorfallBedingungFehler, e.Message);
        }
        if (wait.IsBoundary || wait.StartsEventSubProcess) return false;
        var token = TokenById(wait.TokenId);
        if (token is null) return null;
        foreach (var w in state.WaitList.Where(w => w.TokenId == token.Id).ToList()) RemoveWait(w);
        RaiseIncident(token, NodeOf(token), Texte.Format(Texte.VorfallEreignisbedingung, node.EventCondition?.Text, node.Id, node.Label, failure), EventConditionCode);
        return null;
    }
}

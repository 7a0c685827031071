using Automation.Engine.Validation;
using Automation.Engine.Texts;
using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Timers;

namespace Automation.Engine.Runtime;

// Waits: catch events, boundary events, user tasks and their firing.
internal sealed partial class Execution
{
    private WaitState? AddCatchWait(TokenState token, FlowNode node, long? group)
    {
        var kind = node.Kind == NodeKind.ReceiveTask ? WaitKind.Message : WaitKindOf(node.Trigger);
        if (kind is null)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallKannNichtWarten, node.Id, node.Label, node.Kind, node.Trigger), DiagnosticCodes.UnsupportedElement);
            return null;
        }
        return AddWait(token, node, kind.Value, group);
    }

    /// <summary>The wait a catching trigger makes; null for triggers thrown to rather than waited for (error, escalation, link).</summary>
    private static WaitKind? WaitKindOf(EventTrigger trigger) => trigger switch
    {
        EventTrigger.Timer => WaitKind.Timer,
        EventTrigger.Message => WaitKind.Message,
        EventTrigger.Signal => WaitKind.Signal,
        EventTrigger.Conditional => WaitKind.Conditional,
        _ => null,
    };

    private WaitState? AddWait(TokenState token, FlowNode node, WaitKind kind, long? group, bool boundary = false) =>
        AddWait(token.ScopeId, token, node, kind, group, boundary);

    /// <summary>
    /// Adds a wait of a scope; without a token it is the start of an event sub-process of the scope, which lives as long
    /// as the scope does.
    /// </summary>
    private WaitState? AddWait(long scopeId, TokenState? token, FlowNode node, WaitKind kind, long? group, bool boundary)
    {
        var wait = new WaitState
        {
            Id = state.NextId(),
            Kind = kind,
            NodeId = node.Id,
            ScopeId = scopeId,
            TokenId = token?.Id ?? 0,
            GroupTokenId = group,
            IsBoundary = boundary,
            StartsEventSubProcess = token is null,
            CreatedAt = now,
            MessageName = kind == WaitKind.Message ? node.MessageName : null,
            SignalName = kind == WaitKind.Signal ? node.SignalName : null,
            Assignee = node.Assignee,
        };
        if (kind == WaitKind.UserTask)
        {
            wait.Roles = [.. node.Roles];
        }
        if (kind == WaitKind.Message && node.CorrelationKey is { } keyExpression)
        {
            wait.CorrelationKey = CorrelationKeyOf(scopeId, keyExpression);
        }
        if (kind == WaitKind.Timer)
        {
            if (ScheduleTimer(node, scopeId, token) is not { } scheduled) return null;
            var (timer, value) = scheduled;
            wait.TimerValue = value;
            wait.DueAt = timer.NextDue(now, 0);
            // A date in the past still fires (at once); an exhausted cycle never waits.
            if (wait.DueAt is null) return null;
        }
        // A condition is first evaluated once the run has settled (it may already hold).
        if (kind == WaitKind.Conditional) conditionsPending = true;
        state.WaitList.Add(wait);
        return wait;
    }

    private string? CorrelationKeyOf(long scopeId, string expression)
    {
        var vars = ReadVariables(scopeId);
        if (vars.TryGetValue(expression, out var direct)) return direct is null ? null : Convert.ToString(direct, CultureInfo.InvariantCulture);
        try
        {
            var plan = PlanOf(scopeId);
            var value = engine.Sandbox.Execute(plan.Script(expression), new Dictionary<string, object?>(vars, StringComparer.Ordinal), plan.DeclaredNames);
            return value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        catch (ScriptException)
        {
            // An unusable key expression leaves the wait open to any key; validation reports the expression.
            return null;
        }
    }

    /// <summary>
    /// Arms the boundary events of an activity on its token; <paramref name="scopeId"/> is the scope whose variables
    /// their conditions and correlation keys see (the activity's parameter scope), by default the token's.
    /// </summary>
    private void ArmBoundaries(TokenState token, FlowNode activity, long? scopeId = null)
    {
        // The boundary events of a looping activity wait on its body, those of an activity with parameters on the token
        // holding it: they interrupt all instances at once.
        if (IsInstance(token, activity)) return;
        foreach (var boundary in DefinitionOf(token.ScopeId).BoundaryEventsOf(activity.Id))
        {
            if (WaitKindOf(boundary.Trigger) is { } k) AddWait(scopeId ?? token.ScopeId, token, boundary, k, null, boundary: true);
        }
    }

    private void FireWait(WaitState wait, IReadOnlyDictionary<string, object?>? payload)
    {
        now = options.Clock.GetUtcNow();
        if (wait.StartsEventSubProcess)
        {
            FireEventSubProcessWait(wait, payload);
            return;
        }
        var token = TokenById(wait.TokenId) ?? throw new InvalidOperationException($"Wait {wait.Id} has no token.");
        if (payload is not null)
        {
            foreach (var kv in payload) WriteVariable(token.ScopeId, kv.Key, Variables.Normalize(kv.Value));
        }
        var def = DefinitionOf(wait.ScopeId);
        var node = def.GetNode(wait.NodeId);
        if (wait.GroupTokenId is { } group)
        {
            foreach (var w in state.WaitList.Where(w => w.GroupTokenId == group).ToList()) RemoveWait(w);
            var gateway = NodeOf(token);
            Step(token.ScopeId, gateway, token.ArrivedAt, StepOutcome.Completed, "→ " + node.Id);
            token.NodeId = node.Id;
            Step(token.ScopeId, node, wait.CreatedAt, StepOutcome.Completed, null);
            token.Status = TokenStatus.Active;
            Leave(token, node);
            return;
        }
        if (wait.IsBoundary)
        {
            var activity = NodeOf(token);
            if (node.CancelActivity)
            {
                // A looping activity's instances each record their interruption; the body is no step of its own.
                var holder = IsHolder(token, activity);
                if (!holder) Step(token.ScopeId, activity, token.ArrivedAt, StepOutcome.Interrupted, "interrupted by " + node.Id);
                CancelToken(token, holder ? "interrupted by " + node.Id : null);
            }
            else if (wait.Kind == WaitKind.Timer)
            {
                Rearm(wait, node);
            }
            queue.Enqueue(NewToken(node.Id, token.ScopeId, null));
            return;
        }
        RemoveWait(wait);
        RemoveWaitsOfToken(token.Id);
        Step(token.ScopeId, node, wait.CreatedAt, StepOutcome.Completed, null);
        token.Status = TokenStatus.Active;
        Leave(token, node);
    }

    private void Rearm(WaitState wait, FlowNode node)
    {
        wait.Occurrences++;
        if (RepeatSchedule(wait, node) is { IsRepeating: true } timer && timer.NextDue(now, wait.Occurrences) is { } next)
        {
            wait.DueAt = next;
            // A re-armed timer is a new wait for the host's scheduler.
            state.WaitList.Remove(wait);
            wait.Id = state.NextId();
            state.WaitList.Add(wait);
        }
        else
        {
            RemoveWait(wait);
        }
    }

    private void RemoveWaitsOfToken(long tokenId)
    {
        for (var i = state.WaitList.Count - 1; i >= 0; i--)
        {
            if (state.WaitList[i].TokenId == tokenId) state.WaitList.RemoveAt(i);
        }
    }
}

using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Timers;

namespace Automation.Engine.Runtime;

/// <summary>
/// One run-until-wait of one case: moves tokens until every token waits or ends. Created per call, never shared.
/// </summary>
internal sealed class Execution
{
    private readonly WorkflowEngine engine;
    private readonly EngineOptions options;
    private readonly ProcessDefinition root;
    private readonly ExecutionPlan rootPlan;
    private readonly CaseState state;
    private readonly RunResult result;
    private readonly Queue<TokenState> queue = new();
    private readonly long[] waitIdsBefore;
    private Dictionary<string, ProcessDefinition>? called;
    private bool inclusiveJoinsPending;
    private int steps;
    private DateTimeOffset now;

    public Execution(WorkflowEngine engine, ProcessDefinition root, CaseState state)
    {
        this.engine = engine;
        options = engine.Options;
        this.root = root;
        rootPlan = ExecutionPlan.For(root);
        this.state = state;
        result = new RunResult(state);
        // A case has few open waits: an array and linear scans allocate less than sets, on every run of every case.
        waitIdsBefore = new long[state.Waits.Count];
        for (var i = 0; i < waitIdsBefore.Length; i++) waitIdsBefore[i] = state.Waits[i].Id;
        now = options.Clock.GetUtcNow();
    }

    public RunResult Result => result;

    // ---- entry points ---------------------------------------------------------------------------------------

    public void Start(FlowNode startEvent)
    {
        var token = NewToken(startEvent.Id, 0, null);
        queue.Enqueue(token);
        Drain();
    }

    public void CompleteTask(WaitState wait, Dictionary<string, object?> values)
    {
        var token = TokenById(wait.TokenId) ?? throw new InvalidOperationException($"Task {wait.Id} has no token.");
        var vars = VariablesOf(token.ScopeId);
        foreach (var kv in values) vars[kv.Key] = kv.Value;
        RemoveWait(wait);
        RemoveWaitsOfToken(token.Id);
        var node = NodeOf(token);
        Step(token.ScopeId, node, wait.CreatedAt, StepOutcome.Completed, null);
        Leave(token, node);
        Drain();
    }

    public void Fire(WaitState wait, IReadOnlyDictionary<string, object?>? payload)
    {
        FireWait(wait, payload);
        Drain();
    }

    public void FireAll(IEnumerable<long> waitIds, IReadOnlyDictionary<string, object?>? payload)
    {
        foreach (var id in waitIds)
        {
            // An earlier firing may have removed this wait (interrupting boundary, event-based gateway).
            if (state.FindWait(id) is { } wait) FireWait(wait, payload);
        }
        Drain();
    }

    public void Retry(IncidentState incident)
    {
        state.Incidents.Remove(incident);
        var token = TokenById(incident.TokenId) ?? throw new InvalidOperationException($"Incident {incident.Id} has no token.");
        token.Status = TokenStatus.Active;
        queue.Enqueue(token);
        Drain();
    }

    public void Cancel(string reason)
    {
        foreach (var token in state.Tokens.Where(t => t.ScopeId == 0).ToList()) CancelToken(token, reason);
        state.Joins.Clear();
        state.Incidents.Clear();
        state.Status = CaseStatus.Cancelled;
        state.EndedAt = now;
        Finish();
    }

    // ---- the loop -------------------------------------------------------------------------------------------

    private void Drain()
    {
        while (true)
        {
            while (queue.Count > 0)
            {
                var token = queue.Dequeue();
                if (token.Status != TokenStatus.Active || !state.Tokens.Contains(token)) continue;
                if (++steps > options.MaxStepsPerRun)
                {
                    RaiseIncident(token, NodeOf(token),
                        $"More than {options.MaxStepsPerRun} steps without reaching a wait state: the process loops without a human task, timer or message.");
                    continue;
                }
                Execute(token);
            }
            if (!inclusiveJoinsPending || !FireReadyInclusiveJoins()) break;
        }
        Finish();
    }

    private void Finish()
    {
        if (!state.IsEnded)
        {
            state.Status = state.Incidents.Count > 0 ? CaseStatus.Incident
                : state.Tokens.Count > 0 ? CaseStatus.Waiting
                : CaseStatus.Completed;
            if (state.Status == CaseStatus.Completed) state.EndedAt ??= now;
        }
        foreach (var w in state.Waits)
        {
            if (Array.IndexOf(waitIdsBefore, w.Id) < 0) result.NewWaits.Add(w);
        }
        foreach (var id in waitIdsBefore)
        {
            if (state.FindWait(id) is null) result.RemovedWaitIds.Add(id);
        }
    }

    private void Execute(TokenState token)
    {
        var node = NodeOf(token);
        now = options.Clock.GetUtcNow();
        switch (node.Kind)
        {
            case NodeKind.StartEvent:
            case NodeKind.Task:
            case NodeKind.ManualTask:
            case NodeKind.BoundaryEvent:
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
                Leave(token, node);
                break;
            case NodeKind.SendTask:
            case NodeKind.IntermediateThrowEvent:
                Throw(node);
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
                Leave(token, node);
                break;
            case NodeKind.EndEvent:
                EndEvent(token, node);
                break;
            case NodeKind.UserTask:
                token.Status = TokenStatus.Waiting;
                AddWait(token, node, WaitKind.UserTask, null);
                ArmBoundaries(token, node);
                break;
            case NodeKind.ReceiveTask:
                token.Status = TokenStatus.Waiting;
                AddWait(token, node, WaitKind.Message, null);
                ArmBoundaries(token, node);
                break;
            case NodeKind.IntermediateCatchEvent:
                token.Status = TokenStatus.Waiting;
                AddCatchWait(token, node, null);
                break;
            case NodeKind.ScriptTask:
                RunScript(token, node);
                break;
            case NodeKind.ServiceTask:
            case NodeKind.BusinessRuleTask:
                if (node.Script is not null) RunScript(token, node);
                else RunService(token, node);
                break;
            case NodeKind.ExclusiveGateway:
                Exclusive(token, node);
                break;
            case NodeKind.ParallelGateway:
                Parallel(token, node);
                break;
            case NodeKind.InclusiveGateway:
                InclusiveArrive(token, node);
                break;
            case NodeKind.EventBasedGateway:
                EventBased(token, node);
                break;
            case NodeKind.SubProcess:
                EnterSubProcess(token, node);
                break;
            case NodeKind.CallActivity:
                EnterCallActivity(token, node);
                break;
            default:
                RaiseIncident(token, node, $"Node kind {node.Kind} cannot execute.");
                break;
        }
    }

    // ---- node behaviour ---------------------------------------------------------------------------------------

    private void EndEvent(TokenState token, FlowNode node)
    {
        switch (node.Trigger)
        {
            case EventTrigger.Terminate:
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "terminate");
                TerminateScope(token.ScopeId, token);
                return;
            case EventTrigger.Error:
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "error " + (node.ErrorCode ?? "(no code)"));
                RemoveToken(token);
                if (!ThrowError(token.ScopeId, node.ErrorCode))
                {
                    // Unhandled error end: the scope ends like a none end event (BPMN 2.0 §10.5.3).
                    CompleteScopeIfDone(token.ScopeId);
                }
                return;
            default:
                Throw(node);
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
                RemoveToken(token);
                CompleteScopeIfDone(token.ScopeId);
                return;
        }
    }

    private void Throw(FlowNode node)
    {
        if (node.Trigger == EventTrigger.Signal && node.SignalName is not null) result.Signals.Add(node.SignalName);
        else if (node.MessageName is not null && (node.Trigger == EventTrigger.Message || node.Kind == NodeKind.SendTask))
            result.Messages.Add(new OutboundMessage(node.MessageName, node.Id, state.BusinessKey));
    }

    private void RunScript(TokenState token, FlowNode node)
    {
        var plan = PlanOf(token.ScopeId);
        var vars = VariablesOf(token.ScopeId);
        try
        {
            var compiled = plan.Script(node.Script ?? "");
            // Run against a copy so a failing script leaves the variables as they were.
            var scratch = new Dictionary<string, object?>(vars, StringComparer.Ordinal);
            var value = engine.Sandbox.Execute(compiled, scratch, plan.DeclaredNames, result.Output.Add);
            if (node.ResultVariable is not null) scratch[node.ResultVariable] = value;
            foreach (var kv in scratch) vars[kv.Key] = kv.Value;
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, "Skript fehlgeschlagen: " + e.Message, e.Code);
            return;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
        Leave(token, node);
    }

    private void RunService(TokenState token, FlowNode node)
    {
        if (node.Service is not { } binding)
        {
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
            Leave(token, node);
            return;
        }
        if (!options.Actions.TryGet(binding.ActionName, out var action))
        {
            if (options.UnknownActions == UnknownActionPolicy.Skip)
            {
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, $"action '{binding.ActionName}' skipped (not registered)");
                Leave(token, node);
            }
            else
            {
                RaiseIncident(token, node, $"No action named '{binding.ActionName}' is registered.");
            }
            return;
        }
        var scope = ScopeProcess(token.ScopeId);
        ServiceResult outcome;
        try
        {
            outcome = action.Execute(new ServiceContext(state.CaseId, scope.Id, node, binding, VariablesOf(token.ScopeId), token.Id, state.StepCount + 1));
        }
#pragma warning disable CA1031 // An action's bug must become an incident on its step, never crash the case.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = ServiceResult.Failure($"Action '{binding.ActionName}' threw {e.GetType().Name}: {e.Message}");
        }
        switch (outcome.Kind)
        {
            case ServiceResultKind.Completed:
                if (outcome.Outputs is { } outputs)
                {
                    var vars = VariablesOf(token.ScopeId);
                    foreach (var kv in outputs) vars[kv.Key] = Variables.Normalize(kv.Value);
                }
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
                Leave(token, node);
                break;
            case ServiceResultKind.BpmnError:
                if (CatchAtActivity(token, node, outcome.ErrorCode)) break;
                if (ThrowError(token.ScopeId, outcome.ErrorCode)) break;
                RaiseIncident(token, node, $"Action '{binding.ActionName}' raised error '{outcome.ErrorCode}' and no error boundary catches it. {outcome.Message}".TrimEnd());
                break;
            default:
                RaiseIncident(token, node, outcome.Message ?? $"Action '{binding.ActionName}' failed.");
                break;
        }
    }

    private void Exclusive(TokenState token, FlowNode node)
    {
        var flows = PlanOf(token.ScopeId).Outgoing(node);
        if (flows.Length == 1 && flows[0].Condition is null)
        {
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
            Move(token, flows[0]);
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
            RaiseIncident(token, node, "No outgoing condition is true and the gateway has no default flow.");
            return;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "→ " + chosen.Id);
        Move(token, chosen);
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
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
        Split(token, PlanOf(token.ScopeId).Outgoing(node));
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
        // Whether other tokens can still arrive is decided once the queue is empty (see FireReadyInclusiveJoins).
        inclusiveJoinsPending = true;
    }

    private bool FireReadyInclusiveJoins()
    {
        inclusiveJoinsPending = false;
        foreach (var join in state.Joins.ToList())
        {
            var node = DefinitionOf(join.ScopeId).FindNode(join.GatewayId);
            if (node is not { Kind: NodeKind.InclusiveGateway } || join.Arrived.Values.All(v => v == 0)) continue;
            var upstream = PlanOf(join.ScopeId).Upstream(node);
            var blocked = false;
            foreach (var t in state.Tokens)
            {
                if (t.ScopeId == join.ScopeId && upstream.Contains(t.NodeId))
                {
                    blocked = true;
                    break;
                }
            }
            if (blocked) continue;
            ConsumeArrivals(join, node);
            var token = NewToken(node.Id, join.ScopeId, null);
            InclusiveSplit(token, node);
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
            RaiseIncident(token, node, "No outgoing condition is true and the gateway has no default flow.");
            return;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "→ " + string.Join(", ", taken.Select(f => f.Id)));
        Split(token, [.. taken]);
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

    private void EnterSubProcess(TokenState token, FlowNode node)
    {
        var def = DefinitionOf(token.ScopeId);
        var starts = def.StartEventsIn(node.Id).Where(s => s.Trigger == EventTrigger.None).ToList();
        if (starts.Count == 0)
        {
            // A collapsed sub-process without content behaves like a task.
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "empty sub-process");
            Leave(token, node);
            return;
        }
        token.Status = TokenStatus.Waiting;
        var scope = new ScopeState
        {
            Id = state.NextId(),
            ProcessId = def.Id,
            NodeId = node.Id,
            ParentScopeId = token.ScopeId,
            ParentTokenId = token.Id,
            CallDepth = ScopeById(token.ScopeId)?.CallDepth ?? 0,
        };
        state.Scopes.Add(scope);
        ArmBoundaries(token, node);
        foreach (var start in starts) queue.Enqueue(NewToken(start.Id, scope.Id, null));
    }

    private void EnterCallActivity(TokenState token, FlowNode node)
    {
        var depth = (ScopeById(token.ScopeId)?.CallDepth ?? 0) + 1;
        if (depth > options.MaxCallDepth)
        {
            RaiseIncident(token, node, $"Call depth {depth} exceeds the limit of {options.MaxCallDepth}: the call activities call each other in a cycle.");
            return;
        }
        var calledId = node.CalledProcessId ?? "";
        var target = ResolveProcess(calledId);
        if (target is null)
        {
            RaiseIncident(token, node, $"The called process '{calledId}' is not known.");
            return;
        }
        var start = target.StartEventsIn(null).FirstOrDefault(s => s.Trigger == EventTrigger.None)
            ?? target.StartEventsIn(null).FirstOrDefault();
        if (start is null)
        {
            RaiseIncident(token, node, $"The called process '{calledId}' has no start event.");
            return;
        }
        var parentVars = VariablesOf(token.ScopeId);
        Dictionary<string, object?> childVars;
        try
        {
            childVars = Map(parentVars, node.InputMappings, PlanOf(token.ScopeId));
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, "Eingabe-Zuordnung fehlgeschlagen: " + e.Message, e.Code);
            return;
        }
        foreach (var declared in target.Variables) childVars.TryAdd(declared.Name, declared.InitialValue);
        token.Status = TokenStatus.Waiting;
        var scope = new ScopeState
        {
            Id = state.NextId(),
            ProcessId = target.Id,
            NodeId = node.Id,
            ParentScopeId = token.ScopeId,
            ParentTokenId = token.Id,
            CallDepth = depth,
            Variables = childVars,
        };
        state.Scopes.Add(scope);
        ArmBoundaries(token, node);
        queue.Enqueue(NewToken(start.Id, scope.Id, null));
    }

    private Dictionary<string, object?> Map(Dictionary<string, object?> source, IReadOnlyList<VariableMapping> mappings, ExecutionPlan plan)
    {
        if (mappings.Count == 0) return new Dictionary<string, object?>(source, StringComparer.Ordinal);
        var target = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var m in mappings)
        {
            target[m.Target] = source.TryGetValue(m.Source, out var direct)
                ? direct
                : engine.Sandbox.Execute(plan.Script(m.Source), new Dictionary<string, object?>(source, StringComparer.Ordinal));
        }
        return target;
    }

    // ---- leaving nodes ------------------------------------------------------------------------------------

    private void Leave(TokenState token, FlowNode node)
    {
        var flows = PlanOf(token.ScopeId).Outgoing(node);
        if (flows.Length == 0)
        {
            RemoveToken(token);
            CompleteScopeIfDone(token.ScopeId);
            return;
        }
        if (flows.Length == 1 && flows[0].Condition is null)
        {
            Move(token, flows[0]);
            return;
        }
        // Activities and events with several outgoing flows: unconditional ones are all taken (implicit split),
        // conditional ones when true, the default flow when nothing else is.
        var taken = new List<SequenceFlow>(flows.Length);
        foreach (var flow in flows)
        {
            if (flow.Id == node.DefaultFlowId) continue;
            if (flow.Condition is null)
            {
                taken.Add(flow);
                continue;
            }
            if (!TryCondition(token, node, flow, out var ok)) return;
            if (ok) taken.Add(flow);
        }
        if (taken.Count == 0 && node.DefaultFlowId is not null && Array.Find(flows, f => f.Id == node.DefaultFlowId) is { } def) taken.Add(def);
        if (taken.Count == 0)
        {
            RaiseIncident(token, node, "No outgoing condition is true and there is no default flow.");
            return;
        }
        Split(token, [.. taken]);
    }

    private void Split(TokenState token, SequenceFlow[] flows)
    {
        if (flows.Length == 0)
        {
            RemoveToken(token);
            CompleteScopeIfDone(token.ScopeId);
            return;
        }
        for (var i = 1; i < flows.Length; i++)
        {
            var copy = NewToken(flows[i].TargetId, token.ScopeId, flows[i].Id);
            queue.Enqueue(copy);
        }
        Move(token, flows[0]);
    }

    private void Move(TokenState token, SequenceFlow flow)
    {
        token.NodeId = flow.TargetId;
        token.ViaFlowId = flow.Id;
        token.ArrivedAt = now;
        token.Status = TokenStatus.Active;
        queue.Enqueue(token);
    }

    private bool TryCondition(TokenState token, FlowNode node, SequenceFlow flow, out bool value)
    {
        value = true;
        if (flow.Condition is null) return true;
        if (options.Router?.Takes(node, flow) is { } routed)
        {
            value = routed;
            return true;
        }
        try
        {
            var plan = PlanOf(token.ScopeId);
            value = engine.Sandbox.EvaluateCondition(plan.Script(flow.Condition), VariablesOf(token.ScopeId), plan.DeclaredNames);
            return true;
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, $"Bedingung des Sequenzflusses {flow.Id} fehlgeschlagen: {e.Message}", e.Code);
            return false;
        }
    }

    // ---- waits, boundaries, events -------------------------------------------------------------------------

    private WaitState? AddCatchWait(TokenState token, FlowNode node, long? group)
    {
        var kind = node.Kind == NodeKind.ReceiveTask ? WaitKind.Message : node.Trigger switch
        {
            EventTrigger.Timer => WaitKind.Timer,
            EventTrigger.Message => WaitKind.Message,
            EventTrigger.Signal => WaitKind.Signal,
            _ => (WaitKind?)null,
        };
        if (kind is null)
        {
            RaiseIncident(token, node, $"{node.Kind} with trigger {node.Trigger} cannot wait.");
            return null;
        }
        return AddWait(token, node, kind.Value, group);
    }

    private WaitState? AddWait(TokenState token, FlowNode node, WaitKind kind, long? group, bool boundary = false)
    {
        var wait = new WaitState
        {
            Id = state.NextId(),
            Kind = kind,
            NodeId = node.Id,
            ScopeId = token.ScopeId,
            TokenId = token.Id,
            GroupTokenId = group,
            IsBoundary = boundary,
            CreatedAt = now,
            MessageName = kind == WaitKind.Message ? node.MessageName : null,
            SignalName = kind == WaitKind.Signal ? node.SignalName : null,
            Assignee = node.Assignee,
        };
        if (kind == WaitKind.UserTask)
        {
            wait.Roles.AddRange(node.Roles);
            // Validation guarantees a parsable deadline; a definition that skipped validation gets a task without one.
            if (node.Deadline is not null && TimerSchedule.TryParse(node.Deadline, out var deadline, out _)) wait.DueAt = deadline.NextDue(now, 0);
        }
        if (kind == WaitKind.Message && node.CorrelationKey is { } keyExpression)
        {
            wait.CorrelationKey = CorrelationKeyOf(token, keyExpression);
        }
        if (kind == WaitKind.Timer)
        {
            string? error = "no timer definition";
            if (node.Timer is null || !TimerSchedule.TryParse(node.Timer, out var timer, out error) || timer is null)
            {
                RaiseIncident(token, NodeOf(token), $"Timer of {node.Id} cannot be scheduled: {error}.");
                return null;
            }
            wait.DueAt = timer.NextDue(now, 0);
            // A date in the past still fires (at once); an exhausted cycle never waits.
            if (wait.DueAt is null) return null;
        }
        state.Waits.Add(wait);
        return wait;
    }

    private string? CorrelationKeyOf(TokenState token, string expression)
    {
        var vars = VariablesOf(token.ScopeId);
        if (vars.TryGetValue(expression, out var direct)) return direct is null ? null : Convert.ToString(direct, CultureInfo.InvariantCulture);
        try
        {
            var plan = PlanOf(token.ScopeId);
            var value = engine.Sandbox.Execute(plan.Script(expression), new Dictionary<string, object?>(vars, StringComparer.Ordinal), plan.DeclaredNames);
            return value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        catch (ScriptException)
        {
            // An unusable key expression leaves the wait open to any key; validation reports the expression.
            return null;
        }
    }

    private void ArmBoundaries(TokenState token, FlowNode activity)
    {
        foreach (var boundary in DefinitionOf(token.ScopeId).BoundaryEventsOf(activity.Id))
        {
            var kind = boundary.Trigger switch
            {
                EventTrigger.Timer => WaitKind.Timer,
                EventTrigger.Message => WaitKind.Message,
                EventTrigger.Signal => WaitKind.Signal,
                _ => (WaitKind?)null,
            };
            if (kind is { } k) AddWait(token, boundary, k, null, boundary: true);
        }
    }

    private void FireWait(WaitState wait, IReadOnlyDictionary<string, object?>? payload)
    {
        now = options.Clock.GetUtcNow();
        var token = TokenById(wait.TokenId) ?? throw new InvalidOperationException($"Wait {wait.Id} has no token.");
        if (payload is not null)
        {
            var vars = VariablesOf(token.ScopeId);
            foreach (var kv in payload) vars[kv.Key] = Variables.Normalize(kv.Value);
        }
        var def = DefinitionOf(wait.ScopeId);
        var node = def.GetNode(wait.NodeId);
        if (wait.GroupTokenId is { } group)
        {
            foreach (var w in state.Waits.Where(w => w.GroupTokenId == group).ToList()) RemoveWait(w);
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
                Step(token.ScopeId, activity, token.ArrivedAt, StepOutcome.Interrupted, "interrupted by " + node.Id);
                CancelToken(token, null);
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
        if (node.Timer is not null && TimerSchedule.TryParse(node.Timer, out var timer, out _) && timer is { IsRepeating: true }
            && timer.NextDue(now, wait.Occurrences) is { } next)
        {
            wait.DueAt = next;
            // A re-armed timer is a new wait for the host's scheduler.
            state.Waits.Remove(wait);
            wait.Id = state.NextId();
            state.Waits.Add(wait);
        }
        else
        {
            RemoveWait(wait);
        }
    }

    private bool CatchAtActivity(TokenState token, FlowNode activity, string? code)
    {
        var boundary = FindErrorBoundary(DefinitionOf(token.ScopeId), activity.Id, code);
        if (boundary is null) return false;
        Step(token.ScopeId, activity, token.ArrivedAt, StepOutcome.Interrupted, "error " + code);
        var scopeId = token.ScopeId;
        CancelToken(token, null);
        queue.Enqueue(NewToken(boundary.Id, scopeId, null));
        return true;
    }

    /// <summary>Propagates a BPMN error from a scope outwards to the first error boundary that catches it.</summary>
    private bool ThrowError(long scopeId, string? code)
    {
        var scope = ScopeById(scopeId);
        while (scope is not null)
        {
            var parentToken = scope.ParentTokenId is { } pt ? TokenById(pt) : null;
            if (parentToken is null) return false;
            var activity = NodeOf(parentToken);
            var boundary = FindErrorBoundary(DefinitionOf(parentToken.ScopeId), activity.Id, code);
            if (boundary is not null)
            {
                Step(parentToken.ScopeId, activity, parentToken.ArrivedAt, StepOutcome.Interrupted, "error " + code);
                var parentScope = parentToken.ScopeId;
                CancelToken(parentToken, null);
                queue.Enqueue(NewToken(boundary.Id, parentScope, null));
                return true;
            }
            scope = ScopeById(parentToken.ScopeId);
        }
        return false;
    }

    private static FlowNode? FindErrorBoundary(ProcessDefinition def, string activityId, string? code)
    {
        FlowNode? catchAll = null;
        foreach (var b in def.BoundaryEventsOf(activityId))
        {
            if (b.Trigger != EventTrigger.Error) continue;
            if (b.ErrorCode is null) catchAll ??= b;
            else if (b.ErrorCode == code) return b;
        }
        return catchAll;
    }

    // ---- scopes --------------------------------------------------------------------------------------------

    private void CompleteScopeIfDone(long scopeId)
    {
        foreach (var t in state.Tokens)
        {
            if (t.ScopeId == scopeId) return;
        }
        if (scopeId == 0)
        {
            state.Joins.Clear();
            return;
        }
        var scope = ScopeById(scopeId);
        if (scope is null) return;
        var parentToken = scope.ParentTokenId is { } pt ? TokenById(pt) : null;
        state.Scopes.Remove(scope);
        state.Joins.RemoveAll(j => j.ScopeId == scopeId);
        if (parentToken is null) return;
        var activity = NodeOf(parentToken);
        if (scope.Variables is { } childVars && activity.Kind == NodeKind.CallActivity)
        {
            var parentVars = VariablesOf(parentToken.ScopeId);
            try
            {
                foreach (var kv in Map(childVars, activity.OutputMappings, PlanOf(scope.Id, scope))) parentVars[kv.Key] = kv.Value;
            }
            catch (ScriptException e)
            {
                RaiseIncident(parentToken, activity, "Ausgabe-Zuordnung fehlgeschlagen: " + e.Message, e.Code);
                return;
            }
        }
        RemoveWaitsOfToken(parentToken.Id);
        Step(parentToken.ScopeId, activity, parentToken.ArrivedAt, StepOutcome.Completed, null);
        parentToken.Status = TokenStatus.Active;
        Leave(parentToken, activity);
    }

    private void TerminateScope(long scopeId, TokenState terminator)
    {
        foreach (var t in state.Tokens.Where(t => t.ScopeId == scopeId && t != terminator).ToList()) CancelToken(t, "terminated");
        RemoveToken(terminator);
        state.Joins.RemoveAll(j => j.ScopeId == scopeId);
        if (scopeId == 0)
        {
            state.Incidents.Clear();
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
        if (reason is not null && token.Status == TokenStatus.Waiting && node.IsActivity)
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Interrupted, reason);
        foreach (var child in state.Scopes.Where(s => s.ParentTokenId == token.Id).ToList())
        {
            foreach (var t in state.Tokens.Where(t => t.ScopeId == child.Id).ToList()) CancelToken(t, reason ?? "interrupted");
            state.Joins.RemoveAll(j => j.ScopeId == child.Id);
            state.Scopes.Remove(child);
        }
        RemoveWaitsOfToken(token.Id);
        state.Incidents.RemoveAll(i => i.TokenId == token.Id);
        RemoveToken(token);
    }

    private void CancelUpstream(TokenState arriving, FlowNode join)
    {
        var upstream = PlanOf(arriving.ScopeId).Upstream(join);
        foreach (var t in state.Tokens.Where(t => t != arriving && t.ScopeId == arriving.ScopeId && (upstream.Contains(t.NodeId) || t.NodeId == join.Id)).ToList())
            CancelToken(t, "cancelled by " + join.Id);
        state.Joins.RemoveAll(j => j.ScopeId == arriving.ScopeId && j.GatewayId == join.Id);
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------------

    private void RaiseIncident(TokenState token, FlowNode node, string message, string? code = null)
    {
        token.Status = TokenStatus.Failed;
        var incident = new IncidentState { Id = state.NextId(), NodeId = node.Id, TokenId = token.Id, Message = message, Code = code, CreatedAt = now };
        state.Incidents.Add(incident);
        result.NewIncidents.Add(incident);
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Failed, message);
    }

    private void Step(long scopeId, FlowNode node, DateTimeOffset start, StepOutcome outcome, string? detail)
    {
        var processId = scopeId == 0 ? root.Id : ScopeProcess(scopeId).Id;
        var e = new StepEvent(state.CaseId, processId, ++state.StepCount,
            node.Id, node.Name, node.Kind, node.ActorKind, start, now, outcome, detail);
        result.Steps.Add(e);
        if (options.KeepHistory) state.History.Add(e);
    }

    private TokenState NewToken(string nodeId, long scopeId, string? via)
    {
        var token = new TokenState { Id = state.NextId(), NodeId = nodeId, ScopeId = scopeId, ViaFlowId = via, ArrivedAt = now, Status = TokenStatus.Active };
        state.Tokens.Add(token);
        return token;
    }

    private void RemoveToken(TokenState token) => state.Tokens.Remove(token);

    private void RemoveWait(WaitState wait) => state.Waits.Remove(wait);

    private void RemoveWaitsOfToken(long tokenId)
    {
        for (var i = state.Waits.Count - 1; i >= 0; i--)
        {
            if (state.Waits[i].TokenId == tokenId) state.Waits.RemoveAt(i);
        }
    }

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

    private TokenState? TokenById(long id)
    {
        foreach (var t in state.Tokens)
        {
            if (t.Id == id) return t;
        }
        return null;
    }

    private ScopeState? ScopeById(long id)
    {
        if (id == 0) return null;
        foreach (var s in state.Scopes)
        {
            if (s.Id == id) return s;
        }
        return null;
    }

    private Dictionary<string, object?> VariablesOf(long scopeId)
    {
        var scope = ScopeById(scopeId);
        while (scope is not null)
        {
            if (scope.Variables is { } vars) return vars;
            scope = scope.ParentScopeId is { } p ? ScopeById(p) : null;
        }
        return state.Variables;
    }

    private ProcessDefinition ScopeProcess(long scopeId)
    {
        var scope = ScopeById(scopeId);
        return scope is null || scope.ProcessId == root.Id ? root
            : ResolveProcess(scope.ProcessId) ?? throw new InvalidOperationException($"Process '{scope.ProcessId}' is no longer known.");
    }

    private ProcessDefinition DefinitionOf(long scopeId) => scopeId == 0 ? root : ScopeProcess(scopeId);

    private ExecutionPlan PlanOf(long scopeId) => scopeId == 0 ? rootPlan : ExecutionPlan.For(DefinitionOf(scopeId));

    private ExecutionPlan PlanOf(long scopeId, ScopeState scope) =>
        ExecutionPlan.For(scope.ProcessId == root.Id ? root : ResolveProcess(scope.ProcessId) ?? DefinitionOf(scopeId));

    private FlowNode NodeOf(TokenState token) => DefinitionOf(token.ScopeId).GetNode(token.NodeId);

    private ProcessDefinition? ResolveProcess(string id)
    {
        if (id == root.Id) return root;
        if (called is not null && called.TryGetValue(id, out var known)) return known;
        var found = options.ResolveProcess?.Invoke(id);
        if (found is not null) (called ??= new(StringComparer.Ordinal))[id] = found;
        return found;
    }
}

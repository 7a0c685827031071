using Automation.Engine.Validation;
using Automation.Engine.Texts;
using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Feel;
using Automation.Engine.Expressions.Juel;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>
/// One run-until-wait of one case: moves tokens until every token waits or ends. Created per call, never shared.
/// </summary>
internal sealed partial class Execution
{
    private readonly WorkflowEngine engine;
    private readonly EngineOptions options;
    private readonly ProcessDefinition root;
    private readonly ExecutionPlan rootPlan;
    private readonly CaseState state;
    private readonly RunResult result;
    private readonly Queue<TokenState> queue = new();
    // Paths leaving a join that has just fired run before the queue, as if the joined node had been scheduled when the
    // last branch arrived (Elsa's order; the join is no step of its own there).
    private readonly Queue<TokenState> afterJoin = new();
    private bool leavingJoin;
    private readonly long[] waitIdsBefore;
    private Dictionary<string, ProcessDefinition>? called;
    private bool inclusiveJoinsPending;
    private bool conditionsPending;
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
        waitIdsBefore = new long[state.WaitList.Count];
        for (var i = 0; i < waitIdsBefore.Length; i++) waitIdsBefore[i] = state.WaitList[i].Id;
        now = options.Clock.GetUtcNow();
    }

    public RunResult Result => result;

    // ---- entry points ---------------------------------------------------------------------------------------

    public void Start(FlowNode startEvent)
    {
        var token = NewToken(startEvent.Id, 0, null);
        queue.Enqueue(token);
        ArmEventSubProcesses(0, null);
        Drain();
    }

    public void CompleteTask(WaitState wait, Dictionary<string, object?> values)
    {
        var token = TokenById(wait.TokenId) ?? throw new InvalidOperationException($"Task {wait.Id} has no token.");
        WriteVariables(token.ScopeId, values);
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
        EndLostCalls();
        foreach (var id in waitIds)
        {
            // An earlier firing may have removed this wait (interrupting boundary, event-based gateway).
            if (state.FindWait(id) is { } wait) FireWait(wait, payload);
        }
        Drain();
    }

    public void Retry(IncidentState incident)
    {
        EndLostCalls();
        if (!state.IncidentList.Remove(incident))
        {
            // It went with a called process whose version is gone.
            Finish();
            return;
        }
        var token = TokenById(incident.TokenId) ?? throw new InvalidOperationException($"Incident {incident.Id} has no token.");
        if (RetryLostCall(incident, token))
        {
            Drain();
            return;
        }
        if (IsUnarmedStart(token, out var start))
        {
            ArmAgain(token, start);
            Drain();
            return;
        }
        token.Status = TokenStatus.Active;
        queue.Enqueue(token);
        Drain();
    }

    public void Cancel(string reason)
    {
        EndLostCalls();
        foreach (var token in state.TokenList.Where(t => t.ScopeId == 0).ToList()) CancelToken(token, reason);
        RemoveEventSubProcessWaits(0);
        state.Joins.Clear();
        state.IncidentList.Clear();
        state.Status = CaseStatus.Cancelled;
        state.EndedAt = now;
        Finish();
    }

    // ---- the loop -------------------------------------------------------------------------------------------

    private void Drain()
    {
        while (true)
        {
            while (afterJoin.Count > 0 || queue.Count > 0)
            {
                var token = afterJoin.Count > 0 ? afterJoin.Dequeue() : queue.Dequeue();
                if (token.Status != TokenStatus.Active || !state.TokenList.Contains(token)) continue;
                if (++steps > options.MaxStepsPerRun)
                {
                    RaiseIncident(token, NodeOf(token),
                        $"More than {options.MaxStepsPerRun} steps without reaching a wait state: the process loops without a human task, timer or message.");
                    continue;
                }
                Execute(token);
            }
            if (inclusiveJoinsPending && FireReadyInclusiveJoins()) continue;
            if (conditionsPending && FireConditions()) continue;
            break;
        }
        Finish();
    }

    private void Finish()
    {
        if (!state.IsEnded)
        {
            state.Status = state.IncidentList.Count > 0 ? CaseStatus.Incident
                : state.TokenList.Count > 0 ? CaseStatus.Waiting
                : CaseStatus.Completed;
            if (state.Status == CaseStatus.Completed) state.EndedAt ??= now;
        }
        foreach (var w in state.WaitList)
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
        if (StopsBefore(token, node)) return;
        if (node.Loop is { } loop && !IsInstance(token, node))
        {
            EnterLoop(token, node, loop);
            return;
        }
        if (UsesParameterScope(node) && !IsParameterInstance(token, node))
        {
            EnterParameters(token, node);
            return;
        }
        switch (node.Kind)
        {
            case NodeKind.StartEvent:
            case NodeKind.Task:
            case NodeKind.ManualTask:
            case NodeKind.BoundaryEvent:
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
                Leave(token, node);
                break;
            case NodeKind.IntermediateThrowEvent when node.Fault is { } fault:
                RaiseFault(token, node, fault);
                break;
            case NodeKind.IntermediateThrowEvent when node.Trigger == EventTrigger.Link:
                ThrowLink(token, node);
                break;
            case NodeKind.IntermediateThrowEvent when node.Trigger == EventTrigger.Compensation:
                ThrowCompensation(token, node);
                break;
            case NodeKind.IntermediateThrowEvent when node.Trigger == EventTrigger.Escalation:
                if (ThrowEscalation(token, node)) Leave(token, node);
                break;
            case NodeKind.SendTask when node.Service is not null:
                // A send task bound to a service (camunda:type="external", a Zeebe job type) does its work as one.
                RunService(token, node);
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
                CreateUserTask(token, node);
                break;
            case NodeKind.ReceiveTask:
                token.Status = TokenStatus.Waiting;
                AddWait(token, node, WaitKind.Message, null);
                ArmBoundaries(token, node);
                break;
            case NodeKind.IntermediateCatchEvent when node.Trigger == EventTrigger.Link:
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
                Leave(token, node);
                break;
            case NodeKind.IntermediateCatchEvent:
                token.Status = TokenStatus.Waiting;
                AddCatchWait(token, node, null);
                break;
            case NodeKind.ScriptTask:
                RunScript(token, node);
                break;
            case NodeKind.BusinessRuleTask when node.Decision is not null:
                RunDecision(token, node, node.Decision);
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
                RaiseIncident(token, node, Texte.Format(Texte.VorfallNichtAusfuehrbar, node.Id, node.Label, node.Kind), DiagnosticCodes.UnsupportedElement);
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
            case EventTrigger.Compensation:
                ThrowCompensation(token, node);
                return;
            case EventTrigger.Cancel:
                CancelTransaction(token, node);
                return;
            case EventTrigger.Escalation:
                RemoveToken(token);
                ThrowEscalation(token, node);
                CompleteScopeIfDone(token.ScopeId);
                return;
            default:
                List<string>? computed = null;
                if (node.OutcomesScript is { } outcomesScript && (computed = ComputedOutcomes(token, node, outcomesScript)) is null) return;
                Throw(node);
                Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, computed is null ? null : "→ " + string.Join(", ", computed));
                if (node.CompletesScope) EndOtherPaths(token);
                if (node.Outcomes.Count > 0) SetOutcomes(token.ScopeId, node.Outcomes);
                else if (computed is not null) SetOutcomes(token.ScopeId, computed);
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

    private void Leave(TokenState token, FlowNode node)
    {
        if (IsParameterInstance(token, node))
        {
            LeaveParameters(token, node);
            return;
        }
        if (node.Loop is { } loop && IsLoopInstance(token, node))
        {
            CompleteLoopInstance(token, node, loop);
            return;
        }
        if (StopsAfter(token, node)) return;
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
            RaiseIncident(token, node, Texte.Format(Texte.VorfallKeinWeg, node.Id, node.Label), NoPathCode);
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
        // Branches run in the order of their flows (document order; Elsa's connection order), first flow first.
        Move(token, flows[0]);
        for (var i = 1; i < flows.Length; i++)
        {
            var copy = NewToken(flows[i].TargetId, token.ScopeId, flows[i].Id);
            (leavingJoin ? afterJoin : queue).Enqueue(copy);
        }
    }

    private void Move(TokenState token, SequenceFlow flow)
    {
        token.NodeId = flow.TargetId;
        token.ViaFlowId = flow.Id;
        token.ArrivedAt = now;
        token.Status = TokenStatus.Active;
        (leavingJoin ? afterJoin : queue).Enqueue(token);
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
            value = flow.ConditionLanguage switch
            {
                ExpressionLanguage.Feel => FeelCondition((FeelExpression)plan.Expression(flow.Condition, ExpressionLanguage.Feel), ReadVariables(token.ScopeId)),
                ExpressionLanguage.Juel => ((JuelExpression)plan.Expression(flow.Condition, ExpressionLanguage.Juel)).EvaluateCondition(ReadVariables(token.ScopeId)),
                ExpressionLanguage.Unsupported => throw new ScriptException(ScriptFailure.Syntax,
                    "Die Bedingung ist in einer Ausdruckssprache geschrieben, die die Engine nicht ausführt."),
                _ => engine.Sandbox.EvaluateCondition(plan.Script(flow.Condition), ReadVariables(token.ScopeId), plan.DeclaredNames),
            };
            return true;
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallSequenzfluss, flow.Id, e.Message), e.Code);
            return false;
        }
    }

    /// <summary>
    /// A FEEL condition holds when it is true. false and null (FEEL's unknown) are "not taken" unless an error such as an
    /// unknown name was recorded: then the case stops with an incident rather than silently taking another branch.
    /// </summary>
    private static bool FeelCondition(FeelExpression condition, Dictionary<string, object?> variables)
    {
        var warnings = new List<string>();
        var result = condition.Evaluate(variables, warnings);
        return result switch
        {
            true => true,
            _ when warnings.Count > 0 => throw new ScriptException(ScriptFailure.Runtime, "FEEL: " + string.Join(" ", warnings)),
            false or null => false,
            _ => throw new ScriptException(ScriptFailure.Value, $"Die FEEL-Bedingung ergibt keinen Wahrheitswert, sondern {Builtins.ToText(result)}."),
        };
    }

    // ---- waits, boundaries, events -------------------------------------------------------------------------

    private void RaiseIncident(TokenState token, FlowNode node, string message, string? code = null)
    {
        token.Status = TokenStatus.Failed;
        var incident = new IncidentState { Id = state.NextId(), NodeId = node.Id, TokenId = token.Id, Message = message, Code = code, CreatedAt = now };
        state.IncidentList.Add(incident);
        result.NewIncidents.Add(incident);
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Failed, message);
    }

    private void Step(long scopeId, FlowNode node, DateTimeOffset start, StepOutcome outcome, string? detail)
    {
        var processId = scopeId == 0 ? root.Id : ScopeProcess(scopeId).Id;
        var e = new StepEvent(state.CaseId, processId, ++state.StepCount,
            node.Id, node.Name, node.Kind, node.ActorKind, start, now, outcome, detail)
        { ProcessVersion = scopeId == 0 ? null : ScopeById(scopeId)?.ProcessVersion };
        result.Steps.Add(e);
        if (options.KeepHistory) state.HistoryList.Add(e);
        if (outcome == StepOutcome.Completed && node.IsActivity) RememberForCompensation(scopeId, node);
    }

    private TokenState NewToken(string nodeId, long scopeId, string? via)
    {
        var token = new TokenState { Id = state.NextId(), NodeId = nodeId, ScopeId = scopeId, ViaFlowId = via, ArrivedAt = now, Status = TokenStatus.Active };
        state.TokenList.Add(token);
        return token;
    }

    private void RemoveToken(TokenState token) => state.TokenList.Remove(token);

    private void RemoveWait(WaitState wait) => state.WaitList.Remove(wait);

    private TokenState? TokenById(long id)
    {
        foreach (var t in state.TokenList)
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

    private ProcessDefinition ScopeProcess(long scopeId)
    {
        var scope = ScopeById(scopeId);
        // Runs start by ending calls whose version is gone (EndLostCalls): this throws only for a scope stored without a
        // version whose process is no longer published at all.
        return scope is null ? root
            : ScopeDefinition(scope) ?? throw new InvalidOperationException($"Process '{scope.ProcessId}' is no longer known.");
    }

    private ProcessDefinition DefinitionOf(long scopeId) => scopeId == 0 ? root : ScopeProcess(scopeId);

    private ExecutionPlan PlanOf(long scopeId) => scopeId == 0 ? rootPlan : ExecutionPlan.For(DefinitionOf(scopeId));

    private ExecutionPlan PlanOf(long scopeId, ScopeState scope) =>
        ExecutionPlan.For(ScopeDefinition(scope) ?? DefinitionOf(scopeId));

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

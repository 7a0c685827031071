using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Runtime;

// Activities that do work or open a scope: scripts, service tasks, embedded sub-processes and call activities.
internal sealed partial class Execution
{
    /// <summary>Incident code: a service task names an action the host has not registered.</summary>
    internal const string ActionUnknownCode = "action-unknown";

    private void RunScript(TokenState token, FlowNode node)
    {
        var plan = PlanOf(token.ScopeId);
        var vars = ReadVariables(token.ScopeId, out var layered);
        // Only a script that names outcomes gets a sink for them (no closure on every script's path).
        var outcomes = node.ScriptSetsOutcomes ? new OutcomeSink() : null;
        try
        {
            var compiled = plan.Script(node.Script ?? "");
            // Run against a copy so a failing script leaves the variables as they were.
            var scratch = new Dictionary<string, object?>(vars, StringComparer.Ordinal);
            var value = engine.Sandbox.Execute(compiled, scratch, plan.DeclaredNames, result.Output.Add,
                outcomes is null ? null : outcomes.Set);
            if (node.ResultVariable is not null) scratch[node.ResultVariable] = value;
            if (layered) WriteVariables(token.ScopeId, scratch, vars);
            else foreach (var kv in scratch) vars[kv.Key] = kv.Value;
            conditionsPending = true;
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallSkript, e.Message), e.Code);
            return;
        }
        if (outcomes is not null)
        {
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, outcomes.Named is { } named ? "→ " + string.Join(", ", named) : null);
            LeaveByOutcome(token, node, outcomes.Named);
            return;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, null);
        Leave(token, node);
    }

    /// <summary>The outcomes an Elsa script named; the last call wins, as in Elsa.</summary>
    private sealed class OutcomeSink
    {
        public List<string>? Named { get; private set; }

        public void Set(List<string> outcomes) => Named = outcomes;
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
            if (options.UnknownActions == UnknownActionPolicy.ExternalTask)
            {
                WaitForExternalTask(token, node, binding);
            }
            else if (options.UnknownActions == UnknownActionPolicy.Skip)
            {
                FinishService(token, node, token.ArrivedAt, Texts.Texte.Format(Texts.Texte.LaufAktionUebersprungen, binding.ActionName), null);
            }
            else
            {
                RaiseIncident(token, node, Texte.Format(Texte.VorfallAktionUnbekannt, binding.ActionName, node.Id, node.Label), ActionUnknownCode);
            }
            return;
        }
        var scope = ScopeProcess(token.ScopeId);
        ServiceResult outcome;
        try
        {
            outcome = action.Execute(new ServiceContext(state.CaseId, scope.Id, node, binding, ReadVariables(token.ScopeId), token.Id, state.StepCount + 1));
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
                // The results are kept apart only for a step that routes by them (an outcome script); other steps, the
                // engine's hot path, allocate nothing for them.
                var results = node.OutcomesScript is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal);
                if (outcome.Outputs is { } outputs)
                {
                    foreach (var kv in outputs)
                    {
                        var value = Variables.Normalize(kv.Value);
                        if (results is not null) results[kv.Key] = value;
                        WriteVariable(token.ScopeId, kv.Key, value);
                    }
                }
                FinishService(token, node, token.ArrivedAt, null, results);
                break;
            case ServiceResultKind.BpmnError:
                if (CatchAtActivity(token, node, outcome.ErrorCode)) break;
                if (ThrowError(token.ScopeId, outcome.ErrorCode)) break;
                RaiseIncident(token, node, Texte.Format(Texte.VorfallAktionFehlerNichtAbgefangen, binding.ActionName, outcome.ErrorCode, outcome.Message).TrimEnd(), "bpmn-error-uncaught");
                break;
            default:
                RaiseIncident(token, node, outcome.Message ?? Texte.Format(Texte.VorfallAktionFehlgeschlagen, binding.ActionName));
                break;
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
        var scope = OpenScope(token, node.Id);
        ArmBoundaries(token, node);
        ArmEventSubProcesses(scope.Id, node.Id);
        foreach (var start in starts) queue.Enqueue(NewToken(start.Id, scope.Id, null));
    }

    private void EnterCallActivity(TokenState token, FlowNode node)
    {
        var depth = (ScopeById(token.ScopeId)?.CallDepth ?? 0) + 1;
        if (depth > options.MaxCallDepth)
        {
            RaiseIncident(token, node, Texte.Format(Texte.AufrufTiefeUeberschritten, node.Id, node.Label, depth, options.MaxCallDepth), DiagnosticCodes.CallDepthExceeded);
            return;
        }
        var calledId = node.CalledProcessId ?? "";
        if (node.CalledProcessExpression is { } expression)
        {
            if (EvaluateKey(token, node, calledId, expression, Texte.AufrufProzessFehler, Texte.AufrufProzessUngueltig,
                    DiagnosticCodes.CalledProcessFailed) is not { } evaluated)
            {
                return;
            }
            calledId = evaluated;
        }
        var target = ResolveProcess(calledId);
        if (target is null)
        {
            // A literal id was checked at publish; one an expression gave is named with the expression that gave it.
            if (node.CalledProcessExpression is null) RaiseIncident(token, node, Texte.Format(Texte.AufrufProzessNichtVeroeffentlicht, node.Id, node.Label, calledId), DiagnosticCodes.CalledProcessUnknown);
            else RaiseIncident(token, node, Texte.Format(Texte.AufrufProzessUnbekannt, node.Id, node.Label, node.CalledProcessId, calledId), DiagnosticCodes.CalledProcessUnknown);
            return;
        }
        var start = target.StartEventsIn(null).FirstOrDefault(s => s.Trigger == EventTrigger.None)
            ?? target.StartEventsIn(null).FirstOrDefault();
        if (start is null)
        {
            RaiseIncident(token, node, Texte.Format(Texte.AufrufProzessOhneStart, node.Id, node.Label, calledId), DiagnosticCodes.CalledProcessUnknown);
            return;
        }
        var parentVars = ReadVariables(token.ScopeId);
        Dictionary<string, object?> childVars;
        try
        {
            childVars = Map(parentVars, node.InputMappings, PlanOf(token.ScopeId), node.EmptyMappingCopiesAll);
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.AufrufEingabeFehler, node.Id, node.Label, e.Message), e.Code);
            return;
        }
        foreach (var declared in target.Variables) childVars.TryAdd(declared.Name, declared.InitialValue);
        if (node.Detached && options.DetachedCallsAsCases)
        {
            // A case of its own, started by the host once this run is stored: it outlives nothing of this case's.
            result.AddCaseStart(new CaseStart(target.Id, childVars, node.Id));
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "started a case of " + target.Id);
            Leave(token, node);
            return;
        }
        var holder = token;
        if (node.Detached)
        {
            // The caller goes on; a token of its own holds the called workflow until it ends (no step, nothing copied back).
            holder = NewToken(node.Id, token.ScopeId, null);
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, "started " + target.Id);
            Leave(token, node);
        }
        holder.Status = TokenStatus.Waiting;
        var scope = new ScopeState
        {
            Id = state.NextId(),
            ProcessId = target.Id,
            ProcessVersion = VersionKeyOf(target),
            NodeId = node.Id,
            ParentScopeId = holder.ScopeId,
            ParentTokenId = holder.Id,
            CallDepth = depth,
            Variables = childVars,
            Detached = node.Detached,
        };
        state.Scopes.Add(scope);
        if (!node.Detached) ArmBoundaries(token, node);
        ArmEventSubProcesses(scope.Id, null);
        queue.Enqueue(NewToken(start.Id, scope.Id, null));
    }

    private Dictionary<string, object?> Map(Dictionary<string, object?> source, IReadOnlyList<VariableMapping> mappings, ExecutionPlan plan, bool emptyCopiesAll)
    {
        if (mappings.Count == 0 && emptyCopiesAll) return new Dictionary<string, object?>(source, StringComparer.Ordinal);
        var target = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var m in mappings)
        {
            var value = source.TryGetValue(m.Source, out var direct)
                ? direct
                : engine.Sandbox.Execute(plan.Script(m.Source), new Dictionary<string, object?>(source, StringComparer.Ordinal));
            if (m.Target != VariableMapping.Spread) target[m.Target] = value;
            else if (value is IReadOnlyDictionary<string, object?> properties) foreach (var kv in properties) target[kv.Key] = kv.Value;
            else if (value is not null) throw new ScriptException(ScriptFailure.Value, Texte.Format(Texte.VorfallEingabeKeinObjekt, DescribeValue(value)));
        }
        return target;
    }

    // ---- leaving nodes ------------------------------------------------------------------------------------
}

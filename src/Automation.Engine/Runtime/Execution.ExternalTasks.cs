using Automation.Engine.Texts;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// External tasks: an automated step done outside the run, by a connector of the server or an external worker.
internal sealed partial class Execution
{
    /// <summary>
    /// Makes the step wait as an external task. Its inputs are fixed now: the binding's literal parameters, then the
    /// evaluated input parameters (a parameter wins over a literal of the same name).
    /// </summary>
    private void WaitForExternalTask(TokenState token, FlowNode node, ServiceBinding binding)
    {
        if (EvaluateInputs(token, node) is not { } evaluated) return;
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var kv in binding.Parameters) inputs[kv.Key] = kv.Value;
        foreach (var kv in evaluated) inputs[kv.Key] = kv.Value;
        token.Status = TokenStatus.Waiting;
        var wait = AddWait(token, node, WaitKind.ExternalTask, null);
        if (wait is null) return;
        wait.Topic = binding.ActionName;
        wait.InputMap = inputs;
        ArmBoundaries(token, node);
    }

    /// <summary>
    /// Completes an external task: the worker's variables are set — through the step's output parameters when it has
    /// some (evaluated over the variables, the task's inputs and the worker's variables and locals), else as they are.
    /// A step with computed outcomes (Elsa's FlowSendHttpRequest) then leaves by the connections of the outcomes its
    /// script gives over the variables and the worker's results.
    /// </summary>
    public void CompleteExternalTask(WaitState wait, Dictionary<string, object?> values, Dictionary<string, object?> locals, string? detail)
    {
        var (token, node) = EndExternalTask(wait);
        if (!SetExternalOutputs(token, node, wait, values, locals))
        {
            Drain();
            return;
        }
        Dictionary<string, object?>? results = null;
        if (node.OutcomesScript is not null)
        {
            results = new Dictionary<string, object?>(values, StringComparer.Ordinal);
            foreach (var kv in locals) results[kv.Key] = kv.Value;
        }
        FinishService(token, node, wait.CreatedAt, detail, results);
        Drain();
    }

    /// <summary>
    /// Records a completed service step and leaves it: by the outcomes its outcome script gives over the results (Elsa's
    /// FlowSendHttpRequest), by "Done" when it was skipped (no results: nothing answered), else by its flows.
    /// </summary>
    private void FinishService(TokenState token, FlowNode node, DateTimeOffset start, string? detail, IReadOnlyDictionary<string, object?>? results)
    {
        if (node.OutcomesScript is not { } script)
        {
            Step(token.ScopeId, node, start, StepOutcome.Completed, detail);
            Leave(token, node);
            return;
        }
        if (results is null)
        {
            Step(token.ScopeId, node, start, StepOutcome.Completed, detail);
            LeaveByOutcome(token, node, null);
            return;
        }
        if (ComputedOutcomes(token, node, script, results) is not { } outcomes) return;
        var routed = "→ " + string.Join(", ", outcomes);
        Step(token.ScopeId, node, start, StepOutcome.Completed, detail is null ? routed : detail + " " + routed);
        LeaveByOutcome(token, node, outcomes);
    }

    /// <summary>
    /// A worker reports a BPMN error: its variables are set as they are, then an error boundary of the step or an
    /// enclosing catcher takes it; uncaught it becomes an incident naming the code.
    /// </summary>
    public void ThrowExternalError(WaitState wait, string code, string? message, Dictionary<string, object?> values)
    {
        var (token, node) = EndExternalTask(wait);
        if (values.Count > 0) WriteVariables(token.ScopeId, values);
        if (!CatchAtActivity(token, node, code) && !ThrowError(token.ScopeId, code))
            RaiseIncident(token, node, Texte.Format(Texte.VorfallFehlerNichtAbgefangen, code, node.Id, message).TrimEnd(), "bpmn-error-uncaught");
        Drain();
    }

    /// <summary>A worker gave up (no retries left): the step gets an incident; retrying it creates a new external task.</summary>
    public void FailExternalTask(WaitState wait, string message)
    {
        var (token, node) = EndExternalTask(wait);
        RaiseIncident(token, node, message, "external-task-failed");
        Drain();
    }

    /// <summary>A copy of the variables a scope reads.</summary>
    public Dictionary<string, object?> VisibleVariables(long scopeId) => new(ReadVariables(scopeId), StringComparer.Ordinal);

    private (TokenState Token, FlowNode Node) EndExternalTask(WaitState wait)
    {
        var token = TokenById(wait.TokenId) ?? throw new InvalidOperationException($"External task {wait.Id} has no token.");
        RemoveWait(wait);
        RemoveWaitsOfToken(token.Id);
        conditionsPending = true;
        return (token, NodeOf(token));
    }

    private bool SetExternalOutputs(TokenState token, FlowNode node, WaitState wait, Dictionary<string, object?> values, Dictionary<string, object?> locals)
    {
        if (node.OutputParameters.Count == 0)
        {
            if (values.Count > 0) WriteVariables(token.ScopeId, values);
            return true;
        }
        var extra = new Dictionary<string, object?>(wait.InputMap ?? [], StringComparer.Ordinal);
        foreach (var kv in values) extra[kv.Key] = kv.Value;
        foreach (var kv in locals) extra[kv.Key] = kv.Value;
        return ApplyOutputs(token, node, extra);
    }
}

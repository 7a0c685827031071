using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Input and output parameters (camunda:inputOutput, zeebe:ioMapping) of activities. An activity that declares them runs
// as one instance of itself, with the multi-instance mechanism: the arriving token holds the activity and waits there
// (its boundary events wait on it); the activity runs as a token at the same node in a scope of its own whose Locals are
// the evaluated inputs. Reads see the locals over the enclosing variables, writes of their names stay local, others go
// outwards. When the activity completes, the output parameters are evaluated in its scope and set in the enclosing
// one; then the scope and its locals vanish (Camunda 7: variables local to the activity's execution).
internal sealed partial class Execution
{
    /// <summary>Incident code: an input parameter cannot be evaluated.</summary>
    internal const string InputParameterCode = "input-parameter-failed";

    /// <summary>Incident code: an output parameter cannot be evaluated.</summary>
    internal const string OutputParameterCode = "output-parameter-failed";

    /// <summary>
    /// Whether an activity runs in a scope of its input parameters: every activity with parameters but a step bound to
    /// a service, whose inputs become its external task's (<see cref="EvaluateInputs"/>, <see cref="ApplyOutputs"/> when
    /// it completes), and a call activity, which maps with camunda:in/out. The one rule: whoever applies parameters
    /// elsewhere asks this first.
    /// </summary>
    internal static bool UsesParameterScope(FlowNode node) =>
        (node.InputParameters.Count > 0 || node.OutputParameters.Count > 0) && node.IsActivity
        && node.Service is null && node.Kind != NodeKind.CallActivity;

    /// <summary>Whether the token is the execution of its activity inside the activity's parameter scope.</summary>
    private bool IsParameterInstance(TokenState token, FlowNode node) =>
        ScopeById(token.ScopeId) is { Parameters: true } scope && scope.NodeId == node.Id;

    /// <summary>Whether the token is an instance of its node: of a loop or of a parameter scope.</summary>
    private bool IsInstance(TokenState token, FlowNode node) => IsLoopInstance(token, node) || IsParameterInstance(token, node);

    /// <summary>
    /// Whether the token only holds its node's instances (a loop's body, the holder of a parameter scope): it records no
    /// step of its own, its instances do.
    /// </summary>
    private bool IsHolder(TokenState token, FlowNode node) =>
        ParameterScopeOf(token) is not null || (node.Loop is not null && !IsInstance(token, node));

    private ScopeState? ParameterScopeOf(TokenState holder)
    {
        foreach (var s in state.Scopes)
        {
            if (s.Parameters && s.ParentTokenId == holder.Id) return s;
        }
        return null;
    }

    /// <summary>The token arrives at an activity with parameters (or its failed outputs are retried).</summary>
    private void EnterParameters(TokenState holder, FlowNode node)
    {
        // The activity ran and its output parameters failed: a retry evaluates them again, it does not run the activity twice.
        if (ParameterScopeOf(holder) is { } ran)
        {
            FinishParameters(holder, node, ran);
            return;
        }
        if (EvaluateInputs(holder, node) is not { } inputs) return;
        holder.Status = TokenStatus.Waiting;
        var scope = OpenScope(holder, node.Id);
        scope.Locals = inputs;
        scope.Parameters = true;
        // Conditions and correlation keys of the boundary events see the activity's locals.
        ArmBoundaries(holder, node, scope.Id);
        // The activity starts at once, as one without parameters would: the scope changes no order of the run.
        Execute(NewToken(node.Id, scope.Id, null));
    }

    /// <summary>The activity's execution in its parameter scope completed: outputs, then the holder moves on.</summary>
    private void LeaveParameters(TokenState instance, FlowNode node)
    {
        var scope = ScopeById(instance.ScopeId)!;
        var holder = TokenById(scope.ParentTokenId!.Value) ?? throw new InvalidOperationException($"Activity {node.Id} has no holding token.");
        RemoveToken(instance);
        FinishParameters(holder, node, scope);
    }

    private void FinishParameters(TokenState holder, FlowNode node, ScopeState scope)
    {
        if (!ApplyOutputs(holder, node, scope.Locals ?? [])) return;
        state.Scopes.Remove(scope);
        RemoveWaitsOfToken(holder.Id);
        holder.Status = TokenStatus.Active;
        Leave(holder, node);
    }

    /// <summary>
    /// Evaluates the input parameters of <paramref name="node"/> against the variables the token sees, in order, each
    /// against the enclosing variables (Camunda evaluates inputs in the parent scope). Null after raising an incident on
    /// the token when one cannot be evaluated; then nothing was set.
    /// </summary>
    internal Dictionary<string, object?>? EvaluateInputs(TokenState token, FlowNode node)
    {
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (node.InputParameters.Count == 0) return inputs;
        var view = ReadVariables(token.ScopeId);
        foreach (var p in node.InputParameters)
        {
            if (!TryParameter(token, node, p, view, input: true, out var value)) return null;
            inputs[p.Name] = value;
        }
        return inputs;
    }

    /// <summary>
    /// Evaluates the output parameters of <paramref name="node"/> against the variables the token sees with
    /// <paramref name="extra"/> laid over them (the activity's locals, a worker's result), then sets each in the token's
    /// scope. All or nothing: false after raising an incident on the token, and then no variable was written.
    /// </summary>
    internal bool ApplyOutputs(TokenState token, FlowNode node, IReadOnlyDictionary<string, object?> extra)
    {
        if (node.OutputParameters.Count == 0) return true;
        var view = new Dictionary<string, object?>(ReadVariables(token.ScopeId), StringComparer.Ordinal);
        foreach (var kv in extra) view[kv.Key] = kv.Value;
        var outputs = new List<KeyValuePair<string, object?>>(node.OutputParameters.Count);
        foreach (var p in node.OutputParameters)
        {
            if (!TryParameter(token, node, p, view, input: false, out var value)) return false;
            outputs.Add(new(p.Name, value));
        }
        foreach (var kv in outputs) WriteVariable(token.ScopeId, kv.Key, kv.Value);
        return true;
    }

    private bool TryParameter(TokenState token, FlowNode node, IoParameter parameter, Dictionary<string, object?> view, bool input, out object? value)
    {
        value = null;
        try
        {
            value = ParameterValue(token.ScopeId, parameter, view);
            return true;
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node,
                $"{(input ? "Eingabeparameter" : "Ausgabeparameter")} „{parameter.Name}“ von {node.Id} ({node.Label}) kann nicht ausgewertet werden: {e.Message}",
                input ? InputParameterCode : OutputParameterCode);
            return false;
        }
    }

    /// <summary>A parameter's value: a list or map of its items' values, its expression's value, else its literal.</summary>
    private object? ParameterValue(long scopeId, IoParameter parameter, Dictionary<string, object?> view)
    {
        if (parameter.List is { } items) return items.Select(i => ParameterValue(scopeId, i, view)).ToList();
        if (parameter.Map is { } entries)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var entry in entries) map[entry.Name] = ParameterValue(scopeId, entry, view);
            return map;
        }
        return parameter.Expression is { } expression ? EvaluateDeclared(scopeId, expression, view) : parameter.Literal;
    }
}

using Automation.Engine.Texts;
using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Feel;
using Automation.Engine.Expressions.Juel;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Looping activities: multi-instance (parallel, sequential) and standard loops. The token that reaches the activity waits
// there as the loop's body; each instance is a token at the same node in a scope of its own whose Locals hold
// loopCounter and the element variable. Every instance is a step of its own; the body records none.
internal sealed partial class Execution
{
    /// <summary>Incident code: the cardinality is not a whole number from 0 to the limit.</summary>
    internal const string LoopCardinalityCode = "loop-cardinality-invalid";

    /// <summary>Incident code: the collection is not a list.</summary>
    internal const string LoopCollectionCode = "loop-collection-not-list";

    /// <summary>Incident code: a completion or loop condition failed or gave no boolean.</summary>
    internal const string LoopConditionCode = "loop-condition-failed";

    private const string LoopCounter = "loopCounter";
    private const string NrOfInstances = "nrOfInstances";
    private const string NrOfActiveInstances = "nrOfActiveInstances";
    private const string NrOfCompletedInstances = "nrOfCompletedInstances";

    /// <summary>Whether the token is one instance of its looping node (rather than the loop's body, or no loop at all).</summary>
    private bool IsLoopInstance(TokenState token, FlowNode node) =>
        node.Loop is not null && ScopeById(token.ScopeId) is { Locals: not null, Parameters: false } scope && scope.NodeId == node.Id;

    private LoopState? LoopOf(long tokenId)
    {
        if (state.Loops is not { } loops) return null;
        foreach (var l in loops)
        {
            if (l.TokenId == tokenId) return l;
        }
        return null;
    }

    /// <summary>The body's token arrives (or is retried after a failed condition): start the instances or continue.</summary>
    private void EnterLoop(TokenState token, FlowNode node, LoopDefinition loop)
    {
        if (LoopOf(token.Id) is { } running)
        {
            token.Status = TokenStatus.Waiting;
            AdvanceLoop(token, node, loop, running, LoopView(token.ScopeId, running, null));
            return;
        }
        List<object?>? items = null;
        int count;
        if (!loop.IsMultiInstance)
        {
            var go = true;
            if (loop.TestBefore && !TryLoopCondition(token, node, loop.LoopCondition, ReadVariables(token.ScopeId), out go)) return;
            count = go && loop.LoopMaximum != 0 ? 1 : 0;
        }
        else if (loop.Collection is { } collection)
        {
            if (!TryCollection(token, node, loop, collection, out items)) return;
            count = items!.Count;
        }
        else if (!TryCardinality(token, node, loop.Cardinality, out count))
        {
            return;
        }
        if (count == 0)
        {
            // Nothing to do: the activity is passed without a step; an output collection is then empty.
            if (loop.OutputCollection is { } empty) WriteVariable(token.ScopeId, empty, new List<object?>());
            Leave(token, node);
            return;
        }
        var started = new LoopState
        {
            TokenId = token.Id,
            Instances = count,
            Items = loop.IsSequential ? items : null,
            Outputs = loop.OutputCollection is null ? null : [.. new object?[count]],
        };
        (state.Loops ??= []).Add(started);
        token.Status = TokenStatus.Waiting;
        ArmBoundaries(token, node);
        var parallel = loop.IsMultiInstance && !loop.IsSequential ? count : 1;
        for (var i = 0; i < parallel; i++) StartInstance(token, node, loop, started, i, items is null ? null : items[i]);
    }

    private void StartInstance(TokenState body, FlowNode node, LoopDefinition loop, LoopState running, int index, object? item)
    {
        var locals = new Dictionary<string, object?>(StringComparer.Ordinal) { [LoopCounter] = (double)index };
        if (loop.ElementVariable is { } element) locals[element] = item;
        if (loop.OutputElement is { } output) locals[output] = null;
        var scope = OpenScope(body, node.Id);
        scope.Locals = locals;
        scope.Instance = index;
        running.Active++;
        queue.Enqueue(NewToken(node.Id, scope.Id, null));
    }

    /// <summary>An instance finished its activity: record its output, then decide whether the loop goes on.</summary>
    private void CompleteLoopInstance(TokenState instance, FlowNode node, LoopDefinition loop)
    {
        var scope = ScopeById(instance.ScopeId)!;
        var body = TokenById(scope.ParentTokenId!.Value) ?? throw new InvalidOperationException($"Loop instance {instance.Id} has no body token.");
        var running = LoopOf(body.Id) ?? throw new InvalidOperationException($"Loop at {node.Id} has no state.");
        var index = scope.Instance ?? 0;
        if (loop.OutputElement is { } output && running.Outputs is { } outputs && index < outputs.Count)
            outputs[index] = scope.Locals!.GetValueOrDefault(output);
        running.Active--;
        running.Completed++;
        var view = LoopView(instance.ScopeId, running, scope);
        RemoveToken(instance);
        state.Scopes.Remove(scope);
        // A body stopped by a failed condition decides again when its incident is retried.
        if (body.Status == TokenStatus.Failed) return;
        AdvanceLoop(body, node, loop, running, view);
    }

    private void AdvanceLoop(TokenState body, FlowNode node, LoopDefinition loop, LoopState running, Dictionary<string, object?> view)
    {
        bool done;
        if (loop.IsMultiInstance)
        {
            done = running.Completed >= running.Instances;
            if (!done && loop.CompletionCondition is { } completion)
            {
                if (!TryLoopCondition(body, node, completion, view, out var met)) return;
                done = met;
            }
        }
        else
        {
            done = loop.LoopMaximum is { } max && running.Completed >= max;
            if (!done)
            {
                if (!TryLoopCondition(body, node, loop.LoopCondition, view, out var again)) return;
                done = !again;
            }
            if (!done && running.Completed >= options.MaxLoopInstances)
            {
                RaiseIncident(body, node, string.Create(CultureInfo.InvariantCulture,
                    $"The loop of {node.Id} repeated {running.Completed} times, the limit of the engine; its loop condition never became false."), LoopCardinalityCode);
                return;
            }
        }
        if (!done)
        {
            if (running.Active > 0) return;
            if (!loop.IsMultiInstance) running.Instances++;
            var next = running.Completed;
            StartInstance(body, node, loop, running, next, running.Items is { } items && next < items.Count ? items[next] : null);
            return;
        }
        CancelLoopInstances(body, "completion condition met");
        state.Loops!.Remove(running);
        if (state.Loops.Count == 0) state.Loops = null;
        if (loop.OutputCollection is { } name) WriteVariable(body.ScopeId, name, running.Outputs ?? []);
        RemoveWaitsOfToken(body.Id);
        body.Status = TokenStatus.Active;
        Leave(body, node);
    }

    /// <summary>Cancels the instances still running (a met completion condition, an interrupting event on the body).</summary>
    private void CancelLoopInstances(TokenState body, string reason)
    {
        foreach (var scope in state.Scopes.Where(s => s.ParentTokenId == body.Id && s.Locals is not null).ToList())
        {
            foreach (var t in state.TokenList.Where(t => t.ScopeId == scope.Id).ToList()) CancelToken(t, reason);
            state.Scopes.Remove(scope);
        }
    }

    private void RemoveLoopOf(long tokenId)
    {
        if (LoopOf(tokenId) is not { } running) return;
        state.Loops!.Remove(running);
        if (state.Loops.Count == 0) state.Loops = null;
    }

    private bool TryCardinality(TokenState token, FlowNode node, DeclaredExpression? expression, out int count)
    {
        count = 0;
        object? value;
        try
        {
            value = expression is null ? null : EvaluateDeclared(token.ScopeId, expression, ReadVariables(token.ScopeId));
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallAnzahlFehler, expression!.Text, node.Id, node.Label, e.Message), LoopCardinalityCode);
            return false;
        }
        if (value is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) value = parsed;
        if (value is double d && d >= 0 && d <= options.MaxLoopInstances && Math.Floor(d) == d)
        {
            count = (int)d;
            return true;
        }
        RaiseIncident(token, node, Texte.Format(Texte.VorfallAnzahlUngueltig, expression?.Text, node.Id, node.Label, DescribeValue(value), options.MaxLoopInstances),
            LoopCardinalityCode);
        return false;
    }

    private bool TryCollection(TokenState token, FlowNode node, LoopDefinition loop, DeclaredExpression collection, out List<object?>? items)
    {
        items = null;
        object? value;
        var vars = ReadVariables(token.ScopeId);
        try
        {
            value = loop.CollectionIsVariable
                ? vars.TryGetValue(collection.Text, out var v) ? v : throw new ScriptException(ScriptFailure.Runtime, $"there is no variable \"{collection.Text}\"")
                : EvaluateDeclared(token.ScopeId, collection, vars);
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallSammlungFehler, collection.Text, node.Id, node.Label, e.Message), LoopCollectionCode);
            return false;
        }
        if (value is not List<object?> list)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallSammlungKeineListe, collection.Text, node.Id, node.Label, DescribeValue(value)), LoopCollectionCode);
            return false;
        }
        if (list.Count > options.MaxLoopInstances)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallSammlungZuGross, collection.Text, node.Id, node.Label, list.Count, options.MaxLoopInstances),
                LoopCollectionCode);
            return false;
        }
        items = list;
        return true;
    }

    private bool TryLoopCondition(TokenState token, FlowNode node, DeclaredExpression? condition, Dictionary<string, object?> view, out bool value)
    {
        value = false;
        if (condition is null) return true;
        object? result;
        try
        {
            result = EvaluateDeclared(token.ScopeId, condition, view);
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallSchleifenbedingungFehler, condition.Text, node.Id, node.Label, e.Message), LoopConditionCode);
            return false;
        }
        if (result is bool b)
        {
            value = b;
            return true;
        }
        RaiseIncident(token, node, Texte.Format(Texte.VorfallSchleifenbedingungKeinWahrheitswert, condition.Text, node.Id, node.Label, DescribeValue(result)), LoopConditionCode);
        return false;
    }

    /// <summary>Evaluates a loop or event-condition expression in its declared language to a plain value.</summary>
    private object? EvaluateDeclared(long scopeId, DeclaredExpression expression, Dictionary<string, object?> variables)
    {
        var value = EvaluateRaw(scopeId, expression, variables);
        return expression.Language switch
        {
            ExpressionLanguage.Feel => Variables.Normalize(FeelValue.ToHost(value)),
            ExpressionLanguage.Juel => Variables.Normalize(value),
            _ => value,
        };
    }

    /// <summary>An expression's value as its declared language gives it: FEEL's durations and date-times stay what they are.</summary>
    private object? EvaluateRaw(long scopeId, DeclaredExpression expression, Dictionary<string, object?> variables)
    {
        var plan = PlanOf(scopeId);
        switch (expression.Language)
        {
            case ExpressionLanguage.Feel:
                var warnings = new List<string>();
                var feel = ((FeelExpression)plan.Expression(expression.Text, ExpressionLanguage.Feel)).Evaluate(variables, warnings);
                if (feel is null && warnings.Count > 0) throw new ScriptException(ScriptFailure.Runtime, "FEEL: " + string.Join(" ", warnings));
                return feel;
            case ExpressionLanguage.Juel:
                return ((JuelExpression)plan.Expression(expression.Text, ExpressionLanguage.Juel)).Evaluate(variables);
            case ExpressionLanguage.Unsupported:
                throw new ScriptException(ScriptFailure.Syntax, "the expression is in a language the engine does not run");
            default:
                return engine.Sandbox.Execute(plan.Script(expression.Text), new Dictionary<string, object?>(variables, StringComparer.Ordinal), plan.DeclaredNames);
        }
    }

    // ---- variables seen through instance-local ones --------------------------------------------------------

    /// <summary>
    /// The variables a scope reads: the shared map itself when no loop instance lies on the way out (no copy), else a
    /// copy with each instance's locals and counters laid over the enclosing variables.
    /// </summary>
    private Dictionary<string, object?> ReadVariables(long scopeId) => ReadVariables(scopeId, out _);

    private Dictionary<string, object?> ReadVariables(long scopeId, out bool layered)
    {
        var scope = ScopeById(scopeId);
        List<ScopeState>? overlays = null;
        while (scope is not null && scope.Variables is null)
        {
            if (scope.Locals is not null) (overlays ??= []).Add(scope);
            scope = scope.ParentScopeId is { } p ? ScopeById(p) : null;
        }
        var shared = scope?.Variables ?? state.VariableMap;
        layered = overlays is not null;
        if (overlays is null) return shared;
        var view = new Dictionary<string, object?>(shared, StringComparer.Ordinal);
        for (var i = overlays.Count - 1; i >= 0; i--)
        {
            var instance = overlays[i];
            if (instance.ParentTokenId is { } body && LoopOf(body) is { } running) AddCounters(view, running);
            foreach (var kv in instance.Locals!) view[kv.Key] = kv.Value;
        }
        return view;
    }

    private Dictionary<string, object?> LoopView(long scopeId, LoopState running, ScopeState? finished)
    {
        var view = ReadVariables(scopeId);
        if (finished is null)
        {
            view = new Dictionary<string, object?>(view, StringComparer.Ordinal);
            AddCounters(view, running);
        }
        return view;
    }

    private static void AddCounters(Dictionary<string, object?> view, LoopState running)
    {
        view[NrOfInstances] = (double)running.Instances;
        view[NrOfActiveInstances] = (double)running.Active;
        view[NrOfCompletedInstances] = (double)running.Completed;
    }

    /// <summary>Writes a variable where it lives: an instance's local of that name, else the nearest own variables outwards.</summary>
    private void WriteVariable(long scopeId, string name, object? value)
    {
        conditionsPending = true;
        var scope = ScopeById(scopeId);
        while (scope is not null)
        {
            if (scope.Locals is { } locals && locals.ContainsKey(name))
            {
                locals[name] = value;
                return;
            }
            if (scope.Variables is { } own)
            {
                own[name] = value;
                return;
            }
            // The counters belong to the loop, not to the process: a script that sees them does not write them back.
            if (scope.Locals is not null && name is NrOfInstances or NrOfActiveInstances or NrOfCompletedInstances) return;
            scope = scope.ParentScopeId is { } p ? ScopeById(p) : null;
        }
        state.VariableMap[name] = value;
    }

    /// <summary>Writes what a script, task or message changed; unchanged values seen through a loop view are not copied outwards.</summary>
    private void WriteVariables(long scopeId, IEnumerable<KeyValuePair<string, object?>> values, Dictionary<string, object?>? before = null)
    {
        foreach (var kv in values)
        {
            if (before is not null && before.TryGetValue(kv.Key, out var old) && Variables.ValueEquals(old, kv.Value)) continue;
            WriteVariable(scopeId, kv.Key, kv.Value);
        }
    }
}

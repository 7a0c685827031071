using Automation.Engine.Texts;
using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

// Nodes that end more than their own path: an end event that completes its scope, and a fault.
internal sealed partial class Execution
{
    /// <summary>Ends every other path of the token's scope (they are recorded as interrupted), as Elsa's terminal nodes do.</summary>
    private void EndOtherPaths(TokenState token)
    {
        foreach (var other in state.TokenList.Where(t => t != token && t.ScopeId == token.ScopeId).ToList())
            CancelToken(other, "completed by " + token.NodeId);
        state.Joins.RemoveAll(j => j.ScopeId == token.ScopeId);
    }

    /// <summary>
    /// Elsa's Complete with outcomes: the workflow around it (the nearest scope with variables of its own, a called
    /// workflow) completes with them; nested flowcharts pass the signal up as Elsa's containers do.
    /// </summary>
    private void SetOutcomes(long scopeId, IReadOnlyList<string> outcomes)
    {
        var scope = ScopeById(scopeId);
        while (scope is { Variables: null, ParentScopeId: { } outer }) scope = ScopeById(outer);
        if (scope is not null) scope.Outcomes = [.. outcomes];
    }

    /// <summary>
    /// The outcomes Complete's script gives now, read as Elsa's Complete reads them: a text is one outcome, a list gives
    /// its entries as text, anything else is "Done". Null, with an incident, when the script fails.
    /// </summary>
    /// <param name="token">The token at the node.</param>
    /// <param name="node">The node.</param>
    /// <param name="script">The outcome script.</param>
    /// <param name="results">Values the script sees over the variables (an external task's results), if any.</param>
    private List<string>? ComputedOutcomes(TokenState token, FlowNode node, string script, IReadOnlyDictionary<string, object?>? results = null)
    {
        object? value;
        try
        {
            var plan = PlanOf(token.ScopeId);
            // Evaluated against a copy: computing the outcomes changes no variable.
            var view = new Dictionary<string, object?>(ReadVariables(token.ScopeId), StringComparer.Ordinal);
            foreach (var kv in results ?? new Dictionary<string, object?>()) view[kv.Key] = kv.Value;
            value = engine.Sandbox.Execute(plan.Script(script), view, plan.DeclaredNames);
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallAusgaenge, e.Message), e.Code);
            return null;
        }
        return value switch
        {
            string one => [one],
            List<object?> many => [.. many.Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "")],
            _ => ["Done"],
        };
    }

    /// <summary>Stops the path with an incident carrying the fault's message and code; a retry reaches the fault again.</summary>
    private void RaiseFault(TokenState token, FlowNode node, FaultDefinition fault)
    {
        string message;
        try
        {
            var plan = PlanOf(token.ScopeId);
            message = fault.Message is null ? ""
                : Convert.ToString(engine.Sandbox.Execute(plan.Script(fault.Message),
                    new Dictionary<string, object?>(ReadVariables(token.ScopeId), StringComparer.Ordinal), plan.DeclaredNames),
                    CultureInfo.InvariantCulture) ?? "";
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallFehlermeldung, e.Message), e.Code);
            return;
        }
        RaiseIncident(token, node, message.Length == 0 ? Texte.Format(Texte.VorfallFehlerAusgeloest, fault.Code ?? "0", node.Label) : message, fault.Code);
    }
}

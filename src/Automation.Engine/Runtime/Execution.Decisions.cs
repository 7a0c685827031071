using System.Globalization;
using Automation.Engine.Decisions;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Runtime;

// Business rule tasks: the host resolves the decision, the engine evaluates it in the step and maps its result.
internal sealed partial class Execution
{
    private void RunDecision(TokenState token, FlowNode node, DecisionReference reference)
    {
        if (options.ResolveDecision is not { } resolve)
        {
            // Dry runs without published decisions (the CLI's run): the reader warned (decision-not-run).
            Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed, $"decision '{reference.Key}' not evaluated (no decisions loaded)");
            Leave(token, node);
            return;
        }
        if (reference.KeyExpression is { } keyExpression)
        {
            if (EvaluateKey(token, node, reference.Key, keyExpression, Texte.EntscheidungSchluesselFehler, Texte.EntscheidungSchluesselUngueltig,
                    DiagnosticCodes.DecisionKeyFailed) is not { } key)
            {
                return;
            }
            reference = reference with { Key = key, KeyExpression = null };
        }
        if (resolve(new DecisionCall(reference, DefinitionOf(token.ScopeId))) is not { } decision)
        {
            // Incident texts are the one German text of the runtime: a clerk reads them on the case page.
            RaiseIncident(token, node, Texte.Format(Texte.EntscheidungNichtVeroeffentlicht, reference.Key, BindingText(reference), node.Id, node.Label),
                reference.Binding == DecisionBinding.Version ? DiagnosticCodes.DecisionVersionUnknown : DiagnosticCodes.DecisionUnknown);
            return;
        }
        var vars = ReadVariables(token.ScopeId, out var layered);
        DecisionResult evaluated;
        object? mapped;
        try
        {
            evaluated = DecisionEvaluator.Evaluate(decision.Model, decision.Key, vars, options.ScriptLimits);
            mapped = DecisionResults.Map(evaluated, reference.Mapping);
        }
        catch (DecisionException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.EntscheidungFehlgeschlagen, decision.Key, decision.Version, Texte.Entscheidungsfehler(e)),
                DiagnosticCodes.DecisionFailed);
            return;
        }
        if (reference.ResultVariable is { } name)
        {
            var scratch = new Dictionary<string, object?>(vars, StringComparer.Ordinal) { [name] = mapped };
            if (layered) WriteVariables(token.ScopeId, scratch, vars);
            else vars[name] = mapped;
            conditionsPending = true;
        }
        Step(token.ScopeId, node, token.ArrivedAt, StepOutcome.Completed,
            string.Create(CultureInfo.InvariantCulture, $"decision {decision.Key} v{decision.Version}"));
        result.Decisions.Add(new DecisionEvaluation(state.StepCount, node.Id, node.Name, decision.Key, decision.Version, evaluated, now));
        Leave(token, node);
    }

    private static string BindingText(DecisionReference reference) => reference.Binding switch
    {
        DecisionBinding.Version => "version " + (reference.VersionText ?? "?"),
        DecisionBinding.Deployment => "deployment",
        _ => "latest",
    };
}

using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Engine.Runtime;

// Keys a model may write as an expression (a business rule task's decision, a call activity's called process): the one
// place that evaluates them when the step runs.
internal sealed partial class Execution
{
    /// <summary>
    /// The key <paramref name="expression"/> gives now: a non-blank text, trimmed; else null, with an incident
    /// <paramref name="code"/> whose text (<paramref name="failedText"/> when it fails, <paramref name="invalidText"/> when it
    /// gives no text) names the element, its label, the expression as written and the error or value.
    /// </summary>
    private string? EvaluateKey(TokenState token, FlowNode node, string written, DeclaredExpression expression, string failedText, string invalidText, string code)
    {
        object? value;
        try
        {
            value = EvaluateRaw(token.ScopeId, expression, ReadVariables(token.ScopeId));
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(failedText, node.Id, node.Label, written, e.Message), code);
            return null;
        }
        if (value is string key && !string.IsNullOrWhiteSpace(key)) return key.Trim();
        RaiseIncident(token, node, Texte.Format(invalidText, node.Id, node.Label, written, DescribeValue(value)), code);
        return null;
    }
}

using Automation.Engine.Texts;
using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Reading.Bpmn;

namespace Automation.Engine.Runtime;

// User tasks and who works on them: camunda:assignee and camunda:candidateUsers may be JUEL (${initiator}), Zeebe's
// assignee and candidateUsers FEEL (=initiator), evaluated against the variables the task sees when it is created.
internal sealed partial class Execution
{
    /// <summary>Incident code: the assignee or a candidate user expression cannot be evaluated.</summary>
    internal const string AssignmentCode = "assignment-expression-failed";

    private void CreateUserTask(TokenState token, FlowNode node)
    {
        string? assignee;
        List<string>? users;
        try
        {
            assignee = node.Assignee is { } a ? People(token.ScopeId, a).FirstOrDefault() : null;
            users = node.CandidateUsers.Count == 0 ? null : [.. node.CandidateUsers.SelectMany(u => People(token.ScopeId, u)).Distinct(StringComparer.Ordinal)];
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.VorfallZuweisung, node.Id, node.Label, e.Message), AssignmentCode);
            return;
        }
        if (!TryDeadline(token, node, out var due)) return;
        token.Status = TokenStatus.Waiting;
        if (AddWait(token, node, WaitKind.UserTask, null) is { } task)
        {
            task.DueAt = due;
            task.Assignee = assignee;
            task.CandidateUsers = users is { Count: > 0 } ? users : null;
        }
        ArmBoundaries(token, node);
    }

    /// <summary>
    /// The user names an assignment entry gives: itself, or its expression's text or list of texts (JUEL <c>${…}</c>
    /// anywhere in the entry, Camunda 7; FEEL <c>=…</c>, Camunda 8); none for null or blank.
    /// </summary>
    private List<string> People(long scopeId, string entry)
    {
        if (ExpressionText.Assignment(entry) is not { } expression) return [entry];
        var value = EvaluateDeclared(scopeId, expression, ReadVariables(scopeId));
        var values = value is List<object?> list ? list : [value];
        return values.Select(v => v switch
        {
            null => null,
            string s => s,
            double d => d.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => throw new ScriptException(ScriptFailure.Value, $"„{entry}“ ergibt keinen Benutzernamen, sondern {DescribeValue(v)}."),
        }).Select(NonBlank).OfType<string>().ToList();
    }

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Engine.Timers;

namespace Automation.Engine.Runtime;

// Timers: a literal parses as written; a timer written as an expression (${dueDate}, =duration("P" + string(days) + "D"))
// is evaluated in its declared language when it is armed, against the variables its scope sees, and its value read as
// the literal it stands for (Timers/TimerValue). A value that is no time is an incident the process owner can read: it
// names the element and the value, in German, with a stable code (the one place the interpreter reads Texte).
internal sealed partial class Execution
{
    /// <summary>Incident code: a timer expression could not be evaluated (unknown variable, script error).</summary>
    internal const string TimerExpressionCode = "timer-expression-failed";

    /// <summary>Incident code: a timer expression gave a value that is no date, duration or cycle.</summary>
    internal const string TimerValueCode = "timer-value-invalid";

    /// <summary>Incident code: a user task's deadline expression could not be evaluated.</summary>
    internal const string DeadlineExpressionCode = "deadline-expression-failed";

    /// <summary>Incident code: a user task's deadline expression gave a value that is no duration or point in time.</summary>
    internal const string DeadlineValueCode = "deadline-value-invalid";

    /// <summary>
    /// The schedule of a timer event armed now in <paramref name="scopeId"/>, with the literal an expression gave (null
    /// for a literal timer); null when it cannot be scheduled, with an incident on <paramref name="token"/>. An event
    /// sub-process's start has no token of its own: a failure puts one at the start, in the scope it would be armed in, to
    /// carry the incident (the scope stays open until a retry arms the start; see <see cref="IsUnarmedStart"/>).
    /// </summary>
    private (ParsedTimer Timer, string? Value)? ScheduleTimer(FlowNode node, long scopeId, TokenState? token)
    {
        if (node.Timer?.Evaluated is not { } expression)
        {
            // Validation guarantees a parsable literal; a definition that skipped it gets an incident.
            string? error = "no timer definition";
            if (node.Timer is not null && TimerSchedule.TryParse(node.Timer, out var literal, out error)) return (literal, null);
            TimerFailed(node, scopeId, token, $"Timer of {node.Id} cannot be scheduled: {error}.", null);
            return null;
        }
        if (options.Router?.TimerInstead(node) is { } instead && TimerSchedule.TryParse(instead, out var assumed, out _)) return (assumed, instead.Expression);
        object? value;
        try
        {
            value = EvaluateRaw(scopeId, expression, ReadVariables(scopeId));
        }
        catch (ScriptException e)
        {
            TimerFailed(node, scopeId, token, Texte.Format(Texte.TimerAusdruckFehler, node.Id, node.Label, node.Timer.Expression, e.Message), TimerExpressionCode);
            return null;
        }
        if (TimerValue.Literal(node.Timer.Kind, value) is { } resolved && TimerSchedule.TryParse(resolved, out var timer, out _))
            return (timer, resolved.Expression);
        TimerFailed(node, scopeId, token, Texte.Format(Texte.TimerWertUngueltig, node.Id, node.Label, node.Timer.Expression, DescribeValue(value),
            Texte.Get("TimerErwartet_" + node.Timer.Kind)), TimerValueCode);
        return null;
    }

    private void TimerFailed(FlowNode timer, long scopeId, TokenState? token, string message, string? code)
    {
        if (token is not null) RaiseIncident(token, NodeOf(token), message, code);
        else RaiseIncident(NewToken(timer.Id, scopeId, null), timer, message, code);
    }

    /// <summary>
    /// Whether a token is the carrier of an event sub-process start that could not be armed: it stands at the start but in
    /// the enclosing scope, where a running event sub-process never puts one (its content runs in a scope of its own).
    /// </summary>
    private bool IsUnarmedStart(TokenState token, out FlowNode start)
    {
        start = NodeOf(token);
        return start.Kind == NodeKind.StartEvent && start.ParentId is { } parent && DefinitionOf(token.ScopeId).GetNode(parent).TriggeredByEvent
            && ScopeById(token.ScopeId)?.NodeId != parent;
    }

    /// <summary>A retried start of an event sub-process is armed again (its expression evaluated anew); its carrier goes.</summary>
    private void ArmAgain(TokenState carrier, FlowNode start)
    {
        RemoveToken(carrier);
        if (WaitKindOf(start.Trigger) is { } kind) AddWait(carrier.ScopeId, null, start, kind, null, boundary: false);
        CompleteScopeIfDone(carrier.ScopeId);
    }

    /// <summary>
    /// The due time of a user task created now: its literal deadline, or the value of its deadline expression
    /// (<c>camunda:dueDate="${frist}"</c>, <c>am:deadline="=date and time(eingang) + duration("P14D")"</c>) read as a
    /// duration from now or a point in time. False, with an incident naming the task and the value, when it gives no time.
    /// </summary>
    private bool TryDeadline(TokenState token, FlowNode node, out DateTimeOffset? due)
    {
        due = null;
        // The simulation has no case variables to evaluate a deadline against, and no use for one.
        if (node.Deadline is not { } deadline || deadline.Evaluated is not null && options.Router is not null) return true;
        if (deadline.Evaluated is not { } expression)
        {
            // Validation guarantees a parsable literal; a definition that skipped it gets a task without one.
            if (TimerSchedule.TryParse(deadline, out var literal, out _)) due = literal.NextDue(now, 0);
            return true;
        }
        object? value;
        try
        {
            value = EvaluateRaw(token.ScopeId, expression, ReadVariables(token.ScopeId));
        }
        catch (ScriptException e)
        {
            RaiseIncident(token, node, Texte.Format(Texte.FristAusdruckFehler, node.Id, node.Label, deadline.Expression, e.Message), DeadlineExpressionCode);
            return false;
        }
        if (TimerValue.Deadline(value) is { } resolved && TimerSchedule.TryParse(resolved, out var timer, out _) && timer.NextDue(now, 0) is { } at)
        {
            due = at;
            return true;
        }
        RaiseIncident(token, node, Texte.Format(Texte.FristWertUngueltig, node.Id, node.Label, deadline.Expression, DescribeValue(value)), DeadlineValueCode);
        return false;
    }

    /// <summary>The schedule a repeating timer goes on by: the literal its expression gave when armed, else the model's.</summary>
    private static ParsedTimer? RepeatSchedule(WaitState wait, FlowNode node)
    {
        var definition = wait.TimerValue is { } value ? TimerValue.Literal(node.Timer!.Kind, value) : node.Timer;
        return definition is not null && TimerSchedule.TryParse(definition, out var timer, out _) ? timer : null;
    }

    /// <summary>A value as an incident names it to a clerk: German numbers, texts in quotes, lists and objects by their kind.</summary>
    internal static string DescribeValue(object? value) => value switch
    {
        null => Texte.TimerWertLeer,
        string s => "„" + s + "“",
        double or decimal or int or long => Convert.ToString(value, Texte.Kultur) ?? "",
        bool b => b ? "true" : "false",
        System.Collections.IDictionary or Expressions.Feel.FeelContext => Texte.WertObjekt,
        System.Collections.ICollection list => Texte.Format(Texte.WertListe, list.Count),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };
}

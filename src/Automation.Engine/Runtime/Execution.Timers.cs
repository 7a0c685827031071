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

    /// <summary>
    /// The schedule of a timer event armed now in <paramref name="scopeId"/>, with the literal an expression gave (null
    /// for a literal timer); null when it cannot be scheduled, with an incident on <paramref name="token"/>. An event
    /// sub-process's start has no token to fail: its timer stays unarmed (validation has checked the expression's form).
    /// </summary>
    private (ParsedTimer Timer, string? Value)? ScheduleTimer(FlowNode node, long scopeId, TokenState? token)
    {
        if (node.Timer?.Evaluated is not { } expression)
        {
            // Validation guarantees a parsable literal; a definition that skipped it gets an incident.
            string? error = "no timer definition";
            if (node.Timer is not null && TimerSchedule.TryParse(node.Timer, out var literal, out error)) return (literal, null);
            if (token is not null) RaiseIncident(token, NodeOf(token), $"Timer of {node.Id} cannot be scheduled: {error}.");
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
            if (token is not null)
                RaiseIncident(token, NodeOf(token), Texte.Format(Texte.TimerAusdruckFehler, node.Id, node.Label, node.Timer.Expression, e.Message), TimerExpressionCode);
            return null;
        }
        if (TimerValue.Literal(node.Timer.Kind, value) is { } resolved && TimerSchedule.TryParse(resolved, out var timer, out _))
            return (timer, resolved.Expression);
        if (token is not null)
            RaiseIncident(token, NodeOf(token), Texte.Format(Texte.TimerWertUngueltig, node.Id, node.Label, node.Timer.Expression, DescribeTimerValue(value),
                Texte.Get("TimerErwartet_" + node.Timer.Kind)), TimerValueCode);
        return null;
    }

    /// <summary>The schedule a repeating timer goes on by: the literal its expression gave when armed, else the model's.</summary>
    private static ParsedTimer? RepeatSchedule(WaitState wait, FlowNode node)
    {
        var definition = wait.TimerValue is { } value ? TimerValue.Literal(node.Timer!.Kind, value) : node.Timer;
        return definition is not null && TimerSchedule.TryParse(definition, out var timer, out _) ? timer : null;
    }

    private static string DescribeTimerValue(object? value) => value switch
    {
        null => Texte.TimerWertLeer,
        string s => "„" + s + "“",
        double or decimal or int or long => Convert.ToString(value, Texte.Kultur) ?? "",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };
}

using System.Xml.Linq;
using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>The trigger of an event element and the event definition that states it.</summary>
/// <param name="Trigger">The mapped trigger.</param>
/// <param name="Definition">The event definition element, null for none events.</param>
internal readonly record struct EventSpec(EventTrigger Trigger, XElement? Definition);

/// <summary>Classifies events by their event definitions and reads what each definition says.</summary>
internal static class EventDefinitions
{
    private static readonly Dictionary<string, EventTrigger> Triggers = new(StringComparer.Ordinal)
    {
        ["messageEventDefinition"] = EventTrigger.Message,
        ["timerEventDefinition"] = EventTrigger.Timer,
        ["signalEventDefinition"] = EventTrigger.Signal,
        ["errorEventDefinition"] = EventTrigger.Error,
        ["terminateEventDefinition"] = EventTrigger.Terminate,
        ["linkEventDefinition"] = EventTrigger.Link,
        ["escalationEventDefinition"] = EventTrigger.Escalation,
        ["conditionalEventDefinition"] = EventTrigger.Conditional,
        ["compensateEventDefinition"] = EventTrigger.Compensation,
        ["cancelEventDefinition"] = EventTrigger.Cancel,
    };

    /// <summary>The triggers the engine executes for each event kind.</summary>
    private static readonly Dictionary<string, EventTrigger[]> Supported = new(StringComparer.Ordinal)
    {
        // Error, escalation and conditional start events belong to event sub-processes; the validator reports them elsewhere.
        ["startEvent"] = [EventTrigger.None, EventTrigger.Message, EventTrigger.Timer, EventTrigger.Signal, EventTrigger.Error, EventTrigger.Escalation,
            EventTrigger.Conditional],
        ["endEvent"] = [EventTrigger.None, EventTrigger.Message, EventTrigger.Terminate, EventTrigger.Error, EventTrigger.Signal, EventTrigger.Escalation,
            EventTrigger.Compensation, EventTrigger.Cancel],
        ["intermediateCatchEvent"] = [EventTrigger.Timer, EventTrigger.Message, EventTrigger.Signal, EventTrigger.Link, EventTrigger.Conditional],
        ["intermediateThrowEvent"] = [EventTrigger.None, EventTrigger.Message, EventTrigger.Signal, EventTrigger.Link, EventTrigger.Escalation,
            EventTrigger.Compensation],
        ["boundaryEvent"] = [EventTrigger.Timer, EventTrigger.Message, EventTrigger.Error, EventTrigger.Signal, EventTrigger.Escalation,
            EventTrigger.Conditional, EventTrigger.Compensation, EventTrigger.Cancel],
    };

    /// <summary>
    /// The event's trigger, or null (with an <c>unsupported-element</c> error) when the combination of event kind and
    /// definitions is one the engine does not execute.
    /// </summary>
    public static EventSpec? Classify(XElement evt, BpmnContext context)
    {
        var kind = evt.Name.LocalName;
        var definitions = evt.Elements()
            .Where(e => e.Name.Namespace == BpmnNames.Model && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))
            .Concat(evt.Elements(BpmnNames.Model + "eventDefinitionRef").Select(r => ResolveReference(r, context)).OfType<XElement>())
            .ToList();
        if (definitions.Count > 1)
        {
            context.Unsupported(evt, $"{kind} with multiple event definitions");
            return null;
        }
        var definition = definitions.FirstOrDefault();
        EventTrigger trigger;
        if (definition is null) trigger = EventTrigger.None;
        else if (!Triggers.TryGetValue(definition.Name.LocalName, out trigger))
        {
            context.Unsupported(evt, $"{kind} with {definition.Name.LocalName}");
            return null;
        }
        if (!Supported[kind].Contains(trigger))
        {
            context.Unsupported(evt, definition is null ? $"{kind} without event definition" : $"{kind} with {definition.Name.LocalName}");
            return null;
        }
        return new EventSpec(trigger, definition);
    }

    /// <summary>A root-level event definition an <c>eventDefinitionRef</c> names.</summary>
    private static XElement? ResolveReference(XElement reference, BpmnContext context)
    {
        var definition = context.RootElement(reference.Value);
        if (definition is not null && definition.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)) return definition;
        context.Error(Validation.DiagnosticCodes.MissingReference, $"eventDefinitionRef \"{reference.Value.Trim()}\" names no event definition",
            reference.Parent);
        return null;
    }

    /// <summary>
    /// The timer of a timer event definition; null when it states no time at all. An ISO 8601 or cron literal stays a
    /// literal in any file. Other text is an expression in the language declared on the element (<c>language</c>) or the
    /// file (<c>expressionLanguage</c>); without a declaration the vendors' markers decide: <c>=…</c> is FEEL (Camunda 8),
    /// <c>${…}</c> and <c>#{…}</c> JUEL (Camunda 7), anything else stays a literal (and fails validation as one). A
    /// declared language the engine does not run is an error naming it, never read as another language.
    /// </summary>
    public static TimerDefinition? Timer(XElement definition, string id, BpmnContext context)
    {
        foreach (var (name, kind) in new[] { ("timeDate", TimerKind.Date), ("timeDuration", TimerKind.Duration), ("timeCycle", TimerKind.Cycle) })
        {
            if (definition.Element(BpmnNames.Model + name) is not { } e) continue;
            var expression = e.Value.Trim();
            // Camunda accepts cron expressions as time cycles; ISO 8601 intervals never contain spaces.
            var literal = new TimerDefinition(kind == TimerKind.Cycle && expression.Any(char.IsWhiteSpace) ? TimerKind.Cron : kind, expression);
            if (expression.Length == 0 || Validation.TimerSyntax.Error(literal) is null) return literal;
            var declared = BpmnContext.Attr(e, "language") ?? BpmnContext.Attr(e.Document?.Root, "expressionLanguage");
            var evaluated = declared is null ? Marked(expression) : Declared(expression, declared, name, e, id, context);
            return evaluated is null ? literal : new TimerDefinition(kind, expression) { Evaluated = evaluated };
        }
        return null;
    }

    /// <summary>An expression by the vendors' markers (<c>=…</c> FEEL, <c>${…}</c>/<c>#{…}</c> JUEL); null for other text.</summary>
    internal static DeclaredExpression? Marked(string text)
    {
        if (text.StartsWith('=')) return ExpressionText.StripFeel(text) is { } feel ? new DeclaredExpression(feel, ExpressionLanguage.Feel) : null;
        return text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)
            ? new DeclaredExpression(text, ExpressionLanguage.Juel) : null;
    }

    private static DeclaredExpression? Declared(string text, string declared, string name, XElement e, string id, BpmnContext context)
    {
        if (ExpressionLanguages.Resolve(declared) is not { } language)
        {
            context.Error(Validation.DiagnosticCodes.UnsupportedExpressionLanguage,
                $"{name} of {id} is in expression language {declared}, which the engine does not run (FEEL, JUEL and JavaScript do)", e, id, [declared]);
            return new DeclaredExpression(text, ExpressionLanguage.Unsupported);
        }
        var stripped = language switch
        {
            ExpressionLanguage.Feel => ExpressionText.StripFeel(text),
            ExpressionLanguage.Juel => text,
            _ => ExpressionText.Normalise(text),
        };
        return stripped is null ? null : new DeclaredExpression(stripped, language);
    }
}

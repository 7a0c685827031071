using System.Globalization;
using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Timers;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// Activities: one mapping per Elsa activity type.
internal sealed partial class ElsaMapper
{
    private Mapped? MapActivity(JsonItem activity, string? parentId, bool mayStart)
    {
        var position = Position(activity);
        if (activity.Kind != JsonValueKind.Object)
        {
            Error(DiagnosticCodes.NotElsa, "an activity must be a JSON object", null, activity);
            return null;
        }
        var type = activity.GetString("type") ?? "";
        var shortType = ShortType(type);
        var typeName = type.Length == 0 ? "Activity" : type[(type.LastIndexOf('.') + 1)..];
        var elsaId = activity.GetString("id");
        if (string.IsNullOrWhiteSpace(elsaId))
        {
            var generated = (parentId ?? "activity") + "-" + typeName;
            elsaId = generated;
            for (var i = 2; !activityIds.Add(elsaId); i++) elsaId = generated + "-" + i.ToString(CultureInfo.InvariantCulture);
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.MissingId, $"activity of type {type} has no id; using '{elsaId}'", elsaId, position, file));
        }
        else if (!activityIds.Add(elsaId))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateId, $"activity id '{elsaId}' is used more than once", elsaId, position, file));
        }
        var display = activity.Get("metadata")?.GetString("displayText");
        var context = new ActivityContext(this, activity, elsaId, type, string.IsNullOrWhiteSpace(display) ? typeName : display,
            parentId, position);

        if (IsTrigger(shortType) && !mayStart && CanStartWorkflow(activity))
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.TriggerNotStart,
                $"activity {elsaId} ({type}) may start the workflow but is not at process level without incoming connections; it waits for its trigger in the flow",
                elsaId, position, file));
        }

        return shortType switch
        {
            "Start" => Simple(context, NodeKind.StartEvent),
            // Terminal nodes: they complete their flowchart, ending its other paths.
            "End" => Simple(context, NodeKind.EndEvent, n => n.CompletesScope = true),
            "Complete" => MapComplete(context),
            "Finish" => Simple(context, NodeKind.EndEvent, n => n.Trigger = EventTrigger.Terminate),
            "WriteLine" => Bookkeeping(Simple(context, NodeKind.ScriptTask,
                n => n.Script = $"writeLine({TrimExpression(context.Js("text", "String") ?? "\"\"")})")),
            "SetVariable" => Bookkeeping(MapSetVariable(context)),
            "RunJavaScript" => MapRunJavaScript(context),
            "FlowDecision" => MapDecision(context),
            "FlowSwitch" => MapSwitch(context),
            "FlowFork" => MapFlowFork(context),
            "FlowJoin" => MapFlowJoin(context),
            "Fork" => MapFork(context),
            "Sequence" => MapSequence(context),
            "Flowchart" => MapNestedFlowchart(context),
            // Elsa 3 names the Delay input timeSpan; some hand-written files say duration.
            "Delay" => MapTimer(context, context.HasInput("duration") && !context.HasInput("timeSpan") ? "duration" : "timeSpan",
                TimerKind.Duration, mayStart: false),
            "Timer" => MapTimer(context, "interval", mayStart ? TimerKind.Cycle : TimerKind.Duration, mayStart),
            "Cron" => MapTimer(context, "cronExpression", TimerKind.Cron, mayStart),
            "StartAt" => MapTimer(context, "dateTime", TimerKind.Date, mayStart),
            "Event" => MapMessage(context, mayStart ? NodeKind.StartEvent : NodeKind.IntermediateCatchEvent),
            "PublishEvent" => MapMessage(context, NodeKind.IntermediateThrowEvent),
            "RunTask" => MapRunTask(context),
            "FlowNode" => MapFlowNode(context),
            "ForEach" => MapForEach(context, parallel: false),
            "ParallelForEach" => MapForEach(context, parallel: true),
            "SetOutput" => Bookkeeping(MapSetOutput(context)),
            "Fault" => MapFault(context),
            "ExecuteWorkflow" or "DispatchWorkflow" => MapExecuteWorkflow(context),
            "SendHttpRequest" => MapSendHttpRequest(context),
            "FlowSendHttpRequest" => MapFlowSendHttpRequest(context),
            "HttpEndpoint" or "WriteHttpResponse" => HttpEndpoint(context),
            _ when context.Activity.GetString("workflowDefinitionId") is { } called => MapWorkflowActivity(context, called),
            _ => Unsupported(context),
        };
    }

    private static bool IsTrigger(string shortType) => shortType is "Timer" or "Cron" or "StartAt" or "Event";

    private static bool CanStartWorkflow(JsonItem activity) =>
        activity.Get("canStartWorkflow")?.Boolean ?? activity.Get("customProperties")?.Get("canStartWorkflow")?.Boolean ?? false;

    private Mapped Simple(ActivityContext context, NodeKind kind, Action<NodeDraft>? configure = null, PortRule? ports = null)
    {
        var node = NewNode(Unique(context.ElsaId), kind, context.ParentId, context.Position);
        node.Name = context.Name;
        configure?.Invoke(node);
        return new Mapped(context.ElsaId, node, node, ports, context.Position, context.Activity);
    }

    // A log line, a variable or a workflow output is the engine's plumbing, not work: FlowNode.IsBookkeeping.
    private static Mapped Bookkeeping(Mapped mapped)
    {
        mapped.Entry.IsBookkeeping = true;
        return mapped;
    }

    private Mapped Unsupported(ActivityContext context)
    {
        context.Error(DiagnosticCodes.UnsupportedElement, $"unsupported: Elsa activity type {(context.Type.Length == 0 ? "(none)" : context.Type)}");
        // A placeholder keeps connections resolvable, so the file reports this one problem, not a cascade.
        return Simple(context, NodeKind.Task);
    }

    private Mapped MapSetVariable(ActivityContext context)
    {
        var variable = context.Activity.Get("variable");
        string? name = null, variableId = null, typeName = null;
        if (variable?.Kind == JsonValueKind.Object)
        {
            name = variable.GetString("name");
            variableId = variable.GetString("id");
            typeName = variable.GetString("typeName");
        }
        else if (variable?.String is { } reference)
        {
            variableId = reference;
        }
        if (name is null && variableId is not null)
        {
            if (variablesById.TryGetValue(variableId, out var byId) || variablesByName.TryGetValue(variableId, out byId)) name = byId.Name;
        }
        if (name is null)
        {
            context.Error(DiagnosticCodes.MissingReference, $"SetVariable activity {context.ElsaId} names no declared variable");
            return Simple(context, NodeKind.ScriptTask);
        }
        if (!variablesByName.ContainsKey(name))
        {
            // Declared only on the activity: still a workflow variable, so the interpreter provides its accessors.
            AddVariable(name, variableId, typeName, variable?.Get("value"), variable!);
        }
        typeName ??= variablesByName[name].TypeName;
        var value = context.Js("value", typeName) ?? "null";
        return Simple(context, NodeKind.ScriptTask, n =>
        {
            n.Script = value;
            n.ResultVariable = name;
        });
    }

    private Mapped MapRunJavaScript(ActivityContext context)
    {
        var script = context.Literal("script", allowScript: true);
        var reference = context.Activity.Get("result")?.Get("memoryReference")?.GetString("id");
        // The result goes to a variable (by id) or to a workflow output (by name).
        var result = reference is not null && (variablesById.TryGetValue(reference, out var variable) || variablesByName.TryGetValue(reference, out variable))
            ? variable.Name : null;
        var compiled = script is null ? "" : ElsaScript.AsScript(script);
        // Outcomes a script names are known only when it runs (Elsa's RunJavaScript: "Done" unless it sets others).
        var setsOutcomes = compiled.Contains("setOutcome", StringComparison.Ordinal);
        return Simple(context, NodeKind.ScriptTask, n =>
        {
            n.Script = compiled;
            n.ResultVariable = result;
            n.ScriptSetsOutcomes = setsOutcomes;
        });
    }

    private Mapped MapDecision(ActivityContext context)
    {
        var ports = new PortRule { DefaultPort = "False", Closed = true };
        ports.Conditions["True"] = TrimExpression(context.Js("condition", "Boolean") ?? "false");
        return Simple(context, NodeKind.ExclusiveGateway, ports: ports);
    }

    private Mapped MapSwitch(ActivityContext context)
    {
        var mode = context.Literal("mode") ?? "MatchFirst";
        var matchAny = mode is "MatchAny" or "1";
        if (!matchAny && mode is not ("MatchFirst" or "0"))
        {
            context.Error(DiagnosticCodes.InvalidValue, $"FlowSwitch activity {context.ElsaId} has unknown mode '{mode}'");
        }
        var ports = new PortRule { DefaultPort = "Default", Closed = true };
        var cases = context.Activity.Get("cases");
        foreach (var (item, index) in (cases?.Items ?? []).Select((c, i) => (c, i)))
        {
            var label = item.GetString("label");
            if (string.IsNullOrEmpty(label))
            {
                context.Error(DiagnosticCodes.InvalidValue, $"case {index.ToString(CultureInfo.InvariantCulture)} of FlowSwitch activity {context.ElsaId} has no label");
                continue;
            }
            var condition = context.Js(ExpressionOf(item.Get("condition")), $"cases[{label}].condition", "Boolean") ?? "false";
            ports.Conditions.TryAdd(label, TrimExpression(condition));
        }
        return Simple(context, matchAny ? NodeKind.InclusiveGateway : NodeKind.ExclusiveGateway, ports: ports);
    }

    private Mapped MapFlowFork(ActivityContext context)
    {
        var branches = context.StringList("branches");
        // Without a literal branch list every connection is taken, which is what a fork is drawn for.
        var ports = new PortRule { Closed = branches is not null };
        foreach (var branch in branches ?? []) ports.Plain.Add(branch);
        return Simple(context, NodeKind.ParallelGateway, ports: ports);
    }

    private Mapped MapFlowJoin(ActivityContext context)
    {
        // Elsa's FlowJoin defaults to WaitAny; FlowJoinMode numbers WaitAll 0, WaitAny 1.
        var mode = context.Literal("mode") ?? "WaitAny";
        var join = mode switch
        {
            "WaitAll" or "0" => Simple(context, NodeKind.ParallelGateway),
            "WaitAny" or "1" => Simple(context, NodeKind.ParallelGateway, n => n.JoinMode = JoinMode.FirstArrival),
            // Waits for the branches that can still arrive: the inclusive join's semantics.
            "WaitAllActive" => Simple(context, NodeKind.InclusiveGateway),
            _ => InvalidMode(context, mode),
        };
        return join with { IsJoin = true };
    }

    private Mapped InvalidMode(ActivityContext context, string mode)
    {
        context.Error(DiagnosticCodes.InvalidValue, $"{context.Type} activity {context.ElsaId} has unknown mode '{mode}'");
        return Simple(context, NodeKind.ParallelGateway);
    }

    private Mapped MapFork(ActivityContext context)
    {
        var joinMode = (context.Literal("joinMode") ?? "WaitAll") switch
        {
            "WaitAll" or "0" => JoinMode.Standard,
            "WaitAny" or "1" => JoinMode.FirstArrival,
            var other => InvalidJoinMode(context, other),
        };
        var sub = Simple(context, NodeKind.SubProcess);
        var scope = sub.Entry.Id;
        var start = NewNode(Unique(scope + "-start"), NodeKind.StartEvent, scope, context.Position);
        var split = NewNode(Unique(scope + "-split"), NodeKind.ParallelGateway, scope, context.Position);
        AddFlow(start, split, null, null, null);
        var ends = new List<NodeDraft>();
        foreach (var branch in context.Activity.Get("branches")?.Items ?? [])
        {
            if (MapActivity(branch, scope, mayStart: false) is not { } m) continue;
            AddFlow(split, m.Entry, null, null, null);
            ends.Add(m.Exit);
        }
        var join = NewNode(Unique(scope + "-join"), NodeKind.ParallelGateway, scope, context.Position);
        join.JoinMode = joinMode;
        if (ends.Count == 0) AddFlow(split, join, null, null, null);
        foreach (var end in ends) AddFlow(end, join, null, null, null);
        AddFlow(join, NewNode(Unique(scope + "-end"), NodeKind.EndEvent, scope, context.Position), null, null, null);
        return sub;
    }

    private static JoinMode InvalidJoinMode(ActivityContext context, string mode)
    {
        context.Error(DiagnosticCodes.InvalidValue, $"Fork activity {context.ElsaId} has unknown joinMode '{mode}'");
        return JoinMode.Standard;
    }

    private Mapped MapSequence(ActivityContext context)
    {
        NodeDraft? entry = null, exit = null;
        foreach (var item in context.Activity.Get("activities")?.Items ?? [])
        {
            if (MapActivity(item, context.ParentId, mayStart: false) is not { } m) continue;
            if (exit is null) entry = m.Entry;
            else AddFlow(exit, m.Entry, null, null, null);
            exit = m.Exit;
        }
        // An empty sequence still needs a node for its connections; a none throw event passes straight through.
        if (entry is null || exit is null) return Simple(context, NodeKind.IntermediateThrowEvent);
        return new Mapped(context.ElsaId, entry, exit, null, context.Position, context.Activity);
    }

    private Mapped MapNestedFlowchart(ActivityContext context)
    {
        var sub = Simple(context, NodeKind.SubProcess);
        MapFlowchart(context.Activity, sub.Entry.Id, sub.Entry.Id);
        return sub;
    }

    private Mapped MapTimer(ActivityContext context, string input, TimerKind kind, bool mayStart)
    {
        var text = context.Literal(input);
        var nodeKind = mayStart ? NodeKind.StartEvent : NodeKind.IntermediateCatchEvent;
        if (text is null)
        {
            if (!context.HasInput(input)) context.Error(DiagnosticCodes.MissingInput, $"{context.Type} activity {context.ElsaId} has no {input}");
            return Simple(context, nodeKind, n => n.Trigger = EventTrigger.Timer);
        }
        var expression = text.Trim();
        if (kind is TimerKind.Duration or TimerKind.Cycle)
        {
            if (ToIsoDuration(expression) is not { } iso)
            {
                context.Error(DiagnosticCodes.InvalidTimer,
                    $"{input} '{text}' of activity {context.ElsaId} is neither a TimeSpan (d.hh:mm:ss) nor an ISO 8601 duration");
                return Simple(context, nodeKind, n => n.Trigger = EventTrigger.Timer);
            }
            expression = kind == TimerKind.Cycle ? "R/" + iso : iso;
        }
        var timer = new TimerDefinition(kind, expression);
        if (!TimerSchedule.TryParse(timer, out _, out var error))
        {
            context.Error(DiagnosticCodes.InvalidTimer, $"{error} ({input} of activity {context.ElsaId})");
        }
        return Simple(context, nodeKind, n =>
        {
            n.Trigger = EventTrigger.Timer;
            n.Timer = timer;
        });
    }

    private Mapped MapMessage(ActivityContext context, NodeKind kind)
    {
        var name = context.Literal("eventName");
        if (name is null && !context.HasInput("eventName")) context.Error(DiagnosticCodes.MissingMessageName, $"{context.Type} activity {context.ElsaId} has no eventName");
        return Simple(context, kind, n =>
        {
            n.Trigger = EventTrigger.Message;
            n.MessageName = name;
        });
    }

    private Mapped MapRunTask(ActivityContext context)
    {
        var task = context.Literal("taskName");
        if (task is null && !context.HasInput("taskName")) context.Error(DiagnosticCodes.MissingInput, $"RunTask activity {context.ElsaId} has no taskName");
        var hasDisplayText = !string.IsNullOrWhiteSpace(context.Activity.Get("metadata")?.GetString("displayText"));
        return Simple(context, NodeKind.UserTask, n =>
        {
            n.Roles = task is null ? [] : [task];
            if (!hasDisplayText && task is not null) n.Name = task;
        });
    }
}

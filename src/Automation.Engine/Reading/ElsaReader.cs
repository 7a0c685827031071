using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Model;
using Automation.Engine.Timers;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading;

/// <summary>
/// Imports Elsa Workflows 3 workflow-definition JSON onto the engine's process model, so Elsa users bring their
/// flowcharts along. Never throws on bad input: problems become <see cref="Diagnostic"/>s with the activity id and
/// its line in the file.
/// </summary>
/// <remarks>
/// <para>
/// Activities map to BPMN node kinds: Start → none start event; End → none end event; Finish → terminate end event;
/// WriteLine, SetVariable and RunJavaScript → script tasks; FlowDecision → exclusive gateway (port True carries the
/// condition, port False is the default flow); FlowSwitch → exclusive (MatchFirst) or inclusive (MatchAny) gateway
/// with one condition per case label and port Default as default flow; FlowFork → parallel split; FlowJoin →
/// parallel join (WaitAny → <see cref="JoinMode.FirstArrival"/>, WaitAll → standard; WaitAllActive → inclusive
/// join); Fork → embedded sub-process with start, split, branches, join and end; Sequence → a chain of its
/// activities; nested Flowchart → embedded sub-process; Delay, Timer, Cron and StartAt → timer events; Event →
/// message start or catch event; PublishEvent → message throw event; RunTask → user task for the role named by the
/// task. Timer, Cron, StartAt and Event start the process when they sit at process level without incoming
/// connections, and wait in the flow otherwise. Other activity types are reported as <c>unsupported-element</c>.
/// </para>
/// <para>
/// Scripts follow two conventions the interpreter provides in its sandbox: WriteLine becomes
/// <c>writeLine(text)</c> calling the host function <c>writeLine(string)</c>, and scripts keep Elsa's generated
/// accessors <c>getName()</c> / <c>setName(value)</c> for every declared variable, which is why
/// <see cref="ProcessDefinition.Variables"/> lists every variable the workflow declares or sets. A Variable
/// expression becomes <c>getName()</c>.
/// </para>
/// <para>
/// Where Elsa ends a path silently — a decision or switch outcome without connection — the reader adds an end
/// event, because a BPMN gateway without a matching flow is an error instead.
/// </para>
/// </remarks>
public static partial class ElsaReader
{
    /// <summary>Reads an Elsa 3 workflow definition from a UTF-8 stream.</summary>
    /// <param name="stream">The JSON content, read from its current position to the end and left open; refused beyond <see cref="ReaderLimits.MaxBytes"/>.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Size and nesting limits; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <returns>The process (none when the file cannot be parsed) and the diagnostics.</returns>
    public static DefinitionSet Read(Stream stream, string? fileName = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ReaderLimits.Default;
        var diagnostics = new List<Diagnostic>();
        if (SourceInput.ReadBounded(stream, fileName, limits, diagnostics) is not { } bytes) return Failed(fileName, diagnostics, "");
        var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        return ReadUtf8(bytes, Encoding.UTF8.GetString(bytes.AsSpan(bom)), fileName, limits);
    }

    /// <summary>Reads an Elsa 3 workflow definition from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Size and nesting limits; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <returns>The process (none when the text cannot be parsed) and the diagnostics.</returns>
    public static DefinitionSet ReadText(string json, string? fileName = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= ReaderLimits.Default;
        var size = Encoding.UTF8.GetByteCount(json);
        if (size > limits.MaxBytes) return Failed(fileName, [SourceInput.TooLarge(size, fileName, limits)], json);
        return ReadUtf8(Encoding.UTF8.GetBytes(json), json, fileName, limits);
    }

    private static DefinitionSet Failed(string? fileName, List<Diagnostic> diagnostics, string text) =>
        new(fileName, SourceFormat.ElsaJson, [], [], diagnostics, text);

    private static DefinitionSet ReadUtf8(byte[] utf8, string text, string? fileName, ReaderLimits limits)
    {
        var diagnostics = new List<Diagnostic>();
        var json = PositionedJson.Parse(utf8, limits, fileName, diagnostics);
        var processes = new List<ProcessDefinition>();
        if (json is not null && new Mapper(json, fileName, limits, diagnostics).Map() is { } process) processes.Add(process);
        return new DefinitionSet(fileName, SourceFormat.ElsaJson, processes, [], diagnostics, text);
    }

    /// <summary>Maps one parsed document; holds the nodes, flows and ids of the process being built.</summary>
    private sealed partial class Mapper
    {
        private readonly PositionedJson json;
        private readonly string? file;
        private readonly ReaderLimits limits;
        private readonly List<Diagnostic> diagnostics;
        private readonly List<NodeDraft> nodes = [];
        private readonly List<SequenceFlow> flows = [];
        private readonly HashSet<string> usedIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> nextSuffix = new(StringComparer.Ordinal);
        private readonly HashSet<string> activityIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> flowLimitReported = new(StringComparer.Ordinal);
        private readonly List<DeclaredVariable> variables = [];
        private readonly Dictionary<string, VariableInfo> variablesById = new(StringComparer.Ordinal);
        private readonly Dictionary<string, VariableInfo> variablesByName = new(StringComparer.Ordinal);

        public Mapper(PositionedJson json, string? file, ReaderLimits limits, List<Diagnostic> diagnostics)
        {
            this.json = json;
            this.file = file;
            this.limits = limits;
            this.diagnostics = diagnostics;
        }

        public ProcessDefinition? Map()
        {
            var document = json.Root;
            if (document.Kind != JsonValueKind.Object)
            {
                Error(DiagnosticCodes.NotElsa, "an Elsa workflow definition must be a JSON object", null, document);
                return null;
            }
            var root = document.Get("root");
            var definition = document;
            if (root is null && (IsFlowchart(document) || document.GetString("type") is not null)) root = document;
            if (root is null || root.Kind != JsonValueKind.Object)
            {
                Error(DiagnosticCodes.NotElsa, "no root activity: expected a workflow definition with 'root' or an Elsa.Flowchart", null, document);
                return null;
            }
            var id = definition.GetString("definitionId") ?? definition.GetString("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                id = string.IsNullOrWhiteSpace(file) ? "elsa-workflow" : Path.GetFileNameWithoutExtension(file);
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.MissingId, $"the workflow has no definitionId or id; using '{id}'", id,
                    json.PositionOf(definition.Offset), file));
            }
            ReadVariables(definition.Get("variables"));
            if (!ReferenceEquals(root, definition)) ReadVariables(root.Get("variables"));

            if (IsFlowchart(root))
            {
                MapFlowchart(root, null, root.GetString("id") ?? id);
            }
            else if (MapActivity(root, null, mayStart: false) is { } single)
            {
                var start = NewNode(Unique((root.GetString("id") ?? id) + "-start"), NodeKind.StartEvent, null, single.Position);
                AddFlow(start, single.Entry, null, null, null);
            }
            return new ProcessDefinition(id, definition.GetString("name"), SourceFormat.ElsaJson,
                nodes.Select(n => n.ToNode()), flows, variables: variables) { Position = json.PositionOf(definition.Offset) };
        }

        private static bool IsFlowchart(JsonItem activity) =>
            ShortType(activity.GetString("type")) == "Flowchart"
            || (activity.GetString("type") is null && activity.Get("activities") is not null);

        private static string ShortType(string? type) =>
            type is null ? "" : type.StartsWith("Elsa.", StringComparison.Ordinal) ? type[5..] : type;

        // ---- flowcharts and connections -------------------------------------------------------------------

        private void MapFlowchart(JsonItem chart, string? parentId, string scopeName)
        {
            var connections = ReadConnections(chart);
            var withIncoming = connections.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
            var mapped = new Dictionary<string, Mapped>(StringComparer.Ordinal);
            var order = new List<Mapped>();
            foreach (var activity in chart.Get("activities")?.Items ?? [])
            {
                var activityId = activity.GetString("id");
                var mayStart = parentId is null && (activityId is null || !withIncoming.Contains(activityId));
                if (MapActivity(activity, parentId, mayStart) is not { } m) continue;
                mapped.TryAdd(m.ElsaId, m);
                order.Add(m);
            }
            foreach (var connection in connections) Connect(connection, mapped);
            foreach (var m in order) CloseGateway(m);
            AddStart(chart, parentId, scopeName, mapped, order, withIncoming);
        }

        private readonly record struct Connection(string Source, string? SourcePort, string Target, JsonItem Item);

        private List<Connection> ReadConnections(JsonItem chart)
        {
            var result = new List<Connection>();
            foreach (var item in chart.Get("connections")?.Items ?? [])
            {
                if (item.Kind != JsonValueKind.Object)
                {
                    Error(DiagnosticCodes.MissingReference, "a connection must be a JSON object", null, item);
                    continue;
                }
                // Older exports: {source, target, sourcePort, targetPort}; newer: {source: {activity, port}, target: {...}}.
                var (source, sourcePort) = ConnectionEnd(item, "source", "sourcePort");
                var (target, _) = ConnectionEnd(item, "target", "targetPort");
                if (source is null || target is null)
                {
                    Error(DiagnosticCodes.MissingReference, $"connection {source ?? "?"} -> {target ?? "?"} has no {(source is null ? "source" : "target")} activity",
                        source ?? target, item);
                    continue;
                }
                result.Add(new Connection(source, sourcePort, target, item));
            }
            return result;
        }

        private static (string? Activity, string? Port) ConnectionEnd(JsonItem connection, string name, string portName)
        {
            var end = connection.Get(name);
            return end?.Kind switch
            {
                JsonValueKind.String => (end.String, connection.GetString(portName)),
                JsonValueKind.Object => (end.GetString("activity") ?? end.GetString("id"), end.GetString("port")),
                _ => (null, null),
            };
        }

        private void Connect(Connection c, Dictionary<string, Mapped> mapped)
        {
            var port = string.IsNullOrEmpty(c.SourcePort) ? "Done" : c.SourcePort;
            var label = $"{c.Source}:{port} -> {c.Target}";
            if (!mapped.TryGetValue(c.Source, out var from))
            {
                Error(DiagnosticCodes.MissingReference, $"connection {label} references missing activity '{c.Source}'", c.Source, c.Item);
                return;
            }
            if (!mapped.TryGetValue(c.Target, out var to))
            {
                Error(DiagnosticCodes.MissingReference, $"connection {label} references missing activity '{c.Target}'", c.Target, c.Item);
                return;
            }
            string? condition = null;
            var isDefault = false;
            if (from.Ports is { } ports)
            {
                if (ports.Conditions.TryGetValue(port, out var caseCondition)) condition = caseCondition;
                else if (port == ports.DefaultPort) isDefault = true;
                else if (ports.Closed && !ports.Plain.Contains(port))
                {
                    diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.UnknownPort,
                        $"activity {from.ElsaId} has no outcome '{port}'; connection {label} is never taken", from.ElsaId, Position(c.Item), file));
                    return;
                }
            }
            var flow = AddFlow(from.Exit, to.Entry, port, condition, Position(c.Item));
            if (flow is not null && isDefault) from.Exit.DefaultFlowId ??= flow.Id;
        }

        private void CloseGateway(Mapped m)
        {
            if (m.Ports is not { } ports || (ports.Conditions.Count == 0 && ports.DefaultPort is null)) return;
            var gateway = m.Exit;
            var connected = gateway.Outgoing.Select(f => gateway.FlowPorts[f] ?? "").ToHashSet(StringComparer.Ordinal);
            foreach (var (port, condition) in ports.Conditions)
            {
                if (!connected.Contains(port)) AddImplicitEnd(m, port, condition);
            }
            if (ports.DefaultPort is { } defaultPort && gateway.DefaultFlowId is null)
            {
                gateway.DefaultFlowId = AddImplicitEnd(m, defaultPort, null)?.Id;
            }
            // Gateways test outgoing flows in order, Elsa tests cases in order: conditional flows first, in case order.
            var caseOrder = ports.Conditions.Keys.ToList();
            int Rank(string flowId) => gateway.FlowPorts[flowId] is { } port && caseOrder.IndexOf(port) is >= 0 and var rank ? rank : int.MaxValue;
            var sorted = gateway.Outgoing.Select((flowId, index) => (flowId, index))
                .OrderBy(x => Rank(x.flowId)).ThenBy(x => x.index).Select(x => x.flowId).ToList();
            gateway.Outgoing.Clear();
            gateway.Outgoing.AddRange(sorted);
        }

        private SequenceFlow? AddImplicitEnd(Mapped m, string port, string? condition)
        {
            var end = NewNode(Unique($"{m.Exit.Id}-{IdPart(port)}-end"), NodeKind.EndEvent, m.Exit.ParentId, m.Position);
            return AddFlow(m.Exit, end, port, condition, null, $"{m.Exit.Id}-{port}");
        }

        private void AddStart(JsonItem chart, string? parentId, string scopeName, Dictionary<string, Mapped> mapped,
            List<Mapped> order, HashSet<string> withIncoming)
        {
            if (nodes.Any(n => n.ParentId == parentId && n.Kind == NodeKind.StartEvent)) return;
            List<Mapped> targets;
            var startName = chart.GetString("start");
            if (startName is not null && mapped.TryGetValue(startName, out var named))
            {
                targets = [named];
            }
            else
            {
                if (startName is not null)
                {
                    diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.MissingReference,
                        $"flowchart {scopeName} starts at missing activity '{startName}'; starting at activities without incoming connections",
                        startName, Position(chart), file));
                }
                targets = [.. order.Where(m => !withIncoming.Contains(m.ElsaId))];
            }
            var start = NewNode(Unique(scopeName + "-start"), NodeKind.StartEvent, parentId, Position(chart));
            foreach (var target in targets) AddFlow(start, target.Entry, null, null, null);
        }

        // ---- activities ----------------------------------------------------------------------------------

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
                "End" => Simple(context, NodeKind.EndEvent),
                "Finish" => Simple(context, NodeKind.EndEvent, n => n.Trigger = EventTrigger.Terminate),
                "WriteLine" => Simple(context, NodeKind.ScriptTask,
                    n => n.Script = $"writeLine({TrimExpression(context.Js("text", "String") ?? "\"\"")})"),
                "SetVariable" => MapSetVariable(context),
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
            return new Mapped(context.ElsaId, node, node, ports, context.Position);
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
            var result = reference is not null && variablesById.TryGetValue(reference, out var variable) ? variable.Name : null;
            return Simple(context, NodeKind.ScriptTask, n =>
            {
                n.Script = script ?? "";
                n.ResultVariable = result;
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
            return mode switch
            {
                "WaitAll" or "0" => Simple(context, NodeKind.ParallelGateway),
                "WaitAny" or "1" => Simple(context, NodeKind.ParallelGateway, n => n.JoinMode = JoinMode.FirstArrival),
                // Waits for the branches that can still arrive: the inclusive join's semantics.
                "WaitAllActive" => Simple(context, NodeKind.InclusiveGateway),
                _ => InvalidMode(context, mode),
            };
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
            return new Mapped(context.ElsaId, entry, exit, null, context.Position);
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

        // ---- variables -----------------------------------------------------------------------------------

        private sealed record VariableInfo(string Name, string? Id, string? TypeName);

        private void ReadVariables(JsonItem? list)
        {
            foreach (var item in list?.Items ?? [])
            {
                var name = item.GetString("name");
                if (string.IsNullOrWhiteSpace(name))
                {
                    Error(DiagnosticCodes.InvalidValue, "a workflow variable has no name", item.GetString("id"), item);
                    continue;
                }
                AddVariable(name, item.GetString("id"), item.GetString("typeName"), item.Get("value"), item);
            }
        }

        private void AddVariable(string name, string? id, string? typeName, JsonItem? value, JsonItem at)
        {
            var info = new VariableInfo(name, id, typeName);
            if (id is not null) variablesById.TryAdd(id, info);
            if (!variablesByName.TryAdd(name, info)) return;
            variables.Add(new DeclaredVariable(name, InitialValue(name, typeName, value, at)));
        }

        private object? InitialValue(string name, string? typeName, JsonItem? value, JsonItem at)
        {
            if (value is null) return null;
            var text = value.ScalarText;
            switch (TypeCategory(typeName))
            {
                case ValueCategory.Number:
                    if (text is null || text.Length == 0) return null;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
                    Error(DiagnosticCodes.InvalidValue, $"initial value '{text}' of variable {name} is not a number", name, at);
                    return null;
                case ValueCategory.Boolean:
                    if (text is null || text.Length == 0) return null;
                    if (bool.TryParse(text, out var flag)) return flag;
                    Error(DiagnosticCodes.InvalidValue, $"initial value '{text}' of variable {name} is not a boolean", name, at);
                    return null;
                case ValueCategory.String:
                    return text ?? json.RawText(value);
                default:
                    return value.Kind switch
                    {
                        JsonValueKind.Number => double.Parse(value.Text!, NumberStyles.Float, CultureInfo.InvariantCulture),
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.String => value.String,
                        _ => json.RawText(value),
                    };
            }
        }

        private enum ValueCategory { Other, Number, Boolean, String }

        private static ValueCategory TypeCategory(string? typeName)
        {
            if (typeName is null) return ValueCategory.Other;
            // "System.Int32, System.Private.CoreLib" and "Int32" name the same type.
            var comma = typeName.IndexOf(',', StringComparison.Ordinal);
            var name = comma >= 0 ? typeName[..comma] : typeName;
            name = name[(name.LastIndexOf('.') + 1)..].TrimEnd('?').ToUpperInvariant();
            return name switch
            {
                "INT16" or "INT32" or "INT64" or "UINT16" or "UINT32" or "UINT64" or "BYTE" or "SBYTE" or "SINGLE" or "DOUBLE"
                    or "DECIMAL" or "FLOAT" or "INT" or "LONG" or "SHORT" or "NUMBER" => ValueCategory.Number,
                "BOOLEAN" or "BOOL" => ValueCategory.Boolean,
                "STRING" or "CHAR" => ValueCategory.String,
                _ => ValueCategory.Other,
            };
        }

        // ---- expressions ---------------------------------------------------------------------------------

        private readonly record struct ElsaExpression(string Language, JsonItem? Value, string? TypeName);

        /// <summary>Reads Elsa's input forms: {typeName, expression: {type, value}}, a bare {type, value}, or a plain value.</summary>
        private static ElsaExpression? ExpressionOf(JsonItem? input)
        {
            if (input is null) return null;
            if (input.Kind != JsonValueKind.Object) return new ElsaExpression("Literal", input, null);
            var typeName = input.GetString("typeName");
            if (input.Get("expression") is { Kind: JsonValueKind.Object } expression)
            {
                return new ElsaExpression(expression.GetString("type") ?? "Literal", expression.Get("value"), typeName);
            }
            if (input.GetString("type") is { } language && input.Get("expression") is null) return new ElsaExpression(language, input.Get("value"), typeName);
            // An input wrapper with only a type (e.g. an unset payload) carries no value.
            if (typeName is not null) return null;
            return new ElsaExpression("Object", input, null);
        }

        [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
        private static partial Regex Identifier();

        /// <summary>ISO 8601 form of an Elsa TimeSpan ("00:00:05" → PT5S, "1.02:00:00" → P1DT2H); ISO text passes through.</summary>
        private static string? ToIsoDuration(string text)
        {
            if (text.StartsWith('P')) return text;
            // Without a colon TimeSpan.TryParse would read "5" as five days.
            if (!text.Contains(':', StringComparison.Ordinal) || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
                || span < TimeSpan.Zero)
            {
                return null;
            }
            var iso = new StringBuilder("P");
            if (span.Days > 0) iso.Append(span.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
            var seconds = span.Seconds + span.Ticks % TimeSpan.TicksPerSecond / (decimal)TimeSpan.TicksPerSecond;
            if (span.Days > 0 && span.Hours == 0 && span.Minutes == 0 && seconds == 0) return iso.ToString();
            iso.Append('T');
            if (span.Hours > 0) iso.Append(span.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            if (span.Minutes > 0) iso.Append(span.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            if (seconds > 0 || (span.Hours == 0 && span.Minutes == 0)) iso.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
            return iso.ToString();
        }

        private static string TrimExpression(string script) => script.Trim().TrimEnd(';').TrimEnd();

        /// <summary>A JavaScript string literal that Jint reads back as <paramref name="text"/>.</summary>
        private static string JsString(string text)
        {
            var sb = new StringBuilder(text.Length + 2).Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case < ' ' or '\u2028' or '\u2029':
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        break;
                    default: sb.Append(c); break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>Context of the activity being mapped, with helpers that report against it.</summary>
        private sealed class ActivityContext(Mapper mapper, JsonItem activity, string elsaId, string type, string name,
            string? parentId, SourcePosition position)
        {
            public JsonItem Activity => activity;
            public string ElsaId => elsaId;
            public string Type => type;
            public string Name => name;
            public string? ParentId => parentId;
            public SourcePosition Position => position;

            public void Error(string code, string message) =>
                mapper.diagnostics.Add(Diagnostic.Error(code, message, elsaId, position, mapper.file));

            public bool HasInput(string input) => activity.Get(input) is not null;

            /// <summary>An input as JavaScript; null when absent or not translatable (then reported).</summary>
            public string? Js(string input, string? typeName) => Js(ExpressionOf(activity.Get(input)), input, typeName);

            public string? Js(ElsaExpression? expression, string input, string? typeName)
            {
                if (expression is not { } e) return null;
                switch (e.Language)
                {
                    case "Literal":
                        return LiteralJs(e.Value, typeName ?? e.TypeName, input);
                    case "JavaScript":
                        if (e.Value?.ScalarText is { } script) return script;
                        Error(DiagnosticCodes.InvalidValue, $"JavaScript expression of input '{input}' of activity {elsaId} is not text");
                        return null;
                    case "Object":
                        if (e.Value is null) return "null";
                        return e.Value.Kind switch
                        {
                            JsonValueKind.String => "(" + e.Value.String + ")",
                            JsonValueKind.Object or JsonValueKind.Array => "(" + mapper.json.RawText(e.Value) + ")",
                            _ => e.Value.ScalarText,
                        };
                    case "Variable":
                        var reference = e.Value?.Kind == JsonValueKind.Object
                            ? e.Value.GetString("name") ?? e.Value.GetString("id")
                            : e.Value?.String;
                        var variable = reference is null ? null
                            : mapper.variablesByName.GetValueOrDefault(reference) ?? mapper.variablesById.GetValueOrDefault(reference);
                        if (variable is not null && Identifier().IsMatch(variable.Name)) return $"get{variable.Name}()";
                        Error(DiagnosticCodes.MissingReference, $"input '{input}' of activity {elsaId} refers to unknown variable '{reference}'");
                        return null;
                    default:
                        Error(DiagnosticCodes.UnsupportedExpression, $"expression language {e.Language} is not supported (input '{input}' of activity {elsaId})");
                        return null;
                }
            }

            private string? LiteralJs(JsonItem? value, string? typeName, string input)
            {
                if (value is null) return "null";
                if (value.Kind is JsonValueKind.Object or JsonValueKind.Array) return "(" + mapper.json.RawText(value) + ")";
                var text = value.ScalarText!;
                switch (TypeCategory(typeName))
                {
                    case ValueCategory.Number:
                        if (value.Kind == JsonValueKind.Number) return text;
                        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                        {
                            return number.ToString("R", CultureInfo.InvariantCulture);
                        }
                        Error(DiagnosticCodes.InvalidValue, $"'{text}' is not a number (input '{input}' of activity {elsaId})");
                        return null;
                    case ValueCategory.Boolean:
                        if (bool.TryParse(text, out var flag)) return flag ? "true" : "false";
                        Error(DiagnosticCodes.InvalidValue, $"'{text}' is not a boolean (input '{input}' of activity {elsaId})");
                        return null;
                    case ValueCategory.String:
                        return JsString(text);
                    default:
                        return value.Kind == JsonValueKind.String ? JsString(text) : text;
                }
            }

            /// <summary>
            /// An input that must be known when reading (timer, event name, task name), as text. A script input
            /// (<paramref name="allowScript"/>) takes JavaScript source as its text.
            /// </summary>
            public string? Literal(string input, bool allowScript = false)
            {
                if (ExpressionOf(activity.Get(input)) is not { } e) return null;
                if (e.Language is "Literal" or "Object" || (allowScript && e.Language == "JavaScript"))
                {
                    if (e.Value is null) return null;
                    return e.Value.ScalarText ?? mapper.json.RawText(e.Value);
                }
                Error(DiagnosticCodes.UnsupportedExpression, e.Language == "JavaScript"
                    ? $"expression language JavaScript is not supported for input '{input}' of activity {elsaId}: the value must be known when reading"
                    : $"expression language {e.Language} is not supported (input '{input}' of activity {elsaId})");
                return null;
            }

            /// <summary>A list of names given as a JSON array, a JSON array in a string, or comma-separated text.</summary>
            public List<string>? StringList(string input)
            {
                if (ExpressionOf(activity.Get(input)) is not { } e || e.Language is not ("Literal" or "Object")) return null;
                if (e.Value is { Kind: JsonValueKind.Array } array) return [.. array.Items.Select(i => i.ScalarText).OfType<string>()];
                var text = e.Value?.String?.Trim();
                if (string.IsNullOrEmpty(text)) return [];
                if (!text.StartsWith('[')) return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                try
                {
                    return JsonSerializer.Deserialize<List<string>>(text) ?? [];
                }
                catch (JsonException)
                {
                    Error(DiagnosticCodes.InvalidValue, $"input '{input}' of activity {elsaId} is not a JSON list of names");
                    return null;
                }
            }
        }

        // ---- nodes, flows and ids ------------------------------------------------------------------------

        private sealed record Mapped(string ElsaId, NodeDraft Entry, NodeDraft Exit, PortRule? Ports, SourcePosition Position);

        /// <summary>How an activity's outcomes (ports) turn into flows.</summary>
        private sealed class PortRule
        {
            /// <summary>Conditional ports in evaluation order, with their JavaScript conditions.</summary>
            public OrderedDictionary<string, string> Conditions { get; } = new(StringComparer.Ordinal);

            /// <summary>The port that becomes the default flow.</summary>
            public string? DefaultPort { get; init; }

            /// <summary>Ports taken unconditionally.</summary>
            public HashSet<string> Plain { get; } = new(StringComparer.Ordinal);

            /// <summary>Whether other ports are never taken.</summary>
            public bool Closed { get; init; }
        }

        /// <summary>A node while its flows are still being added.</summary>
        private sealed class NodeDraft(string id, NodeKind kind, string? parentId, SourcePosition? position)
        {
            public string Id => id;
            public NodeKind Kind => kind;
            public string? ParentId => parentId;
            public string? Name { get; set; }
            public EventTrigger Trigger { get; set; }
            public IReadOnlyList<string> Roles { get; set; } = [];
            public TimerDefinition? Timer { get; set; }
            public string? MessageName { get; set; }
            public string? Script { get; set; }
            public string? ResultVariable { get; set; }
            public JoinMode JoinMode { get; set; }
            public string? DefaultFlowId { get; set; }
            public List<string> Incoming { get; } = [];
            public List<string> Outgoing { get; } = [];
            public Dictionary<string, string?> FlowPorts { get; } = new(StringComparer.Ordinal);

            public FlowNode ToNode() => new()
            {
                Id = id,
                Name = Name,
                Kind = kind,
                Trigger = Trigger,
                Position = position,
                ParentId = parentId,
                Roles = Roles,
                Timer = Timer,
                MessageName = MessageName,
                Script = Script,
                ResultVariable = ResultVariable,
                JoinMode = JoinMode,
                DefaultFlowId = DefaultFlowId,
                Incoming = [.. Incoming],
                Outgoing = [.. Outgoing],
            };
        }

        private NodeDraft NewNode(string id, NodeKind kind, string? parentId, SourcePosition? position)
        {
            var node = new NodeDraft(id, kind, parentId, position);
            nodes.Add(node);
            return node;
        }

        private SequenceFlow? AddFlow(NodeDraft from, NodeDraft to, string? port, string? condition, SourcePosition? position,
            string? idBase = null)
        {
            var crowded = from.Outgoing.Count >= limits.MaxFlowsPerNode ? from : to.Incoming.Count >= limits.MaxFlowsPerNode ? to : null;
            if (crowded is not null)
            {
                if (flowLimitReported.Add(crowded.Id))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TooManyFlows,
                        $"node {crowded.Id} has more than {limits.MaxFlowsPerNode.ToString(CultureInfo.InvariantCulture)} sequence flows",
                        crowded.Id, position, file));
                }
                return null;
            }
            var id = Unique(idBase ?? (port is null ? $"{from.Id}-{to.Id}" : $"{from.Id}-{port}-{to.Id}"));
            var flow = new SequenceFlow
            {
                Id = id,
                SourceId = from.Id,
                TargetId = to.Id,
                Name = port is null or "Done" ? null : port,
                Condition = condition,
                Position = position,
            };
            flows.Add(flow);
            from.Outgoing.Add(id);
            from.FlowPorts[id] = port;
            to.Incoming.Add(id);
            return flow;
        }

        /// <summary>An id not yet used by a node or flow: the wanted one, else with a counter appended.</summary>
        private string Unique(string wanted)
        {
            if (usedIds.Add(wanted)) return wanted;
            // The next suffix to try is remembered per id: a file repeating one id n times would otherwise take n² tries.
            for (var i = nextSuffix.GetValueOrDefault(wanted, 2); ; i++)
            {
                var candidate = wanted + "-" + i.ToString(CultureInfo.InvariantCulture);
                if (!usedIds.Add(candidate)) continue;
                nextSuffix[wanted] = i + 1;
                return candidate;
            }
        }

        /// <summary>A port name as part of a generated id: characters outside XML names become '_'.</summary>
        private static string IdPart(string port) =>
            string.Create(port.Length, port, (span, p) =>
            {
                for (var i = 0; i < p.Length; i++) span[i] = System.Xml.XmlConvert.IsNCNameChar(p[i]) ? p[i] : '_';
            });

        private SourcePosition Position(JsonItem item) => json.PositionOf(item.Offset);

        private void Error(string code, string message, string? elementId, JsonItem at) =>
            diagnostics.Add(Diagnostic.Error(code, message, elementId, Position(at), file));
    }
}

using System.Globalization;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// Nodes, flows and ids.
internal sealed partial class ElsaMapper
{
    /// <summary>An activity as nodes: where flows enter and leave, its ports, and its JSON (for its merge mode).</summary>
    private sealed record Mapped(string ElsaId, NodeDraft Entry, NodeDraft Exit, PortRule? Ports, SourcePosition Position, JsonItem Activity)
    {
        /// <summary>Whether the activity is a join itself (FlowJoin), so no implicit join goes in front of it.</summary>
        public bool IsJoin { get; init; }
    }

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

        /// <summary>Called once the flowchart's connections are made, with the ports that have one.</summary>
        public Action<IReadOnlySet<string>>? Connected { get; init; }
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
        public bool CompletesScope { get; set; }
        public FaultDefinition? Fault { get; set; }
        public LoopDefinition? Loop { get; set; }
        public string? CalledProcessId { get; set; }
        public IReadOnlyList<string> Outcomes { get; set; } = [];
        public bool RoutesByOutcome { get; set; }
        public bool ScriptSetsOutcomes { get; set; }
        public string? OutcomesScript { get; set; }
        public bool Detached { get; set; }
        public bool IsBookkeeping { get; set; }
        public ServiceBinding? Service { get; set; }
        public List<IoParameter> InputParameters { get; } = [];
        public List<IoParameter> OutputParameters { get; } = [];
        public List<VariableMapping> InputMappings { get; } = [];
        public List<VariableMapping> OutputMappings { get; } = [];
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
            CompletesScope = CompletesScope,
            Fault = Fault,
            Loop = Loop,
            CalledProcessId = CalledProcessId,
            Outcomes = Outcomes,
            RoutesByOutcome = RoutesByOutcome,
            ScriptSetsOutcomes = ScriptSetsOutcomes,
            OutcomesScript = OutcomesScript,
            Detached = Detached,
            IsBookkeeping = IsBookkeeping,
            Service = Service,
            InputParameters = [.. InputParameters],
            OutputParameters = [.. OutputParameters],
            InputMappings = [.. InputMappings],
            OutputMappings = [.. OutputMappings],
            EmptyMappingCopiesAll = kind != NodeKind.CallActivity,
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
            Outcome = port ?? "Done",
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

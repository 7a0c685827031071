using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// Flowcharts and their connections: starts, gateways closed by ports, implicit ends.
internal sealed partial class ElsaMapper
{
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
        var joins = AddImplicitJoins(chart, connections, mapped, order, withIncoming);
        foreach (var connection in connections) Connect(connection, mapped, joins);
        foreach (var m in order)
        {
            CloseGateway(m);
            m.Ports?.Connected?.Invoke(m.Exit.Outgoing.Select(f => m.Exit.FlowPorts[f] ?? "Done").ToHashSet(StringComparer.Ordinal));
        }
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

    private void Connect(Connection c, Dictionary<string, Mapped> mapped, Dictionary<Connection, NodeDraft> joins)
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
        if (from.Exit.Kind == NodeKind.EndEvent)
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.UnknownPort,
                $"activity {from.ElsaId} ends its flowchart; connection {label} is never taken", from.ElsaId, Position(c.Item), file));
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
        var flow = AddFlow(from.Exit, joins.GetValueOrDefault(c) ?? to.Entry, port, condition, Position(c.Item));
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
}

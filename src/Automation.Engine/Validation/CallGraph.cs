using Automation.Engine.Model;

namespace Automation.Engine.Validation;

/// <summary>Call activities: every called process must exist, and calls must not form a cycle (endless recursion).</summary>
internal sealed class CallGraph
{
    private readonly DefinitionSet set;
    private readonly Func<string, ProcessDefinition?>? resolveExternal;
    private readonly Dictionary<string, ProcessDefinition?> resolved = new(StringComparer.Ordinal);

    private CallGraph(DefinitionSet set, Func<string, ProcessDefinition?>? resolveExternal)
    {
        this.set = set;
        this.resolveExternal = resolveExternal;
    }

    public static void Check(DefinitionSet set, Func<string, ProcessDefinition?>? resolveExternal, Report report)
    {
        var graph = new CallGraph(set, resolveExternal);
        foreach (var call in set.Processes.SelectMany(p => p.Nodes).Where(n => n.Kind == NodeKind.CallActivity))
        {
            if (call.CalledProcessId is not { } calledId)
                report.Error(DiagnosticCodes.MissingReference, $"call activity {call.Id} names no process to call (calledElement)", call.Id, call.Position);
            else if (graph.Find(calledId) is null)
                report.Error(DiagnosticCodes.UnknownProcess, $"call activity {call.Id} calls process {calledId}, which is neither in this file nor known",
                    call.Id, call.Position);
        }
        graph.ReportCycles(report);
    }

    /// <summary>A process by id: the set first, then the external resolver (asked once per id).</summary>
    private ProcessDefinition? Find(string id)
    {
        if (set.FindProcess(id) is { } local) return local;
        if (!resolved.TryGetValue(id, out var external))
        {
            external = resolveExternal?.Invoke(id);
            resolved[id] = external;
        }
        return external;
    }

    /// <summary>
    /// Depth-first search over "process calls process" edges, through external processes too. Each cycle is reported
    /// once, on the call activity in this file that enters it.
    /// </summary>
    private void ReportCycles(Report report)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<(string ProcessId, FlowNode? Call)>();
        foreach (var process in set.Processes) Visit(process, null);

        void Visit(ProcessDefinition process, FlowNode? via)
        {
            var onPath = path.FindIndex(p => p.ProcessId == process.Id);
            if (onPath >= 0)
            {
                ReportCycle([.. path.Skip(onPath).Select(p => p.ProcessId)], [.. path.Skip(onPath + 1).Select(p => p.Call!), via!], report, reported);
                return;
            }
            if (done.Contains(process.Id)) return;
            path.Add((process.Id, via));
            foreach (var call in process.Nodes.Where(n => n.Kind == NodeKind.CallActivity && n.CalledProcessId is not null))
            {
                if (Find(call.CalledProcessId!) is { } called) Visit(called, call);
            }
            path.RemoveAt(path.Count - 1);
            done.Add(process.Id);
        }
    }

    private void ReportCycle(List<string> processIds, List<FlowNode> calls, Report report, HashSet<string> reported)
    {
        // The same cycle is met from each of its processes; its sorted members identify it.
        if (!reported.Add(string.Join('\n', processIds.Order(StringComparer.Ordinal)))) return;
        var ownCalls = set.Processes.SelectMany(p => p.Nodes).ToHashSet();
        var call = calls.FirstOrDefault(ownCalls.Contains) ?? calls[0];
        report.Error(DiagnosticCodes.CallCycle,
            $"call activities form a cycle: {string.Join(" → ", processIds.Append(processIds[0]))}", call.Id, call.Position);
    }
}

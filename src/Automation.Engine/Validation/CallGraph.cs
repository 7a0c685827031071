using Automation.Engine.Model;

namespace Automation.Engine.Validation;

/// <summary>
/// Call activities: every called process must exist, and calls must not form a cycle (endless recursion). A called process
/// written as an expression is known only when the call starts (an incident then, not a publish error).
/// </summary>
internal sealed class CallGraph
{
    private readonly DefinitionSet set;
    private readonly Func<string, ProcessDefinition?>? resolveExternal;
    private readonly Dictionary<string, ProcessDefinition?> known = new(StringComparer.Ordinal);
    private readonly HashSet<FlowNode> ownNodes;

    private CallGraph(DefinitionSet set, Func<string, ProcessDefinition?>? resolveExternal)
    {
        this.set = set;
        this.resolveExternal = resolveExternal;
        // Seeded with the set's own processes (first of a duplicate id wins, as in DefinitionSet.FindProcess).
        foreach (var process in set.Processes) known.TryAdd(process.Id, process);
        ownNodes = [.. set.Processes.SelectMany(p => p.Nodes)];
    }

    public static void Check(DefinitionSet set, Func<string, ProcessDefinition?>? resolveExternal, Report report)
    {
        var graph = new CallGraph(set, resolveExternal);
        foreach (var call in set.Processes.SelectMany(p => p.Nodes).Where(n => n.Kind == NodeKind.CallActivity))
        {
            if (call.CalledProcessId is not { } calledId)
                report.Error(DiagnosticCodes.MissingReference, $"call activity {call.Id} names no process to call (calledElement)", call.Id, call.Position);
            else if (call.CalledProcessExpression is null && graph.Find(calledId) is null)
                report.Error(DiagnosticCodes.UnknownProcess, $"call activity {call.Id} calls process {calledId}, which is neither in this file nor known",
                    call.Id, call.Position);
        }
        graph.ReportCycles(report);
    }

    /// <summary>A process by id: the set first, then the external resolver (asked once per id).</summary>
    private ProcessDefinition? Find(string id)
    {
        if (!known.TryGetValue(id, out var process))
        {
            process = resolveExternal?.Invoke(id);
            known[id] = process;
        }
        return process;
    }

    /// <summary>
    /// Depth-first search over "process calls process" edges, through external processes too. Iterative, so a long
    /// call chain in a hostile file cannot overflow the stack. Each cycle is reported once, on the call activity in
    /// this file that enters it.
    /// </summary>
    private void ReportCycles(Report report)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<(ProcessDefinition Process, FlowNode? Via, IEnumerator<FlowNode> Calls)>();
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var root in set.Processes.Where(p => !done.Contains(p.Id)))
        {
            Enter(root, null);
            while (path.Count > 0)
            {
                var (process, _, calls) = path[^1];
                if (!calls.MoveNext())
                {
                    calls.Dispose();
                    path.RemoveAt(path.Count - 1);
                    onPath.Remove(process.Id);
                    done.Add(process.Id);
                    continue;
                }
                var call = calls.Current;
                if (Find(call.CalledProcessId!) is not { } called || done.Contains(called.Id)) continue;
                if (onPath.TryGetValue(called.Id, out var start))
                    ReportCycle([.. path.Skip(start).Select(p => p.Process.Id)], [.. path.Skip(start + 1).Select(p => p.Via!), call], report, reported);
                else
                    Enter(called, call);
            }
        }

        void Enter(ProcessDefinition process, FlowNode? via)
        {
            onPath[process.Id] = path.Count;
            path.Add((process, via, process.Nodes.Where(n => n.Kind == NodeKind.CallActivity && n.CalledProcessId is not null && n.CalledProcessExpression is null).GetEnumerator()));
        }
    }

    private void ReportCycle(List<string> processIds, List<FlowNode> calls, Report report, HashSet<string> reported)
    {
        // The same cycle is met from each of its processes; its sorted members identify it.
        if (!reported.Add(string.Join('\n', processIds.Order(StringComparer.Ordinal)))) return;
        var call = calls.FirstOrDefault(ownNodes.Contains) ?? calls[0];
        report.Error(DiagnosticCodes.CallCycle,
            $"call activities form a cycle: {string.Join(" → ", processIds.Append(processIds[0]))}", call.Id, call.Position);
    }
}

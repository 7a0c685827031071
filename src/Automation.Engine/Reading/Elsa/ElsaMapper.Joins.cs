using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// Elsa's joins: an activity with several inbound connections runs once per join, as its merge mode says.
internal sealed partial class ElsaMapper
{
    /// <summary>Elsa 3's MergeMode of an activity (customProperties or the activity itself); None behaves as Stream.</summary>
    private enum MergeMode { Stream, Merge, Converge, Cascade, Race }

    /// <summary>
    /// Puts a join gateway in front of every activity that several connections lead to, and returns which connection
    /// enters through it. Elsa schedules such an activity once per join, never once per arriving path:
    /// <list type="bullet">
    /// <item>None/Stream (the default): waits for every inbound path that can still arrive, dead paths ignored
    /// (Elsa's counter-based WaitAllActive and token-based Stream) — an inclusive join;</item>
    /// <item>Merge: waits for every forward connection (a parallel join; loop-backs enter directly);</item>
    /// <item>Converge: waits for every connection, loop-backs included;</item>
    /// <item>Race: the first arrival continues and the other inbound branches are cancelled;</item>
    /// <item>Cascade: runs once per arrival (no join).</item>
    /// </list>
    /// A FlowJoin is a join already and gets none.
    /// </summary>
    private Dictionary<Connection, NodeDraft> AddImplicitJoins(JsonItem chart, List<Connection> connections,
        Dictionary<string, Mapped> mapped, List<Mapped> order, HashSet<string> withIncoming)
    {
        var joins = new Dictionary<Connection, NodeDraft>();
        var resolvable = connections.Where(c => mapped.ContainsKey(c.Source) && mapped.ContainsKey(c.Target)).ToList();
        var forward = ForwardConnections(resolvable, Roots(chart, mapped, order, withIncoming));
        foreach (var target in order)
        {
            if (target.IsJoin) continue;
            var inbound = resolvable.Where(c => c.Target == target.ElsaId).ToList();
            if (inbound.Count < 2) continue;
            var mode = MergeModeOf(target);
            if (mode == MergeMode.Cascade) continue;
            var joined = mode == MergeMode.Converge ? inbound : [.. inbound.Where(forward.Contains)];
            if (joined.Count < 2) continue;
            var join = NewNode(Unique(target.Entry.Id + "-join"), mode == MergeMode.Stream ? NodeKind.InclusiveGateway : NodeKind.ParallelGateway,
                target.Entry.ParentId, target.Position);
            join.Name = target.Entry.Name;
            if (mode == MergeMode.Race) join.JoinMode = JoinMode.FirstArrival;
            AddFlow(join, target.Entry, null, null, null);
            foreach (var c in joined) joins[c] = join;
        }
        return joins;
    }

    private MergeMode MergeModeOf(Mapped target)
    {
        var item = target.Activity.Get("mergeMode") ?? target.Activity.Get("customProperties")?.Get("mergeMode");
        var text = item?.ScalarText;
        if (string.IsNullOrEmpty(text)) return MergeMode.Stream;
        // Elsa serialises the enum by name; older exports by number (None 0, Stream 1, Merge 2, Converge 3, Cascade 4, Race 5).
        switch (text)
        {
            case "None" or "0" or "Stream" or "1": return MergeMode.Stream;
            case "Merge" or "2": return MergeMode.Merge;
            case "Converge" or "3": return MergeMode.Converge;
            case "Cascade" or "4": return MergeMode.Cascade;
            case "Race" or "5": return MergeMode.Race;
            default:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidValue,
                    $"activity {target.ElsaId} has unknown mergeMode '{text}' (expected None, Stream, Merge, Converge, Cascade or Race)",
                    target.ElsaId, Position(item!), file));
                return MergeMode.Stream;
        }
    }

    /// <summary>Where the flowchart starts, as Elsa picks it: the start property, Start activities, else activities without inbound connections.</summary>
    private static List<string> Roots(JsonItem chart, Dictionary<string, Mapped> mapped, List<Mapped> order, HashSet<string> withIncoming)
    {
        if (chart.GetString("start") is { } start && mapped.ContainsKey(start)) return [start];
        var starts = order.Where(m => m.Entry.Kind == NodeKind.StartEvent).Select(m => m.ElsaId).ToList();
        return starts.Count > 0 ? starts : [.. order.Where(m => !withIncoming.Contains(m.ElsaId)).Select(m => m.ElsaId)];
    }

    /// <summary>
    /// The connections that do not close a loop, found as Elsa's FlowGraph finds them: breadth first from the roots, an
    /// edge is forward unless the forward edges accepted so far already lead from its target back to its source.
    /// </summary>
    private static HashSet<Connection> ForwardConnections(List<Connection> connections, List<string> roots)
    {
        var outgoing = connections.GroupBy(c => c.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var accepted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var forward = new HashSet<Connection>();
        var visited = new HashSet<string>(roots, StringComparer.Ordinal);
        var queue = new Queue<string>(roots);
        while (queue.Count > 0)
        {
            var source = queue.Dequeue();
            foreach (var c in outgoing.GetValueOrDefault(source) ?? [])
            {
                if (c.Target == source || Reaches(accepted, c.Target, source)) continue;
                forward.Add(c);
                if (!accepted.TryGetValue(source, out var targets)) accepted[source] = targets = [];
                targets.Add(c.Target);
                if (visited.Add(c.Target)) queue.Enqueue(c.Target);
            }
        }
        return forward;
    }

    private static bool Reaches(Dictionary<string, List<string>> edges, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var stack = new Stack<string>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == to) return true;
            foreach (var next in edges.GetValueOrDefault(current) ?? [])
            {
                if (seen.Add(next)) stack.Push(next);
            }
        }
        return false;
    }
}

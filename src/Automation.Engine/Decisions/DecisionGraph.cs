using System.Xml.Linq;
using Automation.Engine.Model;
using Automation.Engine.Reading.Bpmn;
using Automation.Engine.Validation;

namespace Automation.Engine.Decisions;

/// <summary>Checks the decision requirement graph: every required decision and input exists, and no decision requires itself.</summary>
internal static class DecisionGraph
{
    public static void Check(DecisionModel model, IReadOnlyList<InputDataDefinition> inputData, IReadOnlyList<XElement> elements, string? fileName,
        List<Diagnostic> diagnostics)
    {
        var inputIds = inputData.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var positions = elements.Where(e => DmnReader.Attr(e, "id") is not null)
            .GroupBy(e => DmnReader.Attr(e, "id")!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => BpmnContext.PositionOf(g.First()), StringComparer.Ordinal);
        foreach (var decision in model.Decisions)
        {
            var at = positions.GetValueOrDefault(decision.Id);
            foreach (var required in decision.RequiredDecisions.Where(r => model.Find(r) is null))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DmnRequiredDecisionMissing, $"decision {decision.Id} requires decision {required}, which the file does not have",
                    decision.Id, at, fileName) with { Arguments = [decision.Name, required] });
            }
            foreach (var required in decision.RequiredInputs.Where(r => !inputIds.Contains(r)))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DmnRequiredInputMissing, $"decision {decision.Id} requires input data {required}, which the file does not have",
                    decision.Id, at, fileName) with { Arguments = [decision.Name, required] });
            }
        }
        if (FindCycle(model) is { } cycle)
        {
            var names = cycle.Select(id => model.Find(id)!.Name).ToList();
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DmnDecisionCycle, "decisions require each other in a cycle: " + string.Join(" → ", cycle),
                cycle[0], positions.GetValueOrDefault(cycle[0]), fileName) with { Arguments = [string.Join(" → ", names)] });
        }
    }

    /// <summary>One cycle of required decisions as ids (first repeated at the end), or null. Iterative, so a deep graph cannot overflow the stack.</summary>
    internal static List<string>? FindCycle(DecisionModel model)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        foreach (var start in model.Decisions)
        {
            if (state.ContainsKey(start.Id)) continue;
            var stack = new List<(string Id, int Next)> { (start.Id, 0) };
            state[start.Id] = 1;
            while (stack.Count > 0)
            {
                var (id, next) = stack[^1];
                var requires = model.Find(id)!.RequiredDecisions;
                if (next >= requires.Count)
                {
                    state[id] = 2;
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }
                stack[^1] = (id, next + 1);
                var child = requires[next];
                if (model.Find(child) is null) continue;
                switch (state.GetValueOrDefault(child))
                {
                    case 0:
                        state[child] = 1;
                        stack.Add((child, 0));
                        break;
                    case 1:
                        var from = stack.FindIndex(s => s.Id == child);
                        return [.. stack.Skip(from).Select(s => s.Id), child];
                }
            }
        }
        return null;
    }
}

using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// Composition: containers, workflow outputs, faults and published workflows used as activities.
internal sealed partial class ElsaMapper
{
    /// <summary>Properties every activity has; the remaining object-valued ones of a workflow activity are its inputs and outputs.</summary>
    private static readonly HashSet<string> ActivityProperties = new(StringComparer.Ordinal)
    {
        "id", "nodeId", "name", "type", "version", "customProperties", "metadata", "workflowDefinitionId",
        "workflowDefinitionVersionId", "latestAvailablePublishedVersion", "latestAvailablePublishedVersionId",
        "canStartWorkflow", "runAsynchronously", "mergeMode",
    };

    /// <summary>FlowNode (Elsa's "Container") runs its body; without one it passes straight through.</summary>
    private Mapped MapFlowNode(ActivityContext context)
    {
        if (context.Activity.Get("body") is { Kind: JsonValueKind.Object } body && MapActivity(body, context.ParentId, mayStart: false) is { } inner)
        {
            return new Mapped(context.ElsaId, inner.Entry, inner.Exit, inner.Ports, context.Position, context.Activity);
        }
        return Simple(context, NodeKind.IntermediateThrowEvent);
    }

    /// <summary>SetOutput writes a workflow output: a variable of the workflow's own, which a calling workflow maps back.</summary>
    private Mapped MapSetOutput(ActivityContext context)
    {
        var name = context.Literal("outputName");
        if (string.IsNullOrWhiteSpace(name))
        {
            context.Error(DiagnosticCodes.MissingInput, $"SetOutput activity {context.ElsaId} has no outputName");
            return Simple(context, NodeKind.ScriptTask);
        }
        if (!variablesByName.ContainsKey(name)) AddVariable(name, null, null, null, context.Activity);
        if (!outputs.Contains(name, StringComparer.Ordinal)) outputs.Add(name);
        var value = context.Js("outputValue", null) ?? "null";
        return Simple(context, NodeKind.ScriptTask, n =>
        {
            n.Script = value;
            n.ResultVariable = name;
        });
    }

    /// <summary>Fault stops its path with an incident carrying the fault's code and message (Elsa faults the workflow).</summary>
    private Mapped MapFault(ActivityContext context)
    {
        var code = context.HasInput("code") ? context.Literal("code") : null;
        var message = context.HasInput("message") ? context.Js("message", "String") : null;
        return Simple(context, NodeKind.IntermediateThrowEvent, n => n.Fault = new FaultDefinition(code, message));
    }

    /// <summary>
    /// A published workflow used as an activity: a call activity of that workflow. Its inputs (properties with an
    /// expression) become the called workflow's variables, its outputs (properties pointing to a variable) are copied back;
    /// nothing else crosses. Elsa writes the input and output names in camelCase; the workflow declares them in PascalCase.
    /// </summary>
    private Mapped MapWorkflowActivity(ActivityContext context, string calledId)
    {
        return Simple(context, NodeKind.CallActivity, n =>
        {
            n.CalledProcessId = calledId;
            n.RoutesByOutcome = true;
            foreach (var (name, value) in context.Activity.Properties)
            {
                if (name.Length == 0 || ActivityProperties.Contains(name) || value.Kind != JsonValueKind.Object) continue;
                var declared = char.ToUpperInvariant(name[0]) + name[1..];
                if (value.Get("expression") is { Kind: JsonValueKind.Object })
                {
                    if (context.Js(name, value.GetString("typeName")) is { } source) n.InputMappings.Add(new VariableMapping(source, declared));
                }
                else if (value.Get("memoryReference")?.GetString("id") is { } reference)
                {
                    // A reference names a variable by id, or a workflow output of the caller by name.
                    if (variablesById.TryGetValue(reference, out var variable) || variablesByName.TryGetValue(reference, out variable))
                        n.OutputMappings.Add(new VariableMapping(declared, variable.Name));
                    else if (!reference.StartsWith(context.ElsaId + ":", StringComparison.Ordinal))
                        context.Error(DiagnosticCodes.MissingReference, $"output '{name}' of activity {context.ElsaId} refers to unknown variable '{reference}'");
                }
            }
        });
    }

    /// <summary>
    /// ForEach and ParallelForEach run their body once per item: a multi-instance sub-process (sequential or parallel)
    /// whose instances each see their item as CurrentValue (Elsa's name; getCurrentValue() in scripts), or as the
    /// variable the activity's currentValue output points to.
    /// </summary>
    private Mapped MapForEach(ActivityContext context, bool parallel)
    {
        var items = context.Js("items", null);
        if (items is null && !context.HasInput("items")) context.Error(DiagnosticCodes.MissingInput, $"{context.Type} activity {context.ElsaId} has no items");
        var reference = context.Activity.Get("currentValue")?.Get("memoryReference")?.GetString("id");
        var element = reference is not null && (variablesById.TryGetValue(reference, out var target) || variablesByName.TryGetValue(reference, out target))
            ? target.Name : "CurrentValue";
        if (!variablesByName.ContainsKey(element)) AddVariable(element, null, null, null, context.Activity);
        var sub = Simple(context, NodeKind.SubProcess, n => n.Loop = new LoopDefinition
        {
            IsMultiInstance = true,
            IsSequential = !parallel,
            Collection = new DeclaredExpression(items ?? "[]", ExpressionLanguage.JavaScript),
            ElementVariable = element,
        });
        var scope = sub.Entry.Id;
        if (context.Activity.Get("body") is { Kind: JsonValueKind.Object } body)
        {
            if (IsFlowchart(body))
            {
                MapFlowchart(body, scope, scope);
                return sub;
            }
            if (MapActivity(body, scope, mayStart: false) is { } inner)
            {
                var start = NewNode(Unique(scope + "-start"), NodeKind.StartEvent, scope, context.Position);
                AddFlow(start, inner.Entry, null, null, null);
                return sub;
            }
        }
        // An empty body still needs a start: each item passes straight through.
        NewNode(Unique(scope + "-start"), NodeKind.StartEvent, scope, context.Position);
        return sub;
    }

    /// <summary>A workflow's declared inputs and outputs are variables of its own (Elsa's getInput1() and SetOutput read and write them).</summary>
    private void ReadInputsAndOutputs(JsonItem definition)
    {
        foreach (var (list, isOutput) in new[] { (definition.Get("inputs"), false), (definition.Get("outputs"), true) })
        {
            foreach (var item in list?.Items ?? [])
            {
                if (item.GetString("name") is not { Length: > 0 } name) continue;
                if (!variablesByName.ContainsKey(name)) AddVariable(name, null, item.GetString("type"), null, item);
                if (isOutput && !outputs.Contains(name, StringComparer.Ordinal)) outputs.Add(name);
            }
        }
    }
}

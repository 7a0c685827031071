using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Feel;
using Automation.Engine.Expressions.Juel;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>
/// What the interpreter derives once per definition and shares across cases and threads: resolved flows,
/// compiled scripts and the upstream sets that inclusive and first-arrival joins need.
/// </summary>
internal sealed class ExecutionPlan
{
    private static readonly ConditionalWeakTable<ProcessDefinition, ExecutionPlan> Plans = new();

    private readonly ProcessDefinition definition;
    private readonly Dictionary<string, SequenceFlow[]> outgoing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> upstream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowNode[]> eventSubProcessStarts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> compensationHandlers = new(StringComparer.Ordinal);

    private ExecutionPlan(ProcessDefinition definition)
    {
        this.definition = definition;
        foreach (var node in definition.Nodes)
        {
            var flows = new List<SequenceFlow>(node.Outgoing.Count);
            foreach (var id in node.Outgoing)
            {
                if (definition.FindFlow(id) is { } f) flows.Add(f);
            }
            outgoing[node.Id] = [.. flows];
        }
        foreach (var group in definition.Nodes.Where(n => n.Kind == NodeKind.StartEvent && n.ParentId is not null
                     && definition.FindNode(n.ParentId) is { TriggeredByEvent: true })
                     .GroupBy(n => definition.GetNode(n.ParentId!).ParentId ?? "", StringComparer.Ordinal))
            eventSubProcessStarts[group.Key] = [.. group];
        foreach (var boundary in definition.Nodes.Where(n => n is { Kind: NodeKind.BoundaryEvent, Trigger: EventTrigger.Compensation }
                     && n.AttachedToId is not null && n.CompensationHandlerId is not null))
            compensationHandlers.TryAdd(boundary.AttachedToId!, boundary.CompensationHandlerId!);
        DeclaredNames = definition.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var starts = definition.StartEventsIn(null).ToList();
        DefaultStart = starts.Find(s => s.Trigger == EventTrigger.None) ?? (starts.Count == 1 ? starts[0] : null);
    }

    /// <summary>The start event a case starts at when none is named: the first none start event, else the only start event.</summary>
    public FlowNode? DefaultStart { get; }

    public static ExecutionPlan For(ProcessDefinition definition) => Plans.GetValue(definition, d => new ExecutionPlan(d));

    /// <summary>Names of declared variables (they get Elsa's getX/setX helpers).</summary>
    public HashSet<string> DeclaredNames { get; }

    /// <summary>Start events of the event sub-processes directly in a scope (null: process level, else a sub-process id).</summary>
    public FlowNode[] EventSubProcessStarts(string? scopeNodeId) =>
        eventSubProcessStarts.Count > 0 && eventSubProcessStarts.TryGetValue(scopeNodeId ?? "", out var s) ? s : [];

    /// <summary>The compensation handler of an activity, if a compensation boundary event names one.</summary>
    public string? CompensationHandler(FlowNode activity) =>
        compensationHandlers.Count > 0 && compensationHandlers.TryGetValue(activity.Id, out var h) ? h : null;

    public SequenceFlow[] Outgoing(FlowNode node) => outgoing.TryGetValue(node.Id, out var f) ? f : [];

    /// <summary>Returns the compiled script for a source, compiling it once; a syntax error is cached and rethrown.</summary>
    public CompiledScript Script(string source)
    {
        var entry = scripts.GetOrAdd(source, static s =>
        {
            try
            {
                return CompiledScript.Compile(s);
            }
            catch (ScriptException e)
            {
                return e;
            }
        });
        return entry as CompiledScript ?? throw new ScriptException(ScriptFailure.Syntax, ((ScriptException)entry).Message);
    }

    /// <summary>Returns the parsed FEEL or JUEL condition for a source, parsing it once; a syntax error is rethrown as a script error.</summary>
    public object Expression(string source, ExpressionLanguage language)
    {
        var entry = scripts.GetOrAdd((language == ExpressionLanguage.Feel ? "feel:" : "juel:") + source, _ =>
        {
            try
            {
                return language == ExpressionLanguage.Feel ? FeelExpression.Parse(source) : JuelExpression.Parse(source);
            }
            catch (Exception e) when (e is FeelParseException or JuelParseException)
            {
                return new ScriptException(ScriptFailure.Syntax, e.Message);
            }
        });
        return entry is ScriptException failure ? throw new ScriptException(ScriptFailure.Syntax, failure.Message) : entry;
    }

    /// <summary>
    /// Nodes of the join's scope from which a token can still reach the join without passing through it.
    /// A token waiting at an activity also reaches the join through the activity's boundary events.
    /// </summary>
    public HashSet<string> Upstream(FlowNode join) => upstream.GetOrAdd(join.Id, _ => ComputeUpstream(join));

    private HashSet<string> ComputeUpstream(FlowNode join)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        foreach (var flowId in join.Incoming)
        {
            if (definition.FindFlow(flowId) is { } f) stack.Push(f.SourceId);
        }
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (id == join.Id || !seen.Add(id)) continue;
            if (definition.FindNode(id) is not { } node) continue;
            foreach (var flowId in node.Incoming)
            {
                if (definition.FindFlow(flowId) is { } f) stack.Push(f.SourceId);
            }
            if (node.Kind == NodeKind.BoundaryEvent && node.AttachedToId is not null) stack.Push(node.AttachedToId);
        }
        return seen;
    }
}

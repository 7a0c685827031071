using System.Collections.Frozen;

namespace Automation.Engine.Model;

/// <summary>Where a definition came from.</summary>
public enum SourceFormat
{
    /// <summary>BPMN 2.0 XML.</summary>
    Bpmn,
    /// <summary>Elsa Workflows 3 JSON.</summary>
    ElsaJson,
}

/// <summary>A lane of a process: the role that does the steps in it.</summary>
/// <param name="Id">Lane id.</param>
/// <param name="Name">Lane name, used as the role.</param>
/// <param name="NodeIds">Flow nodes in the lane.</param>
public sealed record Lane(string Id, string Name, IReadOnlyList<string> NodeIds);

/// <summary>A variable declared by the definition, with its initial value as JSON text.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="InitialValue">Initial value, already converted to a plain value (string, double, bool, null).</param>
internal sealed record DeclaredVariable(string Name, object? InitialValue);

/// <summary>
/// An immutable executable process: nodes, flows and lookup tables. One BPMN <c>process</c> or one Elsa workflow.
/// </summary>
public sealed class ProcessDefinition
{
    private readonly FrozenDictionary<string, FlowNode> nodesById;
    private readonly FrozenDictionary<string, SequenceFlow> flowsById;
    private readonly FrozenDictionary<string, FlowNode[]> boundaryByActivity;
    private readonly FrozenDictionary<string, FlowNode[]> linkCatches;

    /// <summary>
    /// The workflow's outputs (Elsa: declared outputs and SetOutput names): what an ExecuteWorkflow caller receives as the
    /// result's <c>output</c>. Empty for BPMN.
    /// </summary>
    internal IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>Creates a definition and builds its lookup tables.</summary>
    internal ProcessDefinition(string id, string? name, SourceFormat format, IEnumerable<FlowNode> nodes,
        IEnumerable<SequenceFlow> flows, IEnumerable<Lane>? lanes = null, IEnumerable<DeclaredVariable>? variables = null,
        bool isExecutable = true)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
        Name = name;
        Format = format;
        IsExecutable = isExecutable;
        Nodes = [.. nodes];
        Flows = [.. flows];
        Lanes = lanes is null ? [] : [.. lanes];
        Variables = variables is null ? [] : [.. variables];
        // First occurrence wins: duplicate ids are reported by the validator, not thrown here.
        var nodeMap = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        foreach (var n in Nodes) nodeMap.TryAdd(n.Id, n);
        nodesById = nodeMap.ToFrozenDictionary(StringComparer.Ordinal);
        var flowMap = new Dictionary<string, SequenceFlow>(StringComparer.Ordinal);
        foreach (var f in Flows) flowMap.TryAdd(f.Id, f);
        flowsById = flowMap.ToFrozenDictionary(StringComparer.Ordinal);
        boundaryByActivity = Nodes.Where(n => n.Kind == NodeKind.BoundaryEvent && n.AttachedToId is not null)
            .GroupBy(n => n.AttachedToId!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        linkCatches = Nodes.Where(n => n.Kind == NodeKind.IntermediateCatchEvent && n.Trigger == EventTrigger.Link && n.LinkName is not null)
            .GroupBy(n => LinkKey(n.ParentId, n.LinkName!), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    // A link pairs throw and catch by name within one scope; the key joins both (ids cannot contain a line feed).
    private static string LinkKey(string? scopeId, string name) => (scopeId ?? "") + "\n" + name;

    /// <summary>Where the process element starts in the source, if known.</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>Process id (BPMN process id or Elsa definition id).</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string? Name { get; }

    /// <summary>Source format.</summary>
    public SourceFormat Format { get; }

    /// <summary>BPMN isExecutable flag (false for descriptive models; they still import and run).</summary>
    public bool IsExecutable { get; }

    /// <summary>All nodes, including those inside embedded sub-processes, in source order.</summary>
    public IReadOnlyList<FlowNode> Nodes { get; }

    /// <summary>All sequence flows, in source order.</summary>
    internal IReadOnlyList<SequenceFlow> Flows { get; }

    /// <summary>Lanes (roles).</summary>
    public IReadOnlyList<Lane> Lanes { get; }

    /// <summary>Declared variables with initial values (Elsa).</summary>
    internal IReadOnlyList<DeclaredVariable> Variables { get; }

    /// <summary>
    /// How long this process's cases are kept after they ended (<c>am:retention</c>); null: the server's default.
    /// </summary>
    public RetentionPeriod? Retention { get; init; }

    /// <summary>Display label: name, else id.</summary>
    public string Label => LabelOf(Id, Name);

    /// <summary>
    /// The one rule for how readers see a process: its name, else (no name, or a blank one) its id. For places that hold
    /// a stored id and name rather than a definition.
    /// </summary>
    public static string LabelOf(string processId, string? name) => string.IsNullOrWhiteSpace(name) ? processId : name;

    /// <summary>Finds a node by id.</summary>
    public FlowNode? FindNode(string id) => nodesById.GetValueOrDefault(id);

    /// <summary>Gets a node that must exist.</summary>
    public FlowNode GetNode(string id) => nodesById.TryGetValue(id, out var n) ? n
        : throw new KeyNotFoundException($"Process '{Id}' has no node '{id}'.");

    /// <summary>Finds a flow by id.</summary>
    internal SequenceFlow? FindFlow(string id) => flowsById.GetValueOrDefault(id);

    /// <summary>Gets a flow that must exist.</summary>
    internal SequenceFlow GetFlow(string id) => flowsById.TryGetValue(id, out var f) ? f
        : throw new KeyNotFoundException($"Process '{Id}' has no sequence flow '{id}'.");

    /// <summary>Boundary events attached to an activity.</summary>
    public IReadOnlyList<FlowNode> BoundaryEventsOf(string activityId) =>
        boundaryByActivity.TryGetValue(activityId, out var b) ? b : [];

    /// <summary>The link catch events a link throw event jumps to: those of its scope with its link name (valid: exactly one).</summary>
    internal IReadOnlyList<FlowNode> LinkCatchesFor(FlowNode linkEvent) =>
        linkEvent.LinkName is { } name && linkCatches.TryGetValue(LinkKey(linkEvent.ParentId, name), out var c) ? c : [];

    /// <summary>Start events directly in a scope (null: process level, else an embedded sub-process id).</summary>
    public IEnumerable<FlowNode> StartEventsIn(string? scopeId) =>
        Nodes.Where(n => n.Kind == NodeKind.StartEvent && n.ParentId == scopeId);

    /// <summary>The start event a case starts at when none is named (its form is the start form); null when ambiguous.</summary>
    public FlowNode? DefaultStartEvent => Runtime.ExecutionPlan.For(this).DefaultStart;

    /// <inheritdoc />
    public override string ToString() => $"process {Id}";
}

namespace Automation.Engine.Model;

/// <summary>A message flow between pools of a collaboration, kept for display and routing.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Display name.</param>
/// <param name="SourceId">Sending node or participant.</param>
/// <param name="TargetId">Receiving node or participant.</param>
/// <param name="MessageName">Name of the message carried, if declared.</param>
public sealed record MessageFlow(string Id, string? Name, string SourceId, string TargetId, string? MessageName);

/// <summary>
/// Everything read from one source file: its processes (one per pool), message flows, the original text
/// (which keeps the diagram for display) and the diagnostics found while reading.
/// </summary>
/// <param name="FileName">Source file name, for diagnostics.</param>
/// <param name="Format">Source format.</param>
/// <param name="Processes">Processes, one per BPMN process or Elsa workflow.</param>
/// <param name="MessageFlows">Message flows between pools.</param>
/// <param name="Diagnostics">Problems found while reading (validation adds more).</param>
/// <param name="SourceText">The original source text, including diagram interchange.</param>
public sealed record DefinitionSet(string? FileName, SourceFormat Format, IReadOnlyList<ProcessDefinition> Processes,
    IReadOnlyList<MessageFlow> MessageFlows, IReadOnlyList<Diagnostic> Diagnostics, string SourceText)
{
    /// <summary>Whether reading found any error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Finds a process by id.</summary>
    public ProcessDefinition? FindProcess(string id) => Processes.FirstOrDefault(p => p.Id == id);

    /// <summary>
    /// The process of the file that holds a node (ids are unique in a file): a case runs a process it calls from the same
    /// file inside itself, so its waits and tasks may be nodes of that other process.
    /// </summary>
    public ProcessDefinition? ProcessOf(string nodeId) => Processes.FirstOrDefault(p => p.FindNode(nodeId) is not null);

    /// <summary>
    /// The names of the processes and nodes by id: diagnostics name elements by id (often a generated GUID), the label
    /// is what the modeler shows. Blank names are left out; the first of duplicate ids wins.
    /// </summary>
    public Dictionary<string, string> LabelsById()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var process in Processes)
        {
            if (!string.IsNullOrWhiteSpace(process.Name)) labels.TryAdd(process.Id, process.Name);
            foreach (var node in process.Nodes.Where(n => !string.IsNullOrWhiteSpace(n.Name))) labels.TryAdd(node.Id, node.Name!);
        }
        return labels;
    }
}

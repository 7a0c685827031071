using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

/// <summary>Maps one parsed Elsa document (<see cref="ElsaReader"/>); holds the nodes, flows and ids of the process being built.</summary>
internal sealed partial class ElsaMapper
{
    private readonly PositionedJson json;
    private readonly string? file;
    private readonly ReaderLimits limits;
    private readonly List<Diagnostic> diagnostics;
    private readonly List<NodeDraft> nodes = [];
    private readonly List<SequenceFlow> flows = [];
    private readonly HashSet<string> usedIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> nextSuffix = new(StringComparer.Ordinal);
    private readonly HashSet<string> activityIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> flowLimitReported = new(StringComparer.Ordinal);
    private readonly List<DeclaredVariable> variables = [];
    private readonly List<string> outputs = [];
    private readonly Dictionary<string, VariableInfo> variablesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariableInfo> variablesByName = new(StringComparer.Ordinal);

    public ElsaMapper(PositionedJson json, string? file, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        this.json = json;
        this.file = file;
        this.limits = limits;
        this.diagnostics = diagnostics;
    }

    public ProcessDefinition? Map()
    {
        var document = json.Root;
        if (document.Kind != JsonValueKind.Object)
        {
            Error(DiagnosticCodes.NotElsa, "an Elsa workflow definition must be a JSON object", null, document);
            return null;
        }
        var root = document.Get("root");
        var definition = document;
        if (root is null && (IsFlowchart(document) || document.GetString("type") is not null)) root = document;
        if (root is null || root.Kind != JsonValueKind.Object)
        {
            Error(DiagnosticCodes.NotElsa, "no root activity: expected a workflow definition with 'root' or an Elsa.Flowchart", null, document);
            return null;
        }
        var id = definition.GetString("definitionId") ?? definition.GetString("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            id = string.IsNullOrWhiteSpace(file) ? "elsa-workflow" : Path.GetFileNameWithoutExtension(file);
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.MissingId, $"the workflow has no definitionId or id; using '{id}'", id,
                json.PositionOf(definition.Offset), file));
        }
        ReadVariables(definition.Get("variables"));
        ReadInputsAndOutputs(definition);
        if (!ReferenceEquals(root, definition)) ReadVariables(root.Get("variables"));

        if (IsFlowchart(root))
        {
            MapFlowchart(root, null, root.GetString("id") ?? id);
        }
        else if (MapActivity(root, null, mayStart: false) is { } single)
        {
            var start = NewNode(Unique((root.GetString("id") ?? id) + "-start"), NodeKind.StartEvent, null, single.Position);
            AddFlow(start, single.Entry, null, null, null);
        }
        return new ProcessDefinition(id, definition.GetString("name"), SourceFormat.ElsaJson,
            nodes.Select(n => n.ToNode()), flows, variables: variables) { Position = json.PositionOf(definition.Offset), Outputs = [.. outputs] };
    }

    private static bool IsFlowchart(JsonItem activity) =>
        ShortType(activity.GetString("type")) == "Flowchart"
        || (activity.GetString("type") is null && activity.Get("activities") is not null);

    private static string ShortType(string? type) =>
        type is null ? "" : type.StartsWith("Elsa.", StringComparison.Ordinal) ? type[5..] : type;
}

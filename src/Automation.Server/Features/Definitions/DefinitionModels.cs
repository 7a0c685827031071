using System.Text;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Engine.Validation;
using Automation.Server.Features.Register;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Definitions;

/// <summary>A stored version as listed.</summary>
internal sealed record VersionDto(long Id, string ProcessId, int Version, string? Name, bool Published, string Format, string? FileName,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

/// <summary>A process with its versions.</summary>
internal sealed record ProcessDto(string ProcessId, string? Name, int LatestVersion, int? PublishedVersion, IReadOnlyList<VersionDto> Versions);

/// <summary>Result of an upload.</summary>
internal sealed record DeployResponse(IReadOnlyList<VersionDto> Versions, IReadOnlyList<DiagnosticDto> Diagnostics);

/// <summary>Result of a check without saving: the findings publishing would report, in the same words.</summary>
/// <param name="Valid">Whether the file can be stored (no error from the validator or the pricing check).</param>
/// <param name="Publishable">Whether publishing would go through (valid, and no register entry missing).</param>
/// <param name="Processes">Process ids read.</param>
/// <param name="Diagnostics">The findings: German text, element id and label, line.</param>
internal sealed record ValidateResponse(bool Valid, bool Publishable, IReadOnlyList<string> Processes, IReadOnlyList<DiagnosticDto> Diagnostics);

/// <summary>A definition's source text.</summary>
internal sealed record SourceResponse(string Text, string Format, string ProcessId, int Version, string? ProcessName = null)
{
    /// <summary>The process as readers know it: its name, else its id.</summary>
    public string ProcessLabel => ProcessDefinition.LabelOf(ProcessId, ProcessName);
}

/// <summary>The element changes between two versions.</summary>
/// <param name="Bpmn">Whether both versions are BPMN; for Elsa JSON there is only the text diff and the list is empty.</param>
/// <param name="Elements">Elements added, removed or changed, by id.</param>
internal sealed record ElementChangesResponse(bool Bpmn, IReadOnlyList<ElementChange> Elements);

/// <summary>Two versions compared: the unified text diff and, for BPMN, the elements added, removed and changed.</summary>
/// <param name="Diff">Unified diff of the source texts; empty when they are equal.</param>
/// <param name="Elements">Element changes by id; null when a version is not BPMN (Elsa JSON).</param>
internal sealed record VersionComparison(string Diff, IReadOnlyList<ElementChange>? Elements);

/// <summary>What the definition requests share: the version list entry and loading two versions' sources.</summary>
internal static class DefinitionVersions
{
    /// <summary>The sources of two versions of a process; an unknown version is 404 naming it.</summary>
    public static async Task<(string From, string To)> LoadPairAsync(WorkflowHostAccessor accessor, string processId, int fromVersion, int toVersion,
        CancellationToken ct)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var rows = await context.Definitions.AsNoTracking()
            .Where(d => d.ProcessId == processId && (d.Version == fromVersion || d.Version == toVersion))
            .Select(d => new { d.Version, d.SourceText })
            .ToListAsync(ct);
        var from = rows.FirstOrDefault(r => r.Version == fromVersion)
            ?? throw new NotFoundException(Texte.Format(Texte.ServerVersionUnbekannt, fromVersion, processId));
        var to = rows.FirstOrDefault(r => r.Version == toVersion)
            ?? throw new NotFoundException(Texte.Format(Texte.ServerVersionUnbekannt, toVersion, processId));
        return (from.SourceText, to.SourceText);
    }

    /// <summary>A stored version as listed.</summary>
    public static VersionDto ToDto(Automation.Data.Schema.DefinitionRecord r) =>
        new(r.Id, r.ProcessId, r.Version, r.Name, r.Published, r.Format, r.FileName, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
            r.PublishedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null);
}

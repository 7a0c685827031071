using Automation.Data;
using Automation.Engine.Decisions;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Decisions;

/// <summary>A published decision version.</summary>
internal sealed record DecisionVersionDto(string DecisionKey, int Version, string Name, string? FileName, string PublishedBy, DateTimeOffset PublishedAt);

/// <summary>What publishing a DMN file did: one entry per decision (created false: identical content, no new version) and the reader's findings.</summary>
internal sealed record DecisionPublishResponse(IReadOnlyList<PublishedDecision> Decisions, IReadOnlyList<DiagnosticDto> Diagnostics);

/// <summary>DMN files among uploads: how they are recognised and how their reader findings are worded.</summary>
internal static class DecisionFiles
{
    /// <summary>A .dmn file, or XML whose root is DMN's <c>definitions</c>.</summary>
    public static bool IsDmn(string fileName, string text) =>
        fileName.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase) || (text.TrimStart().StartsWith('<') && Dmn.LooksLikeDmn(text));

    /// <summary>The DMN reader's diagnostics as findings (German text, line numbers, the element's label), errors first.</summary>
    public static IReadOnlyList<DiagnosticDto> Findings(DecisionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = model.LabelsById();
        return [.. model.Diagnostics.Select(d => new DiagnosticDto(d.Severity.ToString().ToLowerInvariant(), d.Code, Texte.Diagnose(d), d.ElementId,
                d.Position?.Line, d.Position?.Column, d.ElementId is not null && labels.TryGetValue(d.ElementId, out var label) ? label : null))
            .OrderBy(d => d.Severity switch { "error" => 0, "warning" => 1, _ => 2 }).ThenBy(d => d.Line ?? int.MaxValue)];
    }

    /// <summary>A row as the API shows it.</summary>
    public static DecisionVersionDto ToDto(Data.Schema.DecisionDefinitionRecord r) =>
        new(r.DecisionKey, r.Version, r.Name, r.FileName, r.PublishedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.PublishedAt));
}

using System.Text;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Reading;
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

/// <summary>Result of a validation without saving.</summary>
internal sealed record ValidateResponse(bool Valid, IReadOnlyList<string> Processes, IReadOnlyList<DiagnosticDto> Diagnostics);

/// <summary>A definition's source text.</summary>
internal sealed record SourceResponse(string Text, string Format, string ProcessId, int Version);

/// <summary>Stores (and with <paramref name="Publish"/> publishes) a file; an administrator's <paramref name="OverrideReason"/> publishes over missing register entries.</summary>
internal sealed record DeployDefinition(string Source, string FileName, bool Publish, string? OverrideReason = null) : IRequest<DeployResponse>;
internal sealed record ValidateDefinition(string Source, string FileName) : IRequest<ValidateResponse>;
internal sealed record ListDefinitions : IRequest<IReadOnlyList<ProcessDto>>;
internal sealed record ListVersions(string ProcessId) : IRequest<IReadOnlyList<VersionDto>>;
internal sealed record GetSource(long Id) : IRequest<SourceResponse>;
internal sealed record PublishVersion(long Id, string? OverrideReason = null) : IRequest<DeployResponse>;
internal sealed record DiffVersions(string ProcessId, int From, int To) : IRequest<string>;
internal sealed record CompareVersions(string ProcessId, int From, int To) : IRequest<VersionComparison>;
internal sealed record ElementChanges(string ProcessId, int From, int To) : IRequest<ElementChangesResponse>;

/// <summary>The element changes between two versions.</summary>
/// <param name="Bpmn">Whether both versions are BPMN; for Elsa JSON there is only the text diff and the list is empty.</param>
/// <param name="Elements">Elements added, removed or changed, by id.</param>
internal sealed record ElementChangesResponse(bool Bpmn, IReadOnlyList<ElementChange> Elements);

/// <summary>Two versions compared: the unified text diff and, for BPMN, the elements added, removed and changed.</summary>
/// <param name="Diff">Unified diff of the source texts; empty when they are equal.</param>
/// <param name="Elements">Element changes by id; null when a version is not BPMN (Elsa JSON).</param>
internal sealed record VersionComparison(string Diff, IReadOnlyList<ElementChange>? Elements);

internal sealed class DefinitionHandlers(WorkflowHostAccessor accessor, RegisterService register) :
    IRequestHandler<DeployDefinition, DeployResponse>,
    IRequestHandler<ValidateDefinition, ValidateResponse>,
    IRequestHandler<ListDefinitions, IReadOnlyList<ProcessDto>>,
    IRequestHandler<ListVersions, IReadOnlyList<VersionDto>>,
    IRequestHandler<GetSource, SourceResponse>,
    IRequestHandler<PublishVersion, DeployResponse>,
    IRequestHandler<DiffVersions, string>,
    IRequestHandler<CompareVersions, VersionComparison>,
    IRequestHandler<ElementChanges, ElementChangesResponse>
{
    public async ValueTask<DeployResponse> Handle(DeployDefinition request, CancellationToken cancellationToken)
    {
        var host = accessor.Host;
        var deployment = await register.DeployAsync(request.Source, request.FileName, request.Publish, missing =>
        {
            if (string.IsNullOrWhiteSpace(request.OverrideReason)) throw new RegisterIncompleteException(missing);
            if (!register.MayOverride) throw new ForbiddenException("Nur die Administration darf trotz fehlender Registereinträge veröffentlichen.");
            return request.OverrideReason;
        }, null, cancellationToken);
        var result = deployment.Result;
        if (!result.Succeeded) throw new DefinitionInvalidException(result.Diagnostics);
        var ids = result.Versions.Select(v => v.Id).ToList();
        await using var context = host.Database.CreateContext();
        var rows = await context.Definitions.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.ProcessId).ToListAsync(cancellationToken);
        return new DeployResponse(rows.Select(ToDto).ToList(), result.Diagnostics.Select(DiagnosticDto.From).ToList());
    }

    public ValueTask<ValidateResponse> Handle(ValidateDefinition request, CancellationToken cancellationToken)
    {
        var host = accessor.Host;
        var set = DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(request.Source)), request.FileName);
        var diagnostics = DefinitionValidator.Validate(set, id => host.Definitions.FindLatestPublished(id)?.Process);
        return ValueTask.FromResult(new ValidateResponse(!diagnostics.HasErrors(), set.Processes.Select(p => p.Id).ToList(),
            diagnostics.Select(DiagnosticDto.From).ToList()));
    }

    public async ValueTask<IReadOnlyList<ProcessDto>> Handle(ListDefinitions request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var rows = await context.Definitions.AsNoTracking().OrderBy(d => d.ProcessId).ThenByDescending(d => d.Version)
            .Select(d => new { d.Id, d.ProcessId, d.Version, d.Name, d.Published, d.Format, d.FileName, d.CreatedAt, d.PublishedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ProcessId).Select(g =>
        {
            var versions = g.Select(r => new VersionDto(r.Id, r.ProcessId, r.Version, r.Name, r.Published, r.Format, r.FileName,
                DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.PublishedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null)).ToList();
            return new ProcessDto(g.Key, versions[0].Name, versions[0].Version, versions.FirstOrDefault(v => v.Published)?.Version, versions);
        }).ToList();
    }

    public async ValueTask<IReadOnlyList<VersionDto>> Handle(ListVersions request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var rows = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == request.ProcessId)
            .OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
        if (rows.Count == 0) throw new NotFoundException($"Prozess '{request.ProcessId}' ist unbekannt.");
        return rows.Select(ToDto).ToList();
    }

    public async ValueTask<SourceResponse> Handle(GetSource request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var row = await context.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"Definitionsversion {request.Id} ist unbekannt.");
        return new SourceResponse(row.SourceText, row.Format, row.ProcessId, row.Version);
    }

    /// <summary>
    /// Publishing stores the version's source again with publish set: the latest version is published in place;
    /// an older one becomes a new version with that source (a roll-back stays visible in the version history).
    /// </summary>
    public async ValueTask<DeployResponse> Handle(PublishVersion request, CancellationToken cancellationToken)
    {
        string source;
        string fileName;
        await using (var context = accessor.Host.Database.CreateContext())
        {
            var row = await context.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException($"Definitionsversion {request.Id} ist unbekannt.");
            source = row.SourceText;
            fileName = row.FileName ?? (row.Format == "bpmn" ? "definition.bpmn" : "definition.json");
        }
        return await Handle(new DeployDefinition(source, fileName, true, request.OverrideReason), cancellationToken);
    }

    public async ValueTask<string> Handle(DiffVersions request, CancellationToken cancellationToken)
    {
        var (from, to) = await LoadPairAsync(request.ProcessId, request.From, request.To, cancellationToken);
        return LineDiff.Unified(from, to, $"{request.ProcessId} v{request.From}", $"{request.ProcessId} v{request.To}");
    }

    public async ValueTask<VersionComparison> Handle(CompareVersions request, CancellationToken cancellationToken)
    {
        var (from, to) = await LoadPairAsync(request.ProcessId, request.From, request.To, cancellationToken);
        return new VersionComparison(LineDiff.Unified(from, to, $"{request.ProcessId} v{request.From}", $"{request.ProcessId} v{request.To}"),
            BpmnChanges.Compare(from, to));
    }

    public async ValueTask<ElementChangesResponse> Handle(ElementChanges request, CancellationToken cancellationToken)
    {
        var (from, to) = await LoadPairAsync(request.ProcessId, request.From, request.To, cancellationToken);
        return BpmnChanges.Compare(from, to) is { } changes ? new ElementChangesResponse(true, changes) : new ElementChangesResponse(false, []);
    }

    private async Task<(string From, string To)> LoadPairAsync(string processId, int fromVersion, int toVersion, CancellationToken ct)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var rows = await context.Definitions.AsNoTracking()
            .Where(d => d.ProcessId == processId && (d.Version == fromVersion || d.Version == toVersion))
            .Select(d => new { d.Version, d.SourceText })
            .ToListAsync(ct);
        var from = rows.FirstOrDefault(r => r.Version == fromVersion)
            ?? throw new NotFoundException($"Version {fromVersion} von '{processId}' ist unbekannt.");
        var to = rows.FirstOrDefault(r => r.Version == toVersion)
            ?? throw new NotFoundException($"Version {toVersion} von '{processId}' ist unbekannt.");
        return (from.SourceText, to.SourceText);
    }

    private static VersionDto ToDto(Automation.Data.Schema.DefinitionRecord r) =>
        new(r.Id, r.ProcessId, r.Version, r.Name, r.Published, r.Format, r.FileName, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
            r.PublishedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null);
}

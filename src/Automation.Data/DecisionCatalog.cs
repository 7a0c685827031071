using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Automation.Data.Schema;
using Automation.Engine.Decisions;
using Automation.Engine.Model;
using Automation.Engine.Validation;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data;

/// <summary>A decision version stored by a publication.</summary>
/// <param name="Key">The decision id.</param>
/// <param name="Version">Its version.</param>
/// <param name="Name">Its name.</param>
/// <param name="Created">False when the content was identical to the latest version (no new version).</param>
public sealed record PublishedDecision(string Key, int Version, string Name, bool Created);

/// <summary>What publishing a DMN file did: the reader's diagnostics and, without errors, the versions per decision.</summary>
/// <param name="Model">The file as read.</param>
/// <param name="Versions">One entry per decision of the file; empty when the file has errors.</param>
public sealed record DecisionPublishResult(DecisionModel Model, IReadOnlyList<PublishedDecision> Versions)
{
    /// <summary>Whether the file was valid and published.</summary>
    public bool Succeeded => !Model.HasErrors;
}

/// <summary>
/// Published DMN decisions, versioned per decision key: publishes files, checks the references of business rule tasks at
/// publish time, records at a process version's publication which decision versions are current (binding deployment), and
/// resolves calls for the engine (latest, deployment, version). Parsed files are cached per row.
/// </summary>
public sealed class DecisionCatalog(AutomationDatabase database, DefinitionCatalog definitions)
{
    private readonly ConcurrentDictionary<long, DecisionModel> models = new();

    /// <summary>Reads a DMN file with the reader's diagnostics (line numbers), storing nothing.</summary>
    public static DecisionModel Read(string xml, string fileName) => Dmn.Read(xml, fileName);

    /// <summary>Publishes each decision of a valid file as a new version of its key, unless its latest version has the same content.</summary>
    public async Task<DecisionPublishResult> PublishAsync(string xml, string fileName, string publishedBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var model = Read(xml, fileName);
        if (model.HasErrors) return new DecisionPublishResult(model, []);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var context = database.CreateContext();
        var keys = model.Decisions.Select(d => d.Id).ToList();
        var latest = (await context.DecisionDefinitions.AsNoTracking().Where(d => keys.Contains(d.DecisionKey)).ToListAsync(ct))
            .GroupBy(d => d.DecisionKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!, StringComparer.Ordinal);
        var result = new List<PublishedDecision>();
        // All keys of the file in one SaveChanges: a file is published whole or not at all.
        foreach (var decision in model.Decisions)
        {
            var last = latest.GetValueOrDefault(decision.Id);
            if (last is not null && last.Hash == hash)
            {
                result.Add(new PublishedDecision(decision.Id, last.Version, decision.Name, false));
                continue;
            }
            var version = (last?.Version ?? 0) + 1;
            context.DecisionDefinitions.Add(new DecisionDefinitionRecord
            {
                DecisionKey = decision.Id,
                Version = version,
                Name = decision.Name,
                FileName = fileName,
                Xml = xml,
                Hash = hash,
                PublishedBy = publishedBy,
                PublishedAt = now,
            });
            result.Add(new PublishedDecision(decision.Id, version, decision.Name, true));
        }
        await context.SaveChangesAsync(ct);
        return new DecisionPublishResult(model, result);
    }

    /// <summary>Every stored version, newest first per key.</summary>
    public async Task<IReadOnlyList<DecisionDefinitionRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var context = database.CreateContext();
        var rows = await context.DecisionDefinitions.AsNoTracking()
            .Select(d => new DecisionDefinitionRecord
            {
                Id = d.Id, DecisionKey = d.DecisionKey, Version = d.Version, Name = d.Name, FileName = d.FileName, Hash = d.Hash,
                PublishedBy = d.PublishedBy, PublishedAt = d.PublishedAt,
            })
            .ToListAsync(ct);
        return [.. rows.OrderBy(d => d.DecisionKey, StringComparer.Ordinal).ThenByDescending(d => d.Version)];
    }

    /// <summary>One stored version with its XML, or null.</summary>
    public async Task<DecisionDefinitionRecord?> GetAsync(string key, int version, CancellationToken ct = default)
    {
        await using var context = database.CreateContext();
        return await context.DecisionDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.DecisionKey == key && d.Version == version, ct);
    }

    /// <summary>
    /// Errors for the business rule tasks of a file whose decision key is not published, or whose version binding names a
    /// version that does not exist: publishing such a process would only raise incidents.
    /// </summary>
    public IReadOnlyList<Diagnostic> CheckReferences(DefinitionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        // A key written as an expression is known only when the task runs; an unknown one is then an incident.
        var calls = set.Processes.SelectMany(p => p.Nodes).Where(n => n.Decision is { KeyExpression: null }).ToList();
        if (calls.Count == 0) return [];
        var versions = VersionsAsync(calls.Select(n => n.Decision!.Key).Distinct(StringComparer.Ordinal).ToList(), CancellationToken.None)
            .GetAwaiter().GetResult();
        var found = new List<Diagnostic>();
        foreach (var node in calls)
        {
            var reference = node.Decision!;
            if (!versions.TryGetValue(reference.Key, out var known))
            {
                found.Add(Diagnostic.Error(DiagnosticCodes.DecisionUnknown, $"decision {reference.Key} is not published", node.Id, node.Position)
                    with { Arguments = [reference.Key] });
            }
            else if (reference.Binding == DecisionBinding.Version && (reference.Version is not { } v || !known.Contains(v)))
            {
                found.Add(Diagnostic.Error(DiagnosticCodes.DecisionVersionUnknown, $"decision {reference.Key} has no version {reference.VersionText}", node.Id, node.Position)
                    with { Arguments = [reference.Key, reference.VersionText ?? "", string.Join(", ", known.Order())] });
            }
        }
        return found;
    }

    /// <summary>
    /// Records, in the transaction publishing a process version, which version of each decision it may call with the
    /// binding <c>deployment</c> is the latest now: the keys its tasks name, or every published key when one of them is an
    /// expression (its key is known only when the task runs). A process without such a task records nothing.
    /// </summary>
    internal static async Task RecordBindingsAsync(AutomationDbContext context, long definitionId, ProcessDefinition process, CancellationToken ct)
    {
        var references = process.Nodes.Select(n => n.Decision).OfType<DecisionReference>().Where(r => r.Binding == DecisionBinding.Deployment).ToList();
        if (references.Count == 0) return;
        var query = context.DecisionDefinitions.AsQueryable();
        if (references.All(r => r.KeyExpression is null))
        {
            var keys = references.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList();
            query = query.Where(d => keys.Contains(d.DecisionKey));
        }
        var current = await query.GroupBy(d => d.DecisionKey).Select(g => new { Key = g.Key, Version = g.Max(d => d.Version) }).ToListAsync(ct);
        context.DecisionBindings.AddRange(current.Select(c => new DecisionBindingRecord { DefinitionId = definitionId, DecisionKey = c.Key, DecisionVersion = c.Version }));
        await context.SaveChangesAsync(ct);
    }

    /// <summary>The engine's resolver: the decision version a call binds, or null when there is none.</summary>
    public ResolvedDecision? Resolve(DecisionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ResolveAsync(call, CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task<ResolvedDecision?> ResolveAsync(DecisionCall call, CancellationToken ct)
    {
        var reference = call.Reference;
        await using var connection = await database.OpenAsync(ct);
        var bound = reference.Binding == DecisionBinding.Version ? reference.Version : null;
        long? before = null;
        if (reference.Binding == DecisionBinding.Deployment && definitions.Of(call.Process) is { } stored)
        {
            await using var recorded = CaseStore.Command(connection, null,
                "SELECT decision_version FROM decision_bindings WHERE definition_id = @id AND decision_key = @k");
            CaseStore.Add(recorded, "@id", stored.Id);
            CaseStore.Add(recorded, "@k", reference.Key);
            if (await recorded.ExecuteScalarAsync(ct) is { } recordedVersion and not DBNull) bound = Convert.ToInt32(recordedVersion, CultureInfo.InvariantCulture);
            else
            {
                // Nothing recorded: a version published before bindings were recorded, or a key that was not published
                // when the process was: the latest version published up to the process version's publication, if any.
                await using var published = CaseStore.Command(connection, null, "SELECT published_at FROM definitions WHERE id = @id");
                CaseStore.Add(published, "@id", stored.Id);
                if (await published.ExecuteScalarAsync(ct) is { } at and not DBNull) before = Convert.ToInt64(at, CultureInfo.InvariantCulture);
            }
        }
        if (reference.Binding == DecisionBinding.Version && bound is null) return null;
        var sql = "SELECT id, version FROM decision_definitions WHERE decision_key = @k"
            + (bound is not null ? " AND version = @v" : before is not null ? " AND published_at <= @before" : "")
            + " ORDER BY version DESC LIMIT 1";
        await using var cmd = CaseStore.Command(connection, null, sql);
        CaseStore.Add(cmd, "@k", reference.Key);
        if (bound is not null) CaseStore.Add(cmd, "@v", bound);
        if (before is not null) CaseStore.Add(cmd, "@before", before);
        long id;
        int version;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return null;
            id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            version = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }
        if (!models.TryGetValue(id, out var model))
        {
            await using var source = CaseStore.Command(connection, null, "SELECT xml, file_name FROM decision_definitions WHERE id = @id");
            CaseStore.Add(source, "@id", id);
            await using var reader = await source.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            // Stored versions never change: the parsed file is kept per row.
            model = models.GetOrAdd(id, _ => Dmn.Read(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }
        return new ResolvedDecision(model, reference.Key, version);
    }

    private async Task<Dictionary<string, HashSet<int>>> VersionsAsync(List<string> keys, CancellationToken ct)
    {
        await using var context = database.CreateContext();
        var rows = await context.DecisionDefinitions.AsNoTracking().Where(d => keys.Contains(d.DecisionKey))
            .Select(d => new { d.DecisionKey, d.Version }).ToListAsync(ct);
        return rows.GroupBy(r => r.DecisionKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Version).ToHashSet(), StringComparer.Ordinal);
    }
}

using System.Globalization;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Automation.Data.Schema;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Engine.Validation;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data;

/// <summary>A stored definition version with its parsed process.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Version">Version of the process id.</param>
/// <param name="Published">Whether new cases start on it.</param>
/// <param name="Process">The parsed process.</param>
/// <param name="Set">Everything read from the stored source (other pools of the same file, diagram).</param>
public sealed record StoredDefinition(long Id, int Version, bool Published, ProcessDefinition Process, DefinitionSet Set)
{
    /// <summary>"process@version": how the ledger labels the version and how a called process's scope keeps it.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Process.Id}@{Version}");
}

/// <summary>The result of deploying a file: diagnostics, and the versions stored (empty when invalid).</summary>
/// <param name="Diagnostics">Reader and validator diagnostics.</param>
/// <param name="Versions">Stored versions, one per process of the file.</param>
public sealed record DeployResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<StoredDefinition> Versions)
{
    /// <summary>Whether the file was valid and stored.</summary>
    public bool Succeeded => !Diagnostics.HasErrors();
}

/// <summary>
/// Versioned definitions: stores each process of a deployed file as a new version when its source changed,
/// publishes, and serves parsed processes to the engine (cached; definitions are immutable once stored).
/// </summary>
/// <param name="database">The database.</param>
/// <param name="publishChecks">Further checks a file must pass to be stored (the ledger's pricing check); errors block.</param>
public sealed class DefinitionCatalog(AutomationDatabase database, Func<DefinitionSet, IReadOnlyList<Diagnostic>>? publishChecks = null)
{
    private readonly ConcurrentDictionary<long, StoredDefinition> byId = new();
    private readonly ConcurrentDictionary<string, StoredDefinition> latestPublished = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ProcessDefinition, StoredDefinition> byProcess = new();

    /// <summary>Validates a file and, if valid, stores a new version of each of its processes whose source changed.</summary>
    public Task<DeployResult> DeployAsync(string sourceText, string fileName, bool publish, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        return DeployAsync(DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(sourceText)), fileName), sourceText, fileName, publish, ct);
    }

    /// <summary>As <see cref="DeployAsync(string, string, bool, CancellationToken)"/>, for a file the caller has already read.</summary>
    /// <param name="set">The file as read from <paramref name="sourceText"/>.</param>
    /// <param name="sourceText">The file's text (stored, and hashed to tell an unchanged file).</param>
    /// <param name="fileName">The file's name.</param>
    /// <param name="publish">Whether the stored versions are published.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DeployResult> DeployAsync(DefinitionSet set, string sourceText, string fileName, bool publish, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(sourceText);
        var diagnostics = Check(set);
        if (diagnostics.HasErrors()) return new DeployResult(diagnostics, []);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceText)));
        await using var context = database.CreateContext();
        // A publication and the decision versions it binds are written together or not at all.
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var stored = new List<StoredDefinition>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var process in set.Processes)
        {
            var latest = await context.Definitions.Where(d => d.ProcessId == process.Id).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
            DefinitionRecord row;
            var publishing = false;
            if (latest is not null && latest.SourceHash == hash)
            {
                row = latest;
                if (publish && !row.Published)
                {
                    row.Published = true;
                    row.PublishedAt = now;
                    publishing = true;
                }
            }
            else
            {
                row = new DefinitionRecord
                {
                    ProcessId = process.Id,
                    Version = (latest?.Version ?? 0) + 1,
                    Name = process.Name,
                    Format = set.Format == SourceFormat.Bpmn ? "bpmn" : "elsa-json",
                    FileName = fileName,
                    SourceText = sourceText,
                    SourceHash = hash,
                    Published = publish,
                    CreatedAt = now,
                    PublishedAt = publish ? now : null,
                };
                context.Definitions.Add(row);
                publishing = publish;
            }
            await context.SaveChangesAsync(ct);
            if (publishing) await DecisionCatalog.RecordBindingsAsync(context, row.Id, process, ct);
            stored.Add(new StoredDefinition(row.Id, row.Version, row.Published, process, set));
        }
        await transaction.CommitAsync(ct);
        Cache(stored);
        return new DeployResult(diagnostics, stored);
    }

    /// <summary>
    /// Publishes versions that <see cref="DeployAsync(DefinitionSet, string, string, bool, CancellationToken)"/> has just
    /// stored unpublished, in place: the publishing protocol's last step, without reading and checking the file a second
    /// time. A version that is already published stays as it is; the decision versions a publication binds are recorded
    /// in the same transaction.
    /// </summary>
    public async Task<DeployResult> PublishAsync(DeployResult stored, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.Succeeded) throw new ArgumentException("Only a stored, valid deployment can be published.", nameof(stored));
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var published = new List<StoredDefinition>();
        foreach (var version in stored.Versions)
        {
            var row = await context.Definitions.FirstAsync(d => d.Id == version.Id, ct);
            if (!row.Published)
            {
                row.Published = true;
                row.PublishedAt = now;
                await context.SaveChangesAsync(ct);
                await DecisionCatalog.RecordBindingsAsync(context, row.Id, version.Process, ct);
            }
            published.Add(version with { Published = true });
        }
        await transaction.CommitAsync(ct);
        Cache(published);
        return stored with { Versions = published };
    }

    private void Cache(IEnumerable<StoredDefinition> stored)
    {
        foreach (var definition in stored)
        {
            byId[definition.Id] = definition;
            byProcess.AddOrUpdate(definition.Process, definition);
            if (definition.Published) latestPublished[definition.Process.Id] = definition;
        }
    }

    /// <summary>
    /// What storing a read file checks: the validator (calls resolved against published versions), then, when it finds
    /// no error, the further checks (pricing). The one check a deploy runs, offered to callers that only want the findings.
    /// </summary>
    public IReadOnlyList<Diagnostic> Check(DefinitionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        // The host evaluates published decisions, so the reader's "decision not run" (meant for dry runs) does not apply here;
        // the further checks say whether the decision is published.
        IReadOnlyList<Diagnostic> diagnostics = [.. DefinitionValidator.Validate(set, id => FindLatestPublished(id)?.Process)
            .Where(d => d.Code != DiagnosticCodes.DecisionNotRun)];
        if (!diagnostics.HasErrors() && publishChecks is not null) diagnostics = [.. diagnostics, .. publishChecks(set)];
        return diagnostics;
    }

    /// <summary>Gets a stored version by id.</summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    public async Task<StoredDefinition> GetAsync(long id, CancellationToken ct = default)
    {
        if (byId.TryGetValue(id, out var known)) return known;
        await using var context = database.CreateContext();
        var row = await context.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new KeyNotFoundException(Texte.Format(Texte.ServerDefinitionsversionUnbekannt, id));
        return Remember(row);
    }

    /// <summary>The latest published version of a process, or null.</summary>
    public async Task<StoredDefinition?> GetLatestPublishedAsync(string processId, CancellationToken ct = default)
    {
        await using var context = database.CreateContext();
        var row = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == processId && d.Published)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var definition = byId.TryGetValue(row.Id, out var known) ? known : Remember(row);
        latestPublished[processId] = definition;
        return definition;
    }

    /// <summary>All latest published versions (for start events triggered by timers, messages and signals).</summary>
    public async Task<IReadOnlyList<StoredDefinition>> GetAllLatestPublishedAsync(CancellationToken ct = default)
    {
        // Plain SQL: every start runs this, before anything else needs EF Core's model.
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            "SELECT id, process_id, version, file_name, source_text FROM definitions " +
            "WHERE id IN (SELECT MAX(id) FROM definitions WHERE published = TRUE GROUP BY process_id) ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<StoredDefinition>();
        while (await reader.ReadAsync(ct))
        {
            var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var d = byId.TryGetValue(id, out var known) ? known : Remember(new DefinitionRecord
            {
                Id = id,
                ProcessId = reader.GetString(1),
                Version = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                FileName = reader.IsDBNull(3) ? null : reader.GetString(3),
                SourceText = reader.GetString(4),
                Published = true,
            });
            latestPublished[d.Process.Id] = d;
            result.Add(d);
        }
        return result;
    }

    /// <summary>
    /// A stored version for the engine's synchronous resolver (the version a running call started with), read once when
    /// this node has not seen it; null when no such row exists.
    /// </summary>
    public StoredDefinition? Find(string processId, int version)
    {
        foreach (var known in byId.Values)
        {
            if (known.Version == version && known.Process.Id == processId) return known;
        }
        using var context = database.CreateContext();
        var row = context.Definitions.AsNoTracking().FirstOrDefault(d => d.ProcessId == processId && d.Version == version);
        return row is null ? null : byId.TryGetValue(row.Id, out var read) ? read : Remember(row);
    }

    /// <summary>The stored version a parsed process belongs to (the engine hands processes, the host needs versions), or null.</summary>
    public StoredDefinition? Of(ProcessDefinition process) => byProcess.TryGetValue(process, out var d) ? d : null;

    /// <summary>Resolves a called process for the engine: the latest published version known to this node.</summary>
    public StoredDefinition? FindLatestPublished(string processId) =>
        latestPublished.TryGetValue(processId, out var d) ? d : null;

    private StoredDefinition Remember(DefinitionRecord row)
    {
        var set = DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(row.SourceText)), row.FileName);
        var process = set.FindProcess(row.ProcessId)
            ?? throw new InvalidOperationException($"Stored definition {row.Id} no longer contains process '{row.ProcessId}'.");
        var definition = new StoredDefinition(row.Id, row.Version, row.Published, process, set);
        byId[row.Id] = definition;
        byProcess.AddOrUpdate(process, definition);
        return definition;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Engine.Validation;
using Automation.Server.Connectors;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Automation.Server.Connectors.Ai;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Register;

/// <summary>
/// The step's figures from the ledger of its definition version (its ended cases): carbon (the authority's inventory,
/// without citizens' travel) and staff minutes per case. Shown only over at least <see cref="RegisterService.MinCases"/>
/// cases; both pass the privacy gate (measured time only where released, else standard), so no figure rests on one person.
/// </summary>
/// <param name="Cases">Distinct cases in the ledger for this step and version.</param>
/// <param name="GramsCo2ePerCase">gCO2e per case, or null below the minimum.</param>
/// <param name="StaffMinutesPerCase">Staff minutes per case, or null below the minimum.</param>
/// <param name="StaffMinutesChangePerCase">Change against the same step (same element id) of the previous version, or null.</param>
/// <param name="ComparedVersion">The previous version compared with, if any.</param>
internal sealed record LedgerFigures(long Cases, double? GramsCo2ePerCase, double? StaffMinutesPerCase, double? StaffMinutesChangePerCase, int? ComparedVersion);

/// <summary>One step of a version with its entry.</summary>
internal sealed record RegisterStep(string NodeId, string StepName, string Actor, RegisterEntryBody Entry, bool HasEntry, bool Draft,
    int? CarriedFromVersion, DateTimeOffset? UpdatedAt, IReadOnlyList<string> Missing, LedgerFigures Figures);

/// <summary>An administrator's publication despite missing fields (who is in the audit log, not here).</summary>
internal sealed record RegisterOverride(DateTimeOffset At, string Reason, string Missing);

/// <summary>The register of one definition version.</summary>
internal sealed record RegisterVersion(long DefinitionId, string ProcessId, string ProcessName, int Version, bool Published,
    DateTimeOffset? PublishedAt, IReadOnlyList<RegisterStep> Steps, IReadOnlyList<RegisterOverride> Overrides)
{
    /// <summary>Whether every step has a complete entry.</summary>
    public bool Complete => Steps.All(s => s.Missing.Count == 0);
}

/// <summary>A step that blocks publishing, with the fields it lacks.</summary>
internal sealed record MissingStep(long DefinitionId, string ProcessId, string ElementId, string StepName, IReadOnlyList<string> Fields);

/// <summary>Publishing was refused because register entries are incomplete; the versions are stored unpublished.</summary>
/// <param name="missing">The steps and their missing fields.</param>
/// <param name="findings">Everything publishing found, worded as the check words it (<see cref="Definitions.PublishFindings"/>).</param>
internal sealed class RegisterIncompleteException(IReadOnlyList<MissingStep> missing, IReadOnlyList<DiagnosticDto> findings)
    : Exception(Texte.Format(Texte.RegisterGesperrt, string.Join("; ", missing.Select(m => $"{m.ElementId}: {string.Join(", ", m.Fields)}"))))
{
    public IReadOnlyList<MissingStep> Missing { get; } = missing;

    public IReadOnlyList<DiagnosticDto> Findings { get; } = findings;
}

/// <summary>What <see cref="RegisterService.DeployAsync"/> did.</summary>
/// <param name="Result">The engine's answer for the stored (or, when published, the published) versions.</param>
/// <param name="Missing">Register gaps found when publishing was asked.</param>
/// <param name="Published">Whether the versions were published.</param>
internal sealed record Deployment(DeployResult Result, IReadOnlyList<MissingStep> Missing, bool Published);

/// <summary>Reads and writes register entries, carries them over to new versions and gates publishing.</summary>
internal sealed class RegisterService(WorkflowHostAccessor accessor, IAuditLog audit, IHttpContextAccessor http, ConnectorPublishCheck connectors,
    IOptions<AiSettings> ai)
{
    /// <summary>Fewest cases a ledger figure is shown for (the team's privacy rule).</summary>
    public const int MinCases = PrivacyGate.MinCases;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The register of one version: every step that needs an entry, with its entry, gaps and figures.</summary>
    /// <exception cref="NotFoundException">No such version.</exception>
    public async Task<RegisterVersion> GetVersionAsync(long definitionId, CancellationToken ct)
    {
        var host = accessor.Host;
        await using var context = host.Database.CreateContext();
        var row = await context.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionId, ct)
            ?? throw new NotFoundException(Texte.Format(Texte.DefinitionsversionUnbekannt, definitionId));
        var definition = await host.Definitions.GetAsync(definitionId, ct);
        return await BuildAsync(context, accessor.Host.Database, row, definition.Process, ct);
    }

    /// <summary>The public register: every process's latest published version.</summary>
    public async Task<IReadOnlyList<RegisterVersion>> GetPublishedAsync(CancellationToken ct)
    {
        var host = accessor.Host;
        await using var context = host.Database.CreateContext();
        var ids = await context.Definitions.AsNoTracking().Where(d => d.Published)
            .GroupBy(d => d.ProcessId).Select(g => g.Max(d => d.Id)).ToListAsync(ct);
        var rows = await context.Definitions.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.ProcessId).ToListAsync(ct);
        var result = new List<RegisterVersion>(rows.Count);
        foreach (var row in rows)
        {
            var definition = await host.Definitions.GetAsync(row.Id, ct);
            result.Add(await BuildAsync(context, accessor.Host.Database, row, definition.Process, ct));
        }
        return result;
    }

    /// <summary>Saves the entry of one step (reviewing a carried-over draft) and audits the change in the same transaction.</summary>
    /// <exception cref="NotFoundException">No such version or no such step needing an entry.</exception>
    /// <exception cref="BadInputException">A value is not allowed (the field is named).</exception>
    public async Task<RegisterStep> SaveAsync(long definitionId, string nodeId, RegisterEntryBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        RegisterRules.Validate(body);
        var host = accessor.Host;
        var definition = await host.Definitions.GetAsync(definitionId, ct);
        var node = definition.Process.FindNode(nodeId);
        if (node is null || !RegisterRules.RequiresEntry(node))
        {
            throw new NotFoundException(Texte.Format(Texte.RegisterSchrittUnbekannt, definitionId, nodeId));
        }
        await using var context = host.Database.CreateContext();
        var entry = await context.RegisterEntries.FirstOrDefaultAsync(e => e.DefinitionId == definitionId && e.NodeId == nodeId, ct);
        var before = entry is null ? null : Snapshot(entry);
        if (entry is null)
        {
            entry = new RegisterEntryRecord { DefinitionId = definitionId, ProcessId = definition.Process.Id, NodeId = nodeId };
            context.RegisterEntries.Add(entry);
        }
        body.ApplyTo(entry);
        entry.Draft = false;
        entry.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        audit.Add(context, AuditKinds.RegisterEntry, EntityId(definitionId, nodeId), before is null ? "create" : "update", before, Snapshot(entry));
        await context.SaveChangesAsync(ct);
        var version = await GetVersionAsync(definitionId, ct);
        return version.Steps.First(s => s.NodeId == nodeId);
    }

    /// <summary>
    /// The publishing protocol, the one way a definition file is stored and published: stored unpublished first (so
    /// the previous version's entries are carried over to it), then <paramref name="afterStore"/>, then, when
    /// <paramref name="publish"/> is asked, the register is checked; missing entries publish only with the reason
    /// <paramref name="overrideReason"/> gives (null: the version stays stored, unpublished). Publishing marks the stored
    /// versions published in place, without checking the file a second time, and is audited.
    /// </summary>
    public async Task<Deployment> DeployAsync(string source, string fileName, bool publish, Func<IReadOnlyList<MissingStep>, string?> overrideReason,
        Func<IReadOnlyList<StoredDefinition>, Task>? afterStore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(overrideReason);
        var host = accessor.Host;
        // Steps bound to a connector must give its required inputs: refused before anything is stored. The review rule
        // after AI steps blocks publishing only: its exception is declared in the stored version's register entry.
        var set = DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(source)), fileName);
        var findings = connectors.Check(set);
        if (findings.Any(d => d.Severity == DiagnosticSeverity.Error && d.Code != ConnectorPublishCheck.AiWithoutReview))
            return new Deployment(new DeployResult([.. host.Definitions.Check(set), .. findings], []), [], false);
        // The file is read once: storing and publishing take the set read here.
        var result = await host.DeployAsync(set, source, fileName, publish: false, ct);
        if (!result.Succeeded) return new Deployment(result, [], false);
        await AfterStoreAsync(result.Versions, ct);
        if (afterStore is not null) await afterStore(result.Versions);
        if (!publish) return new Deployment(result, [], false);
        var missing = await MissingAsync(result.Versions, ct);
        if (await ReviewFindingsAsync(findings, result.Versions, ct) is { Count: > 0 } review)
            return new Deployment(result with { Diagnostics = [.. result.Diagnostics, .. review] }, missing, false);
        string? reason = null;
        if (missing.Count > 0 && (reason = overrideReason(missing)) is null) return new Deployment(result, missing, false);
        result = await host.PublishAsync(result, ct);
        await AfterPublishAsync(result.Versions, missing, reason, ct);
        return new Deployment(result, missing, true);
    }

    /// <summary>
    /// After a deploy: audits versions stored for the first time and gives each new version a draft copy of the previous
    /// version's entries for steps with the same element id, to be reviewed.
    /// </summary>
    public async Task AfterStoreAsync(IReadOnlyList<StoredDefinition> versions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(versions);
        await using var context = accessor.Host.Database.CreateContext();
        foreach (var v in versions)
        {
            var id = v.Id.ToString(CultureInfo.InvariantCulture);
            if (await context.AuditLog.AnyAsync(a => a.EntityKind == AuditKinds.Definition && a.EntityId == id && a.Action == "deploy", ct)) continue;
            var carried = new List<string>();
            if (v.Version > 1 && !await context.RegisterEntries.AnyAsync(e => e.DefinitionId == v.Id, ct))
            {
                var previousId = await context.Definitions.Where(d => d.ProcessId == v.Process.Id && d.Version == v.Version - 1)
                    .Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
                var previous = previousId is null ? [] : await context.RegisterEntries.AsNoTracking().Where(e => e.DefinitionId == previousId).ToListAsync(ct);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                foreach (var old in previous)
                {
                    if (v.Process.FindNode(old.NodeId) is not { } node || !RegisterRules.RequiresEntry(node)) continue;
                    var copy = new RegisterEntryRecord { DefinitionId = v.Id, ProcessId = v.Process.Id, NodeId = old.NodeId };
                    RegisterEntryBody.From(old).ApplyTo(copy);
                    copy.Draft = true;
                    copy.CarriedFromVersion = v.Version - 1;
                    copy.UpdatedAt = now;
                    context.RegisterEntries.Add(copy);
                    carried.Add(old.NodeId);
                }
            }
            var drafted = await DraftAsync(context, v, carried, ct);
            audit.Add(context, AuditKinds.Definition, id, "deploy", null,
                new { processId = v.Process.Id, version = v.Version, published = v.Published, registerEntriesCarriedOver = carried, registerEntriesDrafted = drafted });
            await context.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Prefilled drafts (<see cref="RegisterDrafts"/>) for the AI steps and business rule tasks of a new version that have
    /// no entry yet (none carried over, none saved).
    /// </summary>
    private async Task<List<string>> DraftAsync(AutomationDbContext context, StoredDefinition v, List<string> carried, CancellationToken ct)
    {
        var existing = await context.RegisterEntries.Where(e => e.DefinitionId == v.Id).Select(e => e.NodeId).ToListAsync(ct);
        var drafted = new List<string>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var node in RegisterRules.StepsOf(v.Process).Where(RegisterDrafts.Prefilled))
        {
            if (carried.Contains(node.Id) || existing.Contains(node.Id)) continue;
            var draft = new RegisterEntryRecord { DefinitionId = v.Id, ProcessId = v.Process.Id, NodeId = node.Id, Draft = true, UpdatedAt = now };
            RegisterDrafts.Of(v.Process, node, ai.Value).ApplyTo(draft);
            context.RegisterEntries.Add(draft);
            drafted.Add(node.Id);
        }
        return drafted;
    }

    /// <summary>The review rule's findings (<see cref="RegisterRules.ReviewFindings"/>) judged by the stored versions' entries.</summary>
    private async Task<IReadOnlyList<Diagnostic>> ReviewFindingsAsync(IReadOnlyList<Diagnostic> findings, IReadOnlyList<StoredDefinition> versions,
        CancellationToken ct)
    {
        if (!findings.Any(d => d.Code == ConnectorPublishCheck.AiWithoutReview)) return [];
        await using var context = accessor.Host.Database.CreateContext();
        var ids = versions.Select(v => v.Id).ToList();
        var entries = await context.RegisterEntries.AsNoTracking().Where(e => ids.Contains(e.DefinitionId)).ToListAsync(ct);
        var byProcess = versions.ToDictionary(v => v.Process.Id, v => v.Id, StringComparer.Ordinal);
        return RegisterRules.ReviewFindings(findings, versions.Select(v => v.Process).ToList(),
            (p, nodeId) => entries.FirstOrDefault(e => e.DefinitionId == byProcess[p.Id] && e.NodeId == nodeId));
    }

    /// <summary>
    /// The review rule's findings for a file not stored yet, judged by the latest versions' entries (as
    /// <see cref="MissingBeforeStoreAsync"/> reads them).
    /// </summary>
    public async Task<IReadOnlyList<Diagnostic>> ReviewFindingsBeforeStoreAsync(IReadOnlyList<Diagnostic> findings, IReadOnlyList<ProcessDefinition> processes,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(processes);
        if (!findings.Any(d => d.Code == ConnectorPublishCheck.AiWithoutReview)) return [];
        await using var context = accessor.Host.Database.CreateContext();
        var entries = new Dictionary<string, Dictionary<string, RegisterEntryRecord>>(StringComparer.Ordinal);
        foreach (var process in processes) entries[process.Id] = await LatestEntriesAsync(context, process.Id, ct);
        return RegisterRules.ReviewFindings(findings, processes, (p, nodeId) => entries[p.Id].GetValueOrDefault(nodeId));
    }

    private static async Task<Dictionary<string, RegisterEntryRecord>> LatestEntriesAsync(AutomationDbContext context, string processId, CancellationToken ct)
    {
        var latestId = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == processId)
            .OrderByDescending(d => d.Version).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        return latestId is null ? [] : await context.RegisterEntries.AsNoTracking().Where(e => e.DefinitionId == latestId).ToDictionaryAsync(e => e.NodeId, ct);
    }

    /// <summary>Steps of the given versions whose entries are missing or incomplete.</summary>
    public async Task<IReadOnlyList<MissingStep>> MissingAsync(IReadOnlyList<StoredDefinition> versions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(versions);
        await using var context = accessor.Host.Database.CreateContext();
        var result = new List<MissingStep>();
        foreach (var v in versions)
        {
            var entries = await context.RegisterEntries.AsNoTracking().Where(e => e.DefinitionId == v.Id).ToDictionaryAsync(e => e.NodeId, ct);
            result.AddRange(Gaps(v.Id, v.Process, entries));
        }
        return result;
    }

    /// <summary>
    /// The gaps publishing a file with these processes would find, without storing it: storing gives a new version the
    /// latest version's entries for the same element ids (<see cref="AfterStoreAsync"/>), and an unchanged file is that
    /// latest version itself, so both read the latest version's entries. <see cref="MissingStep.DefinitionId"/> is that
    /// version's id (0 for a process not stored yet).
    /// </summary>
    public async Task<IReadOnlyList<MissingStep>> MissingBeforeStoreAsync(IEnumerable<ProcessDefinition> processes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(processes);
        await using var context = accessor.Host.Database.CreateContext();
        var result = new List<MissingStep>();
        foreach (var process in processes)
        {
            var latestId = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == process.Id)
                .OrderByDescending(d => d.Version).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
            var entries = latestId is null ? [] : await context.RegisterEntries.AsNoTracking().Where(e => e.DefinitionId == latestId).ToDictionaryAsync(e => e.NodeId, ct);
            result.AddRange(Gaps(latestId ?? 0, process, entries));
        }
        return result;
    }

    /// <summary>The steps of a process whose entry (from <paramref name="entries"/>, by element id) is missing or incomplete.</summary>
    private static IEnumerable<MissingStep> Gaps(long definitionId, ProcessDefinition process, Dictionary<string, RegisterEntryRecord> entries) =>
        RegisterRules.StepsOf(process)
            .Select(node => (node, missing: RegisterRules.Missing(entries.GetValueOrDefault(node.Id), node)))
            .Where(x => x.missing.Count > 0)
            .Select(x => new MissingStep(definitionId, process.Id, x.node.Id, x.node.Label, x.missing));

    /// <summary>Whether the current user may publish over missing entries.</summary>
    public bool MayOverride => http.HttpContext?.User.IsInRole(Roles.Admin) == true;

    /// <summary>After publishing: audits each publication, and records an override with its reason and what was missing.</summary>
    public async Task AfterPublishAsync(IReadOnlyList<StoredDefinition> versions, IReadOnlyList<MissingStep> missing, string? overrideReason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(missing);
        await using var context = accessor.Host.Database.CreateContext();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var v in versions)
        {
            var id = v.Id.ToString(CultureInfo.InvariantCulture);
            var gaps = missing.Where(m => m.DefinitionId == v.Id).ToDictionary(m => m.ElementId, m => m.Fields);
            var after = new { processId = v.Process.Id, version = v.Version, published = true };
            if (gaps.Count > 0)
            {
                var reason = overrideReason!.Trim();
                var user = http.HttpContext?.User;
                context.RegisterOverrides.Add(new RegisterOverrideRecord
                {
                    DefinitionId = v.Id, Actor = user?.Identity?.IsAuthenticated == true ? user.UserName() : "system", Reason = reason,
                    MissingJson = JsonSerializer.Serialize(gaps, Json), At = now,
                });
                audit.Add(context, AuditKinds.Definition, id, "publish-override", new { missing = gaps }, after, reason);
            }
            else
            {
                audit.Add(context, AuditKinds.Definition, id, "publish", null, after);
            }
        }
        await context.SaveChangesAsync(ct);
    }

    private static string EntityId(long definitionId, string nodeId) => string.Create(CultureInfo.InvariantCulture, $"{definitionId}/{nodeId}");

    private static RegisterEntryBody Snapshot(RegisterEntryRecord r) => RegisterEntryBody.From(r);

    private static async Task<RegisterVersion> BuildAsync(AutomationDbContext context, AutomationDatabase database, DefinitionRecord row, ProcessDefinition process,
        CancellationToken ct)
    {
        var entries = await context.RegisterEntries.AsNoTracking().Where(e => e.DefinitionId == row.Id).ToDictionaryAsync(e => e.NodeId, ct);
        var overrides = await context.RegisterOverrides.AsNoTracking().Where(o => o.DefinitionId == row.Id).OrderBy(o => o.Id).ToListAsync(ct);
        var previous = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == row.ProcessId && d.Version == row.Version - 1)
            .Select(d => new { d.Id, d.Version }).FirstOrDefaultAsync(ct);
        var current = await FiguresAsync(database, row.Id, ct);
        var before = previous is null ? new Dictionary<string, (long, double, double)>() : await FiguresAsync(database, previous.Id, ct);
        var steps = RegisterRules.StepsOf(process).Select(node =>
        {
            var e = entries.GetValueOrDefault(node.Id);
            return new RegisterStep(node.Id, node.Label, RegisterRules.ActorLabel(node), RegisterEntryBody.From(e), e is not null, e?.Draft ?? false,
                e?.CarriedFromVersion, e is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(e.UpdatedAt), RegisterRules.Missing(e, node),
                Figures(node.Id, current, before, previous?.Version));
        }).ToList();
        return new RegisterVersion(row.Id, row.ProcessId, row.Name ?? process.Label, row.Version, row.Published,
            row.PublishedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null, steps,
            overrides.Select(o => new RegisterOverride(DateTimeOffset.FromUnixTimeMilliseconds(o.At), o.Reason, o.MissingJson)).ToList());
    }

    private static LedgerFigures Figures(string nodeId, Dictionary<string, (long Cases, double Grams, double Minutes)> current,
        Dictionary<string, (long Cases, double Grams, double Minutes)> before, int? previousVersion)
    {
        if (!current.TryGetValue(nodeId, out var now)) return new LedgerFigures(0, null, null, null, null);
        if (!PrivacyGate.ReleasesCaseGroup(now.Cases)) return new LedgerFigures(now.Cases, null, null, null, null);
        var minutes = now.Minutes / now.Cases;
        double? change = before.TryGetValue(nodeId, out var old) && PrivacyGate.ReleasesCaseGroup(old.Cases) ? minutes - old.Minutes / old.Cases : null;
        return new LedgerFigures(now.Cases, now.Grams / now.Cases, minutes, change, change is null ? null : previousVersion);
    }

    /// <summary>
    /// Per element id of one version, over its ended cases: cases, gCO2e (the authority's inventory, without citizens' travel) and
    /// staff minutes, both through the privacy gate (measured where released, else standard).
    /// </summary>
    private static async Task<Dictionary<string, (long Cases, double Grams, double Minutes)>> FiguresAsync(AutomationDatabase database, long definitionId,
        CancellationToken ct)
    {
        var steps = await new Automation.Data.Reports.ImpactQueries(database).VersionStepsAsync(definitionId, null, ct);
        return steps.All.ToDictionary(s => s.NodeId, s => (s.Figures.Cases, s.Figures.CarbonG, s.Figures.StaffMinutes), StringComparer.Ordinal);
    }
}

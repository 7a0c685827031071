using System.Xml;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Drafts;

/// <summary>A draft as the modeler and the list of drafts see it (without the XML).</summary>
/// <param name="Id">Key.</param>
/// <param name="ProcessId">The process the modeler was opened for; null for a new diagram.</param>
/// <param name="Name">The process name in the draft.</param>
/// <param name="SavedAt">Last saved.</param>
/// <param name="SavedAtText">Last saved, de-DE in the server's time zone (Europe/Berlin), e.g. "06.12.2026, 01:23 Uhr".</param>
internal sealed record DraftDto(long Id, string? ProcessId, string Name, DateTimeOffset SavedAt, string SavedAtText);

/// <summary>A draft with its XML.</summary>
/// <param name="Draft">The draft.</param>
/// <param name="Xml">Its BPMN XML.</param>
internal sealed record DraftContent(DraftDto Draft, string Xml);

/// <summary>
/// The modeler's drafts. Every read and write is filtered by the owner, so another user's draft id behaves exactly like
/// one that does not exist (404), whether read, overwritten or deleted.
/// </summary>
internal sealed class ModelerDrafts(WorkflowHostAccessor accessor, TimeProvider time)
{
    /// <summary>Longest process id and name kept (the columns' length).</summary>
    private const int MaxText = 200;

    private static string Missing => Texte.ServerDiesenEntwurfGibtErGehoert;

    private AutomationDbContext Context() => accessor.Host.Database.CreateContext();

    /// <summary>The owner's drafts, newest first; with <paramref name="processId"/> only those of that process (null: new diagrams).</summary>
    public async Task<IReadOnlyList<DraftDto>> ListAsync(string owner, bool forProcess, string? processId, CancellationToken ct)
    {
        await using var db = Context();
        var query = db.ModelerDrafts.AsNoTracking().Where(d => d.Owner == owner);
        if (forProcess) query = query.Where(d => d.ProcessId == processId);
        return (await query.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).ToListAsync(ct)).Select(Dto).ToList();
    }

    /// <summary>One of the owner's drafts with its XML.</summary>
    /// <exception cref="NotFoundException">No such draft of this owner.</exception>
    public async Task<DraftContent> GetAsync(string owner, long id, CancellationToken ct)
    {
        await using var db = Context();
        var row = await db.ModelerDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.Owner == owner, ct)
            ?? throw new NotFoundException(Missing);
        return new DraftContent(Dto(row), row.Xml);
    }

    /// <summary>Saves a new draft of the owner.</summary>
    public async Task<DraftDto> CreateAsync(string owner, string? processId, string xml, CancellationToken ct)
    {
        var name = ProcessName(xml);
        if (processId is { Length: > MaxText }) throw new BadInputException("processId", Texte.Format(Texte.ServerProzessIdLaengerAlsZeichen, MaxText));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = new ModelerDraftRecord
        {
            Owner = owner, ProcessId = string.IsNullOrWhiteSpace(processId) ? null : processId, Name = name, Xml = xml, CreatedAt = now, UpdatedAt = now,
        };
        await using var db = Context();
        db.ModelerDrafts.Add(row);
        await db.SaveChangesAsync(ct);
        return Dto(row);
    }

    /// <summary>Overwrites one of the owner's drafts.</summary>
    /// <exception cref="NotFoundException">No such draft of this owner (nothing is written).</exception>
    public async Task<DraftDto> UpdateAsync(string owner, long id, string xml, CancellationToken ct)
    {
        var name = ProcessName(xml);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = Context();
        var changed = await db.ModelerDrafts.Where(d => d.Id == id && d.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Xml, xml).SetProperty(d => d.Name, name).SetProperty(d => d.UpdatedAt, now), ct);
        if (changed == 0) throw new NotFoundException(Missing);
        var row = await db.ModelerDrafts.AsNoTracking().FirstAsync(d => d.Id == id && d.Owner == owner, ct);
        return Dto(row);
    }

    /// <summary>Deletes one of the owner's drafts (discarded or published).</summary>
    /// <exception cref="NotFoundException">No such draft of this owner.</exception>
    public async Task DeleteAsync(string owner, long id, CancellationToken ct)
    {
        if (!await TryDeleteAsync(owner, id, ct)) throw new NotFoundException(Missing);
    }

    /// <summary>Deletes one of the owner's drafts; false when the owner has no draft with that id (another person's stays).</summary>
    public async Task<bool> TryDeleteAsync(string owner, long id, CancellationToken ct)
    {
        await using var db = Context();
        return await db.ModelerDrafts.Where(d => d.Id == id && d.Owner == owner).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// The name of the draft's first process (its id when unnamed), read with a reader that resolves nothing external.
    /// A draft must be well-formed XML: the modeler always sends that, so anything else is a client's mistake.
    /// </summary>
    /// <exception cref="BadInputException">Empty or not well-formed XML (code <c>draft-not-xml</c>, with line and column).</exception>
    public static string ProcessName(string xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) throw new BadInputException("xml", Texte.ServerEntwurfLeer, "draft-empty");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        string? name = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
                if (name is null && reader.NodeType == XmlNodeType.Element && reader.LocalName == "process")
                    name = NonBlank(reader.GetAttribute("name")) ?? NonBlank(reader.GetAttribute("id"));
            }
        }
        catch (XmlException e)
        {
            throw new BadInputException("xml", Texte.Format(Texte.ServerEntwurfWohlgeformtesXmlZeileSpalte, e.LineNumber, e.LinePosition), "draft-not-xml");
        }
        name ??= "Ohne Namen";
        return name.Length > MaxText ? name[..MaxText] : name;
    }

    private static string? NonBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DraftDto Dto(ModelerDraftRecord row)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt);
        return new DraftDto(row.Id, row.ProcessId, row.Name, at, DisplayTime.Time(at));
    }
}

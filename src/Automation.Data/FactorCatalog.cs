using System.Globalization;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data;

/// <summary>A stored factor version with who added it and when.</summary>
/// <param name="Version">The version.</param>
/// <param name="CreatedBy">User name, or <c>seed</c> for the reference set.</param>
/// <param name="CreatedAt">When it was added.</param>
public sealed record StoredFactorVersion(FactorVersion Version, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// The factor table (<c>factor_versions</c>): seeded from the reference set on first start, extended by
/// administrators, and kept in memory as the <see cref="FactorSet"/> the ledger prices with. Adding a version
/// reloads the set, so steps ending after the commit are priced with it; every ledger entry keeps key@version.
/// </summary>
public sealed class FactorCatalog : IDisposable
{
    /// <summary>The user name recorded for versions seeded from the reference set.</summary>
    public const string SeedUser = "seed";

    private readonly AutomationDatabase database;
    private readonly FactorSet reference;
    private readonly SemaphoreSlim addLock = new(1, 1);
    private volatile FactorSet current;
    private (long Count, long MaxId) loaded;

    internal FactorCatalog(AutomationDatabase database, FactorSet reference)
    {
        this.database = database;
        this.reference = reference;
        current = reference;
    }

    /// <summary>The factors in force: every stored version (cached; replaced when a version is added or reloaded).</summary>
    public FactorSet Current => current;

    /// <summary>
    /// Seeds the reference set into an empty table; into a table with rows it adds a factor the reference set gained (a key
    /// the table has no version of) and brings the texts of seeded rows up to the reference set's. Then loads it.
    /// </summary>
    internal async Task InitializeAsync(CancellationToken ct)
    {
        // One read of the table serves the text refresh, the missing keys and the load: this runs in every start.
        var signature = await SignatureAsync(ct);
        var stored = await ListAsync(ct);
        if (await RefreshSeedTextsAsync(stored, ct)) stored = await ListAsync(ct);
        var keys = stored.Select(s => s.Version.Key).ToHashSet(StringComparer.Ordinal);
        var missing = reference.Versions.Where(v => !keys.Contains(v.Key)).ToList();
        if (missing.Count > 0)
        {
            await using var context = database.CreateContext();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            context.FactorVersions.AddRange(missing.Select(v => ToRecord(v, SeedUser, now)));
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node may have seeded between the check and the insert; its rows are the same reference set.
                if (!await OtherNodeSeededAsync(ct)) throw;
            }
            signature = await SignatureAsync(ct);
            stored = await ListAsync(ct);
        }
        Load(stored, signature);
    }

    /// <summary>
    /// A seeded row whose label, source or note differs from the reference set's (e.g. the English texts of databases
    /// created before they were translated) takes the reference set's texts. Only texts: a factor's value, unit,
    /// status and period are what ledger entries were priced with and stay; rows added by administrators are theirs.
    /// Returns whether a row changed.
    /// </summary>
    private async Task<bool> RefreshSeedTextsAsync(IReadOnlyList<StoredFactorVersion> rows, CancellationToken ct)
    {
        var stored = rows.Where(s => s.CreatedBy == SeedUser).ToDictionary(s => s.Version.Id, s => s.Version, StringComparer.Ordinal);
        var changed = reference.Versions.Where(r => stored.TryGetValue(r.Id, out var s) && s.Value == r.Value
            && (s.Label != r.Label || s.Source != r.Source || s.Note != r.Note)).ToList();
        if (changed.Count == 0) return false;
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var v in changed)
        {
            await using var cmd = CaseStore.Command(connection, tx,
                "UPDATE factor_versions SET label = @label, source = @source, note = @note WHERE key = @key AND version = @version AND created_by = @seed");
            CaseStore.Add(cmd, "@label", v.Label);
            CaseStore.Add(cmd, "@source", v.Source);
            CaseStore.Add(cmd, "@note", v.Note);
            CaseStore.Add(cmd, "@key", v.Key);
            CaseStore.Add(cmd, "@version", v.Version);
            CaseStore.Add(cmd, "@seed", SeedUser);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<bool> OtherNodeSeededAsync(CancellationToken ct)
    {
        await using var context = database.CreateContext();
        return await context.FactorVersions.AnyAsync(ct);
    }

    /// <summary>Reads the table again (e.g. after another node added a version).</summary>
    public async Task ReloadAsync(CancellationToken ct = default) => await LoadAsync(await SignatureAsync(ct), ct);

    private async Task LoadAsync((long Count, long MaxId) signature, CancellationToken ct) => Load(await ListAsync(ct), signature);

    private void Load(IReadOnlyList<StoredFactorVersion> stored, (long Count, long MaxId) signature)
    {
        current = FactorSet.FromVersions(reference.Name, reference.Description, stored.Select(s => s.Version), reference.NotDefined);
        loaded = signature;
    }

    /// <summary>
    /// Reloads when another node added a version since the last load (rows are only ever added; closing an open
    /// period comes with the new row), so the check is one cheap query. Returns whether it reloaded.
    /// </summary>
    public async Task<bool> RefreshIfChangedAsync(CancellationToken ct = default)
    {
        if (await SignatureAsync(ct) == loaded) return false;
        await addLock.WaitAsync(ct);
        try
        {
            await ReloadAsync(ct);
        }
        finally
        {
            addLock.Release();
        }
        return true;
    }

    private async Task<(long Count, long MaxId)> SignatureAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM factor_versions");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>Every stored version with its author, ordered by key and version.</summary>
    public async Task<IReadOnlyList<StoredFactorVersion>> ListAsync(CancellationToken ct = default)
    {
        // Plain SQL: this runs in every start, before anything else needs EF Core's model (about a second to build).
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            "SELECT key, version, value, unit, source, year, status, valid_from, valid_to, label, note, created_by, created_at FROM factor_versions");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<FactorVersionRecord>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new FactorVersionRecord
            {
                Key = reader.GetString(0),
                Version = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                Value = reader.GetString(2),
                Unit = reader.GetString(3),
                Source = reader.GetString(4),
                Year = Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                Status = reader.GetString(6),
                ValidFrom = reader.GetString(7),
                ValidTo = reader.IsDBNull(8) ? null : reader.GetString(8),
                Label = reader.IsDBNull(9) ? null : reader.GetString(9),
                Note = reader.IsDBNull(10) ? null : reader.GetString(10),
                CreatedBy = reader.GetString(11),
                CreatedAt = Convert.ToInt64(reader.GetValue(12), CultureInfo.InvariantCulture),
            });
        }
        return rows.Select(r => new StoredFactorVersion(FromRecord(r), r.CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt)))
            .OrderBy(s => s.Version.Key, StringComparer.Ordinal).ThenBy(s => s.Version.Version).ToList();
    }

    /// <summary>
    /// Adds a version after <see cref="FactorVersionValidator"/> accepted it. A version starting after the key's
    /// open-ended version closes that one on the day before (<see cref="FactorSet.Supersede"/>); any other overlap,
    /// a negative value or a missing source is refused. Table and cache change together or not at all.
    /// </summary>
    /// <param name="input">The proposed version.</param>
    /// <param name="createdBy">Who adds it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored version.</returns>
    /// <exception cref="FactorValidationException">Refused; the errors name each field.</exception>
    public async Task<StoredFactorVersion> AddAsync(FactorVersionInput input, string createdBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        await addLock.WaitAsync(ct);
        try
        {
            // Validate against the table, not the cache: another node may have added a version meanwhile.
            await ReloadAsync(ct);
            var before = current;
            var after = before.Supersede(input);
            var known = before.Versions.ToDictionary(v => v.Id, StringComparer.Ordinal);
            var added = after.Versions.Single(v => !known.ContainsKey(v.Id));
            var closed = after.Versions.Where(v => known.TryGetValue(v.Id, out var old) && old != v).ToList();
            var now = DateTimeOffset.UtcNow;
            await using (var context = database.CreateContext())
            {
                await using var tx = await context.Database.BeginTransactionAsync(ct);
                foreach (var c in closed)
                {
                    var validTo = Day(c.ValidTo!.Value);
                    var updated = await context.FactorVersions.Where(r => r.Key == c.Key && r.Version == c.Version && r.ValidTo == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.ValidTo, validTo), ct);
                    if (updated != 1) throw new FactorValidationException(Texte.Format(Texte.FaktorVersionAbgelehnt, c.Key),
                        [new FactorError("validFrom", Texte.Format(Texte.FaktorInzwischenGeaendert, c.Version, c.Key))]);
                }
                context.FactorVersions.Add(ToRecord(added, createdBy.Trim(), now.ToUnixTimeMilliseconds()));
                try
                {
                    await context.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    throw new FactorValidationException(Texte.Format(Texte.FaktorVersionAbgelehnt, added.Key),
                        [new FactorError("version", Texte.Format(Texte.FaktorInzwischenAngelegt, added.Version, added.Key))]);
                }
                await tx.CommitAsync(ct);
            }
            await ReloadAsync(ct);
            return new StoredFactorVersion(added, createdBy.Trim(), DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
        }
        finally
        {
            addLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => addLock.Dispose();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static FactorVersionRecord ToRecord(FactorVersion v, string createdBy, long createdAt) => new()
    {
        Key = v.Key,
        Version = v.Version,
        Value = v.Value.ToString(CultureInfo.InvariantCulture),
        Unit = v.Unit,
        Source = v.Source,
        Year = v.Year,
        Status = v.StatusText,
        ValidFrom = Day(v.ValidFrom),
        ValidTo = v.ValidTo is { } to ? Day(to) : null,
        Label = v.Label,
        Note = v.Note,
        CreatedBy = createdBy,
        CreatedAt = createdAt,
    };

    private static FactorVersion FromRecord(FactorVersionRecord r) => new()
    {
        Key = r.Key,
        Version = r.Version,
        Value = decimal.Parse(r.Value, NumberStyles.Number, CultureInfo.InvariantCulture),
        Unit = r.Unit,
        Source = r.Source,
        Year = r.Year,
        Status = r.Status switch { "checked" => FactorStatus.Checked, "secondary" => FactorStatus.Secondary, _ => FactorStatus.Assumption },
        ValidFrom = DateOnly.ParseExact(r.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        ValidTo = r.ValidTo is null ? null : DateOnly.ParseExact(r.ValidTo, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Label = r.Label,
        Note = r.Note,
    };
}

using System.Globalization;
using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Engine.Accounting;

/// <summary>A table cell the source leaves empty ("–"), kept so a lookup can say so instead of "unknown factor".</summary>
/// <param name="Key">Factor key of the cell, e.g. <c>zeitwert.6.complex</c>.</param>
/// <param name="Label">German label of the cell.</param>
/// <param name="Source">The table that leaves it empty.</param>
/// <param name="Note">What the source shows there.</param>
public sealed record UndefinedFactor(string Key, string? Label, string Source, string? Note);

/// <summary>
/// A named, immutable set of versioned factors: every version of every key, with non-overlapping validity periods
/// per key. Lookups take the instant a step ended and use its calendar day in UTC (a fixed rule, so pricing does
/// not depend on the server's time-zone database). Adding a version returns a new set; nothing is ever replaced,
/// so entries priced earlier keep pointing at the versions they used.
/// </summary>
public sealed class FactorSet
{
    private const string DefaultResource = "Automation.Engine.Accounting.Data.factors-de-2025.json";
    private static readonly Lazy<FactorSet> DefaultSet = new(LoadDefault);

    private readonly Dictionary<string, List<FactorVersion>> byKey;
    private readonly Dictionary<string, UndefinedFactor> undefined;

    private FactorSet(string name, string? description, IEnumerable<FactorVersion> versions, IEnumerable<UndefinedFactor> notDefined)
    {
        Name = name;
        Description = description;
        Versions = versions.OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Version).ToList();
        byKey = Versions.GroupBy(v => v.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        NotDefined = notDefined.ToList();
        undefined = NotDefined.ToDictionary(u => u.Key, StringComparer.Ordinal);
    }

    /// <summary>The default German factors (<c>de-2025</c>), from the embedded <c>Accounting/Data/factors-de-2025.json</c>.</summary>
    public static FactorSet Default => DefaultSet.Value;

    /// <summary>Name of the set, e.g. <c>de-2025</c>.</summary>
    public string Name { get; }

    /// <summary>What the set is for.</summary>
    public string? Description { get; }

    /// <summary>Every version of every factor, ordered by key and version.</summary>
    public IReadOnlyList<FactorVersion> Versions { get; }

    /// <summary>Table cells the sources leave empty.</summary>
    public IReadOnlyList<UndefinedFactor> NotDefined { get; }

    /// <summary>The versions of one key, oldest first; empty for an unknown key.</summary>
    public IReadOnlyList<FactorVersion> VersionsOf(string key) =>
        byKey.TryGetValue(key, out var list) ? list : [];

    /// <summary>The version of <paramref name="key"/> valid at <paramref name="at"/>, or null.</summary>
    public FactorVersion? Find(string key, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return byKey.TryGetValue(key, out var list) ? list.Find(v => v.IsValidOn(day)) : null;
    }

    /// <summary>The Zeitwerttabelle cell of a standard activity and complexity valid at <paramref name="at"/>, or null (also for a "–" cell).</summary>
    public FactorVersion? FindZeitwert(int activity, Complexity complexity, DateTimeOffset at) => Find(FactorKeys.Zeitwert(activity, complexity), at);

    /// <summary>The version of <paramref name="key"/> valid at <paramref name="at"/>.</summary>
    /// <exception cref="AccountingException">No version is valid then, or the cell is empty in its source table.</exception>
    public FactorVersion Get(string key, DateTimeOffset at)
    {
        if (Find(key, at) is { } found) return found;
        if (undefined.TryGetValue(key, out var gap))
            throw new AccountingException(Texte.Format(Texte.BuchungFaktorNichtFestgelegt, key, gap.Label ?? key, gap.Source)) { Code = "factor-undefined" };
        var versions = VersionsOf(key);
        if (versions.Count == 0) throw new AccountingException(Texte.Format(Texte.BuchungFaktorFehlt, Name, key)) { Code = "factor-missing" };
        throw new AccountingException(Texte.Format(Texte.BuchungFaktorNichtGueltig, Name, key, DateOnly.FromDateTime(at.UtcDateTime),
            string.Join(", ", versions.Select(v => $"{v.Version} {v.Period}")))) { Code = "factor-not-valid" };
    }

    /// <summary>The Zeitwerttabelle cell for a standard activity and complexity.</summary>
    /// <exception cref="AccountingException">The cell is "–" in the table, the activity is not 1–17, or no version is valid then.</exception>
    internal FactorVersion Zeitwert(int activity, Complexity complexity, DateTimeOffset at)
    {
        if (activity is < 1 or > 17)
            throw new AccountingException(Texte.Format(Texte.BuchungTaetigkeitUnbekannt, activity)) { Code = "activity-unknown" };
        return Get(FactorKeys.Zeitwert(activity, complexity), at);
    }

    /// <summary>The Lohnkostentabelle rate (€ per hour) for an authority type and pay level; no pay level uses the average column.</summary>
    public FactorVersion HourlyRate(AuthorityType authority, PayLevel? payLevel, DateTimeOffset at) =>
        Get(FactorKeys.Lohnkosten(authority, payLevel), at);

    /// <summary>Returns a new set with one more version, after <see cref="FactorVersionValidator"/> has accepted it.</summary>
    /// <exception cref="FactorValidationException">The version was refused; its errors name each field.</exception>
    public FactorSet Add(FactorVersionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = FactorVersionValidator.Validate(input, Versions);
        if (!result.IsValid) throw new FactorValidationException(Texte.Format(Texte.FaktorVersionAbgelehnt, input.Key ?? Texte.FaktorOhneSchluessel), result.Errors);
        return new FactorSet(Name, Description, Versions.Append(result.Version!), NotDefined);
    }

    /// <summary>
    /// Returns a new set in which <paramref name="input"/> takes over from the key's open-ended version: that version
    /// is closed on the day before the new one starts, then the new one is added and validated like
    /// <see cref="Add"/>. Closing an open period is the only change an existing version can get; its value, source
    /// and status never change, and entries priced with it keep it.
    /// </summary>
    /// <exception cref="FactorValidationException">The new version was refused; its errors name each field.</exception>
    public FactorSet Supersede(FactorVersionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var open = input.Key is null ? null : VersionsOf(input.Key.Trim()).FirstOrDefault(v => v.ValidTo is null);
        if (open is null || input.ValidFrom is not { } from || from <= open.ValidFrom) return Add(input);
        var closed = open with { ValidTo = from.AddDays(-1) };
        var result = FactorVersionValidator.Validate(input, Versions.Select(v => v == open ? closed : v));
        if (!result.IsValid) throw new FactorValidationException(Texte.Format(Texte.FaktorVersionAbgelehnt, input.Key), result.Errors);
        return new FactorSet(Name, Description, Versions.Select(v => v == open ? closed : v).Append(result.Version!), NotDefined);
    }

    /// <summary>
    /// Reads a factor file (the format of <c>Accounting/Data/factors-de-2025.json</c>). Every version goes through
    /// <see cref="FactorVersionValidator"/>, so a file cannot bring in what the API would refuse.
    /// </summary>
    /// <exception cref="FactorValidationException">The file is malformed or a version is refused.</exception>
    public static FactorSet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FactorValidationException(Texte.Format(Texte.FaktordateiKeinJson, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1), e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FactorValidationException(Texte.FaktordateiKeinObjekt);
            var name = String(root, "name") ?? throw new FactorValidationException(Texte.FaktordateiOhneName);
            var versions = new List<FactorVersion>();
            if (!root.TryGetProperty("factors", out var factors) || factors.ValueKind != JsonValueKind.Array)
                throw new FactorValidationException(Texte.Format(Texte.FaktordateiOhneListe, name));
            var lines = ElementLines(json);
            var index = 0;
            foreach (var element in factors.EnumerateArray())
            {
                var (input, fieldErrors) = ReadInput(element);
                var result = FactorVersionValidator.Validate(input, versions);
                // A field that could not be read is reported once, as unreadable, not again as missing.
                var errors = fieldErrors.Concat(result.Errors.Where(r => fieldErrors.All(f => f.Field != r.Field))).ToList();
                if (errors.Count > 0) throw new FactorValidationException(Texte.Format(Texte.FaktordateiEintrag, name, index, input.Key ?? Texte.FaktorOhneSchluessel, lines[index]), errors);
                versions.Add(result.Version!);
                index++;
            }
            var notDefined = new List<UndefinedFactor>();
            if (root.TryGetProperty("notDefined", out var gaps) && gaps.ValueKind == JsonValueKind.Array)
            {
                foreach (var gap in gaps.EnumerateArray())
                {
                    var key = String(gap, "key") ?? throw new FactorValidationException(Texte.Format(Texte.FaktordateiLueckeOhneSchluessel, name));
                    var source = String(gap, "source") ?? throw new FactorValidationException(Texte.Format(Texte.FaktordateiLueckeOhneQuelle, name, key));
                    if (versions.Any(v => v.Key == key)) throw new FactorValidationException(Texte.Format(Texte.FaktordateiDoppelt, name, key));
                    notDefined.Add(new UndefinedFactor(key, String(gap, "label"), source, String(gap, "note")));
                }
            }
            return new FactorSet(name, String(root, "description"), versions, notDefined);
        }
    }

    /// <summary>
    /// Builds a set from stored versions (e.g. the host's factor table), keeping <paramref name="notDefined"/> from
    /// the reference set. Every version goes through <see cref="FactorVersionValidator"/> against the ones before
    /// it, so a table edited outside the API cannot bring in an overlap or a negative value either.
    /// </summary>
    /// <exception cref="FactorValidationException">A stored version is refused.</exception>
    public static FactorSet FromVersions(string name, string? description, IEnumerable<FactorVersion> versions, IEnumerable<UndefinedFactor> notDefined)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(notDefined);
        var accepted = new List<FactorVersion>();
        foreach (var v in versions.OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Version))
        {
            var result = FactorVersionValidator.Validate(new FactorVersionInput
            {
                Key = v.Key, Version = v.Version, Value = v.Value, Unit = v.Unit, Source = v.Source, Year = v.Year,
                Status = v.StatusText, ValidFrom = v.ValidFrom, ValidTo = v.ValidTo, Label = v.Label, Note = v.Note,
            }, accepted);
            if (!result.IsValid) throw new FactorValidationException(Texte.Format(Texte.FaktorsatzAbgelehnt, name, v.Id), result.Errors);
            accepted.Add(result.Version!);
        }
        return new FactorSet(name, description, accepted, notDefined);
    }

    private static FactorSet LoadDefault()
    {
        using var stream = typeof(FactorSet).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing from the engine assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static (FactorVersionInput Input, List<FactorError> Errors) ReadInput(JsonElement e)
    {
        var errors = new List<FactorError>();
        if (e.ValueKind != JsonValueKind.Object) return (new FactorVersionInput(), [new("factor", Texte.FaktordateiKeinEintragsobjekt)]);
        decimal? value = null;
        if (e.TryGetProperty("value", out var v))
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) value = d;
            else errors.Add(new("value", Texte.FaktordateiKeineZahl));
        }
        int? version = null;
        if (e.TryGetProperty("version", out var ver) && ver.ValueKind != JsonValueKind.Null)
        {
            if (ver.ValueKind == JsonValueKind.Number && ver.TryGetInt32(out var n)) version = n;
            else errors.Add(new("version", Texte.FaktordateiKeineGanzeZahl));
        }
        int? year = null;
        if (e.TryGetProperty("year", out var y))
        {
            if (y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var n)) year = n;
            else errors.Add(new("year", Texte.FaktordateiKeineGanzeZahl));
        }
        var input = new FactorVersionInput
        {
            Key = String(e, "key"),
            Version = version,
            Value = value,
            Unit = String(e, "unit"),
            Source = String(e, "source"),
            Year = year,
            Status = String(e, "status"),
            ValidFrom = Date(e, "validFrom", errors),
            ValidTo = Date(e, "validTo", errors),
            Label = String(e, "label"),
            Note = String(e, "note"),
        };
        return (input, errors);
    }

    /// <summary>
    /// The line of each entry of the file's <c>factors</c> list, so a refused entry names where it stands in the file
    /// (JsonDocument keeps no positions). Called only on a file that has already parsed.
    /// </summary>
    private static List<int> ElementLines(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        var lines = new List<int>();
        var inFactors = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName) inFactors = reader.ValueTextEquals("factors");
            else if (inFactors && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                lines.Add(1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
        }
        return lines;
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static DateOnly? Date(JsonElement e, string name, List<FactorError> errors)
    {
        if (!e.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(p.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(new(name, Texte.FaktordateiKeinDatum));
        return null;
    }
}

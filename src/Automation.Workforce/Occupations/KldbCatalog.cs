using Automation.Workforce.Importing;
using Automation.Engine.Texts;

namespace Automation.Workforce.Occupations;

/// <summary>Requirement level (Anforderungsniveau), the 5th digit of a KldB 2010 code.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RequirementLevel>))]
public enum RequirementLevel
{
    /// <summary>1: Helfer-/Anlerntätigkeiten.</summary>
    Helper = 1,
    /// <summary>2: fachlich ausgerichtete Tätigkeiten.</summary>
    Professional = 2,
    /// <summary>3: komplexe Spezialistentätigkeiten.</summary>
    Specialist = 3,
    /// <summary>4: hoch komplexe Tätigkeiten.</summary>
    Expert = 4,
}

/// <summary>One KldB 2010 entry.</summary>
/// <param name="Code">Code with leading zeros, as many digits as the level (5 for occupations).</param>
/// <param name="Level">Hierarchy level 1–5.</param>
/// <param name="Title">Title.</param>
/// <param name="ShortTitle">Short title.</param>
public sealed record KldbOccupation(string Code, int Level, string Title, string ShortTitle)
{
    /// <summary>Requirement level for 5-digit codes; null on levels 1–4.</summary>
    public RequirementLevel? RequirementLevel => Level == 5 ? KldbCatalog.RequirementLevelOf(Code) : null;
}

/// <summary>
/// KldB 2010, version 2020, of the Bundesagentur für Arbeit (10 / 37 / 144 / 703 / 1,301 entries on levels 1–5),
/// shipped inside the assembly. The source file drops leading zeros (01104 is written 1104); codes here are padded
/// to their level's length.
/// </summary>
public sealed class KldbCatalog
{
    /// <summary>Name and version of the classification, printed beside every figure that uses it.</summary>
    public const string Source = "Klassifikation der Berufe 2010 – überarbeitete Fassung 2020, Bundesagentur für Arbeit";

    private static readonly Lazy<KldbCatalog> Shared = new(Load);
    private readonly Dictionary<string, KldbOccupation> byCode;

    private KldbCatalog(IEnumerable<KldbOccupation> entries)
    {
        byCode = entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
        Occupations = byCode.Values.Where(e => e.Level == 5).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The shipped catalogue.</summary>
    public static KldbCatalog Default => Shared.Value;

    /// <summary>All 5-digit occupations, ordered by code.</summary>
    public IReadOnlyList<KldbOccupation> Occupations { get; }

    /// <summary>Number of entries on a level.</summary>
    public int CountOnLevel(int level) => byCode.Values.Count(e => e.Level == level);

    /// <summary>The entry of a code (any level), or null.</summary>
    public KldbOccupation? Find(string? code) => code is not null && byCode.TryGetValue(code.Trim(), out var e) ? e : null;

    /// <summary>Whether the code is a known 5-digit occupation.</summary>
    public bool IsOccupation(string? code) => Find(code) is { Level: 5 };

    /// <summary>Title of a code, or the code itself when unknown.</summary>
    public string TitleOf(string code) => Find(code)?.Title ?? code;

    /// <summary>The requirement level of a 5-digit code (its last digit), or null for anything else.</summary>
    public static RequirementLevel? RequirementLevelOf(string? code) =>
        code is { Length: 5 } && code[4] is >= '1' and <= '4' && code.All(char.IsAsciiDigit) ? (RequirementLevel)(code[4] - '0') : null;

    /// <summary>German name of a requirement level.</summary>
    public static string Display(RequirementLevel? level) => level switch
    {
        RequirementLevel.Helper => Texte.NiveauHelfer,
        RequirementLevel.Professional => Texte.NiveauFachkraft,
        RequirementLevel.Specialist => Texte.NiveauSpezialist,
        RequirementLevel.Expert => Texte.NiveauExperte,
        _ => Texte.ArbeitsmarktUnbekannt,
    };

    private static KldbCatalog Load()
    {
        using var stream = typeof(KldbCatalog).Assembly.GetManifestResourceStream("Automation.Workforce.Occupations.kldb2010-v2020-codes.csv")
            ?? throw new InvalidOperationException("The KldB resource is missing from the assembly.");
        var table = TabularFile.Read(stream, "kldb2010-v2020-codes.csv");
        return new KldbCatalog(table.Rows.Select(r =>
        {
            var level = int.Parse(r.Get("level")!, System.Globalization.CultureInfo.InvariantCulture);
            return new KldbOccupation(r.Get("code")!.PadLeft(level, '0'), level, r.Get("title")!, r.Get("short_title") ?? r.Get("title")!);
        }));
    }
}

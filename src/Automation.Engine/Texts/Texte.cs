using System.Globalization;
using System.Resources;

namespace Automation.Engine.Texts;

/// <summary>
/// The one German resource set (Texte.resx, neutral culture de) for every text that code hands to a person: diagnostic
/// texts, Problem Details titles and details, statuses, units, simulation assumptions, CLI output. The engine's runtime
/// core never reads it (its messages stay technical English); the server, the CLI and the simulation's report do.
/// A property per key: a key that is missing from the set fails the key test (TexteTests) before anyone sees it.
/// </summary>
internal static class Texte
{
    private static readonly ResourceManager Resources = new("Automation.Engine.Texts.Texte", typeof(Texte).Assembly);

    /// <summary>Numbers and dates in texts are written the German way (1.234,5).</summary>
    public static CultureInfo Kultur { get; } = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The text of a key; a missing key is a programming error, never shown as an empty text.</summary>
    public static string Get(string key) => Find(key) ?? throw new MissingManifestResourceException($"Texte.resx has no key '{key}'.");

    /// <summary>The text of a key, or null where the set has none (keys made from codes).</summary>
    public static string? Find(string key) => Resources.GetString(key, CultureInfo.InvariantCulture);

    /// <summary>A text with placeholders filled in, numbers in de-DE.</summary>
    public static string Format(string template, params object?[] args) => string.Format(Kultur, template, args);

    /// <summary>German sentence for a diagnostic code of the engine, the ledger check or the publish check.</summary>
    public static string Diagnose(string code) => Find("Diagnose_" + code) ?? DiagnoseAllgemein;

    /// <summary>German word for a severity as the API reports it (error, warning, info).</summary>
    public static string Schwere(string severity) => Find("Schwere_" + severity) ?? Get("Schwere_info");

    /// <summary>Problem Details title of a stable problem code.</summary>
    public static string ProblemTitel(string code) => Get("Problem_" + code + "_Titel");

    /// <summary>Problem Details explanation of a stable problem code (for answers that have no detail of their own).</summary>
    public static string ProblemText(string code) => Get("Problem_" + code + "_Text");

    public static string DiagnoseAllgemein => Get(nameof(DiagnoseAllgemein));
    public static string DefinitionUngueltig => Get(nameof(DefinitionUngueltig));
    public static string DateiGroesserAls => Get(nameof(DateiGroesserAls));
    public static string FormularTokenAbgelaufen => Get(nameof(FormularTokenAbgelaufen));

    // automation validate
    public static string CliDateiFehlt => Get(nameof(CliDateiFehlt));
    public static string CliUngueltig => Get(nameof(CliUngueltig));
    public static string CliGueltig => Get(nameof(CliGueltig));
    public static string CliZeile => Get(nameof(CliZeile));
    public static string CliProzess => Get(nameof(CliProzess));
    public static string CliProzesse => Get(nameof(CliProzesse));
}

using System.Globalization;
using System.Resources;
using Automation.Engine.Model;

namespace Automation.Engine.Texts;

/// <summary>
/// The one German resource set (Texte.resx, neutral culture de) for every text that code hands to a person: diagnostic
/// texts, Problem Details titles and details, statuses, units, simulation assumptions, CLI output. The engine's runtime
/// core reads it only for incidents the process owner or a clerk acts on: a timer expression's value (Execution.Timers)
/// and a failed decision (Execution.Decisions); its other messages stay technical English. The server, the CLI and the
/// simulation's report read it.
/// A property per key: a key that is missing from the set fails the key test (TexteTests) before anyone sees it.
/// </summary>
internal static partial class Texte
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

    /// <summary>
    /// The texts of the pages' scripts (keys <c>Skript_…</c>, without the prefix): a page renders them as JSON for
    /// wwwroot/js/texte.js, so a script writes no sentence of its own.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Skripttexte() => SkriptTexte.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> SkriptTexte = new(() =>
        Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string k && k.StartsWith("Skript_", StringComparison.Ordinal))
            .ToDictionary(e => ((string)e.Key)["Skript_".Length..], e => (string)e.Value!, StringComparer.Ordinal));

    /// <summary>German sentence for a diagnostic code of the engine, the ledger check or the publish check.</summary>
    public static string Diagnose(string code) => Find("Diagnose_" + code) ?? DiagnoseAllgemein;

    /// <summary>The German text of a diagnostic: its code's text with the values it names filled in.</summary>
    public static string Diagnose(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var text = Diagnose(diagnostic.Code);
        return diagnostic.Arguments.Count == 0 ? text : Format(text, [.. diagnostic.Arguments]);
    }

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

    // Simulation: assumptions the result lists
    public static string AnnahmeWiederholungen => Get(nameof(AnnahmeWiederholungen));
    public static string AnnahmeKalenderImmer => Get(nameof(AnnahmeKalenderImmer));
    public static string AnnahmeKalender => Get(nameof(AnnahmeKalender));
    public static string AnnahmeFeiertageBund => Get(nameof(AnnahmeFeiertageBund));
    public static string AnnahmeFeiertageLand => Get(nameof(AnnahmeFeiertageLand));
    public static string AnnahmeFeiertageGearbeitet => Get(nameof(AnnahmeFeiertageGearbeitet));
    public static string AnnahmeSchliesstage => Get(nameof(AnnahmeSchliesstage));
    public static string AnnahmeEingang => Get(nameof(AnnahmeEingang));
    public static string AnnahmeGatewayInklusiv => Get(nameof(AnnahmeGatewayInklusiv));
    public static string AnnahmeGatewayGleich => Get(nameof(AnnahmeGatewayGleich));
    public static string AnnahmeWarten => Get(nameof(AnnahmeWarten));
    public static string AnnahmeOhneRolle => Get(nameof(AnnahmeOhneRolle));
    public static string AnnahmeManuelleAufgabe => Get(nameof(AnnahmeManuelleAufgabe));
    public static string AnnahmeEinfacheAufgabe => Get(nameof(AnnahmeEinfacheAufgabe));
    public static string AnnahmeHistorie => Get(nameof(AnnahmeHistorie));
    public static string AnnahmeHistorieQuelle => Get(nameof(AnnahmeHistorieQuelle));
    public static string AnnahmeKeineStandardzeit => Get(nameof(AnnahmeKeineStandardzeit));
    public static string AnnahmeRolle => Get(nameof(AnnahmeRolle));
    public static string AnnahmeAutomatisiert => Get(nameof(AnnahmeAutomatisiert));

    /// <summary>German form of a factor unit (h/year → h/Jahr); units without an entry (EUR/h, min, kWh) are the same in German.</summary>
    public static string Einheit(string unit) => Find("Einheit_" + unit) ?? unit;

    /// <summary>German name of a kind of audit-log entry (definition, user, …); an unknown kind shows as it is stored.</summary>
    public static string Protokollart(string kind) => Find("Protokollart_" + kind) ?? kind;

    /// <summary>German name of an audit-log action (create, publish, revoke, …); an unknown action shows as it is stored.</summary>
    public static string Protokollaktion(string action) => Find("Protokollaktion_" + action) ?? action;

    /// <summary>
    /// German label of a key in an audit entry's before/after JSON (Protokollfeld_…, else the register's field name);
    /// null for a key without one, which the page shows as it is stored.
    /// </summary>
    public static string? Protokollfeld(string key) => Find("Protokollfeld_" + key) ?? Find("Registerfeld_" + key);

    /// <summary>German form of a stored code value of an audit field (basis Forecast → Prognose), or null to show it as stored.</summary>
    public static string? Protokollwert(string key, string value) => Find("Protokollwert_" + key + "_" + value);

    /// <summary>German name of a factor's source status (checked, secondary, assumption).</summary>
    public static string Faktorstatus(string status) => Find("Faktorstatus_" + status) ?? Get("Faktorstatus_assumption");

    /// <summary>
    /// German name of who does a step (Akteur_…): the one word for each actor on pages, dashboards, exports and the CLI.
    /// An actor a stored row names that has no entry shows as it is stored.
    /// </summary>
    public static string Akteur(string actor) => Find("Akteur_" + actor) ?? actor;

    /// <inheritdoc cref="Akteur(string)"/>
    public static string Akteur(Model.ActorKind actor) => Get("Akteur_" + actor);

    /// <summary>German name of a simulated step change (automated, aiAssisted: the step's new actor; removed).</summary>
    public static string Aenderung(string change) => change switch
    {
        "automated" => Akteur(Model.ActorKind.Automated),
        "aiAssisted" => Akteur(Model.ActorKind.AiAssisted),
        _ => Get("Aenderung_" + change),
    };

    /// <summary>German name of where a carbon component stands against the SCI (inside, beside, outside).</summary>
    public static string Einordnung(string placement) => Get("Einordnung_" + placement);

    // automation simulate
    public static string SimKopf => Get(nameof(SimKopf));
    public static string SimKalender => Get(nameof(SimKalender));
    public static string SimLegende => Get(nameof(SimLegende));
    public static string SimAbgeschlossen => Get(nameof(SimAbgeschlossen));
    public static string SimSteckenGeblieben => Get(nameof(SimSteckenGeblieben));
    public static string SimDurchlaufzeit => Get(nameof(SimDurchlaufzeit));
    public static string SimWartezeit => Get(nameof(SimWartezeit));
    public static string SimPersonalstunden => Get(nameof(SimPersonalstunden));
    public static string SimBeruf => Get(nameof(SimBeruf));
    public static string SimKosten => Get(nameof(SimKosten));
    public static string SimSci => Get(nameof(SimSci));
    public static string SimBestandteil => Get(nameof(SimBestandteil));
    public static string SimBilanz => Get(nameof(SimBilanz));
    public static string SimFreigesetzt => Get(nameof(SimFreigesetzt));
    public static string SimKeinBeruf => Get(nameof(SimKeinBeruf));
    public static string SimAnnahmen => Get(nameof(SimAnnahmen));
    public static string SimUngueltig => Get(nameof(SimUngueltig));
    public static string SimSzenarioUngueltig => Get(nameof(SimSzenarioUngueltig));

    // automation validate
    public static string CliDateiFehlt => Get(nameof(CliDateiFehlt));
    public static string CliUngueltig => Get(nameof(CliUngueltig));
    public static string CliGueltig => Get(nameof(CliGueltig));
    public static string CliZeile => Get(nameof(CliZeile));
    public static string CliProzess => Get(nameof(CliProzess));
    public static string CliProzesse => Get(nameof(CliProzesse));

    // Case documents, templates and the document and e-mail connectors
    public static string DokumentZuGross => Get(nameof(DokumentZuGross));
    public static string DokumentLeer => Get(nameof(DokumentLeer));
    public static string DokumentFormatNichtErlaubt => Get(nameof(DokumentFormatNichtErlaubt));
    public static string DokumentOhneEndung => Get(nameof(DokumentOhneEndung));
    public static string DokumentInhaltPasstNicht => Get(nameof(DokumentInhaltPasstNicht));
    public static string DokumentFehlt => Get(nameof(DokumentFehlt));
    public static string DokumentNichtImVorgang => Get(nameof(DokumentNichtImVorgang));
    public static string VorlageUnbekannt => Get(nameof(VorlageUnbekannt));
    public static string VorlageVariableUnbekannt => Get(nameof(VorlageVariableUnbekannt));
    public static string VorlagePlatzhalterUngueltig => Get(nameof(VorlagePlatzhalterUngueltig));
    public static string VorlageSchritt => Get(nameof(VorlageSchritt));
    public static string ConnectorEingabeFehlt => Get(nameof(ConnectorEingabeFehlt));
    public static string ConnectorVorlageOderText => Get(nameof(ConnectorVorlageOderText));
    public static string EmailServerFehlt => Get(nameof(EmailServerFehlt));
    public static string EmailAblageFehler => Get(nameof(EmailAblageFehler));
    public static string EmailAdresseSteuerzeichen => Get(nameof(EmailAdresseSteuerzeichen));
    public static string EmailAbsenderFehlt => Get(nameof(EmailAbsenderFehlt));
    public static string EmailAdresseUngueltig => Get(nameof(EmailAdresseUngueltig));
    public static string EmailEmpfaengerFehlt => Get(nameof(EmailEmpfaengerFehlt));
    public static string EmailGeheimnisFehlt => Get(nameof(EmailGeheimnisFehlt));
    public static string EmailServerNichtErreichbar => Get(nameof(EmailServerNichtErreichbar));
    public static string EmailEmpfaengerAbgelehnt => Get(nameof(EmailEmpfaengerAbgelehnt));
    public static string EmailAbgelehnt => Get(nameof(EmailAbgelehnt));
    public static string EmailAnhangUngueltig => Get(nameof(EmailAnhangUngueltig));
}

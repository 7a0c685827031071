namespace Automation.Engine.Texts;

/// <summary>Texts of the server's connectors (inputs, publish check, secrets, allowed targets, the HTTP connector).</summary>
internal static partial class Texte
{
    /// <summary>German word for a connector field type (ConnectorFieldType: Text, Number, Boolean, Json).</summary>
    public static string KonnektorTyp(string type) => Get("KonnektorTyp_" + type);

    /// <summary>German name of a kind of internal address (loopback, private, link-local …).</summary>
    public static string Adressart(string kind) => Get("Adressart_" + kind);

    /// <summary>Label of a field of the HTTP connector.</summary>
    public static string HttpFeld(string field) => Get("HttpFeld_" + field);

    /// <summary>Help text of a field of the HTTP connector (outputs: name + "_out" where it differs from the input's).</summary>
    public static string HttpHilfe(string field) => Get("HttpHilfe_" + field);

    public static string KonnektorEingabeFehlt => Get(nameof(KonnektorEingabeFehlt));
    public static string KonnektorEingabeTyp => Get(nameof(KonnektorEingabeTyp));
    public static string KonnektorSchrittEingabeFehlt => Get(nameof(KonnektorSchrittEingabeFehlt));
    public static string KonnektorSchrittEingabeTyp => Get(nameof(KonnektorSchrittEingabeTyp));
    public static string KonnektorSchrittEingabeRegel => Get(nameof(KonnektorSchrittEingabeRegel));
    public static string HttpStatuslisteUngueltig => Get(nameof(HttpStatuslisteUngueltig));
    public static string HttpFehlerartUngueltig => Get(nameof(HttpFehlerartUngueltig));
    public static string KonnektorVersionUnbekannt => Get(nameof(KonnektorVersionUnbekannt));
    public static string ZielNichtErlaubt => Get(nameof(ZielNichtErlaubt));
    public static string ZielAdresseGesperrt => Get(nameof(ZielAdresseGesperrt));
    public static string ZielSchemaUngueltig => Get(nameof(ZielSchemaUngueltig));
    public static string ZielZugangsdatenInAdresse => Get(nameof(ZielZugangsdatenInAdresse));
    public static string HttpLabel => Get(nameof(HttpLabel));
    public static string HttpVariableUnbekannt => Get(nameof(HttpVariableUnbekannt));
    public static string HttpGeheimnisUnbekannt => Get(nameof(HttpGeheimnisUnbekannt));
    public static string HttpGeheimnisNurKopfzeilen => Get(nameof(HttpGeheimnisNurKopfzeilen));
    public static string HttpMethodeUngueltig => Get(nameof(HttpMethodeUngueltig));
    public static string HttpKopfzeilenUngueltig => Get(nameof(HttpKopfzeilenUngueltig));
    public static string HttpKopfzeileVerboten => Get(nameof(HttpKopfzeileVerboten));
    public static string HttpFehlerzuordnungUngueltig => Get(nameof(HttpFehlerzuordnungUngueltig));
    public static string HttpZeitlimitUngueltig => Get(nameof(HttpZeitlimitUngueltig));
    public static string HttpStatus => Get(nameof(HttpStatus));
    public static string HttpStatusMitText => Get(nameof(HttpStatusMitText));
    public static string HttpZeitueberschreitung => Get(nameof(HttpZeitueberschreitung));
    public static string HttpNichtErreichbar => Get(nameof(HttpNichtErreichbar));
    public static string HttpZielGesperrt => Get(nameof(HttpZielGesperrt));
    public static string HttpZuVieleUmleitungen => Get(nameof(HttpZuVieleUmleitungen));
    public static string HttpUmleitungOhneZiel => Get(nameof(HttpUmleitungOhneZiel));
    public static string HttpAntwortZuGross => Get(nameof(HttpAntwortZuGross));
    public static string GeheimnisNameUngueltig => Get(nameof(GeheimnisNameUngueltig));
    public static string GeheimnisWertFehlt => Get(nameof(GeheimnisWertFehlt));
    public static string GeheimnisWertZuLang => Get(nameof(GeheimnisWertZuLang));
    public static string GeheimnisUnbekannt => Get(nameof(GeheimnisUnbekannt));
    public static string GeheimnisGleichzeitigAngelegt => Get(nameof(GeheimnisGleichzeitigAngelegt));
    public static string SchluesselZertifikatFehlt => Get(nameof(SchluesselZertifikatFehlt));
    public static string SchluesselZertifikatUnlesbar => Get(nameof(SchluesselZertifikatUnlesbar));
    public static string ZielHostUngueltig => Get(nameof(ZielHostUngueltig));
    public static string ZielPortUngueltig => Get(nameof(ZielPortUngueltig));
    public static string ZielNotizZuLang => Get(nameof(ZielNotizZuLang));
    public static string ZielSchonErlaubt => Get(nameof(ZielSchonErlaubt));
    public static string ZielUnbekannt => Get(nameof(ZielUnbekannt));
}

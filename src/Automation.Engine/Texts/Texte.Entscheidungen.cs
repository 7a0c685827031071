using Automation.Engine.Decisions;

namespace Automation.Engine.Texts;

/// <summary>
/// Texts of DMN decisions (the German sentence of an evaluation failure, the CLI's <c>decide</c> output) and the incidents of
/// keys written as expressions (a decision's key, a called process's id).
/// </summary>
internal static partial class Texte
{
    /// <summary>The German text of a decision that could not be evaluated: its code's text with the values it names.</summary>
    public static string Entscheidungsfehler(DecisionException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var text = Diagnose(failure.Code);
        return failure.Arguments.Count == 0 ? text : Format(text, [.. failure.Arguments]);
    }

    public static string CliEntscheidung => Get(nameof(CliEntscheidung));
    public static string CliEntscheidungEingabe => Get(nameof(CliEntscheidungEingabe));
    public static string CliEntscheidungRegel => Get(nameof(CliEntscheidungRegel));
    public static string CliEntscheidungKeineRegel => Get(nameof(CliEntscheidungKeineRegel));
    public static string CliEntscheidungErgebnis => Get(nameof(CliEntscheidungErgebnis));
    public static string CliEntscheidungVariablenUngueltig => Get(nameof(CliEntscheidungVariablenUngueltig));
    public static string CliEntscheidungenGueltig => Get(nameof(CliEntscheidungenGueltig));
    public static string CliEntscheidungEinzahl => Get(nameof(CliEntscheidungEinzahl));
    public static string CliEntscheidungMehrzahl => Get(nameof(CliEntscheidungMehrzahl));
    public static string CliEntscheidungFehler => Get(nameof(CliEntscheidungFehler));
    public static string EntscheidungNichtVeroeffentlicht => Get(nameof(EntscheidungNichtVeroeffentlicht));
    public static string EntscheidungFehlgeschlagen => Get(nameof(EntscheidungFehlgeschlagen));
    public static string EntscheidungSchluesselFehler => Get(nameof(EntscheidungSchluesselFehler));
    public static string EntscheidungSchluesselUngueltig => Get(nameof(EntscheidungSchluesselUngueltig));
    public static string AufrufProzessFehler => Get(nameof(AufrufProzessFehler));
    public static string AufrufProzessUngueltig => Get(nameof(AufrufProzessUngueltig));
    public static string AufrufProzessUnbekannt => Get(nameof(AufrufProzessUnbekannt));
    public static string AufrufProzessNichtVeroeffentlicht => Get(nameof(AufrufProzessNichtVeroeffentlicht));
    public static string AufrufProzessOhneStart => Get(nameof(AufrufProzessOhneStart));
    public static string AufrufTiefeUeberschritten => Get(nameof(AufrufTiefeUeberschritten));
    public static string AufrufVersionVerloren => Get(nameof(AufrufVersionVerloren));
    public static string KompensationVersionVerloren => Get(nameof(KompensationVersionVerloren));
    public static string KompensationStandVerworfen => Get(nameof(KompensationStandVerworfen));
    public static string AufrufEingabeFehler => Get(nameof(AufrufEingabeFehler));
    public static string EntscheidungenTitel => Get(nameof(EntscheidungenTitel));
    public static string EntscheidungEditorTitel => Get(nameof(EntscheidungEditorTitel));
    public static string EntscheidungZeile => Get(nameof(EntscheidungZeile));
    public static string EntscheidungXmlFehlt => Get(nameof(EntscheidungXmlFehlt));
    public static string EntscheidungVariablenKeinObjekt => Get(nameof(EntscheidungVariablenKeinObjekt));
    public static string EntscheidungWarum => Get(nameof(EntscheidungWarum));
    public static string EntscheidungEingaben => Get(nameof(EntscheidungEingaben));
    public static string EntscheidungRegeln => Get(nameof(EntscheidungRegeln));
    public static string EntscheidungKeineRegelTrifft => Get(nameof(EntscheidungKeineRegelTrifft));
    public static string EntscheidungErgebnis => Get(nameof(EntscheidungErgebnis));
    public static string EntscheidungSchritt => Get(nameof(EntscheidungSchritt));
    public static string EntscheidungRegelZeile => Get(nameof(EntscheidungRegelZeile));
    public static string EntscheidungAudit => Get(nameof(EntscheidungAudit));
    public static string EntscheidungHochgeladen => Get(nameof(EntscheidungHochgeladen));
    public static string EntscheidungKeine => Get(nameof(EntscheidungKeine));
    public static string EntscheidungNurVeroeffentlicht => Get(nameof(EntscheidungNurVeroeffentlicht));
    public static string EntscheidungVersionFehlt => Get(nameof(EntscheidungVersionFehlt));
}

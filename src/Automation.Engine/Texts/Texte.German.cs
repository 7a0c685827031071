using Automation.Engine.Model;

namespace Automation.Engine.Texts;

/// <summary>Texts of the scenario file's checks, the ledger's notes, element kinds and the CLI's other commands.</summary>
internal static partial class Texte
{
    /// <summary>German text of a scenario-file problem (code without the <c>scenario-</c> prefix), values filled in de-DE.</summary>
    public static string Szenario(string code, params object?[] args) => Format(Get("Szenario_" + code), args);

    /// <summary>German name of a kind of BPMN element (exklusives Gateway, Benutzeraufgabe …).</summary>
    public static string Elementart(NodeKind kind) => Get("Elementart_" + kind);

    public static string AnnahmeSchrittHinweis => Get(nameof(AnnahmeSchrittHinweis));

    // Notes of the ledger calculator on a priced step
    public static string BuchungAbgebrochen => Get(nameof(BuchungAbgebrochen));
    public static string BuchungFehlgeschlagen => Get(nameof(BuchungFehlgeschlagen));
    public static string BuchungOhneAufwand => Get(nameof(BuchungOhneAufwand));
    public static string BuchungOhneLaufbahn => Get(nameof(BuchungOhneLaufbahn));
    public static string BuchungOhneCpu => Get(nameof(BuchungOhneCpu));
    public static string BuchungOhneInferenzen => Get(nameof(BuchungOhneInferenzen));

    // The CLI outside validate and simulate, and its automatic runner
    public static string LaufFehler => Get(nameof(LaufFehler));
    public static string LaufSchleife => Get(nameof(LaufSchleife));
    public static string LaufStillstand => Get(nameof(LaufStillstand));
    public static string LaufWartet => Get(nameof(LaufWartet));
    public static string LaufAufgabeErledigt => Get(nameof(LaufAufgabeErledigt));
    public static string LaufMitWerten => Get(nameof(LaufMitWerten));
    public static string LaufUhrVorgestellt => Get(nameof(LaufUhrVorgestellt));
    public static string LaufSimuliert => Get(nameof(LaufSimuliert));
    public static string LaufAktionUebersprungen => Get(nameof(LaufAktionUebersprungen));
    public static string LaufNachricht => Get(nameof(LaufNachricht));
    public static string LaufSignal => Get(nameof(LaufSignal));
    public static string LaufTimer => Get(nameof(LaufTimer));
    public static string LaufAufgabe => Get(nameof(LaufAufgabe));
    public static string CliHilfe => Get(nameof(CliHilfe));
    public static string CliUnbekannterBefehl => Get(nameof(CliUnbekannterBefehl));
    public static string CliHilfeHinweis => Get(nameof(CliHilfeHinweis));
    public static string CliOptionUnbekannt => Get(nameof(CliOptionUnbekannt));
    public static string CliOptionBrauchtWert => Get(nameof(CliOptionBrauchtWert));
    public static string CliOptionBrauchtZahl => Get(nameof(CliOptionBrauchtZahl));
    public static string CliFaelleMindestens => Get(nameof(CliFaelleMindestens));
    public static string CliBrauchtDatei => Get(nameof(CliBrauchtDatei));
    public static string CliNurEineDatei => Get(nameof(CliNurEineDatei));
    public static string CliValidateBrauchtDatei => Get(nameof(CliValidateBrauchtDatei));
    public static string CliVarsKeinObjekt => Get(nameof(CliVarsKeinObjekt));
    public static string CliBehoerdeUngueltig => Get(nameof(CliBehoerdeUngueltig));
    public static string CliBehoerdeNurMitLedger => Get(nameof(CliBehoerdeNurMitLedger));
    public static string CliProzessUnbekannt => Get(nameof(CliProzessUnbekannt));
    public static string CliDatenbankAufruf => Get(nameof(CliDatenbankAufruf));
    public static string CliRollupAufruf => Get(nameof(CliRollupAufruf));
    public static string CliKeineDatenbankdatei => Get(nameof(CliKeineDatenbankdatei));
    public static string CliArgumentUnerwartet => Get(nameof(CliArgumentUnerwartet));
    public static string CliAufruf => Get(nameof(CliAufruf));
    public static string CliBackupAufruf => Get(nameof(CliBackupAufruf));
    public static string CliRestoreAufruf => Get(nameof(CliRestoreAufruf));
    public static string CliSchemaAktuell => Get(nameof(CliSchemaAktuell));
    public static string CliRollupNeu => Get(nameof(CliRollupNeu));
    public static string CliRollupAktualisiert => Get(nameof(CliRollupAktualisiert));
    public static string CliSicherungGeschrieben => Get(nameof(CliSicherungGeschrieben));
    public static string CliSchluesselSichern => Get(nameof(CliSchluesselSichern));
    public static string CliWiederhergestellt => Get(nameof(CliWiederhergestellt));
    public static string CliNichtAusgefuehrt => Get(nameof(CliNichtAusgefuehrt));
    public static string CliNichtBewertbar => Get(nameof(CliNichtBewertbar));
    public static string CliVerbuchenFehler => Get(nameof(CliVerbuchenFehler));
    public static string CliVorgangKopf => Get(nameof(CliVorgangKopf));
    public static string CliLaeufer => Get(nameof(CliLaeufer));
    public static string CliStand => Get(nameof(CliStand));
    public static string CliVerbuchenKopf => Get(nameof(CliVerbuchenKopf));
    public static string CliVerbuchenZeile => Get(nameof(CliVerbuchenZeile));
    public static string CliVerbuchenSumme => Get(nameof(CliVerbuchenSumme));
    public static string CliVerbuchenAusserhalb => Get(nameof(CliVerbuchenAusserhalb));
    public static string CliSci => Get(nameof(CliSci));
    public static string CliSciKeiner => Get(nameof(CliSciKeiner));

    // Messages and signals from the case page and /signale
    public static string EreignisNameFehlt => Get(nameof(EreignisNameFehlt));
    public static string EreignisNameDoppelt => Get(nameof(EreignisNameDoppelt));
    public static string EreignisWartetNicht => Get(nameof(EreignisWartetNicht));
    public static string EreignisNachrichtZugestellt => Get(nameof(EreignisNachrichtZugestellt));
    public static string EreignisSignalGesendet => Get(nameof(EreignisSignalGesendet));
    public static string SignalNameFehlt => Get(nameof(SignalNameFehlt));
    public static string SignalGesendet => Get(nameof(SignalGesendet));

    // External tasks (Camunda-compatible REST API)
    public static string ExternVariableTypUnbekannt => Get(nameof(ExternVariableTypUnbekannt));
    public static string ExternVariableKeinText => Get(nameof(ExternVariableKeinText));
    public static string ExternVariableKeinBoolean => Get(nameof(ExternVariableKeinBoolean));
    public static string ExternVariableKeineZahl => Get(nameof(ExternVariableKeineZahl));
    public static string ExternVariableKeinJson => Get(nameof(ExternVariableKeinJson));
    public static string ExternThemaKonnektor => Get(nameof(ExternThemaKonnektor));
    public static string ExternThemaUnbekannt => Get(nameof(ExternThemaUnbekannt));
    public static string ExternThemaVerboten => Get(nameof(ExternThemaVerboten));
    public static string ExternMaxTasks => Get(nameof(ExternMaxTasks));
    public static string ExternKeinThema => Get(nameof(ExternKeinThema));
    public static string ExternThemaOhneName => Get(nameof(ExternThemaOhneName));
    public static string ExternSperrdauer => Get(nameof(ExternSperrdauer));
    public static string ExternKeinBearbeiter => Get(nameof(ExternKeinBearbeiter));
    public static string ExternBearbeiterZuLang => Get(nameof(ExternBearbeiterZuLang));
    public static string ExternFremdGesperrt => Get(nameof(ExternFremdGesperrt));
    public static string ExternFehlercodeFehlt => Get(nameof(ExternFehlercodeFehlt));
    public static string ExternRetryTimeout => Get(nameof(ExternRetryTimeout));
    public static string ExternNewDuration => Get(nameof(ExternNewDuration));

    // Connectors: labels, help texts, measurements and the modeler templates
    public static string EmailFeld_cc => Get(nameof(EmailFeld_cc));
    public static string EmailFeld_subject => Get(nameof(EmailFeld_subject));
    public static string EmailFeld_template => Get(nameof(EmailFeld_template));
    public static string EmailFeld_text => Get(nameof(EmailFeld_text));
    public static string EmailFeld_html => Get(nameof(EmailFeld_html));
    public static string EmailFeld_attachments => Get(nameof(EmailFeld_attachments));
    public static string EmailFeld_messageId => Get(nameof(EmailFeld_messageId));
    public static string PdfFeld_template => Get(nameof(PdfFeld_template));
    public static string PdfFeld_text => Get(nameof(PdfFeld_text));
    public static string PdfFeld_fileName => Get(nameof(PdfFeld_fileName));
    public static string PdfFeld_title => Get(nameof(PdfFeld_title));
    public static string PdfFeld_document => Get(nameof(PdfFeld_document));
    public static string PdfFeld_pages => Get(nameof(PdfFeld_pages));
    public static string EmailLabel => Get(nameof(EmailLabel));
    public static string PdfLabel => Get(nameof(PdfLabel));
    public static string PdfSchriftFehlt => Get(nameof(PdfSchriftFehlt));
    public static string KonnektorZeitueberschreitung => Get(nameof(KonnektorZeitueberschreitung));
    public static string KonnektorInternerFehler => Get(nameof(KonnektorInternerFehler));
    public static string MessungEmail => Get(nameof(MessungEmail));
    public static string MessungBrief => Get(nameof(MessungBrief));
    public static string MessungPdfSeite => Get(nameof(MessungPdfSeite));
    public static string MessungBytes => Get(nameof(MessungBytes));
    public static string MessungSekunden => Get(nameof(MessungSekunden));
    public static string MessungGemessen => Get(nameof(MessungGemessen));
    public static string VorlageEingaben => Get(nameof(VorlageEingaben));
    public static string VorlageVariablenname => Get(nameof(VorlageVariablenname));
    public static string VorlageBeschreibung => Get(nameof(VorlageBeschreibung));
    public static string VorlageBeschreibungErgebnis => Get(nameof(VorlageBeschreibungErgebnis));
    public static string MessungEmails => Get(nameof(MessungEmails));
    public static string MessungBriefe => Get(nameof(MessungBriefe));
    public static string MessungPdfSeiten => Get(nameof(MessungPdfSeiten));
    public static string VorlageErgebnis => Get(nameof(VorlageErgebnis));
    public static string VorlageErgebnisVariable => Get(nameof(VorlageErgebnisVariable));
    public static string VorlageErgebnisVariableHilfe => Get(nameof(VorlageErgebnisVariableHilfe));
    public static string VorlageAusdruckHinweis => Get(nameof(VorlageAusdruckHinweis));
    public static string VorlageJa => Get(nameof(VorlageJa));
    public static string VorlageNein => Get(nameof(VorlageNein));
    public static string VorlageZahl => Get(nameof(VorlageZahl));

    /// <summary>Label of a field of the e-mail connector.</summary>
    public static string EmailFeld(string field) => Get("EmailFeld_" + field);

    /// <summary>Help text of a field of the e-mail connector.</summary>
    public static string EmailHilfe(string field) => Get("EmailHilfe_" + field);

    /// <summary>Label of a field of the PDF connector.</summary>
    public static string PdfFeld(string field) => Get("PdfFeld_" + field);

    /// <summary>Help text of a field of the PDF connector.</summary>
    public static string PdfHilfe(string field) => Get("PdfHilfe_" + field);

    // Labour market (server)
    public static string ArbeitsmarktDateiWaehlen => Get(nameof(ArbeitsmarktDateiWaehlen));
    public static string ArbeitsmarktDateiZuGross => Get(nameof(ArbeitsmarktDateiZuGross));
    public static string ArbeitsmarktBerufeKompetenz => Get(nameof(ArbeitsmarktBerufeKompetenz));
    public static string ArbeitsmarktBerufeSubstituierbarkeit => Get(nameof(ArbeitsmarktBerufeSubstituierbarkeit));
    public static string StelleUnbekannt => Get(nameof(StelleUnbekannt));
    public static string KeinKldbCode => Get(nameof(KeinKldbCode));
    public static string FallzahlNegativ => Get(nameof(FallzahlNegativ));
    public static string MinutenFehlen => Get(nameof(MinutenFehlen));
    public static string ZielberufFehlt => Get(nameof(ZielberufFehlt));
    public static string JobcenterErgebnisGespeichert => Get(nameof(JobcenterErgebnisGespeichert));
    public static string ArbeitsmarktDateinameFehlt => Get(nameof(ArbeitsmarktDateinameFehlt));
    public static string KschgNichtAnwendbar => Get(nameof(KschgNichtAnwendbar));
    public static string MeldungUnbekannt => Get(nameof(MeldungUnbekannt));
    public static string FormularOhneDatei => Get(nameof(FormularOhneDatei));
    public static string DateiLeer => Get(nameof(DateiLeer));
    public static string MeldungAuftrag => Get(nameof(MeldungAuftrag));
    public static string MeldungErstellt => Get(nameof(MeldungErstellt));
    public static string MeldungFehlendeAngabe => Get(nameof(MeldungFehlendeAngabe));
    public static string MeldungDruckbar => Get(nameof(MeldungDruckbar));
    public static string ImportTitel => Get(nameof(ImportTitel));
    public static string ImportErgebnis => Get(nameof(ImportErgebnis));
    public static string ImportZurueck => Get(nameof(ImportZurueck));
    public static string ImportArtStellen => Get(nameof(ImportArtStellen));
    public static string ImportArtProfile => Get(nameof(ImportArtProfile));
    public static string ImportArtKompetenzen => Get(nameof(ImportArtKompetenzen));
    public static string ImportArtAngebote => Get(nameof(ImportArtAngebote));
    public static string ImportArtPersonalbedarf => Get(nameof(ImportArtPersonalbedarf));
    public static string ImportDatei => Get(nameof(ImportDatei));
    public static string WirkungVersionFehlt => Get(nameof(WirkungVersionFehlt));
    public static string AngebotUnbekannt => Get(nameof(AngebotUnbekannt));
    public static string MeldungBetreff => Get(nameof(MeldungBetreff));
    public static string VersandVersandt => Get(nameof(VersandVersandt));
    public static string VersandFehlgeschlagen => Get(nameof(VersandFehlgeschlagen));
    public static string VersandUnbekannt => Get(nameof(VersandUnbekannt));
    public static string StelleNummer => Get(nameof(StelleNummer));
    public static string StelleArt => Get(nameof(StelleArt));
    public static string StelleAnzahl => Get(nameof(StelleAnzahl));
    public static string BedarfGrund => Get(nameof(BedarfGrund));
    public static string StellenKeineGespeichert => Get(nameof(StellenKeineGespeichert));
    public static string MeldungErstelltFehlend => Get(nameof(MeldungErstelltFehlend));
    public static string ImportNichtsGespeichert => Get(nameof(ImportNichtsGespeichert));
    public static string ImportZeile => Get(nameof(ImportZeile));
    public static string StellenKeineZurueck => Get(nameof(StellenKeineZurueck));

    // Transparency register
    public static string RegisterStufeUnbekannt => Get(nameof(RegisterStufeUnbekannt));
    public static string RegisterRisikoklasseUnbekannt => Get(nameof(RegisterRisikoklasseUnbekannt));
    public static string RegisterVollautomatisierung => Get(nameof(RegisterVollautomatisierung));
    public static string RegisterTextZuLang => Get(nameof(RegisterTextZuLang));

    // Transparency register (messages)
    public static string RegisterTitel => Get(nameof(RegisterTitel));
    public static string RegisterHinweis => Get(nameof(RegisterHinweis));
    public static string RegisterEintragTitel => Get(nameof(RegisterEintragTitel));
    public static string RegisterSchritte => Get(nameof(RegisterSchritte));
    public static string RegisterUnvollstaendig => Get(nameof(RegisterUnvollstaendig));
    public static string RegisterZweckFehlt => Get(nameof(RegisterZweckFehlt));
    public static string RegisterGesperrt => Get(nameof(RegisterGesperrt));
    public static string DefinitionsversionUnbekannt => Get(nameof(DefinitionsversionUnbekannt));
    public static string RegisterSchrittUnbekannt => Get(nameof(RegisterSchrittUnbekannt));
    public static string RegisterVeroeffentlicht => Get(nameof(RegisterVeroeffentlicht));
    public static string RegisterVeroeffentlichtAls => Get(nameof(RegisterVeroeffentlichtAls));
}

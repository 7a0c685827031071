using Automation.Engine.Accounting;
using Automation.Engine.Validation;

namespace Automation.Server.Features.Definitions;

/// <summary>
/// German wording of the engine's diagnostic codes for pages (the engine's messages are technical English); a code
/// without an entry falls back to a general sentence, so a new code never shows English to a user.
/// </summary>
internal static class DiagnosticTexts
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        [DiagnosticCodes.FileTooLarge] = "Die Datei ist zu groß.",
        [DiagnosticCodes.IoError] = "Die Datei konnte nicht gelesen werden.",
        [DiagnosticCodes.UnknownFormat] = "Unbekanntes Format: erwartet wird BPMN-XML (beginnt mit „<“) oder Elsa-JSON (beginnt mit „{“).",
        [DiagnosticCodes.InvalidEncoding] = "Die Zeichenkodierung der Datei ist ungültig.",
        [DiagnosticCodes.MalformedXml] = "Das XML ist fehlerhaft (nicht wohlgeformt).",
        [DiagnosticCodes.MalformedJson] = "Das JSON ist fehlerhaft.",
        [DiagnosticCodes.NotElsa] = "Das JSON ist kein Elsa-Workflow.",
        [DiagnosticCodes.DtdProhibited] = "Eine DTD ist aus Sicherheitsgründen nicht erlaubt.",
        [DiagnosticCodes.NestingTooDeep] = "Die Datei ist zu tief verschachtelt.",
        [DiagnosticCodes.TooManyElements] = "Die Datei enthält zu viele Elemente.",
        [DiagnosticCodes.TooManyAttributes] = "Ein Element hat zu viele Attribute.",
        [DiagnosticCodes.InvalidId] = "Die ID ist ungültig.",
        [DiagnosticCodes.TooManyFlows] = "Das Element hat zu viele Sequenzflüsse.",
        [DiagnosticCodes.NotBpmn] = "Die Datei ist kein BPMN-2.0-Dokument.",
        [DiagnosticCodes.MissingId] = "Dem Element fehlt eine ID.",
        [DiagnosticCodes.UnsupportedElement] = "Dieses Element wird nicht unterstützt.",
        [DiagnosticCodes.InvalidAnnotation] = "Eine am:-Angabe des Elements ist ungültig.",
        [DiagnosticCodes.DuplicateId] = "Die ID kommt mehrfach vor.",
        [DiagnosticCodes.MissingReference] = "Das Element verweist auf ein Element, das es nicht gibt.",
        [DiagnosticCodes.CrossScopeFlow] = "Ein Sequenzfluss verbindet Elemente verschiedener Ebenen (z. B. in und außerhalb eines Teilprozesses).",
        [DiagnosticCodes.InvalidFlow] = "Der Sequenzfluss ist ungültig.",
        [DiagnosticCodes.UnreachableNode] = "Das Element ist vom Start aus nicht erreichbar.",
        [DiagnosticCodes.MissingStartEvent] = "Dem Prozess fehlt ein Startereignis.",
        [DiagnosticCodes.InvalidStartEvent] = "Das Startereignis ist ungültig.",
        [DiagnosticCodes.EmptySubProcess] = "Der Teilprozess ist leer.",
        [DiagnosticCodes.GatewayWithoutOutgoing] = "Das Gateway hat keinen ausgehenden Sequenzfluss.",
        [DiagnosticCodes.MissingCondition] = "Einem ausgehenden Sequenzfluss des Gateways fehlt die Bedingung.",
        [DiagnosticCodes.InvalidExpression] = "Der Ausdruck ist ungültig.",
        [DiagnosticCodes.InvalidTimer] = "Die Zeitangabe des Timers ist ungültig.",
        [DiagnosticCodes.InvalidBoundary] = "Das angeheftete Ereignis ist ungültig.",
        [DiagnosticCodes.InvalidEventGateway] = "Das ereignisbasierte Gateway ist ungültig.",
        [DiagnosticCodes.UnknownProcess] = "Der aufgerufene Prozess ist unbekannt (nicht in der Datei und nicht veröffentlicht).",
        [DiagnosticCodes.CallCycle] = "Die Prozessaufrufe bilden einen Kreis.",
        [DiagnosticCodes.UnsupportedExpression] = "Dieser Ausdruck wird nicht unterstützt.",
        [DiagnosticCodes.UnsupportedExpressionLanguage] = "Diese Ausdruckssprache wird nicht unterstützt.",
        [DiagnosticCodes.InvalidValue] = "Der Wert ist ungültig.",
        [DiagnosticCodes.MissingInput] = "Eine erforderliche Eingabe fehlt.",
        [DiagnosticCodes.UnknownPort] = "Der Anschluss (Port) ist unbekannt.",
        [DiagnosticCodes.TriggerNotStart] = "Ein Auslöser steht nicht am Anfang des Workflows.",
        [DiagnosticCodes.MissingMessageName] = "Dem Nachrichtenereignis fehlt der Nachrichtenname.",
        [DiagnosticCodes.MissingSignalName] = "Dem Signalereignis fehlt der Signalname.",
        [DiagnosticCodes.InvalidLoop] = "Die Schleife oder Mehrfachausführung ist ungültig (z. B. ohne Anzahl und ohne Sammlung).",
        [DiagnosticCodes.UnmatchedLink] = "Zum Link-Ereignis gibt es auf derselben Ebene kein fangendes Link-Ereignis mit diesem Namen (oder es fehlt der Link-Name).",
        [DiagnosticCodes.DuplicateLink] = "Auf derselben Ebene fangen zwei Link-Ereignisse denselben Link-Namen; der Sprung wäre nicht eindeutig.",
        [DiagnosticCodes.NoProcess] = "Die Datei enthält keinen Prozess (nur Beteiligte oder leere Definitionen): nichts zu speichern oder auszuführen.",
        [DiagnosticCodes.MessageNameFromEvent] = "Das Element nennt keine Nachricht; es wird über seinen eigenen Namen zugeordnet.",
        [DiagnosticCodes.SignalNameFromEvent] = "Das Signalereignis nennt kein Signal; es gilt sein eigener Name als Signalname.",
        [PricingCheck.ZeitwertUndefined] = "Die Zeitwerttabelle hat für diese Standardtätigkeit und Komplexität keinen Wert („–“): andere Komplexität wählen oder Minuten angeben.",
        [PricingCheck.EffortIncomplete] = "Die Aufwandsangabe (am:effort) braucht Standardtätigkeit und Komplexität oder Minuten.",
        [PricingCheck.FactorMissing] = "In der Faktortabelle fehlt ein Wert, den die Bilanz für diesen Schritt braucht.",
        [PricingCheck.EffortMissing] = "Der Schritt einer Person hat keinen Standardaufwand (am:effort): Die Bilanz rechnet mit 0 Minuten.",
        [PricingCheck.PayLevelMissing] = "Die Aufwandsangabe nennt keine Laufbahngruppe: Die Lohnkosten rechnen mit dem Durchschnitt.",
        [PricingCheck.CpuSecondsMissing] = "Der automatisierte Schritt nennt keine Rechenzeit (am:automation cpuSeconds): 0, solange nicht gemessen.",
        [PricingCheck.InferencesMissing] = "Der KI-gestützte Schritt nennt keine KI-Abfragen (am:automation inferences): 0, solange nicht gemessen.",
        [PricingCheck.NotPriced] = "Aufwand oder Materialangaben an diesem Element werden nicht bilanziert: nur Aufgaben erhalten Bilanzeinträge.",
        [PublishFindings.RegisterIncomplete] = "Im Transparenzregister fehlen Angaben zu diesem Schritt.",
    };

    /// <summary>The German sentence for a code.</summary>
    public static string For(string code) => Texts.TryGetValue(code, out var text) ? text : "Die Definition enthält einen Befund dieser Art.";

    /// <summary>German word for a severity as the API reports it (error, warning, info).</summary>
    public static string Severity(string severity) => severity switch
    {
        "error" => "Fehler",
        "warning" => "Warnung",
        _ => "Hinweis",
    };
}

using Automation.Data;

namespace Automation.Server.Features.Register;

/// <summary>
/// Register entries for the automated and AI-assisted steps of the sample processes in workflows/, so a new
/// installation shows a filled register. The texts describe the samples; a municipality replaces them with its own.
/// </summary>
internal static class RegisterSeed
{
    private sealed record Unit(string Name, string Contact, string Groups);

    private static readonly Unit Buergerservice = new("Bürgerservice, Meldebehörde", "buergerservice@stadt.example, 0800 1234-100", "Meldepflichtige Einwohnerinnen und Einwohner");
    private static readonly Unit Ordnungsamt = new("Ordnungsamt, Straßenverkehr", "parken@stadt.example, 0800 1234-200", "Antragstellende Anwohnerinnen und Anwohner");
    private static readonly Unit Kasse = new("Stadtkasse", "stadtkasse@stadt.example, 0800 1234-300", "Zahlungspflichtige");
    private static readonly Unit Buchhaltung = new("Finanzbuchhaltung", "kreditoren@stadt.example, 0800 1234-310", "Lieferanten und Dienstleister (Unternehmen)");
    private static readonly Unit Gewerbe = new("Gewerbeamt", "gewerbe@stadt.example, 0800 1234-400", "Gewerbetreibende");
    private static readonly Unit Personal = new("Personalstelle", "personal@stadt.example, 0800 1234-500", "Beschäftigte der Stadtverwaltung");
    private static readonly Unit Wohngeld = new("Fachbereich Soziales, Wohngeldstelle", "wohngeld@stadt.example, 0800 1234-600", "Antragstellende und Haushaltsmitglieder");

    private static RegisterEntryBody Rule(Unit unit, string purpose, string legalBasis, string level, string oversight, string data, string system) => new()
    {
        Purpose = purpose, LegalBasis = legalBasis, AutomationLevel = level, HumanOversight = oversight, AffectedGroups = unit.Groups,
        DataUsed = data, SystemName = system, Provider = "Stadt (Eigenbetrieb IT), Automation-Server", RiskClass = "none",
        ResponsibleUnit = unit.Name, Contact = unit.Contact,
    };

    private const string Processing = "automated-processing";
    private const string Preparing = "decision-preparing";

    /// <summary>Entries by process id and element id.</summary>
    private static readonly Dictionary<(string, string), RegisterEntryBody> Entries = new()
    {
        [("anwohnerparkausweis", "Task_GebuehrFestsetzen")] = Rule(Ordnungsamt, "Berechnet die Gebühr des Bewohnerparkausweises nach der Gebührenordnung.",
            "§ 6a Abs. 5a StVG in Verbindung mit der Gebührenordnung für Bewohnerparkausweise", Preparing,
            "Die Sachbearbeitung sieht die berechnete Gebühr vor Ausstellung des Ausweises und kann sie ändern.", "Fahrzeugart, Gültigkeitsdauer", "Regel im Prozessmodell (JavaScript)"),
        [("gebuehr-erheben", "Task_Kassenzeichen")] = Rule(Kasse, "Vergibt ein Kassenzeichen, damit die Zahlung zugeordnet werden kann.",
            "Gemeindehaushaltsverordnung des Landes (Kassenwesen)", Processing, "Die Stadtkasse prüft offene Posten täglich.", "Betrag, Verfahren", "Regel im Prozessmodell (JavaScript)"),
        [("gebuehr-erheben", "Task_Verbuchen")] = Rule(Kasse, "Verbucht den Zahlungseingang zum Kassenzeichen.",
            "Gemeindehaushaltsverordnung des Landes (Kassenwesen)", Processing, "Nicht zuordenbare Zahlungen klärt die Stadtkasse von Hand.", "Kassenzeichen, Betrag", "Regel im Prozessmodell (JavaScript)"),
        [("eingangsrechnung", "Task_Erinnern")] = Rule(Buchhaltung, "Erinnert die Zuständigen an die nahende Zahlungsfrist einer Rechnung.",
            "Gemeindehaushaltsverordnung des Landes; § 271a BGB (Zahlungsfristen)", Processing, "Die Buchhaltung sieht alle offenen Rechnungen in ihrem Postkorb.", "Rechnungsnummer, Rechnungsbetrag, Zahlungsfrist, E-Mail-Adresse des Fachbereichs", "Automation-Server (E-Mail-Konnektor)"),
        [("eingangsrechnung", "Task_Zahlen")] = Rule(Buchhaltung, "Führt die angeordnete Zahlung im Zahllauf aus.",
            "Gemeindehaushaltsverordnung des Landes (Zahlungsanordnung)", Processing, "Gezahlt wird nur nach sachlicher und rechnerischer Feststellung und Anordnung durch Beschäftigte.",
            "Rechnungsnummer, Rechnungsbetrag, Zahlungsfrist, Haushaltsstelle, Bankverbindung des Unternehmens", "Kassenverfahren der Stadtkasse (externe Aufgabe „kassenverfahren“, Zahllauf)"),
        [("gewerbeanmeldung", "Task_Finanzamt")] = Rule(Gewerbe, "Unterrichtet das Finanzamt über die Gewerbeanmeldung.",
            "§ 14 Abs. 8 GewO", Processing, "Das Gewerbeamt prüft die Anmeldung, bevor sie übermittelt wird.", "Angaben der Gewerbeanmeldung", "Fachverfahren Gewerbe (externe Aufgabe „gewerbeanzeige“)"),
        [("gewerbeanmeldung", "Task_Kammer")] = Rule(Gewerbe, "Unterrichtet die Industrie- und Handelskammer oder die Handwerkskammer.",
            "§ 14 Abs. 8 GewO", Processing, "Das Gewerbeamt prüft die Anmeldung, bevor sie übermittelt wird.", "Angaben der Gewerbeanmeldung", "Fachverfahren Gewerbe (externe Aufgabe „gewerbeanzeige“)"),
        [("gewerbeanmeldung", "Task_Statistik")] = Rule(Gewerbe, "Unterrichtet das Statistische Landesamt für die Gewerbestatistik.",
            "§ 14 Abs. 8 GewO; § 14 Abs. 13 GewO", Processing, "Das Gewerbeamt prüft die Anmeldung, bevor sie übermittelt wird.", "Angaben der Gewerbeanmeldung", "Fachverfahren Gewerbe (externe Aufgabe „gewerbeanzeige“)"),
        [("urlaubsantrag", "Task_AblehnungMitteilen")] = Rule(Personal, "Teilt der beantragenden Person die Ablehnung des Urlaubs mit.",
            "§ 7 BUrlG; § 26 TVöD", Processing, "Entschieden hat die vorgesetzte Person; der Schritt versendet nur die Mitteilung.", "E-Mail-Adresse der beantragenden Person, Entscheidung", "Automation-Server (E-Mail-Konnektor)"),
        [("urlaubsantrag", "Task_GenehmigungMitteilen")] = Rule(Personal, "Teilt der beantragenden Person die Genehmigung des Urlaubs mit.",
            "§ 7 BUrlG; § 26 TVöD", Processing, "Entschieden hat die vorgesetzte Person; der Schritt versendet nur die Mitteilung.", "E-Mail-Adresse der beantragenden Person, Entscheidung", "Automation-Server (E-Mail-Konnektor)"),
        [("wohngeldantrag-digital", "Task_EingangKlassifizieren")] = Rule(Wohngeld, "Schlägt die Antragsart eines Eingangs vor (Erst-, Weiterleistungs-, Änderungsantrag oder kein Wohngeldantrag).",
            "§ 22 WoGG; Art. 6 Abs. 1 Buchst. e DSGVO", Preparing,
            "Jeder Vorschlag geht mit Begründung an die Aufgabe „Klassifizierung prüfen“; die Posteingangsstelle bestätigt oder korrigiert ihn. Ohne eingerichteten Modellserver gibt es keinen Vorschlag und die Posteingangsstelle ordnet von Hand zu.",
            "Text des Eingangs (Betreff und Inhalt)", "Sprachmodell über eine OpenAI-kompatible Schnittstelle (Connectors:Ai), Prompt-Vorlage wohngeld-eingang, Fassung 1") with
        {
            Provider = "Landesrechenzentrum (Betrieb), Modell eines europäischen Anbieters",
            RiskClass = "high",
            FriaProcesses = "Eingang von Wohngeldanträgen und nachgereichten Unterlagen",
            FriaPeriodFrequency = "Dauerhaft seit Einführung; bei jedem Eingang, etwa 40 Eingänge je Arbeitstag",
            FriaAffectedCategories = "Antragstellende und Haushaltsmitglieder, darunter Menschen mit geringem Einkommen",
            FriaSpecificRisks = "Falsch zugeordnete Unterlagen können die Bearbeitung verzögern oder zu Nachforderungen führen.",
            FriaOversight = "Jede Zuordnung ist für die Sachbearbeitung sichtbar und änderbar; Stichprobe von 5 % wöchentlich.",
            FriaMeasures = "Bei erhöhter Fehlerquote wird die Klassifikation abgeschaltet und der Eingang von Hand zugeordnet; Bericht an die Fachbereichsleitung.",
            FriaComplaintChannel = "Widerspruch gegen den Bescheid; Beschwerde an wohngeld@stadt.example oder an den Datenschutzbeauftragten",
            AnnexIiiPoint = "5a",
            FriaDate = "2026-01-15",
            FriaVersion = "1",
            FriaReviewDate = "2027-01-15",
            AuthorityNotifiedOn = "2026-01-20",
            DpiaLink = "https://intranet.stadt.example/datenschutz/dsfa-wohngeld",
            ProviderEuDbNumber = "EU-DB-Beispiel-0000",
            DeployerName = "Stadt Beispielstadt, Fachbereich Soziales",
            DeployerAddress = "Rathausplatz 1, 12345 Beispielstadt",
            AffectedInformation = "Der Antragsbescheid und die Eingangsbestätigung nennen die KI-gestützte Zuordnung; auf Nachfrage erläutert die Wohngeldstelle die Zuordnung.",
            LogRetentionMonths = 12,
        },
        [("wohngeldantrag-digital", "Task_EingangsbestaetigungSenden")] = Rule(Wohngeld, "Bestätigt den Eingang des Antrags per E-Mail mit dem Aktenzeichen.",
            "§ 25 Abs. 1 VwVfG (Beratung, Auskunft); Art. 6 Abs. 1 Buchst. e DSGVO", Processing,
            "Aktenzeichen und Adresse erfasst der Posteingang; der Schritt versendet nur die Bestätigung.", "Name, E-Mail-Adresse, Aktenzeichen, Eingangsdatum",
            "Automation-Server (E-Mail-Konnektor)"),
        [("wohngeldantrag-digital", "Task_BescheidPdf")] = Rule(Wohngeld, "Setzt den von der Sachbearbeitung erlassenen Bescheid als PDF-Dokument aus der Vorlage.",
            "§ 37 Abs. 2 und 3 VwVfG (Form des Verwaltungsakts); § 24 WoGG", Processing,
            "Entschieden hat die Sachbearbeitung; das Dokument liegt beim Vorgang und kann vor dem Versand eingesehen werden.",
            "Aktenzeichen, Name, Eingangsdatum, Wohngeldbetrag", "Automation-Server (PDF-Konnektor)"),
        [("wohngeldantrag-digital", "Task_BescheidVersenden")] = Rule(Wohngeld, "Stellt den Bescheid elektronisch an die angegebene Adresse zu.",
            "§ 3a Abs. 1 und § 41 Abs. 2a VwVfG (elektronische Bekanntgabe mit eröffnetem Zugang)", Processing,
            "Versendet wird nur der erlassene Bescheid; ohne eröffneten Zugang gilt der Postweg.", "Name, E-Mail-Adresse, Bescheid als PDF",
            "Automation-Server (E-Mail-Konnektor)"),
        [("wohngeldantrag-digital", "Task_VollstaendigkeitPruefen")] = Rule(Wohngeld, "Prüft, ob alle für den Antrag nötigen Unterlagen vorliegen.",
            "§ 22 WoGG; § 60 SGB I (Mitwirkungspflichten)", Preparing, "Die Sachbearbeitung entscheidet über Nachforderungen.",
            "Name der antragstellenden Person; beim Eingang angekreuzt: Mietbescheinigung oder Mietvertrag, Einkommensnachweise", "Regel im Prozessmodell (JavaScript)"),
        [("wohngeldantrag-digital", "Task_WeiterleitungErmitteln")] = Rule(Wohngeld, "Schlägt nach Haushaltsgröße und Einkommen vor, ob der Antrag berechnet oder eine Ablehnung geprüft wird.",
            "§ 19 WoGG mit Anlagen 1 bis 3 (Einkommensgrenzen; in der Beispieltabelle vereinfacht)", Preparing,
            "Über eine Ablehnung entscheidet die Sachbearbeitung in „Ablehnung prüfen und Bescheid versenden“ und kann den Antrag zur Berechnung zurückgeben; jede Auswertung ist beim Vorgang mit den Regeln erklärt („Warum?“).",
            "Zahl der Haushaltsmitglieder, monatliches Gesamteinkommen", "Entscheidungstabelle „wohngeld-weiterleitung“ (DMN)"),
        [("wohngeldantrag-digital", "Task_WohngeldBerechnen")] = Rule(Wohngeld, "Berechnet die Höhe des Wohngeldes nach der gesetzlichen Formel.",
            "§ 19 WoGG mit Anlagen 1 bis 3", Preparing, "Die Sachbearbeitung prüft die Berechnung und erlässt den Bescheid.", "Haushaltsgröße, Einkommen, Miete, Mietenstufe", "Regel im Prozessmodell (JavaScript)"),
        [("wohngeldantrag-digital", "Task_ZahlungAnweisen")] = Rule(Wohngeld, "Weist die Zahlung des bewilligten Wohngeldes an.",
            "§ 26 WoGG", Processing, "Gezahlt wird nur nach dem Bescheid der Sachbearbeitung.", "Bewilligter Betrag, Bankverbindung", "Zahlungssystem der Stadtkasse (HTTP-Konnektor)"),
        [("wohngeldantrag", "Task_ZahlungAnweisen")] = Rule(Wohngeld, "Weist die Zahlung des bewilligten Wohngeldes an.",
            "§ 26 WoGG", Processing, "Gezahlt wird nur nach dem Bescheid der Sachbearbeitung.", "Aktenzeichen, bewilligter Betrag, Bewilligungszeitraum, Bankverbindung",
            "Kassenverfahren der Stadtkasse (externe Aufgabe „kassenverfahren“)"),
        [("wohnsitzanmeldung", "Task_Rueckmeldung")] = Rule(Buergerservice, "Meldet den Zuzug an die Meldebehörde der früheren Wohnung zurück.",
            "§ 33 Abs. 1 BMG; Erste Bundesmeldedatenübermittlungsverordnung (XMeld)", Processing,
            "Fehlgeschlagene Rückmeldungen erscheinen als Störung beim Bürgerservice.", "Meldedaten nach § 33 BMG", "Einwohnermeldeverfahren (XMeld)"),
    };

    /// <summary>Writes the sample entries for the stored versions' steps (steps without a sample entry stay empty).</summary>
    public static async Task SeedAsync(RegisterService register, IReadOnlyList<StoredDefinition> versions, CancellationToken ct)
    {
        foreach (var v in versions)
        {
            foreach (var node in RegisterRules.StepsOf(v.Process))
            {
                if (Entries.TryGetValue((v.Process.Id, node.Id), out var body)) await register.SaveAsync(v.Id, node.Id, body, ct);
            }
        }
    }
}

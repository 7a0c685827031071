// German for the whole modeler: bpmn-js-i18n's dictionary for palette, context pad and replace menu, plus the strings of
// the properties panel (groups, entries, messages, list controls) that it does not cover, and of the panel groups of the
// am: extension (am-properties-provider.js, am-form-fields.js). The one dictionary of the UI.
import bpmnJsGerman from 'bpmn-js-i18n/translations/de.js';

const PANEL = {
  // panel frame and list controls (@bpmn-io/properties-panel)
  'Select an element to edit its properties.': 'Ein Element auswählen, um seine Eigenschaften zu bearbeiten.',
  'Multiple elements are selected. Select a single element to edit its properties.':
    'Mehrere Elemente sind ausgewählt. Ein einzelnes Element auswählen, um seine Eigenschaften zu bearbeiten.',
  'Create': 'Hinzufügen',
  'Create new list item': 'Neuen Eintrag hinzufügen',
  'Delete item': 'Eintrag löschen',
  'Toggle section': 'Abschnitt auf- oder zuklappen',
  'Toggle list item': 'Eintrag auf- oder zuklappen',
  'Section contains an error': 'Abschnitt enthält einen Fehler',
  'Section contains edits': 'Abschnitt enthält Angaben',
  'Open documentation': 'Dokumentation öffnen',
  'Open pop-up editor': 'Im Editor öffnen',
  'Opened in editor': 'Im Editor geöffnet',
  'Close popup': 'Schließen',
  'List contains {numOfItems} item': 'Liste enthält {numOfItems} Eintrag',
  'List contains {numOfItems} items': 'Liste enthält {numOfItems} Einträge',
  '<empty>': '<leer>',
  '<none>': '<keiner>',
  'Create new ...': 'Neu anlegen …',
  // element types in the panel header (bpmn-js-properties-panel splits the type name into words)
  'Process': 'Prozess',
  'Collaboration': 'Kollaboration',
  'Participant': 'Teilnehmer (Pool)',
  'Lane': 'Lane',
  'Task': 'Aufgabe',
  'User Task': 'Benutzeraufgabe',
  'Manual Task': 'Manuelle Aufgabe',
  'Service Task': 'Serviceaufgabe',
  'Script Task': 'Skriptaufgabe',
  'Send Task': 'Sendeaufgabe',
  'Receive Task': 'Empfangsaufgabe',
  'Business Rule Task': 'Geschäftsregelaufgabe',
  'Call Activity': 'Aufruf-Aktivität',
  'Sub Process': 'Teilprozess',
  'Start Event': 'Startereignis',
  'End Event': 'Endereignis',
  'Message Start Event': 'Nachrichten-Startereignis',
  'Timer Start Event': 'Zeit-Startereignis',
  'Signal Start Event': 'Signal-Startereignis',
  'Message End Event': 'Nachrichten-Endereignis',
  'Error End Event': 'Fehler-Endereignis',
  'Terminate End Event': 'Terminierendes Endereignis',
  'Intermediate Throw Event': 'Auslösendes Zwischenereignis',
  'Intermediate Catch Event': 'Eintretendes Zwischenereignis',
  'Message Intermediate Catch Event': 'Eintretendes Nachrichten-Zwischenereignis',
  'Timer Intermediate Catch Event': 'Eintretendes Zeit-Zwischenereignis',
  'Boundary Event': 'Angeheftetes Zwischenereignis',
  'Timer Boundary Event': 'Angeheftetes Zeit-Zwischenereignis',
  'Error Boundary Event': 'Angeheftetes Fehler-Zwischenereignis',
  'Message Boundary Event': 'Angeheftetes Nachrichten-Zwischenereignis',
  'Exclusive Gateway': 'Exklusives Gateway',
  'Parallel Gateway': 'Paralleles Gateway',
  'Inclusive Gateway': 'Inklusives Gateway',
  'Event Based Gateway': 'Ereignisbasiertes Gateway',
  'Sequence Flow': 'Sequenzfluss',
  'Message Flow': 'Nachrichtenfluss',
  'Association': 'Assoziation',
  'Text Annotation': 'Textanmerkung',
  'Group': 'Gruppe',
  'Data Object Reference': 'Datenobjekt',
  'Data Store Reference': 'Datenspeicher',
  // groups and entries of the BPMN provider (bpmn-js-properties-panel)
  'General': 'Allgemein',
  'Documentation': 'Dokumentation',
  'Element documentation': 'Dokumentation des Elements',
  'Process documentation': 'Dokumentation des Prozesses',
  'Name': 'Name',
  'ID': 'ID',
  'Process ID': 'Prozess-ID',
  'Process name': 'Prozessname',
  'Participant ID': 'Teilnehmer-ID',
  'Participant Name': 'Name des Teilnehmers',
  'Executable': 'Ausführbar',
  'Multi-instance': 'Mehrfachausführung',
  'Loop cardinality': 'Anzahl der Durchläufe',
  'Completion condition': 'Abschlussbedingung',
  'Completion': 'Abschluss',
  'Cancel remaining instances': 'Übrige Instanzen abbrechen',
  'Wait for completion': 'Auf Abschluss warten',
  'Activity reference': 'Referenz auf Aktivität',
  'Timer': 'Zeitgeber',
  'Type': 'Art',
  'Value': 'Wert',
  'Date': 'Datum',
  'Duration': 'Dauer',
  'Cycle': 'Zyklus',
  'Code': 'Code',
  'Message': 'Nachricht',
  'Signal': 'Signal',
  'Error': 'Fehler',
  'Escalation': 'Eskalation',
  'Compensation': 'Kompensation',
  'Link': 'Verknüpfung',
  'Condition': 'Bedingung',
  'Global message reference': 'Nachricht (global)',
  'Global signal reference': 'Signal (global)',
  'Global error reference': 'Fehler (global)',
  'Global escalation reference': 'Eskalation (global)',
  'Documentation: Timer events': 'Dokumentation: Zeitereignisse',
  'A specific point in time defined as ISO 8601 combined date and time representation.':
    'Ein Zeitpunkt als ISO-8601-Datum mit Uhrzeit.',
  'A time duration defined as ISO 8601 durations format.': 'Eine Dauer im ISO-8601-Format.',
  'A cycle defined as ISO 8601 repeating intervals format.': 'Ein Zyklus als ISO-8601-Wiederholungsintervall.',
  'UTC time': 'UTC-Zeit',
  'UTC plus 2 hours zone offset': 'UTC plus 2 Stunden',
  '15 seconds': '15 Sekunden',
  '1 hour and 30 minutes': '1 Stunde und 30 Minuten',
  '14 days': '14 Tage',
  'every 10 seconds, up to 5 times': 'alle 10 Sekunden, höchstens 5-mal',
  'every day, infinitely': 'jeden Tag, unbegrenzt',
  'ID must be a valid QName.': 'Die ID muss ein gültiger XML-Name (QName) sein.',
  'ID must be unique.': 'Die ID muss eindeutig sein.',
  'ID must not be empty.': 'Die ID darf nicht leer sein.',
  'ID must not contain prefix.': 'Die ID darf kein Präfix enthalten.',
  'ID must not contain spaces.': 'Die ID darf keine Leerzeichen enthalten.',
  // element templates (bpmn-js-element-templates) and their chooser (@bpmn-io/element-template-chooser)
  'Template': 'Konnektor (Vorlage)',
  'Choose element template': 'Konnektor wählen',
  'Select': 'Auswählen',
  'Unlink': 'Verknüpfung lösen',
  'Remove': 'Entfernen',
  'Update': 'Aktualisieren',
  'Upgrade': 'Aktualisieren',
  'Change': 'Ändern',
  'Edit': 'Bearbeiten',
  'More actions': 'Weitere Aktionen',
  'Update available': 'Aktualisierung verfügbar',
  'Applied': 'Angewendet',
  'Version': 'Version',
  'Description': 'Beschreibung',
  'Deprecated': 'Veraltet',
  'Not found': 'Nicht gefunden',
  'Incompatible': 'Nicht passend',
  'Unset': 'Nicht gesetzt',
  'On': 'Ein',
  'Off': 'Aus',
  'Inputs': 'Eingaben',
  'Outputs': 'Ergebnisse',
  'Errors': 'Fehler',
  'Custom properties': 'Weitere Eigenschaften',
  'This template is deprecated.': 'Diese Vorlage ist veraltet.',
  'A new version of the template is available: {templateVersion}': 'Eine neue Version der Vorlage ist verfügbar: {templateVersion}',
  'The template applied was not found. Therefore, its properties cannot be shown. Unlink to access the data.':
    'Die angewendete Vorlage gibt es auf diesem Server nicht; ihre Felder können nicht gezeigt werden. „Verknüpfung lösen“ macht die Angaben wieder bearbeitbar.',
  'Must not be empty.': 'Darf nicht leer sein.',
  '{label} must not be empty.': '{label} darf nicht leer sein.',
  'Must match pattern {pattern}.': 'Muss dem Muster {pattern} entsprechen.',
  '{label} must match pattern {pattern}.': '{label} muss dem Muster {pattern} entsprechen.',
  'Must be at least {minLength} characters.': 'Mindestens {minLength} Zeichen.',
  'Cannot exceed {maxLength} characters.': 'Höchstens {maxLength} Zeichen.',
  'Process variable name must not be empty.': 'Der Variablenname darf nicht leer sein.',
  'Process variable name must not contain spaces.': 'Der Variablenname darf keine Leerzeichen enthalten.'
};

// The am: extension's own groups (src/am-properties-provider.js, src/am-form-fields.js); 'Date' and 'Type' are above.
const AM_PANEL = {
  'Effort and automation': 'Aufwand und Automatisierung',
  '– not set –': '– nicht angegeben –',
  '{value} (unknown)': '{value} (unbekannt)',
  'The value must not be negative.': 'Der Wert darf nicht negativ sein.',
  'Role (inbox)': 'Rolle (Postkorb)',
  'am:role name – key of the inbox, several separated by commas': 'am:role name – Schlüssel des Postkorbs, mehrere kommagetrennt',
  'e.g. clerk-housing-benefit': 'z. B. sachbearbeitung-wohngeld',
  'Pay grade': 'Besoldungs-/Entgeltgruppe',
  'Lower service ({value})': 'einfacher Dienst ({value})',
  'Middle service ({value})': 'mittlerer Dienst ({value})',
  'Upper service ({value})': 'gehobener Dienst ({value})',
  'Higher service ({value})': 'höherer Dienst ({value})',
  'Occupation code (KldB)': 'Berufskennziffer (KldB)',
  'am:effort occupation – five-digit KldB 2010 code, e.g. 73203': 'am:effort occupation – fünfstelliger KldB-2010-Code, z. B. 73203',
  'The occupation code (KldB 2010) has exactly five digits, e.g. 73203.':
    'Die Berufskennziffer (KldB 2010) hat genau fünf Ziffern, z. B. 73203.',
  'Standard activity (time value table)': 'Standardtätigkeit (Zeitwerttabelle)',
  // Zeitwerttabelle Verwaltung (Destatis, Leitfaden Erfüllungsaufwand), Nr. 1–17
  'Familiarising with the obligation': 'Einarbeiten in die Vorgabe',
  'Advice, preliminary talks': 'Beraten, Vorgespräche',
  'Formal check, reviewing data': 'Formelle Prüfung, Daten sichten',
  'Confirming receipt / obtaining missing data': 'Eingang bestätigen / fehlende Daten einholen',
  'Checking the content, entering data': 'Inhaltliche Prüfung, Daten erfassen',
  'Calculations': 'Berechnungen',
  'Checking / correcting results': 'Ergebnisse prüfen / korrigieren',
  'Internal meetings': 'Interne Sitzungen',
  'External meetings': 'Externe Sitzungen',
  'Transmitting / publishing data': 'Daten übermitteln / veröffentlichen',
  'Issuing the decision': 'Bescheid erstellen',
  'Payments': 'Zahlungen',
  'Corrections after queries': 'Korrektur bei Rückfragen',
  'Copying, archiving, distributing': 'Kopieren, archivieren, verteilen',
  'Training': 'Fortbildung',
  'Monitoring / supervision': 'Überwachung / Aufsicht',
  'Adapting internal processes': 'Interne Prozesse anpassen',
  'Complexity': 'Komplexität',
  'simple': 'einfach',
  'medium': 'mittel',
  'complex': 'komplex',
  'Own standard minutes': 'Eigene Standardminuten',
  'am:effort minutes – replaces the table value': 'am:effort minutes – ersetzt den Tabellenwert',
  'Printed pages': 'Gedruckte Seiten',
  'Letters': 'Briefe',
  'Citizen trips': 'Bürgerwege',
  'Automation level': 'Automatisierungsgrad',
  'manual': 'manuell',
  'assistive': 'assistierend',
  'decision-preparing': 'entscheidungsvorbereitend',
  'automated': 'automatisiert',
  'AI-assisted': 'KI-gestützt',
  'Candidate for automation': 'Kandidat für Automatisierung',
  // form fields
  'Form fields': 'Formularfelder',
  'New field': 'Neues Feld',
  'field{number}': 'feld{number}',
  'Field without ID': 'Feld ohne ID',
  'ID (variable name)': 'ID (Variablenname)',
  'The value is available in the case under this name.': 'Unter diesem Namen steht der Wert im Vorgang.',
  'Label': 'Beschriftung',
  'Required field': 'Pflichtfeld',
  'Options': 'Optionen',
  'Only for the type Choice: the values, comma-separated.': 'Nur bei der Art Auswahl: die Werte, kommagetrennt.',
  'Text': 'Text',
  'Whole number': 'Ganze Zahl',
  'Number': 'Zahl',
  'Yes/No': 'Ja/Nein',
  'Email address': 'E-Mail-Adresse',
  'Choice': 'Auswahl',
  'File (tasks only)': 'Datei (nur in Aufgaben)',
  'The field ID must not be empty.': 'Die ID des Feldes darf nicht leer sein.',
  'The ID starts with a letter and contains only letters, digits, _, . or -.':
    'Die ID beginnt mit einem Buchstaben und enthält nur Buchstaben, Ziffern, _, . oder -.',
  'Another field of this element already has the ID “{id}”.': 'Die ID „{id}“ hat schon ein anderes Feld dieses Elements.',
  'A choice field needs at least one option (comma-separated).': 'Ein Auswahlfeld braucht mindestens eine Option (kommagetrennt).'
};

/** The dictionary, English template → German. */
export const GERMAN = { ...bpmnJsGerman, ...PANEL, ...AM_PANEL };

/**
 * The diagram's translate service: German where the dictionary knows the template, the template otherwise;
 * {placeholders} are filled in either way.
 */
export const translate = translatorFor(GERMAN);

/** A translate service over a dictionary (also the decision editor's, src/translate-dmn-de.js). */
export function translatorFor(dictionary) {
  return function (template, replacements) {
    const values = replacements || {};
    const text = Object.prototype.hasOwnProperty.call(dictionary, template) ? dictionary[template] : template;
    return text.replace(/{([^}]+)}/g, (match, key) => (Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match));
  };
}

export const GermanTranslateModule = { translate: [ 'value', translate ] };

/**
 * bpmn-js throws its import errors in English without asking the translate service ("no diagram to display" for a
 * file without diagram information, BPMN DI). The viewer and the modeler hand every import error through here, so a
 * page shows German; the original goes to the console for whoever looks into it.
 */
const IMPORT_ERRORS = {
  'no diagram to display':
    'Die Datei enthält kein Diagramm (keine Lageangaben, BPMN DI). Der Prozess kann trotzdem laufen; gezeichnet werden kann er erst, wenn ein Modellierungswerkzeug das Diagramm anlegt.',
  'diagram not part of <bpmn:Definitions />': 'Das gewählte Diagramm gehört nicht zu dieser Datei.',
  'no process or collaboration to display': 'Das Diagramm zeigt weder einen Prozess noch eine Kollaboration.'
};

/** The German error for an error of bpmn-js's import; an unknown one becomes a general German sentence. */
export function germanImportError(error) {
  const message = error && error.message ? String(error.message) : String(error);
  if (Object.prototype.hasOwnProperty.call(IMPORT_ERRORS, message)) return new Error(IMPORT_ERRORS[message], { cause: error });
  console.error('BPMN-Import fehlgeschlagen:', error);
  return new Error('Die Datei konnte nicht als BPMN-2.0-Diagramm gelesen werden (das XML ist fehlerhaft oder kein BPMN).', { cause: error });
}

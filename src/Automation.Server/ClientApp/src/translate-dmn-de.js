// German for the decision editor (dmn-js: decision requirements diagram, decision table, literal expression). Next to the
// modeler's dictionary (translate-de.js), whose translate service it shares; dmn-js asks every view's `translate` service,
// so each view gets this module. FEEL type names (string, number …) are shown in German (the table head and the type
// select pass them through translate); the typeRef written into the DMN XML stays the FEEL name.
import { translatorFor } from './translate-de.js';

/** FEEL type name (dmn-js's data types, Camunda's number types) → German name shown for it. */
export const GERMAN_TYPE_NAMES = {
  'string': 'Text',
  'number': 'Zahl',
  'integer': 'Ganzzahl',
  'long': 'Ganzzahl (lang)',
  'double': 'Kommazahl',
  'boolean': 'Wahrheitswert',
  'date': 'Datum',
  'time': 'Uhrzeit',
  'dateTime': 'Datum und Uhrzeit',
  'dayTimeDuration': 'Dauer (Tage, Stunden)',
  'yearMonthDuration': 'Dauer (Jahre, Monate)',
  'Any': 'Beliebiger Typ',
  'any': 'Beliebiger Typ'
};

/** English template of dmn-js → German. */
export const GERMAN_DMN = {
  ...GERMAN_TYPE_NAMES,
  // messages dmn-js checks an edited value with and passes through translate
  'Must match PnYnM': 'Angabe im Format PnYnM, z. B. P1Y6M',
  'Must match PnDTnH': 'Angabe im Format PnDTnH, z. B. P2DT4H',
  'Date must match pattern yyyy-MM-dd': 'Datum im Format JJJJ-MM-TT, z. B. 2026-12-31',
  'Time must match pattern hh:mm:ss[time zone]': 'Uhrzeit im Format hh:mm:ss, optional mit Zeitzone',
  'Date and time must match pattern yyyy-MM-ddTHH:mm:ss[time zone]': 'Datum und Uhrzeit im Format JJJJ-MM-TTThh:mm:ss, optional mit Zeitzone',
  'Element must have ID.': 'Das Element braucht eine ID.',
  'Element must have unique ID.': 'Die ID ist schon vergeben.',
  'Id must not contain spaces.': 'Die ID darf keine Leerzeichen enthalten.',
  'Id must not contain prefix.': 'Die ID darf kein Präfix enthalten.',
  'Id must be a valid QName.': 'Die ID muss ein gültiger XML-Name (QName) sein.',
  // decision requirements diagram (DRD): palette, context pad, replace menu, definition properties
  'Activate hand tool': 'Hand-Werkzeug aktivieren',
  'Activate lasso tool': 'Lasso-Werkzeug aktivieren',
  'Add text annotation': 'Textanmerkung hinzufügen',
  'Append business knowledge model': 'Geschäftswissensmodell anhängen',
  'Append decision': 'Entscheidung anhängen',
  'Append input data': 'Eingabedaten anhängen',
  'Append knowledge source': 'Wissensquelle anhängen',
  'Change type': 'Typ ändern',
  'Connect to other element': 'Mit anderem Element verbinden',
  'Create decision service': 'Entscheidungsdienst anlegen',
  'Create decision': 'Entscheidung anlegen',
  'Create input data': 'Eingabedaten anlegen',
  'Create knowledge model': 'Wissensmodell anlegen',
  'Create knowledge source': 'Wissensquelle anlegen',
  'Delete': 'Löschen',
  'Search in diagram': 'Im Diagramm suchen',
  'Definition ID': 'Definitions-ID',
  'Definition name': 'Name der Definition',
  'Element name': 'Name des Elements',
  'Empty': 'Leer',
  'Decision table': 'Entscheidungstabelle',
  'Literal expression': 'FEEL-Ausdruck',
  'Literal Expression': 'FEEL-Ausdruck',
  'Open decision table': 'Entscheidungstabelle öffnen',
  'Open literal expression': 'FEEL-Ausdruck öffnen',
  'View DRD': 'Anforderungsdiagramm (DRD) zeigen',
  'Resize': 'Größe ändern',
  // decision table: header, hit policy
  'Decision name': 'Name der Entscheidung',
  'Decision name: ': 'Name der Entscheidung: ',
  'Hit policy': 'Trefferrichtlinie',
  'Hit policy:': 'Trefferrichtlinie:',
  'Unique': 'Eindeutig (UNIQUE)',
  'First': 'Erste (FIRST)',
  'Priority': 'Priorität (PRIORITY)',
  'Any': 'Beliebige (ANY)',
  'Collect': 'Sammeln (COLLECT)',
  'Collect (Sum)': 'Sammeln: Summe (SUM)',
  'Collect (Min)': 'Sammeln: Minimum (MIN)',
  'Collect (Max)': 'Sammeln: Maximum (MAX)',
  'Collect (Count)': 'Sammeln: Anzahl (COUNT)',
  'Rule order': 'Regelreihenfolge (RULE ORDER)',
  'Output order': 'Ausgabereihenfolge (OUTPUT ORDER)',
  'No overlap is possible and all rules are disjoint. Only a single rule can be matched':
    'Regeln überschneiden sich nicht; genau eine Regel darf zutreffen.',
  'Rules may overlap. The first matching rule will be chosen': 'Regeln dürfen sich überschneiden; die erste zutreffende gilt.',
  'Rules may overlap. The one with the highest priority will be chosen':
    'Regeln dürfen sich überschneiden; die mit der höchsten Priorität gilt.',
  'Rules may overlap. Their output have to match': 'Regeln dürfen sich überschneiden, ihre Ergebnisse müssen aber gleich sein.',
  'Collects the values of all matching rules': 'Sammelt die Ergebnisse aller zutreffenden Regeln.',
  'Collects the values of all matching rules and sums up to a single value': 'Summiert die Ergebnisse aller zutreffenden Regeln.',
  'Collects the values of all matching rules and uses the lowest value': 'Nimmt das kleinste Ergebnis der zutreffenden Regeln.',
  'Collects the values of all matching rules and uses the highest value': 'Nimmt das größte Ergebnis der zutreffenden Regeln.',
  'Collects the values of all matching rules and counts the number of them': 'Zählt die zutreffenden Regeln.',
  'Collects the values of all matching rules in rule order': 'Sammelt die Ergebnisse der zutreffenden Regeln in Regelreihenfolge.',
  'Collects the values of all matching rules in decreasing output priority order':
    'Sammelt die Ergebnisse der zutreffenden Regeln nach absteigender Priorität der Ausgabe.',
  // columns and rules
  'When': 'Wenn',
  'And': 'Und',
  'Then': 'Dann',
  'Input': 'Eingabe',
  'Output': 'Ausgabe',
  'Annotation': 'Anmerkung',
  'Annotations': 'Anmerkungen',
  'Add input': 'Eingabe hinzufügen',
  'Add output': 'Ausgabe hinzufügen',
  'Add rule': 'Regel hinzufügen',
  'Add rule above': 'Regel darüber einfügen',
  'Add rule below': 'Regel darunter einfügen',
  'Add input column left': 'Eingabespalte links einfügen',
  'Add input column right': 'Eingabespalte rechts einfügen',
  'Add output column left': 'Ausgabespalte links einfügen',
  'Add output column right': 'Ausgabespalte rechts einfügen',
  'Copy input column': 'Eingabespalte kopieren',
  'Copy output column': 'Ausgabespalte kopieren',
  'Copy rule': 'Regel kopieren',
  'Cut input column': 'Eingabespalte ausschneiden',
  'Cut output column': 'Ausgabespalte ausschneiden',
  'Cut rule': 'Regel ausschneiden',
  'Paste input column left': 'Eingabespalte links einfügen (Zwischenablage)',
  'Paste input column right': 'Eingabespalte rechts einfügen (Zwischenablage)',
  'Paste output column left': 'Ausgabespalte links einfügen (Zwischenablage)',
  'Paste output column right': 'Ausgabespalte rechts einfügen (Zwischenablage)',
  'Paste rule above': 'Regel darüber einfügen (Zwischenablage)',
  'Paste rule below': 'Regel darunter einfügen (Zwischenablage)',
  'Remove input column': 'Eingabespalte entfernen',
  'Remove output column': 'Ausgabespalte entfernen',
  'Remove rule': 'Regel entfernen',
  'Move rule': 'Regel verschieben',
  'Add cell description': 'Beschreibung der Zelle hinzufügen',
  'Remove cell description': 'Beschreibung der Zelle entfernen',
  // column and cell editors
  'Edit': 'Bearbeiten',
  'Edit input': 'Eingabe bearbeiten',
  'Edit output': 'Ausgabe bearbeiten',
  'Input label': 'Beschriftung der Eingabe',
  'Input label: ': 'Beschriftung der Eingabe: ',
  'Input expression': 'Eingabeausdruck',
  'Input expression: ': 'Eingabeausdruck: ',
  'Input type': 'Typ der Eingabe',
  'Input values': 'Erlaubte Eingabewerte',
  'Output label': 'Beschriftung der Ausgabe',
  'Output label: ': 'Beschriftung der Ausgabe: ',
  'Output name': 'Name der Ausgabe',
  'Output name: ': 'Name der Ausgabe: ',
  'Output type': 'Typ der Ausgabe',
  'Output values': 'Erlaubte Ausgabewerte',
  'Expression': 'Ausdruck',
  'Enter expression': 'Ausdruck eingeben',
  'Expression language': 'Ausdruckssprache',
  'Expression language:': 'Ausdruckssprache:',
  'Expression language: {expressionLanguageLabel}': 'Ausdruckssprache: {expressionLanguageLabel}',
  'Change cell expression language': 'Ausdruckssprache der Zelle ändern',
  'Editing not supported for set expression language': 'Diese Ausdruckssprache lässt sich hier nicht bearbeiten',
  'Type': 'Typ',
  'Test type': 'Art des Tests',
  'Value': 'Wert',
  'Values': 'Werte',
  'No values': 'Keine Werte',
  'Add values': 'Werte hinzufügen',
  'Custom values': 'Eigene Werte',
  'Predefined values': 'Vorgegebene Werte',
  'Add predefined values': 'Vorgegebene Werte hinzufügen',
  'Clear predefined values': 'Vorgegebene Werte entfernen',
  'Strings must be in double quotes': 'Texte stehen in doppelten Anführungszeichen',
  // placeholders: examples of FEEL input, quotes and braces are FEEL's
  '"value"': '"Wert"',
  '"value", "value", ...': '"Wert", "Wert", …',
  'e.g. { example } ': 'z. B. { beispiel } ',
  'e.g. { sample }': 'z. B. { muster }',
  'Match one': 'Einer trifft zu',
  'Match none': 'Keiner trifft zu',
  'Include': 'Einschließen',
  'Exclude': 'Ausschließen',
  'Comparison': 'Vergleich',
  'Comparison operator': 'Vergleichsoperator',
  'Range': 'Bereich',
  'Range start operator': 'Operator am Bereichsanfang',
  'Range start value': 'Wert am Bereichsanfang',
  'Range end operator': 'Operator am Bereichsende',
  'Range end value': 'Wert am Bereichsende',
  'Start value': 'Anfangswert',
  'End value': 'Endwert',
  'Equals': 'Gleich',
  'Less': 'Kleiner',
  'Less or equals': 'Kleiner oder gleich',
  'Greater': 'Größer',
  'Greater or equals': 'Größer oder gleich',
  'Exactly': 'Genau',
  'Before': 'Vor',
  'After': 'Nach',
  'Between': 'Zwischen',
  'Yes': 'Ja',
  'No': 'Nein',
  'Boolean value': 'Wahrheitswert',
  'Edit boolean': 'Wahrheitswert bearbeiten',
  'Edit number': 'Zahl bearbeiten',
  'Edit string': 'Text bearbeiten',
  'String value': 'Textwert',
  'Set value': 'Wert setzen',
  'Date': 'Datum',
  'Date value': 'Datumswert',
  'Edit date': 'Datum bearbeiten',
  'Set date': 'Datum setzen',
  'Start date': 'Anfangsdatum',
  'End date': 'Enddatum',
  'Edit start date': 'Anfangsdatum bearbeiten',
  'Edit end date': 'Enddatum bearbeiten',
  'Use today': 'Heute verwenden',
  'Date and time': 'Datum und Uhrzeit',
  'Date and time value': 'Wert für Datum und Uhrzeit',
  'Edit date and time': 'Datum und Uhrzeit bearbeiten',
  'Set date and time': 'Datum und Uhrzeit setzen',
  'Start date and time': 'Anfang (Datum und Uhrzeit)',
  'End date and time': 'Ende (Datum und Uhrzeit)',
  'Edit start date and time': 'Anfang (Datum und Uhrzeit) bearbeiten',
  'Edit end date and time': 'Ende (Datum und Uhrzeit) bearbeiten',
  'Use now': 'Jetzt verwenden',
  'Time': 'Uhrzeit',
  'Time value': 'Uhrzeitwert',
  'Edit time': 'Uhrzeit bearbeiten',
  'Set time': 'Uhrzeit setzen',
  'Start time': 'Anfangszeit',
  'End time': 'Endzeit',
  'Edit start time': 'Anfangszeit bearbeiten',
  'Edit end time': 'Endzeit bearbeiten',
  'Duration value': 'Dauer',
  'Edit duration': 'Dauer bearbeiten',
  'Set duration': 'Dauer setzen',
  // literal expression and boxed expressions
  'Literal expression editor': 'Editor für FEEL-Ausdrücke',
  'Variable name': 'Variablenname',
  'Variable name:': 'Variablenname:',
  'Variable type': 'Variablentyp',
  'Variable type:': 'Variablentyp:',
  'Edit formal parameters': 'Parameter bearbeiten',
  'Add parameter': 'Parameter hinzufügen',
  'Remove parameter': 'Parameter entfernen',
  'Edit function kind': 'Art der Funktion bearbeiten',
  'Function kind: {kind}': 'Art der Funktion: {kind}',
  'Kind': 'Art',
  'name': 'Name',
  // Texts dmn-js writes without its translate service (see PAST_TRANSLATE, germanLiterals).
  'Move Input': 'Eingabe verschieben',
  'Move Output': 'Ausgabe verschieben',
  'Remove item': 'Eintrag entfernen',
  'Decision table context menu': 'Kontextmenü der Entscheidungstabelle',
  'Powered by bpmn.io': 'Erstellt mit bpmn.io'
};

/**
 * The titles, labels and headings dmn-js 17 writes straight into the page, past its translate service: the column drag
 * handles, a list's remove button, the context menu's label, the bpmn.io logo, the duration editor's "Value" heading.
 */
export const PAST_TRANSLATE = {
  attributes: [ 'Move Input', 'Move Output', 'Remove item', 'Decision table context menu', 'Powered by bpmn.io' ],
  headings: [ 'Value' ]
};

export const translateDmn = translatorFor(GERMAN_DMN);

/**
 * Keeps what dmn-js writes past its translate service German (PAST_TRANSLATE): titles and aria-labels, and the
 * headings of its cell editors, each time it draws them. Returns the observer (disconnect to stop).
 */
export function germanLiterals(container) {
  const fix = root => {
    for (const name of [ 'title', 'aria-label' ]) {
      for (const node of root.querySelectorAll(`[${name}]`)) {
        const text = node.getAttribute(name);
        if (PAST_TRANSLATE.attributes.includes(text)) node.setAttribute(name, translateDmn(text));
      }
    }
    for (const heading of root.querySelectorAll('.dms-heading')) {
      const text = heading.textContent;
      if (PAST_TRANSLATE.headings.includes(text)) heading.textContent = translateDmn(text);
    }
  };
  fix(container);
  const observer = new MutationObserver(() => fix(container));
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [ 'title', 'aria-label' ] });
  return observer;
}

/** The `translate` service for every dmn-js view. */
export const GermanDmnTranslateModule = { translate: [ 'value', translateDmn ] };

// Properties-panel provider for the product's am: extension (urn:automation:bpmn:1).
//
// Adds the group "Aufwand und Automatisierung" to every task type and "Formularfelder" (am-form-fields.js) to start
// events and user tasks. Each entry reads
// and writes one attribute of an am:* element inside bpmn:extensionElements; the
// am:* element (and extensionElements itself) is created on first write, in one
// undoable command. Empty input removes the attribute.

import { h } from '@bpmn-io/properties-panel/preact';
import {
  CheckboxEntry, isCheckboxEntryEdited,
  NumberFieldEntry, isNumberFieldEntryEdited,
  SelectEntry, isSelectEntryEdited,
  TextFieldEntry, isTextFieldEntryEdited
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is, isAny } from 'bpmn-js/lib/util/ModelUtil';
import { formFieldsGroup } from './am-form-fields.js';
import { appendExtension, ensureExtensionElements } from './am-extensions.js';

const LOW_PRIORITY = 500;

export const GROUP_ID = 'am-effort-automation';

export const TASK_TYPES = [
  'bpmn:Task', 'bpmn:UserTask', 'bpmn:ManualTask', 'bpmn:ServiceTask', 'bpmn:ScriptTask',
  'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:BusinessRuleTask'
];

// Zeitwerttabelle Verwaltung (Destatis, Leitfaden Erfüllungsaufwand), Nr. 1–17.
export const STANDARD_ACTIVITIES = [
  'Einarbeiten in die Vorgabe',
  'Beraten, Vorgespräche',
  'Formelle Prüfung, Daten sichten',
  'Eingang bestätigen / fehlende Daten einholen',
  'Inhaltliche Prüfung, Daten erfassen',
  'Berechnungen',
  'Ergebnisse prüfen / korrigieren',
  'Interne Sitzungen',
  'Externe Sitzungen',
  'Daten übermitteln / veröffentlichen',
  'Bescheid erstellen',
  'Zahlungen',
  'Korrektur bei Rückfragen',
  'Kopieren, archivieren, verteilen',
  'Fortbildung',
  'Überwachung / Aufsicht',
  'Interne Prozesse anpassen'
];

const NOT_SET = { value: '', label: '– nicht angegeben –' };

const PAY_LEVELS = [
  { value: 'einfach', label: 'einfacher Dienst (einfach)' },
  { value: 'mittel', label: 'mittlerer Dienst (mittel)' },
  { value: 'gehoben', label: 'gehobener Dienst (gehoben)' },
  { value: 'hoeher', label: 'höherer Dienst (hoeher)' }
];

const COMPLEXITIES = [
  { value: 'simple', label: 'einfach' },
  { value: 'medium', label: 'mittel' },
  { value: 'complex', label: 'komplex' }
];

const AUTOMATION_LEVELS = [
  { value: 'manual', label: 'manuell' },
  { value: 'assistive', label: 'assistierend' },
  { value: 'decision-preparing', label: 'entscheidungsvorbereitend' },
  { value: 'automated', label: 'automatisiert' }
];

const OCCUPATION_PATTERN = /^\d{5}$/;

// ---------------------------------------------------------------------------
// model helpers

export function getAmElement(element, type) {
  const bo = getBusinessObject(element);
  const values = (bo.get('extensionElements') && bo.get('extensionElements').get('values')) || [];
  return values.find(v => is(v, type));
}

export function getAmValue(element, type, property) {
  const amElement = getAmElement(element, type);
  return amElement ? amElement.get(property) : undefined;
}

/**
 * Set one attribute of an am:* extension element, creating bpmn:extensionElements
 * and the am:* element when missing, as one entry on the command stack.
 */
export function setAmValue(injector, element, type, property, value) {
  const bpmnFactory = injector.get('bpmnFactory');
  const commandStack = injector.get('commandStack');
  const bo = getBusinessObject(element);
  const commands = [];

  // Clearing a value that was never set changes nothing: no empty elements are added.
  if (value === undefined && !getAmElement(element, type)) return;
  const extensionElements = ensureExtensionElements(bpmnFactory, element, bo, commands);
  let amElement = extensionElements.get('values').find(v => is(v, type));
  if (!amElement) {
    amElement = bpmnFactory.create(type, {});
    appendExtension(element, extensionElements, amElement, commands);
  }

  commands.push({
    cmd: 'element.updateModdleProperties',
    context: { element, moddleElement: amElement, properties: { [property]: value } }
  });

  commandStack.execute('properties-panel.multi-command-executor', commands);
}

function emptyToUndefined(value) {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

// ---------------------------------------------------------------------------
// entry components (preact function components, rendered by the panel)

function useAm(element, type, property) {
  const injector = useService('injector');
  return {
    getValue: () => getAmValue(element, type, property),
    setValue: value => setAmValue(injector, element, type, property, value)
  };
}

// Invalid input is not written to the model (the XML stays valid); it is remembered per
// business object so the field keeps showing it with its message until corrected.
const pendingInvalid = new WeakMap();

function getPending(element, key) {
  const map = pendingInvalid.get(getBusinessObject(element));
  return map && map[key];
}

function setPending(element, key, value) {
  const bo = getBusinessObject(element);
  const map = pendingInvalid.get(bo) || {};
  if (value === undefined) delete map[key]; else map[key] = value;
  pendingInvalid.set(bo, map);
}

function AmTextField(props) {
  const { element, id, label, description, type, property, validate, placeholder } = props;
  const debounce = useService('debounceInput');
  const { getValue, setValue } = useAm(element, type, property);
  const key = `${type}.${property}`;

  return h(TextFieldEntry, {
    element, id, label, description, debounce, validate, placeholder,
    getValue: () => {
      const pending = getPending(element, key);
      return pending !== undefined ? pending : (getValue() || '');
    },
    setValue: (value, error) => {
      if (error) {
        setPending(element, key, value);
        return;
      }
      setPending(element, key, undefined);
      const v = emptyToUndefined(typeof value === 'string' ? value.trim() : value);
      if (v === getValue()) return;
      setValue(v);
    }
  });
}

function AmSelect(props) {
  const { element, id, label, description, type, property, options, numeric } = props;
  const { getValue, setValue } = useAm(element, type, property);

  return h(SelectEntry, {
    element, id, label, description,
    getValue: () => {
      const value = getValue();
      return value === undefined || value === null ? '' : String(value);
    },
    setValue: value => {
      const v = emptyToUndefined(value);
      setValue(v === undefined ? undefined : (numeric ? parseInt(v, 10) : v));
    },
    getOptions: () => {
      const current = getValue();
      const list = [ NOT_SET, ...options ];
      // keep an unknown value visible instead of silently showing "not set"
      if (current !== undefined && current !== null && current !== '' &&
          !list.some(o => o.value === String(current))) {
        list.push({ value: String(current), label: `${current} (unbekannt)` });
      }
      return list;
    }
  });
}

function AmNumber(props) {
  const { element, id, label, description, type, property } = props;
  const debounce = useService('debounceInput');
  const { getValue, setValue } = useAm(element, type, property);

  return h(NumberFieldEntry, {
    element, id, label, description, debounce, min: 0, step: 'any',
    getValue: () => getValue(),
    validate: value => (typeof value === 'number' && value < 0) ? 'Der Wert darf nicht negativ sein.' : null,
    setValue: (value, error) => {
      if (error) return;
      setValue(typeof value === 'number' && !isNaN(value) ? value : undefined);
    }
  });
}

function AmCheckbox(props) {
  const { element, id, label, description, type, property } = props;
  const { getValue, setValue } = useAm(element, type, property);

  return h(CheckboxEntry, {
    element, id, label, description,
    getValue: () => getValue() === true,
    setValue: value => setValue(value ? true : false)
  });
}

export function validateOccupation(value) {
  const v = (value || '').trim();
  if (v === '' || OCCUPATION_PATTERN.test(v)) return null;
  return 'Die Berufskennziffer (KldB 2010) hat genau fünf Ziffern, z. B. 73203.';
}

// ---------------------------------------------------------------------------
// group

// The panel renders each entry as h(entry.component, { ...entry, element }), so the
// entry object carries the component's props; components stay stable across renders.
function entry(id, element, component, isEdited, props) {
  return { ...props, id, element, isEdited, component };
}

export function amEntries(element) {
  return [
    entry('am-role', element, AmTextField, isTextFieldEntryEdited, {
      label: 'Rolle (Postkorb)', type: 'am:Role', property: 'name',
      description: 'am:role name – Schlüssel des Postkorbs, mehrere kommagetrennt', placeholder: 'z. B. sachbearbeitung-wohngeld'
    }),
    entry('am-payLevel', element, AmSelect, isSelectEntryEdited, {
      label: 'Besoldungs-/Entgeltgruppe', type: 'am:Effort', property: 'payLevel', options: PAY_LEVELS,
      description: 'am:effort payLevel'
    }),
    entry('am-occupation', element, AmTextField, isTextFieldEntryEdited, {
      label: 'Berufskennziffer (KldB)', type: 'am:Effort', property: 'occupation', validate: validateOccupation,
      description: 'am:effort occupation – fünfstelliger KldB-2010-Code, z. B. 73203', placeholder: '73203'
    }),
    entry('am-activity', element, AmSelect, isSelectEntryEdited, {
      label: 'Standardtätigkeit (Zeitwerttabelle)', type: 'am:Effort', property: 'activity', numeric: true,
      options: STANDARD_ACTIVITIES.map((name, i) => ({ value: String(i + 1), label: `${i + 1} – ${name}` })),
      description: 'am:effort activity'
    }),
    entry('am-complexity', element, AmSelect, isSelectEntryEdited, {
      label: 'Komplexität', type: 'am:Effort', property: 'complexity', options: COMPLEXITIES,
      description: 'am:effort complexity'
    }),
    entry('am-minutes', element, AmNumber, isNumberFieldEntryEdited, {
      label: 'Eigene Standardminuten', type: 'am:Effort', property: 'minutes',
      description: 'am:effort minutes – ersetzt den Tabellenwert'
    }),
    entry('am-printedPages', element, AmNumber, isNumberFieldEntryEdited, {
      label: 'Gedruckte Seiten', type: 'am:Footprint', property: 'printedPages', description: 'am:footprint printedPages'
    }),
    entry('am-letters', element, AmNumber, isNumberFieldEntryEdited, {
      label: 'Briefe', type: 'am:Footprint', property: 'letters', description: 'am:footprint letters'
    }),
    entry('am-citizenTrips', element, AmNumber, isNumberFieldEntryEdited, {
      label: 'Bürgerwege', type: 'am:Footprint', property: 'citizenTrips', description: 'am:footprint citizenTrips'
    }),
    entry('am-automationLevel', element, AmSelect, isSelectEntryEdited, {
      label: 'Automatisierungsgrad', type: 'am:Automation', property: 'level', options: AUTOMATION_LEVELS,
      description: 'am:automation level'
    }),
    entry('am-ai', element, AmCheckbox, isCheckboxEntryEdited, {
      label: 'KI-gestützt', type: 'am:Automation', property: 'ai', description: 'am:automation ai'
    }),
    entry('am-candidate', element, AmCheckbox, isCheckboxEntryEdited, {
      label: 'Kandidat für Automatisierung', type: 'am:Automation', property: 'candidate',
      description: 'am:automation candidate'
    })
  ];
}

export default function AmPropertiesProvider(propertiesPanel, injector, translate) {
  this.getGroups = function(element) {
    return function(groups) {
      const generalIndex = groups.findIndex(g => g.id === 'general');
      const at = generalIndex >= 0 ? generalIndex + 1 : groups.length;
      const own = [];
      if (isAny(element, TASK_TYPES)) own.push({ id: GROUP_ID, label: 'Aufwand und Automatisierung', entries: amEntries(element) });
      const form = formFieldsGroup(element, injector, translate);
      if (form) own.push(form);
      groups.splice(at, 0, ...own);
      // The panel hands a group's translate to its controls ("Toggle section", "Create"); the providers' groups carry none.
      for (const group of groups) if (!group.translate) group.translate = translate;
      return groups;
    };
  };
  propertiesPanel.registerProvider(LOW_PRIORITY, this);
}

AmPropertiesProvider.$inject = [ 'propertiesPanel', 'injector', 'translate' ];

export const AmPropertiesProviderModule = {
  __init__: [ 'amPropertiesProvider' ],
  amPropertiesProvider: [ 'type', AmPropertiesProvider ]
};

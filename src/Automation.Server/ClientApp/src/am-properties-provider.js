// Properties-panel provider for the product's am: extension (urn:automation:bpmn:1).
//
// Adds the group "Effort and automation" to every task type and "Form fields" (am-form-fields.js) to start events and
// user tasks. Each entry reads and writes one attribute of an am:* element inside bpmn:extensionElements; the am:*
// element (and extensionElements itself) is created on first write, in one undoable command. Empty input removes the
// attribute. Every shown text is an English template passed to the translate service as a literal, so that
// test/panel-texts.mjs can check that translate-de.js has its German.

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

// Zeitwerttabelle Verwaltung (Destatis, Leitfaden Erfüllungsaufwand), Nr. 1–17; am:effort activity is the number.
export function standardActivities(translate) {
  return [
    translate('Familiarising with the obligation'),
    translate('Advice, preliminary talks'),
    translate('Formal check, reviewing data'),
    translate('Confirming receipt / obtaining missing data'),
    translate('Checking the content, entering data'),
    translate('Calculations'),
    translate('Checking / correcting results'),
    translate('Internal meetings'),
    translate('External meetings'),
    translate('Transmitting / publishing data'),
    translate('Issuing the decision'),
    translate('Payments'),
    translate('Corrections after queries'),
    translate('Copying, archiving, distributing'),
    translate('Training'),
    translate('Monitoring / supervision'),
    translate('Adapting internal processes')
  ];
}

// The values are the am: vocabulary written to the XML (am-moddle.json, read by the engine); only the labels are shown.
function payLevels(translate) {
  return [
    { value: 'einfach', label: translate('Lower service ({value})', { value: 'einfach' }) },
    { value: 'mittel', label: translate('Middle service ({value})', { value: 'mittel' }) },
    { value: 'gehoben', label: translate('Upper service ({value})', { value: 'gehoben' }) },
    { value: 'hoeher', label: translate('Higher service ({value})', { value: 'hoeher' }) }
  ];
}

function complexities(translate) {
  return [
    { value: 'simple', label: translate('simple') },
    { value: 'medium', label: translate('medium') },
    { value: 'complex', label: translate('complex') }
  ];
}

function automationLevels(translate) {
  return [
    { value: 'manual', label: translate('manual') },
    { value: 'assistive', label: translate('assistive') },
    { value: 'decision-preparing', label: translate('decision-preparing') },
    { value: 'automated', label: translate('automated') }
  ];
}

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
  const translate = useService('translate');
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
      const list = [ { value: '', label: translate('– not set –') }, ...options ];
      // keep an unknown value visible instead of silently showing "not set"
      if (current !== undefined && current !== null && current !== '' &&
          !list.some(o => o.value === String(current))) {
        list.push({ value: String(current), label: translate('{value} (unknown)', { value: String(current) }) });
      }
      return list;
    }
  });
}

function AmNumber(props) {
  const { element, id, label, description, type, property } = props;
  const debounce = useService('debounceInput');
  const translate = useService('translate');
  const { getValue, setValue } = useAm(element, type, property);

  return h(NumberFieldEntry, {
    element, id, label, description, debounce, min: 0, step: 'any',
    getValue: () => getValue(),
    validate: value => (typeof value === 'number' && value < 0) ? translate('The value must not be negative.') : null,
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

export function validateOccupation(value, translate) {
  const v = (value || '').trim();
  if (v === '' || OCCUPATION_PATTERN.test(v)) return null;
  return translate('The occupation code (KldB 2010) has exactly five digits, e.g. 73203.');
}

// ---------------------------------------------------------------------------
// group

// The panel renders each entry as h(entry.component, { ...entry, element }), so the
// entry object carries the component's props; components stay stable across renders.
function entry(id, element, component, isEdited, props) {
  return { ...props, id, element, isEdited, component };
}

export function amEntries(element, translate) {
  return [
    entry('am-role', element, AmTextField, isTextFieldEntryEdited, {
      label: translate('Role (inbox)'), type: 'am:Role', property: 'name',
      description: translate('am:role name – key of the inbox, several separated by commas'),
      placeholder: translate('e.g. clerk-housing-benefit')
    }),
    entry('am-payLevel', element, AmSelect, isSelectEntryEdited, {
      label: translate('Pay grade'), type: 'am:Effort', property: 'payLevel', options: payLevels(translate),
      description: 'am:effort payLevel'
    }),
    entry('am-occupation', element, AmTextField, isTextFieldEntryEdited, {
      label: translate('Occupation code (KldB)'), type: 'am:Effort', property: 'occupation',
      validate: value => validateOccupation(value, translate),
      description: translate('am:effort occupation – five-digit KldB 2010 code, e.g. 73203'), placeholder: '73203'
    }),
    entry('am-activity', element, AmSelect, isSelectEntryEdited, {
      label: translate('Standard activity (time value table)'), type: 'am:Effort', property: 'activity', numeric: true,
      options: standardActivities(translate).map((name, i) => ({ value: String(i + 1), label: `${i + 1} – ${name}` })),
      description: 'am:effort activity'
    }),
    entry('am-complexity', element, AmSelect, isSelectEntryEdited, {
      label: translate('Complexity'), type: 'am:Effort', property: 'complexity', options: complexities(translate),
      description: 'am:effort complexity'
    }),
    entry('am-minutes', element, AmNumber, isNumberFieldEntryEdited, {
      label: translate('Own standard minutes'), type: 'am:Effort', property: 'minutes',
      description: translate('am:effort minutes – replaces the table value')
    }),
    entry('am-printedPages', element, AmNumber, isNumberFieldEntryEdited, {
      label: translate('Printed pages'), type: 'am:Footprint', property: 'printedPages', description: 'am:footprint printedPages'
    }),
    entry('am-letters', element, AmNumber, isNumberFieldEntryEdited, {
      label: translate('Letters'), type: 'am:Footprint', property: 'letters', description: 'am:footprint letters'
    }),
    entry('am-citizenTrips', element, AmNumber, isNumberFieldEntryEdited, {
      label: translate('Citizen trips'), type: 'am:Footprint', property: 'citizenTrips', description: 'am:footprint citizenTrips'
    }),
    entry('am-automationLevel', element, AmSelect, isSelectEntryEdited, {
      label: translate('Automation level'), type: 'am:Automation', property: 'level', options: automationLevels(translate),
      description: 'am:automation level'
    }),
    entry('am-ai', element, AmCheckbox, isCheckboxEntryEdited, {
      label: translate('AI-assisted'), type: 'am:Automation', property: 'ai', description: 'am:automation ai'
    }),
    entry('am-candidate', element, AmCheckbox, isCheckboxEntryEdited, {
      label: translate('Candidate for automation'), type: 'am:Automation', property: 'candidate',
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
      if (isAny(element, TASK_TYPES)) own.push({ id: GROUP_ID, label: translate('Effort and automation'), entries: amEntries(element, translate) });
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

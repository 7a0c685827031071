// Properties-panel group "Formularfelder": the am:field declarations of a start event or user task (the fields of the
// start form and of the task form, read by the engine's ProductAnnotations.ParseField). Each field is one list item with
// id, label, type, required and options; adding, editing and removing are each one undoable command.

import { h } from '@bpmn-io/properties-panel/preact';
import {
  CheckboxEntry, isCheckboxEntryEdited,
  ListGroup,
  SelectEntry, isSelectEntryEdited,
  TextFieldEntry, isTextFieldEntryEdited
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is, isAny } from 'bpmn-js/lib/util/ModelUtil';
import { appendExtension, ensureExtensionElements } from './am-extensions.js';

export const FORM_GROUP_ID = 'am-form-fields';

/** Elements whose am:field declarations become a form: the start form and the task form. */
export const FORM_TYPES = [ 'bpmn:StartEvent', 'bpmn:UserTask' ];

/** The field types the engine reads (ProductAnnotations.FieldTypes), with German labels. */
export const FIELD_TYPES = [
  { value: 'string', label: 'Text' },
  { value: 'long', label: 'Ganze Zahl' },
  { value: 'double', label: 'Zahl' },
  { value: 'boolean', label: 'Ja/Nein' },
  { value: 'date', label: 'Datum' },
  { value: 'email', label: 'E-Mail-Adresse' },
  { value: 'enum', label: 'Auswahl' },
  { value: 'file', label: 'Datei (nur in Aufgaben)' }
];

const FIELD_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// ---------------------------------------------------------------------------
// model helpers (pure: tested in test/form-fields.mjs)

/** The am:field elements of a business object, in document order. */
export function formFields(bo) {
  const values = (bo.get('extensionElements') && bo.get('extensionElements').get('values')) || [];
  return values.filter(v => is(v, 'am:Field'));
}

/** A field id not yet used among the fields: feld1, feld2, … */
export function nextFieldId(fields) {
  const used = new Set(fields.map(f => f.get('id')));
  let n = fields.length + 1;
  while (used.has(`feld${n}`)) n++;
  return `feld${n}`;
}

/** Null when the id is usable for this field, else the German reason. */
export function validateFieldId(value, field, fields) {
  const v = (value || '').trim();
  if (v === '') return 'Die ID des Feldes darf nicht leer sein.';
  if (!FIELD_ID_PATTERN.test(v)) return 'Die ID beginnt mit einem Buchstaben und enthält nur Buchstaben, Ziffern, _, . oder -.';
  if (fields.some(f => f !== field && f.get('id') === v)) return `Die ID „${v}“ hat schon ein anderes Feld dieses Elements.`;
  return null;
}

/** Null when the options fit the type, else the German reason (the engine refuses an enum field without options). */
export function validateOptions(value, type) {
  const options = (value || '').split(',').map(o => o.trim()).filter(o => o !== '');
  return type === 'enum' && options.length === 0 ? 'Ein Auswahlfeld braucht mindestens eine Option (kommagetrennt).' : null;
}

// ---------------------------------------------------------------------------
// commands

function addField(injector, element) {
  const bpmnFactory = injector.get('bpmnFactory');
  const commandStack = injector.get('commandStack');
  const bo = getBusinessObject(element);
  const commands = [];
  const extensionElements = ensureExtensionElements(bpmnFactory, element, bo, commands);
  const field = bpmnFactory.create('am:Field', { id: nextFieldId(formFields(bo)), label: 'Neues Feld', type: 'string' });
  appendExtension(element, extensionElements, field, commands);
  commandStack.execute('properties-panel.multi-command-executor', commands);
}

function removeField(injector, element, field) {
  const extensionElements = getBusinessObject(element).get('extensionElements');
  injector.get('commandStack').execute('element.updateModdleProperties', {
    element, moddleElement: extensionElements, properties: { values: extensionElements.get('values').filter(v => v !== field) }
  });
}

function setFieldValue(injector, element, field, property, value) {
  injector.get('commandStack').execute('element.updateModdleProperties', {
    element, moddleElement: field, properties: { [property]: value }
  });
}

// ---------------------------------------------------------------------------
// entries

function FieldText(props) {
  const { element, id, label, description, field, property, validate } = props;
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element, id, label, description, debounce,
    validate: validate ? value => validate(value, field) : undefined,
    getValue: () => field.get(property) || '',
    setValue: (value, error) => {
      if (error) return;
      const v = typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
      if (v !== field.get(property)) setFieldValue(injector, element, field, property, v);
    }
  });
}

function FieldType(props) {
  const { element, id, field } = props;
  const injector = useService('injector');
  return h(SelectEntry, {
    element, id, label: 'Art',
    getValue: () => field.get('type') || 'string',
    setValue: value => setFieldValue(injector, element, field, 'type', value),
    getOptions: () => {
      const current = field.get('type');
      return current && !FIELD_TYPES.some(t => t.value === current)
        ? [ ...FIELD_TYPES, { value: current, label: `${current} (unbekannt)` } ] : FIELD_TYPES;
    }
  });
}

function FieldRequired(props) {
  const { element, id, field } = props;
  const injector = useService('injector');
  return h(CheckboxEntry, {
    element, id, label: 'Pflichtfeld',
    getValue: () => field.get('required') === true,
    setValue: value => setFieldValue(injector, element, field, 'required', value ? true : undefined)
  });
}

function fieldItem(element, field, index, fields, injector) {
  const prefix = `am-field-${index}`;
  const entries = [
    { id: `${prefix}-id`, component: FieldText, isEdited: isTextFieldEntryEdited, field, property: 'id', label: 'ID (Variablenname)',
      description: 'Unter diesem Namen steht der Wert im Vorgang.', validate: (value, f) => validateFieldId(value, f, fields) },
    { id: `${prefix}-label`, component: FieldText, isEdited: isTextFieldEntryEdited, field, property: 'label', label: 'Beschriftung' },
    { id: `${prefix}-type`, component: FieldType, isEdited: isSelectEntryEdited, field },
    { id: `${prefix}-required`, component: FieldRequired, isEdited: isCheckboxEntryEdited, field },
    { id: `${prefix}-options`, component: FieldText, isEdited: isTextFieldEntryEdited, field, property: 'options', label: 'Optionen',
      description: 'Nur bei der Art Auswahl: die Werte, kommagetrennt.', validate: value => validateOptions(value, field.get('type')) }
  ].map(e => ({ ...e, element }));
  return {
    id: prefix,
    label: field.get('label') || field.get('id') || 'Feld ohne ID',
    entries,
    autoFocusEntry: `${prefix}-label`,
    remove: () => removeField(injector, element, field)
  };
}

/** The "Formularfelder" group for a start event or user task, null for other elements. */
export function formFieldsGroup(element, injector, translate) {
  if (!isAny(element, FORM_TYPES)) return null;
  const fields = formFields(getBusinessObject(element));
  return {
    id: FORM_GROUP_ID,
    label: 'Formularfelder',
    component: ListGroup,
    translate,
    items: fields.map((field, index) => fieldItem(element, field, index, fields, injector)),
    add: event => {
      event.stopPropagation();
      addField(injector, element);
    }
  };
}

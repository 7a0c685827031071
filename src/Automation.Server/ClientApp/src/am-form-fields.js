// Properties-panel group "Form fields": the am:field declarations of a start event or user task (the fields of the
// start form and of the task form, read by the engine's ProductAnnotations.ParseField). Each field is one list item with
// id, label, type, required and options; adding, editing and removing are each one undoable command. Shown texts are
// English templates passed to the translate service as literals (German in translate-de.js, checked by
// test/panel-texts.mjs).

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

/** The field types the engine reads (ProductAnnotations.FieldTypes), with their labels. */
export function fieldTypes(translate) {
  return [
    { value: 'string', label: translate('Text') },
    { value: 'long', label: translate('Whole number') },
    { value: 'double', label: translate('Number') },
    { value: 'boolean', label: translate('Yes/No') },
    { value: 'date', label: translate('Date') },
    { value: 'email', label: translate('Email address') },
    { value: 'enum', label: translate('Choice') },
    { value: 'file', label: translate('File (tasks only)') }
  ];
}

const FIELD_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// ---------------------------------------------------------------------------
// model helpers

/** The am:field elements of a business object, in document order. */
export function formFields(bo) {
  const values = (bo.get('extensionElements') && bo.get('extensionElements').get('values')) || [];
  return values.filter(v => is(v, 'am:Field'));
}

/** A field id not yet used among the fields: field1, field2, … as the translate service words it (feld1, …). */
export function nextFieldId(fields, translate) {
  const used = new Set(fields.map(f => f.get('id')));
  const idOf = n => translate('field{number}', { number: String(n) });
  let n = fields.length + 1;
  while (used.has(idOf(n))) n++;
  return idOf(n);
}

/** Null when the id is usable for this field, else the reason. */
export function validateFieldId(value, field, fields, translate) {
  const v = (value || '').trim();
  if (v === '') return translate('The field ID must not be empty.');
  if (!FIELD_ID_PATTERN.test(v)) return translate('The ID starts with a letter and contains only letters, digits, _, . or -.');
  if (fields.some(f => f !== field && f.get('id') === v)) return translate('Another field of this element already has the ID “{id}”.', { id: v });
  return null;
}

/** Null when the options fit the type, else the reason (the engine refuses an enum field without options). */
export function validateOptions(value, type, translate) {
  const options = (value || '').split(',').map(o => o.trim()).filter(o => o !== '');
  return type === 'enum' && options.length === 0 ? translate('A choice field needs at least one option (comma-separated).') : null;
}

// ---------------------------------------------------------------------------
// commands

function addField(injector, element, translate) {
  const bpmnFactory = injector.get('bpmnFactory');
  const commandStack = injector.get('commandStack');
  const bo = getBusinessObject(element);
  const commands = [];
  const extensionElements = ensureExtensionElements(bpmnFactory, element, bo, commands);
  const field = bpmnFactory.create('am:Field', {
    id: nextFieldId(formFields(bo), translate), label: translate('New field'), type: 'string'
  });
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
  const translate = useService('translate');
  return h(SelectEntry, {
    element, id, label: translate('Type'),
    getValue: () => field.get('type') || 'string',
    setValue: value => setFieldValue(injector, element, field, 'type', value),
    getOptions: () => {
      const current = field.get('type');
      const types = fieldTypes(translate);
      return current && !types.some(t => t.value === current)
        ? [ ...types, { value: current, label: translate('{value} (unknown)', { value: current }) } ] : types;
    }
  });
}

function FieldRequired(props) {
  const { element, id, field } = props;
  const injector = useService('injector');
  const translate = useService('translate');
  return h(CheckboxEntry, {
    element, id, label: translate('Required field'),
    getValue: () => field.get('required') === true,
    setValue: value => setFieldValue(injector, element, field, 'required', value ? true : undefined)
  });
}

function fieldItem(element, field, index, fields, injector, translate) {
  const prefix = `am-field-${index}`;
  const entries = [
    { id: `${prefix}-id`, component: FieldText, isEdited: isTextFieldEntryEdited, field, property: 'id',
      label: translate('ID (variable name)'), description: translate('The value is available in the case under this name.'),
      validate: (value, f) => validateFieldId(value, f, fields, translate) },
    { id: `${prefix}-label`, component: FieldText, isEdited: isTextFieldEntryEdited, field, property: 'label',
      label: translate('Label') },
    { id: `${prefix}-type`, component: FieldType, isEdited: isSelectEntryEdited, field },
    { id: `${prefix}-required`, component: FieldRequired, isEdited: isCheckboxEntryEdited, field },
    { id: `${prefix}-options`, component: FieldText, isEdited: isTextFieldEntryEdited, field, property: 'options',
      label: translate('Options'), description: translate('Only for the type Choice: the values, comma-separated.'),
      validate: value => validateOptions(value, field.get('type'), translate) }
  ].map(e => ({ ...e, element }));
  return {
    id: prefix,
    label: field.get('label') || field.get('id') || translate('Field without ID'),
    entries,
    autoFocusEntry: `${prefix}-label`,
    remove: () => removeField(injector, element, field)
  };
}

/** The "Form fields" group for a start event or user task, null for other elements. */
export function formFieldsGroup(element, injector, translate) {
  if (!isAny(element, FORM_TYPES)) return null;
  const fields = formFields(getBusinessObject(element));
  return {
    id: FORM_GROUP_ID,
    label: translate('Form fields'),
    component: ListGroup,
    translate,
    items: fields.map((field, index) => fieldItem(element, field, index, fields, injector, translate)),
    add: event => {
      event.stopPropagation();
      addField(injector, element, translate);
    }
  };
}

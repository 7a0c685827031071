// The type of a decision table column, chosen by its German name. dmn-js's own type field is a text input that shows
// the stored FEEL name ("number") even when its options are translated; this replaces it (same service name, so dmn-js's
// module instantiates this one) with a native select: German names shown, the FEEL name stays the value written into the
// DMN XML (typeRef="number"). A type the list does not know stays selectable under its own name.
import { createVNode, createTextVNode } from 'inferno';
import { Component } from 'inferno';
import { is, isInput, isOutput } from 'dmn-js-shared/lib/util/ModelUtil';

const LOW_PRIORITY = 750;
let selects = 0;

export class GermanTypeRefContextMenu extends Component {
  constructor(props, context) {
    super(props);
    this._translate = context.injector.get('translate');
    this._modeling = context.injector.get('modeling');
    this._dataTypes = context.injector.get('dataTypes');
    this._id = `dmn-typ-${++selects}`;
  }

  getElement() {
    return this.props.context.input || this.props.context.output;
  }

  onChange(value) {
    const element = this.getElement();
    const clause = is(element, 'dmn:LiteralExpression') ? element.$parent : element;
    if (isInput(clause)) this._modeling.updateProperties(clause, { inputExpression: { typeRef: value } });
    else if (isOutput(clause)) this._modeling.updateProperties(clause, { typeRef: value });
  }

  render() {
    const element = this.getElement();
    const typeRef = (is(element, 'dmn:InputClause') ? element.inputExpression : element).typeRef || '';
    const types = this._dataTypes.getAll();
    if (typeRef && !types.includes(typeRef)) types.push(typeRef);
    const options = types.map(t => createVNode(1, 'option', null, this._translate(t), 0, { value: t, selected: t === typeRef }));
    if (!typeRef) options.unshift(createVNode(1, 'option', null, '', 0, { value: '', selected: true }));
    const label = this._translate('Type');
    return createVNode(1, 'div', 'type-ref-edit context-menu-container',
      createVNode(1, 'div', 'dms-form-control', [
        createVNode(1, 'label', 'dms-label', [ label, createTextVNode(':') ], 0, { for: this._id }),
        createVNode(256, 'select', 'dms-select type-ref-edit-select', options, 0, {
          id: this._id,
          value: typeRef,
          onChange: event => this.onChange(event.target.value)
        })
      ], 4), 2);
  }
}

/** Registers the German type select for the column editors' context menu (replaces dmn-js's TypeRefEditingProvider). */
export class GermanTypeRefEditingProvider {
  constructor(components) {
    components.onGetComponent('context-menu', LOW_PRIORITY, (context = {}) => {
      const { contextMenuType } = context;
      if (contextMenuType === 'input-edit' || contextMenuType === 'output-edit') return GermanTypeRefContextMenu;
    });
  }
}
GermanTypeRefEditingProvider.$inject = [ 'components' ];

/** For the decision table view's additionalModules. */
export const GermanTypeSelectModule = { typeRefEditingProvider: [ 'type', GermanTypeRefEditingProvider ] };

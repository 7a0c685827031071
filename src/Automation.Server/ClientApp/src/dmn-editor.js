// Bundle entry → wwwroot/dist/dmn-editor.js, global window.AutomationDmnEditor: dmn-js (requirements diagram, decision
// table, literal expression) with German labels, the German template for a new decision and what the editor page needs
// from the model (the inputs for the test-run form, the file name, whether there are unsaved changes).
import DmnModeler from 'dmn-js/lib/Modeler';
import { GermanDmnTranslateModule, germanLiterals, translateDmn } from './translate-dmn-de.js';
import { GermanTypeSelectModule } from './dmn-type-select.js';
import { newDecisionXml } from './new-decision.js';

/**
 * dmn-js throws its import errors in English; the page shows German. The original goes to the console for whoever
 * looks into it.
 */
export function germanDmnImportError(error) {
  console.error('DMN-Import fehlgeschlagen:', error);
  const message = error && error.message ? String(error.message) : String(error);
  if (/DMN 1\.[12]/.test(message)) {
    return new Error('Die Datei ist im Format DMN 1.1 oder 1.2; der Editor öffnet DMN 1.3. Der Server führt sie trotzdem aus; zum Bearbeiten bitte mit dem Camunda Modeler nach DMN 1.3 umwandeln.', { cause: error });
  }
  return new Error('Die Datei konnte nicht als DMN-Entscheidung gelesen werden (das XML ist fehlerhaft oder kein DMN 1.3).', { cause: error });
}

// A FEEL name, or a path of names (antrag.einkommen): a test-run field can set it; other input expressions are computed.
const NAME_PATH = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

function createApi(modeler) {
  let unsaved = 0;
  const watched = new WeakSet();
  // Each view has its own command stack; every one of them counts towards "unsaved".
  function watchActive() {
    const viewer = modeler.getActiveViewer();
    if (!viewer || watched.has(viewer)) return;
    watched.add(viewer);
    viewer.get('eventBus').on('commandStack.changed', () => { unsaved++; });
  }
  modeler.on('views.changed', watchActive);

  function decisions() {
    const definitions = modeler.getDefinitions();
    return ((definitions && definitions.get('drgElement')) || []).filter(e => e.$type === 'dmn:Decision');
  }

  return {
    modeler,

    /** The model as formatted DMN XML. */
    async getXml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml;
    },

    /** Replaces the model and opens its first decision table (else the first view). */
    async importXml(xml) {
      const result = await modeler.importXML(xml || newDecisionXml()).catch(error => { throw germanDmnImportError(error); });
      const table = modeler.getViews().find(v => v.type === 'decisionTable');
      if (table) await modeler.open(table);
      watchActive();
      unsaved = 0;
      return result.warnings;
    },

    /** The views dmn-js offers ({ type, element: { id, name } }) and the one shown. */
    views() {
      return { views: modeler.getViews(), active: modeler.getActiveView() };
    },

    /** Shows a view (one of views().views). */
    open(view) {
      return modeler.open(view);
    },

    /** Calls listener whenever the views or the shown view change. */
    onViewsChanged(listener) {
      modeler.on('views.changed', listener);
    },

    /** The decisions: id, name and, for a table, its inputs (label, expression, typeRef and its German typeName; settable: a variable name or path). */
    decisions() {
      return decisions().map(d => {
        const logic = d.get('decisionLogic');
        const inputs = logic && logic.$type === 'dmn:DecisionTable' ? (logic.get('input') || []).map(input => {
          const expression = input.get('inputExpression');
          const text = ((expression && expression.get('text')) || '').trim();
          const typeRef = (expression && expression.get('typeRef')) || 'string';
          return { label: input.get('label') || text, expression: text, typeRef, typeName: translateDmn(typeRef), settable: NAME_PATH.test(text) };
        }) : [];
        return { id: d.get('id'), name: d.get('name') || d.get('id'), inputs };
      });
    },

    /** The input data of the requirements diagram (name, typeRef): variables a literal expression may read. */
    inputData() {
      const definitions = modeler.getDefinitions();
      return ((definitions && definitions.get('drgElement')) || []).filter(e => e.$type === 'dmn:InputData').map(e => {
        const variable = e.get('variable');
        const typeRef = (variable && variable.get('typeRef')) || 'string';
        return { label: e.get('name'), expression: e.get('name') || '', typeRef, typeName: translateDmn(typeRef), settable: NAME_PATH.test(e.get('name') || '') };
      });
    },

    /** File name for upload and download: the first decision's id (its key) + .dmn. */
    fileName() {
      const first = decisions()[0];
      return ((first && first.get('id')) || 'entscheidung') + '.dmn';
    },

    /** True when the model changed since it was loaded or last saved. */
    isDirty() {
      return unsaved > 0;
    },

    /** Call when taking the XML to save it; call the returned function once saved (later changes stay unsaved). */
    savedAt() {
      const mark = unsaved;
      return () => { unsaved = Math.max(0, unsaved - mark); };
    }
  };
}

const VIEW_OPTIONS = { additionalModules: [ GermanDmnTranslateModule ] };
const TABLE_OPTIONS = { additionalModules: [ GermanDmnTranslateModule, GermanTypeSelectModule ] };

/** Creates the editor in container with the given DMN XML (a new decision from the German template without). */
async function create(container, xml) {
  // dmn-js gives each view its own options; a module under `common` would be replaced by the view's own list.
  const modeler = new DmnModeler({
    container,
    drd: VIEW_OPTIONS,
    decisionTable: TABLE_OPTIONS,
    literalExpression: VIEW_OPTIONS,
    boxedExpression: VIEW_OPTIONS
  });
  germanLiterals(container);
  const api = createApi(modeler);
  api.warnings = await api.importXml(xml);
  return api;
}

window.AutomationDmnEditor = { create, newDecisionXml };

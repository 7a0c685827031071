// Bundle entry → wwwroot/dist/modeler.js, global window.AutomationModeler.
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import amModdle from './am-moddle.json';
import { AmPropertiesProviderModule } from './am-properties-provider.js';
import { emptyDiagram } from './empty-diagram.js';
import { GermanTranslateModule, germanImportError } from './translate-de.js';
import { bpmnFileName } from './file-name.js';

const MARKER = { error: 'am-diagnostic-error', warning: 'am-diagnostic-warning' };
const OVERLAY_TYPE = 'am-diagnostic';

function normalizeSeverity(severity) {
  const s = String(severity || 'error').toLowerCase();
  return (s.startsWith('warn') || s === 'info' || s === 'information') ? 'warning' : 'error';
}

function createApi(modeler, warnings) {
  const canvas = modeler.get('canvas');
  const overlays = modeler.get('overlays');
  const elementRegistry = modeler.get('elementRegistry');
  let marked = []; // [{ id, marker }]
  // Commands executed, undone or redone since the diagram was loaded or last saved (drafts, publishing).
  let unsaved = 0;
  const changeListeners = [];
  modeler.get('eventBus').on('commandStack.changed', event => {
    if (event.trigger === 'clear') return;
    unsaved++;
    for (const listener of changeListeners) listener();
  });

  function firstProcess() {
    const definitions = modeler.getDefinitions();
    const root = definitions && (definitions.get('rootElements') || []).find(e => e.$type === 'bpmn:Process');
    return root || null;
  }

  function clearDiagnostics() {
    for (const { id, marker } of marked) {
      if (elementRegistry.get(id)) canvas.removeMarker(id, marker);
    }
    marked = [];
    overlays.remove({ type: OVERLAY_TYPE });
  }

  return {
    modeler,
    /** Warnings of the last import (unknown attributes etc.). */
    warnings,

    /** The current diagram as formatted BPMN 2.0 XML. */
    async getXml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml;
    },

    /** Replace the diagram; clears diagnostics. Resolves to the import warnings. */
    async importXml(xml) {
      clearDiagnostics();
      const result = await modeler.importXML(xml || emptyDiagram()).catch(error => { throw germanImportError(error); });
      unsaved = 0;
      canvas.zoom('fit-viewport', 'auto');
      return result.warnings;
    },

    /**
     * Show diagnostics [{ elementId, message, severity: 'error'|'warning' }] on the diagram.
     * Clears earlier ones. Returns the number of diagram elements it could mark.
     */
    showDiagnostics(list) {
      clearDiagnostics();
      const byElement = new Map();
      for (const item of list || []) {
        if (!item || !item.elementId) continue;
        const element = elementRegistry.get(item.elementId);
        if (!element || element.type === 'label') continue;
        if (!byElement.has(element.id)) byElement.set(element.id, []);
        byElement.get(element.id).push({ message: String(item.message ?? ''), severity: normalizeSeverity(item.severity) });
      }
      for (const [id, items] of byElement) {
        const severity = items.some(i => i.severity === 'error') ? 'error' : 'warning';
        canvas.addMarker(id, MARKER[severity]);
        marked.push({ id, marker: MARKER[severity] });

        const box = document.createElement('div');
        box.className = `am-diagnostic-overlay am-diagnostic-overlay-${severity}`;
        box.setAttribute('role', severity === 'error' ? 'alert' : 'status');
        for (const i of items) {
          const line = document.createElement('div');
          line.className = `am-diagnostic-message am-diagnostic-message-${i.severity}`;
          line.textContent = (i.severity === 'error' ? 'Fehler: ' : 'Warnung: ') + i.message; // text only, never HTML
          box.appendChild(line);
        }
        overlays.add(id, OVERLAY_TYPE, { position: { bottom: -4, left: 0 }, html: box });
      }
      return byElement.size;
    },

    clearDiagnostics,

    /** The name of the (first) process, else its id; '' without a process. */
    processName() {
      const process = firstProcess();
      return process ? (process.get('name') || process.get('id') || '') : '';
    },

    /** The BPMN file name for download and upload: a slug of the process name ("Antrag auf Wohngeld" → antrag-auf-wohngeld.bpmn). */
    fileName() {
      const process = firstProcess();
      return bpmnFileName(process && process.get('name'), process && process.get('id'));
    },

    /** True when the diagram changed since it was loaded or since markSaved(). */
    isDirty() {
      return unsaved > 0;
    },

    /**
     * Call when taking the XML to save it; call the returned function once it is saved: changes made while the save
     * was under way stay unsaved.
     */
    savedAt() {
      const mark = unsaved;
      return () => { unsaved = Math.max(0, unsaved - mark); };
    },

    /** Calls listener after every change of the diagram. */
    onChange(listener) {
      changeListeners.push(listener);
    }
  };
}

// The Camunda 7 templates module brings the whole Camunda 7 panel along (implementation, listeners, job settings …);
// the server reads only what the templates and the am: groups write, so that panel stays off and the panel shows what
// it showed before plus the template groups.
const NoCamundaPanelModule = { camundaPlatformPropertiesProvider: [ 'value', {} ] };

/**
 * Creates the modeler in canvasElement with its properties panel in propertiesElement.
 * options.elementTemplates: Camunda 7 element templates (the server's connectors) offered on service tasks.
 */
async function create(canvasElement, propertiesElement, bpmnXml, options) {
  const elementTemplates = (options && options.elementTemplates) || [];
  const modeler = new Modeler({
    container: canvasElement,
    propertiesPanel: { parent: propertiesElement },
    additionalModules: [
      GermanTranslateModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, AmPropertiesProviderModule,
      ElementTemplatesPropertiesProviderModule, NoCamundaPanelModule, ElementTemplateChooserModule
    ],
    moddleExtensions: { am: amModdle, camunda: camundaModdle }
  });
  // A template the loader refuses (it validates against the schema) is left out; the reason goes to the console for
  // whoever maintains the connector. Loaded after listening, so no refusal goes unheard.
  const templateErrors = [];
  modeler.on('elementTemplates.errors', event => {
    templateErrors.push(...event.errors.map(e => String(e.message || e)));
    console.error('Element-Templates abgelehnt:', event.errors);
  });
  modeler.get('elementTemplatesLoader').setTemplates(elementTemplates);
  const { warnings } = await modeler.importXML(bpmnXml || emptyDiagram()).catch(error => { throw germanImportError(error); });
  modeler.get('canvas').zoom('fit-viewport', 'auto');
  const api = createApi(modeler, warnings);
  api.templateErrors = templateErrors;
  return api;
}

window.AutomationModeler = { create, emptyDiagram, bpmnFileName };

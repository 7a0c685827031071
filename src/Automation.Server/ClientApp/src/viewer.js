// Bundle entry → wwwroot/dist/viewer.js, global window.AutomationViewer.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import amModdle from './am-moddle.json';
import { germanImportError } from './translate-de.js';

const viewers = new WeakMap();

function findDiagramFor(definitions, processId) {
  const diagrams = (definitions && definitions.diagrams) || [];
  if (!processId || diagrams.length < 2) return undefined;
  return diagrams.find(d => {
    const root = d.plane && d.plane.bpmnElement;
    if (!root) return false;
    if (root.id === processId) return true;
    return (root.participants || []).some(p => p.processRef && p.processRef.id === processId);
  });
}

/**
 * Show a diagram read-only with state markers.
 * options: { processId, active: [ids], completed: [ids], failed: [ids] } — unknown ids are ignored.
 * Resolves to { viewer, warnings, marked: { active, completed, failed } }.
 */
async function show(containerElement, bpmnXml, options = {}) {
  let viewer = viewers.get(containerElement);
  if (viewer) viewer.destroy();
  viewer = new NavigatedViewer({ container: containerElement, moddleExtensions: { am: amModdle } });
  viewers.set(containerElement, viewer);

  let result;
  try {
    result = await viewer.importXML(bpmnXml);
    const diagram = findDiagramFor(viewer.getDefinitions(), options.processId);
    if (diagram && diagram !== viewer.get('canvas').getRootElement().businessObject?.di) {
      result = await viewer.open(diagram);
    }
  } catch (error) {
    throw germanImportError(error);
  }

  const canvas = viewer.get('canvas');
  const elementRegistry = viewer.get('elementRegistry');
  const marked = {};
  for (const state of [ 'completed', 'active', 'failed' ]) {
    marked[state] = 0;
    for (const id of new Set(options[state] || [])) {
      if (typeof id === 'string' && elementRegistry.get(id)) {
        canvas.addMarker(id, `am-${state}`);
        marked[state]++;
      }
    }
  }
  canvas.zoom('fit-viewport', 'auto');
  return { viewer, warnings: result.warnings || [], marked };
}

window.AutomationViewer = { show };

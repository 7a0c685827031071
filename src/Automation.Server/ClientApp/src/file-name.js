// File names from process names: the modeler's download and the name it sends when it validates or publishes.

const UMLAUTS = { 'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'Ä': 'Ae', 'Ö': 'Oe', 'Ü': 'Ue', 'ß': 'ss' };

/** A lower-case slug of a name, German umlauts spelt out ("Änderung für Straße" → "aenderung-fuer-strasse"); '' when nothing is left. */
export function slug(name) {
  return String(name ?? '')
    .replace(/[äöüÄÖÜß]/g, c => UMLAUTS[c])
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The BPMN file name for a process: slug of its name, else of its id, else "neuer-prozess". */
export function bpmnFileName(processName, processId) {
  return (slug(processName) || slug(processId) || 'neuer-prozess') + '.bpmn';
}

// Commands that add am:* elements under a BPMN element's bpmn:extensionElements; shared by the panel groups.

/**
 * The element's bpmn:extensionElements; when missing, creates it and appends the command that attaches it to
 * `commands` (one undo step with whatever follows).
 */
export function ensureExtensionElements(bpmnFactory, element, bo, commands) {
  let extensionElements = bo.get('extensionElements');
  if (!extensionElements) {
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = bo;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements } } });
  }
  return extensionElements;
}

/** Appends to `commands` the command that adds `child` to the extension elements. */
export function appendExtension(element, extensionElements, child, commands) {
  child.$parent = extensionElements;
  commands.push({
    cmd: 'element.updateModdleProperties',
    context: { element, moddleElement: extensionElements, properties: { values: [ ...extensionElements.get('values'), child ] } }
  });
}

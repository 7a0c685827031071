// German import errors (src/translate-de.js): bpmn-js throws its import errors in English without asking the translate
// service; the viewer and the modeler hand them through germanImportError.
import test from 'node:test';
import assert from 'node:assert/strict';
import { germanImportError } from '../src/translate-de.js';

const ENGLISH = /\b(no|diagram|display|not|part|of|process|collaboration|to|the|failed|unparsable|content|detected|error)\b/i;

test('a file without diagram information (no DI) is explained in German', () => {
  const german = germanImportError(new Error('no diagram to display'));
  assert.match(german.message, /kein Diagramm/);
  assert.doesNotMatch(german.message, ENGLISH);
  assert.equal(german.cause.message, 'no diagram to display');
});

test('every other import error of bpmn-js reads German too, never the English original', () => {
  const original = console.error;
  console.error = () => {};
  try {
    for (const message of [ 'diagram not part of <bpmn:Definitions />', 'no process or collaboration to display',
      'unparsable content <bpmn:foo> detected', 'failed to parse document as <bpmn:Definitions>' ]) {
      const german = germanImportError(new Error(message));
      assert.doesNotMatch(german.message, ENGLISH, message);
      assert.ok(german.message.length > 20, message);
    }
    assert.doesNotMatch(germanImportError('no diagram to display').message, ENGLISH);
  } finally {
    console.error = original;
  }
});

// German labels of the decision editor (src/translate-dmn-de.js): every template dmn-js 17 passes to its translate service
// in the views the editor shows has a German entry, and placeholders survive.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GERMAN_DMN, translateDmn } from '../src/translate-dmn-de.js';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');

// The literal templates in the code of the views the editor shows (boxed expressions and test fixtures left out).
function templatesOf(dir) {
  const found = new Set();
  const walk = d => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/translate\(\s*'([^']+)'/g)) found.add(m[1]);
      }
    }
  };
  walk(dir);
  return found;
}

test('every template of the decision table and the requirements diagram has German', () => {
  const missing = [];
  for (const pkg of [ 'dmn-js-decision-table', 'dmn-js-drd', 'dmn-js-literal-expression' ]) {
    for (const template of templatesOf(path.join(modules, pkg, 'lib'))) {
      // Examples dmn-js shows as placeholders are FEEL, not language.
      if (/^(HELLO|e\.g\.|"value"|\\"value)/.test(template)) continue;
      if (!Object.prototype.hasOwnProperty.call(GERMAN_DMN, template)) missing.push(`${pkg}: ${template}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('placeholders are filled in and unknown templates pass through', () => {
  assert.equal(translateDmn('Expression language: {expressionLanguageLabel}', { expressionLanguageLabel: 'FEEL' }), 'Ausdruckssprache: FEEL');
  assert.equal(translateDmn('Hit policy'), 'Trefferrichtlinie');
  assert.equal(translateDmn('Something new {x}', { x: 1 }), 'Something new 1');
});

test('the drag-handle titles dmn-js writes past its translate service are the ones the editor replaces', () => {
  const source = fs.readFileSync(path.join(modules, 'dmn-js-decision-table', 'lib', 'features', 'drag-and-drop', 'DragAndDrop.js'), 'utf8');
  assert.match(source, /`Move \$\{isInput\(col\) \? 'Input' : 'Output'\s*\}`/);
  assert.equal(translateDmn('Move Input'), 'Eingabe verschieben');
  assert.equal(translateDmn('Move Output'), 'Ausgabe verschieben');
});

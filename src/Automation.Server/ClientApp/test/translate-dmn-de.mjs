// German labels of the decision editor (src/translate-dmn-de.js): every template dmn-js 17 passes to its translate service
// in the views the editor shows has a German entry, and placeholders survive.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GERMAN_DMN, GERMAN_TYPE_NAMES, PAST_TRANSLATE, translateDmn } from '../src/translate-dmn-de.js';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');

// The literal templates in the code of the views the editor shows (boxed expressions left out), placeholders included.
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

const source = (...parts) => fs.readFileSync(path.join(modules, ...parts), 'utf8');

test('every data type dmn-js offers is shown by a German name', () => {
  const defaults = source('dmn-js-shared', 'lib', 'features', 'data-types', 'DefaultDataTypesProvider.js');
  const types = [ ...defaults.match(/DEFAULT_DATA_TYPES = \[([^\]]+)\]/)[1].matchAll(/'([^']+)'/g) ].map(m => m[1]);
  assert.ok(types.includes('number') && types.includes('string'), `data types read from dmn-js: ${types}`);
  for (const type of types) {
    assert.ok(Object.prototype.hasOwnProperty.call(GERMAN_TYPE_NAMES, type), `no German name for ${type}`);
    assert.notEqual(translateDmn(type), type);
  }
  assert.equal(translateDmn('number'), 'Zahl');
  assert.equal(translateDmn('string'), 'Text');
  assert.equal(translateDmn('boolean'), 'Wahrheitswert');
  assert.equal(translateDmn('date'), 'Datum');
});

test('the table head and the type select pass the FEEL type through translate, so the German name is what they show', () => {
  for (const cell of [ 'InputCell.js', 'OutputCell.js' ]) {
    assert.match(source('dmn-js-decision-table', 'lib', 'features', 'decision-table-head', 'editor', 'components', cell), /this\._translate\((inputExpression\.)?typeRef \|\| ''\)/);
  }
  // The editor replaces dmn-js's type field by registering its select under dmn-js's service name.
  assert.match(source('dmn-js-decision-table', 'lib', 'features', 'type-ref', 'index.js'), /typeRefEditingProvider: \['type', TypeRefEditingProvider\]/);
});

test('hit policies and the messages dmn-js checks values with have German', () => {
  const labels = [ ...source('dmn-js-decision-table', 'lib', 'features', 'hit-policy', 'HitPolicies.js').matchAll(/(label|explanation): '([^']+)'/g) ].map(m => m[2]);
  const messages = [
    ...[ ...source('dmn-js-decision-table', 'lib', 'features', 'simple-duration-edit', 'components', 'DurationInput.js').matchAll(/Duration: '([^']+)'/g) ].map(m => m[1]),
    ...[ 'simple-date-edit', 'simple-time-edit', 'simple-date-time-edit' ].flatMap(f =>
      [ ...source('dmn-js-decision-table', 'lib', 'features', f, 'Utils.js').matchAll(/return '([^']+)'/g) ].map(m => m[1])),
    ...[ ...source('dmn-js-shared', 'lib', 'util', 'IdsUtil.js').matchAll(/return '([^']+)'/g) ].map(m => m[1])
  ];
  assert.ok(labels.length >= 22 && messages.length >= 10, `${labels.length} labels, ${messages.length} messages`);
  const missing = [ ...labels, ...messages ].filter(t => !Object.prototype.hasOwnProperty.call(GERMAN_DMN, t));
  assert.deepEqual(missing, []);
});

test('the texts dmn-js writes past its translate service are still in dmn-js and have German', () => {
  const all = [ 'dmn-js-decision-table', 'dmn-js-shared', 'dmn-js-drd' ].map(pkg => {
    let text = '';
    const walk = d => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.js')) text += fs.readFileSync(full, 'utf8');
      }
    };
    walk(path.join(modules, pkg, 'lib'));
    return text;
  }).join('\n');
  for (const text of [ ...PAST_TRANSLATE.attributes, ...PAST_TRANSLATE.headings ]) {
    if (!text.startsWith('Move ')) assert.ok(all.includes(`"${text}"`) || all.includes(`'${text}`) || all.includes(`title="${text}"`), `dmn-js no longer writes "${text}"`);
    assert.notEqual(translateDmn(text), text);
  }
});

// The am: extension's panel code (src/am-properties-provider.js, src/am-form-fields.js) writes English templates and
// asks the translate service; the German lives in src/translate-de.js only. Checked on the source text, because the
// panel modules import the browser bundle's packages and do not load in node.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { GERMAN } from '../src/translate-de.js';

const PANEL_FILES = [ 'am-properties-provider.js', 'am-form-fields.js' ];
const read = file => fs.readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');

/**
 * The string literals of a source text ('…', "…", `…` with its ${…} text), comments skipped, each with the code just
 * before it. Regular expression literals are read as code; neither panel file has a quote inside one.
 */
export function stringLiterals(source) {
  const found = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') { i = source.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '/' && source[i + 1] === '*') { i = source.indexOf('*/', i + 2) + 2; if (i < 2) break; continue; }
    if (c === '\'' || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      found.push({ text: source.slice(i + 1, j), before: source.slice(Math.max(0, i - 40), i) });
      i = j + 1;
      continue;
    }
    i++;
  }
  return found;
}

const wordsOf = text => (text.toLowerCase().match(/[a-zäöüß]+/g) || []);

// German words: those of the dictionary's German side that its English side never uses (so "Name", "Text", "Signal"
// stay free), from three letters on, plus short everyday words the dictionary may happen not to hold.
const englishWords = new Set(Object.keys(GERMAN).flatMap(wordsOf));
const GERMAN_WORDS = new Set([
  ...Object.values(GERMAN).flatMap(wordsOf).filter(w => w.length >= 3 && !englishWords.has(w)),
  'und', 'oder', 'der', 'die', 'das', 'des', 'dem', 'den', 'ein', 'eine', 'einen', 'nicht', 'kein', 'keine', 'mit',
  'bei', 'nur', 'von', 'auf', 'ist', 'sind', 'wird', 'bitte', 'neu', 'neues', 'neue', 'feld', 'wert'
]);

/**
 * The literals of a panel source that read German: a letter ä ö ü ß, or a German word. A literal right after "value:"
 * is exempt: it is a value of the am: vocabulary written to the XML (payLevel "einfach", …), not a shown text.
 */
export function germanLiterals(source) {
  return stringLiterals(source)
    .filter(l => !/\bvalue:\s*$/.test(l.before))
    .filter(l => /[äöüßÄÖÜ]/.test(l.text) || wordsOf(l.text).some(w => GERMAN_WORDS.has(w)))
    .map(l => l.text);
}

/** Every translate(…) call of a source: its template when the first argument is a literal, else null. */
export function translateCalls(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [ ...code.matchAll(/\btranslate\(\s*(?:'((?:[^'\\]|\\.)*)'|(.))/g) ].map(m => (m[1] !== undefined ? m[1] : null));
}

const placeholders = text => [ ...text.matchAll(/{([^}]+)}/g) ].map(m => m[1]).sort();

test('no literal of the panel code reads German: the German is in translate-de.js', () => {
  for (const file of PANEL_FILES) assert.deepEqual(germanLiterals(read(file)), [], file);
});

test('a planted German literal is found, with or without umlauts', () => {
  const source = read('am-properties-provider.js');
  for (const planted of [ '\'Größe\'', '"Pflichtfeld"', '`${n} Einträge`', '\'Beschriftung des Feldes\'',
    '\'Bitte wählen\'', '\'Neues Feld\'', '\'Wert und Einheit\'' ]) {
    assert.equal(germanLiterals(`${source}\nconst planted = ${planted};\n`).length, 1, planted);
  }
  // the exemption holds for the am: vocabulary only, and comments are not literals
  assert.deepEqual(germanLiterals('const o = { value: \'einfach\', label: \'einfach\' }; // Größe'), [ 'einfach' ]);
});

test('the English templates of the panel are not read as German', () => {
  assert.deepEqual(germanLiterals('translate(\'Required field\'); translate(\'Another field of this element already has the ID “{id}”.\');'), []);
});

test('every template the panel passes to translate has German, with the same placeholders', () => {
  let templates = 0;
  for (const file of PANEL_FILES) {
    for (const template of translateCalls(read(file))) {
      assert.notEqual(template, null, `${file}: translate is called with something other than a literal template`);
      assert.ok(Object.prototype.hasOwnProperty.call(GERMAN, template), `${file}: no German for "${template}"`);
      assert.deepEqual(placeholders(GERMAN[template]), placeholders(template), template);
      templates++;
    }
  }
  // the panel's labels, options and messages (about 80); a scan that finds none would prove nothing
  assert.ok(templates >= 70, `only ${templates} templates found`);
});

test('a template without German, or a translate call the scan cannot read, is found', () => {
  assert.deepEqual(translateCalls('translate(\'Grade of service\'); translate(name); translate( \'it\\\'s\', { a: 1 });'),
    [ 'Grade of service', null, 'it\\\'s' ]);
  assert.equal(Object.prototype.hasOwnProperty.call(GERMAN, 'Grade of service'), false);
});

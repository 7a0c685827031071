// File names from process names (src/file-name.js): umlauts spelt out, everything else reduced to a-z0-9 and dashes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { slug, bpmnFileName } from '../src/file-name.js';

test('umlauts and ß are spelt out, punctuation becomes single dashes', () => {
  assert.equal(slug('Änderung der Straße'), 'aenderung-der-strasse');
  assert.equal(slug('  Antrag auf Wohngeld (§ 3 WoGG) – Erstantrag! '), 'antrag-auf-wohngeld-3-wogg-erstantrag');
  assert.equal(slug('Café Übergabe'), 'cafe-uebergabe');
});

test('the file name falls back to the process id, then to neuer-prozess', () => {
  assert.equal(bpmnFileName('Urlaubsantrag', 'urlaubsantrag'), 'urlaubsantrag.bpmn');
  assert.equal(bpmnFileName('', 'Process_1x'), 'process-1x.bpmn');
  assert.equal(bpmnFileName('***', undefined), 'neuer-prozess.bpmn');
});

test('a long name is cut at 80 characters without a trailing dash', () => {
  const name = bpmnFileName('a'.repeat(79) + ' b');
  assert.equal(name, 'a'.repeat(79) + '.bpmn');
});

test('no path or markup survives', () => {
  assert.equal(slug('../../etc/passwd'), 'etc-passwd');
  assert.equal(slug('<script>alert(1)</script>'), 'script-alert-1-script');
});

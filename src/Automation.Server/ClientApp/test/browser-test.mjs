// Browser check of the bundles in wwwroot/dist (built by `dotnet build`), run by `npm test` (scripts/test.sh) with
// playwright-core (a dev dependency; it downloads no browser) and Debian's chromium at /usr/bin/chromium.
// Serves wwwroot/dist, workflows/ and test/pages with a strict CSP (CSP env var overrides) and drives the pages.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const dist = path.resolve(here, '../../wwwroot/dist');
const shots = process.env.SHOTS || '/tmp/clientapp-shots';
fs.mkdirSync(shots, { recursive: true });

const CSP = process.env.CSP ?? "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.bpmn': 'application/xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.svg': 'image/svg+xml', '.map': 'application/json' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let file;
  if (url.pathname.startsWith('/dist/')) file = path.join(dist, url.pathname.slice(6));
  else if (url.pathname.startsWith('/workflows/')) file = path.join(repo, 'workflows', path.basename(url.pathname));
  else if (url.pathname.startsWith('/test/')) file = path.join(here, 'pages', path.basename(url.pathname));
  else file = path.join(here, 'pages', path.basename(url.pathname));
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
  const headers = { 'content-type': types[path.extname(file)] || 'application/octet-stream' };
  if (CSP) headers['content-security-policy'] = CSP;
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: [ '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run' ] });
const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
const consoleErrors = [];
page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', e => consoleErrors.push(String(e)));
await page.addInitScript({ path: path.join(here, 'pages', 'common.js') });

const amTags = s => (s.match(/<am:[^>]*>/g) || []).map(t => t.replace(/\s+/g, ' ').replace(/ ?\/>$/, '/>'));

async function openModeler(file) {
  await page.goto(`${base}/modeler.html${file ? '?file=' + file : ''}`);
  await page.waitForFunction(() => window.ready || window.loadError);
  const err = await page.evaluate(() => window.loadError);
  assert.equal(err, undefined, err);
}

async function selectAndOpenGroup(elementId) {
  await page.click(`.djs-element[data-element-id="${elementId}"]`, { position: { x: 10, y: 10 } });
  const header = page.locator('.bio-properties-panel-group-header', { hasText: 'Aufwand und Automatisierung' });
  await header.waitFor();
  if (!(await header.getAttribute('class')).includes('open')) await header.click();
  await page.locator('#bio-properties-panel-am-occupation').waitFor();
}

// ---- modeler: edit an existing am:effort occupation ---------------------------------------------
for (const file of [ 'gewerbeanmeldung.bpmn', 'wohngeldantrag.bpmn' ]) {
  const t0 = Date.now();
  await openModeler(file);
  const original = fs.readFileSync(path.join(repo, 'workflows', file), 'utf8');
  const m = [ ...original.matchAll(/<bpmn:(?:userTask|manualTask|task) id="([^"]+)"[^>]*>\s*<bpmn:extensionElements>(?:(?!<\/bpmn:extensionElements>)[\s\S])*?occupation="(\d{5})"/g) ]
    .sort((a, b) => (b[2] === '73203') - (a[2] === '73203')).find(x => x[2] !== '73202');
  const [ , taskId, occupation ] = m;
  await selectAndOpenGroup(taskId);
  const input = page.locator('#bio-properties-panel-am-occupation');
  assert.equal(await input.inputValue(), occupation, 'occupation shown');
  assert.equal(await input.getAttribute('name'), 'am-occupation');
  // the other entries
  const vals = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-group-id="group-am-effort-automation"] input, [data-group-id="group-am-effort-automation"] select')]
    .map(e => [ e.name, e.type === 'checkbox' ? e.checked : e.value ])));
  console.log(file, taskId, JSON.stringify(vals));

  await input.fill('7320');
  await page.locator('[data-entry-id="am-occupation"] .bio-properties-panel-error').waitFor();
  const msg = await page.locator('[data-entry-id="am-occupation"] .bio-properties-panel-error').textContent();
  await input.fill(occupation); // back to the stored value: message must go away
  await page.waitForTimeout(800);
  assert.equal(await page.locator('[data-entry-id="am-occupation"] .bio-properties-panel-error').count(), 0);
  await input.fill('7320x');
  await page.locator('[data-entry-id="am-occupation"] .bio-properties-panel-error').waitFor();
  await input.fill('73202');
  await page.waitForTimeout(800); // debounce 600 ms
  assert.equal(await page.locator('[data-entry-id="am-occupation"] .bio-properties-panel-error').count(), 0);

  const xml = await page.evaluate(() => window.api.getXml());
  const before = amTags(original), after = amTags(xml);
  assert.equal(after.length, before.length, 'same number of am: elements');
  const changed = before.map((t, i) => [ t, after[i] ]).filter(([ a, b ]) => a !== b);
  assert.equal(changed.length, 1, JSON.stringify(changed));
  assert.equal(changed[0][1], changed[0][0].replace(`occupation="${occupation}"`, 'occupation="73202"'));
  console.log(`modeler ${file}: ${taskId} occupation ${occupation} → 73202, validation "${msg}", ${before.length} am: elements kept, ${Date.now() - t0} ms`);

  const count = await page.evaluate(id => window.api.showDiagnostics([
    { elementId: id, message: '<img src=x onerror=alert(1)> Berufskennziffer prüfen', severity: 'error' },
    { elementId: id, message: 'zweite Meldung', severity: 'Warning' },
    { elementId: 'Gibt_Es_Nicht', message: 'x', severity: 'error' },
    { elementId: null, message: 'ohne Element', severity: 'error' }
  ]), taskId);
  assert.equal(count, 1);
  assert.equal(await page.locator('.am-diagnostic-overlay img').count(), 0, 'message rendered as text');
  assert.ok((await page.locator('.am-diagnostic-overlay').textContent()).includes('<img src=x'));
  assert.equal(await page.locator(`.djs-element.am-diagnostic-error[data-element-id="${taskId}"]`).count(), 1);
  await page.screenshot({ path: path.join(shots, `modeler-${file}.png`) });
  const count2 = await page.evaluate(() => window.api.showDiagnostics([]));
  assert.equal(count2, 0);
  assert.equal(await page.locator('.am-diagnostic-overlay').count(), 0);
  assert.equal(await page.locator('.am-diagnostic-error').count(), 0);
}

// ---- modeler: empty diagram, create am: elements from scratch, undo ---------------------------
await openModeler(null);
await selectAndOpenGroup('Task_Bearbeiten');
await page.locator('#bio-properties-panel-am-occupation').fill('73203');
await page.selectOption('#bio-properties-panel-am-activity', '5');
await page.selectOption('#bio-properties-panel-am-payLevel', 'gehoben');
await page.selectOption('#bio-properties-panel-am-complexity', 'medium');
await page.selectOption('#bio-properties-panel-am-automationLevel', 'assistive');
await page.locator('#bio-properties-panel-am-ai').check();
await page.locator('#bio-properties-panel-am-printedPages').fill('3');
await page.locator('#bio-properties-panel-am-letters').fill('1');
await page.locator('#bio-properties-panel-am-citizenTrips').fill('0');
await page.locator('#bio-properties-panel-am-role').fill('buergerservice');
await page.waitForTimeout(800);
let xml = await page.evaluate(() => window.api.getXml());
const tags = amTags(xml);
console.log('empty diagram after edits:', tags.join(' '));
assert.ok(tags.includes('<am:role name="buergerservice"/>'));
assert.ok(tags.some(t => /^<am:effort /.test(t) && t.includes('activity="5"') && t.includes('complexity="medium"') && t.includes('payLevel="gehoben"') && t.includes('occupation="73203"')));
assert.ok(tags.includes('<am:footprint printedPages="3" letters="1" citizenTrips="0"/>'));
assert.ok(tags.includes('<am:automation level="assistive" ai="true"/>'));
assert.ok(/isExecutable="true"/.test(xml) && /xmlns:am="urn:automation:bpmn:1"/.test(xml));
await page.selectOption('#bio-properties-panel-am-activity', '');
await page.waitForTimeout(100);
xml = await page.evaluate(() => window.api.getXml());
assert.ok(!/activity="5"/.test(xml), 'empty selection removes attribute');
await page.evaluate(() => window.api.modeler.get('commandStack').undo());
xml = await page.evaluate(() => window.api.getXml());
assert.ok(/activity="5"/.test(xml), 'undo restores');
await page.screenshot({ path: path.join(shots, 'modeler-empty.png') });
// no group for non-tasks
await page.click('.djs-element[data-element-id="Start_Eingang"]');
await page.waitForTimeout(200);
assert.equal(await page.locator('.bio-properties-panel-group-header', { hasText: 'Aufwand und Automatisierung' }).count(), 0);

// multi-selection → align popup (its icons carry style="" attributes, see markers.css)
await page.evaluate(() => {
  const m = window.api.modeler; const reg = m.get('elementRegistry');
  m.get('selection').select([ reg.get('Start_Eingang'), reg.get('Task_Bearbeiten'), reg.get('End_Erledigt') ]);
  const c = m.get('contextPad'); c.open([ reg.get('Start_Eingang'), reg.get('Task_Bearbeiten'), reg.get('End_Erledigt') ]);
});
const alignEntry = page.locator('.djs-context-pad .entry[data-action="align-elements"]');
if (await alignEntry.count()) {
  await alignEntry.click();
  await page.locator('[data-popup="align-elements"] .djs-popup-entry-icon svg').first().waitFor();
  const rectFill = await page.evaluate(() => getComputedStyle(document.querySelector('[data-popup="align-elements"] .djs-popup-entry-icon svg rect')).fill);
  console.log('align popup icon rect fill:', rectFill);
  await page.screenshot({ path: path.join(shots, 'modeler-align-popup.png') });
  await page.keyboard.press('Escape');
}
const panelHeight = await page.evaluate(() => [ document.querySelector('.bio-properties-panel-container').getBoundingClientRect().height, document.getElementById('properties').getBoundingClientRect().height ]);
console.log('properties panel container height vs parent:', JSON.stringify(panelHeight));
const modelerViolations = await page.evaluate(() => window.cspViolations);
console.log('CSP violations on the modeler page:', modelerViolations.length, JSON.stringify([...new Set(modelerViolations.map(v => v.directive + ' ' + v.blocked + ' ' + v.target))]));

// ---- viewer -------------------------------------------------------------------------------
await page.goto(`${base}/viewer.html`);
await page.waitForFunction(() => window.ready);
let r = await page.evaluate(() => window.showFile('wohngeldantrag.bpmn', {
  processId: 'wohngeldantrag',
  completed: [ 'Start_Antrag', 'Flow_01', 'Task_EingangBestaetigen', 'Flow_02', 'Gateway_Wiedervorlage', 'Flow_10', 'Task_VollstaendigkeitPruefen' ],
  active: [ 'Task_EinkommenPruefen', 'Unbekannt_1' ],
  failed: [ 'Task_WohngeldBerechnen', 42, null ]
}));
assert.deepEqual(r.marked, { completed: 7, active: 1, failed: 1 });
assert.equal(await page.locator('.djs-element.am-active[data-element-id="Task_EinkommenPruefen"]').count(), 1);
const stroke = await page.evaluate(() => getComputedStyle(document.querySelector('.djs-element.am-active[data-element-id="Task_EinkommenPruefen"] .djs-visual > :first-child')).stroke);
assert.equal(stroke, 'rgb(11, 92, 173)');
await page.screenshot({ path: path.join(shots, 'viewer-wohngeldantrag.png') });
r = await page.evaluate(() => window.showFile('anwohnerparkausweis.bpmn', { processId: 'gebuehr-erheben', active: [], completed: [] }));
console.log('viewer multi-pool:', JSON.stringify(r));
await page.screenshot({ path: path.join(shots, 'viewer-anwohnerparkausweis.png') });

const violations = await page.evaluate(() => window.cspViolations);
console.log('CSP:', CSP || '(none)');
console.log('CSP violations on the last page:', JSON.stringify(violations, null, 1).slice(0, 2000));
console.log('console errors:', JSON.stringify(consoleErrors, null, 1).slice(0, 3000));
await browser.close();
server.close();
console.log('browser test passed; screenshots in', shots);

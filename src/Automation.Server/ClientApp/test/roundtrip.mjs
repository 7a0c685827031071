// Round-trip check of the am: moddle descriptor over the given files, or over every workflows/*.bpmn of the repository
// (as `npm test` runs it): node test/roundtrip.mjs [file.bpmn ...]
import { BpmnModdle } from 'bpmn-moddle';
import fs from 'fs';
import path from 'node:path';
const am = JSON.parse(fs.readFileSync(new URL('../src/am-moddle.json', import.meta.url)));
const moddle = new BpmnModdle({ am });
let bad = 0;
const amTags = s => (s.match(/<am:[^>]*>/g) || []).map(t => t.replace(/\s+/g,' ').replace(/ ?\/>$/,'/>')).sort();
const amAttrs = s => (s.match(/ am:[a-zA-Z]+="[^"]*"/g) || []).sort();
const workflows = new URL('../../../../workflows/', import.meta.url);
const files = process.argv.length > 2 ? process.argv.slice(2)
  : fs.readdirSync(workflows).filter(f => f.endsWith('.bpmn')).map(f => path.join(workflows.pathname, f));
if (files.length === 0) { console.log('no BPMN files to check'); process.exit(1); }
for (const f of files) {
  const xml = fs.readFileSync(f, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const { xml: out } = await moddle.toXML(rootElement, { format: true });
  const a = amTags(xml), b = amTags(out);
  const same = JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(amAttrs(xml)) === JSON.stringify(amAttrs(out));
  if (!same) { bad++; console.log('DIFF', f); for (let i=0;i<Math.max(a.length,b.length);i++) if (a[i]!==b[i]) { console.log(' in :', a[i]); console.log(' out:', b[i]); break; } }
  console.log(f.split('/').pop(), 'am elements', a.length, 'warnings', warnings.length, warnings.slice(0,2).map(w=>w.message), same ? 'OK' : 'CHANGED');
}
process.exit(bad ? 1 : 0);

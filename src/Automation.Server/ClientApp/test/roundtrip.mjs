// Round-trip check of the am: moddle descriptor: node test/roundtrip.mjs ../../../workflows/*.bpmn
import { BpmnModdle } from 'bpmn-moddle';
import fs from 'fs';
const am = JSON.parse(fs.readFileSync(new URL('../src/am-moddle.json', import.meta.url)));
const moddle = new BpmnModdle({ am });
let bad = 0;
const amTags = s => (s.match(/<am:[^>]*>/g) || []).map(t => t.replace(/\s+/g,' ').replace(/ ?\/>$/,'/>')).sort();
const amAttrs = s => (s.match(/ am:[a-zA-Z]+="[^"]*"/g) || []).sort();
for (const f of process.argv.slice(2)) {
  const xml = fs.readFileSync(f, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const { xml: out } = await moddle.toXML(rootElement, { format: true });
  const a = amTags(xml), b = amTags(out);
  const same = JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(amAttrs(xml)) === JSON.stringify(amAttrs(out));
  if (!same) { bad++; console.log('DIFF', f); for (let i=0;i<Math.max(a.length,b.length);i++) if (a[i]!==b[i]) { console.log(' in :', a[i]); console.log(' out:', b[i]); break; } }
  console.log(f.split('/').pop(), 'am elements', a.length, 'warnings', warnings.length, warnings.slice(0,2).map(w=>w.message), same ? 'OK' : 'CHANGED');
}
process.exit(bad ? 1 : 0);

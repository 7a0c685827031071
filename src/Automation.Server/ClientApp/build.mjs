// Bundles the modeler, the viewer, the decision editor and their CSS into ../wwwroot/dist (run by `npm run build`,
// which the MSBuild targets in clientapp.targets call when sources are newer than the outputs).
import * as esbuild from 'esbuild';
import { rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '..', 'wwwroot', 'dist');
const started = Date.now();

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: {
    modeler: 'src/modeler.js',
    viewer: 'src/viewer.js',
    automation: 'src/automation.css',
    'dmn-editor': 'src/dmn-editor.js',
    'dmn-editor-styles': 'src/dmn-editor.css'
  },
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  target: [ 'es2020', 'chrome100', 'firefox100', 'safari15' ],
  sourcemap: 'linked',
  legalComments: 'linked',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning'
});

for (const [file, info] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.map')) continue;
  console.log(`  ${path.relative(here, path.resolve(here, file)).padEnd(48)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(`client bundles written to ${outdir} in ${Date.now() - started} ms`);

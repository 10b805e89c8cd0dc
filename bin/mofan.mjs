#!/usr/bin/env node
// The `mofan` command. It runs the TypeScript command line as one JavaScript bundle made by esbuild
// and kept under node_modules/.cache (remade whenever a source changes): this starts faster than
// compiling through tsx's loader and runs without its per-closure naming. Where no bundle can be
// made, tsx's loader runs the sources directly.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT, cachedBundle } from '../scripts/lib/bundle-cache.mjs';

let cli;
try {
  const bundle = cachedBundle('cli', 'scripts/cli.ts', {
    format: 'esm',
    // each command's code loads when it runs (exceljs alone takes a third of a second)
    splitting: true,
    // packages load from node_modules, but zod (ESM, loaded by every command for the scheme) is
    // bundled: it loads in half the time from one file as from its many modules
    external: Object.keys(JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).dependencies).filter((p) => p !== 'zod'),
    // the sources find the project's files from scripts/lib (the bundle lives elsewhere)
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(`${ROOT}/scripts/lib/bundled.ts`).href) },
  });
  if (bundle.path) cli = await import(pathToFileURL(bundle.path).href);
} catch {
  cli = undefined;
}
if (!cli) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../scripts/cli.ts');
}
cli.removeTempFilesOnSignal();
process.exitCode = await cli.run(process.argv.slice(2));

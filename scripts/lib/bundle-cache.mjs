// Bundles of the TypeScript sources made by esbuild (tsx's own compiler) and kept under
// node_modules/.cache/mofan/<name>/ with the size and time of every file they were made from:
// made again as soon as any of them changes, so a bundle is never stale. Plain JavaScript, so
// bin/mofan.mjs can use it before any TypeScript runs.
import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'mofan');

function stamp(file) {
  const s = statSync(join(ROOT, file), { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}

/**
 * The bundle `name` of `entry` (a path from the root) with esbuild `options` (code splitting
 * allowed): the entry's text, and its path when the bundle could be kept (not in a read-only install).
 */
export function cachedBundle(name, entry, options) {
  const dir = join(CACHE, name);
  const ext = options.format === 'cjs' ? '.cjs' : '.mjs';
  const main = join(dir, `${basename(entry).replace(/\.[^.]+$/, '')}${ext}`);
  const manifest = join(dir, 'inputs.json');
  const key = JSON.stringify({ entry, options });
  try {
    const kept = JSON.parse(readFileSync(manifest, 'utf8'));
    if (kept.key === key && Object.entries(kept.inputs).every(([file, was]) => stamp(file) === was)) return { text: readFileSync(main, 'utf8'), path: main };
  } catch {
    // nothing kept yet, or something unreadable: make it
  }
  const result = buildSync({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outdir: dir,
    outExtension: { '.js': ext },
    write: false,
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'error',
    ...options,
  });
  const text = result.outputFiles.find((f) => f.path === main)?.text ?? '';
  try {
    // a fresh folder under another name, then swapped in: a reader never sees half a bundle
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    for (const f of result.outputFiles) writeFileSync(join(tmp, f.path.slice(dir.length + 1)), f.contents);
    writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({ key, inputs: Object.fromEntries(Object.keys(result.metafile.inputs).map((f) => [f, stamp(f)])) }));
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return { text, path: main };
  } catch {
    return { text, path: undefined };
  }
}

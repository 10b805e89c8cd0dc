// Bundles of the TypeScript sources made by esbuild (tsx's own compiler) and kept under
// node_modules/.cache/mofan/<name>/ with the size and time of every file they were made from:
// made again as soon as any of them changes, so a bundle is never stale. Each build goes to a
// folder named by its content and is never changed or removed while it may run (commands running
// side by side may build at once); `current.json` names the one to use. Plain JavaScript, so
// bin/mofan.mjs can use it before any TypeScript runs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'mofan');
/** builds older than this are removed when a new one is made */
const KEEP_MS = 24 * 3600 * 1000;

function stamp(file) {
  const s = statSync(join(ROOT, file), { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}

function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * The bundle `name` of `entry` (a path from the root) with esbuild `options` (code splitting
 * allowed): the entry's text, and its path when the bundle could be kept (not in a read-only install).
 */
export function cachedBundle(name, entry, options) {
  const home = join(CACHE, name);
  const current = join(home, 'current.json');
  const key = JSON.stringify({ entry, options });
  const ext = options.format === 'cjs' ? '.cjs' : '.mjs';
  const main = `${basename(entry).replace(/\.[^.]+$/, '')}${ext}`;
  try {
    const kept = JSON.parse(readFileSync(current, 'utf8'));
    if (kept.key === key && Object.entries(kept.inputs).every(([file, was]) => stamp(file) === was)) {
      const path = join(home, kept.build, main);
      return { text: readFileSync(path, 'utf8'), path };
    }
  } catch {
    // nothing kept yet, or something unreadable: make it
  }
  const staging = join(home, `staging-${process.pid}`);
  // esbuild loads only when a bundle is made: most commands find theirs kept (it takes ~50 ms to load)
  const { buildSync } = createRequire(import.meta.url)('esbuild');
  const result = buildSync({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outdir: staging,
    outExtension: { '.js': ext },
    write: false,
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'error',
    ...options,
  });
  const hash = createHash('sha256');
  for (const f of result.outputFiles) hash.update(f.path.slice(staging.length)).update(f.contents);
  const build = hash.digest('hex').slice(0, 16);
  const text = result.outputFiles.find((f) => f.path === join(staging, main))?.text ?? '';
  try {
    const folder = join(home, build);
    if (!existsSync(folder)) {
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      for (const f of result.outputFiles) writeFileSync(f.path, f.contents);
      try {
        renameSync(staging, folder);
      } catch {
        // another command made the same build meanwhile
        rmSync(staging, { recursive: true, force: true });
      }
    }
    writeAtomic(current, JSON.stringify({ key, build, inputs: Object.fromEntries(Object.keys(result.metafile.inputs).map((f) => [f, stamp(f)])) }));
    for (const old of readdirSync(home)) {
      const path = join(home, old);
      if (old !== build && !old.endsWith('.json') && Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
    }
    return { text, path: join(folder, main) };
  } catch {
    return { text, path: undefined };
  }
}

/** The cached esbuild bundles bin/mofan.mjs and the merge workers run: reused while the sources stand still, remade when one changes. */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, cachedBundle } from './lib/bundle-cache.mjs';

const SRC = join('node_modules', '.cache', 'mofan-bundle-test');
const NAME = `bundle-test-${process.pid}`;

afterAll(() => {
  rmSync(join(ROOT, SRC), { recursive: true, force: true });
  rmSync(join(ROOT, 'node_modules', '.cache', 'mofan', NAME), { recursive: true, force: true });
  rmSync(join(ROOT, 'node_modules', '.cache', 'mofan', `${NAME}-race`), { recursive: true, force: true });
});

describe('cachedBundle', () => {
  it('keeps a bundle while its inputs keep their size and time, and remakes it when one changes', async () => {
    mkdirSync(join(ROOT, SRC), { recursive: true });
    writeFileSync(join(ROOT, SRC, 'entry.ts'), "import { word } from './dep';\nexport const said: string = `said ${word}`;\n");
    writeFileSync(join(ROOT, SRC, 'dep.ts'), "export const word = 'first';\n");
    const entry = `${SRC}/entry.ts`;

    const a = cachedBundle(NAME, entry, { format: 'esm' });
    expect(a.path).toBeDefined();
    expect(a.text).toContain('first');
    const madeAt = statSync(a.path!).mtimeMs;

    // nothing changed: the same file, not made again
    const b = cachedBundle(NAME, entry, { format: 'esm' });
    expect([b.path, b.text, statSync(b.path!).mtimeMs]).toStrictEqual([a.path, a.text, madeAt]);
    expect((await import(`${b.path}?${Date.now()}`)).said).toBe('said first');

    // an imported file changes (same size, a later time): made again
    writeFileSync(join(ROOT, SRC, 'dep.ts'), "export const word = 'again';\n");
    const later = new Date(Date.now() + 5000);
    utimesSync(join(ROOT, SRC, 'dep.ts'), later, later);
    const c = cachedBundle(NAME, entry, { format: 'esm' });
    expect(c.text).toContain('again');
    expect(readFileSync(c.path!, 'utf8')).toBe(c.text);

    // other build options are another bundle
    const d = cachedBundle(NAME, entry, { format: 'cjs' });
    expect(d.path!.endsWith('.cjs')).toBe(true);
    expect(d.text).toContain('module.exports');
  });

  it('serves commands that build it at the same moment: each runs a whole bundle', async () => {
    mkdirSync(join(ROOT, SRC), { recursive: true });
    writeFileSync(join(ROOT, SRC, 'race.ts'), "export const said: string = 'together';\n");
    const script = `import { cachedBundle } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/lib/bundle-cache.mjs')).href)};
const b = cachedBundle(${JSON.stringify(`${NAME}-race`)}, ${JSON.stringify(`${SRC}/race.ts`)}, { format: 'esm' });
const m = await import(b.path);
process.stdout.write(m.said);`;
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        return new Promise<string>((done) => child.on('exit', (code) => done(`${code}:${out}`)));
      }),
    );
    expect(outputs).toStrictEqual(['0:together', '0:together', '0:together', '0:together']);
  });
});

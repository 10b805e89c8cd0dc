/** The merge's floor (bench yardstick): it finds the rows the merge takes, on one thread or several. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkbookBytes } from '../core/rules';
import { LIST_SHEETS } from '../core/schema';
import { fillLedger } from '../core/xlsx/fill';
import { scheme, template } from '../tests/helpers/cli';
import { sampleLedger } from '../tests/helpers/sample-ledger';
import { cachedBundle } from './lib/bundle-cache.mjs';
import { floorFile } from './lib/merge-floor';

describe('merge floor', () => {
  it('finds as many rows as the check reads, writes them with their provenance, and gives zeros for a file it cannot follow', async () => {
    const bytes = await fillLedger(template, sampleLedger(scheme));
    const v = checkWorkbookBytes(bytes, { scheme, lang: 'en', asOf: '2024-06-30', today: '2024-06-30' });
    if (v.kind !== 'checked') throw new Error('sample ledger unusable');
    const rows = LIST_SHEETS.reduce((n, s) => n + v.result.sheets[s.key].rows.length, 0);
    const f = floorFile(bytes, 0);
    expect(f.rows).toBe(rows);
    // every row: three provenance cells and two computed ones at least (≈ 200 bytes)
    expect(f.xmlBytes).toBeGreaterThan(rows * 200);
    expect(f.deflatedBytes).toBeGreaterThan(0);
    expect(f.deflatedBytes).toBeLessThan(f.xmlBytes);
    expect(floorFile(new TextEncoder().encode('not a zip'), 0)).toStrictEqual({ rows: 0, xmlBytes: 0, deflatedBytes: 0 });
  });

  it('runs as a command on several threads, each file taken once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mofan-floor-'));
    const bytes = await fillLedger(template, sampleLedger(scheme));
    const files = ['A', 'B', 'C', 'D', 'E'].map((n) => join(dir, `${n}.xlsx`));
    for (const f of files) writeFileSync(f, bytes);
    const one = floorFile(bytes, 0);
    const script = cachedBundle('merge-floor', 'scripts/lib/merge-floor-run.ts', { format: 'esm' }).path as string;
    const run = spawnSync(process.execPath, [script, '3', ...files], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, number>;
    expect(out['rows']).toBe(5 * one.rows);
    expect(out['ms']).toBeGreaterThan(0);
  });
});

/** The merge's thread pool: work spread over this thread and a worker, answers matched to questions, mistakes reported. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillLedger } from '../core/xlsx/fill';
import { sampleLedger } from '../tests/helpers/sample-ledger';
import { scheme, template } from '../tests/helpers/cli';
import { FilePool, threadsFor } from './lib/merge-files';

describe('FilePool', () => {
  it('answers heads and checks from both threads alike, renders where a file was checked, and reports a file it does not hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mofan-pool-'));
    const file = join(dir, 'AJ.xlsx');
    writeFileSync(file, await fillLedger(template, sampleLedger(scheme)));
    const pool = new FilePool(2, { scheme, asOf: '2024-06-30' });
    try {
      // four asks: two land on this thread, two on the worker (the idlest slot takes each)
      const heads = await Promise.all([pool.head(file), pool.head(file), pool.head(file), pool.head(dir)]);
      expect(heads.slice(0, 3).map((h) => (h.kind === 'head' ? h.section?.code : h.kind))).toStrictEqual(['AJ', 'AJ', 'AJ']);
      expect(heads[3]).toStrictEqual({ kind: 'unusable', unusable: { code: 'U_UNREADABLE', params: { reason: 'EISDIR' } } });
      // many at once, a few a thread at a time: every answer in its file's place
      const many = await pool.heads([file, dir, file, file, file, dir, file, file, file]);
      expect(many.map((h) => (h.kind === 'head' ? h.section?.code : h.kind))).toStrictEqual(['AJ', 'unusable', 'AJ', 'AJ', 'AJ', 'unusable', 'AJ', 'AJ', 'AJ']);

      const section = scheme.sections.find((s) => s.code === 'AJ')!;
      const checked = await Promise.all([pool.check(0, { path: file, file: 'AJ.xlsx', section }), pool.check(1, { path: file, file: 'AJ.xlsx', section })]);
      expect(checked[0]).toStrictEqual(checked[1]);
      expect(checked[0]!.strings).toBeGreaterThan(0);
      const start = { issues: 2, tasks: 2, selfAssessment: 2, ideas: 2, plan: 2 };
      const job = { fileIndex: 99, firstString: 1000, start };
      const [a, b] = await Promise.all([pool.render(0, job), pool.render(1, job)]);
      // the same rows rendered on either thread: the same compressed bytes
      expect(b).toStrictEqual(a);
      expect(a.pieces.map((p) => [p.sheet, p.rows])).toStrictEqual([['issues', 3], ['tasks', 4], ['selfAssessment', 12], ['ideas', 1], ['plan', 1]]);
      await expect(pool.render(0, job)).rejects.toThrow('merge: file 0 is not held');
    } finally {
      await pool.close();
    }
  });

  it('uses this thread alone for a handful of files, else a thread a core (at most 4), or --jobs', () => {
    expect(threadsFor(5)).toBe(1);
    expect(threadsFor(5, 3)).toBe(3);
    expect(threadsFor(2, 8)).toBe(2);
    expect(threadsFor(300, 1)).toBe(1);
    expect(threadsFor(300)).toBeGreaterThanOrEqual(1);
    expect(threadsFor(300)).toBeLessThanOrEqual(4);
  });
});

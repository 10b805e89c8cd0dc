/** The merge's thread pool: work spread over this thread and a worker, answers matched to questions, mistakes reported. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillLedger } from '../core/xlsx/fill';
import { sampleLedger } from '../tests/helpers/sample-ledger';
import { scheme, template } from '../tests/helpers/cli';
import { FilePool, startWorkers, threadsFor, waitingWorkers } from './lib/merge-files';

describe('FilePool', () => {
  it('reads files on both threads alike, renders where a file was read, and reports a file it does not hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mofan-pool-'));
    const file = join(dir, 'AJ.xlsx');
    writeFileSync(file, await fillLedger(template, sampleLedger(scheme)));
    const pool = new FilePool(2, { scheme, asOf: '2024-06-30' });
    try {
      // many at once, a few a thread at a time: every answer in its file's place, each count told
      const counts: number[] = [];
      const reads = await pool.reads(
        [file, dir, file, file, file, dir, file, file, file].map((path, i) => ({ path, file: `f${i}.xlsx` })),
        (n) => counts.push(n),
      );
      expect(counts).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(reads.map((r) => (r.head.kind === 'head' ? r.head.section?.code : r.head.kind))).toStrictEqual(['AJ', 'unusable', 'AJ', 'AJ', 'AJ', 'unusable', 'AJ', 'AJ', 'AJ']);
      expect(reads[1]).toStrictEqual({ head: { kind: 'unusable', unusable: { code: 'U_UNREADABLE', params: { reason: 'EISDIR' } } } });
      // the same file read on either thread: the same head and digest
      expect(reads[2]).toStrictEqual(reads[0]);
      expect(reads[3]).toStrictEqual(reads[0]);
      expect(reads[0]!.checked!.digest.kind).toBe('checked');
      expect(reads[0]!.checked!.strings).toBeGreaterThan(0);

      const start = { issues: 2, tasks: 2, selfAssessment: 2, ideas: 2, plan: 2 };
      const job = { fileIndex: 99, firstString: 1000, start };
      const rendered = await Promise.all([0, 2, 3, 4].map((id) => pool.render(id, job)));
      // the same file read on different threads (the idlest slot takes each): the same compressed bytes
      for (const r of rendered) expect(r).toStrictEqual(rendered[0]);
      expect(rendered[0]!.pieces.map((p) => [p.sheet, p.rows])).toStrictEqual([['issues', 3], ['tasks', 4], ['selfAssessment', 12], ['ideas', 1], ['plan', 1]]);
      await expect(pool.render(0, job)).rejects.toThrow('merge: file 0 is not held');
      await expect(pool.render(1, job)).rejects.toThrow('merge: file 1 is not held');
    } finally {
      await pool.close();
    }
  });

  it('keeps a file’s bytes instead of its rows beyond its budget, and renders the same from them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mofan-pool-'));
    const file = join(dir, 'AJ.xlsx');
    writeFileSync(file, await fillLedger(template, sampleLedger(scheme)));
    const start = { issues: 2, tasks: 2, selfAssessment: 2, ideas: 2, plan: 2 };
    const job = { fileIndex: 99, firstString: 1000, start };
    const rendered = [];
    // no budget at all (every file read again when rendered), and the default
    for (const holdBytes of [0, undefined]) {
      const pool = new FilePool(2, { scheme, asOf: '2024-06-30', ...(holdBytes === undefined ? {} : { holdBytes }) });
      try {
        const reads = await pool.reads([0, 1, 2].map(() => ({ path: file, file: 'AJ.xlsx' })));
        expect(reads.every((r) => r.checked?.digest.kind === 'checked')).toBe(true);
        rendered.push(await Promise.all([0, 1, 2].map((id) => pool.render(id, job))));
      } finally {
        await pool.close();
      }
    }
    expect(rendered[0]).toStrictEqual(rendered[1]);
    expect(rendered[0]![0]!.pieces.map((p) => p.rows)).toStrictEqual([3, 4, 12, 1, 1]);
  });

  it('takes workers started early (ending those it does not need), and reads and renders as with its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mofan-pool-'));
    const file = join(dir, 'AJ.xlsx');
    writeFileSync(file, await fillLedger(template, sampleLedger(scheme)));
    const setup = { scheme, asOf: '2024-06-30' };
    const job = { fileIndex: 99, firstString: 1000, start: { issues: 2, tasks: 2, selfAssessment: 2, ideas: 2, plan: 2 } };
    const results = [];
    for (const early of [false, true]) {
      if (early) startWorkers(3);
      expect(waitingWorkers()).toBe(early ? 2 : 0);
      const pool = new FilePool(2, setup);
      expect(waitingWorkers()).toBe(0);
      try {
        const reads = await pool.reads([0, 1, 2, 3].map(() => ({ path: file, file: 'AJ.xlsx' })));
        results.push({ reads, rendered: await Promise.all([0, 1, 2, 3].map((id) => pool.render(id, job))) });
      } finally {
        await pool.close();
      }
    }
    expect(results[1]).toStrictEqual(results[0]);
    // a merge on this thread alone ends the early workers; none start for --jobs 1
    startWorkers(2);
    expect(waitingWorkers()).toBe(1);
    await new FilePool(1, setup).close();
    expect(waitingWorkers()).toBe(0);
    startWorkers(1);
    expect(waitingWorkers()).toBe(0);
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

/**
 * A merge reads each file once, and takes the file's head (section, period, submission time) from
 * that read; the plan was built on the light read of the head alone. Both must give the same head
 * for every file, or the merge would place files differently.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_SHEETS } from '../core/rules';
import { workbookHead, readHead } from '../core/rules/head';
import { fillLedger, type LedgerContent } from '../core/xlsx/fill';
import { readWorkbook } from '../core/xlsx/read';
import { scheme, template } from './helpers/cli';
import { sampleLedger } from './helpers/sample-ledger';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'wild');
const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The head the merge's one read gives, or undefined where that read fails (the merge then falls back to the light read). */
function mergedHead(bytes: Uint8Array) {
  const whole = readWorkbook(bytes, { sheets: (name) => CHECKED_SHEETS.has(name.trim()) });
  return whole.ok ? workbookHead(whole.workbook, scheme) : undefined;
}

/** Compare both heads for every file of a folder the one read can read; how many were compared. */
function compareHeads(folder: string, wanted: (name: string) => boolean): number {
  let compared = 0;
  for (const name of readdirSync(folder).filter(wanted)) {
    const bytes = new Uint8Array(readFileSync(join(folder, name)));
    const merged = mergedHead(bytes);
    if (merged === undefined) continue;
    expect(merged, name).toStrictEqual(readHead(bytes, { scheme }));
    compared += 1;
  }
  return compared;
}

describe("a file's head from the merge's one read", () => {
  it('is the light read’s head for ledgers with every kind of head', async () => {
    const base = sampleLedger(scheme);
    const info = base.info ?? {};
    const variants: LedgerContent[] = [
      base,
      { ...base, info: { ...info, submittedAt: { date: '2024-07-01T08:30:00' } } },
      { ...base, info: { ...info, submittedAt: '2024年7月1日' } },
      { ...base, info: { ...info, section: ' 安全监管股 ' } },
      { ...base, info: { ...info, section: '不存在的股室' } },
      { ...base, info: { ...info, section: null, period: '2024-05' } },
      { ...base, info: { ...info, period: '2024年6月' } },
    ];
    const heads = [];
    for (const content of variants) {
      const bytes = await fillLedger(template, content);
      const light = readHead(bytes, { scheme });
      expect(mergedHead(bytes)).toStrictEqual(light);
      heads.push(light);
    }
    // the variants do differ in their heads (the comparison is not between empty answers)
    expect(new Set(heads.map((h) => JSON.stringify(h))).size).toBeGreaterThanOrEqual(4);
    expect(heads.filter((h) => h.kind === 'head' && h.section).length).toBeGreaterThanOrEqual(3);
  });

  it('is the light read’s head for every broken fixture the one read can read', () => {
    expect(compareHeads(FIXTURES, (n) => !n.endsWith('.md') && !n.endsWith('.ts'))).toBeGreaterThanOrEqual(3);
  });

  it.runIf(existsSync(CORPUS))('is the light read’s head for every real-world file both can read', () => {
    expect(compareHeads(CORPUS, () => true)).toBeGreaterThan(200);
  });
});

/**
 * A template filled through exceljs checks clean, and so does the same workbook after a
 * LibreOffice round trip (with the same typed values); text dates typed by a user are accepted
 * and reported as normalised.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkbookBytes, type CheckResult } from '../../core/rules';
import { parseSchemeText, type Scheme } from '../../core/scheme';
import { TEMPLATE_FILE_NAME } from '../../core/schema';
import { fillLedger } from '../../core/xlsx/fill';
import { sampleLedger } from '../helpers/sample-ledger';
import { sofficeAvailable, sofficeConvert } from '../helpers/soffice';

const ROOT = join(import.meta.dirname, '..', '..');
const scheme = (parseSchemeText(readFileSync(join(ROOT, 'templates', '考核方案.json'), 'utf8')) as { scheme: Scheme }).scheme;
const template = new Uint8Array(readFileSync(join(ROOT, 'templates', TEMPLATE_FILE_NAME)));

function checked(bytes: Uint8Array): CheckResult {
  const v = checkWorkbookBytes(bytes, { scheme, lang: 'en', today: '2024-07-01' });
  if (v.kind !== 'checked') throw new Error(v.message);
  return v.result;
}

describe('a filled template', () => {
  it('checks clean, with every value typed', async () => {
    const r = checked(await fillLedger(template, sampleLedger(scheme)));
    expect(r.findings).toStrictEqual([]);
    expect(Object.values(r.sheets).map((s) => s.rows.length)).toStrictEqual([3, 4, 12, 1, 1]);
    expect(r.sheets.issues.rows[1]?.values).toMatchObject({ id: 'AJ-002', doneDate: '2024-06-08', status: '已销号' });
    expect(r.sheets.tasks.rows[3]?.values['note']).toBe("=cmd|' /C calc'!A0");
    expect(r.deadlines.filter((d) => d.state === 'overdue')).toStrictEqual([]);
  });

  it('accepts text dates typed by a user and reports each one as normalised', async () => {
    const content = sampleLedger(scheme);
    const issues = content.issues!.map((row, i) => (i === 0 ? { ...row, foundDate: { text: '2024年5月10日' }, deadline: { text: '2024.8.31' } } : row));
    const r = checked(await fillLedger(template, { ...content, issues }));
    expect(r.errors).toBe(0);
    expect(r.findings.map((f) => [f.code, f.cell, f.message])).toStrictEqual([
      ['W_TEXT_DATE', 'F2', '问题清单!F2 (发现日期): The text "2024年5月10日" was read as the date 2024-05-10. Enter it as a real date so the deadline colours work.'],
      ['W_TEXT_DATE', 'L2', '问题清单!L2 (整改时限): The text "2024.8.31" was read as the date 2024-08-31. Enter it as a real date so the deadline colours work.'],
    ]);
    expect([r.sheets.issues.rows[0]?.values['foundDate'], r.sheets.issues.rows[0]?.values['deadline']]).toStrictEqual(['2024-05-10', '2024-08-31']);
  });
});

describe.runIf(sofficeAvailable())('a filled template after a LibreOffice round trip', () => {
  it('still checks clean, with the same typed values', async () => {
    const filled = await fillLedger(template, sampleLedger(scheme));
    const dir = mkdtempSync(join(tmpdir(), 'mofan-rt-'));
    writeFileSync(join(dir, 'AJ.xlsx'), filled);
    const outdir = await sofficeConvert(join(dir, 'AJ.xlsx'), 'xlsx:Calc MS Excel 2007 XML');
    const roundTripped = checked(new Uint8Array(readFileSync(join(outdir, 'AJ.xlsx'))));
    expect(roundTripped.findings).toStrictEqual([]);
    const original = checked(filled);
    expect(roundTripped.sheets).toStrictEqual(original.sheets);
    expect(roundTripped.info).toStrictEqual(original.info);
  });
});

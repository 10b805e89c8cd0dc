/** mofan merge end to end: real files in, the office workbook out, re-merge, safety of inputs and output. */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPrevious } from '../core/merge/workbook';
import { MERGED_SHEET_NAME } from '../core/schema/office';
import { cellText } from '../core/xlsx/cells';
import { fillLedger } from '../core/xlsx/fill';
import { readWorkbook } from '../core/xlsx/read';
import { sampleLedger } from '../tests/helpers/sample-ledger';
import { sofficeAvailable, sofficeConvert } from '../tests/helpers/soffice';
import { ROOT, capture, scheme, sha, template } from '../tests/helpers/cli';
import { run } from './main';


/** Every part of a workbook, unzipped, as one text. */
const partsText = (file: string): string => Object.values(unzipSync(new Uint8Array(readFileSync(file)))).map((b) => new TextDecoder().decode(b)).join('\n');

/** A folder of submissions: AJ (twice), BGS (with a formula-like text), a CSV posing as a workbook. */
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mofan-merge-'));
  const aj = sampleLedger(scheme);
  writeFileSync(join(dir, 'AJ-first.xlsx'), await fillLedger(template, { ...aj, info: { ...aj.info, submittedAt: { date: '2024-06-28T10:00:00' } } }));
  writeFileSync(join(dir, 'AJ-second.xlsx'), await fillLedger(template, { ...aj, info: { ...aj.info, submittedAt: { date: '2024-06-29T16:30:00' } } }));
  const bgsIssues = aj.issues!.map((r) => ({ ...r, id: String(r['id']).replace('AJ', 'BGS'), description: '=HYPERLINK("http://x.example","点我")' }));
  const bgsTasks = aj.tasks!.map((r) => ({ ...r, id: String(r['id']).replace('AJ', 'BGS'), issueId: String(r['issueId']).replace('AJ', 'BGS') }));
  writeFileSync(join(dir, 'BGS.xlsx'), await fillLedger(template, { ...aj, info: { ...aj.info, section: '办公室' }, issues: bgsIssues, tasks: bgsTasks, ideas: [], plan: [] }));
  writeFileSync(join(dir, 'notes.xlsx'), 'a,b\n1,2\n');
});

describe('mofan merge', () => {
  it('writes the office workbook, reports every file and reconciles, leaving the inputs untouched', async () => {
    const before = readdirSync(dir).map((f) => [f, sha(join(dir, f))]);
    const out = join(mkdtempSync(join(tmpdir(), 'mofan-out-')), '汇总.xlsx');
    const { io, out: stdout, err } = capture();
    expect(await run(['merge', dir, '-o', out, '--as-of', '2024-06-30'], io)).toBe(1);
    expect(err).toStrictEqual([]);
    const text = stdout.join('\n');
    expect(text).toContain('4 files read: 2 merged, 1 superseded, 1 not merged; as of 2024-06-30');
    expect(text).toContain('  问题清单: 6 rows in → 6 rows out ✔ (3 more rows in superseded files, not merged)');
    expect(text).toContain('  ↻ AJ-first.xlsx (安全监管股) superseded by AJ-second.xlsx');
    expect(text).toContain('  ✖ notes.xlsx: This is a text file (such as CSV)');
    expect(text).toContain('  not submitted: 生产技术股 (SJ), 调度信息股 (DD), 政策法规股 (FG), 财务审计股 (CW), 机电运输股 (JD), 通风防治股 (TF)');
    expect(readdirSync(dir).map((f) => [f, sha(join(dir, f))])).toStrictEqual(before);

    const read = readWorkbook(new Uint8Array(readFileSync(out)));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const issues = read.workbook.data.get(MERGED_SHEET_NAME.issues)!;
    expect(issues.rows.length).toBe(7);
    const hyperlink = issues.rows.slice(1).map((r) => r.cells.get(5)).find((c) => cellText(c?.value).startsWith('=HYPERLINK'));
    expect(hyperlink).toStrictEqual({ value: { type: 'string', value: '=HYPERLINK("http://x.example","点我")' } });
    // no part of the office workbook holds a formula
    expect(partsText(out).includes('<f>')).toBe(false);
    expect(partsText(out).includes('HYPERLINK')).toBe(true);
  });

  it('merges one period with --period and lists the files of another, with nothing of them merged', async () => {
    const periods = mkdtempSync(join(tmpdir(), 'mofan-periods-'));
    const aj = sampleLedger(scheme);
    writeFileSync(join(periods, 'AJ-06.xlsx'), await fillLedger(template, aj));
    // May's file has an error its check would report (a task pointing at no problem): it must not
    // reach the findings or the rows
    writeFileSync(join(periods, 'AJ-05.xlsx'), await fillLedger(template, { ...aj, info: { ...aj.info, period: '2024-05' }, tasks: [{ ...aj.tasks![0]!, issueId: 'AJ-999' }] }));
    const out = join(mkdtempSync(join(tmpdir(), 'mofan-out-')), '汇总.xlsx');
    const { io, out: stdout } = capture();
    await run(['merge', periods, '-o', out, '--as-of', '2024-06-30', '--period', '2024-06'], io);
    const text = stdout.join('\n');
    expect(text).toContain('2 files read: 1 merged, 0 superseded, 1 not merged');
    expect(text).toContain('AJ-05.xlsx');
    expect(text).toContain('period 2024-05; this merge is for 2024-06');
    const read = readWorkbook(new Uint8Array(readFileSync(out)));
    if (!read.ok) throw new Error('the office workbook cannot be read');
    // June's tasks alone, and nothing of May's check anywhere
    expect(read.workbook.data.get(MERGED_SHEET_NAME.tasks)!.rows.length).toBe(1 + aj.tasks!.length);
    expect(text).not.toContain('AJ-999');
    expect(partsText(out).includes('AJ-999')).toBe(false);
  });

  it('gives the same workbook for the same inputs and merge time', async () => {
    const a = join(mkdtempSync(join(tmpdir(), 'mofan-out-')), 'a.xlsx');
    const b = join(mkdtempSync(join(tmpdir(), 'mofan-out-')), 'b.xlsx');
    await run(['merge', dir, '-o', a, '--merged-at', '2024-07-01T09:00:00'], capture().io);
    await run(['merge', dir, '-o', b, '--merged-at', '2024-07-01T09:00:00'], capture().io);
    expect(sha(a)).toBe(sha(b));
  });

  it('gives the same bytes whether the files are read on this thread or spread over worker threads', async () => {
    // a resubmission, a refused file, a file with an error (refused under --strict), two clean
    // ones and one with no rows at all
    const mixed = mkdtempSync(join(tmpdir(), 'mofan-jobs-'));
    for (const f of readdirSync(dir)) copyFileSync(join(dir, f), join(mixed, f));
    const aj = sampleLedger(scheme);
    writeFileSync(join(mixed, 'DD.xlsx'), await fillLedger(template, { info: { ...aj.info, section: '调度信息股' }, issues: [], tasks: [], selfAssessment: {}, ideas: [], plan: [] }));
    writeFileSync(join(mixed, 'SJ.xlsx'), await fillLedger(template, { ...aj, info: { ...aj.info, section: '生产技术股' }, issues: aj.issues!.map((r, i) => ({ ...r, id: String(r['id']).replace('AJ', 'SJ'), ...(i === 0 ? { deadline: '下月底' } : {}) })), tasks: [] }));
    for (const flags of [[], ['--strict']]) {
      const outs = [1, 2, 3].map((jobs) => join(mkdtempSync(join(tmpdir(), 'mofan-out-')), `jobs${jobs}.xlsx`));
      const texts: string[] = [];
      for (const [i, out] of outs.entries()) {
        const { io, out: stdout, err } = capture();
        expect(await run(['merge', mixed, '-o', out, '--merged-at', '2024-07-01T09:00:00', '--jobs', String(i + 1), ...flags], io)).toBe(1);
        expect(err).toStrictEqual([]);
        texts.push(stdout.join('\n').replace(out, 'OUT').replace(/\(\d+ KB, [\d.]+ s\)/, ''));
      }
      expect(outs.map((o) => sha(o))).toStrictEqual(outs.map(() => sha(outs[0]!)));
      expect(texts).toStrictEqual(outs.map(() => texts[0]));
    }
  });

  it('refuses a --jobs that is not a whole number from 1 to 16 (each thread costs memory)', async () => {
    const { io, err } = capture();
    expect(await run(['merge', dir, '-o', join(tmpdir(), 'never.xlsx'), '--jobs', '17'], io)).toBe(2);
    expect(err.join('')).toContain('--jobs must be a whole number from 1 to 16, got "17"');
  });

  it('keeps the review scores, comments and adjustments the office typed when merging again', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mofan-out-')), '汇总.xlsx');
    await run(['merge', join(dir, 'AJ-first.xlsx'), '-o', out], capture().io);
    // the office types into the workbook in Excel (here exceljs stands in for Excel)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const review = wb.getWorksheet('考核评议')!;
    review.getCell('I2').value = 7.5;
    review.getCell('J2').value = '传达学习及时';
    const adj = wb.getWorksheet('加减分')!;
    adj.getRow(2).values = [1, '安全监管股', '加分', '金点子被采纳', 0.5, '办公室通知〔2024〕3号', new Date(Date.UTC(2024, 5, 20)), '刘强'];
    await wb.xlsx.writeFile(out);

    const { io, err } = capture();
    await run(['merge', dir, '-o', out], io);
    expect(err).toStrictEqual([]);
    const read = readWorkbook(new Uint8Array(readFileSync(out)));
    if (!read.ok) throw new Error(read.unusable.code);
    const prev = readPrevious(read.workbook);
    expect(prev.review).toStrictEqual([{ sectionCode: 'BGS', section: '办公室', indicatorId: 'A1', reviewScore: 7.5, comment: '传达学习及时' }]);
    expect(prev.adjustments).toStrictEqual([
      { no: 1, section: '安全监管股', kind: '加分', item: '金点子被采纳', points: 0.5, basis: '办公室通知〔2024〕3号', date: '2024-06-20', enteredBy: '刘强' },
    ]);
  });

  it('refuses to overwrite a file that is not an office workbook', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mofan-out-')), 'precious.xlsx');
    copyFileSync(join(dir, 'AJ-first.xlsx'), out);
    const before = sha(out);
    const { io, err } = capture();
    expect(await run(['merge', dir, '-o', out], io)).toBe(2);
    expect(err.join('')).toContain('exists but is not an office workbook. To avoid overwriting it, choose another name or move it away.');
    expect(sha(out)).toBe(before);
  });

  it('with --strict refuses files with errors and still lists their findings', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'mofan-bad-'));
    const aj = sampleLedger(scheme);
    writeFileSync(join(bad, 'AJ.xlsx'), await fillLedger(template, { ...aj, issues: aj.issues!.map((r, i) => (i === 0 ? { ...r, deadline: '下月底' } : r)) }));
    const out = join(bad, '汇总.xlsx');
    const { io, out: stdout } = capture();
    expect(await run(['merge', bad, '-o', out, '--strict'], io)).toBe(1);
    expect(stdout.join('\n')).toContain('  ✖ AJ.xlsx: 1 errors (not merged with --strict); fix them as listed under 检查结果 and resubmit');
    const read = readWorkbook(new Uint8Array(readFileSync(out)));
    if (!read.ok) throw new Error(read.unusable.code);
    expect(read.workbook.data.get(MERGED_SHEET_NAME.issues)!.rows.length).toBe(1);
    expect(read.workbook.data.get('检查结果')!.rows.length).toBe(2);
  });

  it('leaves the previous office workbook whole when a merge is killed while writing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mofan-out-')), '汇总.xlsx');
    await run(['merge', join(dir, 'BGS.xlsx'), '-o', out], capture().io);
    const before = sha(out);
    const bin = join(ROOT, 'bin', 'mofan.mjs');
    for (const delay of [150, 400, 700, 1000, 1300]) {
      const child = spawn(process.execPath, [bin, 'merge', dir, '-o', out], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const now = sha(out);
      // either untouched, or a complete new workbook — never half of one
      if (now !== before) {
        const read = readWorkbook(new Uint8Array(readFileSync(out)));
        expect(read.ok).toBe(true);
      }
      expect(existsSync(out)).toBe(true);
    }
  });
});

describe('an interrupted merge', () => {
  it('on Ctrl-C or SIGTERM removes its temporary file and leaves the previous workbook whole', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mofan-out-'));
    const out = join(folder, '汇总.xlsx');
    await run(['merge', join(dir, 'BGS.xlsx'), '-o', out], capture().io);
    const before = sha(out);
    const bin = join(ROOT, 'bin', 'mofan.mjs');
    for (const [signal, delay] of [['SIGINT', 300], ['SIGTERM', 600], ['SIGINT', 900], ['SIGTERM', 1200]] as const) {
      const child = spawn(process.execPath, [bin, 'merge', dir, '-o', out], { stdio: 'ignore' });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await new Promise((r) => setTimeout(r, delay));
      child.kill(signal);
      const code = await exited;
      expect([0, 1, 130, 143, null]).toContain(code);
      expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toStrictEqual([]);
      if (sha(out) !== before) expect(readWorkbook(new Uint8Array(readFileSync(out))).ok).toBe(true);
    }
  });
});

describe.runIf(sofficeAvailable())('the office workbook in LibreOffice', () => {
  it('opens with every sheet and every row', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mofan-lo-merge-')), 'office.xlsx');
    await run(['merge', dir, '-o', out], capture().io);
    const converted = join(await sofficeConvert(out, 'xlsx:Calc MS Excel 2007 XML'), 'office.xlsx');
    const original = readWorkbook(new Uint8Array(readFileSync(out)));
    const roundTripped = readWorkbook(new Uint8Array(readFileSync(converted)));
    if (!original.ok || !roundTripped.ok) throw new Error('unreadable');
    expect(roundTripped.workbook.sheets).toStrictEqual(original.workbook.sheets);
    const counts = (wb: typeof original.workbook) => [...wb.data].map(([name, s]) => [name, s.rows.length]);
    expect(counts(roundTripped.workbook)).toStrictEqual(counts(original.workbook));
    expect(counts(original.workbook)).toContainEqual([MERGED_SHEET_NAME.issues, 7]);
  });
});

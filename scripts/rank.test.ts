/** mofan rank end to end: an office workbook the office typed into, ranked, everything else kept. */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText, type RawSheet } from '../core/xlsx/cells';
import { fillLedger } from '../core/xlsx/fill';
import { readWorkbook } from '../core/xlsx/read';
import { sampleLedger } from '../tests/helpers/sample-ledger';
import { sofficeAvailable, sofficeConvert } from '../tests/helpers/soffice';
import { capture, scheme, sha, template } from '../tests/helpers/cli';
import { run } from './main';


const values = (s: RawSheet | undefined) => (s?.rows ?? []).map((r) => [r.row, [...r.cells].map(([c, v]) => `${c}:${cellText(v.value)}`).join('|')]);

/** Two sections submit (AJ and BGS); the office types review scores and adjustments. */
let office: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mofan-rank-'));
  const aj = sampleLedger(scheme);
  writeFileSync(join(dir, 'AJ.xlsx'), await fillLedger(template, aj));
  const bgs = {
    ...aj,
    info: { ...aj.info, section: '办公室' },
    issues: aj.issues!.map((r) => ({ ...r, id: String(r['id']).replace('AJ', 'BGS') })),
    tasks: aj.tasks!.map((r) => ({ ...r, id: String(r['id']).replace('AJ', 'BGS'), issueId: String(r['issueId']).replace('AJ', 'BGS') })),
    ideas: [],
    plan: [],
  };
  writeFileSync(join(dir, 'BGS.xlsx'), await fillLedger(template, bgs));
  office = join(dir, '汇总.xlsx');
  await run(['merge', dir, '-o', office, '--as-of', '2024-06-30'], capture('zh', '2024-07-02T10:00:00').io);
  // the office types into the workbook in Excel (exceljs stands in)
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(office);
  const review = wb.getWorksheet('考核评议')!;
  review.eachRow((row, n) => {
    if (n === 1) return;
    const code = String(row.getCell(1).value);
    const points = Number(row.getCell(6).value);
    if (row.getCell(7).value === '自评+评议' && (code === 'AJ' || code === 'BGS')) row.getCell(9).value = code === 'AJ' ? points : points - 2;
  });
  const adj = wb.getWorksheet('加减分')!;
  adj.getRow(2).values = [1, '办公室', '加分', '金点子被采纳', null, '办公室通知', new Date(Date.UTC(2024, 5, 20)), '刘强'];
  adj.getRow(3).values = [2, '安全监管股', '扣分', '脱岗离岗', 1, '考勤通报', new Date(Date.UTC(2024, 5, 21)), '刘强'];
  await wb.xlsx.writeFile(office);
});

describe('mofan rank', () => {
  it('writes 排名 and 得分明细 into the workbook, keeps every other sheet, and prints the table', async () => {
    const keep = ['合并报告', '问题清单汇总', '责任清单汇总', '考核自评汇总', '金点子汇总', '工作计划汇总', '检查结果', '考核评议', '加减分'];
    const before = readWorkbook(new Uint8Array(readFileSync(office)), { sheets: (n) => keep.includes(n) });
    const { io, out, err } = capture('zh', '2024-07-02T10:00:00');
    expect(await run(['rank', office], io)).toBe(0);
    expect(err).toStrictEqual([]);
    const text = out.join('\n');
    // AJ: manual indicators 0.3 × (points − 1) + 0.7 × points = points − 0.3 each (11 of them, 80 points):
    //     80 − 3.3 = 76.7; D1: 1 problem due by 2024-06-30 (AJ-002, done on time) → 20; penalty − 1 → 95.7
    // BGS: 0.3 × (points − 1) + 0.7 × (points − 2) = points − 1.7 each: 80 − 18.7 = 61.3; + 20 + 0.5 = 81.8
    expect(text).toContain('1     安全监管股  95.70');
    expect(text).toContain('2     办公室      81.80  良好');
    const after = readWorkbook(new Uint8Array(readFileSync(office)), { sheets: (n) => keep.includes(n) || n === '排名' || n === '得分明细' });
    if (!before.ok || !after.ok) throw new Error('unreadable');
    expect(after.workbook.sheets.map((s) => s.name)).toStrictEqual([...before.workbook.sheets.map((s) => s.name), '排名', '得分明细']);
    for (const name of keep) expect(values(after.workbook.data.get(name)), name).toStrictEqual(values(before.workbook.data.get(name)));
    const ranking = after.workbook.data.get('排名')!;
    const header = ranking.rows.find((r) => cellText(r.cells.get(1)?.value) === '名次')!;
    const rows = ranking.rows.filter((r) => r.row > header.row).map((r) => [1, 2, 3, 4].map((c) => cellText(r.cells.get(c)?.value)));
    expect(rows.slice(0, 2)).toStrictEqual([
      ['1', '安全监管股', '95.7', '优秀'],
      ['2', '办公室', '81.8', '良好'],
    ]);
    const detail = after.workbook.data.get('得分明细')!;
    const totals = detail.rows.filter((r) => cellText(r.cells.get(3)?.value) === '合计').map((r) => [cellText(r.cells.get(1)?.value), cellText(r.cells.get(5)?.value), cellText(r.cells.get(6)?.value)]);
    expect(totals.slice(0, 2)).toStrictEqual([
      ['安全监管股', '95.7', '各项相加等于总分 ✔'],
      ['办公室', '81.8', '各项相加等于总分 ✔'],
    ]);
  });

  it('replaces its sheets when run again', async () => {
    await run(['rank', office], capture('zh', '2024-07-02T10:00:00').io);
    const read = readWorkbook(new Uint8Array(readFileSync(office)), { sheets: () => false });
    if (!read.ok) throw new Error('unreadable');
    expect(read.workbook.sheets.filter((s) => s.name === '排名' || s.name === '得分明细').length).toBe(2);
  });

  it('refuses with the list of entries it cannot score, writing nothing', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'mofan-rank-bad-')), '汇总.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(office);
    wb.getWorksheet('考核评议')!.getCell('I2').value = '良';
    wb.getWorksheet('加减分')!.getRow(4).values = [3, '不存在的股', '加分', '表扬', 1];
    await wb.xlsx.writeFile(copy);
    const before = sha(copy);
    const { io, err } = capture('zh', '2024-07-02T10:00:00');
    expect(await run(['rank', copy], io)).toBe(1);
    expect(err.join('\n')).toBe(
      [
        'mofan: 汇总工作簿中有 2 处无法计分，请改正后重新排名（未写入任何内容）：',
        '  考核评议!I2: 办公室 A1 的评议得分“良”应为 0 到 8 之间的数',
        '  加减分!B4: 股室“不存在的股”不在名单中',
      ].join('\n'),
    );
    expect(sha(copy)).toBe(before);
  });

  it.runIf(sofficeAvailable())('opens in LibreOffice, and 排名 reads back as computed', async () => {
    await run(['rank', office], capture('zh', '2024-07-02T10:00:00').io);
    const converted = join(await sofficeConvert(office, 'xlsx:Calc MS Excel 2007 XML'), '汇总.xlsx');
    const mine = readWorkbook(new Uint8Array(readFileSync(office)), { sheets: (n) => n === '排名' });
    const lo = readWorkbook(new Uint8Array(readFileSync(converted)), { sheets: (n) => n === '排名' });
    if (!mine.ok || !lo.ok) throw new Error('unreadable');
    expect(values(lo.workbook.data.get('排名'))).toStrictEqual(values(mine.workbook.data.get('排名')));
  });
});

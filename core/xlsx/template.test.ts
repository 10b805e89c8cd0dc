import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSchemeText, type Scheme } from '../scheme';
import {
  INFO_SHEET,
  LIST_SHEETS,
  TEMPLATE_DATA_ROWS,
  TEMPLATE_FILE_NAME,
  columnLetter,
  infoFieldRow,
  listSheet,
} from '../schema';
import { AS_OF_NAME, ISSUE_IDS_NAME, buildTemplate, deadlineFormulas, listName } from './template';

const root = new URL('../../templates/', import.meta.url);
const parsed = parseSchemeText(readFileSync(new URL('考核方案.json', root), 'utf8'));
if (!parsed.ok) throw new Error('default scheme invalid');
const scheme: Scheme = parsed.scheme;

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;
const sheet = (name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
type Dv = { type: string; formulae?: unknown[]; allowBlank?: boolean; errorStyle?: string };
/** Excel treats a cell without a protection element as locked. */
const locked = (cell: ExcelJS.Cell | ExcelJS.Column): boolean => cell.protection?.locked !== false;
const validation = (ws: ExcelJS.Worksheet, address: string): Dv | undefined =>
  (ws as unknown as { dataValidations: { model: Record<string, Dv> } }).dataValidations.model[address];

beforeAll(async () => {
  bytes = await buildTemplate(scheme);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
});

describe('buildTemplate', () => {
  it('writes the same bytes every time', async () => {
    expect(Buffer.from(await buildTemplate(scheme)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('matches the committed templates/ file byte for byte (run `npm run template` after changing the schema)', () => {
    const committed = readFileSync(new URL(TEMPLATE_FILE_NAME, root));
    expect(committed.equals(Buffer.from(bytes))).toBe(true);
  });

  it('has every sheet, the list sheet hidden', () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toStrictEqual([
      ['填报说明', 'visible'],
      ['基本信息', 'visible'],
      ['问题清单', 'visible'],
      ['责任清单', 'visible'],
      ['考核自评', 'visible'],
      ['金点子', 'visible'],
      ['工作计划', 'visible'],
      ['下拉列表', 'hidden'],
    ]);
  });

  it('stores the template id and version in cells, defined names and document properties', () => {
    const info = sheet('基本信息');
    expect(info.getCell(`B${infoFieldRow('templateId')}`).value).toBe('mofan-ledger');
    expect(info.getCell(`B${infoFieldRow('templateVersion')}`).value).toBe(1);
    const names = Object.fromEntries(wb.definedNames.model.map((n) => [n.name, n.ranges]));
    expect(names['MOFAN_TEMPLATE_ID']).toStrictEqual(["'基本信息'!$B$11"]);
    expect(names['MOFAN_TEMPLATE_VERSION']).toStrictEqual(["'基本信息'!$B$12"]);
    expect(names[AS_OF_NAME]).toStrictEqual(["'基本信息'!$B$9"]);
    expect(names[ISSUE_IDS_NAME]).toStrictEqual([`'问题清单'!$A$2:$A$${TEMPLATE_DATA_ROWS + 1}`]);
    expect(names[listName('section')]).toStrictEqual(["'下拉列表'!$A$2:$A$9"]);
    expect(wb.keywords).toBe('mofan-ledger-v1');
    expect(wb.created.toISOString()).toBe('2024-05-07T00:00:00.000Z');
  });

  it.each(LIST_SHEETS.map((s) => [s.name, s] as const))('%s: headers, widths, frozen header, filter, print setup', (name, def) => {
    const ws = sheet(name);
    const headers = def.columns.map((_, i) => ws.getCell(1, i + 1).value);
    expect(headers).toStrictEqual(def.columns.map((c) => c.header));
    expect(def.columns.map((_, i) => ws.getColumn(i + 1).width)).toStrictEqual(def.columns.map((c) => c.width));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toMatch(new RegExp(`^A1:${columnLetter(def.columns.length)}\\d+$`));
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(locked(ws.getCell(1, 1))).toBe(true);
  });

  it('protects every sheet without a password', () => {
    for (const ws of wb.worksheets) {
      const p = (ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
      expect(p?.['sheet'], ws.name).toBe(true);
      expect(p?.['hashValue'], ws.name).toBeUndefined();
      expect(p?.['password'], ws.name).toBeUndefined();
    }
  });

  it('unlocks the input columns of the list sheets and keeps the header locked', () => {
    const ws = sheet('问题清单');
    expect([locked(ws.getColumn(3)), locked(ws.getCell('C2')), locked(ws.getCell('C600')), locked(ws.getCell('C1'))]).toStrictEqual([
      false, false, false, true,
    ]);
  });

  it('puts a dropdown on every list column, from the hidden list sheet', () => {
    const last = TEMPLATE_DATA_ROWS + 1;
    for (const def of LIST_SHEETS.filter((s) => s.key !== 'selfAssessment')) {
      const ws = sheet(def.name);
      def.columns.forEach((col, i) => {
        if (col.type !== 'list' || !col.list) return;
        const letter = columnLetter(i + 1);
        for (const row of [2, last]) {
          expect(validation(ws, `${letter}${row}`), `${def.name}!${letter}${row}`).toMatchObject({
            type: 'list',
            formulae: [listName(col.list)],
            errorStyle: 'stop',
          });
        }
        expect(validation(ws, `${letter}${last + 1}`)).toBeUndefined();
      });
    }
    const lists = sheet('下拉列表');
    expect([lists.getCell('A1').value, lists.getCell('A2').value, lists.getCell('A9').value, lists.getCell('B9').value]).toStrictEqual([
      'section', '办公室', '通风防治股', 'TF',
    ]);
    expect(validation(sheet('责任清单'), 'B2')).toMatchObject({ type: 'list', formulae: [ISSUE_IDS_NAME] });
    expect(validation(sheet('基本信息'), `B${infoFieldRow('section')}`)).toMatchObject({ type: 'list', formulae: [listName('section')] });
  });

  it('validates dates, progress, self scores and duplicate ids', () => {
    const issues = sheet('问题清单');
    expect(validation(issues, 'L2')).toMatchObject({ type: 'date', formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))] });
    expect(validation(issues, 'A2')).toMatchObject({ type: 'custom', formulae: [`COUNTIF($A$2:$A$${TEMPLATE_DATA_ROWS + 1},A2)<=1`] });
    expect(validation(sheet('责任清单'), 'I2')).toMatchObject({ type: 'whole', formulae: [0, 100] });
    expect(validation(sheet('考核自评'), 'F2')).toMatchObject({ type: 'decimal' });
    // exceljs reads formula2 back as a number, so look at the XML: the upper bound is the row's 分值
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet5.xml']);
    expect(xml).toMatch(/<dataValidation type="decimal"[^>]*sqref="F2:F13"><formula1>0<\/formula1><formula2>\$E2<\/formula2>/);
    expect(validation(sheet('基本信息'), `B${infoFieldRow('asOf')}`)).toMatchObject({ type: 'date' });
  });

  it('colours deadlines with expression rules (not containsText, not data bars)', () => {
    for (const def of LIST_SHEETS.filter((s) => s.deadline)) {
      const ws = sheet(def.name);
      const cf = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ type: string; formulae: string[] }> }> })
        .conditionalFormattings;
      const f = deadlineFormulas(def, def.deadline!, scheme.deadlines.dueSoonDays);
      expect(cf.map((c) => [c.ref, c.rules.map((r) => [r.type, r.formulae])]), def.name).toStrictEqual([
        [`A2:${columnLetter(def.columns.length)}${TEMPLATE_DATA_ROWS + 1}`, [['expression', [f.overdue]], ['expression', [f.dueSoon]]]],
      ]);
    }
    expect(deadlineFormulas(listSheet('issues'), listSheet('issues').deadline!, 7)).toStrictEqual({
      overdue:
        'AND(ISNUMBER($L2),IF($R2<>"",$R2,$L2)<IF(MOFAN_AS_OF="",TODAY(),MOFAN_AS_OF),$M2<>"已完成",$M2<>"已销号")',
      dueSoon:
        'AND(ISNUMBER($L2),IF($R2<>"",$R2,$L2)>=IF(MOFAN_AS_OF="",TODAY(),MOFAN_AS_OF),IF($R2<>"",$R2,$L2)-IF(MOFAN_AS_OF="",TODAY(),MOFAN_AS_OF)<=7,$M2<>"已完成",$M2<>"已销号")',
    });
    expect(deadlineFormulas(listSheet('tasks'), listSheet('tasks').deadline!, 7).overdue).toBe(
      'AND(ISNUMBER($H2),$H2<IF(MOFAN_AS_OF="",TODAY(),MOFAN_AS_OF),N($I2)<100)',
    );
  });

  it('fills 基本信息 labels, the unit and the section-code formula', () => {
    const info = sheet('基本信息');
    expect(INFO_SHEET.fields.map((f) => info.getCell(`A${infoFieldRow(f.key)}`).value)).toStrictEqual(INFO_SHEET.fields.map((f) => f.label));
    expect(info.getCell('B2').value).toBe('煤炭事务中心');
    expect(INFO_SHEET.fields.map((f) => [f.key, locked(info.getCell(`B${infoFieldRow(f.key)}`))])).toStrictEqual(
      INFO_SHEET.fields.map((f) => [f.key, f.filledBy !== 'section']),
    );
    expect((info.getCell('B4').value as { formula: string }).formula).toBe(
      'IF(B3="","",IFERROR(INDEX(MOFAN_LIST_SECTION_CODES,MATCH(B3,MOFAN_LIST_SECTION,0)),"未知股室"))',
    );
  });

  it('pre-fills the self-assessment from the scheme, indicators locked and scores open', () => {
    const ws = sheet('考核自评');
    const rows = scheme.indicators.map((_, i) => ws.getRow(i + 2).values as unknown[]);
    expect(rows.map((r) => r.slice(1, 6))).toStrictEqual(scheme.indicators.map((i) => [i.id, i.heading, i.content, i.standard, i.points]));
    expect([locked(ws.getCell('A2')), locked(ws.getCell('E13')), locked(ws.getCell('F2')), locked(ws.getCell('H13'))]).toStrictEqual([
      true, true, false, false,
    ]);
    expect(ws.getCell(`F${scheme.indicators.length + 2}`).value).toBeNull();
  });
});

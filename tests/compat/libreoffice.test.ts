/**
 * The template in LibreOffice: it opens, survives a save with its sheets, dropdowns, protection and
 * template id, and LibreOffice's own engine evaluates the deadline colour rules as intended.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_FILE_NAME, TEMPLATE_DATA_ROWS, listSheet } from '../../core/schema';
import { deadlineFormulas } from '../../core/xlsx/template';
import { sofficeAvailable, sofficeConvert } from '../helpers/soffice';

const TEMPLATE = join(import.meta.dirname, '..', '..', 'templates', TEMPLATE_FILE_NAME);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The sheet XML of a workbook by sheet name (resolving workbook.xml's relationships). */
function sheetXml(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const rels = Object.fromEntries(
    [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const relsAlt = Object.fromEntries(
    [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"/g)].map((m) => [m[2], m[1]]),
  );
  const out: Record<string, string> = {};
  for (const m of text('xl/workbook.xml').matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = (rels[m[2]!] ?? relsAlt[m[2]!] ?? '').replace(/^\/?xl\//, '');
    out[m[1]!] = text(`xl/${target}`);
  }
  return out;
}

describe.runIf(sofficeAvailable())('the template in LibreOffice', () => {
  it('keeps every sheet, the dropdowns, the protection and the template id through a LibreOffice save', async () => {
    const outdir = await sofficeConvert(TEMPLATE, 'xlsx:Calc MS Excel 2007 XML');
    const converted = readFileSync(join(outdir, TEMPLATE_FILE_NAME));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(converted as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toStrictEqual([
      ['填报说明', 'visible'], ['基本信息', 'visible'], ['问题清单', 'visible'], ['责任清单', 'visible'],
      ['考核自评', 'visible'], ['金点子', 'visible'], ['工作计划', 'visible'], ['下拉列表', 'hidden'],
    ]);
    const info = wb.getWorksheet('基本信息')!;
    expect([info.getCell('A11').value, info.getCell('B11').value, info.getCell('A12').value, info.getCell('B12').value]).toStrictEqual([
      '模板标识', 'mofan-ledger', '模板版本', 1,
    ]);
    const names = Object.fromEntries(wb.definedNames.model.map((n) => [n.name, n.ranges]));
    expect(names['MOFAN_TEMPLATE_ID']).toStrictEqual(["'基本信息'!$B$11"]);
    expect(names['MOFAN_TEMPLATE_VERSION']).toStrictEqual(["'基本信息'!$B$12"]);
    expect(wb.keywords).toBe('mofan-ledger-v1');

    const xml = sheetXml(converted);
    for (const [name, sheet] of Object.entries(xml)) {
      const protection = sheet.match(/<sheetProtection [^>]*>/)?.[0] ?? '';
      expect(protection, name).toMatch(/sheet="(true|1)"/);
      expect(protection, name).not.toMatch(/hashValue|password=/);
    }
    const last = TEMPLATE_DATA_ROWS + 1;
    const issues = xml['问题清单']!;
    expect(issues).toMatch(new RegExp(`<dataValidation [^>]*sqref="B2:B${last}"[^>]*type="list"[^>]*>\\s*<formula1>MOFAN_LIST_CATEGORY</formula1>`));
    expect(issues).toMatch(new RegExp(`<dataValidation [^>]*sqref="M2:M${last}"[^>]*type="list"[^>]*>\\s*<formula1>MOFAN_LIST_STATUS</formula1>`));
    expect(xml['基本信息']!).toMatch(/<dataValidation [^>]*sqref="B3"[^>]*type="list"[^>]*>\s*<formula1>MOFAN_LIST_SECTION<\/formula1>/);
    expect(xml['责任清单']!).toMatch(new RegExp(`<dataValidation [^>]*sqref="B2:B${last}"[^>]*type="list"[^>]*>\\s*<formula1>MOFAN_ISSUE_IDS</formula1>`));
  });

  it('fires the overdue and due-soon rules as LibreOffice evaluates them, and not for future or done rows', async () => {
    // The colour rules' own formulas, copied into cells beside the rows, then recalculated by LibreOffice.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(TEMPLATE) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('基本信息')!.getCell('B9').value = utc(2024, 6, 30); // 截至日期
    const ws = wb.getWorksheet('问题清单')!;
    const def = listSheet('issues');
    const f = deadlineFormulas(def, def.deadline!, 7);
    const atRow = (formula: string, row: number) => formula.replace(/(\$[A-Z]+)2\b/g, `$1${row}`);
    const rows: Array<[string, Date, string, Date | null]> = [
      ['overdue', utc(2024, 6, 1), '整改中', null],
      ['future', utc(2024, 8, 1), '整改中', null],
      ['due in 3 days', utc(2024, 7, 3), '未启动', null],
      ['overdue but done', utc(2024, 6, 1), '已完成', null],
      ['overdue but extended', utc(2024, 6, 1), '整改中', utc(2024, 7, 20)],
      ['due today', utc(2024, 6, 30), '整改中', null],
      ['extended to the past', utc(2024, 5, 1), '整改中', utc(2024, 6, 15)],
    ];
    rows.forEach(([what, deadline, status, extendedTo], i) => {
      const r = i + 2;
      ws.getCell(`C${r}`).value = what;
      ws.getCell(`L${r}`).value = deadline;
      ws.getCell(`M${r}`).value = status;
      if (extendedTo) ws.getCell(`R${r}`).value = extendedTo;
      ws.getCell(`Y${r}`).value = { formula: atRow(f.overdue, r) } as ExcelJS.CellFormulaValue;
      ws.getCell(`Z${r}`).value = { formula: atRow(f.dueSoon, r) } as ExcelJS.CellFormulaValue;
    });
    const dir = mkdtempSync(join(tmpdir(), 'mofan-cf-'));
    const file = join(dir, 'cf.xlsx');
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const outdir = await sofficeConvert(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3');
    const csv = readFileSync(join(outdir, readdirSync(outdir)[0]!), 'utf8').trim().split('\n');
    const results = csv.slice(1, rows.length + 1).map((line) => {
      const cells = line.split(',');
      return [cells[2], cells[24], cells[25]];
    });
    expect(results).toStrictEqual([
      ['overdue', 'TRUE', 'FALSE'],
      ['future', 'FALSE', 'FALSE'],
      ['due in 3 days', 'FALSE', 'TRUE'],
      ['overdue but done', 'FALSE', 'FALSE'],
      ['overdue but extended', 'FALSE', 'FALSE'],
      ['due today', 'FALSE', 'TRUE'],
      ['extended to the past', 'TRUE', 'FALSE'],
    ]);
  });
});

/**
 * The one module that calls Office.js. Each operation is one `Excel.run` with as few
 * `context.sync()` calls as it needs (never one per row); it returns plain data for core/.
 */
import type { WorkbookSnapshot } from '../../core/ledger/identify';
import { INFO_SHEET } from '../../core/schema';

/** The part of the Office.js `Excel` namespace the adapter uses (a mock can stand in for it). */
export type ExcelHost = Pick<typeof Excel, 'run'>;

/** Rows of 基本信息 to read: the form plus room for rows a user inserted. */
const INFO_ROWS = INFO_SHEET.fields.length + 20;

/**
 * Read what identifies the open workbook: its sheet names and the 基本信息 form.
 * One `Excel.run`, two syncs at most (the second only when 基本信息 exists).
 */
export async function readWorkbookSnapshot(excel: ExcelHost = Excel): Promise<WorkbookSnapshot> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const info = sheets.getItemOrNullObject(INFO_SHEET.name);
    await context.sync();
    const sheetNames = sheets.items.map((s) => s.name);
    if (info.isNullObject) return { sheetNames, info: null };
    const range = info.getRange(`A1:B${INFO_ROWS}`);
    range.load('values');
    await context.sync();
    return { sheetNames, info: range.values as unknown[][] };
  });
}

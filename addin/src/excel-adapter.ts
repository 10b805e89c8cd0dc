/**
 * The one module that calls Office.js. Each operation is one `Excel.run` with as few
 * `context.sync()` calls as it needs (never one per row); it returns plain data for core/.
 */
import type { SheetGrid } from '../../core/ledger/grid';
import type { WorkbookSnapshot } from '../../core/ledger/identify';
import { GUIDE_SHEET_NAME, INFO_SHEET, SHEET_NAMES } from '../../core/schema';

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

/** Ledger sheets the check reads (the instructions sheet is not needed). */
const CHECKED = new Set(SHEET_NAMES.filter((n) => n !== GUIDE_SHEET_NAME));

type UsedRanges = Array<{ name: string; range: Excel.Range }>;

/** Queue the loads of the named sheets' used ranges (values, number formats, position). */
function queueUsedRanges(sheets: Excel.WorksheetCollection, names: readonly string[]): UsedRanges {
  return names.map((name) => {
    const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
    range.load('values,numberFormat,rowIndex,columnIndex');
    return { name, range };
  });
}

/** The loaded used ranges as plain grids (an empty sheet has none). */
function gridsOf(ranges: UsedRanges): SheetGrid[] {
  return ranges
    .filter(({ range }) => !range.isNullObject)
    .map(({ name, range }) => ({ name, top: range.rowIndex + 1, left: range.columnIndex + 1, values: range.values as unknown[][], formats: range.numberFormat as unknown[][] }));
}

/**
 * Read the ledger's sheets as values with their number formats (dates are numbers in Office.js).
 * One `Excel.run`, two syncs: the sheet names, then every used range at once.
 */
export async function readLedgerGrids(excel: ExcelHost = Excel): Promise<{ sheetNames: string[]; grids: SheetGrid[] }> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const sheetNames = sheets.items.map((s) => s.name);
    const ranges = queueUsedRanges(sheets, sheetNames.filter((name) => CHECKED.has(name.trim())));
    await context.sync();
    return { sheetNames, grids: gridsOf(ranges) };
  });
}

/** Show a cell: activate its sheet and select it. One `Excel.run`, one sync. */
export async function selectCell(sheet: string, address: string, excel: ExcelHost = Excel): Promise<void> {
  await excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

/**
 * Stamp the submission time on 基本信息 (its value cell, which the sheet protects): unprotect if
 * protected, write, protect again as the template does. One `Excel.run`, two syncs.
 */
export async function stampSubmission(address: string, serial: number, excel: ExcelHost = Excel): Promise<void> {
  await excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(INFO_SHEET.name);
    ws.protection.load('protected');
    await context.sync();
    const wasProtected = ws.protection.protected;
    if (wasProtected) ws.protection.unprotect();
    const cell = ws.getRange(address);
    cell.values = [[serial]];
    cell.numberFormat = [['yyyy-mm-dd hh:mm']];
    if (wasProtected) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
    await context.sync();
  });
}

/** What an edit writes: one block of values with their number formats. */
export interface Write {
  readonly sheet: string;
  readonly address: string;
  readonly values: unknown[][];
  readonly formats: string[][];
}

/**
 * Read the ledger and, if `decide` says so, write one block — in one `Excel.run` with two syncs,
 * whatever the number of rows. The ledger's sheets are read by name (the pane offers edits only
 * once the workbook is known to be a ledger).
 */
export async function editLedger<T>(decide: (sheetNames: string[], grids: SheetGrid[]) => { write?: Write | readonly Write[]; result: T }, excel: ExcelHost = Excel): Promise<T> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const ranges = queueUsedRanges(sheets, [...CHECKED]);
    await context.sync();
    const { write, result } = decide(sheets.items.map((s) => s.name), gridsOf(ranges));
    const writes: readonly Write[] = write === undefined ? [] : Array.isArray(write) ? write : [write as Write];
    for (const w of writes) {
      const target = sheets.getItem(w.sheet).getRange(w.address);
      target.values = w.values as Excel.Range['values'];
      target.numberFormat = w.formats;
    }
    if (writes.length > 0) await context.sync();
    return result;
  });
}

/** Where the cursor is: the active cell's sheet and 1-based row. One `Excel.run`, one sync. */
export async function readActiveRow(excel: ExcelHost = Excel): Promise<{ sheet: string; row: number }> {
  return excel.run(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.load('rowIndex');
    const ws = cell.worksheet;
    ws.load('name');
    await context.sync();
    return { sheet: ws.name, row: cell.rowIndex + 1 };
  });
}

/** Whether this Excel can add sheets from a file (ExcelApi 1.13). */
export function canInsertSheets(office: Pick<typeof Office, 'context'> = Office): boolean {
  return Boolean(office.context?.requirements?.isSetSupported('ExcelApi', '1.13'));
}

/** Add the template's sheets to the open workbook. One `Excel.run`, one sync. */
export async function insertTemplateSheets(base64: string, excel: ExcelHost = Excel): Promise<void> {
  await excel.run(async (context) => {
    context.workbook.insertWorksheetsFromBase64(base64);
    await context.sync();
  });
}

/**
 * Adding a row from the task pane's forms: the next id, the row as cells in the sheet's own column
 * order, and the check of the workbook with the row in it — so a save is refused exactly when
 * `mofan check` would report an error on that row.
 */
import { isoToSerial, type RawCell, type RawSheet } from '../xlsx/cells';
import type { RawWorkbook } from '../xlsx/read';
import { checkLedger, type CheckOptions } from '../rules/check';
import type { Finding } from '../rules/findings';
import { columnLetter, type ListSheetDef } from '../schema';
import { gridValue } from './grid';
import { extractTable } from './table';

/** The next free id on a sheet: AJ-004, AJ-001-03 (under a problem), AJ-J02, AJ-P05. */
export function nextId(def: ListSheetDef, code: string, existing: readonly string[], issueId?: string): string {
  const prefix = def.key === 'tasks' ? `${issueId ?? `${code}-001`}-` : def.key === 'ideas' ? `${code}-J` : def.key === 'plan' ? `${code}-P` : `${code}-`;
  const width = def.key === 'issues' ? 3 : 2;
  let max = 0;
  for (const id of existing) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(width, '0')}`;
}

export interface NewRow {
  /** 1-based row the entry goes to (after the last row with values) */
  readonly row: number;
  /** A1 range of the cells written */
  readonly address: string;
  readonly values: unknown[][];
  readonly formats: string[][];
  /** the check's findings on that row (errors refuse the save) */
  readonly findings: readonly Finding[];
}

/**
 * Place an entry (values by column key, as typed in the form: text, or YYYY-MM-DD for dates) on a
 * sheet of the workbook, and check the workbook with it.
 */
export function placeRow(wb: RawWorkbook, def: ListSheetDef, entry: Readonly<Record<string, string>>, options: CheckOptions): NewRow | { readonly error: 'no-sheet' | 'no-header' } {
  const sheet = [...wb.data.values()].find((s) => s.name.trim() === def.name);
  if (!sheet) return { error: 'no-sheet' };
  const table = extractTable(sheet, def);
  if (table.headerRow === 0) return { error: 'no-header' };
  const row = Math.max(table.headerRow, ...sheet.rows.map((r) => r.row)) + 1;
  const cols = table.columns;
  const first = Math.min(...cols.map((c) => c.col));
  const last = Math.max(...cols.map((c) => c.col));
  const values: unknown[] = Array.from({ length: last - first + 1 }, () => '');
  const formats: string[] = Array.from({ length: last - first + 1 }, () => 'General');
  for (const c of cols) {
    const col = def.columns.find((d) => d.key === c.key);
    const raw = (entry[c.key] ?? '').trim();
    if (!col || raw === '') continue;
    const i = c.col - first;
    if ((col.type === 'date' || col.type === 'datetime') && /^\d{4}-\d{2}-\d{2}$/.test(raw)) {
      values[i] = isoToSerial(raw);
      formats[i] = 'yyyy-mm-dd';
    } else if ((col.type === 'integer' || col.type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) {
      values[i] = Number(raw);
    } else values[i] = raw;
  }
  // the workbook with the row in it, checked as mofan check would check the saved file
  const cells = new Map<number, RawCell>();
  values.forEach((v, i) => {
    const value = gridValue(v, formats[i]);
    if (value) cells.set(first + i, { value });
  });
  const withRow: RawSheet = { ...sheet, rows: [...sheet.rows, { row, cells }] };
  const data = new Map(wb.data);
  data.set(sheet.name, withRow);
  const outcome = checkLedger({ ...wb, data }, options);
  const findings = outcome.ok ? outcome.result.findings.filter((f) => f.sheet === def.name && f.row === row) : [];
  return { row, address: `${columnLetter(first)}${row}:${columnLetter(last)}${row}`, values: [values], formats: [formats], findings };
}

export interface CellWrite {
  readonly address: string;
  readonly value: unknown;
  readonly format: string;
}

export interface RowUpdate {
  readonly writes: readonly CellWrite[];
  /** the check's findings on that row after the change (errors refuse the save) */
  readonly findings: readonly Finding[];
}

/** A form value as Excel stores it: dates as serial numbers, numbers as numbers, the rest as text. */
function typed(type: string, raw: string): { value: unknown; format: string } {
  if ((type === 'date' || type === 'datetime') && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return { value: isoToSerial(raw), format: 'yyyy-mm-dd' };
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return { value: Number(raw), format: 'General' };
  return { value: raw, format: 'General' };
}

/**
 * Change cells of an existing row (a quick action: mark done, write off, extend) or of the
 * 基本信息 form (`row` 0 with `form` labels), and check the workbook with the change.
 */
export function updateCells(
  wb: RawWorkbook,
  sheetName: string,
  changes: ReadonlyArray<{ readonly row: number; readonly col: number; readonly type: string; readonly raw: string }>,
  options: CheckOptions,
): RowUpdate {
  const sheet = [...wb.data.values()].find((s) => s.name.trim() === sheetName);
  if (!sheet) return { writes: [], findings: [] };
  const rows = new Map(sheet.rows.map((r) => [r.row, new Map(r.cells)]));
  const writes: CellWrite[] = [];
  for (const c of changes) {
    const { value, format } = typed(c.type, c.raw.trim());
    const cells = rows.get(c.row) ?? new Map<number, RawCell>();
    const cellValue = gridValue(value, format);
    if (cellValue) cells.set(c.col, { value: cellValue });
    else cells.delete(c.col);
    rows.set(c.row, cells);
    writes.push({ address: `${columnLetter(c.col)}${c.row}`, value, format });
  }
  const changed: RawSheet = { ...sheet, rows: [...rows].sort((a, b) => a[0] - b[0]).map(([row, cells]) => ({ row, cells })) };
  const data = new Map(wb.data);
  data.set(sheet.name, changed);
  const outcome = checkLedger({ ...wb, data }, options);
  const touched = new Set(changes.map((c) => c.row));
  const findings = outcome.ok ? outcome.result.findings.filter((f) => f.sheet === sheetName && (touched.has(f.row) || f.row === 0)) : [];
  return { writes, findings };
}

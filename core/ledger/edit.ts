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

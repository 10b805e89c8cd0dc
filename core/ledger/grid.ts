/**
 * A workbook as Excel hands it to an add-in — per sheet a block of values with their number
 * formats (Office.js `values` and `numberFormat`) — turned into the reader's plain form, so the
 * task pane runs exactly the rules `mofan check` runs on the saved file.
 */
import { isoToSerial, serialToIso, type CellValue, type RawCell, type RawRow, type RawSheet } from '../xlsx/cells';
import { isDateFormat, type RawWorkbook } from '../xlsx/read';

export interface SheetGrid {
  readonly name: string;
  /** 1-based row and column of the block's top-left cell (a used range need not start at A1) */
  readonly top: number;
  readonly left: number;
  readonly values: readonly (readonly unknown[])[];
  /** number formats of the same block (for telling dates from numbers) */
  readonly formats?: readonly (readonly unknown[])[];
}

const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#BLOCKED!', '#CONNECT!', '#UNKNOWN!']);

/** One Office.js value as a plain cell value (undefined for an empty cell). */
export function gridValue(value: unknown, format: unknown): CellValue | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') {
    if (typeof format === 'string' && isDateFormat(format)) {
      const iso = serialToIso(value);
      if (iso) return { type: 'date', value: iso };
    }
    return { type: 'number', value };
  }
  const text = String(value);
  if (ERRORS.has(text)) return { type: 'error', value: text };
  return { type: 'string', value: text };
}

/** The sheets (all names, and the blocks of those read) as the reader's RawWorkbook. */
export function workbookFromGrids(sheetNames: readonly string[], grids: readonly SheetGrid[]): RawWorkbook {
  const data = new Map<string, RawSheet>();
  for (const g of grids) {
    const rows: RawRow[] = [];
    g.values.forEach((line, i) => {
      const cells = new Map<number, RawCell>();
      line.forEach((v, j) => {
        const value = gridValue(v, g.formats?.[i]?.[j]);
        if (value) cells.set(g.left + j, { value });
      });
      if (cells.size > 0) rows.push({ row: g.top + i, cells });
    });
    data.set(g.name, { name: g.name, rows, merges: [] });
  }
  return { sheets: sheetNames.map((name) => ({ name, state: 'visible' as const })), date1904: false, data };
}

/** The inverse, for tests and benchmarks: a read workbook as Office.js would show it (dates as serial numbers with a date format). */
export function gridsFromWorkbook(wb: RawWorkbook): SheetGrid[] {
  return [...wb.data].map(([name, sheet]) => {
    const values: unknown[][] = [];
    const formats: string[][] = [];
    for (const row of sheet.rows) {
      for (const [col, cell] of row.cells) {
        (values[row.row - 1] ??= [])[col - 1] = cell.value.type === 'date' ? isoToSerial(cell.value.value) : cell.value.value;
        (formats[row.row - 1] ??= [])[col - 1] = cell.value.type === 'date' ? 'yyyy-mm-dd' : 'General';
      }
    }
    return {
      name,
      top: 1,
      left: 1,
      values: Array.from(values, (r) => Array.from(r ?? [], (v) => v ?? '')),
      formats: Array.from(formats, (r) => Array.from(r ?? [], (v) => v ?? 'General')),
    };
  });
}

/** Plain cell values as the reader hands them to the model: no exceljs, no Office.js. */

export type CellValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  /** a date cell: ISO `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when it has a time of day */
  | { readonly type: 'date'; readonly value: string }
  /** an Excel error value such as #N/A */
  | { readonly type: 'error'; readonly value: string };

export interface RawCell {
  readonly value: CellValue;
  /** the cell held a formula; `value` is its cached result (never evaluated, never passed on) */
  readonly formula?: boolean;
}

export interface RawRow {
  /** 1-based row number */
  readonly row: number;
  /** 1-based column → cell, only cells with a value */
  readonly cells: ReadonlyMap<number, RawCell>;
}

/**
 * A row's cells as the reader collects them: a ReadonlyMap by column, kept in an array indexed by
 * column — filling and reading it costs a fraction of a Map's hashing (a merge reads millions of
 * cells) — with the columns used, in order, for listing them (a row with a cell far to the right
 * is listed in as many steps as it has cells, not columns).
 */
export class RowCells implements ReadonlyMap<number, RawCell> {
  private readonly byCol: Array<RawCell | undefined> = [];
  /** the columns with a cell, ascending */
  private readonly cols: number[] = [];

  /** Cells from [column, cell] pairs. */
  static from(entries: Iterable<readonly [number, RawCell]>): RowCells {
    const cells = new RowCells();
    for (const [col, cell] of entries) cells.set(col, cell);
    return cells;
  }

  /** Set column `col`'s cell (a whole number ≥ 1). */
  set(col: number, cell: RawCell): void {
    if (this.byCol[col] === undefined) {
      const cols = this.cols;
      // cells come left to right in nearly every file: then this is a push
      let at = cols.length;
      while (at > 0 && cols[at - 1]! > col) at--;
      if (at === cols.length) cols.push(col);
      else cols.splice(at, 0, col);
    }
    this.byCol[col] = cell;
  }

  get(col: number): RawCell | undefined {
    return this.byCol[col];
  }

  has(col: number): boolean {
    return this.byCol[col] !== undefined;
  }

  get size(): number {
    return this.cols.length;
  }

  forEach(callback: (cell: RawCell, col: number, map: ReadonlyMap<number, RawCell>) => void, thisArg?: unknown): void {
    for (const [col, cell] of this.entries()) callback.call(thisArg, cell, col, this);
  }

  *entries(): MapIterator<[number, RawCell]> {
    for (const col of this.cols) yield [col, this.byCol[col]!];
  }

  *keys(): MapIterator<number> {
    yield* this.cols;
  }

  *values(): MapIterator<RawCell> {
    for (const col of this.cols) yield this.byCol[col]!;
  }

  [Symbol.iterator](): MapIterator<[number, RawCell]> {
    return this.entries();
  }
}

export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface RawSheet {
  readonly name: string;
  /** rows with at least one value, in row order */
  readonly rows: readonly RawRow[];
  readonly merges: readonly CellRange[];
}

/** Excel column letters → 1-based index (A → 1); 0 when not letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    const v = c >= 97 ? c - 96 : c - 64;
    if (v < 1 || v > 26) return 0;
    n = n * 26 + v;
  }
  return n;
}

/** Parse an A1 reference (with optional $) into 1-based row and column. */
export function parseA1(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  const col = columnIndex(m[1]!.toUpperCase());
  const row = Number(m[2]);
  return col > 0 && row > 0 ? { row, col } : undefined;
}

/** Parse an A1:B2 range (a single cell is a 1×1 range). */
export function parseRange(ref: string): CellRange | undefined {
  const [a, b] = ref.split(':');
  const start = a ? parseA1(a) : undefined;
  const end = b ? parseA1(b) : start;
  if (!start || !end) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

/** Largest serial Excel accepts (9999-12-31). */
export const MAX_DATE_SERIAL = 2_958_465;

/**
 * An Excel serial date as ISO text (date only when there is no time of day), or undefined when it
 * is out of Excel's range. Serials before 1900-03-01 are off by Excel's 1900 leap-year bug; the
 * ledger's dates are all far later.
 */
export function serialToIso(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_DATE_SERIAL) return undefined;
  // whole-day serials repeat a great deal in a ledger: remember them
  const memo = Number.isInteger(serial) ? (date1904 ? DAYS_1904 : DAYS_1900) : undefined;
  const known = memo?.get(serial);
  if (known) return known;
  const ms = Math.round(serial * DAY_MS) + (date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900);
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 19);
  const out = time === '00:00:00' ? iso.slice(0, 10) : iso.slice(0, 19);
  if (memo && memo.size < 100_000) memo.set(serial, out);
  return out;
}
const DAYS_1900 = new Map<number, string>();
const DAYS_1904 = new Map<number, string>();

/** ISO date (or datetime) → Excel serial (1900 system). */
export function isoToSerial(iso: string): number {
  const known = SERIALS.get(iso);
  if (known !== undefined) return known;
  const serial = computeSerial(iso);
  if (SERIALS.size < 100_000) SERIALS.set(iso, serial);
  return serial;
}
const SERIALS = new Map<string, number>();

function computeSerial(iso: string): number {
  const [date = '', time = '00:00:00'] = iso.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  const ms = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, ss ?? 0);
  return (ms - EXCEL_EPOCH_1900) / DAY_MS;
}

/** The text a user sees for a value (dates as ISO, numbers in plain notation). */
export function cellText(value: CellValue | undefined): string {
  if (!value) return '';
  switch (value.type) {
    case 'string':
    case 'date':
    case 'error':
      return value.value;
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
  }
}

/**
 * A copy of plain data (texts, numbers, arrays, records) whose strings share no memory with the
 * ones given. A text sliced from a decoded part keeps the whole part alive; whatever outlives the
 * file it was read from (a memo, a merge's heads and digests) is detached first.
 */
export function detached<T>(data: T): T {
  return JSON.parse(JSON.stringify(data)) as T;
}

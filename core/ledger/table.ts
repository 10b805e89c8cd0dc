/**
 * From a raw sheet to a table of the schema: headers matched by name (not position), title rows
 * above the header skipped, merged cells read as their value, extra columns kept. Nothing is
 * dropped: every row with a value comes out, with its row number.
 */
import { detached, type CellValue, type RawRow, type RawSheet } from '../xlsx/cells';
import { columnLetter, type ColumnDef, type FormSheetDef, type ListSheetDef } from '../schema';

export interface TableColumn {
  readonly key: string;
  /** the header as written in the file */
  readonly header: string;
  /** 1-based column */
  readonly col: number;
}

export interface ExtraColumn {
  readonly header: string;
  readonly col: number;
}

export interface TableRow {
  /** 1-based row number in the sheet */
  readonly row: number;
  readonly values: Readonly<Record<string, CellValue | undefined>>;
  /** values of columns the schema does not know, by header */
  readonly extras: Readonly<Record<string, CellValue>>;
  /** keys of values that came from formulas (their cached results) */
  readonly formulas: readonly string[];
}

export interface Table {
  readonly sheet: string;
  /** 0 when no header row was found */
  readonly headerRow: number;
  readonly columns: readonly TableColumn[];
  readonly missing: readonly ColumnDef[];
  readonly extras: readonly ExtraColumn[];
  /** schema columns whose header appears twice: the first is used, the others kept as extras */
  readonly duplicates: readonly ExtraColumn[];
  readonly rows: readonly TableRow[];
  /** true when the header matched the schema's column order exactly */
  readonly inOrder: boolean;
}

/**
 * Fold a header for matching: full-width forms to half-width (NFKC), no spaces anywhere, no
 * required-field stars, no trailing note in brackets, ASCII in lower case.
 */
export function normaliseHeader(text: string): string {
  const known = HEADERS.get(text);
  if (known !== undefined) return known;
  const folded = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/\([^()]*\)$/, '')
    .replace(/【[^【】]*】$/, '')
    .toLowerCase();
  // remembered detached from the file's XML (see `detached`); the header search also passes data
  // cells here, so only short texts, the size of a header, are kept
  if (text.length <= 64 && HEADERS.size < 10_000) HEADERS.set(detached(text), detached(folded));
  return folded;
}
const HEADERS = new Map<string, string>();

const HEADER_INDEXES = new WeakMap<readonly ColumnDef[], ReadonlyMap<string, ColumnDef>>();

/**
 * The header texts that name each column: its header and its aliases, folded. Made once per list
 * of columns (the schema's, for every sheet of every file a merge reads).
 */
function headerIndex(columns: readonly ColumnDef[]): ReadonlyMap<string, ColumnDef> {
  let index = HEADER_INDEXES.get(columns);
  if (!index) {
    const made = new Map<string, ColumnDef>();
    for (const c of columns) {
      for (const h of [c.header, ...(c.aliases ?? [])]) made.set(normaliseHeader(h), c);
    }
    HEADER_INDEXES.set(columns, (index = made));
  }
  return index;
}

const textOf = (v: CellValue | undefined): string => (v && v.type === 'string' ? v.value : v ? String(v.value) : '');

/** How far down to look for the header row (title rows, notes and blank rows may sit above it). */
const HEADER_SEARCH_ROWS = 20;

/** Where a table's columns are: its header row and what each header names (a table without its rows). */
export type TableLayout = Omit<Table, 'rows'>;

/** A table's layout, and what reading its rows needs. */
interface Layout extends TableLayout {
  /** column → the schema key it holds */
  readonly byCol: ReadonlyMap<number, string>;
  /** column → the name its values are kept under when the schema does not know it */
  readonly extraNames: ReadonlyMap<number, string>;
  readonly merged: (row: number, col: number) => CellValue | undefined;
  readonly noMerges: boolean;
}

/** Turn a raw sheet into a table of a list sheet of the schema. */
export function extractTable(sheet: RawSheet, def: ListSheetDef): Table {
  const layout = tableLayout(sheet, def);
  const { byCol: _byCol, extraNames: _extraNames, merged: _merged, noMerges: _noMerges, ...table } = layout;
  if (layout.headerRow === 0) {
    return { ...table, rows: sheet.rows.map((r) => ({ row: r.row, values: {}, extras: extrasOf(r.cells, new Map()), formulas: [] })) };
  }
  const rows: TableRow[] = [];
  const cells = new Array<CellValue | undefined>(layout.columns.length).fill(undefined);
  for (const r of sheet.rows) {
    const read = readRow(layout, r, cells);
    if (!read) continue;
    const values: Record<string, CellValue | undefined> = {};
    const formulas: string[] = [];
    layout.columns.forEach((c, i) => {
      const value = cells[i];
      if (value === undefined) return;
      values[c.key] = value;
      if (r.cells.get(c.col)?.formula) formulas.push(c.key);
    });
    rows.push({ row: r.row, values, extras: read.extras, formulas });
  }
  return { ...table, rows };
}

/**
 * A list sheet's layout: among the first rows with values, the one naming most schema columns is
 * the header (none when fewer than two match; every row is then kept as extras by extractTable).
 */
export function tableLayout(sheet: RawSheet, def: ListSheetDef): Layout {
  const index = headerIndex(def.columns);
  const merged = mergeResolver(sheet);
  const noMerges = sheet.merges.length === 0;
  // a cell of a row at hand: without merges, straight from the row (no index of the sheet's rows)
  const at = (r: RawRow, col: number) => (noMerges ? r.cells.get(col)?.value : merged(r.row, col));

  // the header row: among the first rows with values, the one naming most schema columns
  let headerRow = 0;
  let best = 0;
  for (const r of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const matches = new Set<string>();
    for (const col of r.cells.keys()) {
      const c = index.get(normaliseHeader(textOf(at(r, col))));
      if (c) matches.add(c.key);
    }
    if (matches.size > best) {
      best = matches.size;
      headerRow = r.row;
      // no later row can name more: the data rows below are not searched (long texts are costly to fold)
      if (best === def.columns.length) break;
    }
  }
  if (best < Math.min(2, def.columns.length)) {
    return { sheet: sheet.name, headerRow: 0, columns: [], missing: def.columns, extras: [], duplicates: [], inOrder: false, byCol: new Map(), extraNames: new Map(), merged, noMerges };
  }

  const header = sheet.rows.find((r) => r.row === headerRow);
  const columns: TableColumn[] = [];
  const extras: ExtraColumn[] = [];
  const duplicates: ExtraColumn[] = [];
  const seen = new Set<string>();
  const cols = [...(header?.cells.keys() ?? [])].sort((a, b) => a - b);
  for (const col of cols) {
    const text = textOf(header ? at(header, col) : undefined).trim();
    if (!text) continue;
    const c = index.get(normaliseHeader(text));
    if (c && !seen.has(c.key)) {
      seen.add(c.key);
      columns.push({ key: c.key, header: text, col });
    } else if (c) {
      duplicates.push({ header: text, col });
    } else {
      extras.push({ header: text, col });
    }
  }
  const missing = def.columns.filter((c) => !seen.has(c.key));
  const inOrder = missing.length === 0 && columns.every((c, i) => c.key === def.columns[i]?.key && c.col === i + 1);

  const byCol = new Map<number, string>(columns.map((c) => [c.col, c.key]));
  // a header written twice (or an extra column named like another) gets its column letter, so no value is lost
  const extraNames = new Map<number, string>();
  const used = new Set<string>();
  for (const e of [...extras, ...duplicates].sort((a, b) => a.col - b.col)) {
    const key = used.has(e.header) ? `${e.header} (${columnLetter(e.col)})` : e.header;
    used.add(key);
    extraNames.set(e.col, key);
  }
  return { sheet: sheet.name, headerRow, columns, missing, extras, duplicates, inOrder, byCol, extraNames, merged, noMerges };
}

const NO_EXTRAS: Readonly<Record<string, CellValue>> = Object.freeze({});

/**
 * One row of a table with a header (`layout.headerRow` > 0): its value in each of the layout's
 * columns, written into `cells` (by the columns' order), and its values outside them. Undefined
 * for a row that is not the table's: at or above the header, or without any value.
 */
export function readRow(layout: Layout, r: RawRow, cells: Array<CellValue | undefined>): { readonly extras: Readonly<Record<string, CellValue>> } | undefined {
  if (r.row <= layout.headerRow) return undefined;
  let any = false;
  let direct = 0;
  const columns = layout.columns;
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!.col;
    const cell = r.cells.get(col);
    if (cell) direct += 1;
    // without merged cells, a cell missing from its row is empty: no lookup needed
    const value = cell ? cell.value : layout.noMerges ? undefined : layout.merged(r.row, col);
    cells[i] = value;
    if (value !== undefined) any = true;
  }
  // every cell of the row is in a column of the table: nothing else to keep
  const extras = r.cells.size > direct ? extrasOf(r.cells, layout.extraNames, layout.byCol) : NO_EXTRAS;
  if (!any && extras === NO_EXTRAS) return undefined;
  return { extras };
}

/** Values of columns outside the schema: named by their header, or by column letter when unnamed. */
function extrasOf(
  cells: ReadonlyMap<number, { value: CellValue }>,
  names: ReadonlyMap<number, string>,
  known: ReadonlyMap<number, string> = new Map(),
): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [col, cell] of cells) {
    if (known.has(col)) continue;
    out[names.get(col) ?? `(${columnLetter(col)})`] = cell.value;
  }
  return out;
}

/**
 * A lookup that reads a merged cell as the value of its top-left cell. Merges are clipped to the
 * sheet's data, so a merge over A1:XFD1048576 costs no more than the data it covers.
 */
export function mergeResolver(sheet: RawSheet): (row: number, col: number) => CellValue | undefined {
  // the index of rows is made at the first lookup: a sheet without merges is mostly read row by
  // row, and indexing every row of every sheet of every file was a loop of its own in a merge
  let byRow: Map<number, RawRow> | undefined;
  const rows = (): Map<number, RawRow> => (byRow ??= new Map(sheet.rows.map((r) => [r.row, r])));
  const direct = (row: number, col: number) => rows().get(row)?.cells.get(col)?.value;
  if (sheet.merges.length === 0) return direct;
  const lastRow = sheet.rows.at(-1)?.row ?? 0;
  let lastCol = 0;
  for (const r of sheet.rows) for (const c of r.cells.keys()) if (c > lastCol) lastCol = c;
  // only merges whose top-left holds a value matter; index them by row
  const starts = new Map<number, Array<{ left: number; right: number; top: number }>>();
  for (const m of sheet.merges) {
    if (m.top > lastRow || m.left > lastCol || direct(m.top, m.left) === undefined) continue;
    const bottom = Math.min(m.bottom, lastRow);
    for (let row = m.top; row <= bottom; row++) {
      if (!rows().has(row) && row !== m.top) continue;
      let list = starts.get(row);
      if (!list) starts.set(row, (list = []));
      list.push({ left: m.left, right: Math.min(m.right, lastCol), top: m.top });
    }
  }
  return (row, col) => {
    const value = direct(row, col);
    if (value !== undefined) return value;
    const hit = starts.get(row)?.find((m) => col >= m.left && col <= m.right);
    return hit ? direct(hit.top, hit.left) : undefined;
  };
}

export interface FormValues {
  /** field key → value and the row it was found on */
  readonly values: Readonly<Record<string, { value: CellValue | undefined; row: number; col: number }>>;
  readonly missing: readonly string[];
}

/** Read the 基本信息 form: a label in one column, its value in the next non-empty cell to the right. */
export function extractForm(sheet: RawSheet, def: FormSheetDef): FormValues {
  const byLabel = new Map(def.fields.map((f) => [normaliseHeader(f.label), f]));
  const values: Record<string, { value: CellValue | undefined; row: number; col: number }> = {};
  for (const r of sheet.rows) {
    const cols = [...r.cells.keys()].sort((a, b) => a - b);
    for (const [i, col] of cols.entries()) {
      const field = byLabel.get(normaliseHeader(textOf(r.cells.get(col)?.value)));
      if (!field || values[field.key]) continue;
      const next = cols[i + 1];
      // the value sits right of the label; a hint in the column after it is not the value
      const valueCol = col + 1;
      values[field.key] = { value: next === valueCol ? r.cells.get(valueCol)?.value : undefined, row: r.row, col: valueCol };
      break;
    }
  }
  return { values, missing: def.fields.filter((f) => !values[f.key]).map((f) => f.key) };
}

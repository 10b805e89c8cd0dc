/**
 * Build a ledger as the reader would hand it over (a RawWorkbook), straight from plain objects:
 * fast enough for table-driven rule tests. Values: strings, numbers, booleans, `{ date }` for a
 * date cell, `null` to leave a cell empty.
 */
import { INFO_SHEET, LIST_SHEETS, SHEET_NAMES, TEMPLATE_ID, TEMPLATE_VERSION, infoFieldRow, type ListSheetKey } from '../../core/schema';
import type { CellValue, RawCell, RawRow, RawSheet } from '../../core/xlsx/cells';
import type { RawWorkbook } from '../../core/xlsx/read';

export type RawInput = string | number | boolean | null | { readonly date: string } | { readonly formula: string | number };
export type RawRecord = Readonly<Record<string, RawInput>>;

export interface RawLedger {
  readonly info?: RawRecord;
  readonly issues?: readonly RawRecord[];
  readonly tasks?: readonly RawRecord[];
  readonly selfAssessment?: readonly RawRecord[];
  readonly ideas?: readonly RawRecord[];
  readonly plan?: readonly RawRecord[];
  /** replace whole sheets (e.g. to move columns) */
  readonly sheets?: Readonly<Record<string, RawSheet>>;
}

export function cell(v: RawInput): RawCell | undefined {
  if (v === null) return undefined;
  if (typeof v === 'object' && 'date' in v) return { value: { type: 'date', value: v.date } };
  if (typeof v === 'object' && 'formula' in v) {
    const value: CellValue = typeof v.formula === 'number' ? { type: 'number', value: v.formula } : { type: 'string', value: v.formula };
    return { value, formula: true };
  }
  const value: CellValue =
    typeof v === 'string' ? { type: 'string', value: v } : typeof v === 'number' ? { type: 'number', value: v } : { type: 'boolean', value: v };
  return { value };
}

/** A raw sheet from rows of values (row 1 first). */
export function rawSheet(name: string, rows: ReadonlyArray<ReadonlyArray<RawInput>>, merges: RawSheet['merges'] = []): RawSheet {
  const out: RawRow[] = [];
  rows.forEach((values, i) => {
    const cells = new Map<number, RawCell>();
    values.forEach((v, j) => {
      const c = cell(v);
      if (c) cells.set(j + 1, c);
    });
    if (cells.size > 0) out.push({ row: i + 1, cells });
  });
  return { name, rows: out, merges };
}

export const DEFAULT_INFO: RawRecord = {
  unit: '煤炭事务中心',
  section: '安全监管股',
  head: '王建国',
  contact: '李敏',
  phone: '0734-4321001',
  period: '2024-06',
  asOf: { date: '2024-06-30' },
  templateId: TEMPLATE_ID,
  templateVersion: TEMPLATE_VERSION,
};

export function infoSheet(info: RawRecord): RawSheet {
  const rows: RawInput[][] = [['项目', '内容', '填写说明']];
  for (const f of INFO_SHEET.fields) rows[infoFieldRow(f.key) - 1] = [f.label, info[f.key] ?? null, f.hint];
  return rawSheet(INFO_SHEET.name, rows);
}

export function listRawSheet(key: ListSheetKey, records: readonly RawRecord[]): RawSheet {
  const def = LIST_SHEETS.find((s) => s.key === key)!;
  return rawSheet(def.name, [def.columns.map((c) => c.header), ...records.map((r) => def.columns.map((c) => r[c.key] ?? null))]);
}

/** A whole ledger workbook; unspecified lists are empty (header only). */
export function rawLedger(ledger: RawLedger): RawWorkbook {
  const data = new Map<string, RawSheet>();
  data.set(INFO_SHEET.name, infoSheet({ ...DEFAULT_INFO, ...ledger.info }));
  for (const def of LIST_SHEETS) data.set(def.name, listRawSheet(def.key, ledger[def.key] ?? []));
  for (const [name, sheet] of Object.entries(ledger.sheets ?? {})) data.set(name, sheet);
  return { sheets: SHEET_NAMES.map((name) => ({ name, state: 'visible' as const })), date1904: false, data };
}

/** A complete, valid problem row (override what a test needs). */
export function issue(over: RawRecord = {}): RawRecord {
  return {
    id: 'AJ-001',
    category: '工作作风',
    description: '下矿检查发现的问题跟踪不及时',
    source: '自己找',
    strong: '否',
    foundDate: { date: '2024-05-10' },
    cause: '跟踪制度不健全',
    measures: '建立问题跟踪台账，每周更新',
    fixType: '限期整改',
    leader: '赵立新',
    owner: '王建国',
    deadline: { date: '2024-08-31' },
    status: '整改中',
    ...over,
  };
}

export function task(over: RawRecord = {}): RawRecord {
  return {
    id: 'AJ-001-01',
    issueId: 'AJ-001',
    content: '建立跟踪台账',
    steps: '设计台账格式，每周五更新',
    owner: '王建国',
    deadline: { date: '2024-08-15' },
    progress: 50,
    ...over,
  };
}

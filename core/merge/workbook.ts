/**
 * The office workbook's layout: a merge result as sheets for the lean writer, and a previous office
 * workbook read back into what the office typed (review scores, comments, adjustments).
 */
import { columnOf, valueAt, valueOfKey, type TypedCheckResult, type TypedSheet, type TypedValue } from '../rules';
import { INFO_SHEET, LISTS, LIST_SHEETS, columnLetter, type ListSheetKey } from '../schema';
import {
  ADJUSTMENT_KINDS,
  ADJUSTMENT_SHEET,
  DEADLINE_HEADERS,
  MERGED_SHEET_NAME,
  OFFICE_SHEET_NAMES,
  PROVENANCE_HEADERS,
  REVIEW_SHEET,
  STATE_LABEL,
} from '../schema/office';
import type { Scheme, Section } from '../scheme';
import { extractTable } from '../ledger/table';
import { cellText, serialToIso, type CellValue } from '../xlsx/cells';
import { parseTextDate } from '../rules/values';
import type { RawWorkbook } from '../xlsx/read';
import { CellGrid, FileTexts, STYLE, WorkbookWriter, type CellInput, type ColumnSpec, type Compressor, type Piece, type RenderBuffer, type SheetHead, type SheetWriter, type StyleName } from '../xlsx/writer';
import {
  MERGE_NOTES,
  rejectionText,
  type AdjustmentEntry,
  type AdjustmentRow,
  type FileFinding,
  rowDeadlineBy,
  type MergeOptions,
  type MergeResult,
  type MergeSummary,
  type MergedRow,
  type Previous,
  type ReviewEntry,
  type ReviewRow,
  type FindingSink,
} from './index';

const SHEET_TITLE: Readonly<Record<ListSheetKey, string>> = Object.fromEntries(LIST_SHEETS.map((s) => [s.key, s.name])) as Record<ListSheetKey, string>;
/** Digits at [from, to) of a text. */
function digitsAt(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Is a text an ISO date or date-time, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (as a date column's typed value is)? */
export function isIsoDateText(t: string): boolean {
  const n = t.length;
  if (n !== 10 && n !== 19) return false;
  if (!(digitsAt(t, 0, 4) && t.charCodeAt(4) === 45 && digitsAt(t, 5, 7) && t.charCodeAt(7) === 45 && digitsAt(t, 8, 10))) return false;
  return n === 10 || (t.charCodeAt(10) === 84 && digitsAt(t, 11, 13) && t.charCodeAt(13) === 58 && digitsAt(t, 14, 16) && t.charCodeAt(16) === 58 && digitsAt(t, 17, 19));
}

/** A typed value as a cell: ISO dates in date columns become date cells; all text stays text. */
function valueCell(date: boolean, v: TypedValue | undefined): CellInput {
  if (v === null || v === undefined) return null;
  if (date && typeof v === 'string' && isIsoDateText(v)) return { date: v };
  return v;
}

/**
 * Per list sheet, which of its schema columns hold dates: read once. The schema's column
 * definitions are object literals of many shapes, and reading `type` from one for every cell was
 * V8's slowest kind of property load.
 */
const DATE_COLUMNS: ReadonlyMap<ListSheetKey, readonly boolean[]> = new Map(LIST_SHEETS.map((def) => [def.key, def.columns.map((c) => c.type === 'date' || c.type === 'datetime')]));

/** How the merged sheets lay out a row: provenance, the section's columns, the rest kept as text. */
function mergedHead(key: ListSheetKey): SheetHead {
  const def = LIST_SHEETS.find((s) => s.key === key)!;
  const columns: ColumnSpec[] = [
    { header: PROVENANCE_HEADERS.section, width: 12 },
    { header: PROVENANCE_HEADERS.sectionCode, width: 8 },
    ...def.columns.map((c) => ({ header: c.header, width: c.width, ...(c.type === 'longtext' ? { style: 'wrap' as const } : {}) })),
    { header: EXTRAS_HEADER, width: 20, style: 'wrap' },
    ...(def.deadline ? [{ header: DEADLINE_HEADERS.state, width: 9 }, { header: DEADLINE_HEADERS.days, width: 8 }] : []),
    { header: PROVENANCE_HEADERS.file, width: 28 },
    { header: PROVENANCE_HEADERS.row, width: 7 },
  ];
  return { name: MERGED_SHEET_NAME[key], columns, freezeHeader: true, autoFilter: true, print: true };
}

/** Columns a submission added beyond the template, kept as "header: value" text so nothing is lost. */
export const EXTRAS_HEADER = '其他列';

const STATE_STYLE: Partial<Record<NonNullable<MergedRow['state']>, StyleName>> = { overdue: 'overdue', 'due-soon': 'dueSoon', 'late-done': 'warn', done: 'good' };

/** Where a merged row's cells go, one by one in column order. */
interface CellSink {
  put(input: CellInput): void;
}

/** A row's values by the place of their column in the sheet's schema (`def.columns[j]`). */
interface RowValues {
  value(j: number): TypedValue | undefined;
}

/** A record's values (a merged row of the check's records). */
class RecordValues implements RowValues {
  constructor(
    private readonly def: (typeof LIST_SHEETS)[number],
    private readonly values: Readonly<Record<string, TypedValue>>,
  ) {}

  value(j: number): TypedValue | undefined {
    return this.values[this.def.columns[j]!.key];
  }
}

/** The values of a typed sheet's row `i` (moved from row to row): no record is made. */
class TypedRowValues implements RowValues {
  i = 0;
  /** each schema column's place in the sheet's rows (−1: the file lacks the column) */
  private readonly at: readonly number[];
  /** `value` by key, for the deadline columns */
  readonly byKey = (key: string): TypedValue | undefined => valueOfKey(this.sheet, this.i, key);

  constructor(
    def: (typeof LIST_SHEETS)[number],
    private readonly sheet: TypedSheet,
  ) {
    // pushed, not mapped: an array `map` makes once V8 has compiled it is of another kind (with
    // holes), and `value`, compiled for the first kind, was thrown away and made again
    const at: number[] = [];
    for (const c of def.columns) at.push(columnOf(sheet, c.key));
    this.at = at;
  }

  value(j: number): TypedValue | undefined {
    return valueAt(this.sheet, this.i, this.at[j]!);
  }
}

/** A merged row's cells: provenance, the section's columns, the rest kept as text, its deadline state. */
function putMergedCells(
  def: (typeof LIST_SHEETS)[number],
  section: Section,
  file: string,
  row: number,
  values: RowValues,
  extras: Readonly<Record<string, string>>,
  due: { readonly state?: MergedRow['state']; readonly days?: number } | undefined,
  sink: CellSink,
): void {
  sink.put(section.name);
  sink.put(section.code);
  const dates = DATE_COLUMNS.get(def.key)!;
  for (let j = 0; j < dates.length; j++) sink.put(valueCell(dates[j]!, values.value(j)));
  let extra: string | null = null;
  for (const h in extras) extra = `${extra === null ? '' : `${extra}；`}${h}: ${extras[h]}`;
  sink.put(extra);
  if (def.deadline) {
    const style = due?.state ? STATE_STYLE[due.state] : undefined;
    const label = due?.state ? STATE_LABEL[due.state] : null;
    sink.put(style ? { value: label, style } : label);
    sink.put(due?.days ?? null);
  }
  sink.put(file);
  sink.put(row);
}

function mergedCells(def: (typeof LIST_SHEETS)[number], r: MergedRow): CellInput[] {
  const cells: CellInput[] = [];
  putMergedCells(def, r.section, r.file, r.row, new RecordValues(def, r.values), r.extras, r, { put: (input) => void cells.push(input) });
  return cells;
}

/** Rows put cell by cell into a grid, without an array of cells a row. */
class GridSink implements CellSink {
  private at = 0;
  private i = 0;

  constructor(
    private readonly grid: CellGrid,
    private readonly texts: FileTexts,
  ) {}

  /** Begin the next row. */
  row(): void {
    this.at = this.grid.startRow();
    this.i = 0;
  }

  put(input: CellInput): void {
    this.grid.set(this.at, this.i++, input, this.texts);
  }
}

/**
 * A merged sheet's layout: its rows as cells (the office workbook adds them as they are, or they
 * are kept in a grid where their file was checked and rendered from a given row number on).
 */
export class MergedSheetRenderer {
  private readonly def: (typeof LIST_SHEETS)[number];
  readonly letters: readonly string[];
  private readonly styles: readonly number[];

  constructor(readonly key: ListSheetKey) {
    this.def = LIST_SHEETS.find((s) => s.key === key)!;
    const columns = mergedHead(key).columns;
    this.letters = columns.map((_, i) => columnLetter(i + 1));
    this.styles = columns.map((c) => STYLE[c.style ?? 'normal']);
  }

  cells(row: MergedRow): CellInput[] {
    return mergedCells(this.def, row);
  }

  /** An empty grid of this sheet's columns. */
  grid(capacity?: number): CellGrid {
    return new CellGrid(this.styles, capacity);
  }
}

/**
 * The office workbook's fixed vocabulary: section names and codes, deadline states, the template's
 * list values, the scheme's indicators and the review sheet's notes. They open its shared strings,
 * so rows rendered anywhere write them as indices, and the review sheet, read back by the next
 * merge, needs only these first strings; a row's source file is added when its file is accepted.
 */
export function officeStrings(scheme: Scheme): readonly string[] {
  return [
    ...new Set([
      ...scheme.sections.map((s) => s.name),
      ...scheme.sections.map((s) => s.code),
      ...Object.values(STATE_LABEL),
      ...Object.values(LISTS).flat(),
      ...scheme.indicators.flatMap((i) => [i.id, i.heading, i.content]),
      ...Object.values(MERGE_NOTES.zh).flatMap((n) => (typeof n === 'string' ? [n] : [])),
      ...ADJUSTMENT_KINDS,
    ]),
  ].filter((t) => t !== '');
}

const KNOWN = new WeakMap<Scheme, ReadonlyMap<string, number>>();

function knownIndex(scheme: Scheme): ReadonlyMap<string, number> {
  let index = KNOWN.get(scheme);
  if (!index) KNOWN.set(scheme, (index = new Map(officeStrings(scheme).map((t, i) => [t, i]))));
  return index;
}

const RENDERERS = new Map<ListSheetKey, MergedSheetRenderer>();

/** A sheet's renderer (made once: it holds only the sheet's layout). */
export function mergedRenderer(key: ListSheetKey): MergedSheetRenderer {
  let r = RENDERERS.get(key);
  if (!r) RENDERERS.set(key, (r = new MergedSheetRenderer(key)));
  return r;
}

/**
 * An accepted file's rows as cells of the merged sheets, ready to be rendered, with their texts:
 * the file's block of shared strings as XML, and how the texts' codes become indices once placed.
 */
export interface PreparedFile {
  readonly sheets: ReadonlyArray<{ readonly sheet: ListSheetKey; readonly grid: CellGrid }>;
  readonly texts: FileTexts;
  readonly strings: string;
}

/**
 * Make a checked file's rows into cells of the merged sheets (sheets without rows are left out),
 * kept in grids, and code their texts: done where the file was checked, before the merge knows
 * where its rows and texts will land.
 */
export function prepareFileRows(file: string, section: Section, result: TypedCheckResult, options: Pick<MergeOptions, 'asOf' | 'scheme'>): PreparedFile {
  const texts = new FileTexts(knownIndex(options.scheme), file);
  const sheets = LIST_SHEETS.flatMap((def) => {
    const sheet = result.sheets[def.key];
    const n = sheet.rows.length;
    if (n === 0) return [];
    const grid = mergedRenderer(def.key).grid(n);
    // the cells `cells(row)` gives for the row `mergedRows` gives, without making either
    const sink = new GridSink(grid, texts);
    const values = new TypedRowValues(def, sheet);
    for (let i = 0; i < n; i++) {
      values.i = i;
      sink.row();
      putMergedCells(def, section, file, sheet.rows[i]!, values, sheet.extras[i]!, def.deadline ? rowDeadlineBy(values.byKey, def.deadline, options) : undefined, sink);
    }
    return [{ sheet: def.key, grid }];
  });
  return { sheets, texts, strings: texts.seal() };
}

/**
 * A prepared file's rows as XML (UTF-8), each sheet's rows numbered from `start[sheet]`, its texts
 * (its `strings`) being the shared strings from `firstString` on (the file's name is string `fileIndex`).
 * Each sheet's XML is handed to `pack` (which compresses it, say) and may be written into `buffer`,
 * reused from one sheet to the next: `pack` must not keep it.
 */
export function renderFileRows<T>(
  prepared: Omit<PreparedFile, 'strings'>,
  place: { readonly fileIndex: number; readonly firstString: number; readonly start: Readonly<Record<ListSheetKey, number>> },
  pack: (xml: Uint8Array) => T,
  buffer?: RenderBuffer,
): { readonly sheets: Array<{ readonly sheet: ListSheetKey; readonly packed: T; readonly rows: number }>; readonly stringRefs: number } {
  const texts = prepared.texts;
  texts.place(place.firstString, place.fileIndex);
  // each sheet's XML is packed (compressed) before the next is rendered: `buffer` is written again
  const sheets = prepared.sheets.map(({ sheet, grid }) => ({ sheet, packed: pack(grid.render(place.start[sheet], mergedRenderer(sheet).letters, texts, buffer)), rows: grid.rows }));
  return { sheets, stringRefs: texts.refs };
}

function reportHead(m: MergeSummary, scheme: Scheme): SheetHead {
  const columns: ColumnSpec[] = [
    { header: '文件', width: 34 },
    { header: '股室', width: 12 },
    { header: '股室代码', width: 8 },
    { header: '填报期次', width: 9 },
    { header: '提交时间', width: 16 },
    { header: '状态', width: 10 },
    { header: '说明', width: 50, style: 'wrap' },
    ...LIST_SHEETS.map((s) => ({ header: s.name, width: 8 })),
    { header: '错误', width: 6 },
    { header: '警告', width: 6 },
  ];
  const files = m.accepted.length + m.superseded.length + m.rejected.length;
  const titleRows: CellInput[][] = [
    [{ value: `${scheme.unit}模范机关创建工作台账汇总 — 合并报告`, style: 'title' }],
    [`汇总时间 ${m.mergedAt.replace('T', ' ')}　截至日期 ${m.asOf}${m.period ? `　期次 ${m.period}` : ''}　考核方案 ${scheme.version}`],
    [`读入文件 ${files} 个：汇总 ${m.accepted.length}，被替代 ${m.superseded.length}，未汇总 ${m.rejected.length}；名单 ${scheme.sections.length} 个股室，未报送 ${m.missing.length} 个${m.missing.length ? `（${m.missing.map((s) => s.name).join('、')}）` : ''}`],
    ...m.reconciliation.map((r) => [
      {
        value: `${SHEET_TITLE[r.sheet]}：读入 ${r.rowsIn} 行，写出 ${r.rowsOut} 行，${r.ok ? '一致 ✔' : '不一致 ✘'}${r.superseded ? `（被替代文件中另有 ${r.superseded} 行未汇总）` : ''}`,
        style: r.ok ? ('normal' as const) : ('bad' as const),
      },
    ]),
    [],
  ];
  return { name: OFFICE_SHEET_NAMES.report, columns, titleRows, freezeHeader: true, autoFilter: true, print: true, tabColor: 'FF217346' };
}

function reportRows(m: MergeSummary): CellInput[][] {
  const zh = MERGE_NOTES.zh;
  const counts = (rows: Readonly<Record<ListSheetKey, number>> | undefined) => LIST_SHEETS.map((s) => (rows ? rows[s.key] : null));
  return [
    ...m.accepted.map((a) => [a.file, a.section.name, a.section.code, a.period, a.submittedAt ? { date: a.submittedAt } : null, { value: '已汇总', style: 'good' as const }, a.errors > 0 ? `有 ${a.errors} 个错误，已汇总，见“检查结果”` : '', ...counts(a.rows), a.errors, a.warnings]),
    ...m.superseded.map((s) => [s.file, s.section.name, s.section.code, s.period, s.submittedAt ? { date: s.submittedAt } : null, { value: '已被替代', style: 'warn' as const }, `同一股室的新报送 ${s.by} 替代了本文件（按提交时间），本文件各行未汇总`, ...counts(s.rows), s.errors, s.warnings]),
    ...m.rejected.map((r) => [r.file, r.section?.name ?? null, r.section?.code ?? null, null, null, { value: '未汇总', style: 'bad' as const }, rejectionText(r, 'zh'), ...counts(undefined), null, null]),
    ...m.missing.map((s) => [null, s.name, s.code, null, null, { value: zh.missing, style: 'bad' as const }, '名单中的股室未报送或报送未被汇总', ...counts(undefined), null, null]),
  ];
}

const FINDINGS_HEAD: SheetHead = {
  name: OFFICE_SHEET_NAMES.findings,
  columns: [
    { header: '股室', width: 12 },
    { header: '文件', width: 30 },
    { header: '工作表', width: 10 },
    { header: '单元格', width: 8 },
    { header: '列', width: 12 },
    { header: '级别', width: 6 },
    { header: '代码', width: 22 },
    { header: '说明', width: 80, style: 'wrap' },
  ],
  freezeHeader: true,
  autoFilter: true,
};

function findingCells(f: FileFinding): CellInput[] {
  return [
    f.section?.name ?? null,
    f.file,
    f.finding.sheet,
    f.finding.cell || null,
    f.finding.column || null,
    f.finding.severity === 'error' ? { value: '错误', style: 'bad' } : { value: '警告', style: 'warn' },
    f.finding.code,
    f.finding.message,
  ];
}

function reviewHead(rows: number): SheetHead {
  const score = columnLetter(REVIEW_SHEET.columns.findIndex((c) => c.key === 'reviewScore') + 1);
  const points = columnLetter(REVIEW_SHEET.columns.findIndex((c) => c.key === 'points') + 1);
  return {
    name: OFFICE_SHEET_NAMES.review,
    columns: REVIEW_SHEET.columns.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.key === 'reviewScore' ? { style: 'inputDecimal' as const } : c.key === 'comment' ? { style: 'input' as const } : c.key === 'content' ? { style: 'wrap' as const } : {}),
    })),
    freezeHeader: true,
    autoFilter: true,
    print: true,
    // read back by the next merge, which then needs none of the merged rows' shared strings
    inlineTexts: true,
    validations: [
      { ref: `${score}2:${score}${Math.max(rows + 1, 2)}`, type: 'decimal', formulas: [0, `$${points}2`], prompt: '0 至本项分值', error: '评议得分须在 0 到本项分值之间' },
    ],
  };
}

function reviewCells(r: ReviewRow): CellInput[] {
  const zh = MERGE_NOTES.zh;
  return [
    r.sectionCode,
    r.section,
    r.indicatorId,
    r.heading || null,
    r.content || null,
    r.points,
    r.method === 'auto' ? zh.auto : r.method === 'manual' ? zh.manual : null,
    r.selfScore,
    r.reviewScore,
    r.comment || null,
    r.note ? { value: r.note, style: 'warn' } : null,
  ];
}

function adjustmentsHead(rows: number): SheetHead {
  // room for the office to add rows, with the same dropdowns
  const last = Math.max(rows + 1, 500);
  return {
    name: OFFICE_SHEET_NAMES.adjustments,
    columns: ADJUSTMENT_SHEET.columns.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.key === 'date' ? { style: 'inputDate' as const } : c.key !== 'note' ? { style: 'input' as const } : {}),
    })),
    freezeHeader: true,
    autoFilter: true,
    print: true,
    // read back by the next merge, which then needs none of the merged rows' shared strings
    inlineTexts: true,
    validations: [
      { ref: `B2:B${last}`, type: 'list', formulas: ['MOFAN_SECTIONS'], prompt: '从名单中选择股室', error: '请从下拉列表中选择股室' },
      { ref: `C2:C${last}`, type: 'list', formulas: ['MOFAN_ADJUSTMENT_KINDS'], prompt: '加分 / 扣分 / 一票否决', error: '请从下拉列表中选择' },
      { ref: `E2:E${last}`, type: 'decimal', formulas: [0, 100], prompt: '分值（正数；扣分也填正数）', error: '请输入 0 到 100 之间的数' },
      { ref: `G2:G${last}`, type: 'date', formulas: [36526, 73415], prompt: '日期，如 2024-06-30', error: '请输入日期' },
    ],
  };
}

function adjustmentCells(a: AdjustmentRow): CellInput[] {
  return [a.no, a.section || null, a.kind || null, a.item || null, a.points, a.basis || null, a.date ? { date: a.date } : null, a.enteredBy || null, a.note ? { value: a.note, style: 'warn' } : null];
}

/**
 * The office workbook, written as the merge runs: merged rows and findings go straight into their
 * sheets (nothing held per row), the report, review and adjustments are written at the end.
 */
export class OfficeWriter implements FindingSink {
  private readonly w: WorkbookWriter;
  private readonly reportSlot: number;
  private readonly merged: Record<ListSheetKey, SheetWriter>;
  private readonly findings: SheetWriter;

  constructor(
    private readonly scheme: Scheme,
    compressor?: Compressor,
  ) {
    this.w = new WorkbookWriter(compressor, officeStrings(scheme));
    this.reportSlot = this.w.reserve();
    this.merged = Object.fromEntries(LIST_SHEETS.map((s) => [s.key, this.w.addSheet(mergedHead(s.key))])) as Record<ListSheetKey, SheetWriter>;
    this.findings = this.w.addSheet(FINDINGS_HEAD);
  }

  /** Where the next rows of a merged sheet start. */
  nextRow(sheet: ListSheetKey): number {
    return this.merged[sheet].nextRow;
  }

  /** Add one merged row (rendered here). */
  row(sheet: ListSheetKey, row: MergedRow): void {
    this.merged[sheet].add(mergedRenderer(sheet).cells(row));
  }

  /** The shared-string index of a source file's name (rows rendered elsewhere write it as one). */
  fileIndex(file: string): number {
    return this.w.stringIndex(file);
  }

  /** Keep the shared strings of a file rendered elsewhere (`PreparedFile.texts.size`); the first one's index. */
  reserveStrings(size: number): number {
    return this.w.reserveStrings(size);
  }

  /** Add rows rendered by renderFileRows from `nextRow(sheet)` on, compressed or not. */
  rendered(sheet: ListSheetKey, rendered: string | Piece, rows: number): void {
    this.merged[sheet].addRendered(rendered, rows);
  }

  /** Add the shared strings of a file rendered by renderFileRows, and how often its rows used shared strings. */
  renderedStrings(firstString: number, strings: string | Piece, stringRefs: number): void {
    this.w.fillStrings(firstString, strings);
    this.w.countStringRefs(stringRefs);
  }

  finding(f: FileFinding): void {
    this.findings.add(findingCells(f));
  }

  /** Write the report, review and adjustments; returns the workbook's bytes. */
  finish(m: MergeSummary): Uint8Array {
    const scheme = this.scheme;
    for (const s of Object.values(this.merged)) s.close();
    this.findings.close();
    const report = this.w.fill(this.reportSlot, reportHead(m, scheme));
    for (const r of reportRows(m)) report.add(r);
    report.close();
    const review = this.w.addSheet(reviewHead(m.review.length));
    for (const r of m.review) review.add(reviewCells(r));
    review.close();
    const adj = this.w.addSheet(adjustmentsHead(m.adjustments.length));
    for (const a of m.adjustments) adj.add(adjustmentCells(a));
    adj.close();
    const lists = this.w.addSheet({ name: OFFICE_SHEET_NAMES.lists, columns: [{ header: 'section', width: 14 }, { header: 'kind', width: 10 }], hidden: true });
    for (let i = 0; i < Math.max(scheme.sections.length, ADJUSTMENT_KINDS.length); i++) lists.add([scheme.sections[i]?.name ?? null, ADJUSTMENT_KINDS[i] ?? null]);
    lists.close();
    return this.w.finish({
      title: `${scheme.unit}模范机关创建工作台账汇总`,
      created: `${m.mergedAt.slice(0, 19)}Z`,
      definedNames: [
        { name: 'MOFAN_OFFICE_WORKBOOK', ref: `'${OFFICE_SHEET_NAMES.report}'!$A$1` },
        { name: 'MOFAN_SECTIONS', ref: `'${OFFICE_SHEET_NAMES.lists}'!$A$2:$A$${scheme.sections.length + 1}` },
        { name: 'MOFAN_ADJUSTMENT_KINDS', ref: `'${OFFICE_SHEET_NAMES.lists}'!$B$2:$B$${ADJUSTMENT_KINDS.length + 1}` },
      ],
    });
  }
}

/** The office workbook of a merge held in memory. */
export function writeOfficeWorkbook(m: MergeResult, scheme: Scheme, compressor?: Compressor): Uint8Array {
  const w = new OfficeWriter(scheme, compressor);
  for (const s of LIST_SHEETS) for (const r of m.sheets[s.key]) w.row(s.key, r);
  for (const f of m.findings) w.finding(f);
  return w.finish(m);
}

/** Is this workbook an office workbook (so -o may overwrite it, keeping what the office typed)? */
export function isOfficeWorkbook(wb: RawWorkbook): boolean {
  const names = new Set(wb.sheets.map((s) => s.name));
  return names.has(OFFICE_SHEET_NAMES.report) && names.has(OFFICE_SHEET_NAMES.review) && names.has(OFFICE_SHEET_NAMES.adjustments) && !names.has(INFO_SHEET.name);
}

const text = (v: CellValue | undefined): string => cellText(v).trim();
const num = (v: CellValue | undefined): number | null => {
  if (!v) return null;
  if (v.type === 'number') return v.value;
  const n = Number(cellText(v).trim());
  return cellText(v).trim() !== '' && Number.isFinite(n) ? n : null;
};

/** A date cell, a serial number (a date typed into an unformatted cell) or a text date, as ISO. */
function dateOf(v: CellValue | undefined): string | null {
  if (!v) return null;
  if (v.type === 'date') return v.value.slice(0, 10);
  if (v.type === 'number') return serialToIso(Math.floor(v.value))?.slice(0, 10) ?? String(v.value);
  return parseTextDate(cellText(v)) ?? (cellText(v).trim() || null);
}

/** What the office typed into a previous office workbook: review scores, comments, adjustments. */
export function readPrevious(wb: RawWorkbook): Previous {
  const review: ReviewEntry[] = [];
  const reviewSheetRaw = wb.data.get(OFFICE_SHEET_NAMES.review);
  if (reviewSheetRaw) {
    for (const r of extractTable(reviewSheetRaw, REVIEW_SHEET).rows) {
      const v = r.values;
      const sectionCode = text(v['sectionCode']);
      const indicatorId = text(v['indicatorId']).toUpperCase();
      const reviewScore = num(v['reviewScore']);
      const comment = text(v['comment']);
      if (!sectionCode || !indicatorId || (reviewScore === null && comment === '')) continue;
      review.push({ sectionCode, section: text(v['section']), indicatorId, reviewScore, comment });
    }
  }
  const adjustments: AdjustmentEntry[] = [];
  const adjRaw = wb.data.get(OFFICE_SHEET_NAMES.adjustments);
  if (adjRaw) {
    for (const r of extractTable(adjRaw, ADJUSTMENT_SHEET).rows) {
      const v = r.values;
      const entry: AdjustmentEntry = {
        no: num(v['no']),
        section: text(v['section']),
        kind: text(v['kind']),
        item: text(v['item']),
        points: num(v['points']),
        basis: text(v['basis']),
        date: dateOf(v['date']),
        enteredBy: text(v['enteredBy']),
      };
      if (entry.section || entry.kind || entry.item || entry.points !== null || entry.basis) adjustments.push(entry);
    }
  }
  return { review, adjustments };
}

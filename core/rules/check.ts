/**
 * Checking a section's workbook: every rule of DOMAIN.md, rows in, findings out. Never throws on
 * bad data. The same function serves `mofan check`, the merge and (later) the task pane.
 */
import type { Lang } from '../i18n';
import { identifyLedger } from '../ledger/identify';
import { extractForm, extractTable, readRow, tableLayout, type TableLayout } from '../ledger/table';
import {
  DONE_STATUSES,
  INFO_SHEET,
  LISTS,
  LIST_SHEETS,
  SHEET_NAMES,
  TEMPLATE_VERSION,
  WRITTEN_OFF_STATUS,
  columnLetter,
  type ColumnDef,
  type FormFieldDef,
  type ListKey,
  type ListSheetDef,
  type ListSheetKey,
} from '../schema';
import type { Scheme, Section } from '../scheme';
import type { CellValue, RawSheet } from '../xlsx/cells';
import type { RawWorkbook } from '../xlsx/read';
import type { Unusable } from '../xlsx/unusable';
import { daysBetween } from './dates';
import { rowDeadlineStatus, type DeadlineState } from './deadlines';
import { makeFinding, type Finding, type FindingCode, type Location } from './findings';
import { compiled, isBlank, plainText, sectionNames, toDate, toId, toListValue, toNumber, toText, type Typed } from './values';

export interface CheckOptions {
  readonly scheme: Scheme;
  readonly lang: Lang;
  /** the date overdue is computed against; else the workbook's 截至日期; else `today` */
  readonly asOf?: string | undefined;
  /** today's date, given by the shell (the model has no clock) */
  readonly today: string;
  /** list every row's deadline state (`deadlines`: the pane's board, `mofan check`); a merge, which makes its own state columns, leaves it out */
  readonly deadlines?: boolean;
}

/** A typed value: text, a number, an ISO date (as text), or empty. */
export type TypedValue = string | number | null;

export interface LedgerRow {
  /** row number in the submitted sheet */
  readonly row: number;
  /** typed values by column key; a value that failed its check is kept as the text typed */
  readonly values: Readonly<Record<string, TypedValue>>;
  /** values of columns outside the template, as text, by header */
  readonly extras: Readonly<Record<string, string>>;
}

export interface DeadlineItem {
  readonly sheet: ListSheetKey;
  readonly row: number;
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  readonly state: DeadlineState;
  readonly due?: string;
  readonly days?: number;
  readonly strong?: boolean;
}

export interface CheckedSheet {
  readonly name: string;
  readonly headerRow: number;
  readonly extraColumns: readonly string[];
  readonly rows: readonly LedgerRow[];
}

export interface CheckResult {
  readonly asOf: string;
  readonly asOfSource: 'option' | 'workbook' | 'today';
  readonly templateVersion: number;
  readonly section?: Section;
  readonly info: Readonly<Record<string, TypedValue>>;
  readonly sheets: Readonly<Record<ListSheetKey, CheckedSheet>>;
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
  readonly deadlines: readonly DeadlineItem[];
}

export type CheckOutcome = { readonly ok: true; readonly result: CheckResult } | { readonly ok: false; readonly unusable: Unusable };

/** Which sheets a check reads (so a reader can skip everything else). */
export const CHECKED_SHEETS: ReadonlySet<string> = new Set(SHEET_NAMES.filter((n) => n !== '填报说明'));

/** Check a workbook read by core/xlsx/read (with at least the CHECKED_SHEETS). */
export function checkLedger(workbook: RawWorkbook, options: CheckOptions): CheckOutcome {
  const names = workbook.sheets.map((s) => s.name);
  const infoSheet = sheetByName(workbook, INFO_SHEET.name);
  const identity = identifyLedger({ sheetNames: names.map((n) => n.trim()), info: infoSheet ? formRows(infoSheet) : null });
  switch (identity.kind) {
    case 'not-ledger':
      return { ok: false, unusable: { code: 'U_NOT_TEMPLATE', params: { sheets: names.join('、') || '-' } } };
    case 'other-version':
      return { ok: false, unusable: { code: 'U_OTHER_VERSION', params: { version: identity.version, expected: identity.expected } } };
    case 'incomplete':
      return { ok: false, unusable: { code: 'U_MISSING_SHEETS', params: { sheets: identity.missingSheets.join('、') } } };
    case 'ledger':
      break;
  }
  return { ok: true, result: new Checker(workbook, options).run(infoSheet as RawSheet) };
}

function sheetByName(workbook: RawWorkbook, name: string): RawSheet | undefined {
  for (const [n, sheet] of workbook.data) if (n.trim() === name) return sheet;
  return undefined;
}

/** A raw form sheet as rows of plain values, for identifyLedger. */
function formRows(sheet: RawSheet): unknown[][] {
  return sheet.rows.map((r) => {
    const last = Math.max(...r.cells.keys());
    const row: unknown[] = [];
    for (let c = 1; c <= Math.min(last, 8); c++) {
      const v = r.cells.get(c)?.value;
      row.push(v ? v.value : null);
    }
    return row;
  });
}

/** Where a cell's finding points. */
function cellAt(sheet: string, row: number, column: string, col: number): Location {
  return { sheet, row, column, cell: `${columnLetter(col)}${row}` };
}

const EMPTY_SHEET: CheckedSheet = { name: '', headerRow: 0, extraColumns: [], rows: [] };

class Checker {
  private readonly findings: Finding[] = [];
  private readonly lang: Lang;
  private readonly scheme: Scheme;

  constructor(
    private readonly workbook: RawWorkbook,
    private readonly options: CheckOptions,
  ) {
    this.lang = options.lang;
    this.scheme = options.scheme;
  }

  run(infoSheet: RawSheet): CheckResult {
    const { info, section } = this.checkInfo(infoSheet);
    const workbookAsOf = typeof info['asOf'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(info['asOf']) ? info['asOf'] : undefined;
    const asOf = this.options.asOf ?? workbookAsOf ?? this.options.today;
    const asOfSource = this.options.asOf ? 'option' : workbookAsOf ? 'workbook' : 'today';

    const sheets = {} as Record<ListSheetKey, CheckedSheet>;
    const tables = {} as Record<ListSheetKey, TableLayout>;
    for (const def of LIST_SHEETS) {
      const raw = sheetByName(this.workbook, def.name);
      if (!raw) {
        sheets[def.key] = { ...EMPTY_SHEET, name: def.name };
        continue;
      }
      const table = tableLayout(raw, def);
      tables[def.key] = table;
      sheets[def.key] = this.checkSheet(def, raw, table, section);
    }
    this.checkIds(sheets, tables);
    this.checkIssueRows(sheets.issues, tables.issues, asOf);
    this.checkLinks(sheets, tables);
    this.checkSelfAssessment(sheets.selfAssessment, tables.selfAssessment);
    const deadlines = this.options.deadlines === false ? [] : this.deadlines(sheets, asOf);

    const order = new Map(SHEET_NAMES.map((n, i) => [n, i]));
    const findings = this.findings.sort(
      (a, b) => (order.get(a.sheet) ?? 99) - (order.get(b.sheet) ?? 99) || a.row - b.row || colOf(a.cell) - colOf(b.cell) || a.code.localeCompare(b.code),
    );
    return {
      asOf,
      asOfSource,
      templateVersion: TEMPLATE_VERSION,
      ...(section ? { section } : {}),
      info,
      sheets,
      findings,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      deadlines,
    };
  }

  private add(code: FindingCode, at: Location, params: Readonly<Record<string, string | number>> = {}): void {
    this.findings.push(makeFinding(code, at, params, this.lang));
  }

  private listValues(list: ListKey): readonly string[] {
    return list === 'section' ? sectionNames(this.scheme) : LISTS[list];
  }

  /** Type one cell for its column; report what is wrong or normalised; return the typed value. */
  private typeCell(col: ColumnDef | FormFieldDef, value: CellValue | undefined, sheet: string, row: number, column: string, colIndex: number): TypedValue {
    // where a finding points is built only when there is one (most cells have none); no closure
    // per cell either: tsx (the command line's loader, when it runs) names every closure it creates
    if (isBlank(value)) {
      if (col.required) this.add('E_REQUIRED', cellAt(sheet, row, column, colIndex));
      return null;
    }
    const v = value as CellValue;
    let typed: Typed<string | number>;
    switch (col.type) {
      case 'list':
        typed = toListValue(v, this.listValues(col.list ?? 'yesNo'));
        if (!typed.ok && col.list === 'section') typed = { ...typed, code: 'E_SECTION_UNKNOWN' };
        break;
      case 'date':
        typed = toDate(v, this.workbook.date1904);
        break;
      case 'datetime':
        typed = v.type === 'date' ? { ok: true, value: v.value } : toDate(v, this.workbook.date1904);
        break;
      case 'integer':
      case 'number':
        typed = this.typeNumber(col, v);
        break;
      case 'id':
        typed = 'idPattern' in col && col.idPattern ? toId(v, col.idPattern, col.idExample ?? '') : toText(v);
        break;
      case 'period':
        typed = typePeriod(v);
        break;
      default:
        typed = toText(v);
    }
    if (!typed.ok) {
      this.add(typed.code, cellAt(sheet, row, column, colIndex), typed.params);
      return plainText(v).trim();
    }
    if (typed.note) this.add(typed.note.code, cellAt(sheet, row, column, colIndex), typed.note.params);
    return typed.value;
  }

  private typeNumber(col: ColumnDef | FormFieldDef, v: CellValue): Typed<number> {
    const n = toNumber(v);
    if (!n.ok) return n;
    const min = 'min' in col ? col.min : undefined;
    const max = 'max' in col ? col.max : undefined;
    const integer = col.type === 'integer';
    if ((min !== undefined && n.value < min) || (max !== undefined && n.value > max) || (integer && !Number.isInteger(n.value))) {
      return { ok: false, code: 'E_NUMBER_RANGE', params: { value: n.value, min: min ?? '-∞', max: max ?? '∞', integer: integer ? 1 : 0 } };
    }
    return n;
  }

  private checkInfo(sheet: RawSheet): { info: Record<string, TypedValue>; section?: Section } {
    const form = extractForm(sheet, INFO_SHEET);
    const info: Record<string, TypedValue> = {};
    for (const field of INFO_SHEET.fields) {
      const found = form.values[field.key];
      if (!found) {
        if (field.required && field.filledBy !== 'formula') this.add('E_REQUIRED', { sheet: INFO_SHEET.name, row: 0, column: field.label, cell: '' });
        info[field.key] = null;
        continue;
      }
      // the section code is a formula of the section: derive it from the roster instead
      info[field.key] = field.filledBy === 'formula' ? null : this.typeCell(field, found.value, INFO_SHEET.name, found.row, field.label, found.col);
    }
    const section = this.scheme.sections.find((s) => s.name === info['section']);
    if (section) info['sectionCode'] = section.code;
    return section ? { info, section } : { info };
  }

  /** Type a list sheet's rows, read straight from the raw sheet through its layout (no table of cells in between). */
  private checkSheet(def: ListSheetDef, raw: RawSheet, table: ReturnType<typeof tableLayout>, section: Section | undefined): CheckedSheet {
    const sheetAt = { sheet: def.name, row: 0, column: '', cell: '' };
    if (table.headerRow === 0) {
      const rows = extractTable(raw, def).rows;
      this.add('E_HEADER_NOT_FOUND', sheetAt, { rows: rows.length, expected: def.columns.map((c) => c.header).join(' | ') });
      return { name: def.name, headerRow: 0, extraColumns: [], rows: rows.map((r) => ({ row: r.row, values: {}, extras: textExtras(r.extras) })) };
    }
    for (const c of table.missing) {
      this.add(c.required ? 'E_COLUMN_MISSING' : 'W_COLUMN_MISSING', { ...sheetAt, column: c.header }, { header: c.header });
    }
    for (const e of table.extras) {
      this.add('W_COLUMN_EXTRA', { ...sheetAt, row: table.headerRow, column: e.header, cell: `${columnLetter(e.col)}${table.headerRow}` }, { header: e.header });
    }
    for (const e of table.duplicates) {
      this.add('W_COLUMN_DUPLICATE', { ...sheetAt, row: table.headerRow, column: e.header, cell: `${columnLetter(e.col)}${table.headerRow}` }, { header: e.header });
    }
    const byKey = new Map(def.columns.map((c) => [c.key, c]));
    // per column, once: its definition, and for the sheet's own id column the pattern an id must
    // match before its section prefix is checked (in the layout's order, as readRow fills `cells`)
    const ownPrefix = section ? `${section.code}-` : '';
    const present = table.columns.map((tc) => {
      const col = byKey.get(tc.key)!;
      return { col, index: tc.col, idPattern: col.type === 'id' && col.key === def.idColumn && section ? compiled(col.idPattern ?? '.') : undefined };
    });
    // typed in the schema's column order, as a record's keys are listed
    const order = def.columns.flatMap((c) => {
      const i = present.findIndex((p) => p.col.key === c.key);
      return i < 0 ? [] : [i];
    });
    // every row's record has the same keys in the same order: made as a copy of one with those
    // keys, each row's values are stores into fields it has (adding keys one by one, row after
    // row, costs V8 a slow lookup per key)
    const shape: Record<string, TypedValue> = {};
    for (const i of order) shape[present[i]!.col.key] = null;
    // as long as a row from the start, so readRow writes within it: a list that grew as it was
    // written made V8 throw the check's compiled code away once on every thread
    const cells = new Array<CellValue | undefined>(table.columns.length).fill(undefined);
    const rows: LedgerRow[] = [];
    for (const r of raw.rows) {
      const read = readRow(table, r, cells);
      if (!read) continue;
      const values: Record<string, TypedValue> = { ...shape };
      for (const i of order) {
        const { col, index, idPattern } = present[i]!;
        const v = this.typeCell(col, cells[i], def.name, r.row, col.header, index);
        values[col.key] = v;
        if (idPattern && typeof v === 'string' && idPattern.test(v) && !v.startsWith(ownPrefix)) {
          this.add('W_ID_SECTION', cellAt(def.name, r.row, col.header, index), { value: v, code: section?.code ?? '' });
        }
      }
      rows.push({ row: r.row, values, extras: textExtras(read.extras) });
    }
    return { name: def.name, headerRow: table.headerRow, extraColumns: [...table.extras, ...table.duplicates].map((e) => e.header), rows };
  }

  private at(table: TableLayout | undefined, sheet: string, row: number, key: string, header: string): Location {
    const col = table?.columns.find((c) => c.key === key)?.col ?? 0;
    return { sheet, row, column: header, cell: col ? `${columnLetter(col)}${row}` : '' };
  }

  /** Ids are unique within each sheet. */
  private checkIds(sheets: Record<ListSheetKey, CheckedSheet>, tables: Record<ListSheetKey, TableLayout>): void {
    for (const def of LIST_SHEETS) {
      const first = new Map<string, number>();
      const idCol = def.columns.find((c) => c.key === def.idColumn);
      for (const r of sheets[def.key].rows) {
        const id = r.values[def.idColumn];
        if (typeof id !== 'string' || id === '') continue;
        const seen = first.get(id);
        if (seen === undefined) first.set(id, r.row);
        else this.add('E_ID_DUPLICATE', this.at(tables[def.key], def.name, r.row, def.idColumn, idCol?.header ?? ''), { value: id, first: seen });
      }
    }
  }

  /** Completion and write-off evidence, strongly-reported problems, 立行立改 limits, extensions. */
  private checkIssueRows(sheet: CheckedSheet, table: TableLayout | undefined, asOf: string): void {
    const def = LIST_SHEETS.find((s) => s.key === 'issues') as ListSheetDef;
    const header = (key: string) => def.columns.find((c) => c.key === key)?.header ?? key;
    const at = (row: number, key: string) => this.at(table, def.name, row, key, header(key));
    const str = (v: TypedValue | undefined) => (typeof v === 'string' ? v : '');
    const date = (v: TypedValue | undefined) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
    for (const r of sheet.rows) {
      const v = r.values;
      const status = str(v['status']);
      if (DONE_STATUSES.includes(status)) {
        if (!v['doneDate']) this.add('E_DONE_NO_DATE', at(r.row, 'doneDate'), { status });
        if (!v['result']) this.add('E_DONE_NO_RESULT', at(r.row, 'result'), { status });
        if (status === WRITTEN_OFF_STATUS) {
          if (!v['verifier']) this.add('E_WRITEOFF_NO_VERIFIER', at(r.row, 'verifier'));
          if (!v['evidence']) this.add('E_WRITEOFF_NO_EVIDENCE', at(r.row, 'evidence'));
        }
      }
      if (v['strong'] === '是' && v['fixType'] && v['fixType'] !== '立行立改') {
        this.add('W_STRONG_NOT_IMMEDIATE', at(r.row, 'fixType'), { value: str(v['fixType']) });
      }
      const found = date(v['foundDate']);
      const deadline = date(v['deadline']);
      if (v['fixType'] === '立行立改' && found && deadline) {
        const days = daysBetween(found, deadline);
        const limit = this.scheme.deadlines.immediateFixDays;
        if (days > limit) this.add('W_IMMEDIATE_TOO_LONG', at(r.row, 'deadline'), { deadline, found, days, limit });
      }
      const hasExt = v['extendedTo'] !== null && v['extendedTo'] !== undefined;
      const hasReason = Boolean(v['extensionReason']);
      if (hasExt && !hasReason) this.add('E_EXTENSION_INCOMPLETE', at(r.row, 'extensionReason'), { missing: header('extensionReason') });
      if (!hasExt && hasReason) this.add('E_EXTENSION_INCOMPLETE', at(r.row, 'extendedTo'), { missing: header('extendedTo') });
      const ext = date(v['extendedTo']);
      if (ext && deadline && ext <= deadline) this.add('E_EXTENSION_NOT_LATER', at(r.row, 'extendedTo'), { value: ext, deadline });
      const done = date(v['doneDate']);
      if (done && done > asOf) this.add('W_DONE_DATE_FUTURE', at(r.row, 'doneDate'), { value: done, asOf });
      if (done && found && done < found) this.add('W_DONE_BEFORE_FOUND', at(r.row, 'doneDate'), { value: done, found });
    }
  }

  /** Every task names an existing problem; every problem has a task. */
  private checkLinks(sheets: Record<ListSheetKey, CheckedSheet>, tables: Record<ListSheetKey, TableLayout>): void {
    const issueIds = new Set(sheets.issues.rows.map((r) => r.values['id']).filter((v): v is string => typeof v === 'string'));
    const linked = new Set<string>();
    for (const r of sheets.tasks.rows) {
      const ref = r.values['issueId'];
      if (typeof ref !== 'string' || ref === '' || !/^[A-Z]{2,6}-\d{3,}$/.test(ref)) continue;
      linked.add(ref);
      if (!issueIds.has(ref)) this.add('E_TASK_UNKNOWN_ISSUE', this.at(tables.tasks, '责任清单', r.row, 'issueId', '关联问题编号'), { value: ref });
    }
    if (!tables.tasks || tables.tasks.headerRow === 0 || !tables.tasks.columns.some((c) => c.key === 'issueId')) return;
    for (const r of sheets.issues.rows) {
      const id = r.values['id'];
      if (typeof id === 'string' && /^[A-Z]{2,6}-\d{3,}$/.test(id) && !linked.has(id)) {
        this.add('W_ISSUE_WITHOUT_TASK', this.at(tables.issues, '问题清单', r.row, 'id', '问题编号'), { value: id });
      }
    }
  }

  /** The self-assessment follows the scheme: its indicators, its points, scores within the points. */
  private checkSelfAssessment(sheet: CheckedSheet, table: TableLayout | undefined): void {
    if (!table || table.headerRow === 0) return;
    const name = sheet.name;
    const byId = new Map(this.scheme.indicators.map((i) => [i.id, i]));
    const seen = new Set<string>();
    for (const r of sheet.rows) {
      const id = typeof r.values['indicatorId'] === 'string' ? (r.values['indicatorId'] as string).toUpperCase() : '';
      if (!id) continue;
      const indicator = byId.get(id);
      if (!indicator) {
        this.add('E_INDICATOR_UNKNOWN', this.at(table, name, r.row, 'indicatorId', '指标编号'), { value: id });
        continue;
      }
      seen.add(id);
      const points = r.values['points'];
      if (typeof points === 'number' && points !== indicator.points) {
        this.add('W_POINTS_CHANGED', this.at(table, name, r.row, 'points', '分值'), { value: points, points: indicator.points });
      }
      const score = r.values['selfScore'];
      if (typeof score === 'number' && score > indicator.points) {
        this.add('E_SCORE_OVER_POINTS', this.at(table, name, r.row, 'selfScore', '自评得分'), { value: score, points: indicator.points });
      }
    }
    for (const indicator of this.scheme.indicators) {
      if (!seen.has(indicator.id)) {
        this.add('E_INDICATOR_MISSING', { sheet: name, row: 0, column: '指标编号', cell: '' }, { value: indicator.id, content: indicator.content });
      }
    }
  }

  private deadlines(sheets: Record<ListSheetKey, CheckedSheet>, asOf: string): DeadlineItem[] {
    const items: DeadlineItem[] = [];
    for (const def of LIST_SHEETS) {
      const d = def.deadline;
      if (!d) continue;
      for (const r of sheets[def.key].rows) {
        const v = r.values;
        const status = rowDeadlineStatus(v, d, asOf, this.scheme.deadlines.dueSoonDays);
        const title = String(v['description'] ?? v['content'] ?? v['item'] ?? '');
        items.push({
          sheet: def.key,
          row: r.row,
          id: String(v[def.idColumn] ?? ''),
          title,
          owner: String(v['owner'] ?? ''),
          state: status.state,
          ...(status.due ? { due: status.due } : {}),
          ...(status.days !== undefined ? { days: status.days } : {}),
          ...(def.key === 'issues' ? { strong: v['strong'] === '是' } : {}),
        });
      }
    }
    return items;
  }
}

const NO_TEXT_EXTRAS: Readonly<Record<string, string>> = Object.freeze({});

/** Values outside the template's columns, as the text typed. */
function textExtras(extras: Readonly<Record<string, CellValue>>): Readonly<Record<string, string>> {
  let out: Record<string, string> | undefined;
  for (const [header, v] of Object.entries(extras)) (out ??= {})[header] = plainText(v);
  return out ?? NO_TEXT_EXTRAS;
}

/** A period (YYYY-MM): typed as text, or a date cell Excel made of "2024-06". */
export function typePeriod(v: CellValue): Typed<string> {
  if (v.type === 'date') return { ok: true, value: v.value.slice(0, 7) };
  const text = plainText(v).normalize('NFKC').trim();
  const m = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { ok: true, value: `${m[1]}-${m[2]!.padStart(2, '0')}` };
  return { ok: false, code: 'E_PERIOD_FORMAT', params: { value: text } };
}

function colOf(cell: string): number {
  const m = /^([A-Z]+)/.exec(cell);
  if (!m) return 0;
  let n = 0;
  for (const ch of m[1]!) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}


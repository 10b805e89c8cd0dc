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
import { rowDeadlineStatusBy, type DeadlineState } from './deadlines';
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

/**
 * A list sheet's rows as the check types them: each row's values in the columns the sheet has
 * (`keys`, in the schema's order), one row after another, with no record per row. The check's
 * rules read them by column; `checkLedger` makes the records (`LedgerRow`) its callers read, and
 * a merge, which needs none, reads these (`checkLedgerTyped`): a record per row, copied from one
 * shape and written key by key and read back key by key, cost a merge about a twentieth of its work.
 */
export interface TypedSheet extends Omit<CheckedSheet, 'rows'> {
  /** the schema's keys of the columns the sheet has, in the schema's order */
  readonly keys: readonly string[];
  /** each row's number in the submitted sheet */
  readonly rows: readonly number[];
  /** the typed values, row after row, `keys.length` a row */
  readonly values: readonly TypedValue[];
  /** each row's values outside the template, as text, by header */
  readonly extras: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** Where a column's values sit in a typed sheet's rows: −1 when the sheet has no such column. */
export const columnOf = (sheet: TypedSheet, key: string): number => sheet.keys.indexOf(key);

/** Row `i`'s value in column `c` of a typed sheet (`columnOf`); undefined for a column it lacks, as a record lacks its key. */
export const valueAt = (sheet: TypedSheet, i: number, c: number): TypedValue | undefined => (c < 0 ? undefined : sheet.values[i * sheet.keys.length + c]);

/** Row `i`'s value in the column of `key` (a lookup of the column per call: for a few columns of a row). */
export const valueOfKey = (sheet: TypedSheet, i: number, key: string): TypedValue | undefined => valueAt(sheet, i, columnOf(sheet, key));

/** A typed sheet's rows as records, keys in the schema's order. */
export function ledgerRows(sheet: TypedSheet): LedgerRow[] {
  const width = sheet.keys.length;
  return sheet.rows.map((row, i) => {
    const values: Record<string, TypedValue> = {};
    for (let c = 0; c < width; c++) values[sheet.keys[c]!] = sheet.values[i * width + c]!;
    return { row, values, extras: sheet.extras[i]! };
  });
}

/** A typed sheet as the check's callers read it: rows as records. */
export function checkedSheet(sheet: TypedSheet): CheckedSheet {
  return { name: sheet.name, headerRow: sheet.headerRow, extraColumns: sheet.extraColumns, rows: ledgerRows(sheet) };
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

/** A check's result with its list sheets' rows as typed sheets, not records (what a merge reads). */
export type TypedCheckResult = Omit<CheckResult, 'sheets'> & { readonly sheets: Readonly<Record<ListSheetKey, TypedSheet>> };

export type TypedCheckOutcome = { readonly ok: true; readonly result: TypedCheckResult } | { readonly ok: false; readonly unusable: Unusable };

/** Which sheets a check reads (so a reader can skip everything else). */
export const CHECKED_SHEETS: ReadonlySet<string> = new Set(SHEET_NAMES.filter((n) => n !== '填报说明'));

/** Check a workbook read by core/xlsx/read (with at least the CHECKED_SHEETS). */
export function checkLedger(workbook: RawWorkbook, options: CheckOptions): CheckOutcome {
  const typed = checkLedgerTyped(workbook, options);
  if (!typed.ok) return typed;
  const r = typed.result;
  const sheets = Object.fromEntries(LIST_SHEETS.map((def) => [def.key, checkedSheet(r.sheets[def.key])])) as Record<ListSheetKey, CheckedSheet>;
  return { ok: true, result: { ...r, sheets } };
}

/** `checkLedger` with the list sheets' rows left as typed sheets (no record per row). */
export function checkLedgerTyped(workbook: RawWorkbook, options: CheckOptions): TypedCheckOutcome {
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

const EMPTY_SHEET: TypedSheet = { name: '', headerRow: 0, extraColumns: [], keys: [], rows: [], values: [], extras: [] };

/**
 * What typing a column's cells needs, made once per column, in one shape for every column and
 * form field: the check reads it for every cell, and reading the schema's definitions (of a dozen
 * shapes) there cost V8 a megamorphic lookup per property.
 */
interface ColumnTyping {
  readonly type: ColumnDef['type'];
  readonly required: boolean;
  readonly list: ListKey;
  readonly idPattern: string | undefined;
  readonly idExample: string;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

const TYPINGS = new WeakMap<ColumnDef | FormFieldDef, ColumnTyping>();

function typingOf(col: ColumnDef | FormFieldDef): ColumnTyping {
  let typing = TYPINGS.get(col);
  if (!typing) {
    typing = {
      type: col.type,
      required: Boolean(col.required),
      list: col.list ?? 'yesNo',
      idPattern: ('idPattern' in col && col.idPattern) || undefined,
      idExample: ('idExample' in col ? col.idExample : undefined) ?? '',
      min: 'min' in col ? col.min : undefined,
      max: 'max' in col ? col.max : undefined,
    };
    TYPINGS.set(col, typing);
  }
  return typing;
}

function typeNumber(col: ColumnTyping, v: CellValue): Typed<number> {
  const n = toNumber(v);
  if (!n.ok) return n;
  const { min, max } = col;
  const integer = col.type === 'integer';
  if ((min !== undefined && n.value < min) || (max !== undefined && n.value > max) || (integer && !Number.isInteger(n.value))) {
    return { ok: false, code: 'E_NUMBER_RANGE', params: { value: n.value, min: min ?? '-∞', max: max ?? '∞', integer: integer ? 1 : 0 } };
  }
  return n;
}

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

  run(infoSheet: RawSheet): TypedCheckResult {
    const { info, section } = this.checkInfo(infoSheet);
    const workbookAsOf = typeof info['asOf'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(info['asOf']) ? info['asOf'] : undefined;
    const asOf = this.options.asOf ?? workbookAsOf ?? this.options.today;
    const asOfSource = this.options.asOf ? 'option' : workbookAsOf ? 'workbook' : 'today';

    const sheets = {} as Record<ListSheetKey, TypedSheet>;
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
  private typeCell(col: ColumnTyping, value: CellValue | undefined, sheet: string, row: number, column: string, colIndex: number): TypedValue {
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
        typed = toListValue(v, this.listValues(col.list));
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
        typed = typeNumber(col, v);
        break;
      case 'id':
        typed = col.idPattern ? toId(v, col.idPattern, col.idExample) : toText(v);
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
      info[field.key] = field.filledBy === 'formula' ? null : this.typeCell(typingOf(field), found.value, INFO_SHEET.name, found.row, field.label, found.col);
    }
    const section = this.scheme.sections.find((s) => s.name === info['section']);
    if (section) info['sectionCode'] = section.code;
    return section ? { info, section } : { info };
  }

  /** Type a list sheet's rows, read straight from the raw sheet through its layout (no table of cells in between). */
  private checkSheet(def: ListSheetDef, raw: RawSheet, table: ReturnType<typeof tableLayout>, section: Section | undefined): TypedSheet {
    const sheetAt = { sheet: def.name, row: 0, column: '', cell: '' };
    if (table.headerRow === 0) {
      const rows = extractTable(raw, def).rows;
      this.add('E_HEADER_NOT_FOUND', sheetAt, { rows: rows.length, expected: def.columns.map((c) => c.header).join(' | ') });
      return { name: def.name, headerRow: 0, extraColumns: [], keys: [], rows: rows.map((r) => r.row), values: [], extras: rows.map((r) => textExtras(r.extras)) };
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
    // (lists read for every cell are pushed, not mapped: an array `map` makes in compiled code is
    // of another kind, with holes, and the code reading it was thrown away and made again)
    // (and a column's header is kept beside it: the schema's column definitions are object literals
    // of many shapes, and reading `header` from one for every cell was V8's slowest kind of load)
    const present: Array<{ readonly col: ColumnDef; readonly header: string; readonly typing: ColumnTyping; readonly index: number; readonly idPattern: RegExp | undefined }> = [];
    for (const tc of table.columns) {
      const col = byKey.get(tc.key)!;
      present.push({ col, header: col.header, typing: typingOf(col), index: tc.col, idPattern: col.type === 'id' && col.key === def.idColumn && section ? compiled(col.idPattern ?? '.') : undefined });
    }
    // typed in the schema's column order, as a record's keys are listed
    const order: number[] = [];
    for (const c of def.columns) {
      const i = present.findIndex((p) => p.col.key === c.key);
      if (i >= 0) order.push(i);
    }
    // as long as a row from the start, so readRow writes within it: a list that grew as it was
    // written made V8 throw the check's compiled code away once on every thread
    const cells = new Array<CellValue | undefined>(table.columns.length).fill(undefined);
    const rows: number[] = [];
    const values: TypedValue[] = [];
    const extras: Array<Readonly<Record<string, string>>> = [];
    const name = def.name;
    for (const r of raw.rows) {
      const read = readRow(table, r, cells);
      if (!read) continue;
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!;
        const { header, typing, index, idPattern } = present[i]!;
        const v = this.typeCell(typing, cells[i], name, r.row, header, index);
        values.push(v);
        // the prefix first: nearly every id has its own section's, and then no pattern is tested
        if (idPattern && typeof v === 'string' && !v.startsWith(ownPrefix) && idPattern.test(v)) {
          this.add('W_ID_SECTION', cellAt(name, r.row, header, index), { value: v, code: section?.code ?? '' });
        }
      }
      rows.push(r.row);
      extras.push(textExtras(read.extras));
    }
    // pushed, not mapped (see `present`): the rules read them
    const keys: string[] = [];
    for (const i of order) keys.push(present[i]!.col.key);
    const extraColumns: string[] = [];
    for (const e of table.extras) extraColumns.push(e.header);
    for (const e of table.duplicates) extraColumns.push(e.header);
    return {
      name: def.name,
      headerRow: table.headerRow,
      extraColumns,
      keys,
      rows,
      values,
      extras,
    };
  }

  private at(table: TableLayout | undefined, sheet: string, row: number, key: string, header: string): Location {
    const col = table?.columns.find((c) => c.key === key)?.col ?? 0;
    return { sheet, row, column: header, cell: col ? `${columnLetter(col)}${row}` : '' };
  }

  /** Ids are unique within each sheet. */
  private checkIds(sheets: Record<ListSheetKey, TypedSheet>, tables: Record<ListSheetKey, TableLayout>): void {
    for (const def of LIST_SHEETS) {
      const first = new Map<string, number>();
      const idCol = def.columns.find((c) => c.key === def.idColumn);
      const sheet = sheets[def.key];
      const c = columnOf(sheet, def.idColumn);
      for (let i = 0; i < sheet.rows.length; i++) {
        const id = valueAt(sheet, i, c);
        if (typeof id !== 'string' || id === '') continue;
        const row = sheet.rows[i]!;
        const seen = first.get(id);
        if (seen === undefined) first.set(id, row);
        else this.add('E_ID_DUPLICATE', this.at(tables[def.key], def.name, row, def.idColumn, idCol?.header ?? ''), { value: id, first: seen });
      }
    }
  }

  /** Completion and write-off evidence, strongly-reported problems, 立行立改 limits, extensions. */
  private checkIssueRows(sheet: TypedSheet, table: TableLayout | undefined, asOf: string): void {
    const def = LIST_SHEETS.find((s) => s.key === 'issues') as ListSheetDef;
    const header = (key: string) => def.columns.find((c) => c.key === key)?.header ?? key;
    const at = (row: number, key: string) => this.at(table, def.name, row, key, header(key));
    const str = (v: TypedValue | undefined) => (typeof v === 'string' ? v : '');
    const date = (v: TypedValue | undefined) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
    // each column's place in the rows, once, each by its own call: a list destructured from an
    // array `map` made is read through an iterator that changes once V8 compiles `map` (see
    // checkSheet), and this function's compiled code was thrown away and made again
    const col = (key: string): number => columnOf(sheet, key);
    const status = col('status');
    const doneDate = col('doneDate');
    const result = col('result');
    const verifier = col('verifier');
    const evidence = col('evidence');
    const strong = col('strong');
    const fixType = col('fixType');
    const foundDate = col('foundDate');
    const deadlineCol = col('deadline');
    const extendedTo = col('extendedTo');
    const extensionReason = col('extensionReason');
    for (let i = 0; i < sheet.rows.length; i++) {
      const row = sheet.rows[i]!;
      const v = (c: number) => valueAt(sheet, i, c);
      const statusText = str(v(status));
      if (DONE_STATUSES.includes(statusText)) {
        if (!v(doneDate)) this.add('E_DONE_NO_DATE', at(row, 'doneDate'), { status: statusText });
        if (!v(result)) this.add('E_DONE_NO_RESULT', at(row, 'result'), { status: statusText });
        if (statusText === WRITTEN_OFF_STATUS) {
          if (!v(verifier)) this.add('E_WRITEOFF_NO_VERIFIER', at(row, 'verifier'));
          if (!v(evidence)) this.add('E_WRITEOFF_NO_EVIDENCE', at(row, 'evidence'));
        }
      }
      const fix = v(fixType);
      if (v(strong) === '是' && fix && fix !== '立行立改') {
        this.add('W_STRONG_NOT_IMMEDIATE', at(row, 'fixType'), { value: str(fix) });
      }
      const found = date(v(foundDate));
      const deadline = date(v(deadlineCol));
      if (fix === '立行立改' && found && deadline) {
        const days = daysBetween(found, deadline);
        const limit = this.scheme.deadlines.immediateFixDays;
        if (days > limit) this.add('W_IMMEDIATE_TOO_LONG', at(row, 'deadline'), { deadline, found, days, limit });
      }
      const ext = v(extendedTo);
      const hasExt = ext !== null && ext !== undefined;
      const hasReason = Boolean(v(extensionReason));
      if (hasExt && !hasReason) this.add('E_EXTENSION_INCOMPLETE', at(row, 'extensionReason'), { missing: header('extensionReason') });
      if (!hasExt && hasReason) this.add('E_EXTENSION_INCOMPLETE', at(row, 'extendedTo'), { missing: header('extendedTo') });
      const extDate = date(ext);
      if (extDate && deadline && extDate <= deadline) this.add('E_EXTENSION_NOT_LATER', at(row, 'extendedTo'), { value: extDate, deadline });
      const done = date(v(doneDate));
      if (done && done > asOf) this.add('W_DONE_DATE_FUTURE', at(row, 'doneDate'), { value: done, asOf });
      if (done && found && done < found) this.add('W_DONE_BEFORE_FOUND', at(row, 'doneDate'), { value: done, found });
    }
  }

  /** Every task names an existing problem; every problem has a task. */
  private checkLinks(sheets: Record<ListSheetKey, TypedSheet>, tables: Record<ListSheetKey, TableLayout>): void {
    const issues = sheets.issues;
    const tasks = sheets.tasks;
    const issueId = columnOf(issues, 'id');
    const taskIssue = columnOf(tasks, 'issueId');
    const issueIds = new Set<string>();
    for (let i = 0; i < issues.rows.length; i++) {
      const id = valueAt(issues, i, issueId);
      if (typeof id === 'string') issueIds.add(id);
    }
    const linked = new Set<string>();
    for (let i = 0; i < tasks.rows.length; i++) {
      const ref = valueAt(tasks, i, taskIssue);
      if (typeof ref !== 'string' || ref === '' || !/^[A-Z]{2,6}-\d{3,}$/.test(ref)) continue;
      linked.add(ref);
      if (!issueIds.has(ref)) this.add('E_TASK_UNKNOWN_ISSUE', this.at(tables.tasks, '责任清单', tasks.rows[i]!, 'issueId', '关联问题编号'), { value: ref });
    }
    if (!tables.tasks || tables.tasks.headerRow === 0 || !tables.tasks.columns.some((c) => c.key === 'issueId')) return;
    for (let i = 0; i < issues.rows.length; i++) {
      const id = valueAt(issues, i, issueId);
      if (typeof id === 'string' && /^[A-Z]{2,6}-\d{3,}$/.test(id) && !linked.has(id)) {
        this.add('W_ISSUE_WITHOUT_TASK', this.at(tables.issues, '问题清单', issues.rows[i]!, 'id', '问题编号'), { value: id });
      }
    }
  }

  /** The self-assessment follows the scheme: its indicators, its points, scores within the points. */
  private checkSelfAssessment(sheet: TypedSheet, table: TableLayout | undefined): void {
    if (!table || table.headerRow === 0) return;
    const name = sheet.name;
    const byId = new Map(this.scheme.indicators.map((i) => [i.id, i]));
    const seen = new Set<string>();
    const indicatorId = columnOf(sheet, 'indicatorId');
    const pointsCol = columnOf(sheet, 'points');
    const selfScore = columnOf(sheet, 'selfScore');
    for (let i = 0; i < sheet.rows.length; i++) {
      const row = sheet.rows[i]!;
      const given = valueAt(sheet, i, indicatorId);
      const id = typeof given === 'string' ? given.toUpperCase() : '';
      if (!id) continue;
      const indicator = byId.get(id);
      if (!indicator) {
        this.add('E_INDICATOR_UNKNOWN', this.at(table, name, row, 'indicatorId', '指标编号'), { value: id });
        continue;
      }
      seen.add(id);
      const points = valueAt(sheet, i, pointsCol);
      if (typeof points === 'number' && points !== indicator.points) {
        this.add('W_POINTS_CHANGED', this.at(table, name, row, 'points', '分值'), { value: points, points: indicator.points });
      }
      const score = valueAt(sheet, i, selfScore);
      if (typeof score === 'number' && score > indicator.points) {
        this.add('E_SCORE_OVER_POINTS', this.at(table, name, row, 'selfScore', '自评得分'), { value: score, points: indicator.points });
      }
    }
    for (const indicator of this.scheme.indicators) {
      if (!seen.has(indicator.id)) {
        this.add('E_INDICATOR_MISSING', { sheet: name, row: 0, column: '指标编号', cell: '' }, { value: indicator.id, content: indicator.content });
      }
    }
  }

  private deadlines(sheets: Record<ListSheetKey, TypedSheet>, asOf: string): DeadlineItem[] {
    const items: DeadlineItem[] = [];
    for (const def of LIST_SHEETS) {
      const d = def.deadline;
      if (!d) continue;
      const sheet = sheets[def.key];
      for (let i = 0; i < sheet.rows.length; i++) {
        const v = (key: string) => valueOfKey(sheet, i, key);
        const status = rowDeadlineStatusBy(v, d, asOf, this.scheme.deadlines.dueSoonDays);
        const title = String(v('description') ?? v('content') ?? v('item') ?? '');
        items.push({
          sheet: def.key,
          row: sheet.rows[i]!,
          id: String(v(def.idColumn) ?? ''),
          title,
          owner: String(v('owner') ?? ''),
          state: status.state,
          ...(status.due ? { due: status.due } : {}),
          ...(status.days !== undefined ? { days: status.days } : {}),
          ...(def.key === 'issues' ? { strong: v('strong') === '是' } : {}),
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


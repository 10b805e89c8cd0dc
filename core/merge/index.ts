/**
 * core/merge — the sections' checked submissions into one office ledger. Pure: verdicts in, a
 * merge result out. Every row is accounted for: each accepted file's rows appear exactly once with
 * their provenance, every other file is listed with its reason, and the reconciliation says so.
 */
import type { Lang } from '../i18n';
import { checkedSheet, rowDeadlineStatusBy, type CheckResult, type CheckedSheet, type TypedCheckResult, type DeadlineState, type Finding, type TypedValue, type Verdict } from '../rules';
import { LIST_SHEETS, type ListSheetKey } from '../schema';
import type { Scheme, Section } from '../scheme';
import { detached } from '../xlsx/cells';
import { unusableMessage, type Unusable, type UnusableCode } from '../xlsx/unusable';

export interface Submission {
  /** the file as the office knows it (a path relative to the inputs) */
  readonly file: string;
  readonly verdict: Verdict;
  /** the file's modification time (ISO), used to order resubmissions without a submission time */
  readonly modified?: string;
}

export interface ReviewEntry {
  readonly sectionCode: string;
  readonly section: string;
  readonly indicatorId: string;
  readonly reviewScore: number | null;
  readonly comment: string;
  /** the row's note from a previous merge (kept when it is the office's own) */
  readonly note?: string;
}

export interface AdjustmentEntry {
  readonly no: number | null;
  readonly section: string;
  readonly kind: string;
  readonly item: string;
  readonly points: number | null;
  readonly basis: string;
  readonly date: string | null;
  readonly enteredBy: string;
  readonly note?: string;
}

export interface Previous {
  readonly review: readonly ReviewEntry[];
  readonly adjustments: readonly AdjustmentEntry[];
}

export interface MergeOptions {
  readonly scheme: Scheme;
  readonly lang: Lang;
  /** the date overdue is computed against */
  readonly asOf: string;
  /** when the merge ran (recorded once; shown on the report) */
  readonly mergedAt: string;
  /** only this period (YYYY-MM) is merged; other periods are rejected */
  readonly period?: string | undefined;
  /** reject files with check errors instead of merging them */
  readonly strict?: boolean;
  /** what the office typed into the previous office workbook */
  readonly previous?: Previous;
}

export type RejectReason = 'unusable' | 'errors' | 'no-section' | 'other-period';

export interface Rejected {
  readonly file: string;
  readonly reason: RejectReason;
  /** an unusable-file code (U_…) or R_ERRORS / R_NO_SECTION / R_OTHER_PERIOD */
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly section?: Section;
}

/** Why a file was not merged, in words. */
export function rejectionText(r: Rejected, lang: Lang): string {
  const note = NOTE[lang];
  switch (r.reason) {
    case 'unusable':
      return unusableMessage({ code: r.code as UnusableCode, params: r.params }, lang);
    case 'errors':
      return note.errors(Number(r.params['errors']));
    case 'no-section':
      return note.noSection;
    case 'other-period':
      return note.otherPeriod(String(r.params['period']), String(r.params['wanted']));
  }
}

export interface Accepted {
  readonly file: string;
  readonly section: Section;
  readonly period: string | null;
  readonly submittedAt: string | null;
  readonly head: string;
  readonly contact: string;
  readonly phone: string;
  readonly rows: Readonly<Record<ListSheetKey, number>>;
  readonly errors: number;
  readonly warnings: number;
}

export interface Superseded extends Accepted {
  /** the file that replaced it */
  readonly by: string;
}

export interface MergedRow {
  readonly section: Section;
  readonly file: string;
  /** row number in the submitted sheet */
  readonly row: number;
  readonly values: Readonly<Record<string, TypedValue>>;
  readonly extras: Readonly<Record<string, string>>;
  readonly state?: DeadlineState;
  readonly days?: number;
}

export interface ReviewRow extends ReviewEntry {
  readonly heading: string;
  readonly content: string;
  readonly points: number | null;
  readonly method: 'manual' | 'auto' | null;
  readonly selfScore: number | null;
  readonly note: string;
}

export interface AdjustmentRow extends AdjustmentEntry {
  readonly note: string;
}

export interface Reconciliation {
  readonly sheet: ListSheetKey;
  /** rows read from the accepted files */
  readonly rowsIn: number;
  /** rows on the merged sheet */
  readonly rowsOut: number;
  /** rows in superseded files, not merged (listed on the report) */
  readonly superseded: number;
  readonly ok: boolean;
}

export interface FileFinding {
  readonly file: string;
  readonly section?: Section;
  readonly finding: Finding;
}

export interface MergeSummary {
  readonly asOf: string;
  readonly mergedAt: string;
  readonly period?: string;
  readonly accepted: readonly Accepted[];
  readonly superseded: readonly Superseded[];
  readonly rejected: readonly Rejected[];
  readonly missing: readonly Section[];
  readonly review: readonly ReviewRow[];
  readonly adjustments: readonly AdjustmentRow[];
  readonly reconciliation: readonly Reconciliation[];
}

/** A merge with its rows in memory. */
export interface MergeResult extends MergeSummary {
  readonly sheets: Readonly<Record<ListSheetKey, readonly MergedRow[]>>;
  readonly findings: readonly FileFinding[];
}

const KEYS = LIST_SHEETS.map((s) => s.key);

const NOTE = {
  zh: {
    errors: (n: number) => `有 ${n} 个错误（--strict 时不汇总），请按“检查结果”改正后重报`,
    noSection: '基本信息中的股室未填写或不在名单中，无法归属，请改正后重报',
    otherPeriod: (p: string, want: string) => `填报期次为 ${p}，本次汇总 ${want}`,
    goneSection: '该股室已不在名单中（保留原评议）',
    goneIndicator: '该指标已不在考核方案中（保留原评议）',
    unknownSection: '股室不在名单中，请核对',
    auto: '按台账自动计算',
    manual: '自评+评议',
    missing: '未报送',
  },
  en: {
    errors: (n: number) => `${n} errors (not merged with --strict); fix them as listed under 检查结果 and resubmit`,
    noSection: 'the section on 基本信息 is empty or not on the roster, so the rows cannot be attributed; fix and resubmit',
    otherPeriod: (p: string, want: string) => `period ${p}; this merge is for ${want}`,
    goneSection: 'this section is no longer on the roster (review kept)',
    goneIndicator: 'this indicator is no longer in the scheme (review kept)',
    unknownSection: 'section not on the roster: check it',
    auto: 'computed from the ledger',
    manual: 'self + review',
    missing: 'not submitted',
  },
} as const;

/** What a light read of a file says: unusable, or its 基本信息 (section, period, submission time). */
export type FileHead =
  | { readonly file: string; readonly modified?: string; readonly kind: 'unusable'; readonly code: string; readonly params: Readonly<Record<string, string | number>> }
  | { readonly file: string; readonly modified?: string; readonly kind: 'head'; readonly section?: Section; readonly period: string | null; readonly submittedAt: string | null };

export interface MergePlan {
  /** per roster section that submitted, its files newest first (the first usable one wins) */
  readonly sections: ReadonlyArray<{ readonly section: Section; readonly files: readonly string[] }>;
  readonly rejected: readonly Rejected[];
  readonly missing: readonly Section[];
}

/** The head of a checked file (for merging results already in memory). */
export function headOf(file: string, verdict: Verdict, modified?: string): FileHead {
  const m = modified ? { modified } : {};
  if (verdict.kind === 'unusable') return { file, ...m, kind: 'unusable', code: verdict.unusable.code, params: verdict.unusable.params };
  const r = verdict.result;
  return { file, ...m, kind: 'head', ...(r.section ? { section: r.section } : {}), period: typeof r.info['period'] === 'string' ? r.info['period'] : null, submittedAt: submittedAt(r) ?? null };
}

/** Which files to merge, in which order; which are refused before they are read in full. */
export function planMerge(heads: readonly FileHead[], options: MergeOptions): MergePlan {
  const rejected: Rejected[] = [];
  const bySection = new Map<string, Array<Extract<FileHead, { kind: 'head' }>>>();
  for (const h of [...heads].sort((a, b) => compareText(a.file, b.file))) {
    if (h.kind === 'unusable') {
      rejected.push({ file: h.file, reason: 'unusable', code: h.code, params: h.params });
      continue;
    }
    if (!h.section) {
      rejected.push({ file: h.file, reason: 'no-section', code: 'R_NO_SECTION', params: {} });
      continue;
    }
    if (options.period && h.period !== options.period) {
      rejected.push({ file: h.file, reason: 'other-period', code: 'R_OTHER_PERIOD', params: { period: h.period ?? '-', wanted: options.period }, section: h.section });
      continue;
    }
    const list = bySection.get(h.section.code) ?? [];
    list.push(h);
    bySection.set(h.section.code, list);
  }
  const sections = options.scheme.sections.flatMap((section) => {
    const list = bySection.get(section.code);
    if (!list) return [];
    // the latest submission time wins, then the file's time, then its name
    const files = [...list]
      .sort((a, b) => compareText(b.submittedAt ?? '', a.submittedAt ?? '') || compareText(b.modified ?? '', a.modified ?? '') || compareText(b.file, a.file))
      .map((h) => h.file);
    return [{ section, files }];
  });
  return { sections, rejected, missing: options.scheme.sections.filter((s) => !bySection.has(s.code)) };
}

/**
 * What a merge needs of a checked file besides its rows: small enough to cross between threads,
 * so a worker can keep the rows and render them once the merge says where they start.
 */
export type Digest =
  | { readonly kind: 'unusable'; readonly unusable: Unusable }
  | {
      readonly kind: 'checked';
      readonly info: CheckResult['info'];
      readonly errors: number;
      readonly warnings: number;
      readonly rows: Readonly<Record<ListSheetKey, number>>;
      readonly findings: readonly Finding[];
      /** the self-assessment rows (the review sheet shows the self scores) */
      readonly selfAssessment: CheckedSheet;
    };

/** What a merge keeps of a file's check (the check's rows may be records or a typed sheet's). */
export function digest(v: Verdict | { readonly kind: 'checked'; readonly result: TypedCheckResult }): Digest {
  if (v.kind === 'unusable') return { kind: 'unusable', unusable: v.unusable };
  const r = v.result;
  return {
    kind: 'checked',
    // what the merge keeps to the end is detached from the file's XML (a merge of 1,000 files on
    // one thread once kept 300 MB of it)
    info: detached(r.info),
    errors: r.errors,
    warnings: r.warnings,
    rows: Object.fromEntries(KEYS.map((k) => [k, r.sheets[k].rows.length])) as Record<ListSheetKey, number>,
    findings: r.findings,
    selfAssessment: detached('keys' in r.sheets.selfAssessment ? checkedSheet(r.sheets.selfAssessment) : r.sheets.selfAssessment),
  };
}

/** An accepted file's rows for one merged sheet, with provenance and (where the sheet has deadlines) their state. */
export function* mergedRows(key: ListSheetKey, file: string, section: Section, sheet: CheckedSheet, options: Pick<MergeOptions, 'asOf' | 'scheme'>): Generator<MergedRow> {
  const def = LIST_SHEETS.find((s) => s.key === key)!;
  for (const row of sheet.rows) {
    const merged: MergedRow = { section, file, row: row.row, values: row.values, extras: row.extras };
    yield def.deadline ? withDeadline(merged, def.deadline, options) : merged;
  }
}

/** Where the findings of the files go (the rows are delivered by whoever holds them). */
export interface FindingSink {
  finding(f: FileFinding): void;
}

/**
 * Runs a plan: for each section, the newest file is checked and merged — unless --strict refuses
 * it for its errors, when the next one is tried; the older files are listed as superseded. Files
 * are taken one by one in plan order (`take`), so their reading may happen anywhere, in parallel.
 */
export class MergeRun {
  private readonly accepted: Accepted[] = [];
  private readonly superseded: Superseded[] = [];
  private readonly rejected: Rejected[];
  private readonly counts = Object.fromEntries(KEYS.map((k) => [k, { rowsIn: 0, rowsOut: 0, superseded: 0 }])) as Record<ListSheetKey, { rowsIn: number; rowsOut: number; superseded: number }>;
  private readonly self = new Map<string, CheckedSheet>();
  private readonly winners = new Map<string, string>();

  constructor(
    private readonly plan: MergePlan,
    private readonly options: MergeOptions,
    private readonly sink: FindingSink,
  ) {
    this.rejected = [...plan.rejected];
  }

  /** The plan's files in the order they must be taken. */
  files(): Array<{ readonly section: Section; readonly file: string }> {
    return this.plan.sections.flatMap(({ section, files }) => files.map((file) => ({ section, file })));
  }

  /**
   * Take the next file of the plan with what its check found. True when its rows are merged:
   * the caller then delivers them, `d.rows[sheet]` rows per sheet, after the previous file's.
   */
  take(section: Section, file: string, d: Digest): boolean {
    if (d.kind === 'unusable') {
      this.rejected.push({ file, reason: 'unusable', code: d.unusable.code, params: d.unusable.params });
      return false;
    }
    const winner = this.winners.get(section.code);
    if (winner) {
      this.superseded.push({ ...describe(file, d, section), by: winner });
      for (const k of KEYS) this.counts[k].superseded += d.rows[k];
      return false;
    }
    if (this.options.strict && d.errors > 0) {
      this.rejected.push({ file, reason: 'errors', code: 'R_ERRORS', params: { errors: d.errors }, section });
      for (const f of d.findings) this.sink.finding({ file, section, finding: f });
      return false;
    }
    this.winners.set(section.code, file);
    this.accepted.push(describe(file, d, section));
    this.self.set(section.code, d.selfAssessment);
    for (const k of KEYS) {
      this.counts[k].rowsIn += d.rows[k];
    }
    for (const f of d.findings) this.sink.finding({ file, section, finding: f });
    return true;
  }

  /** Count rows as they reach the merged sheets (the reconciliation compares them with the rows read). */
  delivered(sheet: ListSheetKey, rows: number): void {
    this.counts[sheet].rowsOut += rows;
  }

  /** Merge every section of the plan, checking files through `check`, rows into `rows`. */
  run(check: (file: string) => Verdict, rows: (sheet: ListSheetKey, row: MergedRow) => void): MergeSummary {
    for (const { section, file } of this.files()) {
      const v = check(file);
      if (!this.take(section, file, digest(v)) || v.kind !== 'checked') continue;
      for (const def of LIST_SHEETS) {
        for (const row of mergedRows(def.key, file, section, v.result.sheets[def.key], this.options)) {
          rows(def.key, row);
          this.delivered(def.key, 1);
        }
      }
    }
    return this.summary();
  }

  summary(): MergeSummary {
    const o = this.options;
    const byOrder = (a: { file: string }, b: { file: string }) => compareText(a.file, b.file);
    const merged = new Set(this.accepted.map((a) => a.section.code));
    return {
      asOf: o.asOf,
      mergedAt: o.mergedAt,
      ...(o.period ? { period: o.period } : {}),
      accepted: this.accepted,
      superseded: this.superseded,
      rejected: [...this.rejected].sort(byOrder),
      // a section is missing when none of its files was merged (not submitted, or all refused)
      missing: o.scheme.sections.filter((s) => !merged.has(s.code)),
      review: reviewRows(this.self, o),
      adjustments: adjustmentRows(o),
      reconciliation: KEYS.map((sheet) => {
        const c = this.counts[sheet];
        return { sheet, rowsIn: c.rowsIn, rowsOut: c.rowsOut, superseded: c.superseded, ok: c.rowsIn === c.rowsOut };
      }),
    };
  }
}

/** Merge checked submissions held in memory. Never throws on a submission: every file ends up accepted, superseded or rejected. */
export function mergeSubmissions(submissions: readonly Submission[], options: MergeOptions): MergeResult {
  const byFile = new Map(submissions.map((s) => [s.file, s]));
  const plan = planMerge(
    submissions.map((s) => headOf(s.file, s.verdict, s.modified)),
    options,
  );
  const sheets = Object.fromEntries(KEYS.map((k) => [k, [] as MergedRow[]])) as Record<ListSheetKey, MergedRow[]>;
  const findings: FileFinding[] = [];
  const summary = new MergeRun(plan, options, { finding: (f) => void findings.push(f) }).run(
    (file) => (byFile.get(file) as Submission).verdict,
    (k, r) => void sheets[k].push(r),
  );
  return { ...summary, sheets, findings };
}

function submittedAt(r: { readonly info: CheckResult['info'] }): string | undefined {
  const v = r.info['submittedAt'];
  return typeof v === 'string' ? v : undefined;
}

function describe(file: string, r: Extract<Digest, { kind: 'checked' }>, section: Section): Accepted {
  const text = (k: string) => (typeof r.info[k] === 'string' ? (r.info[k] as string) : r.info[k] === null || r.info[k] === undefined ? '' : String(r.info[k]));
  return {
    file,
    section,
    period: typeof r.info['period'] === 'string' ? r.info['period'] : null,
    submittedAt: submittedAt(r) ?? null,
    head: text('head'),
    contact: text('contact'),
    phone: text('phone'),
    rows: r.rows,
    errors: r.errors,
    warnings: r.warnings,
  };
}

function withDeadline(row: MergedRow, d: NonNullable<(typeof LIST_SHEETS)[number]['deadline']>, options: Pick<MergeOptions, 'asOf' | 'scheme'>): MergedRow {
  const due = rowDeadline(row.values, d, options);
  // built field by field: a spread of every row costs more than the rest of this function
  const out: { -readonly [K in keyof MergedRow]: MergedRow[K] } = { section: row.section, file: row.file, row: row.row, values: row.values, extras: row.extras, state: due.state };
  if (due.days !== undefined) out.days = due.days;
  return out;
}

/** A row's deadline state on the merge's day and, when it is overdue or was done late, by how many days. */
export function rowDeadline(
  v: Readonly<Record<string, TypedValue>>,
  d: NonNullable<(typeof LIST_SHEETS)[number]['deadline']>,
  options: Pick<MergeOptions, 'asOf' | 'scheme'>,
): { readonly state: DeadlineState; readonly days?: number } {
  return rowDeadlineBy((key) => v[key], d, options);
}

/** `rowDeadline` of a row whose values are looked up by column key (a typed sheet's row). */
export function rowDeadlineBy(
  value: (key: string) => TypedValue | undefined,
  d: NonNullable<(typeof LIST_SHEETS)[number]['deadline']>,
  options: Pick<MergeOptions, 'asOf' | 'scheme'>,
): { readonly state: DeadlineState; readonly days?: number } {
  const status = rowDeadlineStatusBy(value, d, options.asOf, options.scheme.deadlines.dueSoonDays);
  return status.state === 'overdue' || status.state === 'late-done' ? { state: status.state, days: status.days } : { state: status.state };
}

function reviewRows(self: ReadonlyMap<string, CheckedSheet>, options: MergeOptions): ReviewRow[] {
  const note = NOTE[options.lang];
  const previous = new Map((options.previous?.review ?? []).map((r) => [`${r.sectionCode}|${r.indicatorId}`, r]));
  const rows: ReviewRow[] = [];
  const used = new Set<string>();
  for (const section of options.scheme.sections) {
    const submission = self.get(section.code);
    for (const indicator of options.scheme.indicators) {
      const key = `${section.code}|${indicator.id}`;
      used.add(key);
      const prev = previous.get(key);
      const own = submission?.rows.find((r) => String(r.values['indicatorId'] ?? '').toUpperCase() === indicator.id);
      const selfScore = typeof own?.values['selfScore'] === 'number' ? (own.values['selfScore'] as number) : null;
      rows.push({
        sectionCode: section.code,
        section: section.name,
        indicatorId: indicator.id,
        heading: indicator.heading,
        content: indicator.content,
        points: indicator.points,
        method: indicator.method,
        selfScore,
        reviewScore: prev?.reviewScore ?? null,
        comment: prev?.comment ?? '',
        note: submission ? '' : note.missing,
      });
    }
  }
  // what the office typed for a section or indicator that is gone stays, flagged
  const sectionCodes = new Set(options.scheme.sections.map((s) => s.code));
  for (const [key, prev] of previous) {
    if (used.has(key)) continue;
    rows.push({
      ...prev,
      heading: '',
      content: '',
      points: null,
      method: null,
      selfScore: null,
      reviewScore: prev.reviewScore,
      comment: prev.comment,
      note: sectionCodes.has(prev.sectionCode) ? note.goneIndicator : note.goneSection,
    });
  }
  return rows;
}

function adjustmentRows(options: MergeOptions): AdjustmentRow[] {
  const note = NOTE[options.lang];
  const names = new Set(options.scheme.sections.map((s) => s.name));
  return (options.previous?.adjustments ?? []).map((a) => ({ ...a, note: a.section && !names.has(a.section) ? note.unknownSection : '' }));
}

/** Code-point order, the same on every machine (no locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { NOTE as MERGE_NOTES };

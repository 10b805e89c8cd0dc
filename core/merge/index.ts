/**
 * core/merge — the sections' checked submissions into one office ledger. Pure: verdicts in, a
 * merge result out. Every row is accounted for: each accepted file's rows appear exactly once with
 * their provenance, every other file is listed with its reason, and the reconciliation says so.
 */
import type { Lang } from '../i18n';
import { deadlineStatus, type CheckResult, type DeadlineState, type Finding, type TypedValue, type Verdict } from '../rules';
import { LIST_SHEETS, type ListSheetKey } from '../schema';
import type { AdjustmentKind } from '../schema/office';
import type { Scheme, Section } from '../scheme';
import { unusableMessage, type UnusableCode } from '../xlsx/unusable';

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

export interface MergeResult {
  readonly asOf: string;
  readonly mergedAt: string;
  readonly period?: string;
  readonly accepted: readonly Accepted[];
  readonly superseded: readonly Superseded[];
  readonly rejected: readonly Rejected[];
  readonly missing: readonly Section[];
  readonly sheets: Readonly<Record<ListSheetKey, readonly MergedRow[]>>;
  readonly findings: readonly FileFinding[];
  readonly review: readonly ReviewRow[];
  readonly adjustments: readonly AdjustmentRow[];
  readonly reconciliation: readonly Reconciliation[];
  /** extra columns found in submissions, per merged sheet (kept as their own columns) */
  readonly extraColumns: Readonly<Record<ListSheetKey, readonly string[]>>;
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

/** Merge checked submissions. Never throws on a submission: every file ends up accepted, superseded or rejected. */
export function mergeSubmissions(submissions: readonly Submission[], options: MergeOptions): MergeResult {
  const roster = options.scheme.sections;
  const rejected: Rejected[] = [];
  const candidates: Array<{ file: string; result: CheckResult; section: Section; modified?: string }> = [];

  for (const s of [...submissions].sort((a, b) => compareText(a.file, b.file))) {
    const v = s.verdict;
    if (v.kind === 'unusable') {
      rejected.push({ file: s.file, reason: 'unusable', code: v.unusable.code, params: v.unusable.params });
      continue;
    }
    const r = v.result;
    const section = r.section;
    if (!section) {
      rejected.push({ file: s.file, reason: 'no-section', code: 'R_NO_SECTION', params: {} });
      continue;
    }
    const period = typeof r.info['period'] === 'string' ? r.info['period'] : null;
    if (options.period && period !== options.period) {
      rejected.push({ file: s.file, reason: 'other-period', code: 'R_OTHER_PERIOD', params: { period: period ?? '-', wanted: options.period }, section });
      continue;
    }
    if (options.strict && r.errors > 0) {
      rejected.push({ file: s.file, reason: 'errors', code: 'R_ERRORS', params: { errors: r.errors }, section });
      continue;
    }
    candidates.push({ file: s.file, result: r, section, ...(s.modified ? { modified: s.modified } : {}) });
  }

  // one file per section: the latest submission time wins (then the file's time, then its name)
  const bySection = new Map<string, typeof candidates>();
  for (const c of candidates) {
    const list = bySection.get(c.section.code) ?? [];
    list.push(c);
    bySection.set(c.section.code, list);
  }
  const accepted: Accepted[] = [];
  const superseded: Superseded[] = [];
  const kept: typeof candidates = [];
  for (const section of roster) {
    const list = bySection.get(section.code);
    if (!list) continue;
    const ordered = [...list].sort(
      (a, b) =>
        compareText(submittedAt(b.result) ?? '', submittedAt(a.result) ?? '') ||
        compareText(b.modified ?? '', a.modified ?? '') ||
        compareText(b.file, a.file),
    );
    const [winner, ...older] = ordered;
    if (!winner) continue;
    kept.push(winner);
    accepted.push(describe(winner.file, winner.result, winner.section));
    for (const o of older) superseded.push({ ...describe(o.file, o.result, o.section), by: winner.file });
  }
  const missing = roster.filter((s) => !bySection.has(s.code));

  const sheets = Object.fromEntries(KEYS.map((k) => [k, [] as MergedRow[]])) as Record<ListSheetKey, MergedRow[]>;
  const extraColumns = Object.fromEntries(KEYS.map((k) => [k, [] as string[]])) as Record<ListSheetKey, string[]>;
  const findings: FileFinding[] = [];
  for (const k of kept) {
    for (const def of LIST_SHEETS) {
      const sheet = k.result.sheets[def.key];
      for (const extra of sheet.extraColumns) if (!extraColumns[def.key].includes(extra)) extraColumns[def.key].push(extra);
      for (const r of sheet.rows) {
        const merged: MergedRow = { section: k.section, file: k.file, row: r.row, values: r.values, extras: r.extras };
        sheets[def.key].push(def.deadline ? withDeadline(merged, def.deadline, options) : merged);
      }
    }
    for (const f of k.result.findings) findings.push({ file: k.file, section: k.section, finding: f });
  }
  // files refused for their errors still get their findings listed, so the office can send them back
  for (const s of submissions) {
    if (s.verdict.kind !== 'checked') continue;
    const rej = rejected.find((r) => r.file === s.file && r.reason === 'errors');
    if (rej) for (const f of s.verdict.result.findings) findings.push({ file: s.file, ...(rej.section ? { section: rej.section } : {}), finding: f });
  }

  const reconciliation = KEYS.map((key) => {
    const rowsIn = kept.reduce((a, k) => a + k.result.sheets[key].rows.length, 0);
    const rowsOut = sheets[key].length;
    const sup = superseded.reduce((a, s) => a + s.rows[key], 0);
    return { sheet: key, rowsIn, rowsOut, superseded: sup, ok: rowsIn === rowsOut };
  });

  return {
    asOf: options.asOf,
    mergedAt: options.mergedAt,
    ...(options.period ? { period: options.period } : {}),
    accepted,
    superseded,
    rejected,
    missing,
    sheets,
    findings,
    review: reviewRows(kept, options),
    adjustments: adjustmentRows(options),
    reconciliation,
    extraColumns,
  };
}

function submittedAt(r: CheckResult): string | undefined {
  const v = r.info['submittedAt'];
  return typeof v === 'string' ? v : undefined;
}

function describe(file: string, r: CheckResult, section: Section): Accepted {
  const text = (k: string) => (typeof r.info[k] === 'string' ? (r.info[k] as string) : r.info[k] === null || r.info[k] === undefined ? '' : String(r.info[k]));
  return {
    file,
    section,
    period: typeof r.info['period'] === 'string' ? r.info['period'] : null,
    submittedAt: submittedAt(r) ?? null,
    head: text('head'),
    contact: text('contact'),
    phone: text('phone'),
    rows: Object.fromEntries(KEYS.map((k) => [k, r.sheets[k].rows.length])) as Record<ListSheetKey, number>,
    errors: r.errors,
    warnings: r.warnings,
  };
}

function withDeadline(row: MergedRow, d: NonNullable<(typeof LIST_SHEETS)[number]['deadline']>, options: MergeOptions): MergedRow {
  const v = row.values;
  const iso = (x: TypedValue | undefined) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? x : undefined);
  const doneValue = v[d.doneColumn];
  const done = d.doneValues ? d.doneValues.includes(String(doneValue ?? '')) : typeof doneValue === 'number' && doneValue >= (d.doneAtLeast ?? 100);
  const status = deadlineStatus(
    { deadline: iso(v[d.column]), extendedTo: d.extendedColumn ? iso(v[d.extendedColumn]) : undefined, done, doneDate: iso(v['doneDate']) },
    options.asOf,
    options.scheme.deadlines.dueSoonDays,
  );
  const days = status.state === 'overdue' || status.state === 'late-done' ? status.days : undefined;
  return { ...row, state: status.state, ...(days !== undefined ? { days } : {}) };
}

function reviewRows(kept: ReadonlyArray<{ result: CheckResult; section: Section }>, options: MergeOptions): ReviewRow[] {
  const note = NOTE[options.lang];
  const previous = new Map((options.previous?.review ?? []).map((r) => [`${r.sectionCode}|${r.indicatorId}`, r]));
  const rows: ReviewRow[] = [];
  const used = new Set<string>();
  for (const section of options.scheme.sections) {
    const submission = kept.find((k) => k.section.code === section.code);
    for (const indicator of options.scheme.indicators) {
      const key = `${section.code}|${indicator.id}`;
      used.add(key);
      const prev = previous.get(key);
      const self = submission?.result.sheets.selfAssessment.rows.find((r) => String(r.values['indicatorId'] ?? '').toUpperCase() === indicator.id);
      const selfScore = typeof self?.values['selfScore'] === 'number' ? (self.values['selfScore'] as number) : null;
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

export const ADJUSTMENT_KIND_VALUES: readonly AdjustmentKind[] = ['加分', '扣分', '一票否决'];
export { NOTE as MERGE_NOTES };

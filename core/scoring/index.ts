/**
 * core/scoring — the ranking of sections. Pure: ledger data, review scores, adjustments, the
 * scheme and the as-of date in; a result per section out, every total traceable to its parts.
 */
import { deadlineStatus } from '../rules/deadlines';
import { DONE_STATUSES } from '../schema';
import type { Scheme, Section } from '../scheme';

export interface IssueInput {
  readonly deadline?: string | undefined;
  readonly extendedTo?: string | undefined;
  readonly status: string;
  readonly doneDate?: string | undefined;
  readonly strong: boolean;
}

export interface ScoreInput {
  readonly self: number | null;
  readonly review: number | null;
  /** where the review score sits (e.g. 考核评议!I5), for the audit trail */
  readonly source?: string;
}

export interface SectionInput {
  readonly section: Section;
  readonly submitted: boolean;
  /** by indicator id */
  readonly scores: ReadonlyMap<string, ScoreInput>;
  readonly issues: readonly IssueInput[];
  /** check errors in the section's merged ledger (its metrics may be off: the ranking is provisional) */
  readonly ledgerErrors?: number;
}

export interface AdjustmentInput {
  /** the section's name or code */
  readonly section: string;
  readonly kind: string;
  readonly item: string;
  readonly points: number | null;
  /** where the entry sits (e.g. 加减分 第 3 行) */
  readonly source: string;
}

export interface RectificationMetrics {
  /** problems whose (extended) deadline is on or before the as-of date */
  readonly due: number;
  readonly done: number;
  readonly onTime: number;
  readonly overdue: number;
  readonly strongOverdue: number;
  /** done / due (1 when nothing is due) */
  readonly completionRate: number;
  /** on time / done (1 when nothing is done) */
  readonly onTimeRate: number;
}

export interface Part {
  readonly kind: 'indicator' | 'bonus' | 'penalty';
  readonly label: string;
  readonly value: number;
  /** how it was reached, in words (zh) */
  readonly how: string;
  /** where its inputs are */
  readonly source: string;
}

export interface IndicatorScore {
  readonly id: string;
  readonly heading: string;
  readonly method: 'manual' | 'auto';
  readonly points: number;
  readonly self: number | null;
  readonly review: number | null;
  readonly score: number;
  readonly provisional: boolean;
}

export type Grade = '优秀' | '良好' | '合格' | '不合格';

export interface Flag {
  readonly code: 'LOW_COMPLETION' | 'MANY_OVERDUE' | 'STRONG_OVERDUE' | 'SELF_OVER_REVIEW' | 'NOT_SUBMITTED';
  readonly reason: string;
}

export interface SectionScore {
  readonly section: Section;
  readonly submitted: boolean;
  readonly indicators: readonly IndicatorScore[];
  readonly indicatorTotal: number;
  readonly bonus: number;
  readonly penalty: number;
  readonly vetoes: readonly string[];
  readonly total: number;
  /** 1-based; equal totals (to 2 decimals) share a rank: 1, 2, 2, 4 */
  readonly rank: number;
  /** listing position (1-based): by total, then the tie-break */
  readonly order: number;
  readonly grade: Grade;
  /** why the grade is what it is, when not by thresholds alone */
  readonly gradeNote: string;
  /** a tie straddles the 优秀 quota: the leading group decides */
  readonly quotaTie: boolean;
  /** some review score is missing (the self score stands in), or the ledger has check errors */
  readonly provisional: boolean;
  /** why the score is provisional, in words (zh) */
  readonly provisionalReasons: readonly string[];
  /** manual indicators without a review score */
  readonly missingReviews: number;
  /** check errors in the merged ledger */
  readonly ledgerErrors: number;
  readonly flags: readonly Flag[];
  readonly metrics: RectificationMetrics;
  readonly rectificationScore: number;
  readonly parts: readonly Part[];
}

export interface Ranking {
  readonly asOf: string;
  readonly sections: readonly SectionScore[];
  readonly provisional: boolean;
  /** the most 优秀 grades the quota allows */
  readonly excellentQuota: number;
  /** adjustment entries that name no section on the roster (not counted; listed) */
  readonly unmatched: readonly AdjustmentInput[];
}

/** Round to 2 decimals (the precision of every score shown). */
export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));
const pct = (n: number): string => `${round2(n * 100)}%`;

/** Rectification metrics of a section's problems against the as-of date. */
export function rectificationMetrics(issues: readonly IssueInput[], asOf: string): RectificationMetrics {
  let due = 0;
  let done = 0;
  let onTime = 0;
  let overdue = 0;
  let strongOverdue = 0;
  for (const i of issues) {
    const isDone = DONE_STATUSES.includes(i.status);
    const s = deadlineStatus({ deadline: i.deadline, extendedTo: i.extendedTo, done: isDone, doneDate: i.doneDate }, asOf, 0);
    if (!s.due || s.due > asOf) continue;
    due += 1;
    if (isDone) {
      done += 1;
      if (s.state === 'done') onTime += 1;
    } else {
      overdue += s.state === 'overdue' ? 1 : 0;
      if (s.state === 'overdue' && i.strong) strongOverdue += 1;
    }
  }
  return { due, done, onTime, overdue, strongOverdue, completionRate: due === 0 ? 1 : done / due, onTimeRate: done === 0 ? 1 : onTime / done };
}

/** Score and rank every section of the scheme. */
export function rankSections(scheme: Scheme, asOf: string, inputs: readonly SectionInput[], adjustments: readonly AdjustmentInput[]): Ranking {
  const sc = scheme.scoring;
  const byCode = new Map(inputs.map((i) => [i.section.code, i]));
  const byName = new Map<string, Section>();
  for (const s of scheme.sections) byName.set(s.code, s).set(s.name, s);
  const sectionOf = (name: string) => byName.get(name.trim()) ?? byName.get(name.trim().toUpperCase());
  const unmatched = adjustments.filter((a) => !sectionOf(a.section));
  const adjustmentsOf = new Map<string, AdjustmentInput[]>();
  for (const a of adjustments) {
    const code = sectionOf(a.section)?.code;
    if (code) adjustmentsOf.set(code, [...(adjustmentsOf.get(code) ?? []), a]);
  }

  const scored = scheme.sections.map((section) => {
    const input = byCode.get(section.code) ?? { section, submitted: false, scores: new Map<string, ScoreInput>(), issues: [] };
    const metrics = rectificationMetrics(input.issues, asOf);
    const parts: Part[] = [];
    const indicators: IndicatorScore[] = [];
    let provisional = false;
    let rectificationScore = 0;
    for (const ind of scheme.indicators) {
      const s = input.scores.get(ind.id) ?? { self: null, review: null };
      if (ind.method === 'auto') {
        const r = sc.rectification;
        const raw = ind.points * (r.completionWeight * metrics.completionRate + r.onTimeWeight * metrics.onTimeRate) - r.overduePenalty * metrics.overdue;
        const score = input.submitted ? round2(clamp(raw, 0, ind.points)) : 0;
        rectificationScore = score;
        indicators.push({ id: ind.id, heading: ind.heading, method: 'auto', points: ind.points, self: s.self, review: null, score, provisional: false });
        parts.push({
          kind: 'indicator',
          label: `${ind.id} ${ind.heading}`,
          value: score,
          how: input.submitted
            ? `${ind.points}×(${r.completionWeight}×完成率 ${pct(metrics.completionRate)} + ${r.onTimeWeight}×按期率 ${pct(metrics.onTimeRate)}) − ${r.overduePenalty}×逾期 ${metrics.overdue} 项，限 0–${ind.points}`
            : '未报送，计 0 分',
          source: `问题清单汇总：到期 ${metrics.due} 项，完成 ${metrics.done} 项，按期 ${metrics.onTime} 项，逾期 ${metrics.overdue} 项`,
        });
        continue;
      }
      const self = s.self === null ? null : clamp(s.self, 0, ind.points);
      const review = s.review === null ? null : clamp(s.review, 0, ind.points);
      const missingReview = review === null && input.submitted;
      if (missingReview) provisional = true;
      const reviewUsed = review ?? self ?? 0;
      const score = round2(sc.weights.self * (self ?? 0) + sc.weights.review * reviewUsed);
      indicators.push({ id: ind.id, heading: ind.heading, method: 'manual', points: ind.points, self, review, score, provisional: missingReview });
      parts.push({
        kind: 'indicator',
        label: `${ind.id} ${ind.heading}`,
        value: score,
        how: `${sc.weights.self}×自评 ${self ?? 0} + ${sc.weights.review}×评议 ${review ?? (missingReview ? `${self ?? 0}（评议未录入，暂按自评）` : 0)}`,
        source: s.source ?? '考核评议',
      });
    }

    // adjustments: bonuses (per item cap, then the overall cap), penalties, vetoes
    const mine = adjustmentsOf.get(section.code) ?? [];
    const perItem = new Map<string, number>();
    let bonusRaw = 0;
    let penalty = 0;
    const vetoes: string[] = [];
    for (const a of mine) {
      const kind = a.kind.trim();
      if (kind === '一票否决') {
        vetoes.push(a.item || '一票否决');
        continue;
      }
      const def = (kind === '加分' ? sc.bonuses : sc.penalties).find((b) => b.name === a.item.trim());
      const points = Math.abs(a.points ?? def?.points ?? 0);
      if (kind === '加分') {
        const key = def?.name ?? '';
        const before = perItem.get(key) ?? 0;
        const cap = def?.cap ?? Infinity;
        const counted = round2(Math.max(0, Math.min(points, cap - before)));
        perItem.set(key, before + counted);
        bonusRaw += counted;
        parts.push({ kind: 'bonus', label: a.item || '加分', value: counted, how: counted < points ? `${points} 分，受单项上限 ${cap} 分限制计 ${counted} 分` : `${points} 分`, source: a.source });
      } else if (kind === '扣分') {
        penalty += points;
        parts.push({ kind: 'penalty', label: a.item || '扣分', value: -round2(points), how: `${points} 分`, source: a.source });
      }
    }
    let bonus = round2(bonusRaw);
    if (bonus > sc.bonusCap) {
      const cut = round2(bonus - sc.bonusCap);
      parts.push({ kind: 'bonus', label: '加分总上限', value: -cut, how: `加分合计 ${bonus} 分，超过总上限 ${sc.bonusCap} 分，减去 ${cut} 分`, source: '考核方案 scoring.bonusCap' });
      bonus = sc.bonusCap;
    }
    penalty = round2(penalty);
    const indicatorTotal = round2(indicators.reduce((a, i) => a + i.score, 0));
    const total = round2(Math.max(0, indicatorTotal + bonus - penalty));
    if (indicatorTotal + bonus - penalty < 0) {
      parts.push({ kind: 'penalty', label: '总分不低于 0', value: round2(-(indicatorTotal + bonus - penalty)), how: '扣分超过得分，总分计 0', source: '规则' });
    }

    const flags: Flag[] = [];
    const l = sc.lagging;
    if (!input.submitted) flags.push({ code: 'NOT_SUBMITTED', reason: '未报送台账' });
    else {
      if (metrics.due > 0 && metrics.completionRate < l.minCompletionRate) {
        flags.push({ code: 'LOW_COMPLETION', reason: `到期事项完成率 ${pct(metrics.completionRate)}，低于 ${pct(l.minCompletionRate)}（到期 ${metrics.due} 项，完成 ${metrics.done} 项）` });
      }
      if (metrics.overdue >= l.maxOverdue) flags.push({ code: 'MANY_OVERDUE', reason: `逾期 ${metrics.overdue} 项，达到 ${l.maxOverdue} 项` });
      if (l.strongOverdue && metrics.strongOverdue > 0) flags.push({ code: 'STRONG_OVERDUE', reason: `反映强烈的问题逾期 ${metrics.strongOverdue} 项` });
      const both = indicators.filter((i) => i.method === 'manual' && i.self !== null && i.review !== null);
      const gap = round2(both.reduce((a, i) => a + (i.self ?? 0) - (i.review ?? 0), 0));
      if (gap > l.selfOverReview) flags.push({ code: 'SELF_OVER_REVIEW', reason: `自评合计高出评议合计 ${gap} 分，超过 ${l.selfOverReview} 分` });
    }
    const provisionalReasons = [
      ...(provisional ? ['评议得分未录完，暂按自评得分计算'] : []),
      ...(input.ledgerErrors ? [`台账有 ${input.ledgerErrors} 个错误（见“检查结果”），整改指标可能不准`] : []),
    ];
    provisional = provisionalReasons.length > 0;
    const missingReviews = indicators.filter((i) => i.provisional).length;
    const ledgerErrors = input.ledgerErrors ?? 0;
    return { section, submitted: input.submitted, indicators, indicatorTotal, bonus, penalty, vetoes, total, provisional, provisionalReasons, missingReviews, ledgerErrors, flags, metrics, rectificationScore, parts };
  });

  // listing order: total, then the written tie-break
  const tieBreak = (a: (typeof scored)[number], b: (typeof scored)[number]): number => {
    for (const t of sc.tieBreak) {
      const d =
        t === 'rectification' ? b.rectificationScore - a.rectificationScore : t === 'fewerOverdue' ? a.metrics.overdue - b.metrics.overdue : a.section.code < b.section.code ? -1 : a.section.code > b.section.code ? 1 : 0;
      if (d !== 0) return d;
    }
    return a.section.code < b.section.code ? -1 : a.section.code > b.section.code ? 1 : 0;
  };
  const ordered = [...scored].sort((a, b) => b.total - a.total || tieBreak(a, b));
  // ordered by total: a section's rank is 1 + the number of higher totals = the first position of its total
  const ranks: number[] = [];
  ordered.forEach((s, i) => ranks.push(i > 0 && ordered[i - 1]!.total === s.total ? ranks[i - 1]! : i + 1));

  // grades: thresholds, the veto, then the 优秀 quota (a tie across the quota is left to the group)
  const quota = Math.floor(sc.excellentQuota * scheme.sections.length + 1e-9);
  const byThreshold = (t: number): Grade => (t >= sc.grades.excellent ? '优秀' : t >= sc.grades.good ? '良好' : t >= sc.grades.pass ? '合格' : '不合格');
  const excellentRanks = ordered.map((s, i) => (s.vetoes.length === 0 && byThreshold(s.total) === '优秀' ? ranks[i] ?? 0 : 0)).filter((r) => r > 0);
  const atRank = new Map<number, number>();
  for (const r of excellentRanks) atRank.set(r, (atRank.get(r) ?? 0) + 1);
  const sections: SectionScore[] = ordered.map((s, i) => {
    const rank = ranks[i] ?? 0;
    let grade = byThreshold(s.total);
    let gradeNote = '';
    let quotaTie = false;
    if (s.vetoes.length > 0) {
      grade = '不合格';
      gradeNote = `一票否决：${s.vetoes.join('、')}`;
    } else if (grade === '优秀') {
      // excellent sections rank in order, so those ahead are the ones with a smaller rank
      const sameRank = atRank.get(rank) ?? 0;
      const ahead = excellentRanks.findIndex((r) => r === rank);
      if (ahead + sameRank <= quota) {
        // within the quota
      } else if (ahead < quota) {
        quotaTie = true;
        gradeNote = `与其他股室并列第 ${rank} 名，跨越优秀名额（${quota} 名），由领导小组确定`;
      } else {
        grade = s.total >= sc.grades.good ? '良好' : '合格';
        gradeNote = `达到优秀分数线，但优秀名额（${quota} 名）已满`;
      }
    }
    return { ...s, rank, order: i + 1, grade, gradeNote, quotaTie };
  });
  return { asOf, sections, provisional: sections.some((s) => s.provisional), excellentQuota: quota, unmatched };
}

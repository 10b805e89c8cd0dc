import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScheme, type Scheme } from '../scheme';
import { rankSections, rectificationMetrics, round2, type AdjustmentInput, type IssueInput, type SectionInput } from './index';

/**
 * A small scheme for hand-computed results: A1 (manual, 40), B1 (manual, 40), D1 (auto, 20);
 * weights 0.3 self / 0.7 review; rectification 20 × (0.6 × completion + 0.4 × on-time) − 1 per
 * overdue item; 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60; quota 30 %.
 */
function scheme(sections = 4, patch: Record<string, unknown> = {}): Scheme {
  const codes = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'GG', 'HH', 'II', 'JJ'];
  const r = parseScheme({
    version: 'test',
    unit: '测试单位',
    sections: codes.slice(0, sections).map((code, i) => ({ code, name: `第${i + 1}股` })),
    totalPoints: 100,
    indicators: [
      { id: 'A1', heading: '政治建设', content: 'a', standard: 'a', points: 40 },
      { id: 'B1', heading: '作风纪律', content: 'b', standard: 'b', points: 40 },
      { id: 'D1', heading: '问题整改', content: 'd', standard: 'd', points: 20, method: 'auto' },
    ],
    ...patch,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scheme;
}

const AS_OF = '2024-06-30';
const done = (deadline: string, doneDate: string, strong = false): IssueInput => ({ deadline, status: '已完成', doneDate, strong });
const open = (deadline: string, strong = false): IssueInput => ({ deadline, status: '整改中', strong });

function input(s: Scheme, code: string, a1: [number | null, number | null], b1: [number | null, number | null], issues: IssueInput[] = [done('2024-06-01', '2024-05-30')]): SectionInput {
  const section = s.sections.find((x) => x.code === code)!;
  return {
    section,
    submitted: true,
    scores: new Map([
      ['A1', { self: a1[0], review: a1[1], source: `考核评议!I${code}` }],
      ['B1', { self: b1[0], review: b1[1] }],
    ]),
    issues,
  };
}
const adj = (section: string, kind: string, item: string, points: number | null, row = 2): AdjustmentInput => ({ section, kind, item, points, source: `加减分 第 ${row} 行` });

describe('rectificationMetrics', () => {
  it.each<[string, IssueInput[], ReturnType<typeof rectificationMetrics>]>([
    ['nothing due (0 of 0 counts as 100 %)', [open('2024-07-31')], { due: 0, done: 0, onTime: 0, overdue: 0, strongOverdue: 0, completionRate: 1, onTimeRate: 1 }],
    ['0 % complete', [open('2024-06-01'), open('2024-06-10', true)], { due: 2, done: 0, onTime: 0, overdue: 2, strongOverdue: 1, completionRate: 0, onTimeRate: 1 }],
    ['partial: 2 of 4 done, one late', [done('2024-06-01', '2024-05-31'), done('2024-06-05', '2024-06-09'), open('2024-06-10'), open('2024-06-20'), open('2024-07-20')], { due: 4, done: 2, onTime: 1, overdue: 2, strongOverdue: 0, completionRate: 0.5, onTimeRate: 0.5 }],
    ['an extension moves the deadline past the as-of date', [{ deadline: '2024-06-01', extendedTo: '2024-07-15', status: '整改中', strong: false }], { due: 0, done: 0, onTime: 0, overdue: 0, strongOverdue: 0, completionRate: 1, onTimeRate: 1 }],
  ])('%s', (_what, issues, expected) => {
    expect(rectificationMetrics(issues, AS_OF)).toStrictEqual(expected);
  });
});

describe('rankSections', () => {
  it('scores a plain ranking; the quota of 30 % of 4 sections is 1', () => {
    const s = scheme(4);
    const r = rankSections(
      s,
      AS_OF,
      [
        input(s, 'AA', [38, 36], [36, 34]),
        input(s, 'BB', [30, 28], [32, 30], [done('2024-06-01', '2024-06-05'), open('2024-06-10')]),
        input(s, 'CC', [40, 38], [39, 39]),
        input(s, 'DD', [39, 39], [38, 38]),
      ],
      [],
    );
    // AA: A1 0.3×38 + 0.7×36 = 11.4 + 25.2 = 36.6; B1 0.3×36 + 0.7×34 = 10.8 + 23.8 = 34.6;
    //     D1: 1 due, done on time: 20×(0.6×1 + 0.4×1) − 0 = 20 → 36.6 + 34.6 + 20 = 91.2
    // BB: A1 9 + 19.6 = 28.6; B1 9.6 + 21 = 30.6; D1: 2 due, 1 done late: 20×(0.6×0.5 + 0.4×0) − 1×1 = 5 → 64.2
    // CC: A1 12 + 26.6 = 38.6; B1 11.7 + 27.3 = 39; D1 20 → 97.6
    // DD: A1 11.7 + 27.3 = 39; B1 11.4 + 26.6 = 38; D1 20 → 97
    // 优秀 ≥ 90: CC, DD, AA; quota floor(0.3 × 4) = 1 → CC 优秀, DD and AA 良好 (名额已满)
    expect(r.excellentQuota).toBe(1);
    expect(r.sections.map((x) => [x.section.code, x.indicators.map((i) => i.score), x.total, x.rank, x.order, x.grade, x.gradeNote])).toStrictEqual([
      ['CC', [38.6, 39, 20], 97.6, 1, 1, '优秀', ''],
      ['DD', [39, 38, 20], 97, 2, 2, '良好', '达到优秀分数线，但优秀名额（1 名）已满'],
      ['AA', [36.6, 34.6, 20], 91.2, 3, 3, '良好', '达到优秀分数线，但优秀名额（1 名）已满'],
      ['BB', [28.6, 30.6, 5], 64.2, 4, 4, '合格', ''],
    ]);
    const bb = r.sections[3]!;
    expect(bb.parts.map((p) => [p.label, p.value, p.how])).toStrictEqual([
      ['A1 政治建设', 28.6, '0.3×自评 30 + 0.7×评议 28'],
      ['B1 作风纪律', 30.6, '0.3×自评 32 + 0.7×评议 30'],
      ['D1 问题整改', 5, '20×(0.6×完成率 50% + 0.4×按期率 0%) − 1×逾期 1 项，限 0–20'],
    ]);
    expect(r.provisional).toBe(false);
  });

  it('lets equal totals share a rank (1, 2, 2, 4) and lists ties by the written tie-break', () => {
    const s = scheme(4);
    // BB and CC both total 87.6 and share rank 2; BB has the higher rectification score (20 vs 16.6),
    // so the tie-break lists it first
    const r = rankSections(
      s,
      AS_OF,
      [
        input(s, 'AA', [40, 40], [40, 40]), // 40 + 40 + 20 = 100
        input(s, 'CC', [36, 36], [35, 35], [done('2024-06-01', '2024-06-01'), done('2024-06-02', '2024-06-02'), done('2024-06-03', '2024-06-03'), done('2024-06-04', '2024-06-04'), open('2024-06-05')]),
        // CC: D1: 5 due, 4 done on time: 20×(0.6×0.8 + 0.4×1) − 1 = 20×0.88 − 1 = 16.6 → 36 + 35 + 16.6 = 87.6
        input(s, 'BB', [33.8, 33.8], [33.8, 33.8]), // 33.8 + 33.8 + 20 = 87.6
        input(s, 'DD', [30, 30], [30, 30]), // 80
      ],
      [],
    );
    expect(r.sections.map((x) => [x.section.code, x.total, x.rank, x.order, x.rectificationScore])).toStrictEqual([
      ['AA', 100, 1, 1, 20],
      ['BB', 87.6, 2, 2, 20],
      ['CC', 87.6, 2, 3, 16.6],
      ['DD', 80, 4, 4, 20],
    ]);
  });

  it('reports a tie that straddles the 优秀 quota for the leading group to decide', () => {
    const s = scheme(7); // quota floor(0.3 × 7) = 2
    const r = rankSections(
      s,
      AS_OF,
      [
        input(s, 'AA', [40, 40], [40, 40]), // 100
        input(s, 'BB', [36, 36], [36, 36]), // 92
        input(s, 'CC', [36, 36], [36, 36]), // 92
        input(s, 'DD', [20, 20], [20, 20]), // 60
        input(s, 'EE', [20, 20], [20, 20]),
        input(s, 'FF', [20, 20], [20, 20]),
        input(s, 'GG', [20, 20], [20, 20]),
      ],
      [],
    );
    expect(r.excellentQuota).toBe(2);
    expect(r.sections.slice(0, 3).map((x) => [x.section.code, x.total, x.rank, x.grade, x.quotaTie, x.gradeNote])).toStrictEqual([
      ['AA', 100, 1, '优秀', false, ''],
      ['BB', 92, 2, '优秀', true, '与其他股室并列第 2 名，跨越优秀名额（2 名），由领导小组确定'],
      ['CC', 92, 2, '优秀', true, '与其他股室并列第 2 名，跨越优秀名额（2 名），由领导小组确定'],
    ]);
  });

  it('forces 不合格 on a veto whatever the points', () => {
    const s = scheme(4);
    const r = rankSections(s, AS_OF, [input(s, 'AA', [40, 40], [40, 40])], [adj('第1股', '一票否决', '发生严重违纪违法问题', null)]);
    expect(r.sections[0]).toMatchObject({ total: 100, grade: '不合格', gradeNote: '一票否决：发生严重违纪违法问题', vetoes: ['发生严重违纪违法问题'] });
  });

  it('marks a missing review score provisional and lets the self score stand in', () => {
    const s = scheme(4);
    const r = rankSections(s, AS_OF, [input(s, 'AA', [30, null], [40, 40])], []);
    // A1: 0.3×30 + 0.7×30 (self for the missing review) = 30; B1 40; D1 20 → 90
    expect([r.provisional, r.sections[0]!.total, r.sections[0]!.indicators[0]]).toStrictEqual([
      true,
      90,
      { id: 'A1', heading: '政治建设', method: 'manual', points: 40, self: 30, review: null, score: 30, provisional: true },
    ]);
    expect(r.sections[0]!.parts[0]!.how).toBe('0.3×自评 30 + 0.7×评议 30（评议未录入，暂按自评）');
  });

  it('marks a section whose merged ledger has check errors provisional, saying why', () => {
    const s = scheme(4);
    const r = rankSections(s, AS_OF, [{ ...input(s, 'AA', [30, 30], [30, 30]), ledgerErrors: 3 }], []);
    expect([r.provisional, r.sections[0]!.provisionalReasons, r.sections[0]!.ledgerErrors, r.sections[0]!.missingReviews]).toStrictEqual([
      true,
      ['台账有 3 个错误（见“检查结果”），整改指标可能不准'],
      3,
      0,
    ]);
  });

  it.each<[string, IssueInput[], [number, number], string[]]>([
    ['completion under 60 %', [done('2024-06-01', '2024-06-01'), open('2024-06-02'), open('2024-06-03')], [30, 30], ['LOW_COMPLETION:到期事项完成率 33.33%，低于 60%（到期 3 项，完成 1 项）']],
    ['three items overdue', [done('2024-06-01', '2024-06-01'), done('2024-06-01', '2024-06-01'), done('2024-06-01', '2024-06-01'), done('2024-06-01', '2024-06-01'), done('2024-06-01', '2024-06-01'), open('2024-06-02'), open('2024-06-03'), open('2024-06-04')], [30, 30], ['MANY_OVERDUE:逾期 3 项，达到 3 项']],
    ['a strongly-reported problem overdue', [done('2024-06-01', '2024-06-01'), done('2024-06-01', '2024-06-01'), open('2024-06-02', true)], [30, 30], ['STRONG_OVERDUE:反映强烈的问题逾期 1 项']],
    ['self over review by more than 15', [], [40, 24], ['SELF_OVER_REVIEW:自评合计高出评议合计 16 分，超过 15 分']],
    ['self over review by exactly 15', [], [40, 25], []],
  ])('flags lagging: %s', (_what, issues, [self, review], flags) => {
    const s = scheme(4);
    const r = rankSections(s, AS_OF, [input(s, 'AA', [self, review], [30, 30], issues)], []);
    expect(r.sections.find((x) => x.section.code === 'AA')!.flags.map((f) => `${f.code}:${f.reason}`)).toStrictEqual(flags);
  });

  it('flags a section that did not submit, scoring it 0', () => {
    const s = scheme(4);
    const r = rankSections(s, AS_OF, [], []);
    expect(r.sections.map((x) => [x.total, x.grade, x.flags.map((f) => f.code)])).toStrictEqual([
      [0, '不合格', ['NOT_SUBMITTED']],
      [0, '不合格', ['NOT_SUBMITTED']],
      [0, '不合格', ['NOT_SUBMITTED']],
      [0, '不合格', ['NOT_SUBMITTED']],
    ]);
  });

  it('caps bonuses per item and overall, and subtracts penalties', () => {
    const s = scheme(4);
    const r = rankSections(
      s,
      AS_OF,
      [input(s, 'AA', [30, 30], [30, 30])],
      [
        adj('第1股', '加分', '金点子被采纳', null, 2), // 0.5
        adj('第1股', '加分', '金点子被采纳', null, 3), // 0.5
        adj('第1股', '加分', '金点子被采纳', 0.5, 4), // 0.5
        adj('AA', '加分', '金点子被采纳', 1, 5), // cap 2: only 0.5 more counts
        adj('第1股', '加分', '受到上级表扬', 3, 6), // 3 (cap 3)
        adj('第1股', '加分', '市级表彰', 1.5, 7), // no item cap → 1.5; overall 2 + 3 + 1.5 = 6.5 > 5 → −1.5
        adj('第1股', '扣分', '脱岗离岗', null, 8), // 1
        adj('第9股', '加分', '金点子被采纳', 0.5, 9), // no such section: listed, not counted
      ],
    );
    const aa = r.sections.find((x) => x.section.code === 'AA')!;
    // indicators 30 + 30 + 20 = 80; bonus min(6.5, 5) = 5; penalty 1 → 84
    expect([aa.indicatorTotal, aa.bonus, aa.penalty, aa.total]).toStrictEqual([80, 5, 1, 84]);
    expect(aa.parts.filter((p) => p.kind !== 'indicator').map((p) => [p.label, p.value, p.how, p.source])).toStrictEqual([
      ['金点子被采纳', 0.5, '0.5 分', '加减分 第 2 行'],
      ['金点子被采纳', 0.5, '0.5 分', '加减分 第 3 行'],
      ['金点子被采纳', 0.5, '0.5 分', '加减分 第 4 行'],
      ['金点子被采纳', 0.5, '1 分，受单项上限 2 分限制计 0.5 分', '加减分 第 5 行'],
      ['受到上级表扬', 3, '3 分', '加减分 第 6 行'],
      ['市级表彰', 1.5, '1.5 分', '加减分 第 7 行'],
      ['脱岗离岗', -1, '1 分', '加减分 第 8 行'],
      ['加分总上限', -1.5, '加分合计 6.5 分，超过总上限 5 分，减去 1.5 分', '考核方案 scoring.bonusCap'],
    ]);
    expect(r.unmatched.map((u) => u.source)).toStrictEqual(['加减分 第 9 行']);
  });

  it('computes the auto indicator at 0 %, partial and 100 % completion', () => {
    const s = scheme(4);
    const r = rankSections(
      s,
      AS_OF,
      [
        input(s, 'AA', [0, 0], [0, 0], [open('2024-06-01'), open('2024-06-02')]), // 20×(0 + 0.4×1) − 2 = 6
        input(s, 'BB', [0, 0], [0, 0], [done('2024-06-01', '2024-06-01'), done('2024-06-02', '2024-06-20'), open('2024-06-03'), open('2024-07-30')]),
        // BB: 3 due, 2 done, 1 on time: 20×(0.6×2/3 + 0.4×0.5) − 1 = 20×0.6 − 1 = 11
        input(s, 'CC', [0, 0], [0, 0], [done('2024-06-01', '2024-06-01')]), // 20
        input(s, 'DD', [0, 0], [0, 0], Array.from({ length: 25 }, (_, i) => open(`2024-06-${String(i + 1).padStart(2, '0')}`))), // 8 − 25 → 0
      ],
      [],
    );
    expect(Object.fromEntries(r.sections.map((x) => [x.section.code, x.rectificationScore]))).toStrictEqual({ AA: 6, BB: 11, CC: 20, DD: 0 });
  });

  it('refuses scoring settings that do not add up', () => {
    const bad = parseScheme(
      {
        version: 'x', unit: 'x', sections: [{ code: 'AA', name: 'a' }], totalPoints: 100,
        indicators: [{ id: 'A1', heading: 'h', content: 'c', standard: 's', points: 100 }],
        scoring: { ...scheme().scoring, weights: { self: 0.3, review: 0.6 }, grades: { excellent: 80, good: 90, pass: 60 } },
      },
      'en',
    );
    expect(bad).toStrictEqual({
      ok: false,
      problems: [
        { path: 'scoring.weights', message: 'the self and review weights must add up to 1, not 0.9' },
        { path: 'scoring.grades', message: 'grade thresholds must fall: excellent > good > pass' },
      ],
    });
  });

  it('property: every total is the sum of its parts, and ranks follow the totals', () => {
    const s = scheme(6);
    const score = fc.option(fc.integer({ min: 0, max: 80 }).map((n) => n / 2), { nil: null });
    const issueArb = fc.record({
      deadline: fc.integer({ min: 1, max: 60 }).map((d) => `2024-${d <= 30 ? '06' : '07'}-${String(((d - 1) % 30) + 1).padStart(2, '0')}`),
      status: fc.constantFrom('未启动', '整改中', '已完成', '已销号'),
      doneDay: fc.integer({ min: 1, max: 28 }),
      strong: fc.boolean(),
    });
    const sectionArb = fc.record({ submitted: fc.boolean(), a: fc.tuple(score, score), b: fc.tuple(score, score), issues: fc.array(issueArb, { maxLength: 8 }) });
    const adjArb = fc.record({ who: fc.integer({ min: 0, max: 5 }), kind: fc.constantFrom('加分', '扣分', '一票否决'), item: fc.constantFrom('金点子被采纳', '受到上级表扬', '脱岗离岗', '其他'), points: fc.option(fc.integer({ min: 1, max: 8 }).map((n) => n / 2), { nil: null }) });
    fc.assert(
      fc.property(fc.array(sectionArb, { minLength: 6, maxLength: 6 }), fc.array(adjArb, { maxLength: 10 }), (secs, adjs) => {
        const inputs = secs.map((x, i) => ({
          ...input(s, s.sections[i]!.code, x.a, x.b, x.issues.map((q) => ({ deadline: q.deadline, status: q.status, strong: q.strong, doneDate: `2024-06-${String(q.doneDay).padStart(2, '0')}` }))),
          submitted: x.submitted,
        }));
        const r = rankSections(s, AS_OF, inputs, adjs.map((a, k) => adj(s.sections[a.who]!.name, a.kind, a.item, a.points, k + 2)));
        for (const x of r.sections) {
          expect(round2(x.parts.reduce((a, p) => a + p.value, 0))).toBe(x.total);
          expect(x.rank).toBe(1 + r.sections.filter((o) => o.total > x.total).length);
        }
        for (let i = 1; i < r.sections.length; i++) expect(r.sections[i - 1]!.total).toBeGreaterThanOrEqual(r.sections[i]!.total);
        expect(r.sections.filter((x) => x.grade === '优秀' && !x.quotaTie).length).toBeLessThanOrEqual(r.excellentQuota);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

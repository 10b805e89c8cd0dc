/** `mofan bench rank --sections N`: time the ranking of N synthetic sections (in-process, no I/O). */
import type { Lang } from '../../core/i18n';
import type { Scheme } from '../../core/scheme';
import { rankSections, type AdjustmentInput, type IssueInput, type SectionInput } from '../../core/scoring';
import { benchScheme } from './bench-merge';
import { prng } from '../lib/generate';

export function benchRank(sections: number, base: Scheme, lang: Lang): string {
  const scheme = benchScheme(sections, base);
  const rnd = prng(42);
  const day = (d: number) => new Date(Date.UTC(2024, 5, 1) + d * 86_400_000).toISOString().slice(0, 10);
  const inputs: SectionInput[] = scheme.sections.map((section) => ({
    section,
    submitted: rnd() > 0.02,
    scores: new Map(scheme.indicators.map((i) => [i.id, { self: Math.round(i.points * (0.6 + rnd() * 0.4) * 2) / 2, review: rnd() > 0.05 ? Math.round(i.points * (0.5 + rnd() * 0.5) * 2) / 2 : null }])),
    issues: Array.from({ length: 100 }, (): IssueInput => {
      const deadline = day(Math.floor(rnd() * 60));
      const done = rnd() < 0.6;
      return { deadline, status: done ? '已完成' : '整改中', doneDate: done ? day(Math.floor(rnd() * 60)) : undefined, strong: rnd() < 0.1 };
    }),
  }));
  const adjustments: AdjustmentInput[] = Array.from({ length: sections * 2 }, (_, k) => ({
    section: scheme.sections[Math.floor(rnd() * sections)]!.name,
    kind: rnd() < 0.7 ? '加分' : rnd() < 0.97 ? '扣分' : '一票否决',
    item: '金点子被采纳',
    points: null,
    source: `加减分 第 ${k + 2} 行`,
  }));
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    rankSections(scheme, '2024-06-30', inputs, adjustments);
    runs.push(Math.round(performance.now() - start));
  }
  const median = [...runs].sort((a, b) => a - b)[2]!;
  return lang === 'zh'
    ? `基准：排名 ${sections} 个股室（每个 20 项指标、100 个问题，另 ${adjustments.length} 条加减分）：中位数 ${median} 毫秒；各次 ${runs.join(' / ')} 毫秒；目标 1000 个股室 < 1 秒 — ${median < 1000 ? '达成' : '未达成'}`
    : `bench: ranking ${sections} sections (20 indicators and 100 problems each, ${adjustments.length} adjustments): median ${median} ms; runs ${runs.join(' / ')} ms; goal 1,000 sections < 1 s — ${median < 1000 ? 'met' : 'NOT met'}`;
}

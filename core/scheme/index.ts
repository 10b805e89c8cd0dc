/**
 * core/scheme — the assessment scheme (考核方案): the unit and its roster, the indicators the
 * self-assessment sheet is pre-filled from, and the deadline settings. One JSON file the office
 * edits (templates/考核方案.json), validated here; every mistake is reported with its path.
 */
import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { SECTION_CODE_PATTERN } from '../schema';
import type { Lang } from '../i18n';

const TEXT = {
  zh: {
    code: '股室代码须为 2–6 个大写字母（如 AJ）',
    indicatorId: '指标编号须为一个大写字母加一至两位数字（如 A1）',
    dupCode: (v: string) => `股室代码 ${v} 重复`,
    dupName: (v: string) => `股室名称 ${v} 重复`,
    dupIndicator: (v: string) => `指标编号 ${v} 重复`,
    sum: (sum: number, total: number) => `各指标分值合计 ${sum}，与总分 totalPoints = ${total} 不一致`,
    weights: (sum: number) => `自评权重与评议权重之和须为 1，现为 ${sum}`,
    grades: '等次分数线须满足 优秀 > 良好 > 合格',
    rectification: (sum: number) => `完成率权重与按期率权重之和须为 1，现为 ${sum}`,
    json: (detail: string) => `不是有效的 JSON：${detail}`,
  },
  en: {
    code: 'section code must be 2–6 capital letters (e.g. AJ)',
    indicatorId: 'indicator id must be a capital letter and one or two digits (e.g. A1)',
    dupCode: (v: string) => `section code ${v} appears twice`,
    dupName: (v: string) => `section name ${v} appears twice`,
    dupIndicator: (v: string) => `indicator id ${v} appears twice`,
    sum: (sum: number, total: number) => `indicator points add up to ${sum}, but totalPoints is ${total}`,
    weights: (sum: number) => `the self and review weights must add up to 1, not ${sum}`,
    grades: 'grade thresholds must fall: excellent > good > pass',
    rectification: (sum: number) => `the completion and on-time weights must add up to 1, not ${sum}`,
    json: (detail: string) => `not valid JSON: ${detail}`,
  },
} as const;

/** The scoring settings (DOMAIN.md defaults). */
export const DEFAULT_SCORING = {
  weights: { self: 0.3, review: 0.7 },
  rectification: { completionWeight: 0.6, onTimeWeight: 0.4, overduePenalty: 1 },
  bonuses: [
    { name: '金点子被采纳', points: 0.5, cap: 2 },
    { name: '受到上级表扬', points: 1, cap: 3 },
  ],
  bonusCap: 5,
  penalties: [
    { name: '庸懒散被通报批评', points: 2 },
    { name: '脱岗离岗', points: 1 },
    { name: '工作推进不力被督办', points: 2 },
  ],
  vetoes: ['发生严重违纪违法问题', '发生重大安全责任事故'],
  grades: { excellent: 90, good: 80, pass: 60 },
  excellentQuota: 0.3,
  lagging: { minCompletionRate: 0.6, maxOverdue: 3, strongOverdue: true, selfOverReview: 15 },
  tieBreak: ['rectification', 'fewerOverdue', 'sectionCode'] as Array<'rectification' | 'fewerOverdue' | 'sectionCode'>,
};

function scoringSchema(t: (typeof TEXT)['zh'] | (typeof TEXT)['en']) {
  const item = z.strictObject({ name: z.string().trim().min(1), points: z.number().positive(), cap: z.number().positive().optional() });
  return z
    .strictObject({
      /** a manual indicator's score = self × self weight + review × review weight */
      weights: z.strictObject({ self: z.number().min(0).max(1), review: z.number().min(0).max(1) }),
      /** the auto indicator: points × (completion × w1 + on-time × w2) − penalty per overdue item */
      rectification: z.strictObject({ completionWeight: z.number().min(0).max(1), onTimeWeight: z.number().min(0).max(1), overduePenalty: z.number().min(0) }),
      /** bonus items of the 加减分 register, each with its points per entry and a cap */
      bonuses: z.array(item),
      /** all bonuses together are capped here */
      bonusCap: z.number().min(0),
      penalties: z.array(item),
      /** veto items (一票否决): any entry forces 不合格 */
      vetoes: z.array(z.string().trim().min(1)),
      grades: z.strictObject({ excellent: z.number(), good: z.number(), pass: z.number() }),
      /** the most sections that may be 优秀, as a share of all sections */
      excellentQuota: z.number().min(0).max(1),
      lagging: z.strictObject({
        /** below this completion rate of due items a section is flagged */
        minCompletionRate: z.number().min(0).max(1),
        /** this many overdue items or more */
        maxOverdue: z.number().int().min(1),
        /** any strongly-reported problem overdue */
        strongOverdue: z.boolean(),
        /** the self scores exceed the review scores by more than this in total */
        selfOverReview: z.number().min(0),
      }),
      /** the listing order among equal totals, after the total */
      tieBreak: z.array(z.enum(['rectification', 'fewerOverdue', 'sectionCode'])).min(1),
    })
    .superRefine((sc, ctx) => {
      const w = Math.round((sc.weights.self + sc.weights.review) * 1000) / 1000;
      if (w !== 1) ctx.addIssue({ code: 'custom', path: ['weights'], message: t.weights(w) });
      const r = Math.round((sc.rectification.completionWeight + sc.rectification.onTimeWeight) * 1000) / 1000;
      if (r !== 1) ctx.addIssue({ code: 'custom', path: ['rectification'], message: t.rectification(r) });
      if (!(sc.grades.excellent > sc.grades.good && sc.grades.good > sc.grades.pass)) ctx.addIssue({ code: 'custom', path: ['grades'], message: t.grades });
    });
}

/** The scheme's zod schema, with its own messages in the given language. */
export function schemeSchemaFor(lang: Lang) {
  const t = TEXT[lang];
  const sectionSchema = z.strictObject({
    code: z.string().regex(new RegExp(SECTION_CODE_PATTERN), { error: t.code }),
    name: z.string().trim().min(1),
  });

  const indicatorSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][0-9]{1,2}$/, { error: t.indicatorId }),
  heading: z.string().trim().min(1),
  content: z.string().trim().min(1),
  standard: z.string().trim().min(1),
  points: z.number().positive(),
  /** manual: self score + review score; auto: computed from the problem list (问题整改) */
  method: z.enum(['manual', 'auto']).default('manual'),
});

  return z
  .strictObject({
    $schema: z.string().optional(),
    /** a human label of this scheme's edition, shown on the ranking sheet */
    version: z.string().trim().min(1),
    unit: z.string().trim().min(1),
    sections: z.array(sectionSchema).min(1),
    totalPoints: z.number().positive().default(100),
    indicators: z.array(indicatorSchema).min(1),
    scoring: scoringSchema(t).default(DEFAULT_SCORING),
    deadlines: z
      .strictObject({
        /** items due within this many days of the as-of date are "due soon" */
        dueSoonDays: z.number().int().min(0).max(90).default(7),
        /** a 立行立改 item should be due within this many days of being found */
        immediateFixDays: z.number().int().min(0).max(365).default(30),
      })
      .default({ dueSoonDays: 7, immediateFixDays: 30 }),
  })
  .superRefine((scheme, ctx) => {
    const dup = <T>(values: readonly T[]): T[] => values.filter((v, i) => values.indexOf(v) !== i);
    for (const code of dup(scheme.sections.map((s) => s.code))) {
      ctx.addIssue({ code: 'custom', path: ['sections'], message: t.dupCode(code) });
    }
    for (const name of dup(scheme.sections.map((s) => s.name))) {
      ctx.addIssue({ code: 'custom', path: ['sections'], message: t.dupName(name) });
    }
    for (const id of dup(scheme.indicators.map((i) => i.id))) {
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: t.dupIndicator(id) });
    }
    const sum = Math.round(scheme.indicators.reduce((a, i) => a + i.points, 0) * 100) / 100;
    if (sum !== scheme.totalPoints) {
      ctx.addIssue({
        code: 'custom',
        path: ['indicators'],
        message: t.sum(sum, scheme.totalPoints),
      });
    }
  });
}

export const schemeSchema = schemeSchemaFor('en');

export type Scheme = z.output<typeof schemeSchema>;
export type Indicator = Scheme['indicators'][number];
export type Section = Scheme['sections'][number];
export type Scoring = Scheme['scoring'];

export interface SchemeProblem {
  /** dotted path into the file, e.g. indicators.3.points */
  readonly path: string;
  readonly message: string;
}

export type SchemeResult =
  | { readonly ok: true; readonly scheme: Scheme }
  | { readonly ok: false; readonly problems: readonly SchemeProblem[] };

/** Validate parsed JSON as a scheme. Never throws; problems carry their path. */
export function parseScheme(input: unknown, lang: Lang = 'en'): SchemeResult {
  const schema = lang === 'zh' ? schemeSchemaFor('zh') : schemeSchema;
  const result = schema.safeParse(input, lang === 'zh' ? { error: zhErrors } : undefined);
  if (result.success) return { ok: true, scheme: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  };
}

/** Parse scheme text (JSON). A syntax error is one problem, not an exception. */
export function parseSchemeText(text: string, lang: Lang = 'en'): SchemeResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ path: '(file)', message: TEXT[lang].json(detail) }],
    };
  }
  return parseScheme(json, lang);
}

const zhErrors = zhCN().localeError;

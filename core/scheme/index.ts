/**
 * core/scheme — the assessment scheme (考核方案): the unit and its roster, the indicators the
 * self-assessment sheet is pre-filled from, and the deadline settings. One JSON file the office
 * edits (templates/考核方案.json), validated here; every mistake is reported with its path.
 */
import { z } from 'zod';
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
    json: (detail: string) => `不是有效的 JSON：${detail}`,
  },
  en: {
    code: 'section code must be 2–6 capital letters (e.g. AJ)',
    indicatorId: 'indicator id must be a capital letter and one or two digits (e.g. A1)',
    dupCode: (v: string) => `section code ${v} appears twice`,
    dupName: (v: string) => `section name ${v} appears twice`,
    dupIndicator: (v: string) => `indicator id ${v} appears twice`,
    sum: (sum: number, total: number) => `indicator points add up to ${sum}, but totalPoints is ${total}`,
    json: (detail: string) => `not valid JSON: ${detail}`,
  },
} as const;

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

const zhErrors = z.locales.zhCN().localeError;

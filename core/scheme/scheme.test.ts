import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScheme, parseSchemeText } from './index';

const defaultText = readFileSync(new URL('../../templates/考核方案.json', import.meta.url), 'utf8');
const base = JSON.parse(defaultText) as Record<string, unknown> & { indicators: Array<Record<string, unknown>>; sections: Array<Record<string, unknown>> };

describe('parseScheme', () => {
  it('accepts the default scheme and fills defaults', () => {
    const result = parseSchemeText(defaultText);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scheme.unit).toBe('煤炭事务中心');
    expect(result.scheme.sections.map((s) => s.code)).toStrictEqual(['BGS', 'AJ', 'SJ', 'DD', 'FG', 'CW', 'JD', 'TF']);
    expect(result.scheme.indicators.reduce((a, i) => a + i.points, 0)).toBe(100);
    expect(result.scheme.indicators.filter((i) => i.method === 'auto').map((i) => i.heading)).toStrictEqual(['问题整改']);
    expect(result.scheme.deadlines).toStrictEqual({ dueSoonDays: 7, immediateFixDays: 30 });
  });

  it('reports points that do not add up, in both languages, with the path', () => {
    const bad = { ...base, indicators: base.indicators.map((i, n) => (n === 0 ? { ...i, points: 9 } : i)) };
    expect(parseScheme(bad, 'en')).toStrictEqual({
      ok: false,
      problems: [{ path: 'indicators', message: 'indicator points add up to 101, but totalPoints is 100' }],
    });
    expect(parseScheme(bad, 'zh')).toStrictEqual({
      ok: false,
      problems: [{ path: 'indicators', message: '各指标分值合计 101，与总分 totalPoints = 100 不一致' }],
    });
  });

  it.each([
    ['a lower-case section code', { sections: [{ code: 'aj', name: '安全监管股' }] }, 'sections.0.code', 'section code must be 2–6 capital letters (e.g. AJ)'],
    ['a duplicate section code', { sections: [{ code: 'AJ', name: '甲' }, { code: 'AJ', name: '乙' }] }, 'sections', 'section code AJ appears twice'],
    ['an unknown key (a typo)', { totalPoint: 100 }, '(root)', 'Unrecognized key: "totalPoint"'],
  ])('reports %s', (_what, patch, path, message) => {
    const result = parseScheme({ ...base, ...patch }, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ path, message });
  });

  it('reports a missing field and a wrong type with their paths', () => {
    const { unit: _unit, ...noUnit } = base;
    const result = parseScheme({ ...noUnit, indicators: base.indicators.map((i, n) => (n === 2 ? { ...i, points: '8' } : i)) }, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toStrictEqual(['unit', 'indicators.2.points']);
  });

  it('reports broken JSON as one problem, not an exception', () => {
    const result = parseSchemeText('{ "unit": ', 'zh');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe('(file)');
    expect(result.problems[0]?.message).toMatch(/^不是有效的 JSON：/);
  });
});

import { describe, expect, it } from 'vitest';
import { langFromLocale, say } from './index';

describe('langFromLocale', () => {
  it.each([
    ['zh-CN', 'zh'],
    ['zh-cn', 'zh'],
    ['zh-TW', 'zh'],
    ['zh_CN.UTF-8', 'zh'],
    ['zh', 'zh'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['zhx', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ] as const)('%s → %s', (locale, lang) => {
    expect(langFromLocale(locale)).toBe(lang);
  });

  it('say renders a message in the chosen language', () => {
    const m = { zh: (p: { n: number }) => `共 ${p.n} 行`, en: (p: { n: number }) => `${p.n} rows` };
    expect([say(m, 'zh', { n: 3 }), say(m, 'en', { n: 3 })]).toStrictEqual(['共 3 行', '3 rows']);
  });
});

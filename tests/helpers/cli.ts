/** Running the command line in tests: captured output, a fixed clock, and the shared fixtures. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSchemeText, type Scheme } from '../../core/scheme';

export const ROOT = join(import.meta.dirname, '..', '..');
export const scheme = (parseSchemeText(readFileSync(join(ROOT, 'templates', '考核方案.json'), 'utf8')) as { scheme: Scheme }).scheme;
export const template = new Uint8Array(readFileSync(join(ROOT, 'templates', '模范机关创建工作台账.xlsx')));
export const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** An io for `run` that records what it prints; the clock reads `now` (today is its date). */
export function capture(lang: 'zh' | 'en' = 'en', now = '2024-07-01T09:00:00') {
  const out: string[] = [];
  const err: string[] = [];
  const env = { LANG: lang === 'zh' ? 'zh_CN.UTF-8' : 'en_US.UTF-8' };
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env, today: now.slice(0, 10), now: () => now }, out, err };
}

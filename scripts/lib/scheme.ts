import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../core/i18n';
import { parseSchemeText, type Scheme } from '../../core/scheme';
import { UserError } from './errors';
import { PROJECT_ROOT } from './fs';

/** The default assessment scheme shipped with the project. */
export const DEFAULT_SCHEME_PATH = join(PROJECT_ROOT, 'templates', '考核方案.json');

/** Read and validate a scheme file; every problem is listed with its path. */
export async function loadScheme(path: string, lang: Lang): Promise<Scheme> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(
      lang === 'zh' ? `无法读取考核方案文件 ${path}（${code}）` : `cannot read the scheme file ${path} (${code})`,
    );
  }
  const result = parseSchemeText(text, lang);
  if (result.ok) return result.scheme;
  const lines = result.problems.map((p) => `  ${p.path}: ${p.message}`);
  throw new UserError(
    [lang === 'zh' ? `考核方案文件 ${path} 有误：` : `the scheme file ${path} has mistakes:`, ...lines].join('\n'),
  );
}

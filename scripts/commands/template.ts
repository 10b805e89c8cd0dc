/** `mofan template`: write the standard workbook from core/schema and the scheme. */
import { join } from 'node:path';
import type { Lang } from '../../core/i18n';
import { SHEET_NAMES, TEMPLATE_FILE_NAME, TEMPLATE_ID, TEMPLATE_VERSION } from '../../core/schema';
import { buildTemplate } from '../../core/xlsx/template';
import { PROJECT_ROOT, writeFileAtomic } from '../lib/fs';
import { DEFAULT_SCHEME_PATH, loadScheme } from '../lib/scheme';

export const DEFAULT_TEMPLATE_PATH = join(PROJECT_ROOT, 'templates', TEMPLATE_FILE_NAME);

export interface TemplateOptions {
  readonly out?: string;
  readonly scheme?: string;
  readonly lang: Lang;
}

export interface TemplateReport {
  readonly path: string;
  readonly bytes: number;
  readonly sheets: readonly string[];
  readonly templateId: string;
  readonly templateVersion: number;
  readonly sections: number;
  readonly indicators: number;
}

export async function templateCommand(options: TemplateOptions): Promise<TemplateReport> {
  const scheme = await loadScheme(options.scheme ?? DEFAULT_SCHEME_PATH, options.lang);
  const bytes = await buildTemplate(scheme);
  const path = options.out ?? DEFAULT_TEMPLATE_PATH;
  await writeFileAtomic(path, bytes);
  return {
    path,
    bytes: bytes.length,
    sheets: SHEET_NAMES,
    templateId: TEMPLATE_ID,
    templateVersion: TEMPLATE_VERSION,
    sections: scheme.sections.length,
    indicators: scheme.indicators.length,
  };
}

export function formatTemplateReport(r: TemplateReport, lang: Lang): string {
  return lang === 'zh'
    ? [
        `已生成模板：${r.path}（${(r.bytes / 1024).toFixed(1)} KB）`,
        `模板标识 ${r.templateId}，版本 ${r.templateVersion}；工作表：${r.sheets.join('、')}`,
        `股室 ${r.sections} 个，考核指标 ${r.indicators} 项`,
      ].join('\n')
    : [
        `Template written: ${r.path} (${(r.bytes / 1024).toFixed(1)} KB)`,
        `template id ${r.templateId}, version ${r.templateVersion}; sheets: ${r.sheets.join(', ')}`,
        `${r.sections} sections, ${r.indicators} indicators`,
      ].join('\n');
}

/** The task pane's own strings, in zh-CN and English. */
import { langFromLocale, type Lang } from '../../core/i18n';

export const PANE_TEXT = {
  zh: {
    title: '模范机关创建工作台账',
    subtitle: '股室填报助手',
    checking: '正在读取工作簿…',
    notExcel: '请在 Excel 中打开本加载项。',
    readFailed: '读取工作簿失败：',
    retry: '重新检查',
    footer: '数据只在本工作簿中处理，不会上传。',
    check: '检查台账',
    checking2: '正在检查…',
    clean: '没有发现错误或警告。',
    summary: (e: number, w: number, asOf: string) => `错误 ${e} 项，警告 ${w} 项（截至 ${asOf}）。点击一项可定位到单元格。`,
    error: '错误',
    warning: '警告',
  },
  en: {
    title: 'Model-agency campaign ledger',
    subtitle: 'Section assistant',
    checking: 'Reading the workbook…',
    notExcel: 'Open this add-in in Excel.',
    readFailed: 'Could not read the workbook: ',
    retry: 'Check again',
    footer: 'Data stays in this workbook; nothing is uploaded.',
    check: 'Check the ledger',
    checking2: 'Checking…',
    clean: 'No errors or warnings.',
    summary: (e: number, w: number, asOf: string) => `${e} errors, ${w} warnings (as of ${asOf}). Click one to go to its cell.`,
    error: 'Error',
    warning: 'Warning',
  },
} as const satisfies Record<Lang, Record<string, string | ((...args: never[]) => string)>>;

export type PaneText = (typeof PANE_TEXT)[Lang];

/** The pane's language from Office's display language (zh-CN, zh-TW, en-US, …). */
export function paneLang(displayLanguage: string | undefined): Lang {
  return langFromLocale(displayLanguage);
}

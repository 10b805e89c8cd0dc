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
  },
  en: {
    title: 'Model-agency campaign ledger',
    subtitle: 'Section assistant',
    checking: 'Reading the workbook…',
    notExcel: 'Open this add-in in Excel.',
    readFailed: 'Could not read the workbook: ',
    retry: 'Check again',
    footer: 'Data stays in this workbook; nothing is uploaded.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type PaneText = (typeof PANE_TEXT)[Lang];

/** The pane's language from Office's display language (zh-CN, zh-TW, en-US, …). */
export function paneLang(displayLanguage: string | undefined): Lang {
  return langFromLocale(displayLanguage);
}

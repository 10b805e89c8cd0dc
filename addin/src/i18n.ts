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
    submit: '提交',
    submitRefused: (e: number) => `还有 ${e} 个错误，改正后才能提交。`,
    submitted: (time: string, file: string) => `已记录提交时间 ${time}。请保存工作簿，以“${file}”为文件名报送领导小组办公室。`,
    board: '时限看板',
    overdue: '逾期',
    dueSoon: '7 天内到期',
    onTrack: '正常推进',
    daysOverdue: (d: number) => `逾期 ${d} 天`,
    daysLeft: (d: number) => `剩 ${d} 天`,
    addIssue: '新增问题',
    addTask: '新增任务',
    save: '保存',
    cancel: '取消',
    saved: (sheet: string, row: number, id: string) => `已保存到${sheet}第 ${row} 行（${id}）。`,
    refused: (n: number) => `未保存：有 ${n} 个错误，请按下列提示修改。`,
    required: '必填',
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
    submit: 'Submit',
    submitRefused: (e: number) => `${e} errors remain; fix them before submitting.`,
    submitted: (time: string, file: string) => `Submission time ${time} recorded. Save the workbook and send it to the campaign office as "${file}".`,
    board: 'Deadlines',
    overdue: 'Overdue',
    dueSoon: 'Due within 7 days',
    onTrack: 'On track',
    daysOverdue: (d: number) => `${d} days overdue`,
    daysLeft: (d: number) => `${d} days left`,
    addIssue: 'Add a problem',
    addTask: 'Add a task',
    save: 'Save',
    cancel: 'Cancel',
    saved: (sheet: string, row: number, id: string) => `Saved on ${sheet}, row ${row} (${id}).`,
    refused: (n: number) => `Not saved: ${n} errors; change what is listed below.`,
    required: 'required',
  },
} as const satisfies Record<Lang, Record<string, string | ((...args: never[]) => string)>>;

export type PaneText = (typeof PANE_TEXT)[Lang];

/** The pane's language from Office's display language (zh-CN, zh-TW, en-US, …). */
export function paneLang(displayLanguage: string | undefined): Lang {
  return langFromLocale(displayLanguage);
}

/**
 * Why a file cannot be used at all, with one clear message each (zh-CN and English) that says
 * what is wrong and what to do. The reader returns these; it never throws on a user's file.
 */
import type { Lang, Message } from '../i18n';

export type UnusableCode =
  | 'U_EMPTY_FILE'
  | 'U_TOO_LARGE'
  | 'U_NOT_WORKBOOK'
  | 'U_XLS'
  | 'U_ODS'
  | 'U_XLSB'
  | 'U_NUMBERS'
  | 'U_CSV'
  | 'U_XML_SPREADSHEET'
  | 'U_HTML'
  | 'U_ENCRYPTED'
  | 'U_MACROS'
  | 'U_BROKEN_ZIP'
  | 'U_ZIP_BOMB'
  | 'U_BROKEN_XML'
  | 'U_UNSAFE_XML'
  | 'U_NO_SHEETS'
  | 'U_TOO_MANY_ROWS'
  | 'U_CELL_TOO_LONG'
  | 'U_TOO_MANY_CELLS'
  | 'U_NOT_TEMPLATE'
  | 'U_OTHER_VERSION'
  | 'U_MISSING_SHEETS'
  | 'U_WORD'
  /** the file could not be read at all (locked, no permission, gone): set by the shell */
  | 'U_UNREADABLE';

export interface Unusable {
  readonly code: UnusableCode;
  /** values the message names: a part of the file, a size, a version, sheet names */
  readonly params: Readonly<Record<string, string | number>>;
}

const SAVE_AS = {
  zh: '请在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后重新报送。',
  en: 'Open it in Excel or WPS and save it as "Excel Workbook (*.xlsx)", then submit it again.',
};

type P = Readonly<Record<string, string | number>>;

/** A list of sheet names (joined with 、 in the params of every language) for an English message. */
const list = (names: string | number | undefined): string => String(names ?? '').split('、').join(', ');

export const UNUSABLE_MESSAGES: { readonly [K in UnusableCode]: Message<P> } = {
  U_EMPTY_FILE: {
    zh: () => '文件是空的（0 字节），可能在复制或下载时损坏。请重新保存后报送。',
    en: () => 'The file is empty (0 bytes); it was probably damaged when copied or downloaded. Save it again and resubmit.',
  },
  U_TOO_LARGE: {
    zh: (p) => `文件过大（${p['size']}），超过 ${p['limit']} 的上限。台账不应这么大：请删除图片、附件等无关内容后重新保存。`,
    en: (p) => `The file is too large (${p['size']}; the limit is ${p['limit']}). A ledger should be far smaller: remove pictures and attachments, then save again.`,
  },
  U_NOT_WORKBOOK: {
    zh: () => `这不是 Excel 工作簿（.xlsx）文件。${SAVE_AS.zh}`,
    en: () => `This is not an Excel workbook (.xlsx). ${SAVE_AS.en}`,
  },
  U_XLS: {
    zh: () => `这是旧版 Excel 97-2003（.xls）或 WPS 表格（.et）格式的文件，无法读取。${SAVE_AS.zh}`,
    en: () => `This is an old Excel 97-2003 (.xls) or WPS (.et) file, which cannot be read. ${SAVE_AS.en}`,
  },
  U_ODS: {
    zh: () => `这是 OpenDocument 表格（.ods）文件。${SAVE_AS.zh}`,
    en: () => `This is an OpenDocument spreadsheet (.ods). ${SAVE_AS.en}`,
  },
  U_XLSB: {
    zh: () => `这是 Excel 二进制工作簿（.xlsb）。${SAVE_AS.zh}`,
    en: () => `This is an Excel binary workbook (.xlsb). ${SAVE_AS.en}`,
  },
  U_NUMBERS: {
    zh: () => '这是苹果 Numbers 文件。请在 Numbers 中“导出为 → Excel”后重新报送。',
    en: () => 'This is an Apple Numbers file. In Numbers choose Export To → Excel, then submit the .xlsx.',
  },
  U_CSV: {
    zh: () => `这是文本文件（如 CSV），不是工作簿，缺少台账的工作表和格式。${SAVE_AS.zh}`,
    en: () => `This is a text file (such as CSV), not a workbook, so the ledger's sheets are missing. ${SAVE_AS.en}`,
  },
  U_XML_SPREADSHEET: {
    zh: () => `这是 XML 表格（Excel 2003 XML 或 .fods）文件。${SAVE_AS.zh}`,
    en: () => `This is an XML spreadsheet (Excel 2003 XML or .fods). ${SAVE_AS.en}`,
  },
  U_HTML: {
    zh: () => `这是网页（HTML）文件，只是改了扩展名。${SAVE_AS.zh}`,
    en: () => `This is a web page (HTML) with a spreadsheet's name. ${SAVE_AS.en}`,
  },
  U_ENCRYPTED: {
    zh: () => '文件设置了打开密码（已加密），无法读取。请在 Excel 中“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存并重新报送。',
    en: () => 'The file is encrypted with a password to open, so it cannot be read. In Excel choose File → Info → Protect Workbook → Encrypt with Password, clear the password, save and resubmit.',
  },
  U_MACROS: {
    zh: () => '文件含有宏（VBA）。为安全起见不接收带宏的文件：请“另存为 → Excel 工作簿 (*.xlsx)”（宏会被去掉）后重新报送。',
    en: () => 'The file contains macros (VBA). Files with macros are not accepted: use Save As → Excel Workbook (*.xlsx), which drops the macros, and resubmit.',
  },
  U_BROKEN_ZIP: {
    zh: () => '文件已损坏（压缩包结构不完整，可能是传输中断或未保存完）。请用 Excel 打开并修复后重新保存，或重新发送原文件。',
    en: () => 'The file is damaged (its zip structure is incomplete, perhaps a broken transfer or an interrupted save). Open and repair it in Excel and save again, or resend the original.',
  },
  U_ZIP_BOMB: {
    zh: (p) => `文件解压后过大（${p['size']}；上限为 ${p['limit']}，压缩比不超过 ${p['ratio']}:1），可能是异常或恶意文件，已拒绝读取。`,
    en: (p) => `The file expands to too much data (${p['size']}; the limits are ${p['limit']} and a ${p['ratio']}:1 ratio); it may be malformed or malicious and was not read.`,
  },
  U_BROKEN_XML: {
    zh: (p) => `文件内部数据已损坏（${p['part']}：${p['detail']}）。请用 Excel 打开并修复后重新保存。`,
    en: (p) => `The file's data is damaged (${p['part']}: ${p['detail']}). Open and repair it in Excel, then save again.`,
  },
  U_UNSAFE_XML: {
    zh: (p) => `文件内部含有不安全的 XML 声明（${p['part']}），可能是恶意文件，已拒绝读取。`,
    en: (p) => `The file contains an unsafe XML declaration (${p['part']}); it may be malicious and was not read.`,
  },
  U_NO_SHEETS: {
    zh: () => '工作簿中没有任何工作表。请使用标准台账模板重新填写。',
    en: () => 'The workbook has no sheets. Fill in the standard ledger template instead.',
  },
  U_TOO_MANY_ROWS: {
    zh: (p) => `工作表“${p['sheet']}”超过 ${p['limit']} 行的上限。请删除多余的空行或无关数据后重新保存。`,
    en: (p) => `Sheet "${p['sheet']}" has more than the limit of ${p['limit']} rows. Delete surplus rows or unrelated data and save again.`,
  },
  U_CELL_TOO_LONG: {
    zh: (p) => `单元格 ${p['sheet']}!${p['cell']} 的文字超过 ${p['limit']} 个字符（Excel 的上限）。请精简后重新保存。`,
    en: (p) => `Cell ${p['sheet']}!${p['cell']} holds more than ${p['limit']} characters (Excel's limit). Shorten it and save again.`,
  },
  U_TOO_MANY_CELLS: {
    zh: (p) => `工作簿的数据超过 ${p['limit']} 个单元格的上限。请删除无关数据后重新保存。`,
    en: (p) => `The workbook holds more than the limit of ${p['limit']} cells. Delete unrelated data and save again.`,
  },
  U_NOT_TEMPLATE: {
    zh: (p) => `这不是模范机关创建工作台账（未找到“基本信息”表中的模板标识）。工作表：${p['sheets']}。请使用领导小组办公室下发的标准模板填写。`,
    en: (p) => `This is not the model-agency campaign ledger (no template id on a 基本信息 sheet). Sheets: ${list(p['sheets'])}. Fill in the standard template from the campaign office.`,
  },
  U_OTHER_VERSION: {
    zh: (p) => `这是模板版本 ${p['version']} 的台账，本工具读取版本 ${p['expected']}。请向领导小组办公室索取最新模板，把内容复制过去后重新报送。`,
    en: (p) => `This ledger uses template version ${p['version']}; this tool reads version ${p['expected']}. Get the current template from the campaign office, copy your entries into it and resubmit.`,
  },
  U_MISSING_SHEETS: {
    zh: (p) => `台账缺少工作表：${p['sheets']}。请勿删除或重命名模板中的工作表；请恢复后重新报送。`,
    en: (p) => `The ledger is missing sheets: ${list(p['sheets'])}. Do not delete or rename the template's sheets; restore them and resubmit.`,
  },
  U_WORD: {
    zh: () => '这是 Word 或 PowerPoint 文档，不是 Excel 工作簿。请报送台账的 .xlsx 文件。',
    en: () => 'This is a Word or PowerPoint document, not an Excel workbook. Submit the ledger .xlsx file.',
  },
  U_UNREADABLE: {
    zh: (p) => `文件无法读取（${p['reason']}）：可能正被其他程序打开、没有读取权限，或已被移走。请关闭占用它的程序或检查权限后重新运行。`,
    en: (p) => `The file could not be read (${p['reason']}): another program may hold it open, it may lack read permission, or it was moved. Close it elsewhere or check its permissions, then run again.`,
  },
};

/** The message of an unusable file in a language. */
export function unusableMessage(problem: Unusable, lang: Lang): string {
  return UNUSABLE_MESSAGES[problem.code][lang](problem.params);
}

/** Human size: 1.5 MB, 320 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

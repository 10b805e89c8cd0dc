/** Every unusable-file fixture gets its one clear message, in both languages, and exit code 2. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkbookBytes } from '../core/rules';
import { parseSchemeText, type Scheme } from '../core/scheme';
import { unusableMessage } from '../core/xlsx/unusable';
import { run } from '../scripts/main';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const parsed = parseSchemeText(readFileSync(join(import.meta.dirname, '..', 'templates', '考核方案.json'), 'utf8'));
const scheme = (parsed as { scheme: Scheme }).scheme;

const SAVE_ZH = '请在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后重新报送。';
const SAVE_EN = 'Open it in Excel or WPS and save it as "Excel Workbook (*.xlsx)", then submit it again.';

const EXPECTED: Record<string, [code: string, zh: string, en: string]> = {
  'error.broken-zip.xlsx': [
    'U_BROKEN_ZIP',
    '文件已损坏（压缩包结构不完整，可能是传输中断或未保存完）。请用 Excel 打开并修复后重新保存，或重新发送原文件。',
    'The file is damaged (its zip structure is incomplete, perhaps a broken transfer or an interrupted save). Open and repair it in Excel and save again, or resend the original.',
  ],
  'error.cell-too-long.xlsx': [
    'U_CELL_TOO_LONG',
    '单元格 问题清单!C2 的文字超过 32767 个字符（Excel 的上限）。请精简后重新保存。',
    'Cell 问题清单!C2 holds more than 32767 characters (Excel\'s limit). Shorten it and save again.',
  ],
  'error.csv-renamed.xlsx': ['U_CSV', `这是文本文件（如 CSV），不是工作簿，缺少台账的工作表和格式。${SAVE_ZH}`, `This is a text file (such as CSV), not a workbook, so the ledger's sheets are missing. ${SAVE_EN}`],
  'error.empty.xlsx': [
    'U_EMPTY_FILE',
    '文件是空的（0 字节），可能在复制或下载时损坏。请重新保存后报送。',
    'The file is empty (0 bytes); it was probably damaged when copied or downloaded. Save it again and resubmit.',
  ],
  'error.encrypted.xlsx': [
    'U_ENCRYPTED',
    '文件设置了打开密码（已加密），无法读取。请在 Excel 中“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存并重新报送。',
    'The file is encrypted with a password to open, so it cannot be read. In Excel choose File → Info → Protect Workbook → Encrypt with Password, clear the password, save and resubmit.',
  ],
  'error.html-export.xls': ['U_HTML', `这是网页（HTML）文件，只是改了扩展名。${SAVE_ZH}`, `This is a web page (HTML) with a spreadsheet's name. ${SAVE_EN}`],
  'error.macros.xlsm': [
    'U_MACROS',
    '文件含有宏（VBA）。为安全起见不接收带宏的文件：请“另存为 → Excel 工作簿 (*.xlsx)”（宏会被去掉）后重新报送。',
    'The file contains macros (VBA). Files with macros are not accepted: use Save As → Excel Workbook (*.xlsx), which drops the macros, and resubmit.',
  ],
  'error.missing-sheets.xlsx': [
    'U_MISSING_SHEETS',
    '台账缺少工作表：工作计划。请勿删除或重命名模板中的工作表；请恢复后重新报送。',
    'The ledger is missing sheets: 工作计划. Do not delete or rename the template\'s sheets; restore them and resubmit.',
  ],
  'error.no-sheets.xlsx': ['U_NO_SHEETS', '工作簿中没有任何工作表。请使用标准台账模板重新填写。', 'The workbook has no sheets. Fill in the standard ledger template instead.'],
  'error.not-a-zip.xlsx': ['U_NOT_WORKBOOK', `这不是 Excel 工作簿（.xlsx）文件。${SAVE_ZH}`, `This is not an Excel workbook (.xlsx). ${SAVE_EN}`],
  'error.not-template.xlsx': [
    'U_NOT_TEMPLATE',
    '这不是模范机关创建工作台账（未找到“基本信息”表中的模板标识）。工作表：Sheet1。请使用领导小组办公室下发的标准模板填写。',
    'This is not the model-agency campaign ledger (no template id on a 基本信息 sheet). Sheets: Sheet1. Fill in the standard template from the campaign office.',
  ],
  'error.ods-renamed.xlsx': ['U_ODS', `这是 OpenDocument 表格（.ods）文件。${SAVE_ZH}`, `This is an OpenDocument spreadsheet (.ods). ${SAVE_EN}`],
  'error.old-version.xlsx': [
    'U_OTHER_VERSION',
    '这是模板版本 0 的台账，本工具读取版本 1。请向领导小组办公室索取最新模板，把内容复制过去后重新报送。',
    'This ledger uses template version 0; this tool reads version 1. Get the current template from the campaign office, copy your entries into it and resubmit.',
  ],
  'error.wps.et': ['U_XLS', `这是旧版 Excel 97-2003（.xls）或 WPS 表格（.et）格式的文件，无法读取。${SAVE_ZH}`, `This is an old Excel 97-2003 (.xls) or WPS (.et) file, which cannot be read. ${SAVE_EN}`],
  'error.xls-renamed.xlsx': ['U_XLS', `这是旧版 Excel 97-2003（.xls）或 WPS 表格（.et）格式的文件，无法读取。${SAVE_ZH}`, `This is an old Excel 97-2003 (.xls) or WPS (.et) file, which cannot be read. ${SAVE_EN}`],
  'error.xml-bomb.xlsx': [
    'U_UNSAFE_XML',
    '文件内部含有不安全的 XML 声明（xl/sharedStrings.xml），可能是恶意文件，已拒绝读取。',
    'The file contains an unsafe XML declaration (xl/sharedStrings.xml); it may be malicious and was not read.',
  ],
  'error.zip-bomb.xlsx': [
    'U_ZIP_BOMB',
    '文件解压后过大（64.0 MB；上限为 400.0 MB，压缩比不超过 200:1），可能是异常或恶意文件，已拒绝读取。',
    'The file expands to too much data (64.0 MB; the limits are 400.0 MB and a 200:1 ratio); it may be malformed or malicious and was not read.',
  ],
};

const fixtures = readdirSync(FIXTURES).filter((f) => f.startsWith('error.')).sort();

describe('unusable files', () => {
  it('has an expectation for every error.* fixture, and a fixture for every expectation', () => {
    expect(fixtures).toStrictEqual(Object.keys(EXPECTED).sort());
  });

  it.each(fixtures)('%s is refused with its message', (name) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
    const [code, zh, en] = EXPECTED[name]!;
    const inZh = checkWorkbookBytes(bytes, { scheme, lang: 'zh', today: '2024-06-30' });
    const inEn = checkWorkbookBytes(bytes, { scheme, lang: 'en', today: '2024-06-30' });
    expect(inZh.kind === 'unusable' && [inZh.unusable.code, inZh.message]).toStrictEqual([code, zh]);
    expect(inEn.kind === 'unusable' && [inEn.unusable.code, inEn.message]).toStrictEqual([code, en]);
  });

  it('mofan check gives each exit code 2 and its message, with no stack trace', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['check', FIXTURES, '--json', '--lang', 'en'], { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, today: '2024-06-30' });
    expect(code).toBe(2);
    expect(err).toStrictEqual([]);
    const report = JSON.parse(out.join('')) as { files: Array<{ file: string; exitCode: number; unusable?: { code: string } }> };
    const byName = Object.fromEntries(report.files.map((f) => [f.file.split('/').pop(), [f.exitCode, f.unusable?.code]]));
    for (const name of fixtures) expect(byName[name], name).toStrictEqual([2, EXPECTED[name]![0]]);
  });
});

describe('sheet lists in messages', () => {
  it('read the Chinese way in Chinese and with commas in English, however the list was joined', () => {
    const head = { code: 'U_NOT_TEMPLATE' as const, params: { sheets: 'Sheet1、Hidden' } };
    expect(unusableMessage(head, 'en')).toContain('Sheets: Sheet1, Hidden.');
    expect(unusableMessage(head, 'zh')).toContain('工作表：Sheet1、Hidden。');
    expect(unusableMessage({ code: 'U_MISSING_SHEETS', params: { sheets: '金点子、工作计划' } }, 'en')).toContain('missing sheets: 金点子, 工作计划.');
  });
});

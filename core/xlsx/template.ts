/**
 * Builds the standard workbook (模范机关创建工作台账) from core/schema and the scheme.
 * Pure: scheme in, bytes out; the same inputs give the same bytes.
 */
import ExcelJS from 'exceljs';
import {
  GUIDE_SHEET_NAME,
  INFO_SHEET,
  LISTS,
  LISTS_SHEET_NAME,
  LIST_SHEETS,
  TEMPLATE_DATA_ROWS,
  TEMPLATE_ID,
  TEMPLATE_ID_NAME,
  TEMPLATE_VERSION,
  TEMPLATE_VERSION_NAME,
  columnLetter,
  infoFieldRow,
  templateKeywords,
  type ColumnDef,
  type DeadlineDef,
  type ListKey,
  type ListSheetDef,
} from '../schema';
import type { Scheme } from '../scheme';
import { normaliseZip } from './zip';

/** The defined name of a value list on the hidden list sheet. */
export const listName = (key: ListKey): string => `MOFAN_LIST_${key.toUpperCase()}`;
/** The defined name of the as-of date cell on 基本信息 (used by the deadline colours). */
export const AS_OF_NAME = 'MOFAN_AS_OF';
/** The defined name of the problem ids (the dropdown of 责任清单's 关联问题编号). */
export const ISSUE_IDS_NAME = 'MOFAN_ISSUE_IDS';

/** Fixed document dates: the template's bytes must not depend on when it was written. */
const TEMPLATE_DATE = new Date(Date.UTC(2024, 4, 7));
const FIRST_DATA_ROW = 2;
const LAST_DATA_ROW = FIRST_DATA_ROW + TEMPLATE_DATA_ROWS - 1;
const MIN_DATE = new Date(Date.UTC(2000, 0, 1));
const MAX_DATE = new Date(Date.UTC(2100, 11, 31));

const FONT = { name: 'Microsoft YaHei', size: 10 } as const;
const HEADER_FONT = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF217346' } };
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Deadline colours (Excel's built-in "light red fill" / "yellow fill" styles). */
export const DEADLINE_COLOURS = {
  overdue: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  dueSoon: { fill: 'FFFFEB9C', font: 'FF9C5700' },
} as const;

/** Every sheet is protected without a password: the section head can unprotect it. */
const LIST_PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  insertRows: true,
  deleteRows: true,
  autoFilter: true,
};
const FIXED_PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/** A data validation; exceljs's types lack 'any' (input message only) and range addresses. */
type Validation = Omit<ExcelJS.DataValidation, 'type' | 'formulae'> & {
  type: ExcelJS.DataValidation['type'] | 'any';
  formulae?: Array<string | number | Date>;
};

/** Add a validation to a cell or range (exceljs supports ranges; its .d.ts does not say so). */
function addValidation(ws: ExcelJS.Worksheet, address: string, validation: Validation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: Validation): void } }).dataValidations.add(address, validation);
}

/** Write the standard workbook for a scheme. */
export async function buildTemplate(scheme: Scheme): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'mofan-ledger';
  wb.lastModifiedBy = 'mofan-ledger';
  wb.created = TEMPLATE_DATE;
  wb.modified = TEMPLATE_DATE;
  wb.title = '模范机关创建工作台账';
  wb.subject = `${scheme.unit} 模范机关创建工作台账（模板版本 ${TEMPLATE_VERSION}）`;
  wb.keywords = templateKeywords();
  wb.category = TEMPLATE_ID;
  wb.company = scheme.unit;
  wb.calcProperties = { fullCalcOnLoad: true };

  addGuideSheet(wb, scheme);
  addInfoSheet(wb, scheme);
  for (const sheet of LIST_SHEETS) addListSheet(wb, sheet, scheme);
  addListsSheet(wb, scheme);

  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return normaliseZip(bytes);
}

function addGuideSheet(wb: ExcelJS.Workbook, scheme: Scheme): void {
  const ws = wb.addWorksheet(GUIDE_SHEET_NAME, {
    views: [{ showGridLines: false }],
    properties: { tabColor: { argb: 'FF217346' } },
    pageSetup: pageSetup(),
  });
  ws.getColumn(1).width = 110;
  const { dueSoonDays, immediateFixDays } = scheme.deadlines;
  const lines: Array<[string, 'title' | 'head' | 'text' | 'overdue' | 'dueSoon']> = [
    [`${scheme.unit}模范机关创建工作台账 — 填报说明`, 'title'],
    [`模板版本 ${TEMPLATE_VERSION}　考核方案：${scheme.version}`, 'text'],
    ['一、填报步骤', 'head'],
    ['1. 在“基本信息”中选择本股室，填写负责人、联系人、填报期次和截至日期。', 'text'],
    ['2. 在“问题清单”中逐条填写查摆出的问题、原因剖析和整改措施；问题编号为“股室代码-三位序号”，如 AJ-001。', 'text'],
    ['3. 在“责任清单”中把每条整改措施分解为任务（干什么、怎么干、谁来干、何时完成），关联问题编号须在问题清单中存在。', 'text'],
    ['4. 在“考核自评”中对照每项指标填写自评得分（不超过分值）和自评说明。', 'text'],
    ['5. 在“金点子”中登记职工建议，在“工作计划”中填写本股室创建工作计划。', 'text'],
    ['6. 使用任务窗格“检查”，改正所有错误后“提交”，保存文件并按提示的文件名报送领导小组办公室。', 'text'],
    ['二、整改状态', 'head'],
    ['未启动：尚未开始整改。　整改中：正在整改。', 'text'],
    ['已完成：整改完成，须填写完成日期和整改成效。', 'text'],
    ['已销号：完成并经验收，须另填验收人和佐证材料（防止“纸上整改”）。', 'text'],
    ['三、整改类型', 'head'],
    [`立行立改：反映强烈的问题应立行立改，整改时限一般不超过发现日期后 ${immediateFixDays} 天。`, 'text'],
    ['限期整改：按确定的时限完成。　持续整改：需长期坚持的问题，按阶段目标推进。', 'text'],
    ['延期：须在整改时限前申请，同时填写“延期至”（晚于整改时限）和“延期理由”。', 'text'],
    ['四、时限颜色（按“基本信息”中的截至日期自动计算，空白时按当天）', 'head'],
    ['红色：已逾期（超过整改时限或延期日期仍未完成）。', 'overdue'],
    [`黄色：临期（${dueSoonDays} 天内到期且未完成）。`, 'dueSoon'],
    ['五、注意事项', 'head'],
    ['请勿修改表头、工作表名称和“模板标识 / 模板版本”，否则汇总时无法识别。', 'text'],
    ['工作表已保护（无密码），仅保护表头和公式；如确需调整格式，可在“审阅 → 撤消工作表保护”后操作。', 'text'],
    ['日期请按 2024-06-30 格式输入；进度填 0–100 的整数。', 'text'],
  ];
  lines.forEach(([text, kind], i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.font = { ...FONT, size: kind === 'title' ? 16 : 11, bold: kind === 'title' || kind === 'head' };
    if (kind === 'overdue' || kind === 'dueSoon') {
      const c = DEADLINE_COLOURS[kind];
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.fill } };
      cell.font = { ...FONT, size: 11, color: { argb: c.font } };
    }
  });
  ws.getRow(1).height = 30;
  void ws.protect('', FIXED_PROTECTION);
}

function addInfoSheet(wb: ExcelJS.Workbook, scheme: Scheme): void {
  const ws = wb.addWorksheet(INFO_SHEET.name, {
    views: [{ state: 'frozen', ySplit: 1, activeCell: 'B3' }],
    pageSetup: pageSetup('1:1'),
  });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 36;
  ws.getColumn(3).width = 46;
  headerRow(ws, ['项目', '内容', '填写说明']);

  for (const field of INFO_SHEET.fields) {
    const row = infoFieldRow(field.key);
    const label = ws.getCell(row, 1);
    label.value = field.label;
    label.font = { ...FONT, bold: true };
    label.fill = LOCKED_FILL;
    label.border = BORDER;
    label.protection = { locked: true };

    const hint = ws.getCell(row, 3);
    hint.value = field.hint;
    hint.font = { ...FONT, color: { argb: 'FF595959' } };
    hint.alignment = { wrapText: true, vertical: 'middle' };
    hint.border = BORDER;
    hint.protection = { locked: true };

    const value = ws.getCell(row, 2);
    value.font = FONT;
    value.border = BORDER;
    value.alignment = { vertical: 'middle' };
    const input = field.filledBy === 'section';
    value.protection = { locked: !input };
    if (!input) value.fill = LOCKED_FILL;
    const address = `B${row}`;

    switch (field.key) {
      case 'unit':
        value.value = scheme.unit;
        break;
      case 'sectionCode': {
        const section = `B${infoFieldRow('section')}`;
        value.value = {
          formula: `IF(${section}="","",IFERROR(INDEX(${listName('section')}_CODES,MATCH(${section},${listName('section')},0)),"未知股室"))`,
          result: '',
        };
        break;
      }
      case 'templateId':
        value.value = TEMPLATE_ID;
        break;
      case 'templateVersion':
        value.value = TEMPLATE_VERSION;
        break;
      case 'submittedAt':
        value.numFmt = 'yyyy-mm-dd hh:mm';
        break;
      default:
        break;
    }
    if (field.type === 'date') value.numFmt = 'yyyy-mm-dd';
    if (field.type === 'list' && field.list) {
      addValidation(ws, address, listValidation(field.list, field.label, field.hint));
    } else if (field.type === 'date') {
      addValidation(ws, address, dateValidation(field.label, field.hint));
    } else if (field.type === 'period') {
      addValidation(ws, address, {
        type: 'textLength',
        operator: 'equal',
        formulae: [7],
        allowBlank: true,
        showInputMessage: true,
        promptTitle: field.label,
        prompt: field.hint,
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: field.label,
        error: '请按“年-月”填写，如 2024-06',
      });
    } else if (input) {
      addValidation(ws, address, { type: 'any', showInputMessage: true, promptTitle: field.label, prompt: field.hint });
    }
  }
  wb.definedNames.add(`'${INFO_SHEET.name}'!$B$${infoFieldRow('templateId')}`, TEMPLATE_ID_NAME);
  wb.definedNames.add(`'${INFO_SHEET.name}'!$B$${infoFieldRow('templateVersion')}`, TEMPLATE_VERSION_NAME);
  wb.definedNames.add(`'${INFO_SHEET.name}'!$B$${infoFieldRow('asOf')}`, AS_OF_NAME);
  void ws.protect('', FIXED_PROTECTION);
}

function addListSheet(wb: ExcelJS.Workbook, sheet: ListSheetDef, scheme: Scheme): void {
  const fixedRows = sheet.key === 'selfAssessment';
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }],
    pageSetup: pageSetup('1:1'),
  });
  const lastCol = columnLetter(sheet.columns.length);
  const lastRow = fixedRows ? FIRST_DATA_ROW + scheme.indicators.length - 1 : LAST_DATA_ROW;

  sheet.columns.forEach((col, i) => {
    const c = ws.getColumn(i + 1);
    c.width = col.width;
    c.font = FONT;
    c.alignment = { vertical: 'top', wrapText: col.type === 'longtext' };
    if (col.type === 'date') c.numFmt = 'yyyy-mm-dd';
    // Input columns are unlocked for every row (including rows a user inserts); the header and
    // scheme-filled cells are locked explicitly below.
    c.protection = { locked: fixedRows || col.filledBy === 'scheme' };
  });
  headerRow(ws, sheet.columns.map((c) => c.header));
  ws.autoFilter = `A1:${lastCol}${lastRow}`;

  if (fixedRows) fillIndicators(ws, sheet, scheme);

  sheet.columns.forEach((col, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`;
    const validation = columnValidation(sheet, col, letter);
    if (validation) addValidation(ws, range, validation);
  });

  if (sheet.deadline) addDeadlineColours(ws, sheet, sheet.deadline, scheme, `A${FIRST_DATA_ROW}:${lastCol}${LAST_DATA_ROW}`);
  if (sheet.key === 'issues') {
    wb.definedNames.add(`'${sheet.name}'!$A$${FIRST_DATA_ROW}:$A$${LAST_DATA_ROW}`, ISSUE_IDS_NAME);
  }
  void ws.protect('', fixedRows ? { ...FIXED_PROTECTION, autoFilter: true } : LIST_PROTECTION);
}

/** Width of a text in Excel character units: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** Which scheme field fills each scheme-filled column of 考核自评. */
const INDICATOR_FIELDS: Readonly<Record<string, 'id' | 'heading' | 'content' | 'standard' | 'points'>> = {
  indicatorId: 'id',
  heading: 'heading',
  content: 'content',
  standard: 'standard',
  points: 'points',
};

/** The self-assessment rows come from the scheme: indicator columns locked, score columns open. */
function fillIndicators(ws: ExcelJS.Worksheet, sheet: ListSheetDef, scheme: Scheme): void {
  scheme.indicators.forEach((indicator, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    // Set the height from the wrapped text: not every spreadsheet app fits rows on opening.
    const lines = Math.max(
      1,
      ...sheet.columns.map((col) => {
        const field = INDICATOR_FIELDS[col.key];
        return field && col.type === 'longtext' ? Math.ceil(displayWidth(String(indicator[field])) / (col.width - 1)) : 1;
      }),
    );
    row.height = lines * 14 + 4;
    sheet.columns.forEach((col, j) => {
      const cell = row.getCell(j + 1);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: col.type === 'longtext' };
      if (col.filledBy === 'scheme') {
        const field = INDICATOR_FIELDS[col.key];
        cell.value = field ? indicator[field] : null;
        cell.fill = LOCKED_FILL;
        cell.protection = { locked: true };
      } else {
        cell.protection = { locked: false };
      }
    });
  });
}

/** Expression rules (not containsText: LibreOffice loses its text) for overdue and due soon. */
function addDeadlineColours(
  ws: ExcelJS.Worksheet,
  sheet: ListSheetDef,
  deadline: DeadlineDef,
  scheme: Scheme,
  ref: string,
): void {
  const f = deadlineFormulas(sheet, deadline, scheme.deadlines.dueSoonDays);
  const rule = (formula: string, colours: { fill: string; font: string }, priority: number): ExcelJS.ConditionalFormattingRule => ({
    type: 'expression',
    priority,
    formulae: [formula],
    style: {
      fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: colours.fill } },
      font: { color: { argb: colours.font } },
    },
  });
  ws.addConditionalFormatting({
    ref,
    rules: [rule(f.overdue, DEADLINE_COLOURS.overdue, 1), rule(f.dueSoon, DEADLINE_COLOURS.dueSoon, 2)],
  });
}

/**
 * The deadline rules as Excel formulas for the first data row (relative row references, so
 * they apply row by row). The as-of date is 基本信息's 截至日期, or today when it is empty.
 */
export function deadlineFormulas(
  sheet: ListSheetDef,
  deadline: DeadlineDef,
  dueSoonDays: number,
): { overdue: string; dueSoon: string } {
  const ref = (key: string): string => `$${letterOf(sheet, key)}${FIRST_DATA_ROW}`;
  const due = ref(deadline.column);
  const effective = deadline.extendedColumn
    ? `IF(${ref(deadline.extendedColumn)}<>"",${ref(deadline.extendedColumn)},${due})`
    : due;
  const done = ref(deadline.doneColumn);
  const notDone = deadline.doneValues
    ? deadline.doneValues.map((v) => `${done}<>"${v}"`).join(',')
    : `N(${done})<${deadline.doneAtLeast ?? 100}`;
  const asOf = `IF(${AS_OF_NAME}="",TODAY(),${AS_OF_NAME})`;
  return {
    overdue: `AND(ISNUMBER(${due}),${effective}<${asOf},${notDone})`,
    dueSoon: `AND(ISNUMBER(${due}),${effective}>=${asOf},${effective}-${asOf}<=${dueSoonDays},${notDone})`,
  };
}

function letterOf(sheet: ListSheetDef, key: string): string {
  const index = sheet.columns.findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`schema: no column ${key} on ${sheet.key}`);
  return columnLetter(index + 1);
}

function columnValidation(sheet: ListSheetDef, col: ColumnDef, letter: string): Validation | undefined {
  if (col.filledBy === 'scheme') return undefined;
  const first = `${letter}${FIRST_DATA_ROW}`;
  if (sheet.key === 'tasks' && col.key === 'issueId') {
    return {
      type: 'list',
      allowBlank: true,
      formulae: [ISSUE_IDS_NAME],
      showInputMessage: true,
      promptTitle: col.header,
      prompt: col.hint ?? '',
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: col.header,
      error: '关联问题编号须是问题清单中已有的问题编号',
    };
  }
  switch (col.type) {
    case 'list':
      return col.list ? listValidation(col.list, col.header, col.hint) : undefined;
    case 'date':
      return dateValidation(col.header, col.hint);
    case 'integer':
      return {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [col.min ?? 0, col.max ?? 100],
        showInputMessage: true,
        promptTitle: col.header,
        prompt: col.hint ?? `${col.min ?? 0}–${col.max ?? 100} 的整数`,
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: col.header,
        error: `请输入 ${col.min ?? 0} 到 ${col.max ?? 100} 之间的整数`,
      };
    case 'number': {
      const maxLetter = col.maxColumn ? letterOf(sheet, col.maxColumn) : undefined;
      return {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [col.min ?? 0, maxLetter ? `$${maxLetter}${FIRST_DATA_ROW}` : (col.max ?? 100)],
        showInputMessage: true,
        promptTitle: col.header,
        prompt: col.hint ?? '',
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: col.header,
        error: maxLetter ? '得分须在 0 到本项分值之间' : '请输入有效的数字',
      };
    }
    case 'id':
      // Duplicate ids are refused as they are typed; the pattern is checked by `mofan check`.
      return {
        type: 'custom',
        allowBlank: true,
        formulae: [`COUNTIF($${letter}$${FIRST_DATA_ROW}:$${letter}$${LAST_DATA_ROW},${first})<=1`],
        showInputMessage: true,
        promptTitle: col.header,
        prompt: col.hint ?? '',
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: col.header,
        error: `${col.header}重复：每个编号只能出现一次`,
      };
    default:
      return col.hint
        ? { type: 'any', showInputMessage: true, promptTitle: col.header, prompt: col.hint }
        : undefined;
  }
}

function listValidation(list: ListKey, title: string, hint: string | undefined): Validation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [listName(list)],
    showInputMessage: true,
    promptTitle: title,
    prompt: hint ?? '请从下拉列表中选择',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: '请从下拉列表中选择',
  };
}

function dateValidation(title: string, hint: string | undefined): Validation {
  return {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [MIN_DATE, MAX_DATE],
    showInputMessage: true,
    promptTitle: title,
    prompt: hint ?? '请输入日期，如 2024-06-30',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: '请输入 2000-01-01 至 2100-12-31 之间的日期，如 2024-06-30',
  };
}

/**
 * The hidden 下拉列表 sheet holds every value list (one column each) behind a defined name:
 * no 255-character limit, values may contain commas, and the office can extend a list in one place.
 */
function addListsSheet(wb: ExcelJS.Workbook, scheme: Scheme): void {
  const ws = wb.addWorksheet(LISTS_SHEET_NAME, { state: 'hidden' });
  const lists: Array<[ListKey, readonly string[]]> = [
    ['section', scheme.sections.map((s) => s.name)],
    ...(Object.entries(LISTS) as Array<[ListKey, readonly string[]]>),
  ];
  let col = 1;
  for (const [key, values] of lists) {
    const letter = columnLetter(col);
    ws.getColumn(col).width = 16;
    ws.getCell(1, col).value = key;
    values.forEach((v, i) => {
      ws.getCell(i + 2, col).value = v;
    });
    wb.definedNames.add(`'${LISTS_SHEET_NAME}'!$${letter}$2:$${letter}$${values.length + 1}`, listName(key));
    if (key === 'section') {
      // the roster's codes sit beside its names, for 基本信息's 股室代码 lookup
      col += 1;
      const codeLetter = columnLetter(col);
      ws.getColumn(col).width = 10;
      ws.getCell(1, col).value = 'sectionCode';
      scheme.sections.forEach((s, i) => {
        ws.getCell(i + 2, col).value = s.code;
      });
      wb.definedNames.add(
        `'${LISTS_SHEET_NAME}'!$${codeLetter}$2:$${codeLetter}$${scheme.sections.length + 1}`,
        `${listName('section')}_CODES`,
      );
    }
    col += 1;
  }
  void ws.protect('', FIXED_PROTECTION);
}

function headerRow(ws: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = ws.getRow(1);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.protection = { locked: true };
  });
  row.height = 24;
}

function pageSetup(printTitlesRow?: string): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(printTitlesRow ? { printTitlesRow } : {}),
  };
}

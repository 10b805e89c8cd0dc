/**
 * core/schema — THE definition of the standard workbook (模范机关创建工作台账), version 1.
 *
 * The template builder, the add-in forms and dropdowns, validation, merge header matching and
 * scoring all read this module. Adding a column is one edit here plus tests.
 */
import type {
  ColumnDef,
  FormSheetDef,
  ListKey,
  ListSheetDef,
  ListSheetKey,
} from './types';

export type * from './types';

/** Written into every ledger workbook; a reader recognises a ledger by it. */
export const TEMPLATE_ID = 'mofan-ledger';
/** Bumped whenever a sheet or column changes in a way a reader must know about. */
export const TEMPLATE_VERSION = 1;
/** The file `mofan template` writes under templates/. */
export const TEMPLATE_FILE_NAME = '模范机关创建工作台账.xlsx';
/** Workbook-level defined names that point at the id and version cells on 基本信息. */
export const TEMPLATE_ID_NAME = 'MOFAN_TEMPLATE_ID';
export const TEMPLATE_VERSION_NAME = 'MOFAN_TEMPLATE_VERSION';
/** Stored in the document properties (keywords) as a second, independent mark. */
export const templateKeywords = (version: number = TEMPLATE_VERSION): string =>
  `${TEMPLATE_ID}-v${version}`;

/** Value lists that are part of the official form (the section roster comes from the scheme). */
export const LISTS: Readonly<Record<Exclude<ListKey, 'section'>, readonly string[]>> = {
  category: [
    '政治建设',
    '理论武装',
    '组织建设',
    '干部队伍建设',
    '工作作风',
    '工作效能',
    '服务企业',
    '正风肃纪',
    '其他',
  ],
  source: [
    '职工提',
    '自己找',
    '上级点',
    '相互帮',
    '基层调研',
    '网络问政',
    '电话投诉',
    '民主生活会',
    '组织生活会',
  ],
  yesNo: ['是', '否'],
  fixType: ['立行立改', '限期整改', '持续整改'],
  status: ['未启动', '整改中', '已完成', '已销号'],
  adoption: ['待评估', '已采纳', '未采纳'],
  planProgress: ['未启动', '推进中', '已完成'],
};

/** Statuses that count as done (need 完成日期 and 整改成效). */
export const DONE_STATUSES: readonly string[] = ['已完成', '已销号'];
/** The written-off status (also needs 验收人 and 佐证材料). */
export const WRITTEN_OFF_STATUS = '已销号';

/** Section codes: two to six capital letters (BGS, AJ, …). */
export const SECTION_CODE_PATTERN = '^[A-Z]{2,6}$';

/** Rows of each list sheet that carry validation, colours and the unlocked input style. */
export const TEMPLATE_DATA_ROWS = 500;

const DATE_HINT = '请输入日期，如 2024-06-30';

const issueColumns: readonly ColumnDef[] = [
  {
    key: 'id',
    header: '问题编号',
    en: 'Problem ID',
    type: 'id',
    required: true,
    width: 12,
    idPattern: '^[A-Z]{2,6}-\\d{3,}$',
    idExample: 'AJ-001',
    hint: '股室代码-三位序号，如 AJ-001；用任务窗格添加时自动生成',
    filledBy: 'section',
  },
  { key: 'category', header: '问题类别', en: 'Category', type: 'list', list: 'category', required: true, width: 13, filledBy: 'section' },
  { key: 'description', header: '问题描述', en: 'Description', type: 'longtext', required: true, width: 36, filledBy: 'section' },
  { key: 'source', header: '问题来源', en: 'Source', type: 'list', list: 'source', required: true, width: 12, filledBy: 'section' },
  {
    key: 'strong',
    header: '反映强烈',
    en: 'Strongly reported',
    type: 'list',
    list: 'yesNo',
    required: true,
    width: 9,
    hint: '基层群众或煤矿企业反映强烈的问题选“是”，应立行立改',
    filledBy: 'section',
  },
  { key: 'foundDate', header: '发现日期', en: 'Found on', type: 'date', required: true, width: 12, hint: DATE_HINT, filledBy: 'section' },
  { key: 'cause', header: '原因剖析', en: 'Cause', type: 'longtext', required: true, width: 30, filledBy: 'section' },
  { key: 'measures', header: '整改措施', en: 'Measures', type: 'longtext', required: true, width: 30, filledBy: 'section' },
  { key: 'fixType', header: '整改类型', en: 'Fix type', type: 'list', list: 'fixType', required: true, width: 11, filledBy: 'section' },
  { key: 'leader', header: '责任领导', en: 'Responsible leader', type: 'text', required: true, width: 10, filledBy: 'section' },
  { key: 'owner', header: '责任人', en: 'Responsible person', type: 'text', required: true, width: 10, filledBy: 'section' },
  {
    key: 'deadline',
    header: '整改时限',
    en: 'Deadline',
    type: 'date',
    required: true,
    width: 12,
    aliases: ['完成时限'],
    hint: DATE_HINT,
    filledBy: 'section',
  },
  { key: 'status', header: '整改状态', en: 'Status', type: 'list', list: 'status', required: true, width: 10, filledBy: 'section' },
  {
    key: 'doneDate',
    header: '完成日期',
    en: 'Completed on',
    type: 'date',
    required: false,
    width: 12,
    aliases: ['完成时间'],
    hint: '已完成、已销号的问题必填',
    filledBy: 'section',
  },
  { key: 'result', header: '整改成效', en: 'Result', type: 'longtext', required: false, width: 24, hint: '已完成、已销号的问题必填', filledBy: 'section' },
  { key: 'evidence', header: '佐证材料', en: 'Evidence', type: 'text', required: false, width: 18, hint: '已销号的问题必填：文件名或存放位置', filledBy: 'section' },
  { key: 'verifier', header: '验收人', en: 'Verified by', type: 'text', required: false, width: 10, hint: '已销号的问题必填', filledBy: 'section' },
  { key: 'extendedTo', header: '延期至', en: 'Extended to', type: 'date', required: false, width: 12, hint: '申请延期时填写，须晚于整改时限，并填写延期理由', filledBy: 'section' },
  { key: 'extensionReason', header: '延期理由', en: 'Extension reason', type: 'text', required: false, width: 20, filledBy: 'section' },
  { key: 'note', header: '备注', en: 'Note', type: 'text', required: false, width: 16, filledBy: 'section' },
];

const taskColumns: readonly ColumnDef[] = [
  {
    key: 'id',
    header: '任务编号',
    en: 'Task ID',
    type: 'id',
    required: true,
    width: 14,
    idPattern: '^[A-Z]{2,6}-\\d{3,}-\\d{2,}$',
    idExample: 'AJ-001-01',
    hint: '关联问题编号-两位序号，如 AJ-001-01',
    filledBy: 'section',
  },
  {
    key: 'issueId',
    header: '关联问题编号',
    en: 'Problem ID',
    type: 'id',
    required: true,
    width: 13,
    idPattern: '^[A-Z]{2,6}-\\d{3,}$',
    idExample: 'AJ-001',
    hint: '从问题清单中选择',
    filledBy: 'section',
  },
  { key: 'content', header: '工作内容', en: 'Work', type: 'longtext', required: true, width: 28, filledBy: 'section' },
  { key: 'steps', header: '具体措施', en: 'Steps', type: 'longtext', required: true, width: 30, filledBy: 'section' },
  { key: 'owner', header: '责任人', en: 'Responsible person', type: 'text', required: true, width: 10, filledBy: 'section' },
  { key: 'helpers', header: '配合人', en: 'Helpers', type: 'text', required: false, width: 12, filledBy: 'section' },
  { key: 'startDate', header: '开始日期', en: 'Start date', type: 'date', required: false, width: 12, hint: DATE_HINT, filledBy: 'section' },
  {
    key: 'deadline',
    header: '完成时限',
    en: 'Deadline',
    type: 'date',
    required: true,
    width: 12,
    aliases: ['完成时间', '截止日期'],
    hint: DATE_HINT,
    filledBy: 'section',
  },
  {
    key: 'progress',
    header: '进度',
    en: 'Progress (%)',
    type: 'integer',
    required: true,
    min: 0,
    max: 100,
    width: 8,
    aliases: ['进度(%)', '完成进度'],
    hint: '0–100 的整数，100 表示完成',
    filledBy: 'section',
  },
  { key: 'statusText', header: '完成情况', en: 'Status notes', type: 'longtext', required: false, width: 24, filledBy: 'section' },
  { key: 'evidence', header: '佐证材料', en: 'Evidence', type: 'text', required: false, width: 18, filledBy: 'section' },
  { key: 'note', header: '备注', en: 'Note', type: 'text', required: false, width: 16, filledBy: 'section' },
];

const selfAssessmentColumns: readonly ColumnDef[] = [
  { key: 'indicatorId', header: '指标编号', en: 'Indicator', type: 'text', required: true, width: 9, filledBy: 'scheme' },
  { key: 'heading', header: '一级指标', en: 'Heading', type: 'text', required: true, width: 13, filledBy: 'scheme' },
  { key: 'content', header: '考核内容', en: 'Content', type: 'longtext', required: true, width: 34, filledBy: 'scheme' },
  { key: 'standard', header: '评分标准', en: 'Scoring standard', type: 'longtext', required: true, width: 40, filledBy: 'scheme' },
  { key: 'points', header: '分值', en: 'Points', type: 'number', required: true, min: 0, width: 7, filledBy: 'scheme' },
  {
    key: 'selfScore',
    header: '自评得分',
    en: 'Self score',
    type: 'number',
    required: true,
    min: 0,
    maxColumn: 'points',
    width: 9,
    hint: '0 至本项分值之间',
    filledBy: 'section',
  },
  { key: 'explanation', header: '自评说明', en: 'Justification', type: 'longtext', required: true, width: 34, filledBy: 'section' },
  { key: 'evidence', header: '佐证材料', en: 'Evidence', type: 'text', required: false, width: 20, filledBy: 'section' },
];

const ideaColumns: readonly ColumnDef[] = [
  {
    key: 'id',
    header: '编号',
    en: 'ID',
    type: 'id',
    required: true,
    width: 11,
    idPattern: '^[A-Z]{2,6}-J\\d{2,}$',
    idExample: 'AJ-J01',
    hint: '股室代码-J两位序号，如 AJ-J01',
    filledBy: 'section',
  },
  { key: 'content', header: '建议内容', en: 'Suggestion', type: 'longtext', required: true, width: 50, filledBy: 'section' },
  { key: 'proposer', header: '建议人', en: 'Proposed by', type: 'text', required: true, width: 10, filledBy: 'section' },
  { key: 'date', header: '提出日期', en: 'Date', type: 'date', required: true, width: 12, hint: DATE_HINT, filledBy: 'section' },
  {
    key: 'adoption',
    header: '采纳情况',
    en: 'Adoption',
    type: 'list',
    list: 'adoption',
    required: false,
    width: 10,
    hint: '由领导小组办公室填写',
    filledBy: 'office',
  },
];

const planColumns: readonly ColumnDef[] = [
  {
    key: 'id',
    header: '事项编号',
    en: 'Item ID',
    type: 'id',
    required: true,
    width: 11,
    idPattern: '^[A-Z]{2,6}-P\\d{2,}$',
    idExample: 'AJ-P01',
    hint: '股室代码-P两位序号，如 AJ-P01',
    filledBy: 'section',
  },
  { key: 'item', header: '工作事项', en: 'Work item', type: 'text', required: true, width: 24, filledBy: 'section' },
  { key: 'content', header: '具体内容', en: 'Details', type: 'longtext', required: true, width: 40, filledBy: 'section' },
  { key: 'owner', header: '责任人', en: 'Responsible person', type: 'text', required: true, width: 10, filledBy: 'section' },
  { key: 'deadline', header: '完成时限', en: 'Deadline', type: 'date', required: true, width: 12, aliases: ['完成时间'], hint: DATE_HINT, filledBy: 'section' },
  { key: 'progress', header: '进展', en: 'Progress', type: 'list', list: 'planProgress', required: true, width: 10, filledBy: 'section' },
];

/** The five list sheets, in workbook order. */
export const LIST_SHEETS: readonly ListSheetDef[] = [
  {
    key: 'issues',
    name: '问题清单',
    en: 'Problem list',
    idColumn: 'id',
    columns: issueColumns,
    deadline: { column: 'deadline', extendedColumn: 'extendedTo', doneColumn: 'status', doneValues: DONE_STATUSES },
  },
  {
    key: 'tasks',
    name: '责任清单',
    en: 'Responsibility list',
    idColumn: 'id',
    columns: taskColumns,
    deadline: { column: 'deadline', doneColumn: 'progress', doneAtLeast: 100 },
  },
  { key: 'selfAssessment', name: '考核自评', en: 'Self-assessment', idColumn: 'indicatorId', columns: selfAssessmentColumns },
  { key: 'ideas', name: '金点子', en: 'Golden ideas', idColumn: 'id', columns: ideaColumns },
  {
    key: 'plan',
    name: '工作计划',
    en: 'Work plan',
    idColumn: 'id',
    columns: planColumns,
    deadline: { column: 'deadline', doneColumn: 'progress', doneValues: ['已完成'] },
  },
];

/** The 基本信息 form. Field order is row order (row 2 onwards; row 1 is the form's header). */
export const INFO_SHEET: FormSheetDef = {
  key: 'info',
  name: '基本信息',
  en: 'Basic information',
  fields: [
    { key: 'unit', label: '单位', en: 'Unit', type: 'text', required: true, filledBy: 'scheme', hint: '创建单位，由考核方案预填' },
    { key: 'section', label: '股室', en: 'Section', type: 'list', list: 'section', required: true, filledBy: 'section', hint: '从下拉列表中选择本股室' },
    { key: 'sectionCode', label: '股室代码', en: 'Section code', type: 'text', required: true, filledBy: 'formula', hint: '选择股室后自动显示' },
    { key: 'head', label: '股室负责人', en: 'Section head', type: 'text', required: true, filledBy: 'section', hint: '填写股室负责人姓名' },
    { key: 'contact', label: '联系人', en: 'Contact', type: 'text', required: true, filledBy: 'section', hint: '负责填报的同志' },
    { key: 'phone', label: '联系电话', en: 'Phone', type: 'text', required: true, filledBy: 'section', hint: '手机或办公电话' },
    { key: 'period', label: '填报期次', en: 'Period', type: 'period', required: true, filledBy: 'section', hint: '年-月，如 2024-06' },
    { key: 'asOf', label: '截至日期', en: 'As-of date', type: 'date', required: true, filledBy: 'section', hint: '逾期、临期按此日期计算；空白时按今天' },
    { key: 'submittedAt', label: '提交时间', en: 'Submitted at', type: 'datetime', required: false, filledBy: 'addin', hint: '在任务窗格中点“提交”时自动填写' },
    { key: 'templateId', label: '模板标识', en: 'Template ID', type: 'text', required: true, filledBy: 'scheme', hint: '请勿修改' },
    { key: 'templateVersion', label: '模板版本', en: 'Template version', type: 'integer', required: true, filledBy: 'scheme', hint: '请勿修改' },
  ],
};

/** The instructions sheet (first in the workbook) and the hidden sheet holding long lists. */
export const GUIDE_SHEET_NAME = '填报说明';
export const LISTS_SHEET_NAME = '下拉列表';

/** All visible sheet names in workbook order. */
export const SHEET_NAMES: readonly string[] = [
  GUIDE_SHEET_NAME,
  INFO_SHEET.name,
  ...LIST_SHEETS.map((s) => s.name),
];

/** The list sheet with the given key (typed, never undefined). */
export function listSheet(key: ListSheetKey): ListSheetDef {
  const sheet = LIST_SHEETS.find((s) => s.key === key);
  if (!sheet) throw new Error(`schema: no list sheet ${key}`);
  return sheet;
}

/** A column of a list sheet by key (typed, never undefined). */
export function column(sheet: ListSheetDef, key: string): ColumnDef {
  const col = sheet.columns.find((c) => c.key === key);
  if (!col) throw new Error(`schema: no column ${key} on ${sheet.key}`);
  return col;
}

/** 1-based row of a 基本信息 field (row 1 is the form header). */
export function infoFieldRow(key: string): number {
  const index = INFO_SHEET.fields.findIndex((f) => f.key === key);
  if (index < 0) throw new Error(`schema: no info field ${key}`);
  return index + 2;
}

/** Excel column letters of a 1-based column index (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Letter of a column of a list sheet (A for the first). */
export function columnLetterOf(sheet: ListSheetDef, key: string): string {
  return columnLetter(sheet.columns.indexOf(column(sheet, key)) + 1);
}

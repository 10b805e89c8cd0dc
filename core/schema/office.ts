/**
 * The office workbook (领导小组办公室汇总): its sheets and the columns the office types into. One
 * definition for the writer and for reading a previous office workbook back on re-merge.
 */
import type { ColumnDef, ListSheetDef, ListSheetKey } from './types';

export const OFFICE_SHEET_NAMES = {
  report: '合并报告',
  findings: '检查结果',
  review: '考核评议',
  adjustments: '加减分',
  lists: '下拉列表',
} as const;

/** The merged list sheets, by the section sheet they stack. */
export const MERGED_SHEET_NAME: Readonly<Record<ListSheetKey, string>> = {
  issues: '问题清单汇总',
  tasks: '责任清单汇总',
  selfAssessment: '考核自评汇总',
  ideas: '金点子汇总',
  plan: '工作计划汇总',
};

/** Provenance and computed columns added to every merged row. */
export const PROVENANCE_HEADERS = { section: '股室', sectionCode: '股室代码', file: '来源文件', row: '来源行' } as const;
export const DEADLINE_HEADERS = { state: '时限状态', days: '逾期天数' } as const;

/** Words for the computed deadline states on the office workbook. */
export const STATE_LABEL = {
  overdue: '逾期',
  'due-soon': '临期',
  'on-track': '正常',
  done: '已完成',
  'late-done': '逾期完成',
  'no-deadline': '无时限',
} as const;

export const ADJUSTMENT_KINDS = ['加分', '扣分', '一票否决'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

const text = (key: string, header: string, en: string, width: number, required = false): ColumnDef => ({
  key,
  header,
  en,
  type: 'text',
  required,
  width,
  filledBy: 'office',
});

/** 考核评议: section × indicator; the leading group types 评议得分 and 评议意见. */
export const REVIEW_SHEET: ListSheetDef = {
  key: 'selfAssessment',
  name: OFFICE_SHEET_NAMES.review,
  en: 'Leader review',
  idColumn: 'indicatorId',
  columns: [
    text('sectionCode', '股室代码', 'Section code', 9, true),
    text('section', '股室', 'Section', 12, true),
    text('indicatorId', '指标编号', 'Indicator', 9, true),
    text('heading', '一级指标', 'Heading', 12),
    text('content', '考核内容', 'Content', 36),
    { key: 'points', header: '分值', en: 'Points', type: 'number', required: false, width: 7, filledBy: 'scheme' },
    text('method', '计分方式', 'Method', 12),
    { key: 'selfScore', header: '自评得分', en: 'Self score', type: 'number', required: false, width: 9, filledBy: 'section' },
    { key: 'reviewScore', header: '评议得分', en: 'Review score', type: 'number', required: false, width: 9, min: 0, filledBy: 'office' },
    text('comment', '评议意见', 'Comment', 30),
    text('note', '状态', 'Status', 24),
  ],
};

/** 加减分: the register of bonuses, penalties and vetoes. */
export const ADJUSTMENT_SHEET: ListSheetDef = {
  key: 'ideas',
  name: OFFICE_SHEET_NAMES.adjustments,
  en: 'Adjustments',
  idColumn: 'no',
  columns: [
    { key: 'no', header: '序号', en: 'No.', type: 'integer', required: false, width: 6, filledBy: 'office' },
    text('section', '股室', 'Section', 12, true),
    text('kind', '类型', 'Kind', 9, true),
    text('item', '事项', 'Item', 30, true),
    { key: 'points', header: '分值', en: 'Points', type: 'number', required: false, width: 7, min: 0, filledBy: 'office' },
    text('basis', '依据', 'Basis', 30),
    { key: 'date', header: '日期', en: 'Date', type: 'date', required: false, width: 12, filledBy: 'office' },
    text('enteredBy', '录入人', 'Entered by', 10),
    text('note', '状态', 'Status', 24),
  ],
};

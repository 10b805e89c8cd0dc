/**
 * Findings: what a check says about a cell, a row or a sheet. Codes are stable (tests, the merge
 * report and the add-in key on them); messages come from this one table, in zh-CN and English,
 * name the cell and say what to do.
 */
import type { Lang } from '../i18n';

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly sheet: string;
  /** 1-based row, 0 for a finding about the whole sheet */
  readonly row: number;
  /** the column's header (Chinese, as on the form), '' for a sheet-level finding */
  readonly column: string;
  /** A1 address, '' for a sheet-level finding */
  readonly cell: string;
  readonly message: string;
}

type Params = Readonly<Record<string, string | number>>;
type Text = (p: Params) => string;

interface CodeDef {
  readonly severity: Severity;
  readonly zh: Text;
  readonly en: Text;
}

const q = (v: unknown) => `“${String(v)}”`;
const qe = (v: unknown) => `"${String(v)}"`;

/** Every finding code, its severity and its message. */
export const CODES = {
  E_HEADER_NOT_FOUND: {
    severity: 'error',
    zh: (p) => `找不到表头行，本表 ${p['rows']} 行数据无法读取。请恢复模板的表头（第 1 行：${p['expected']}）。`,
    en: (p) => `No header row found, so ${p['rows']} rows cannot be read. Restore the template's header row (row 1: ${p['expected']}).`,
  },
  E_COLUMN_MISSING: {
    severity: 'error',
    zh: (p) => `缺少必填列${q(p['header'])}。请恢复该列表头（可在任意位置）。`,
    en: (p) => `The required column ${qe(p['header'])} is missing. Restore its header (any position will do).`,
  },
  W_COLUMN_MISSING: {
    severity: 'warning',
    zh: (p) => `缺少列${q(p['header'])}。如本表用不到可忽略，否则请恢复该列。`,
    en: (p) => `The column ${qe(p['header'])} is missing. Ignore this if you do not need it, otherwise restore it.`,
  },
  W_COLUMN_EXTRA: {
    severity: 'warning',
    zh: (p) => `多出的列${q(p['header'])}不在模板中，其内容已保留但不参与检查。`,
    en: (p) => `The column ${qe(p['header'])} is not in the template; its values are kept but not checked.`,
  },
  W_COLUMN_DUPLICATE: {
    severity: 'warning',
    zh: (p) => `列${q(p['header'])}重复出现，只检查第一列，这一列的内容已保留。请删除多余的列。`,
    en: (p) => `The column ${qe(p['header'])} appears twice; only the first is checked, this one is kept as is. Delete the duplicate.`,
  },
  E_REQUIRED: {
    severity: 'error',
    zh: () => `必填项为空，请填写。`,
    en: () => `Required, but empty: fill it in.`,
  },
  E_NOT_IN_LIST: {
    severity: 'error',
    zh: (p) => `${q(p['value'])}不是可选值。请从下拉列表中选择：${p['allowed']}。`,
    en: (p) => `${qe(p['value'])} is not one of the allowed values. Choose from the list: ${p['allowed']}.`,
  },
  E_DATE_INVALID: {
    severity: 'error',
    zh: (p) => `${q(p['value'])}不是有效日期。请填写如 2024-06-30 的日期。`,
    en: (p) => `${qe(p['value'])} is not a valid date. Enter a date such as 2024-06-30.`,
  },
  E_DATE_OUT_OF_RANGE: {
    severity: 'error',
    zh: (p) => `日期 ${p['value']} 不在 2000-01-01 至 2100-12-31 之间，请检查年份。`,
    en: (p) => `The date ${p['value']} is outside 2000-01-01 … 2100-12-31; check the year.`,
  },
  W_TEXT_DATE: {
    severity: 'warning',
    zh: (p) => `文字日期${q(p['value'])}已按 ${p['date']} 读取。建议改为日期格式，时限颜色才能生效。`,
    en: (p) => `The text ${qe(p['value'])} was read as the date ${p['date']}. Enter it as a real date so the deadline colours work.`,
  },
  W_SERIAL_DATE: {
    severity: 'warning',
    zh: (p) => `数字 ${p['value']} 已按日期 ${p['date']} 读取。请把单元格格式设为日期。`,
    en: (p) => `The number ${p['value']} was read as the date ${p['date']}. Format the cell as a date.`,
  },
  E_NUMBER_INVALID: {
    severity: 'error',
    zh: (p) => `${q(p['value'])}不是数字，请填写数字。`,
    en: (p) => `${qe(p['value'])} is not a number; enter a number.`,
  },
  W_TEXT_NUMBER: {
    severity: 'warning',
    zh: (p) => `文字${q(p['value'])}已按数字 ${p['number']} 读取。建议以数字格式填写。`,
    en: (p) => `The text ${qe(p['value'])} was read as the number ${p['number']}. Enter it as a number.`,
  },
  E_NUMBER_RANGE: {
    severity: 'error',
    zh: (p) => `${p['value']} 超出范围，应为 ${p['min']} 到 ${p['max']} 之间的${p['integer'] ? '整数' : '数'}。`,
    en: (p) => `${p['value']} is out of range: enter a ${p['integer'] ? 'whole number' : 'number'} from ${p['min']} to ${p['max']}.`,
  },
  E_VALUE_ERROR: {
    severity: 'error',
    zh: (p) => `单元格是错误值 ${p['value']}（多为公式出错），请改为正确内容。`,
    en: (p) => `The cell holds the error ${p['value']} (usually a broken formula); replace it with the right value.`,
  },
  E_ID_FORMAT: {
    severity: 'error',
    zh: (p) => `编号${q(p['value'])}格式不对，应如 ${p['example']}。`,
    en: (p) => `The id ${qe(p['value'])} is malformed; it should look like ${p['example']}.`,
  },
  E_ID_DUPLICATE: {
    severity: 'error',
    zh: (p) => `编号 ${p['value']} 与第 ${p['first']} 行重复。每个编号只能用一次，请改为新的编号。`,
    en: (p) => `The id ${p['value']} is also used on row ${p['first']}. Each id may be used once: give this row a new one.`,
  },
  W_ID_SECTION: {
    severity: 'warning',
    zh: (p) => `编号 ${p['value']} 不以本股室代码 ${p['code']} 开头，请核对。`,
    en: (p) => `The id ${p['value']} does not start with this section's code ${p['code']}; check it.`,
  },
  E_TASK_UNKNOWN_ISSUE: {
    severity: 'error',
    zh: (p) => `关联问题编号 ${p['value']} 在问题清单中不存在。请从下拉列表选择已有的问题编号。`,
    en: (p) => `The problem id ${p['value']} is not on the problem list. Choose an existing problem id from the list.`,
  },
  W_ISSUE_WITHOUT_TASK: {
    severity: 'warning',
    zh: (p) => `问题 ${p['value']} 在责任清单中还没有任务。请把整改措施分解为任务。`,
    en: (p) => `Problem ${p['value']} has no task on the responsibility list yet. Break its measures down into tasks.`,
  },
  E_DONE_NO_DATE: {
    severity: 'error',
    zh: (p) => `状态为“${p['status']}”，但完成日期为空。请填写完成日期。`,
    en: (p) => `The status is "${p['status']}" but the completion date is empty. Fill in the completion date.`,
  },
  E_DONE_NO_RESULT: {
    severity: 'error',
    zh: (p) => `状态为“${p['status']}”，但整改成效为空。请写明整改成效。`,
    en: (p) => `The status is "${p['status']}" but the result is empty. Describe the result of the fix.`,
  },
  E_WRITEOFF_NO_VERIFIER: {
    severity: 'error',
    zh: () => `已销号须有验收人。请填写验收人，否则状态改为“已完成”。`,
    en: () => `A written-off item needs a verifier. Fill in 验收人, or set the status back to 已完成.`,
  },
  E_WRITEOFF_NO_EVIDENCE: {
    severity: 'error',
    zh: () => `已销号须有佐证材料（防止纸上整改）。请填写佐证材料的名称或存放位置。`,
    en: () => `A written-off item needs evidence (no fixes on paper only). Name the evidence or where it is kept.`,
  },
  W_STRONG_NOT_IMMEDIATE: {
    severity: 'warning',
    zh: (p) => `反映强烈的问题应立行立改，当前整改类型为“${p['value']}”。请改为“立行立改”或在备注中说明原因。`,
    en: (p) => `A strongly-reported problem should be fixed at once (立行立改), but its fix type is "${p['value']}". Change it, or explain why in 备注.`,
  },
  W_IMMEDIATE_TOO_LONG: {
    severity: 'warning',
    zh: (p) => `立行立改的问题整改时限（${p['deadline']}）距发现日期（${p['found']}）${p['days']} 天，超过 ${p['limit']} 天。请缩短时限或改为限期整改。`,
    en: (p) => `This 立行立改 item is due ${p['days']} days (${p['deadline']}) after it was found (${p['found']}), more than ${p['limit']}. Shorten the deadline or use 限期整改.`,
  },
  E_EXTENSION_INCOMPLETE: {
    severity: 'error',
    zh: (p) => `申请延期须同时填写“延期至”和“延期理由”，当前缺少“${p['missing']}”。`,
    en: (p) => `An extension needs both 延期至 and 延期理由; "${p['missing']}" is missing.`,
  },
  E_EXTENSION_NOT_LATER: {
    severity: 'error',
    zh: (p) => `延期至 ${p['value']} 不晚于整改时限 ${p['deadline']}。延期日期必须在原时限之后。`,
    en: (p) => `延期至 ${p['value']} is not after the deadline ${p['deadline']}. An extension must end after the original deadline.`,
  },
  W_DONE_DATE_FUTURE: {
    severity: 'warning',
    zh: (p) => `完成日期 ${p['value']} 晚于截至日期 ${p['asOf']}，请核对。`,
    en: (p) => `The completion date ${p['value']} is after the as-of date ${p['asOf']}; check it.`,
  },
  W_DONE_BEFORE_FOUND: {
    severity: 'warning',
    zh: (p) => `完成日期 ${p['value']} 早于发现日期 ${p['found']}，请核对。`,
    en: (p) => `The completion date ${p['value']} is before the date found ${p['found']}; check it.`,
  },
  E_SECTION_UNKNOWN: {
    severity: 'error',
    zh: (p) => `股室${q(p['value'])}不在名单中。请从下拉列表选择：${p['allowed']}。`,
    en: (p) => `The section ${qe(p['value'])} is not on the roster. Choose from the list: ${p['allowed']}.`,
  },
  E_PERIOD_FORMAT: {
    severity: 'error',
    zh: (p) => `填报期次${q(p['value'])}格式不对，应为“年-月”，如 2024-06。`,
    en: (p) => `The period ${qe(p['value'])} is malformed; use year-month such as 2024-06.`,
  },
  E_INDICATOR_UNKNOWN: {
    severity: 'error',
    zh: (p) => `指标编号 ${p['value']} 不在考核方案中。请勿增删考核自评的行，使用最新模板。`,
    en: (p) => `The indicator ${p['value']} is not in the assessment scheme. Do not add or delete self-assessment rows; use the current template.`,
  },
  E_INDICATOR_MISSING: {
    severity: 'error',
    zh: (p) => `考核自评缺少指标 ${p['value']}（${p['content']}）。请恢复该行并自评。`,
    en: (p) => `The self-assessment lacks indicator ${p['value']} (${p['content']}). Restore the row and score it.`,
  },
  W_POINTS_CHANGED: {
    severity: 'warning',
    zh: (p) => `分值被改为 ${p['value']}，考核方案为 ${p['points']}。汇总时按方案分值 ${p['points']} 计算。`,
    en: (p) => `The points were changed to ${p['value']}; the scheme says ${p['points']}. The scheme's ${p['points']} will be used.`,
  },
  E_SCORE_OVER_POINTS: {
    severity: 'error',
    zh: (p) => `自评得分 ${p['value']} 超过本项分值 ${p['points']}。请填写 0 到 ${p['points']} 之间的分数。`,
    en: (p) => `The self score ${p['value']} is more than the indicator's ${p['points']} points. Enter 0 to ${p['points']}.`,
  },
} as const satisfies Record<string, CodeDef>;

export type FindingCode = keyof typeof CODES;

export interface Location {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly cell: string;
}

/** Build a finding: severity and message from the table, the message prefixed with where. */
export function makeFinding(code: FindingCode, at: Location, params: Params, lang: Lang): Finding {
  const def: CodeDef = CODES[code];
  const where = at.cell
    ? lang === 'zh'
      ? `${at.sheet}!${at.cell}（${at.column}）：`
      : `${at.sheet}!${at.cell} (${at.column}): `
    : lang === 'zh'
      ? `${at.sheet}：`
      : `${at.sheet}: `;
  return { code, severity: def.severity, sheet: at.sheet, row: at.row, column: at.column, cell: at.cell, message: where + def[lang](params) };
}

import { describe, expect, it } from 'vitest';
import {
  INFO_SHEET,
  LISTS,
  LIST_SHEETS,
  SHEET_NAMES,
  columnLetter,
  columnLetterOf,
  infoFieldRow,
  listSheet,
  templateKeywords,
} from './index';

describe('core/schema', () => {
  it('has the sheets of DOMAIN.md in workbook order', () => {
    expect(SHEET_NAMES).toStrictEqual(['填报说明', '基本信息', '问题清单', '责任清单', '考核自评', '金点子', '工作计划']);
  });

  it('has the problem-list columns of DOMAIN.md in order', () => {
    expect(listSheet('issues').columns.map((c) => c.header)).toStrictEqual([
      '问题编号', '问题类别', '问题描述', '问题来源', '反映强烈', '发现日期', '原因剖析', '整改措施', '整改类型',
      '责任领导', '责任人', '整改时限', '整改状态', '完成日期', '整改成效', '佐证材料', '验收人', '延期至', '延期理由', '备注',
    ]);
    expect(listSheet('tasks').columns.map((c) => c.header)).toStrictEqual([
      '任务编号', '关联问题编号', '工作内容', '具体措施', '责任人', '配合人', '开始日期', '完成时限', '进度', '完成情况', '佐证材料', '备注',
    ]);
    expect(listSheet('selfAssessment').columns.map((c) => c.header)).toStrictEqual([
      '指标编号', '一级指标', '考核内容', '评分标准', '分值', '自评得分', '自评说明', '佐证材料',
    ]);
    expect(listSheet('ideas').columns.map((c) => c.header)).toStrictEqual(['编号', '建议内容', '建议人', '提出日期', '采纳情况']);
    expect(listSheet('plan').columns.map((c) => c.header)).toStrictEqual(['事项编号', '工作事项', '具体内容', '责任人', '完成时限', '进展']);
  });

  it('has the lists of DOMAIN.md', () => {
    expect(LISTS.category).toStrictEqual(['政治建设', '理论武装', '组织建设', '干部队伍建设', '工作作风', '工作效能', '服务企业', '正风肃纪', '其他']);
    expect(LISTS.fixType).toStrictEqual(['立行立改', '限期整改', '持续整改']);
    expect(LISTS.status).toStrictEqual(['未启动', '整改中', '已完成', '已销号']);
  });

  it.each(LIST_SHEETS.map((s) => [s.name, s] as const))('%s: keys and headers are unique, lists and id patterns are sound', (_name, sheet) => {
    const keys = sheet.columns.map((c) => c.key);
    const headers = sheet.columns.map((c) => c.header);
    const aliases = sheet.columns.flatMap((c) => c.aliases ?? []);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set([...headers, ...aliases]).size).toBe(headers.length + aliases.length);
    expect(keys).toContain(sheet.idColumn);
    for (const c of sheet.columns) {
      expect(c.type === 'list', `${c.key}: list columns name a list`).toBe(c.list !== undefined);
      if (c.idPattern) expect(new RegExp(c.idPattern).test(c.idExample ?? '')).toBe(true);
      if (c.maxColumn) expect(keys).toContain(c.maxColumn);
      expect(c.width).toBeGreaterThan(0);
    }
    if (sheet.deadline) {
      expect(keys).toContain(sheet.deadline.column);
      expect(keys).toContain(sheet.deadline.doneColumn);
    }
  });

  it('lays out 基本信息 one field per row from row 2', () => {
    expect(INFO_SHEET.fields.map((f) => [f.label, infoFieldRow(f.key)])).toStrictEqual([
      ['单位', 2], ['股室', 3], ['股室代码', 4], ['股室负责人', 5], ['联系人', 6], ['联系电话', 7],
      ['填报期次', 8], ['截至日期', 9], ['提交时间', 10], ['模板标识', 11], ['模板版本', 12],
    ]);
  });

  it.each([
    [1, 'A'], [20, 'T'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [703, 'AAA'],
  ])('columnLetter(%i) = %s', (n, letter) => {
    expect(columnLetter(n)).toBe(letter);
  });

  it('finds column letters and keywords', () => {
    expect(columnLetterOf(listSheet('issues'), 'deadline')).toBe('L');
    expect(columnLetterOf(listSheet('tasks'), 'progress')).toBe('I');
    expect(templateKeywords()).toBe('mofan-ledger-v1');
    expect(() => listSheet('nope' as never)).toThrow('schema: no list sheet nope');
  });
});

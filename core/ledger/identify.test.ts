import { describe, expect, it } from 'vitest';
import { SHEET_NAMES } from '../schema';
import { describeIdentity, identifyLedger, type WorkbookSnapshot } from './identify';

const info = (id: unknown, version: unknown) => [
  ['项目', '内容'],
  ['单位', '煤炭事务中心'],
  ['模板标识', id],
  ['模板版本', version],
];

describe('identifyLedger', () => {
  it.each<[string, WorkbookSnapshot, ReturnType<typeof identifyLedger>, string, string]>([
    [
      'the current template',
      { sheetNames: [...SHEET_NAMES], info: info('mofan-ledger', 1) },
      { kind: 'ledger', version: 1 },
      '这是模范机关创建工作台账（模板版本 1）。',
      'This is a model-agency campaign ledger (template version 1).',
    ],
    [
      'a version typed as text with spaces',
      { sheetNames: [...SHEET_NAMES, '草稿'], info: info(' mofan-ledger ', ' 1 ') },
      { kind: 'ledger', version: 1 },
      '这是模范机关创建工作台账（模板版本 1）。',
      'This is a model-agency campaign ledger (template version 1).',
    ],
    [
      'another template version',
      { sheetNames: [...SHEET_NAMES], info: info('mofan-ledger', 2) },
      { kind: 'other-version', version: '2', expected: 1 },
      '这是模板版本 2 的工作台账，本工具使用版本 1。请向领导小组办公室索取最新模板。',
      'This ledger uses template version 2; this tool reads version 1. Ask the campaign office for the current template.',
    ],
    [
      'missing sheets',
      { sheetNames: ['基本信息', '问题清单'], info: info('mofan-ledger', 1) },
      { kind: 'incomplete', version: 1, missingSheets: ['填报说明', '责任清单', '考核自评', '金点子', '工作计划'] },
      '这是工作台账（模板版本 1），但缺少工作表：填报说明、责任清单、考核自评、金点子、工作计划。请恢复这些工作表或使用新模板。',
      'This is a ledger (template version 1) but these sheets are missing: 填报说明, 责任清单, 考核自评, 金点子, 工作计划. Restore them or start from a fresh template.',
    ],
    [
      'a workbook without 基本信息',
      { sheetNames: ['Sheet1'], info: null },
      { kind: 'not-ledger' },
      '当前工作簿不是模范机关创建工作台账。',
      'The open workbook is not a model-agency campaign ledger.',
    ],
    [
      'a 基本信息 sheet of something else',
      { sheetNames: ['基本信息'], info: [['姓名', '张三'], [], [null]] },
      { kind: 'not-ledger' },
      '当前工作簿不是模范机关创建工作台账。',
      'The open workbook is not a model-agency campaign ledger.',
    ],
  ])('%s', (_what, snapshot, identity, zh, en) => {
    const result = identifyLedger(snapshot);
    expect(result).toStrictEqual(identity);
    expect([describeIdentity(result, 'zh'), describeIdentity(result, 'en')]).toStrictEqual([zh, en]);
  });
});

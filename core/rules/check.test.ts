import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issue, listRawSheet, rawLedger, rawSheet, task, type RawLedger, type RawRecord } from '../../tests/helpers/raw-ledger';
import type { Lang } from '../i18n';
import { parseSchemeText, type Scheme } from '../scheme';
import { listSheet } from '../schema';
import { checkLedger, type CheckResult } from './check';
import { CODES, type Finding } from './findings';

const scheme = (parseSchemeText(readFileSync(new URL('../../templates/考核方案.json', import.meta.url), 'utf8')) as { scheme: Scheme }).scheme;

const selfRows: RawRecord[] = scheme.indicators.map((i) => ({
  indicatorId: i.id,
  heading: i.heading,
  content: i.content,
  standard: i.standard,
  points: i.points,
  selfScore: i.points - 1,
  explanation: '对照标准逐项自查',
}));

const BASE: RawLedger = { issues: [issue()], tasks: [task()], selfAssessment: selfRows };

function check(ledger: RawLedger, lang: Lang = 'zh', asOf?: string): CheckResult {
  const outcome = checkLedger(rawLedger({ ...BASE, ...ledger }), { scheme, lang, asOf, today: '2024-07-15' });
  if (!outcome.ok) throw new Error(`unusable: ${outcome.unusable.code}`);
  return outcome.result;
}

/** [code, cell, zh message, en message] — sheet, row, column and severity are derived and checked too. */
type Expect = [code: keyof typeof CODES, sheet: string, cell: string, column: string, zh: string, en: string];

function expectFindings(ledger: RawLedger, expected: Expect[], asOf?: string): void {
  const asFindings = (lang: Lang): Finding[] =>
    expected.map(([code, sheet, cell, column, zh, en]) => ({
      code,
      severity: code.startsWith('E_') ? 'error' : 'warning',
      sheet,
      row: cell ? Number(/\d+$/.exec(cell)?.[0]) : 0,
      column,
      cell,
      message: lang === 'zh' ? zh : en,
    }));
  expect(check(ledger, 'zh', asOf).findings).toStrictEqual(asFindings('zh'));
  expect(check(ledger, 'en', asOf).findings).toStrictEqual(asFindings('en'));
}

describe('checkLedger', () => {
  it('passes a complete, valid ledger with no findings and types every value', () => {
    const r = check({});
    expect(r.findings).toStrictEqual([]);
    expect([r.errors, r.warnings, r.asOf, r.asOfSource, r.section]).toStrictEqual([0, 0, '2024-06-30', 'workbook', { code: 'AJ', name: '安全监管股' }]);
    expect(r.info).toStrictEqual({
      unit: '煤炭事务中心',
      section: '安全监管股',
      sectionCode: 'AJ',
      head: '王建国',
      contact: '李敏',
      phone: '0734-4321001',
      period: '2024-06',
      asOf: '2024-06-30',
      submittedAt: null,
      templateId: 'mofan-ledger',
      templateVersion: 1,
    });
    expect(r.sheets.issues.rows).toStrictEqual([
      {
        row: 2,
        values: {
          id: 'AJ-001', category: '工作作风', description: '下矿检查发现的问题跟踪不及时', source: '自己找', strong: '否',
          foundDate: '2024-05-10', cause: '跟踪制度不健全', measures: '建立问题跟踪台账，每周更新', fixType: '限期整改',
          leader: '赵立新', owner: '王建国', deadline: '2024-08-31', status: '整改中', doneDate: null, result: null,
          evidence: null, verifier: null, extendedTo: null, extensionReason: null, note: null,
        },
        extras: {},
      },
    ]);
    expect(r.sheets.tasks.rows[0]?.values['progress']).toBe(50);
    expect(r.sheets.selfAssessment.rows.length).toBe(12);
  });

  it('lets --as-of win over the workbook, and today stand in when neither is given', () => {
    expect([check({}, 'zh', '2024-09-01').asOf, check({}, 'zh', '2024-09-01').asOfSource]).toStrictEqual(['2024-09-01', 'option']);
    const r = check({ info: { asOf: null } });
    expect([r.asOf, r.asOfSource]).toStrictEqual(['2024-07-15', 'today']);
  });

  describe('fields', () => {
    it.each<[string, RawLedger, Expect[]]>([
      [
        'required fields',
        { issues: [issue({ description: null, owner: '  ' })] },
        [
          ['E_REQUIRED', '问题清单', 'C2', '问题描述', '问题清单!C2（问题描述）：必填项为空，请填写。', '问题清单!C2 (问题描述): Required, but empty: fill it in.'],
          ['E_REQUIRED', '问题清单', 'K2', '责任人', '问题清单!K2（责任人）：必填项为空，请填写。', '问题清单!K2 (责任人): Required, but empty: fill it in.'],
        ],
      ],
      [
        'list values',
        { issues: [issue({ status: '完成', category: ' 工作 作风 ' })] },
        [
          [
            'E_NOT_IN_LIST', '问题清单', 'M2', '整改状态',
            '问题清单!M2（整改状态）：“完成”不是可选值。请从下拉列表中选择：未启动 / 整改中 / 已完成 / 已销号。',
            '问题清单!M2 (整改状态): "完成" is not one of the allowed values. Choose from the list: 未启动 / 整改中 / 已完成 / 已销号.',
          ],
        ],
      ],
      [
        'dates: text normalised, nonsense refused',
        { issues: [issue({ foundDate: '2024年5月10日', deadline: '下月底' })] },
        [
          [
            'W_TEXT_DATE', '问题清单', 'F2', '发现日期',
            '问题清单!F2（发现日期）：文字日期“2024年5月10日”已按 2024-05-10 读取。建议改为日期格式，时限颜色才能生效。',
            '问题清单!F2 (发现日期): The text "2024年5月10日" was read as the date 2024-05-10. Enter it as a real date so the deadline colours work.',
          ],
          [
            'E_DATE_INVALID', '问题清单', 'L2', '整改时限',
            '问题清单!L2（整改时限）：“下月底”不是有效日期。请填写如 2024-06-30 的日期。',
            '问题清单!L2 (整改时限): "下月底" is not a valid date. Enter a date such as 2024-06-30.',
          ],
        ],
      ],
      [
        'progress: text number accepted, out of range refused',
        { tasks: [task({ progress: '60' }), task({ id: 'AJ-001-02', progress: 120 }), task({ id: 'AJ-001-03', progress: 33.5 })] },
        [
          ['W_TEXT_NUMBER', '责任清单', 'I2', '进度', '责任清单!I2（进度）：文字“60”已按数字 60 读取。建议以数字格式填写。', '责任清单!I2 (进度): The text "60" was read as the number 60. Enter it as a number.'],
          ['E_NUMBER_RANGE', '责任清单', 'I3', '进度', '责任清单!I3（进度）：120 超出范围，应为 0 到 100 之间的整数。', '责任清单!I3 (进度): 120 is out of range: enter a whole number from 0 to 100.'],
          ['E_NUMBER_RANGE', '责任清单', 'I4', '进度', '责任清单!I4（进度）：33.5 超出范围，应为 0 到 100 之间的整数。', '责任清单!I4 (进度): 33.5 is out of range: enter a whole number from 0 to 100.'],
        ],
      ],
      [
        'ids: format, duplicates, section code',
        { issues: [issue(), issue({ id: 'AJ-001' }), issue({ id: 'AJ001' }), issue({ id: 'SJ-004' })], tasks: [task()] },
        [
          ['E_ID_DUPLICATE', '问题清单', 'A3', '问题编号', '问题清单!A3（问题编号）：编号 AJ-001 与第 2 行重复。每个编号只能用一次，请改为新的编号。', '问题清单!A3 (问题编号): The id AJ-001 is also used on row 2. Each id may be used once: give this row a new one.'],
          ['E_ID_FORMAT', '问题清单', 'A4', '问题编号', '问题清单!A4（问题编号）：编号“AJ001”格式不对，应如 AJ-001。', '问题清单!A4 (问题编号): The id "AJ001" is malformed; it should look like AJ-001.'],
          ['W_ID_SECTION', '问题清单', 'A5', '问题编号', '问题清单!A5（问题编号）：编号 SJ-004 不以本股室代码 AJ 开头，请核对。', '问题清单!A5 (问题编号): The id SJ-004 does not start with this section\'s code AJ; check it.'],
          ['W_ISSUE_WITHOUT_TASK', '问题清单', 'A5', '问题编号', '问题清单!A5（问题编号）：问题 SJ-004 在责任清单中还没有任务。请把整改措施分解为任务。', '问题清单!A5 (问题编号): Problem SJ-004 has no task on the responsibility list yet. Break its measures down into tasks.'],
        ],
      ],
      [
        "a formula's cached text counts as the value, a formula-like text as text",
        { tasks: [task({ owner: { formula: '王建国' }, note: "=cmd|' /C calc'!A0" })] },
        [],
      ],
    ])('%s', (_what, ledger, expected) => {
      expectFindings(ledger, expected);
    });

    it('reports an Excel error value', () => {
      const wb = rawLedger(BASE);
      const tasks = listRawSheet('tasks', [task()]);
      const row = tasks.rows[1]!;
      (row.cells as Map<number, unknown>).set(5, { value: { type: 'error', value: '#REF!' }, formula: true });
      const outcome = checkLedger({ ...wb, data: new Map([...wb.data, ['责任清单', tasks]]) }, { scheme, lang: 'en', today: '2024-07-15' });
      expect(outcome.ok && outcome.result.findings).toStrictEqual([
        {
          code: 'E_VALUE_ERROR', severity: 'error', sheet: '责任清单', row: 2, column: '责任人', cell: 'E2',
          message: '责任清单!E2 (责任人): The cell holds the error #REF! (usually a broken formula); replace it with the right value.',
        },
      ]);
    });
  });

  describe('rows', () => {
    it.each<[string, RawLedger, Expect[]]>([
      [
        'a task naming a problem that does not exist, a problem with no task',
        { issues: [issue(), issue({ id: 'AJ-002' })], tasks: [task(), task({ id: 'AJ-003-01', issueId: 'AJ-003' })] },
        [
          ['W_ISSUE_WITHOUT_TASK', '问题清单', 'A3', '问题编号', '问题清单!A3（问题编号）：问题 AJ-002 在责任清单中还没有任务。请把整改措施分解为任务。', '问题清单!A3 (问题编号): Problem AJ-002 has no task on the responsibility list yet. Break its measures down into tasks.'],
          ['E_TASK_UNKNOWN_ISSUE', '责任清单', 'B3', '关联问题编号', '责任清单!B3（关联问题编号）：关联问题编号 AJ-003 在问题清单中不存在。请从下拉列表选择已有的问题编号。', '责任清单!B3 (关联问题编号): The problem id AJ-003 is not on the problem list. Choose an existing problem id from the list.'],
        ],
      ],
      [
        'done without date and result',
        { issues: [issue({ status: '已完成' })] },
        [
          ['E_DONE_NO_DATE', '问题清单', 'N2', '完成日期', '问题清单!N2（完成日期）：状态为“已完成”，但完成日期为空。请填写完成日期。', '问题清单!N2 (完成日期): The status is "已完成" but the completion date is empty. Fill in the completion date.'],
          ['E_DONE_NO_RESULT', '问题清单', 'O2', '整改成效', '问题清单!O2（整改成效）：状态为“已完成”，但整改成效为空。请写明整改成效。', '问题清单!O2 (整改成效): The status is "已完成" but the result is empty. Describe the result of the fix.'],
        ],
      ],
      [
        'written off without verifier and evidence',
        { issues: [issue({ status: '已销号', doneDate: { date: '2024-06-20' }, result: '台账已建立并运行' })] },
        [
          ['E_WRITEOFF_NO_EVIDENCE', '问题清单', 'P2', '佐证材料', '问题清单!P2（佐证材料）：已销号须有佐证材料（防止纸上整改）。请填写佐证材料的名称或存放位置。', '问题清单!P2 (佐证材料): A written-off item needs evidence (no fixes on paper only). Name the evidence or where it is kept.'],
          ['E_WRITEOFF_NO_VERIFIER', '问题清单', 'Q2', '验收人', '问题清单!Q2（验收人）：已销号须有验收人。请填写验收人，否则状态改为“已完成”。', '问题清单!Q2 (验收人): A written-off item needs a verifier. Fill in 验收人, or set the status back to 已完成.'],
        ],
      ],
      [
        'a complete write-off passes',
        { issues: [issue({ status: '已销号', doneDate: { date: '2024-06-20' }, result: '台账已建立', evidence: '跟踪台账.xlsx', verifier: '刘强' })] },
        [],
      ],
      [
        'strongly reported but not fixed at once',
        { issues: [issue({ strong: '是', fixType: '限期整改' })] },
        [
          ['W_STRONG_NOT_IMMEDIATE', '问题清单', 'I2', '整改类型', '问题清单!I2（整改类型）：反映强烈的问题应立行立改，当前整改类型为“限期整改”。请改为“立行立改”或在备注中说明原因。', '问题清单!I2 (整改类型): A strongly-reported problem should be fixed at once (立行立改), but its fix type is "限期整改". Change it, or explain why in 备注.'],
        ],
      ],
      [
        '立行立改 due too late',
        { issues: [issue({ strong: '是', fixType: '立行立改', foundDate: { date: '2024-05-10' }, deadline: { date: '2024-06-20' } })] },
        [
          ['W_IMMEDIATE_TOO_LONG', '问题清单', 'L2', '整改时限', '问题清单!L2（整改时限）：立行立改的问题整改时限（2024-06-20）距发现日期（2024-05-10）41 天，超过 30 天。请缩短时限或改为限期整改。', '问题清单!L2 (整改时限): This 立行立改 item is due 41 days (2024-06-20) after it was found (2024-05-10), more than 30. Shorten the deadline or use 限期整改.'],
        ],
      ],
      [
        '立行立改 within 30 days passes',
        { issues: [issue({ strong: '是', fixType: '立行立改', foundDate: { date: '2024-05-10' }, deadline: { date: '2024-06-09' } })] },
        [],
      ],
      [
        'an extension without its reason, and one not later than the deadline',
        {
          issues: [
            issue({ extendedTo: { date: '2024-09-30' } }),
            issue({ id: 'AJ-002', extensionReason: '需协调煤矿企业' }),
            issue({ id: 'AJ-003', extendedTo: { date: '2024-08-01' }, extensionReason: '汛期' }),
          ],
          tasks: [task(), task({ id: 'AJ-002-01', issueId: 'AJ-002' }), task({ id: 'AJ-003-01', issueId: 'AJ-003' })],
        },
        [
          ['E_EXTENSION_INCOMPLETE', '问题清单', 'S2', '延期理由', '问题清单!S2（延期理由）：申请延期须同时填写“延期至”和“延期理由”，当前缺少“延期理由”。', '问题清单!S2 (延期理由): An extension needs both 延期至 and 延期理由; "延期理由" is missing.'],
          ['E_EXTENSION_INCOMPLETE', '问题清单', 'R3', '延期至', '问题清单!R3（延期至）：申请延期须同时填写“延期至”和“延期理由”，当前缺少“延期至”。', '问题清单!R3 (延期至): An extension needs both 延期至 and 延期理由; "延期至" is missing.'],
          ['E_EXTENSION_NOT_LATER', '问题清单', 'R4', '延期至', '问题清单!R4（延期至）：延期至 2024-08-01 不晚于整改时限 2024-08-31。延期日期必须在原时限之后。', '问题清单!R4 (延期至): 延期至 2024-08-01 is not after the deadline 2024-08-31. An extension must end after the original deadline.'],
        ],
      ],
      [
        'completion dates after the as-of date or before the problem was found',
        {
          issues: [
            issue({ status: '已完成', doneDate: { date: '2024-07-02' }, result: '已整改' }),
            issue({ id: 'AJ-002', status: '已完成', doneDate: { date: '2024-05-01' }, result: '已整改' }),
          ],
          tasks: [task(), task({ id: 'AJ-002-01', issueId: 'AJ-002' })],
        },
        [
          ['W_DONE_DATE_FUTURE', '问题清单', 'N2', '完成日期', '问题清单!N2（完成日期）：完成日期 2024-07-02 晚于截至日期 2024-06-30，请核对。', '问题清单!N2 (完成日期): The completion date 2024-07-02 is after the as-of date 2024-06-30; check it.'],
          ['W_DONE_BEFORE_FOUND', '问题清单', 'N3', '完成日期', '问题清单!N3（完成日期）：完成日期 2024-05-01 早于发现日期 2024-05-10，请核对。', '问题清单!N3 (完成日期): The completion date 2024-05-01 is before the date found 2024-05-10; check it.'],
        ],
      ],
    ])('%s', (_what, ledger, expected) => {
      expectFindings(ledger, expected);
    });
  });

  describe('基本信息 and the self-assessment', () => {
    it.each<[string, RawLedger, Expect[]]>([
      [
        'a section not on the roster, a malformed period, a missing head',
        { info: { section: '安监股', period: '六月', head: null } },
        [
          ['E_SECTION_UNKNOWN', '基本信息', 'B3', '股室', '基本信息!B3（股室）：股室“安监股”不在名单中。请从下拉列表选择：办公室 / 安全监管股 / 生产技术股 / 调度信息股 / 政策法规股 / 财务审计股 / 机电运输股 / 通风防治股。', '基本信息!B3 (股室): The section "安监股" is not on the roster. Choose from the list: 办公室 / 安全监管股 / 生产技术股 / 调度信息股 / 政策法规股 / 财务审计股 / 机电运输股 / 通风防治股.'],
          ['E_REQUIRED', '基本信息', 'B5', '股室负责人', '基本信息!B5（股室负责人）：必填项为空，请填写。', '基本信息!B5 (股室负责人): Required, but empty: fill it in.'],
          ['E_PERIOD_FORMAT', '基本信息', 'B8', '填报期次', '基本信息!B8（填报期次）：填报期次“六月”格式不对，应为“年-月”，如 2024-06。', '基本信息!B8 (填报期次): The period "六月" is malformed; use year-month such as 2024-06.'],
        ],
      ],
      [
        'scores over the points, changed points, a missing and an unknown indicator',
        {
          selfAssessment: [
            ...selfRows.slice(0, 10),
            { ...selfRows[10]!, selfScore: 7, points: 7 },
            { ...selfRows[11]!, indicatorId: 'H1' },
          ],
        },
        [
          ['E_INDICATOR_MISSING', '考核自评', '', '指标编号', '考核自评：考核自评缺少指标 G2（创建资料台账规范、完整、及时）。请恢复该行并自评。', '考核自评: The self-assessment lacks indicator G2 (创建资料台账规范、完整、及时). Restore the row and score it.'],
          ['W_POINTS_CHANGED', '考核自评', 'E12', '分值', '考核自评!E12（分值）：分值被改为 7，考核方案为 6。汇总时按方案分值 6 计算。', '考核自评!E12 (分值): The points were changed to 7; the scheme says 6. The scheme\'s 6 will be used.'],
          ['E_SCORE_OVER_POINTS', '考核自评', 'F12', '自评得分', '考核自评!F12（自评得分）：自评得分 7 超过本项分值 6。请填写 0 到 6 之间的分数。', '考核自评!F12 (自评得分): The self score 7 is more than the indicator\'s 6 points. Enter 0 to 6.'],
          ['E_INDICATOR_UNKNOWN', '考核自评', 'A13', '指标编号', '考核自评!A13（指标编号）：指标编号 H1 不在考核方案中。请勿增删考核自评的行，使用最新模板。', '考核自评!A13 (指标编号): The indicator H1 is not in the assessment scheme. Do not add or delete self-assessment rows; use the current template.'],
        ],
      ],
    ])('%s', (_what, ledger, expected) => {
      expectFindings(ledger, expected);
    });

    it('reads a period Excel turned into a date', () => {
      expect(check({ info: { period: { date: '2024-06-01' } } }).info['period']).toBe('2024-06');
      expect(check({ info: { period: '2024年6月' } }).info['period']).toBe('2024-06');
    });
  });

  describe('sheets', () => {
    const tasks = listSheet('tasks');
    it('reads moved columns, title rows and an alias, and keeps extra columns', () => {
      const headers = [...tasks.columns].reverse().map((c) => (c.key === 'deadline' ? ' 完成 时间 ' : c.header));
      const row = [...tasks.columns].reverse().map((c) => (task() as Record<string, unknown>)[c.key] ?? null);
      const sheet = rawSheet('责任清单', [['安全监管股责任清单（2024 年 6 月）'], [], [...headers, '联系人'], [...(row as never[]), '李敏']]);
      const r = check({ sheets: { 责任清单: sheet } }, 'en');
      expect(r.findings).toStrictEqual([
        { code: 'W_COLUMN_EXTRA', severity: 'warning', sheet: '责任清单', row: 3, column: '联系人', cell: 'M3', message: '责任清单!M3 (联系人): The column "联系人" is not in the template; its values are kept but not checked.' },
      ]);
      expect(r.sheets.tasks.rows).toStrictEqual([
        {
          row: 4,
          values: { id: 'AJ-001-01', issueId: 'AJ-001', content: '建立跟踪台账', steps: '设计台账格式，每周五更新', owner: '王建国', helpers: null, startDate: null, deadline: '2024-08-15', progress: 50, statusText: null, evidence: null, note: null },
          extras: { 联系人: '李敏' },
        },
      ]);
    });

    it('reports a missing required column and a sheet without a header', () => {
      const noOwner = rawSheet('责任清单', [tasks.columns.filter((c) => c.key !== 'owner').map((c) => c.header)]);
      const noHeader = rawSheet('工作计划', [['随便写的'], ['AJ-P01', '学习计划']]);
      expectFindings({ tasks: [], issues: [], sheets: { 责任清单: noOwner, 工作计划: noHeader } }, [
        ['E_COLUMN_MISSING', '责任清单', '', '责任人', '责任清单：缺少必填列“责任人”。请恢复该列表头（可在任意位置）。', '责任清单: The required column "责任人" is missing. Restore its header (any position will do).'],
        ['E_HEADER_NOT_FOUND', '工作计划', '', '', '工作计划：找不到表头行，本表 2 行数据无法读取。请恢复模板的表头（第 1 行：事项编号 | 工作事项 | 具体内容 | 责任人 | 完成时限 | 进展）。', '工作计划: No header row found, so 2 rows cannot be read. Restore the template\'s header row (row 1: 事项编号 | 工作事项 | 具体内容 | 责任人 | 完成时限 | 进展).'],
      ]);
    });

    it('refuses a workbook that is not a ledger, or of another version, or missing sheets', () => {
      const other = rawLedger({ info: { templateVersion: 2 } });
      const notLedger = rawLedger({ info: { templateId: 'something-else' } });
      const missing = { ...rawLedger({}), sheets: rawLedger({}).sheets.filter((s) => s.name !== '金点子') };
      const codes = [other, notLedger, missing].map((wb) => {
        const o = checkLedger(wb, { scheme, lang: 'en', today: '2024-07-15' });
        return o.ok ? 'ok' : [o.unusable.code, o.unusable.params];
      });
      // sheet names are listed the same way in every language (params are data); the English
      // message shows them with commas
      expect(codes).toStrictEqual([
        ['U_OTHER_VERSION', { version: '2', expected: 1 }],
        ['U_NOT_TEMPLATE', { sheets: '填报说明、基本信息、问题清单、责任清单、考核自评、金点子、工作计划' }],
        ['U_MISSING_SHEETS', { sheets: '金点子' }],
      ]);
    });
  });

  it('computes the deadline states against the as-of date', () => {
    const r = check({
      issues: [
        issue({ deadline: { date: '2024-06-01' } }),
        issue({ id: 'AJ-002', deadline: { date: '2024-07-05' }, strong: '是', fixType: '立行立改', foundDate: { date: '2024-06-20' } }),
        issue({ id: 'AJ-003', status: '已完成', deadline: { date: '2024-06-01' }, doneDate: { date: '2024-06-10' }, result: '已完成整改' }),
      ],
      tasks: [task(), task({ id: 'AJ-002-01', issueId: 'AJ-002', progress: 100, deadline: { date: '2024-06-01' } }), task({ id: 'AJ-003-01', issueId: 'AJ-003' })],
    });
    expect(r.findings).toStrictEqual([]);
    expect(r.deadlines.map((d) => [d.sheet, d.row, d.title, d.owner])).toStrictEqual([
      ['issues', 2, '下矿检查发现的问题跟踪不及时', '王建国'],
      ['issues', 3, '下矿检查发现的问题跟踪不及时', '王建国'],
      ['issues', 4, '下矿检查发现的问题跟踪不及时', '王建国'],
      ['tasks', 2, '建立跟踪台账', '王建国'],
      ['tasks', 3, '建立跟踪台账', '王建国'],
      ['tasks', 4, '建立跟踪台账', '王建国'],
    ]);
    expect(r.deadlines.map((d) => [d.sheet, d.id, d.state, d.due, d.days ?? null, d.strong ?? null])).toStrictEqual([
      ['issues', 'AJ-001', 'overdue', '2024-06-01', 29, false],
      ['issues', 'AJ-002', 'due-soon', '2024-07-05', 5, true],
      ['issues', 'AJ-003', 'late-done', '2024-06-01', 9, false],
      ['tasks', 'AJ-001-01', 'on-track', '2024-08-15', 46, null],
      ['tasks', 'AJ-002-01', 'done', '2024-06-01', null, null],
      ['tasks', 'AJ-003-01', 'on-track', '2024-08-15', 46, null],
    ]);
    // a merge makes its own state columns: asked not to, the check lists none and finds the same
    const ledger = rawLedger({ ...BASE, issues: [issue({ deadline: { date: '2024-06-01' } })], tasks: [task()] });
    const listed = checkLedger(ledger, { scheme, lang: 'zh', today: '2024-07-15' });
    const unlisted = checkLedger(ledger, { scheme, lang: 'zh', today: '2024-07-15', deadlines: false });
    if (!listed.ok || !unlisted.ok) throw new Error('unusable');
    expect(listed.result.deadlines.length).toBe(2);
    expect(unlisted.result).toStrictEqual({ ...listed.result, deadlines: [] });
  });

  it('never throws on junk in every cell', () => {
    const junk = [null, '', ' ', '#N/A', '=1+1', '<img src=x onerror=alert(1)>', -1, 1e308, true, { date: '1900-01-01' }, '２０２４／１３／４０'];
    const rows = (key: 'issues' | 'tasks' | 'ideas' | 'plan') =>
      junk.map((_, i) => Object.fromEntries(listSheet(key).columns.map((c, k) => [c.key, junk[(i + k) % junk.length] ?? null])));
    const r = check({ info: { section: 12, asOf: 'x', period: true }, issues: rows('issues'), tasks: rows('tasks'), ideas: rows('ideas'), plan: rows('plan') });
    expect(r.errors).toBeGreaterThan(40);
    for (const f of r.findings) {
      expect(Object.keys(f)).toStrictEqual(['code', 'severity', 'sheet', 'row', 'column', 'cell', 'message']);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });
});

describe('the finding codes', () => {
  it('have a severity matching their prefix and distinct messages in both languages', () => {
    for (const [code, def] of Object.entries(CODES)) {
      expect(def.severity, code).toBe(code.startsWith('E_') ? 'error' : 'warning');
      const p = new Proxy({}, { get: (_t, k) => `<${String(k)}>` }) as Record<string, string>;
      expect(def.zh(p), code).not.toBe(def.en(p));
      expect(/[\u4e00-\u9fff]/.test(def.zh(p)), code).toBe(true);
    }
  });
});


/**
 * From raw sheets (built here from arrays of arrays) to tables of the real schema: header
 * matching by name, title rows, extras, duplicates, merges, and the 基本信息 form.
 */
import { describe, expect, it } from 'vitest';
import { INFO_SHEET, listSheet, type ColumnDef, type ListSheetDef } from '../schema';
import { parseRange, type CellValue, type CellRange, type RawCell, type RawRow, type RawSheet } from '../xlsx/cells';
import { extractForm, extractTable, mergeResolver, normaliseHeader, type FormValues, type Table, type TableRow } from './table';

// ---------------------------------------------------------------------------------------------
// building raw sheets

/** A cell as written in the grid: text, number, boolean, { date }, { f } (a formula's cached value), null = empty. */
type In = string | number | boolean | null | undefined | { readonly date: string } | { readonly f: string | number };

function cellOf(v: In): RawCell | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && 'date' in v) return { value: { type: 'date', value: v.date } };
  if (typeof v === 'object') return { value: typeof v.f === 'number' ? { type: 'number', value: v.f } : { type: 'string', value: v.f }, formula: true };
  if (typeof v === 'string') return { value: { type: 'string', value: v } };
  if (typeof v === 'number') return { value: { type: 'number', value: v } };
  return { value: { type: 'boolean', value: v } };
}

/**
 * A raw sheet as the reader hands it over: grid[0] is row 1, column A first; rows without a value
 * are left out (as the reader does); merges as A1 ranges.
 */
function sheet(grid: ReadonlyArray<ReadonlyArray<In>>, merges: readonly string[] = [], name = '工作计划'): RawSheet {
  const rows: RawRow[] = [];
  grid.forEach((values, r) => {
    const cells = new Map<number, RawCell>();
    values.forEach((v, c) => {
      const cell = cellOf(v);
      if (cell) cells.set(c + 1, cell);
    });
    if (cells.size > 0) rows.push({ row: r + 1, cells });
  });
  return { name, rows, merges: merges.map(range) };
}

function range(ref: string): CellRange {
  const r = parseRange(ref);
  if (!r) throw new Error(`bad range ${ref}`);
  return r;
}

const s = (value: string): CellValue => ({ type: 'string', value });
const n = (value: number): CellValue => ({ type: 'number', value });
const d = (value: string): CellValue => ({ type: 'date', value });

const PLAN = listSheet('plan');
const TASKS = listSheet('tasks');
const ISSUES = listSheet('issues');
const IDEAS = listSheet('ideas');

/** Schema columns by key. */
const defs = (def: ListSheetDef, ...keys: string[]): ColumnDef[] =>
  keys.map((k) => {
    const c = def.columns.find((col) => col.key === k);
    if (!c) throw new Error(`no column ${k}`);
    return c;
  });

/** The table of a list sheet whose header sits in schema order from column A. */
const inOrderColumns = (def: ListSheetDef) => def.columns.map((c, i) => ({ key: c.key, header: c.header, col: i + 1 }));

const row = (r: number, values: TableRow['values'], extras: TableRow['extras'] = {}, formulas: string[] = []): TableRow => ({ row: r, values, extras, formulas });

const PLAN_HEADER = ['事项编号', '工作事项', '具体内容', '责任人', '完成时限', '进展'];

describe('normaliseHeader', () => {
  it.each<[string, string]>([
    ['问题编号', '问题编号'],
    [' 问 题 编 号 ', '问题编号'],
    ['关联\u3000问题编号', '关联问题编号'],
    ['完成\n时限', '完成时限'],
    ['工作内容*', '工作内容'],
    ['＊工作内容', '工作内容'],
    ['进度（%）', '进度'],
    ['进度(%)', '进度'],
    ['进度（％）', '进度'],
    ['责任人（必填）*', '责任人'],
    ['备注【选填】', '备注'],
    ['任务编号（ＩＤ）', '任务编号'],
    ['ＮＯＴＥ', 'note'],
    ['Task ID', 'taskid'],
    // only a trailing note goes
    ['(甲)乙', '(甲)乙'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHeader(input)).toBe(expected);
  });
});

describe('extractTable', () => {
  it.each<[string, RawSheet, ListSheetDef, Table]>([
    [
      'header in row 1 in schema order',
      sheet([
        PLAN_HEADER,
        ['AJ-P01', '学习制度', '每月集中学习两次', '王建国', { date: '2024-06-30' }, '推进中'],
        ['AJ-P02', '作风整顿', { f: '见附件' }, '李敏', 45473, '已完成'],
      ]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [],
        duplicates: [],
        rows: [
          row(2, { id: s('AJ-P01'), item: s('学习制度'), content: s('每月集中学习两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') }),
          row(3, { id: s('AJ-P02'), item: s('作风整顿'), content: s('见附件'), owner: s('李敏'), deadline: n(45473), progress: s('已完成') }, {}, ['content']),
        ],
        inOrder: true,
      },
    ],
    [
      'columns in another order: matched by name, not in order',
      sheet([
        ['进展', '责任人', '事项编号', '完成时限', '工作事项', '具体内容'],
        ['推进中', '王建国', 'AJ-P01', { date: '2024-06-30' }, '学习制度', '每月两次'],
      ]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: [
          { key: 'progress', header: '进展', col: 1 },
          { key: 'owner', header: '责任人', col: 2 },
          { key: 'id', header: '事项编号', col: 3 },
          { key: 'deadline', header: '完成时限', col: 4 },
          { key: 'item', header: '工作事项', col: 5 },
          { key: 'content', header: '具体内容', col: 6 },
        ],
        missing: [],
        extras: [],
        duplicates: [],
        rows: [row(2, { progress: s('推进中'), owner: s('王建国'), id: s('AJ-P01'), deadline: d('2024-06-30'), item: s('学习制度'), content: s('每月两次') })],
        inOrder: false,
      },
    ],
    [
      'headers with stray spaces, full-width letters, stars, bracketed notes and aliases (完成时间, 进度（%）)',
      sheet(
        [
          [' 任务编号（ＩＤ） ', '关联\u3000问题编号', '工作内容*', '具体措施＊', '责任人（必填）', '配合人【选填】', '开始日期', '完成时间', '进度（%）', '完成情况', '佐证材料', '备注'],
          ['AJ-001-01', 'AJ-001', '整改', '措施', '王建国', '李敏', { date: '2024-06-01' }, { date: '2024-06-30' }, 50, '进行中', '文件1', '无'],
        ],
        [],
        '责任清单',
      ),
      TASKS,
      {
        sheet: '责任清单',
        headerRow: 1,
        columns: [
          { key: 'id', header: '任务编号（ＩＤ）', col: 1 },
          { key: 'issueId', header: '关联\u3000问题编号', col: 2 },
          { key: 'content', header: '工作内容*', col: 3 },
          { key: 'steps', header: '具体措施＊', col: 4 },
          { key: 'owner', header: '责任人（必填）', col: 5 },
          { key: 'helpers', header: '配合人【选填】', col: 6 },
          { key: 'startDate', header: '开始日期', col: 7 },
          { key: 'deadline', header: '完成时间', col: 8 },
          { key: 'progress', header: '进度（%）', col: 9 },
          { key: 'statusText', header: '完成情况', col: 10 },
          { key: 'evidence', header: '佐证材料', col: 11 },
          { key: 'note', header: '备注', col: 12 },
        ],
        missing: [],
        extras: [],
        duplicates: [],
        rows: [
          row(2, {
            id: s('AJ-001-01'),
            issueId: s('AJ-001'),
            content: s('整改'),
            steps: s('措施'),
            owner: s('王建国'),
            helpers: s('李敏'),
            startDate: d('2024-06-01'),
            deadline: d('2024-06-30'),
            progress: n(50),
            statusText: s('进行中'),
            evidence: s('文件1'),
            note: s('无'),
          }),
        ],
        inOrder: true,
      },
    ],
    [
      'the aliases 进度(%) and 完成时间, a second alias of the same column as a duplicate, missing columns',
      sheet([['任务编号', '完成时间', '进度(%)', '完成进度'], ['AJ-001-01', { date: '2024-06-30' }, 100, 90]], [], '责任清单'),
      TASKS,
      {
        sheet: '责任清单',
        headerRow: 1,
        columns: [
          { key: 'id', header: '任务编号', col: 1 },
          { key: 'deadline', header: '完成时间', col: 2 },
          { key: 'progress', header: '进度(%)', col: 3 },
        ],
        missing: defs(TASKS, 'issueId', 'content', 'steps', 'owner', 'helpers', 'startDate', 'statusText', 'evidence', 'note'),
        extras: [],
        duplicates: [{ header: '完成进度', col: 4 }],
        rows: [row(2, { id: s('AJ-001-01'), deadline: d('2024-06-30'), progress: n(100) }, { 完成进度: n(90) })],
        inOrder: false,
      },
    ],
    [
      'a missing column at the end: not in order',
      sheet([['编号', '建议内容', '建议人', '提出日期'], ['AJ-J01', '简化流程', '张三', { date: '2024-05-01' }]], [], '金点子'),
      IDEAS,
      {
        sheet: '金点子',
        headerRow: 1,
        columns: [
          { key: 'id', header: '编号', col: 1 },
          { key: 'content', header: '建议内容', col: 2 },
          { key: 'proposer', header: '建议人', col: 3 },
          { key: 'date', header: '提出日期', col: 4 },
        ],
        missing: defs(IDEAS, 'adoption'),
        extras: [],
        duplicates: [],
        rows: [row(2, { id: s('AJ-J01'), content: s('简化流程'), proposer: s('张三'), date: d('2024-05-01') })],
        inOrder: false,
      },
    ],
    [
      'title rows above the header: the header is found on row 3 and the title rows are not data',
      sheet(
        [
          ['2024年模范机关创建工作计划'],
          ['填报单位：安全监管股', null, null, '填报日期：2024-06-30'],
          PLAN_HEADER,
          ['AJ-P01', '学习制度', '每月两次', '王建国', { date: '2024-06-30' }, '推进中'],
        ],
        ['A1:F1'],
      ),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 3,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [],
        duplicates: [],
        rows: [row(4, { id: s('AJ-P01'), item: s('学习制度'), content: s('每月两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') })],
        inOrder: true,
      },
    ],
    [
      'extra columns (one in the middle) are kept, and so is a value in an unnamed column',
      sheet([
        ['事项编号', '工作事项', '说明', '具体内容', '责任人', '完成时限', '进展', '联系人'],
        ['AJ-P01', '学习制度', '第一项', '每月两次', '王建国', { date: '2024-06-30' }, '推进中', '李敏', '旁注'],
        ['AJ-P02', '作风整顿', null, '整顿', '张三', { date: '2024-07-31' }, '未启动'],
        [null, null, null, null, null, null, null, null, null, null, 7],
      ]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: [
          { key: 'id', header: '事项编号', col: 1 },
          { key: 'item', header: '工作事项', col: 2 },
          { key: 'content', header: '具体内容', col: 4 },
          { key: 'owner', header: '责任人', col: 5 },
          { key: 'deadline', header: '完成时限', col: 6 },
          { key: 'progress', header: '进展', col: 7 },
        ],
        missing: [],
        extras: [
          { header: '说明', col: 3 },
          { header: '联系人', col: 8 },
        ],
        duplicates: [],
        rows: [
          row(
            2,
            { id: s('AJ-P01'), item: s('学习制度'), content: s('每月两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') },
            { 说明: s('第一项'), 联系人: s('李敏'), '(I)': s('旁注') },
          ),
          row(3, { id: s('AJ-P02'), item: s('作风整顿'), content: s('整顿'), owner: s('张三'), deadline: d('2024-07-31'), progress: s('未启动') }),
          row(4, {}, { '(K)': n(7) }),
        ],
        inOrder: false,
      },
    ],
    [
      'a duplicate header: the first column is used, the second kept as an extra under its header',
      sheet([
        [...PLAN_HEADER, '责任人'],
        ['AJ-P01', '学习制度', '每月两次', '王建国', { date: '2024-06-30' }, '推进中', '李敏'],
      ]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [],
        duplicates: [{ header: '责任人', col: 7 }],
        rows: [
          row(2, { id: s('AJ-P01'), item: s('学习制度'), content: s('每月两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') }, { 责任人: s('李敏') }),
        ],
        inOrder: true,
      },
    ],
    [
      'a header written three times and two extra columns of one name: every value kept, later ones keyed by column letter',
      sheet([
        [...PLAN_HEADER, '责任人', '责任人', '联系人', '联系人'],
        ['AJ-P01', '学习制度', '每月两次', '王建国', { date: '2024-06-30' }, '推进中', '李敏', '张华', '甲', '乙'],
      ]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [{ header: '联系人', col: 9 }, { header: '联系人', col: 10 }],
        duplicates: [{ header: '责任人', col: 7 }, { header: '责任人', col: 8 }],
        rows: [
          row(
            2,
            { id: s('AJ-P01'), item: s('学习制度'), content: s('每月两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') },
            { 责任人: s('李敏'), '责任人 (H)': s('张华'), 联系人: s('甲'), '联系人 (J)': s('乙') },
          ),
        ],
        inOrder: true,
      },
    ],
    [
      'blank rows are skipped, every other row is kept with its row number (even one with only an extra value)',
      sheet([PLAN_HEADER, ['AJ-P01'], [], [], ['AJ-P02', null, null, null, null, '未启动'], [], [null, null, null, null, null, null, null, '旁注']]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [],
        duplicates: [],
        rows: [row(2, { id: s('AJ-P01') }), row(5, { id: s('AJ-P02'), progress: s('未启动') }), row(7, {}, { '(H)': s('旁注') })],
        inOrder: true,
      },
    ],
    [
      'a row present but without cells is skipped',
      { name: '工作计划', rows: [...sheet([PLAN_HEADER]).rows, { row: 2, cells: new Map() }, ...sheet([[], [], ['AJ-P03']]).rows], merges: [] },
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [],
        duplicates: [],
        rows: [row(3, { id: s('AJ-P03') })],
        inOrder: true,
      },
    ],
    [
      'no header at all: headerRow 0, every row kept in extras by column letter',
      sheet([['序号', '问题', '措施'], [1, '学习不够深入', '加强学习'], [], [2, '作风不实', { date: '2024-06-30' }]], [], 'Sheet1'),
      PLAN,
      {
        sheet: 'Sheet1',
        headerRow: 0,
        columns: [],
        missing: PLAN.columns,
        extras: [],
        duplicates: [],
        rows: [
          row(1, {}, { '(A)': s('序号'), '(B)': s('问题'), '(C)': s('措施') }),
          row(2, {}, { '(A)': n(1), '(B)': s('学习不够深入'), '(C)': s('加强学习') }),
          row(4, {}, { '(A)': n(2), '(B)': s('作风不实'), '(C)': d('2024-06-30') }),
        ],
        inOrder: false,
      },
    ],
    [
      'one matching header is not enough for a header row',
      sheet([['责任人', '事情'], ['王建国', '学习']]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 0,
        columns: [],
        missing: PLAN.columns,
        extras: [],
        duplicates: [],
        rows: [row(1, {}, { '(A)': s('责任人'), '(B)': s('事情') }), row(2, {}, { '(A)': s('王建国'), '(B)': s('学习') })],
        inOrder: false,
      },
    ],
    [
      'an empty sheet',
      sheet([]),
      PLAN,
      { sheet: '工作计划', headerRow: 0, columns: [], missing: PLAN.columns, extras: [], duplicates: [], rows: [], inOrder: false },
    ],
    [
      'merged cells read as their value: 责任人 merged over three rows; a merge with an empty top-left gives nothing',
      sheet(
        [
          PLAN_HEADER,
          ['AJ-P01', '学习制度', '每月两次', '王建国', { date: '2024-06-30' }, '推进中'],
          ['AJ-P02', '作风整顿', '整顿', null, { date: '2024-07-31' }],
          ['AJ-P03', '效能提升', '提速', null, { date: '2024-08-31' }],
          ['AJ-P04', '服务企业', '走访', '张三', { date: '2024-09-30' }],
        ],
        ['D2:D4', 'F3:F5'],
      ),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [],
        duplicates: [],
        rows: [
          row(2, { id: s('AJ-P01'), item: s('学习制度'), content: s('每月两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') }),
          row(3, { id: s('AJ-P02'), item: s('作风整顿'), content: s('整顿'), owner: s('王建国'), deadline: d('2024-07-31') }),
          row(4, { id: s('AJ-P03'), item: s('效能提升'), content: s('提速'), owner: s('王建国'), deadline: d('2024-08-31') }),
          row(5, { id: s('AJ-P04'), item: s('服务企业'), content: s('走访'), owner: s('张三'), deadline: d('2024-09-30') }),
        ],
        inOrder: true,
      },
    ],
    [
      'a merged header (具体内容 over C:D) under a merged title; the covered column holds no header',
      sheet(
        [
          ['2024年工作计划'],
          ['事项编号', '工作事项', '具体内容', null, '责任人', '完成时限', '进展'],
          ['AJ-P01', '学习制度', '每月两次', null, '王建国', { date: '2024-06-30' }, '推进中'],
          ['AJ-P02', '作风整顿', '整顿', '补充', '张三', { date: '2024-07-31' }, '未启动'],
        ],
        ['A1:G1', 'C2:D2'],
      ),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 2,
        columns: [
          { key: 'id', header: '事项编号', col: 1 },
          { key: 'item', header: '工作事项', col: 2 },
          { key: 'content', header: '具体内容', col: 3 },
          { key: 'owner', header: '责任人', col: 5 },
          { key: 'deadline', header: '完成时限', col: 6 },
          { key: 'progress', header: '进展', col: 7 },
        ],
        missing: [],
        extras: [],
        duplicates: [],
        rows: [
          row(3, { id: s('AJ-P01'), item: s('学习制度'), content: s('每月两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') }),
          row(4, { id: s('AJ-P02'), item: s('作风整顿'), content: s('整顿'), owner: s('张三'), deadline: d('2024-07-31'), progress: s('未启动') }, { '(D)': s('补充') }),
        ],
        inOrder: false,
      },
    ],
    [
      'header cells that are numbers or dates do not match and become extras by their text',
      sheet([[...PLAN_HEADER, 2024, { date: '2024-06-30' }], ['AJ-P01', null, null, null, null, null, 1, 2]]),
      PLAN,
      {
        sheet: '工作计划',
        headerRow: 1,
        columns: inOrderColumns(PLAN),
        missing: [],
        extras: [
          { header: '2024', col: 7 },
          { header: '2024-06-30', col: 8 },
        ],
        duplicates: [],
        rows: [row(2, { id: s('AJ-P01') }, { '2024': n(1), '2024-06-30': n(2) })],
        inOrder: true,
      },
    ],
  ])('%s', (_what, raw, def, expected) => {
    expect(extractTable(raw, def)).toStrictEqual(expected);
  });

  it('picks the row naming the most columns among the first rows (a note naming one column does not win)', () => {
    const raw = sheet(
      [['说明：责任人须填写'], ['责任人'], [], ['问题编号', '问题描述', '责任人', '整改时限'], ['AJ-001', '办事效率不高', '王建国', { date: '2024-06-30' }]],
      [],
      '问题清单',
    );
    expect(extractTable(raw, ISSUES)).toStrictEqual({
      sheet: '问题清单',
      headerRow: 4,
      columns: [
        { key: 'id', header: '问题编号', col: 1 },
        { key: 'description', header: '问题描述', col: 2 },
        { key: 'owner', header: '责任人', col: 3 },
        { key: 'deadline', header: '整改时限', col: 4 },
      ],
      missing: ISSUES.columns.filter((c) => !['id', 'description', 'owner', 'deadline'].includes(c.key)),
      extras: [],
      duplicates: [],
      rows: [row(5, { id: s('AJ-001'), description: s('办事效率不高'), owner: s('王建国'), deadline: d('2024-06-30') })],
      inOrder: false,
    });
  });

  it('looks for the header only among the first 20 rows with values', () => {
    const filler: In[][] = Array.from({ length: 20 }, (_, i) => [`第${i + 1}行`]);
    const raw = sheet([...filler, PLAN_HEADER, ['AJ-P01']]);
    const table = extractTable(raw, PLAN);
    expect([table.headerRow, table.columns, table.rows.length, table.rows.at(-1)]).toStrictEqual([0, [], 22, row(22, {}, { '(A)': s('AJ-P01') })]);
  });

  it('clips huge merges (…:XFD1048576) to the data', () => {
    const grid: In[][] = [PLAN_HEADER, ['AJ-P01', '学习制度', '每月两次', '王建国', { date: '2024-06-30' }, '推进中'], ['AJ-P02', '作风整顿'], ['AJ-P03']];
    // F2 fills the rest of the progress column; H1 and the sheet's last row start outside the data
    const raw = sheet(grid, ['F2:XFD1048576', 'H1:XFD1048576', 'A1048576:XFD1048576']);
    expect(extractTable(raw, PLAN)).toStrictEqual({
      sheet: '工作计划',
      headerRow: 1,
      columns: inOrderColumns(PLAN),
      missing: [],
      extras: [],
      duplicates: [],
      rows: [
        row(2, { id: s('AJ-P01'), item: s('学习制度'), content: s('每月两次'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') }),
        row(3, { id: s('AJ-P02'), item: s('作风整顿'), progress: s('推进中') }),
        row(4, { id: s('AJ-P03'), progress: s('推进中') }),
      ],
      inOrder: true,
    });
    const resolve = mergeResolver(raw);
    expect([resolve(4, 6), resolve(4, 7), resolve(5, 6), resolve(1048576, 16384), resolve(1048576, 1)]).toStrictEqual([s('推进中'), undefined, undefined, undefined, undefined]);
  });

  it('a merge over the whole sheet (A1:XFD1048576) costs no more than the data it covers', () => {
    const grid: In[][] = [['2024年工作计划'], PLAN_HEADER];
    for (let i = 1; i <= 5000; i++) grid.push([`AJ-P${String(i).padStart(2, '0')}`, '事项', '内容', '王建国', { date: '2024-06-30' }, '推进中']);
    const raw = sheet(grid, ['A1:XFD1048576', 'F3:XFD1048576']);
    const started = performance.now();
    const table = extractTable(raw, PLAN);
    const elapsed = performance.now() - started;
    const last = row(5002, { id: s('AJ-P5000'), item: s('事项'), content: s('内容'), owner: s('王建国'), deadline: d('2024-06-30'), progress: s('推进中') });
    expect([table.headerRow, table.inOrder, table.rows.length, table.rows.at(-1)]).toStrictEqual([2, true, 5000, last]);
    // generous: the unclipped merge would be 17 billion cells
    expect(elapsed).toBeLessThan(200);
  });
});

describe('mergeResolver', () => {
  const raw = sheet(
    [
      ['标题', null, null, '右'],
      [1, 2],
      [],
      [null, null, 3],
      ['下'],
    ],
    ['A1:C1', 'A2:A5', 'B3:C4', 'D1:D2', 'E1:F5'],
  );
  const resolve = mergeResolver(raw);

  it.each<[string, number, number, CellValue | undefined]>([
    ['a top-left cell reads itself', 1, 1, s('标题')],
    ['a cell covered by A1:C1', 1, 3, s('标题')],
    ['A2:A5 covers A4', 4, 1, n(1)],
    ['A5 holds its own value', 5, 1, s('下')],
    ['a direct value inside a merge with an empty top-left', 4, 3, n(3)],
    ['a merge whose top-left is empty gives nothing', 4, 2, undefined],
    ['D1:D2 covers D2', 2, 4, s('右')],
    ['a merge starting past the last column with a value gives nothing', 2, 5, undefined],
    ['a row without values is not looked up through merges', 3, 1, undefined],
    ['outside every merge', 2, 3, undefined],
    ['below the data', 6, 1, undefined],
  ])('%s', (_what, r, c, expected) => {
    expect(resolve(r, c)).toStrictEqual(expected);
  });

  it('reads values directly when there are no merges', () => {
    const plain = mergeResolver(sheet([[1, null, 'x']]));
    expect([plain(1, 1), plain(1, 2), plain(1, 3), plain(2, 1)]).toStrictEqual([n(1), undefined, s('x'), undefined]);
  });
});

describe('extractForm', () => {
  const INFO_HEADER = ['项目', '内容', '填写说明'];
  const hint = (key: string): string => INFO_SHEET.fields.find((f) => f.key === key)?.hint ?? '';

  it.each<[string, RawSheet, FormValues]>([
    [
      'label/value pairs as in the template; an empty value (hint only) is found but undefined',
      sheet(
        [
          INFO_HEADER,
          ['单位', '煤炭事务中心', hint('unit')],
          ['股室', '安全监管股', hint('section')],
          ['股室代码', { f: 'AJ' }, hint('sectionCode')],
          ['股室负责人', '王建国', hint('head')],
          ['联系人', null, hint('contact')],
          ['联系电话', '0734-4321001', hint('phone')],
          ['填报期次', '2024-06', hint('period')],
          ['截至日期', { date: '2024-06-30' }, hint('asOf')],
          ['提交时间', null, hint('submittedAt')],
          ['模板标识', 'mofan-ledger', hint('templateId')],
          ['模板版本', 1, hint('templateVersion')],
        ],
        [],
        '基本信息',
      ),
      {
        values: {
          unit: { value: s('煤炭事务中心'), row: 2, col: 2 },
          section: { value: s('安全监管股'), row: 3, col: 2 },
          sectionCode: { value: s('AJ'), row: 4, col: 2 },
          head: { value: s('王建国'), row: 5, col: 2 },
          contact: { value: undefined, row: 6, col: 2 },
          phone: { value: s('0734-4321001'), row: 7, col: 2 },
          period: { value: s('2024-06'), row: 8, col: 2 },
          asOf: { value: d('2024-06-30'), row: 9, col: 2 },
          submittedAt: { value: undefined, row: 10, col: 2 },
          templateId: { value: s('mofan-ledger'), row: 11, col: 2 },
          templateVersion: { value: n(1), row: 12, col: 2 },
        },
        missing: [],
      },
    ],
    [
      'missing fields are reported; labels are matched loosely; rows may move; the first label wins',
      sheet(
        [
          ['基本信息'],
          [],
          [null, ' 单 位 *', '煤炭事务中心'],
          [null, '模板标识（请勿修改）', 'mofan-ledger', '请勿修改'],
          ['模板版本', 1],
          ['单位', '别的单位'],
          ['联系人', null, null, '李敏'],
        ],
        [],
        '基本信息',
      ),
      {
        values: {
          unit: { value: s('煤炭事务中心'), row: 3, col: 3 },
          templateId: { value: s('mofan-ledger'), row: 4, col: 3 },
          templateVersion: { value: n(1), row: 5, col: 2 },
          // a value two columns away is not the label's value
          contact: { value: undefined, row: 7, col: 2 },
        },
        missing: ['section', 'sectionCode', 'head', 'phone', 'period', 'asOf', 'submittedAt'],
      },
    ],
    ['a sheet of something else', sheet([['姓名', '张三'], ['年龄', 30]], [], '基本信息'), { values: {}, missing: INFO_SHEET.fields.map((f) => f.key) }],
  ])('%s', (_what, raw, expected) => {
    expect(extractForm(raw, INFO_SHEET)).toStrictEqual(expected);
  });
});

import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { identifyLedger } from '../../core/ledger/identify';
import { editLedger, readLedgerGrids, readWorkbookSnapshot, selectCell, stampSubmission, type ExcelHost } from './excel-adapter';

/**
 * A stand-in for Excel built on office-addin-mock: ranges are OfficeMockObjects (values must be
 * loaded and synced before they can be read); the worksheet collection returns them by name; every
 * context.sync() is counted.
 */
function mockExcel(sheets: Record<string, unknown[][]>) {
  const syncs = { count: 0 };
  const requested: string[] = [];
  const names = Object.keys(sheets);
  // every sheet lives inside the context's object tree, so context.sync() delivers its loads
  const sheetData = Object.fromEntries(
    names.map((name, i) => [
      `sheet${i}`,
      {
        range: { values: sheets[name] },
        used: { values: sheets[name], numberFormat: (sheets[name] ?? []).map((r) => r.map(() => 'General')), rowIndex: 0, columnIndex: 0 },
        getRange(this: { range: unknown }, address: string) {
          requested.push(`${name}!${address}`);
          const range = this.range as Record<string, unknown>;
          range['select'] = () => void requested.push(`select ${name}!${address}`);
          return range;
        },
        getUsedRangeOrNullObject(this: { used: unknown }) {
          requested.push(`used ${name}`);
          return this.used;
        },
        activate: () => void requested.push(`activate ${name}`),
        protection: {
          protected: true,
          unprotect: () => void requested.push(`unprotect ${name}`),
          protect: () => void requested.push(`protect ${name}`),
        },
      },
    ]),
  );
  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        ...sheetData,
        missing: { getRange: () => { throw new Error('getRange on a null object'); } },
        getItemOrNullObject(this: Record<string, unknown>, name: string) {
          const i = names.indexOf(name);
          return i < 0 ? this['missing'] : this[`sheet${i}`];
        },
        getItem(this: Record<string, unknown>, name: string) {
          return this[`sheet${names.indexOf(name)}`];
        },
      },
    },
  }) as unknown as { sync: () => Promise<void>; workbook: { worksheets: Record<string, unknown> } };
  // office-addin-mock keeps arrays as scalars: the collection's items and isNullObject are set as
  // Office.js has them after a sync
  const worksheets = context.workbook.worksheets;
  worksheets['load'] = () => worksheets;
  worksheets['items'] = names.map((name) => ({ name }));
  names.forEach((_, i) => {
    const sheet = worksheets[`sheet${i}`] as { isNullObject: boolean; used: { isNullObject: boolean } };
    sheet.isNullObject = false;
    sheet.used.isNullObject = false;
  });
  (worksheets['missing'] as { isNullObject: boolean }).isNullObject = true;
  const sync = context.sync.bind(context);
  context.sync = async () => {
    syncs.count += 1;
    await sync();
  };
  const excel = { run: async <T>(batch: (ctx: unknown) => Promise<T>) => batch(context) } as unknown as ExcelHost;
  return { excel, syncs, requested };
}

const INFO = [
  ['项目', '内容'],
  ['单位', '煤炭事务中心'],
  ['模板标识', 'mofan-ledger'],
  ['模板版本', 1],
];
const ALL = ['填报说明', '基本信息', '问题清单', '责任清单', '考核自评', '金点子', '工作计划'];

describe('readWorkbookSnapshot', () => {
  it('reads the sheet names and the 基本信息 form in one run and two syncs', async () => {
    const { excel, syncs, requested } = mockExcel(Object.fromEntries(ALL.map((n) => [n, n === '基本信息' ? INFO : []])));
    const snapshot = await readWorkbookSnapshot(excel);
    expect(snapshot).toStrictEqual({ sheetNames: ALL, info: INFO });
    expect(syncs.count).toBe(2);
    expect(requested).toStrictEqual(['基本信息!A1:B31']);
    expect(identifyLedger(snapshot)).toStrictEqual({ kind: 'ledger', version: 1 });
  });

  it('stops after one sync when there is no 基本信息 sheet', async () => {
    const { excel, syncs, requested } = mockExcel({ Sheet1: [['a']] });
    const snapshot = await readWorkbookSnapshot(excel);
    expect(snapshot).toStrictEqual({ sheetNames: ['Sheet1'], info: null });
    expect(syncs.count).toBe(1);
    expect(requested).toStrictEqual([]);
    expect(identifyLedger(snapshot)).toStrictEqual({ kind: 'not-ledger' });
  });

  it('reports another template version', async () => {
    const { excel } = mockExcel({ ...Object.fromEntries(ALL.map((n) => [n, []])), 基本信息: [['模板标识', 'mofan-ledger'], ['模板版本', '2']] });
    expect(identifyLedger(await readWorkbookSnapshot(excel))).toStrictEqual({ kind: 'other-version', version: '2', expected: 1 });
  });
});

describe('readLedgerGrids and selectCell', () => {
  it('reads every ledger sheet (not the instructions) with its formats in two syncs', async () => {
    const { excel, syncs, requested } = mockExcel(Object.fromEntries(ALL.map((n) => [n, n === '基本信息' ? INFO : [['x']]])));
    const { sheetNames, grids } = await readLedgerGrids(excel);
    expect(sheetNames).toStrictEqual(ALL);
    expect(grids.map((g) => [g.name, g.top, g.left, g.values.length])).toStrictEqual([
      ['基本信息', 1, 1, 4], ['问题清单', 1, 1, 1], ['责任清单', 1, 1, 1], ['考核自评', 1, 1, 1], ['金点子', 1, 1, 1], ['工作计划', 1, 1, 1],
    ]);
    expect(grids[0]!.formats?.[0]).toStrictEqual(['General', 'General']);
    expect(syncs.count).toBe(2);
    expect(requested).toStrictEqual(['used 基本信息', 'used 问题清单', 'used 责任清单', 'used 考核自评', 'used 金点子', 'used 工作计划']);
  });

  it('selects a cell in one sync', async () => {
    const { excel, syncs, requested } = mockExcel({ 问题清单: [['x']] });
    await selectCell('问题清单', 'L2', excel);
    expect([syncs.count, requested]).toStrictEqual([1, ['activate 问题清单', '问题清单!L2', 'select 问题清单!L2']]);
  });
});

describe('stampSubmission', () => {
  it('unprotects 基本信息, writes the time, protects it again, in two syncs', async () => {
    const { excel, syncs, requested } = mockExcel({ 基本信息: INFO });
    await stampSubmission('B10', 45473.5, excel);
    expect([syncs.count, requested]).toStrictEqual([2, ['unprotect 基本信息', '基本信息!B10', 'protect 基本信息']]);
  });
});

describe('editLedger', () => {
  it('reads the ledger and writes one block in two syncs; without a write, one sync', async () => {
    const sheets = Object.fromEntries(ALL.map((n) => [n, n === '基本信息' ? INFO : [['x']]]));
    const a = mockExcel(sheets);
    const seen = await editLedger((names, grids) => ({ write: { sheet: '问题清单', address: 'A2:B2', values: [['AJ-002', '工作作风']], formats: [['General', 'General']] }, result: [names.length, grids.length] }), a.excel);
    expect([seen, a.syncs.count, a.requested.filter((r) => r.startsWith('问题清单!'))]).toStrictEqual([[7, 6], 2, ['问题清单!A2:B2']]);
    const b = mockExcel(sheets);
    await editLedger(() => ({ result: null }), b.excel);
    expect(b.syncs.count).toBe(1);
  });
});

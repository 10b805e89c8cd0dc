import { describe, expect, it } from 'vitest';
import { gridValue, workbookFromGrids } from './grid';

describe('gridValue', () => {
  it.each<[unknown, unknown, ReturnType<typeof gridValue>]>([
    ['', 'General', undefined],
    [null, 'General', undefined],
    ['整改中', 'General', { type: 'string', value: '整改中' }],
    [45473, 'yyyy-mm-dd', { type: 'date', value: '2024-06-30' }],
    [45473, 'yyyy"年"m"月"d"日"', { type: 'date', value: '2024-06-30' }],
    [45473, 'General', { type: 'number', value: 45473 }],
    [80, '0%', { type: 'number', value: 80 }],
    [true, 'General', { type: 'boolean', value: true }],
    ['#N/A', 'General', { type: 'error', value: '#N/A' }],
    ['#话题', 'General', { type: 'string', value: '#话题' }],
    ['=1+1', '@', { type: 'string', value: '=1+1' }],
  ])('%j with format %j', (value, format, expected) => {
    expect(gridValue(value, format)).toStrictEqual(expected);
  });
});

describe('workbookFromGrids', () => {
  it('places a block that starts below and right of A1 at its cells, and lists every sheet', () => {
    const wb = workbookFromGrids(['说明', '问题清单'], [{ name: '问题清单', top: 3, left: 2, values: [['问题编号', ''], ['AJ-001', 45473]], formats: [['General', 'General'], ['General', 'yyyy-mm-dd']] }]);
    expect(wb.sheets).toStrictEqual([{ name: '说明', state: 'visible' }, { name: '问题清单', state: 'visible' }]);
    expect(wb.data.get('问题清单')).toStrictEqual({
      name: '问题清单',
      rows: [
        { row: 3, cells: new Map([[2, { value: { type: 'string', value: '问题编号' } }]]) },
        { row: 4, cells: new Map([[2, { value: { type: 'string', value: 'AJ-001' } }], [3, { value: { type: 'date', value: '2024-06-30' } }]]) },
      ],
      merges: [],
    });
  });
});

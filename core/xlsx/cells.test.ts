/** Plain cell helpers: A1 references, column letters, Excel serial dates, display text. */
import { describe, expect, it } from 'vitest';
import { MAX_DATE_SERIAL, RowCells, cellText, columnIndex, isoToSerial, parseA1, parseRange, serialToIso, type CellRange, type CellValue, type RawCell } from './cells';

describe('columnIndex', () => {
  it.each<[string, number]>([
    ['A', 1],
    ['Z', 26],
    ['AA', 27],
    ['AZ', 52],
    ['BA', 53],
    ['ZZ', 702],
    ['AAA', 703],
    ['XFD', 16384],
    ['a', 1],
    ['xfd', 16384],
    ['', 0],
    ['A1', 0],
    ['$A', 0],
    ['中', 0],
    ['@', 0],
    ['[', 0],
  ])('%j → %i', (letters, expected) => {
    expect(columnIndex(letters)).toBe(expected);
  });
});

describe('parseA1', () => {
  it.each<[string, { row: number; col: number } | undefined]>([
    ['A1', { row: 1, col: 1 }],
    ['C7', { row: 7, col: 3 }],
    ['$B$3', { row: 3, col: 2 }],
    ['$B3', { row: 3, col: 2 }],
    ['B$3', { row: 3, col: 2 }],
    ['aa10', { row: 10, col: 27 }],
    [' D4 ', { row: 4, col: 4 }],
    ['XFD1048576', { row: 1048576, col: 16384 }],
    ['A0', undefined],
    ['A', undefined],
    ['1', undefined],
    ['1A', undefined],
    ['AAAA1', undefined],
    ['A12345678', undefined],
    ['A-1', undefined],
    ['R1C1', undefined],
    ['', undefined],
  ])('%j → %j', (ref, expected) => {
    expect(parseA1(ref)).toStrictEqual(expected);
  });
});

describe('parseRange', () => {
  it.each<[string, CellRange | undefined]>([
    ['A1:C3', { top: 1, left: 1, bottom: 3, right: 3 }],
    ['C3:A1', { top: 1, left: 1, bottom: 3, right: 3 }],
    ['A3:C1', { top: 1, left: 1, bottom: 3, right: 3 }],
    ['B2', { top: 2, left: 2, bottom: 2, right: 2 }],
    ['$A$1:$B$2', { top: 1, left: 1, bottom: 2, right: 2 }],
    ['A1:XFD1048576', { top: 1, left: 1, bottom: 1048576, right: 16384 }],
    ['', undefined],
    ['nonsense', undefined],
    ['A1:nonsense', undefined],
    [':B2', undefined],
  ])('%j → %j', (ref, expected) => {
    expect(parseRange(ref)).toStrictEqual(expected);
  });
});

describe('serialToIso', () => {
  it.each<[number, boolean, string | undefined]>([
    [0, false, '1899-12-30'],
    [1, false, '1899-12-31'],
    [61, false, '1900-03-01'],
    [25569, false, '1970-01-01'],
    [45292, false, '2024-01-01'],
    [45473, false, '2024-06-30'],
    [45292.5, false, '2024-01-01T12:00:00'],
    [45292.75, false, '2024-01-01T18:00:00'],
    [45292 + 1 / 3, false, '2024-01-01T08:00:00'],
    [45292 + 1 / 86400, false, '2024-01-01T00:00:01'],
    // a hair under midnight (floating-point noise) is still the date, not 23:59:59 of the day before
    [45292 - 1e-9, false, '2024-01-01'],
    [0.5, false, '1899-12-30T12:00:00'],
    [MAX_DATE_SERIAL, false, '9999-12-31'],
    [0, true, '1904-01-01'],
    [43830, true, '2024-01-01'],
    [43830.25, true, '2024-01-01T06:00:00'],
    [MAX_DATE_SERIAL + 1, false, undefined],
    [-1, false, undefined],
    [-0.5, true, undefined],
    [Number.NaN, false, undefined],
    [Number.POSITIVE_INFINITY, false, undefined],
  ])('%d (1904: %s) → %s', (serial, date1904, expected) => {
    expect(serialToIso(serial, date1904)).toBe(expected);
  });

  it('keeps the two date systems apart when the same serial is asked for again', () => {
    expect([serialToIso(45000), serialToIso(45000, true), serialToIso(45000), serialToIso(45000, true)]).toStrictEqual([
      '2023-03-15',
      '2027-03-16',
      '2023-03-15',
      '2027-03-16',
    ]);
  });
});

describe('isoToSerial', () => {
  it.each<[string, number]>([
    ['1899-12-30', 0],
    ['1970-01-01', 25569],
    ['2024-01-01', 45292],
    ['2024-06-30', 45473],
    ['2024-01-01T12:00:00', 45292.5],
    ['2024-01-01T18:00', 45292.75],
    ['9999-12-31', MAX_DATE_SERIAL],
  ])('%s → %d', (iso, expected) => {
    expect(isoToSerial(iso)).toBe(expected);
  });

  it.each(['1900-03-01', '2024-02-29', '2024-06-30', '2024-06-30T13:45:10', '2099-12-31T23:59:59'])('round-trips %s through serialToIso', (iso) => {
    expect(serialToIso(isoToSerial(iso))).toBe(iso);
  });
});

describe('cellText', () => {
  it.each<[CellValue | undefined, string]>([
    [undefined, ''],
    [{ type: 'string', value: ' 原样 ' }, ' 原样 '],
    [{ type: 'string', value: '' }, ''],
    [{ type: 'number', value: 42 }, '42'],
    [{ type: 'number', value: -1.25 }, '-1.25'],
    [{ type: 'number', value: 0.1 + 0.2 }, '0.30000000000000004'],
    [{ type: 'boolean', value: true }, 'TRUE'],
    [{ type: 'boolean', value: false }, 'FALSE'],
    [{ type: 'date', value: '2024-06-30' }, '2024-06-30'],
    [{ type: 'date', value: '2024-06-30T13:45:10' }, '2024-06-30T13:45:10'],
    [{ type: 'error', value: '#N/A' }, '#N/A'],
  ])('%j → %j', (value, expected) => {
    expect(cellText(value)).toBe(expected);
  });
});

describe('RowCells', () => {
  const cell = (value: string): RawCell => ({ value: { type: 'string', value } });
  it('is a map by column: set in any order, listed in column order, a cell set again replaces the first', () => {
    const cells = new RowCells();
    cells.set(3, cell('c'));
    cells.set(1, cell('a'));
    cells.set(28, cell('ab'));
    cells.set(3, cell('c2'));
    expect(cells.size).toBe(3);
    expect([cells.get(1), cells.get(2), cells.get(3), cells.get(28), cells.get(29)]).toStrictEqual([cell('a'), undefined, cell('c2'), cell('ab'), undefined]);
    expect([cells.has(1), cells.has(2), cells.has(28)]).toStrictEqual([true, false, true]);
    expect([...cells]).toStrictEqual([[1, cell('a')], [3, cell('c2')], [28, cell('ab')]]);
    expect([...cells.entries()]).toStrictEqual([...cells]);
    expect([...cells.keys()]).toStrictEqual([1, 3, 28]);
    expect([...cells.values()]).toStrictEqual([cell('a'), cell('c2'), cell('ab')]);
    const seen: Array<[number, RawCell]> = [];
    cells.forEach((c, col, map) => {
      expect(map).toBe(cells);
      seen.push([col, c]);
    });
    expect(seen).toStrictEqual([...cells]);
    expect(new Map(cells)).toStrictEqual(new Map([[1, cell('a')], [3, cell('c2')], [28, cell('ab')]]));
  });

  it('from pairs, and a far column (XFD) as well as a near one', () => {
    const cells = RowCells.from([[16384, cell('far')], [2, cell('near')], [7, cell('mid')], [5, cell('between')]]);
    expect([...cells]).toStrictEqual([[2, cell('near')], [5, cell('between')], [7, cell('mid')], [16384, cell('far')]]);
    expect(cells.size).toBe(4);
    expect(new RowCells().size).toBe(0);
    expect([...new RowCells()]).toStrictEqual([]);
  });
});

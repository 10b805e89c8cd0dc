import { describe, expect, it } from 'vitest';
import type { CellValue } from '../xlsx/cells';
import { isBlank, parseTextDate, toDate, toId, toListValue, toNumber, toText } from './values';

const s = (value: string): CellValue => ({ type: 'string', value });
const n = (value: number): CellValue => ({ type: 'number', value });
const d = (value: string): CellValue => ({ type: 'date', value });

describe('parseTextDate', () => {
  it.each([
    ['2024-06-30', '2024-06-30'],
    ['2024/6/30', '2024-06-30'],
    ['2024.6.30', '2024-06-30'],
    ['2024年6月30日', '2024-06-30'],
    ['2024 年 6 月 30 日', '2024-06-30'],
    ['２０２４年６月３０日', '2024-06-30'],
    ['2024-06-30 10:15', '2024-06-30'],
    ['2024年6月3号', '2024-06-03'],
    [' 2024/06/01 ', '2024-06-01'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', undefined],
    ['2024-13-01', undefined],
    ['30/6/2024', undefined],
    ['6/30/2024', undefined],
    ['6月30日', undefined],
    ['2024-06', undefined],
    ['下月底', undefined],
    ['20240630', undefined],
    ['', undefined],
  ])('%s → %s', (text, iso) => {
    expect(parseTextDate(text)).toBe(iso);
  });
});

describe('toDate', () => {
  it.each<[string, CellValue, ReturnType<typeof toDate>]>([
    ['a date cell', d('2024-06-30'), { ok: true, value: '2024-06-30' }],
    ['a date cell with a time', d('2024-06-30T08:00:00'), { ok: true, value: '2024-06-30' }],
    ['an Excel serial number', n(45473), { ok: true, value: '2024-06-30', note: { code: 'W_SERIAL_DATE', params: { value: 45473, date: '2024-06-30' } } }],
    ['a serial with a time fraction', n(45473.75), { ok: true, value: '2024-06-30', note: { code: 'W_SERIAL_DATE', params: { value: 45473.75, date: '2024-06-30' } } }],
    ['a text date', s('2024.6.30'), { ok: true, value: '2024-06-30', note: { code: 'W_TEXT_DATE', params: { value: '2024.6.30', date: '2024-06-30' } } }],
    ['a small number', n(12), { ok: false, code: 'E_DATE_INVALID', params: { value: 12 } }],
    ['a yyyymmdd number', n(20240630), { ok: false, code: 'E_DATE_INVALID', params: { value: 20240630 } }],
    ['ambiguous text', s(' 30/6/2024 '), { ok: false, code: 'E_DATE_INVALID', params: { value: '30/6/2024' } }],
    ['a date before 2000', d('1999-12-31'), { ok: false, code: 'E_DATE_OUT_OF_RANGE', params: { value: '1999-12-31' } }],
    ['a text date after 2100', s('2101-01-01'), { ok: false, code: 'E_DATE_OUT_OF_RANGE', params: { value: '2101-01-01' } }],
    ['an error value', { type: 'error', value: '#VALUE!' }, { ok: false, code: 'E_VALUE_ERROR', params: { value: '#VALUE!' } }],
    ['a boolean', { type: 'boolean', value: true }, { ok: false, code: 'E_DATE_INVALID', params: { value: 'TRUE' } }],
  ])('%s', (_what, value, expected) => {
    expect(toDate(value)).toStrictEqual(expected);
  });

  it('reads serials of the 1904 date system', () => {
    expect(toDate(n(44011), true)).toStrictEqual({ ok: true, value: '2024-06-30', note: { code: 'W_SERIAL_DATE', params: { value: 44011, date: '2024-06-30' } } });
  });
});

describe('toNumber', () => {
  it.each<[string, CellValue, ReturnType<typeof toNumber>]>([
    ['a number', n(80), { ok: true, value: 80 }],
    ['text', s(' 80 '), { ok: true, value: 80, note: { code: 'W_TEXT_NUMBER', params: { value: '80', number: 80 } } }],
    ['full-width text', s('８０'), { ok: true, value: 80, note: { code: 'W_TEXT_NUMBER', params: { value: '８０', number: 80 } } }],
    ['a percentage', s('80%'), { ok: true, value: 80, note: { code: 'W_TEXT_NUMBER', params: { value: '80%', number: 80 } } }],
    ['thousands', s('1,234.5'), { ok: true, value: 1234.5, note: { code: 'W_TEXT_NUMBER', params: { value: '1,234.5', number: 1234.5 } } }],
    ['a decimal', s('7.5'), { ok: true, value: 7.5, note: { code: 'W_TEXT_NUMBER', params: { value: '7.5', number: 7.5 } } }],
    ['words', s('一半'), { ok: false, code: 'E_NUMBER_INVALID', params: { value: '一半' } }],
    ['a date', d('2024-06-30'), { ok: false, code: 'E_NUMBER_INVALID', params: { value: '2024-06-30' } }],
    ['an error value', { type: 'error', value: '#N/A' }, { ok: false, code: 'E_VALUE_ERROR', params: { value: '#N/A' } }],
  ])('%s', (_what, value, expected) => {
    expect(toNumber(value)).toStrictEqual(expected);
  });
});

describe('toListValue', () => {
  const statuses = ['未启动', '整改中', '已完成', '已销号'];
  it.each<[string, CellValue, ReturnType<typeof toListValue>]>([
    ['exact', s('整改中'), { ok: true, value: '整改中' }],
    ['with spaces', s(' 整改 中 '), { ok: true, value: '整改中' }],
    ['with a full-width space', s('\u3000已完成'), { ok: true, value: '已完成' }],
    ['not in the list', s('完成'), { ok: false, code: 'E_NOT_IN_LIST', params: { value: '完成', allowed: '未启动 / 整改中 / 已完成 / 已销号' } }],
  ])('%s', (_what, value, expected) => {
    expect(toListValue(value, statuses)).toStrictEqual(expected);
  });

  it('folds full-width letters', () => {
    expect(toListValue(s('ＡＢ'), ['AB'])).toStrictEqual({ ok: true, value: 'AB' });
  });
});

describe('isBlank', () => {
  it.each([
    [undefined, true],
    [s(''), true],
    [s(' \t\n'), true],
    [s('\u3000\u00a0\ufeff\u2003'), true],
    [s('\u3000是'), false],
    [s('是'), false],
    [s(' x '), false],
    [s('\u2003x'), false],
    [s('\ufeffx'), false],
    [n(0), false],
  ])('%j: %s', (value, expected) => {
    expect(isBlank(value)).toBe(expected);
  });
});

describe('toId and toText', () => {
  it.each<[CellValue, ReturnType<typeof toId>]>([
    [s('AJ-001'), { ok: true, value: 'AJ-001' }],
    [s(' aj-001 '), { ok: true, value: 'AJ-001' }],
    [s('ＡＪ－００１'), { ok: true, value: 'AJ-001' }],
    [s('AJ001'), { ok: false, code: 'E_ID_FORMAT', params: { value: 'AJ001', example: 'AJ-001' } }],
    [n(1), { ok: false, code: 'E_ID_FORMAT', params: { value: '1', example: 'AJ-001' } }],
    [s('Aj-001'), { ok: true, value: 'AJ-001' }],
    [s('AJ - 001'), { ok: true, value: 'AJ-001' }],
    [s('AJ\u3000-001'), { ok: true, value: 'AJ-001' }],
    [s('AJ_001'), { ok: false, code: 'E_ID_FORMAT', params: { value: 'AJ_001', example: 'AJ-001' } }],
    [s('ÄJ-001'), { ok: false, code: 'E_ID_FORMAT', params: { value: 'ÄJ-001', example: 'AJ-001' } }],
  ])('%j', (value, expected) => {
    expect(toId(value, '^[A-Z]{2,6}-\\d{3,}$', 'AJ-001')).toStrictEqual(expected);
  });

  it('keeps a formula-like text as text', () => {
    expect(toText(s("=cmd|' /C calc'!A0"))).toStrictEqual({ ok: true, value: "=cmd|' /C calc'!A0" });
    expect(toText(n(0.1 + 0.2))).toStrictEqual({ ok: true, value: '0.30000000000000004' });
  });
});

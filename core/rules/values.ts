/**
 * Typing one cell's value for its column: text, list value, date, number, id. Each function
 * returns the normalised value, or the finding to report; none guesses and none throws.
 */
import type { Scheme } from '../scheme';
import { serialToIso, type CellValue } from '../xlsx/cells';
import type { FindingCode } from './findings';

export type Typed<T> =
  | { readonly ok: true; readonly value: T; readonly note?: Note }
  | { readonly ok: false; readonly code: FindingCode; readonly params: Readonly<Record<string, string | number>> };

/** A normalisation worth telling the user about (a warning, not an error). */
export interface Note {
  readonly code: FindingCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Fold a typed text: full-width to half-width, trimmed (inner spaces kept). */
export function foldText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The text of a cell as the user typed it (numbers in plain notation, dates as ISO). */
export function plainText(value: CellValue | undefined): string {
  if (!value) return '';
  if (value.type === 'boolean') return value.value ? 'TRUE' : 'FALSE';
  return String(value.value);
}

/** Is the cell empty (nothing, or only spaces)? */
export function isBlank(value: CellValue | undefined): boolean {
  if (!value) return true;
  if (value.type !== 'string') return false;
  // a text that starts with a character trim() never removes is not blank (nearly every text)
  const c = value.value.charCodeAt(0);
  if ((c > 32 && c < 127) || (c > 0x3000 && c < 0xfeff)) return false;
  return value.value.trim() === '';
}

export function toText(value: CellValue): Typed<string> {
  if (value.type === 'error') return { ok: false, code: 'E_VALUE_ERROR', params: { value: value.value } };
  return { ok: true, value: plainText(value).trim() };
}

const SECTION_NAMES = new WeakMap<Scheme, readonly string[]>();

/** The roster's section names, one list per scheme (so lookups against it are indexed once). */
export function sectionNames(scheme: Scheme): readonly string[] {
  let names = SECTION_NAMES.get(scheme);
  if (!names) SECTION_NAMES.set(scheme, (names = scheme.sections.map((s) => s.name)));
  return names;
}

const listKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** Per list: each value as typed → the list's value it stands for, and by normalised key (built once per list). */
const LIST_INDEX = new WeakMap<readonly string[], { readonly exact: Map<string, string>; readonly byKey: Map<string, string> }>();

function listIndex(allowed: readonly string[]) {
  let index = LIST_INDEX.get(allowed);
  if (!index) {
    const byKey = new Map<string, string>();
    for (const a of allowed) if (!byKey.has(listKey(a))) byKey.set(listKey(a), a);
    const exact = new Map(allowed.map((a) => [a, byKey.get(listKey(a)) as string]));
    index = { exact, byKey };
    LIST_INDEX.set(allowed, index);
  }
  return index;
}

/** A list value, matched after trimming and folding full-width forms and inner spaces. */
export function toListValue(value: CellValue, allowed: readonly string[]): Typed<string> {
  const text = toText(value);
  if (!text.ok) return text;
  const index = listIndex(allowed);
  // the first value of the list that reads the same (width, spaces aside)
  const hit = index.exact.get(text.value) ?? index.byKey.get(listKey(text.value));
  if (hit !== undefined) return { ok: true, value: hit };
  return { ok: false, code: 'E_NOT_IN_LIST', params: { value: text.value, allowed: allowed.join(' / ') } };
}

const MIN_DATE = '2000-01-01';
const MAX_DATE = '2100-12-31';

/** Year, month and day make a real calendar date. */
function validYmd(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Unambiguous text dates, year first: 2024-06-30, 2024/6/30, 2024.6.30, 2024年6月30日 (full-width
 * digits too, an optional time after it is ignored). Day-first or month-first forms (30/6/2024,
 * 6/30/2024) are ambiguous and are not guessed.
 */
export function parseTextDate(text: string): string | undefined {
  const t = text.normalize('NFKC').trim();
  const m =
    /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t) ??
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(t);
  if (!m) return undefined;
  return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A calendar date (ISO YYYY-MM-DD): date cells, Excel serial numbers and unambiguous text dates. */
export function toDate(value: CellValue, date1904 = false): Typed<string> {
  let iso: string | undefined;
  let note: Note | undefined;
  switch (value.type) {
    case 'date':
      iso = value.value.slice(0, 10);
      break;
    case 'number': {
      // an Excel serial number shown as a number (a date cell formatted as General)
      const serial = serialToIso(Math.floor(value.value), date1904)?.slice(0, 10);
      if (!serial || serial < MIN_DATE || serial > MAX_DATE) return { ok: false, code: 'E_DATE_INVALID', params: { value: value.value } };
      iso = serial;
      note = { code: 'W_SERIAL_DATE', params: { value: value.value, date: iso } };
      break;
    }
    case 'string': {
      iso = parseTextDate(value.value);
      if (!iso) return { ok: false, code: 'E_DATE_INVALID', params: { value: value.value.trim() } };
      note = { code: 'W_TEXT_DATE', params: { value: value.value.trim(), date: iso } };
      break;
    }
    case 'error':
      return { ok: false, code: 'E_VALUE_ERROR', params: { value: value.value } };
    case 'boolean':
      return { ok: false, code: 'E_DATE_INVALID', params: { value: plainText(value) } };
  }
  if (iso < MIN_DATE || iso > MAX_DATE) return { ok: false, code: 'E_DATE_OUT_OF_RANGE', params: { value: iso } };
  return note ? { ok: true, value: iso, note } : { ok: true, value: iso };
}

/** A number: numeric cells, and numbers typed as text (full-width digits, thousands commas, a % sign). */
export function toNumber(value: CellValue): Typed<number> {
  if (value.type === 'number') return { ok: true, value: value.value };
  if (value.type === 'error') return { ok: false, code: 'E_VALUE_ERROR', params: { value: value.value } };
  if (value.type !== 'string') return { ok: false, code: 'E_NUMBER_INVALID', params: { value: plainText(value) } };
  const text = value.value.normalize('NFKC').trim();
  const m = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*(%?)$/.exec(text);
  if (!m) return { ok: false, code: 'E_NUMBER_INVALID', params: { value: value.value.trim() } };
  const n = Number(m[1]!.replace(/,/g, ''));
  return { ok: true, value: n, note: { code: 'W_TEXT_NUMBER', params: { value: value.value.trim(), number: n } } };
}

const PATTERNS = new Map<string, RegExp>();
/** A schema pattern compiled once. */
export function compiled(pattern: string): RegExp {
  let re = PATTERNS.get(pattern);
  if (!re) PATTERNS.set(pattern, (re = new RegExp(pattern)));
  return re;
}

/** An id: folded to half-width capitals and checked against the column's pattern. */
export function toId(value: CellValue, pattern: string, example: string): Typed<string> {
  const text = toText(value);
  if (!text.ok) return text;
  // capitals, digits and hyphens (nearly every id) are already in normal form
  const shape = idShape(text.value);
  const id = shape === 'upper' ? text.value : (shape === 'ascii' ? text.value : text.value.normalize('NFKC').replace(/\s+/g, '')).toUpperCase();
  if (!compiled(pattern).test(id)) return { ok: false, code: 'E_ID_FORMAT', params: { value: text.value, example } };
  return { ok: true, value: id };
}

/** Is a text made of capitals, digits and hyphens only ('upper'), of ASCII letters, digits and hyphens ('ascii'), or anything else? */
function idShape(text: string): 'upper' | 'ascii' | 'other' {
  let shape: 'upper' | 'ascii' = 'upper';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45) continue;
    if (c >= 97 && c <= 122) shape = 'ascii';
    else return 'other';
  }
  return shape;
}

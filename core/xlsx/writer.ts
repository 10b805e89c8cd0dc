/**
 * A lean .xlsx writer for large generated workbooks (the office workbook): values only — text,
 * numbers, dates, booleans — with shared strings, a fixed style set, column widths, a frozen
 * header, filters, data validations, defined names and hidden sheets. It writes XML text directly
 * (no cell objects), which is what makes merging 300 submissions fast; exceljs, far slower on
 * this volume, stays the template's writer. A text is always written as text: a submitted
 * "=HYPERLINK(…)" can never become a formula.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { columnLetter } from '../schema';
import { putNumber, putWords, words, type Words } from './bytes';
import { isoToSerial } from './cells';

/**
 * Streaming raw deflate and CRC-32 from the shell (Node's native zlib). `deflateChunk` compresses one
 * piece ending in a sync flush (no final bit), so the pieces of a part concatenate into one deflate
 * stream that `FINAL_BLOCK` closes; memory stays at one piece. Without a compressor, fflate zips
 * the whole workbook at the end (fine for small workbooks and the browser).
 */
export interface Compressor {
  deflateChunk(data: Uint8Array): Uint8Array;
  crc32(data: Uint8Array, previous: number): number;
}

/**
 * Text compressed elsewhere (a worker thread), ready to append to a part: raw deflate ending in a
 * sync flush, with the CRC-32 and length of the text's UTF-8 bytes.
 */
export interface Piece {
  readonly data: Uint8Array;
  readonly crc: number;
  readonly size: number;
}

/** Compress a text into a piece that can join any part written through the same kind of compressor. */
export function compressText(text: string, c: Compressor): Piece {
  return compressBytes(strToU8(text), c);
}

/** Compress UTF-8 bytes into a piece (see `compressText`). */
export function compressBytes(bytes: Uint8Array, c: Compressor): Piece {
  return { data: c.deflateChunk(bytes), crc: c.crc32(bytes, 0), size: bytes.length };
}

/** The CRC-32 polynomial, reflected. */
const CRC_POLY = 0xedb88320;

/** a(x)·b(x) modulo the CRC-32 polynomial (bit 31 is x⁰, as the CRC's bits are reflected). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ CRC_POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0 … 31: shifting a CRC over 2^k zero bits is multiplying by it. */
const X2N: Uint32Array = (() => {
  const table = new Uint32Array(32);
  let p = 0x40000000; // x¹
  table[0] = p;
  for (let k = 1; k < 32; k++) table[k] = p = multModP(p, p);
  return table;
})();

/**
 * CRC-32 of two byte strings joined, from their CRCs and the second one's length (zlib 1.2.12's
 * crc32_combine: crc1 times x^(8·len2), plus crc2): pieces compressed apart join one part without
 * reading their bytes again, in a few hundred steps whatever their length.
 */
export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0;
  // x^(8·len2): a factor x^(2^k) for each bit of len2, from k = 3 (8 bits a byte)
  let shift = 0x80000000; // x⁰
  for (let n = len2, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) shift = multModP(X2N[k & 31]!, shift);
  return (multModP(shift, crc1 >>> 0) ^ crc2) >>> 0;
}

/** An empty final deflate block (fixed Huffman, BFINAL set): ends a stream of sync-flushed pieces. */
const FINAL_BLOCK = new Uint8Array([0x03, 0x00]);

/** Cell styles of the fixed style sheet (index into cellXfs). */
export const STYLE = {
  normal: 0,
  header: 1,
  date: 2,
  wrap: 3,
  overdue: 4,
  dueSoon: 5,
  datetime: 6,
  decimal: 7,
  input: 8,
  inputDecimal: 9,
  title: 10,
  good: 11,
  bad: 12,
  warn: 13,
  bold: 14,
  inputDate: 15,
} as const;
export type StyleName = keyof typeof STYLE;

export type CellInput =
  | null
  | undefined
  | string
  | number
  | boolean
  /** a calendar date or date-time, ISO */
  | { readonly date: string }
  /** a value with a style */
  | { readonly value: string | number | boolean | { readonly date: string } | null; readonly style: StyleName };

export interface ColumnSpec {
  readonly header: string;
  readonly width: number;
  /** default style of the column's data cells */
  readonly style?: StyleName;
}

export interface ValidationSpec {
  /** e.g. H2:H1000 */
  readonly ref: string;
  readonly type: 'list' | 'decimal' | 'whole' | 'date';
  /** list: a range or defined name (no '='); decimal/whole: [min, max] as numbers or formulas */
  readonly formulas: readonly (string | number)[];
  readonly prompt?: string;
  readonly error?: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** rows after the header; each an array of cells in column order */
  readonly rows: Iterable<readonly CellInput[]>;
  /** rows above the header (a title block); the header follows them */
  readonly titleRows?: readonly (readonly CellInput[])[];
  readonly hidden?: boolean;
  readonly freezeHeader?: boolean;
  readonly autoFilter?: boolean;
  readonly validations?: readonly ValidationSpec[];
  /** print on A4 landscape, fit to width, header repeated */
  readonly print?: boolean;
  /** with print: fit on one page (width and height) */
  readonly onePage?: boolean;
  readonly tabColor?: string;
  /**
   * texts outside the workbook's seeded strings (its fixed vocabulary, which opens the shared
   * strings) written in the cells: for a sheet read back on its own (the office's review and
   * adjustments), which then needs only the first of a large shared-string table
   */
  readonly inlineTexts?: boolean;
}

export interface WorkbookSpec {
  readonly sheets: readonly SheetSpec[];
  readonly definedNames?: ReadonlyArray<{ readonly name: string; readonly ref: string }>;
  /** document properties (fixed values keep the bytes deterministic) */
  readonly title?: string;
  readonly creator?: string;
  readonly created: string;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

/** Escape text for XML; characters XML 1.0 cannot hold are written as OOXML _xHHHH_ escapes. */
export function escapeXml(text: string): string {
  // most texts need nothing: one test instead of four
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = text;
  // a literal "_x" that would read as an escape is itself escaped
  if (out.indexOf('_x') >= 0) out = out.replace(/_x(?=[0-9A-Fa-f]{4}_)/g, '_x005F_x');
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(out)) {
    out = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  }
  if (/[&<>"]/.test(out)) out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return out;
}

/** The end of a text cell that shows shared string `index`. */
const SHARED_VALUE = ' t="s"><v>';
const sharedCell = (index: number): string => `${SHARED_VALUE}${index}</v></c>`;

/** A text's `<t>` element: spaces at either end or a line break are kept (xml:space). */
const textElement = (s: string): string => `<t${keepsSpace(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t>`;

/** A character JavaScript's \s matches (white space and line ends). */
const isJsSpace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * Does a text need xml:space="preserve" — white space at either end, or a line break (as
 * /^\s|\s$|\n/ tests, without a regular expression trying every position for the end)?
 */
export const keepsSpace = (s: string): boolean => s.length > 0 && (isJsSpace(s.charCodeAt(0)) || isJsSpace(s.charCodeAt(s.length - 1)) || s.indexOf('\n') >= 0);

/** One shared string's XML. */
const siXml = (s: string): string => `<si>${textElement(s)}</si>`;

/** Shared strings made elsewhere (a worker thread): a block of `size` entries, filled in later. */
interface StringBlock {
  readonly size: number;
  content?: Piece | string;
}

export class SharedStrings implements TextCells {
  private readonly index = new Map<string, number>();
  private readonly list: Array<string | StringBlock> = [];
  private readonly blocks = new Map<number, StringBlock>();
  private size = 0;
  /** how many indices the seed took */
  private readonly seeded: number;
  count = 0;

  /** `seed`: strings given the first indices (rows rendered elsewhere may refer to them) */
  constructor(seed: readonly string[] = []) {
    for (const s of seed) this.add(s);
    this.seeded = this.size;
  }

  /** A seeded string's index; undefined for any other text. */
  seededIndex(text: string): number | undefined {
    const i = this.index.get(text);
    return i !== undefined && i < this.seeded ? i : undefined;
  }

  /** A string's index, added if new, without counting a reference (rows rendered elsewhere count theirs). */
  add(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.size++;
      this.index.set(text, i);
      this.list.push(text);
    }
    return i;
  }

  /** Keep the next `size` indices for strings made elsewhere (`fill` them before writing); the first one. */
  reserve(size: number): number {
    const first = this.size;
    if (size > 0) {
      const block: StringBlock = { size };
      this.list.push(block);
      this.blocks.set(first, block);
      this.size += size;
    }
    return first;
  }

  /** The XML of the strings reserved from `first` on (see `FileTexts.stringsXml`), compressed or not. */
  fill(first: number, content: Piece | string): void {
    const block = this.blocks.get(first);
    // a file without texts reserved nothing and has nothing to add
    if (!block && (typeof content === 'string' ? content.length : content.size) === 0) return;
    if (!block) throw new Error(`writer: no shared strings were reserved at ${first}`);
    block.content = content;
  }

  text(value: string): string {
    return sharedCell(this.id(value));
  }

  id(text: string): number {
    this.count += 1;
    return this.add(text);
  }

  writeTo(part: PartOut): void {
    part.write(`${XML_HEAD}<sst xmlns="${NS}" count="${this.count}" uniqueCount="${this.size}">`);
    let chunk = '';
    for (const s of this.list) {
      if (typeof s !== 'string') {
        if (s.content === undefined) throw new Error('writer: reserved shared strings were never filled');
        if (typeof s.content === 'string') chunk += s.content;
        else {
          part.write(chunk);
          chunk = '';
          part.writePiece(s.content);
        }
      } else chunk += siXml(s);
      if (chunk.length > 1 << 18) {
        part.write(chunk);
        chunk = '';
      }
    }
    part.write(`${chunk}</sst>`);
  }
}

/** The fixed style set as data, so it can be written whole or appended to another workbook's styles. */
export interface StyleSet {
  readonly numFmts: ReadonlyArray<{ readonly id: number; readonly code: string }>;
  readonly fonts: readonly string[];
  readonly fills: readonly string[];
  readonly borders: readonly string[];
  /** cellXfs in STYLE order; `xf(fmt, font, fill, border)` renders one with its ids */
  readonly xfs: ReadonlyArray<(ids: { fmt: (id: number) => number; font: number; fill: number; border: number }) => string>;
}

export const STYLE_SET: StyleSet = (() => {
  const font = (extra: string) => `<font>${extra}<name val="Microsoft YaHei"/><family val="2"/></font>`;
  const solid = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
  type Opts = { wrap?: boolean; border?: boolean; unlocked?: boolean; center?: boolean };
  const xf =
    (numFmt: number, fontId: number, fillId: number, opts: Opts = {}) =>
    (ids: { fmt: (id: number) => number; font: number; fill: number; border: number }) =>
      `<xf numFmtId="${ids.fmt(numFmt)}" fontId="${ids.font + fontId}" fillId="${fillId ? ids.fill + fillId : 0}" borderId="${opts.border ? ids.border + 1 : 0}" xfId="0"` +
      ` applyNumberFormat="1" applyFont="1"${fillId ? ' applyFill="1"' : ''}${opts.border ? ' applyBorder="1"' : ''}` +
      ` applyAlignment="1"${opts.unlocked ? ' applyProtection="1"' : ''}><alignment vertical="top"${opts.wrap ? ' wrapText="1"' : ''}${opts.center ? ' horizontal="center"' : ''}/>` +
      `${opts.unlocked ? '<protection locked="0"/>' : ''}</xf>`;
  return {
    numFmts: [
      { id: 164, code: 'yyyy\\-mm\\-dd' },
      { id: 165, code: 'yyyy\\-mm\\-dd hh:mm' },
      { id: 166, code: '0.00' },
    ],
    fonts: [
      font('<sz val="10"/>'),
      font('<b/><sz val="10"/><color rgb="FFFFFFFF"/>'),
      font('<sz val="10"/><color rgb="FF9C0006"/>'),
      font('<sz val="10"/><color rgb="FF9C5700"/>'),
      font('<b/><sz val="14"/>'),
      font('<sz val="10"/><color rgb="FF006100"/>'),
      font('<b/><sz val="10"/>'),
    ],
    // fill 0 is "none" in every workbook; ours start at 1: header, red, yellow, input, green
    fills: [solid('FF217346'), solid('FFFFC7CE'), solid('FFFFEB9C'), solid('FFFFF2CC'), solid('FFC6EFCE')],
    borders: ['<border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border>'],
    // order = STYLE; fill numbers count from our first fill (1), border 1 = ours
    xfs: [
      xf(0, 0, 0),
      xf(0, 1, 1, { wrap: true, border: true, center: true }),
      xf(164, 0, 0),
      xf(0, 0, 0, { wrap: true }),
      xf(0, 2, 2),
      xf(0, 3, 3),
      xf(165, 0, 0),
      xf(166, 0, 0),
      xf(0, 0, 4, { border: true, unlocked: true, wrap: true }),
      xf(166, 0, 4, { border: true, unlocked: true }),
      xf(0, 4, 0),
      xf(0, 5, 5),
      xf(0, 2, 2),
      xf(0, 3, 3),
      xf(0, 6, 0),
      xf(164, 0, 4, { border: true, unlocked: true }),
    ],
  };
})();

/** The fixed style sheet of a new workbook. */
function stylesXml(): string {
  const set = STYLE_SET;
  // a new workbook: fills 0 and 1 are the required none/gray125, so ours start at 2 (offset 1)
  const ids = { fmt: (id: number) => id, font: 0, fill: 1, border: 0 };
  return (
    `${XML_HEAD}<styleSheet xmlns="${NS}">` +
    `<numFmts count="${set.numFmts.length}">${set.numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${f.code}"/>`).join('')}</numFmts>` +
    `<fonts count="${set.fonts.length}">${set.fonts.join('')}</fonts>` +
    `<fills count="${set.fills.length + 2}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${set.fills.join('')}</fills>` +
    `<borders count="${set.borders.length + 1}"><border><left/><right/><top/><bottom/><diagonal/></border>${set.borders.join('')}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${set.xfs.length}">${set.xfs.map((x) => x(ids)).join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/** How a text cell is written: an index into the shared strings, or the text inline. */
export interface TextCells {
  /** the attributes and content after `<c r="…" s="…"` for a text */
  text(value: string): string;
}

/**
 * The texts of one file's rows when they are rendered apart from the workbook (a worker thread).
 * Texts of the workbook's fixed vocabulary are written as their known indices, the file's own name
 * as the index it is given; every other text gets a place in the file's own block of shared
 * strings, once however often it is used (what Excel itself does: the sheets hold numbers, the
 * texts are stored once). Every text is noted before anything is written (`code`, as a `CellGrid`
 * takes a row; `collect` for rows written cell by cell), so the workbook can reserve the block
 * (`SharedStrings.reserve`); `place` then says where the block and the file's name landed, and
 * `index` (a grid) or `text` (`rowXml`) writes cells. Counts its references, for the shared
 * strings' total.
 */
export class FileTexts implements TextCells {
  refs = 0;
  /** each text met, in the order met: its place in the block (0, 1, …), or −1 − its known index */
  private readonly codes = new Map<string, number>();
  /** how many texts the block holds (those with a place) */
  private count = 0;
  private first = -1;
  private fileIndex = -1;
  /** the block's size once sealed (its texts let go), else −1 */
  private sealed = -1;

  constructor(
    private readonly known: ReadonlyMap<string, number>,
    private readonly file: string,
  ) {}

  /** How many texts the file's block holds. */
  get size(): number {
    return this.sealed >= 0 ? this.sealed : this.count;
  }

  /**
   * The block's XML, after which its texts are let go: a file held until it is placed keeps only
   * how many texts it has (codes still become indices). No text can be added after.
   */
  seal(): string {
    const xml = this.stringsXml();
    this.sealed = this.count;
    this.codes.clear();
    return xml;
  }

  /** Note the texts a row's cells will be written with (call for every row before `place`). */
  collect(cells: readonly CellInput[]): void {
    for (const c of cells) {
      const t = textOf(c);
      if (t !== undefined) this.code(t);
    }
  }

  /**
   * A text's code, noting it: its place in the file's block (0, 1, …), −1 − its index in the known
   * vocabulary, or FILE_TEXT for the file's own name. Texts get their places in the order first met.
   */
  code(text: string): number {
    if (this.sealed >= 0) throw new Error('writer: a text added to a sealed FileTexts');
    if (text === this.file) return FILE_TEXT;
    const seen = this.codes.get(text);
    if (seen !== undefined) return seen;
    const known = this.known.get(text);
    const code = known !== undefined ? -1 - known : this.count++;
    this.codes.set(text, code);
    return code;
  }

  /** The shared-string index of a text's code, once placed; counted as a reference. */
  index(code: number): number {
    if (this.first < 0) throw new Error('writer: FileTexts written before it was placed');
    this.refs += 1;
    return code === FILE_TEXT ? this.fileIndex : code < 0 ? -1 - code : this.first + code;
  }

  /** Where the block starts in the workbook's shared strings, and the file name's index. */
  place(first: number, fileIndex: number): void {
    this.first = first;
    this.fileIndex = fileIndex;
  }

  text(value: string): string {
    if (value !== this.file && !this.codes.has(value)) throw new Error(`writer: a text that was not collected: ${JSON.stringify(value.slice(0, 40))}`);
    return sharedCell(this.index(this.code(value)));
  }

  /**
   * The block's XML: its texts in index order (the order met). No list of them is kept beside
   * `codes`: pushing the first text into a new file's empty list threw V8's compiled coding code
   * away on the first files.
   */
  stringsXml(): string {
    if (this.sealed >= 0) throw new Error('writer: the texts of a sealed FileTexts are gone');
    let xml = '';
    for (const [t, code] of this.codes) if (code >= 0) xml += siXml(t);
    return xml;
  }
}

/** The text a cell is written with, when it is a text cell (the same choice as `cellXml`). */
function textOf(input: CellInput): string | undefined {
  classify(input, 0);
  return cell.kind === TEXT ? cell.text : undefined;
}

/** Texts of the seeded vocabulary by their index, every other text inline (see `SheetSpec.inlineTexts`). */
class SeededTexts implements TextCells {
  constructor(private readonly sst: SharedStrings) {}

  text(value: string): string {
    const i = this.sst.seededIndex(value);
    if (i === undefined) return INLINE.text(value);
    this.sst.count += 1;
    return sharedCell(i);
  }
}

const INLINE: TextCells = {
  text: (value) => ` t="inlineStr"><is>${textElement(value)}</is></c>`,
};

// A cell as the writer sees it, whichever way it is written (`cellXml`, or kept in a `CellGrid`
// and written later): its kind, its style, and its number or text.
const EMPTY = 0;
const STYLED_EMPTY = 1;
const TEXT = 2;
const NUMBER = 3;
const BOOLEAN = 4;
const DATE = 5;
/**
 * The code FileTexts gives the file's own name: below any vocabulary's codes, and a small integer
 * to V8 (−2³⁰; −2³¹ is not, and the first file name coded threw the compiled coding code away).
 */
const FILE_TEXT = -0x40000000;

/** The last cell classified (one set of fields, not an object per cell). */
const cell = { kind: EMPTY, style: 0, number: 0, text: '' };

/** Classify a cell for a column whose data cells have `columnStyle`. */
function classify(input: CellInput, columnStyle: number): void {
  let value = input;
  let style = columnStyle;
  if (value !== null && typeof value === 'object' && 'style' in value) {
    style = STYLE[value.style];
    value = value.value;
  }
  cell.style = style;
  if (value === null || value === undefined || value === '') cell.kind = style && style !== columnStyle ? STYLED_EMPTY : EMPTY;
  else if (typeof value === 'string') {
    cell.kind = TEXT;
    cell.text = value;
  } else if (typeof value === 'number') {
    if (Number.isFinite(value)) {
      cell.kind = NUMBER;
      cell.number = value;
    } else {
      cell.kind = TEXT;
      cell.text = String(value);
    }
  } else if (typeof value === 'boolean') {
    cell.kind = BOOLEAN;
    cell.number = value ? 1 : 0;
  } else {
    const serial = isoToSerial(value.date);
    cell.kind = DATE;
    cell.number = Number.isFinite(serial) ? serial : 0;
    cell.style = style === STYLE.normal || style === STYLE.wrap ? (value.date.length > 10 ? STYLE.datetime : STYLE.date) : style === STYLE.input ? STYLE.inputDate : style;
  }
}

/**
 * What follows a classified cell's reference up to its value: its style (always on a date), then
 * `/>`, `><v>` or ` t="b"><v>` — a text cell's type comes with its value (see `TextCells`).
 */
function tagMiddle(kind: number, style: number): string {
  const s = style || kind === DATE ? `" s="${style}` : '';
  return `${s}${kind === STYLED_EMPTY ? '"/>' : kind === TEXT ? '"' : kind === BOOLEAN ? '" t="b"><v>' : '"><v>'}`;
}

/** A classified cell's XML; `textTail` is what a text cell ends with (see `TextCells`). */
function cellTag(ref: string, kind: number, style: number, number: number, textTail: string, base: number): string {
  if (kind === EMPTY) return '';
  const end = kind === STYLED_EMPTY ? '' : kind === TEXT ? textTail : `${number}</v></c>`;
  return `<c r="${ref}${tagMiddle(kind, base + style)}${end}`;
}

/**
 * One cell as XML (empty string for an empty cell). `base` offsets the style indices: 0 in a
 * workbook of our own styles, the first appended index when our styles join another workbook's.
 */
function cellXml(ref: string, input: CellInput, columnStyle: number, texts: TextCells, base: number): string {
  classify(input, columnStyle);
  return cellTag(ref, cell.kind, cell.style, cell.number, cell.kind === TEXT ? texts.text(cell.text) : '', base);
}

/**
 * One row as XML (empty when it has no cell): cells in column order, `letters` the columns'
 * letters, `styles` their default styles.
 */
export function rowXml(r: number, cells: readonly CellInput[], letters: readonly string[], styles: readonly number[], texts: TextCells, base = 0, height?: number): string {
  let xml = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined || c === '') continue;
    xml += cellXml(`${letters[i] ?? columnLetter(i + 1)}${r}`, c, styles[i] ?? 0, texts, base);
  }
  return xml ? `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}>${xml}</row>` : '';
}

const ROW_OPEN = words('<row r="');
const TAG_END = words('">');
const ROW_END = words('</row>');
const VALUE_END = words('</v></c>');

/** `tagMiddle` as bytes, a shared string's type after a text's, by kind and style (`(kind << 8) | style`), made once each. */
const CELL_MIDDLES: Array<Words | undefined> = new Array<Words | undefined>((DATE + 1) << 8);

function cellMiddle(key: number): Words {
  const kind = key >> 8;
  return (CELL_MIDDLES[key] = words(`${tagMiddle(kind, key & 0xff)}${kind === TEXT ? SHARED_VALUE : ''}`));
}

/**
 * Where a thread renders rows again and again (a merge renders hundreds of files' rows, each
 * compressed at once): one buffer, grown when a file needs more, instead of a fresh one for every
 * sheet of every file. What `render` returns into it is good until its next use.
 */
export class RenderBuffer {
  bytes: Uint8Array;
  constructor(size = 1 << 20) {
    this.bytes = new Uint8Array(size);
  }
}

/** The bytes `<c r="` and a column's letters, per column, made once for each list of letters. */
function cellOpens(letters: readonly string[], width: number): readonly Words[] {
  let opens = OPENS.get(letters);
  if (opens === undefined || opens.length < width) {
    opens = Array.from({ length: width }, (_, i) => words(`<c r="${letters[i] ?? columnLetter(i + 1)}`));
    OPENS.set(letters, opens);
  }
  return opens;
}

const OPENS = new WeakMap<readonly string[], readonly Words[]>();

/**
 * Rows of cells kept compactly until they are placed — numbered, and their texts given indices —
 * as rows rendered apart from the workbook are (a worker thread holds a file's rows until the
 * merge says where they land): a kind, a style and a number per cell, texts as their FileTexts
 * codes. Typed arrays, not an object per cell: the garbage collector does not walk them. Renders
 * the XML `rowXml` renders for the same cells.
 */
export class CellGrid {
  private kinds: Uint8Array;
  private styles: Uint8Array;
  private values: Float64Array;
  /** how many rows it holds */
  rows = 0;

  constructor(
    private readonly columnStyles: readonly number[],
    capacity = 64,
  ) {
    const size = capacity * columnStyles.length;
    this.kinds = new Uint8Array(size);
    this.styles = new Uint8Array(size);
    this.values = new Float64Array(size);
  }

  /** Add a row (cells in column order, at most one per column); its texts are coded by `texts`. */
  add(cells: readonly CellInput[], texts: FileTexts): void {
    const width = this.columnStyles.length;
    if (cells.length > width) throw new Error(`writer: a row of ${cells.length} cells in a grid of ${width} columns`);
    const at = this.startRow();
    for (let i = 0; i < cells.length; i++) this.set(at, i, cells[i], texts);
  }

  /** The bytes its cells take (as allocated). */
  get bytes(): number {
    return this.kinds.byteLength + this.styles.byteLength + this.values.byteLength;
  }

  /** Begin a row whose cells are then given one by one (`set`); where its cells start. */
  startRow(): number {
    const width = this.columnStyles.length;
    const at = this.rows * width;
    if (at + width > this.kinds.length) this.grow();
    this.rows += 1;
    return at;
  }

  /** Cell `i` of the row that starts at `at`, as `add` takes it; its text is coded by `texts`. */
  set(at: number, i: number, input: CellInput | undefined, texts: FileTexts): void {
    if (i >= this.columnStyles.length) throw new Error(`writer: cell ${i + 1} of a row in a grid of ${this.columnStyles.length} columns`);
    // an empty cell is all zeros, as a new grid is
    if (input === null || input === undefined) return;
    classify(input, this.columnStyles[i]!);
    this.kinds[at + i] = cell.kind;
    this.styles[at + i] = cell.style;
    this.values[at + i] = cell.kind === TEXT ? texts.code(cell.text) : cell.number;
  }

  /**
   * The rows' XML as UTF-8, the first numbered `start`; `letters` are the columns' letters, `texts`
   * placed. The rows are written as bytes straight into a buffer (they are all ASCII).
   */
  render(start: number, letters: readonly string[], texts: FileTexts, buffer?: RenderBuffer): Uint8Array {
    const width = this.columnStyles.length;
    const kinds = this.kinds;
    const styles = this.styles;
    const values = this.values;
    const opens = cellOpens(letters, width);
    // the row's number, as bytes and as words (written in every cell's reference)
    const digits = new Uint8Array(12);
    const digitView = new DataView(digits.buffer);
    const row = { words: new Uint32Array(3), length: 0 };
    let o = buffer?.bytes ?? new Uint8Array(1024 + this.rows * width * 40);
    let view = new DataView(o.buffer, o.byteOffset, o.byteLength);
    let w = 0;
    // the bytes of cellTag's text with a shared string's tail (all ASCII), written straight into
    // the buffer a word at a time: each write may spill up to 3 bytes that the next one overwrites
    for (let r = 0, at = 0; r < this.rows; r++, at += width) {
      let first = at;
      while (first < at + width && kinds[first] === EMPTY) first++;
      if (first === at + width) continue;
      // a cell takes at most 80 bytes: a 3-letter column, a 10-digit row, a 24-character number
      if (w + 32 + width * 80 > o.length) {
        const grown = new Uint8Array(Math.max(o.length * 2, w + 32 + width * 80));
        grown.set(o.subarray(0, w));
        o = grown;
        view = new DataView(o.buffer, o.byteOffset, o.byteLength);
        if (buffer) buffer.bytes = o;
      }
      digits.fill(0);
      row.length = putNumber(digits, 0, start + r);
      for (let k = 0; k < 3; k++) row.words[k] = digitView.getUint32(4 * k, true);
      w = putWords(view, w, ROW_OPEN);
      w = putWords(view, w, row);
      w = putWords(view, w, TAG_END);
      for (let i = first - at; i < width; i++) {
        const kind = kinds[at + i]!;
        if (kind === EMPTY) continue;
        w = putWords(view, w, opens[i]!);
        w = putWords(view, w, row);
        // the rest of the tag, by kind and style: `" s="3" t="s"><v>`, `"/>` … (tagMiddle)
        const key = (kind << 8) | styles[at + i]!;
        w = putWords(view, w, CELL_MIDDLES[key] ?? cellMiddle(key));
        if (kind === STYLED_EMPTY) continue;
        w = putNumber(o, w, kind === TEXT ? texts.index(values[at + i]!) : values[at + i]!);
        w = putWords(view, w, VALUE_END);
      }
      w = putWords(view, w, ROW_END);
    }
    return o.subarray(0, w);
  }

  private grow(): void {
    const size = Math.max(this.kinds.length * 2, this.columnStyles.length * 64);
    const kinds = new Uint8Array(size);
    const styles = new Uint8Array(size);
    const values = new Float64Array(size);
    kinds.set(this.kinds);
    styles.set(this.styles);
    values.set(this.values);
    this.kinds = kinds;
    this.styles = styles;
    this.values = values;
  }
}

/** A part being written: text pieces in, compressed (or collected) bytes out. */
export interface PartOut {
  readonly name: string;
  write(text: string): void;
  /** append text already compressed (only when the workbook is written through a compressor) */
  writePiece(piece: Piece): void;
  close(): void;
}

/** Collects the workbook's parts and zips them, streaming through the compressor when there is one. */
class Package {
  private readonly texts = new Map<string, string[]>();
  private readonly streamed: Array<{ name: Uint8Array; size: number; crc: number; chunks: Uint8Array[] }> = [];

  constructor(private readonly compressor?: Compressor) {}

  open(name: string): PartOut {
    const c = this.compressor;
    if (!c) {
      const list: string[] = [];
      this.texts.set(name, list);
      const writePiece = () => {
        throw new Error('writer: compressed pieces need a compressor');
      };
      return { name, write: (t) => void list.push(t), writePiece, close: () => undefined };
    }
    const entry = { name: strToU8(name), size: 0, crc: 0, chunks: [] as Uint8Array[] };
    this.streamed.push(entry);
    let pending = '';
    const flush = () => {
      if (pending === '') return;
      const bytes = strToU8(pending);
      pending = '';
      entry.size += bytes.length;
      entry.crc = c.crc32(bytes, entry.crc);
      entry.chunks.push(c.deflateChunk(bytes));
    };
    return {
      name,
      write: (t) => {
        pending += t;
        if (pending.length >= 1 << 20) flush();
      },
      writePiece: (piece) => {
        flush();
        entry.crc = crc32Combine(entry.crc, piece.crc, piece.size);
        entry.size += piece.size;
        entry.chunks.push(piece.data);
      },
      close: () => {
        flush();
        entry.chunks.push(FINAL_BLOCK);
      },
    };
  }

  add(name: string, text: string): void {
    const part = this.open(name);
    part.write(text);
    part.close();
  }

  zip(): Uint8Array {
    if (!this.compressor) {
      const zippable: Zippable = {};
      const mtime = new Date(2024, 0, 1);
      for (const [name, list] of this.texts) zippable[name] = [strToU8(list.join('')), { level: 6, mtime }];
      return zipSync(zippable);
    }
    return layoutZip(this.streamed);
  }
}

/** Writes one sheet's rows as they come; several sheets may be open at once. */
export class SheetWriter {
  private row = 0;
  private chunk = '';
  private readonly letters: string[];
  private readonly dataStyles: number[];
  private readonly headerRow: number;

  constructor(
    readonly spec: SheetHead,
    private readonly part: PartOut,
    private readonly texts: TextCells,
    selected: boolean,
    private readonly base = 0,
  ) {
    const cols = spec.columns;
    this.letters = cols.map((_, i) => columnLetter(i + 1));
    this.dataStyles = cols.map((c) => STYLE[c.style ?? 'normal']);
    const titleRows = spec.titleRows ?? [];
    this.headerRow = titleRows.length + 1;
    const pane = spec.freezeHeader
      ? `<pane ySplit="${this.headerRow}" topLeftCell="A${this.headerRow + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${this.headerRow + 1}" sqref="A${this.headerRow + 1}"/>`
      : '';
    part.write(
      `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
        `<sheetPr>${spec.tabColor ? `<tabColor rgb="${spec.tabColor}"/>` : ''}${spec.print ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>` +
        `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        `<cols>${cols.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols>` +
        '<sheetData>',
    );
    // a title row (styled 'title') gets room for its larger font
    for (const t of titleRows) this.write(t, [], t.some((c) => c !== null && typeof c === 'object' && 'style' in c && c.style === 'title') ? 24 : undefined);
    this.write(
      cols.map((c) => ({ value: c.header, style: 'header' as const })),
      [],
    );
  }

  /** Add a data row (cells in column order). */
  add(cells: readonly CellInput[]): void {
    this.write(cells, this.dataStyles);
  }

  /** The next data row's number (where rows rendered elsewhere start). */
  get nextRow(): number {
    return this.row + 1;
  }

  /** Append rows rendered elsewhere (`CellGrid.render`, `rowXml`) from `nextRow` on: their XML, or their compressed XML. */
  addRendered(rendered: string | Piece, rows: number): void {
    if (typeof rendered === 'string') {
      this.chunk += rendered;
      if (this.chunk.length > 1 << 18) this.flushChunk();
    } else {
      this.flushChunk();
      this.part.writePiece(rendered);
    }
    this.row += rows;
  }

  private flushChunk(): void {
    if (this.chunk === '') return;
    this.part.write(this.chunk);
    this.chunk = '';
  }

  private write(cells: readonly CellInput[], styles: readonly number[], height?: number): void {
    this.chunk += rowXml(++this.row, cells, this.letters, styles, this.texts, this.base, height);
    if (this.chunk.length > 1 << 18) this.flushChunk();
  }

  /** Finish the sheet's XML (filters, validations, print setup). */
  close(): void {
    const spec = this.spec;
    const lastRow = Math.max(this.row, this.headerRow);
    const lastCol = this.letters[this.letters.length - 1] ?? 'A';
    let tail = `${this.chunk}</sheetData>`;
    this.chunk = '';
    if (spec.autoFilter && spec.columns.length > 0) tail += `<autoFilter ref="A${this.headerRow}:${lastCol}${lastRow}"/>`;
    const validations = spec.validations ?? [];
    if (validations.length > 0) {
      tail += `<dataValidations count="${validations.length}">`;
      for (const v of validations) {
        const attrs =
          `type="${v.type}"${v.type === 'list' ? '' : ' operator="between"'} allowBlank="1" showErrorMessage="1"` +
          `${v.prompt ? ` showInputMessage="1" prompt="${escapeXml(v.prompt)}"` : ''}${v.error ? ` error="${escapeXml(v.error)}"` : ''} sqref="${v.ref}"`;
        tail += `<dataValidation ${attrs}>${v.formulas.map((f, i) => `<formula${i + 1}>${escapeXml(String(f))}</formula${i + 1}>`).join('')}</dataValidation>`;
      }
      tail += '</dataValidations>';
    }
    if (spec.print) {
      tail += `<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="${spec.onePage ? 1 : 0}"/>`;
    }
    this.part.write(`${tail}</worksheet>`);
    this.part.close();
  }
}

/** A sheet's layout: everything but its rows. */
export type SheetHead = Omit<SheetSpec, 'rows'>;

/**
 * Write a workbook sheet by sheet as rows arrive (several sheets may be filled at once), then
 * `finish`. Sheets keep the order in which they were added.
 */
export class WorkbookWriter {
  private readonly sst: SharedStrings;
  private readonly pkg: Package;
  private readonly heads: Array<SheetHead | undefined> = [];

  /** `strings`: shared strings with fixed indices (0, 1, …), for rows rendered elsewhere with FileTexts */
  constructor(compressor?: Compressor, strings: readonly string[] = []) {
    this.pkg = new Package(compressor);
    this.sst = new SharedStrings(strings);
  }

  /** A shared string's index (added if new), for rows rendered elsewhere. */
  stringIndex(text: string): number {
    return this.sst.add(text);
  }

  /** Count references to shared strings made by rows rendered elsewhere. */
  countStringRefs(n: number): void {
    this.sst.count += n;
  }

  /** Keep `size` shared strings for a block made elsewhere (a file's `FileTexts`); its first index. */
  reserveStrings(size: number): number {
    return this.sst.reserve(size);
  }

  /** The XML of a reserved block, compressed or not. */
  fillStrings(first: number, content: Piece | string): void {
    this.sst.fill(first, content);
  }

  /** Add a sheet after the others (the first sheet is the one shown on opening). */
  addSheet(head: SheetHead): SheetWriter {
    return this.fill(this.reserve(), head);
  }

  /** Keep a place for a sheet whose layout is known only later (a report written last but shown first). */
  reserve(): number {
    this.heads.push(undefined);
    return this.heads.length - 1;
  }

  /** Lay out a reserved sheet. */
  fill(index: number, head: SheetHead): SheetWriter {
    this.heads[index] = head;
    return new SheetWriter(head, this.pkg.open(`xl/worksheets/sheet${index + 1}.xml`), head.inlineTexts ? new SeededTexts(this.sst) : this.sst, index === 0 && !head.hidden);
  }

  /** The workbook's bytes (every sheet writer must be closed). */
  finish(meta: Omit<WorkbookSpec, 'sheets'>): Uint8Array {
    if (this.heads.some((h) => h === undefined)) throw new Error('writer: a reserved sheet was never filled');
    const sheets = this.heads as SheetHead[];
    const selected = sheets.findIndex((s) => !s.hidden);
    const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
    const headerOf = (s: SheetHead) => (s.titleRows?.length ?? 0) + 1;
    const printTitles = sheets
      .map((s, i) => (s.print ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoteSheet(s.name))}!$${headerOf(s)}:$${headerOf(s)}</definedName>` : ''))
      .join('');
    const filters = sheets
      .map((s, i) =>
        s.autoFilter && s.columns.length > 0
          ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quoteSheet(s.name))}!$A$${headerOf(s)}:$${columnLetter(s.columns.length)}$${headerOf(s)}</definedName>`
          : '',
      )
      .join('');
    const names = (meta.definedNames ?? []).map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.ref)}</definedName>`).join('');
    const add = (name: string, xml: string) => this.pkg.add(name, xml);
    add(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    );
    add(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
        '</Relationships>',
    );
    add(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:title>${escapeXml(meta.title ?? '')}</dc:title><dc:creator>${escapeXml(meta.creator ?? 'mofan-ledger')}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${meta.created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${meta.created}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    add('docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>mofan-ledger</Application></Properties>`);
    add(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView activeTab="${Math.max(0, selected)}"/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('') +
        `</sheets>${printTitles || filters || names ? `<definedNames>${filters}${printTitles}${names}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
    );
    add(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${sheets.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    );
    add('xl/styles.xml', stylesXml());
    const sstPart = this.pkg.open('xl/sharedStrings.xml');
    this.sst.writeTo(sstPart);
    sstPart.close();
    return this.pkg.zip();
  }
}

/** Write a whole workbook from a spec (rows as iterables). The same spec gives the same bytes. */
export function writeWorkbook(spec: WorkbookSpec, compressor?: Compressor): Uint8Array {
  const writer = new WorkbookWriter(compressor);
  for (const sheet of spec.sheets) {
    const { rows, ...head } = sheet;
    const w = writer.addSheet(head);
    for (const r of rows) w.add(r);
    w.close();
  }
  const { sheets: _sheets, ...meta } = spec;
  return writer.finish(meta);
}

/** An entry ready for the archive: its data already compressed (method 8) or stored (0). */
export interface ZipOut {
  readonly name: Uint8Array;
  readonly size: number;
  readonly crc: number;
  readonly chunks: readonly Uint8Array[];
  readonly method?: 0 | 8;
}

/** Lay out a zip (local headers, data, central directory) around entries compressed elsewhere. */
export function layoutZip(entries: readonly ZipOut[]): Uint8Array {
  const sizes = entries.map((e) => e.chunks.reduce((a, c) => a + c.length, 0));
  let size = 22;
  entries.forEach((e, i) => (size += 30 + e.name.length + (sizes[i] ?? 0) + 46 + e.name.length));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1; // 2024-01-01
  entries.forEach((e, i) => {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 0x0800, true); // UTF-8 names
    view.setUint16(p + 8, e.method ?? 8, true);
    view.setUint16(p + 10, DOS_TIME, true);
    view.setUint16(p + 12, DOS_DATE, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, sizes[i] ?? 0, true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, e.name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.name, p + 30);
    p += 30 + e.name.length;
    for (const c of e.chunks) {
      out.set(c, p);
      p += c.length;
    }
  });
  const cd = p;
  entries.forEach((e, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, 0x0800, true);
    view.setUint16(p + 10, e.method ?? 8, true);
    view.setUint16(p + 12, DOS_TIME, true);
    view.setUint16(p + 14, DOS_DATE, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, sizes[i] ?? 0, true);
    view.setUint32(p + 24, e.size, true);
    view.setUint16(p + 28, e.name.length, true);
    view.setUint32(p + 42, offsets[i] ?? 0, true);
    out.set(e.name, p + 46);
    p += 46 + e.name.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - cd, true);
  view.setUint32(p + 16, cd, true);
  return out;
}

/** Inline strings: for sheets added to a workbook whose shared strings are left alone. */
export const INLINE_TEXT: TextCells = INLINE;

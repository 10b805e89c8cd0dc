/**
 * A lean, safe value reader for .xlsx submissions: bytes in, plain rows out.
 *
 * Why not exceljs: on real files it can run for minutes (a dimension of A1:XFD1048576, many
 * merges), throw internal TypeErrors, return zero sheets without an error, and its streaming
 * reader depends on the order of zip entries. This reader unzips with fflate (central directory,
 * so entry order does not matter), scans only the parts it needs with a small streaming XML
 * tokenizer (./scan), checks limits before the work, and turns every failure into an `Unusable`.
 * exceljs stays the writer.
 */
import { DecodeUTF8, inflateSync, strFromU8 } from 'fflate';
import { XmlScanner, decodeEntities, type ScanHandlers } from './scan';
import { readZipDirectory, type ZipEntry } from './zipdir';
import { ascii, byteAt, bytesAt, lastIndexOfBytes } from './bytes';
import { RowCells, columnIndex, parseRange, serialToIso, type CellValue, type CellRange, type RawCell, type RawRow, type RawSheet } from './cells';
import { columnLetter } from '../schema';
import { formatBytes, type Unusable, type UnusableCode } from './unusable';

export interface ReadLimits {
  /** the file itself */
  readonly maxFileBytes: number;
  /** the parts read, uncompressed, all together */
  readonly maxUncompressedBytes: number;
  /** compression ratio above which a large part is treated as a zip bomb */
  readonly maxCompressionRatio: number;
  /** rows with values, per sheet */
  readonly maxRowsPerSheet: number;
  /** characters in one cell (Excel's own limit) */
  readonly maxCellChars: number;
  /** cells with values, all sheets read together */
  readonly maxCells: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRowsPerSheet: 100_000,
  maxCellChars: 32_767,
  maxCells: 5_000_000,
};

export interface SheetInfo {
  readonly name: string;
  readonly state: 'visible' | 'hidden' | 'veryHidden';
}

export interface RawWorkbook {
  /** every sheet of the workbook, in order */
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  /** the sheets that were read (by name) */
  readonly data: ReadonlyMap<string, RawSheet>;
}

export type ReadResult = { readonly ok: true; readonly workbook: RawWorkbook } | { readonly ok: false; readonly unusable: Unusable };

export interface ReadOptions {
  /** which sheets to read (all when omitted) */
  readonly sheets?: (name: string) => boolean;
  readonly limits?: Partial<ReadLimits>;
  /** read sheets through the fast path where it applies (default); false forces the general scanner */
  readonly fastPath?: boolean;
  /** raw-deflate inflater (default fflate; Node passes its native zlib) */
  readonly inflate?: Inflate;
  /** UTF-8 decoder for the parts read whole (default the platform's TextDecoder; Node passes a faster one for non-ASCII text) */
  readonly utf8?: Utf8Decode;
  /**
   * read shared strings only as far as the sheets read need them (a light read of one small sheet);
   * a damaged shared-strings part may then go unnoticed, so full reads leave this off
   */
  readonly lazyStrings?: boolean;
}

/** Thrown inside the reader only; readWorkbook turns it into a result. */
class Stop extends Error {
  constructor(readonly unusable: Unusable) {
    super(unusable.code);
  }
}
const stop = (code: UnusableCode, params: Record<string, string | number> = {}): never => {
  throw new Stop({ code, params });
};

/**
 * The limits a read keeps to: the defaults, each overridden where given. One object literal, so
 * every read's limits have one shape — `{ ...DEFAULT_LIMITS, ...given }` made objects of another
 * shape once V8 had optimised the copy, and every reader function that had compiled for the first
 * shape was thrown away and compiled again, on every thread of a merge.
 */
function readLimits(given: Partial<ReadLimits> = {}): ReadLimits {
  return {
    maxFileBytes: given.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes,
    maxUncompressedBytes: given.maxUncompressedBytes ?? DEFAULT_LIMITS.maxUncompressedBytes,
    maxCompressionRatio: given.maxCompressionRatio ?? DEFAULT_LIMITS.maxCompressionRatio,
    maxRowsPerSheet: given.maxRowsPerSheet ?? DEFAULT_LIMITS.maxRowsPerSheet,
    maxCellChars: given.maxCellChars ?? DEFAULT_LIMITS.maxCellChars,
    maxCells: given.maxCells ?? DEFAULT_LIMITS.maxCells,
  };
}

/** Read a workbook's values. Never throws on a user's file: every failure is an `Unusable`. */
export function readWorkbook(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const limits = readLimits(options.limits);
  try {
    return { ok: true, workbook: read(bytes, limits, options.sheets ?? (() => true), options.fastPath ?? true, options.inflate ?? fflateInflate, options.lazyStrings ?? false, options.utf8 ?? utf8) };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, unusable: error.unusable };
    throw error;
  }
}

function read(bytes: Uint8Array, limits: ReadLimits, wanted: (name: string) => boolean, fastPath: boolean, inflate: Inflate, lazyStrings: boolean, decode: Utf8Decode): RawWorkbook {
  if (bytes.length === 0) stop('U_EMPTY_FILE');
  if (bytes.length > limits.maxFileBytes) stop('U_TOO_LARGE', { size: formatBytes(bytes.length), limit: formatBytes(limits.maxFileBytes) });
  sniffNonZip(bytes);

  const zip = openZip(bytes, limits, inflate, decode);
  const { sheets, date1904, sst, styles: stylesPath } = locateParts(zip);
  const targets = sheets.filter((s) => wanted(s.name));
  const data = new Map<string, RawSheet>();
  if (targets.length > 0) {
    const strings: StringTable = !zip.has(sst)
      ? []
      : lazyStrings && fastPath
        ? new LazyStrings(() => zip.bytes(sst), sst, limits)
        : parseSharedStrings(zip.text(sst), sst, limits, fastPath);
    const stylesXml = zip.has(stylesPath) ? zip.text(stylesPath) : undefined;
    const dateStyles = stylesXml === undefined ? [] : DATE_STYLES.get(stylesXml, () => parseDateStyles(stylesXml, stylesPath));
    const budget = { cells: limits.maxCells };
    // as long as the shared strings from the start, and of the kind that holds cells: a cell's
    // string is met in any order, a write far past an empty list's end made V8 keep the list as a
    // dictionary (slower to read), and a list of another kind at the next file threw the reader's
    // compiled code away
    const stringCells = new Array<RawCell | undefined>(Array.isArray(strings) ? strings.length : 0).fill(undefined);
    for (const s of targets) {
      if (!s.path || !zip.has(s.path)) {
        data.set(s.name, { name: s.name, rows: [], merges: [] });
        continue;
      }
      data.set(s.name, parseSheet(zip.bytes(s.path), s.path, s.name, { fastPath, strings, stringCells, dateStyles, date1904, limits, budget, decode }));
    }
  }
  return { sheets: sheets.map(({ name, state }) => ({ name, state })), date1904, data };
}

/** Where a workbook's sheets, shared strings and styles are, and its date system; stops on a file that is not a workbook we read. */
function locateParts(zip: Zip): {
  readonly sheets: ReadonlyArray<SheetInfo & { readonly path: string | undefined }>;
  readonly date1904: boolean;
  readonly sst: string;
  readonly styles: string;
} {
  const rootRels = zip.has('_rels/.rels') ? memoRels(zip.text('_rels/.rels'), '', '_rels/.rels') : [];
  const officeDoc = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target;
  const workbookPath = officeDoc && zip.has(officeDoc) ? officeDoc : zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined;
  if (!workbookPath) {
    if (zip.has('mimetype') && /opendocument\.spreadsheet/.test(zip.text('mimetype'))) stop('U_ODS');
    if (zip.has('xl/workbook.bin') || officeDoc?.endsWith('.bin')) stop('U_XLSB');
    if (zip.names().some((n) => n.endsWith('index.zip') || n.endsWith('.iwa'))) stop('U_NUMBERS');
    if (zip.has('word/document.xml') || zip.has('ppt/presentation.xml')) stop('U_WORD');
    stop('U_NOT_WORKBOOK');
  }
  const wbPath = workbookPath as string;
  if (wbPath.toLowerCase().endsWith('.bin')) stop('U_XLSB');
  // a .docx/.pptx names its main part in _rels/.rels exactly as a workbook does
  if (/^(word|ppt)\//i.test(wbPath)) stop('U_WORD');
  if (zip.names().some((n) => /(^|\/)vbaproject\.bin$/.test(n))) stop('U_MACROS');

  const base = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const relsPath = `${base}_rels/${wbPath.slice(base.length)}.rels`;
  const rels = zip.has(relsPath) ? memoRels(zip.text(relsPath), base, relsPath) : [];
  const wbXml = zip.text(wbPath);
  const { sheets, date1904 } = WORKBOOKS.get(wbXml, () => parseWorkbookXml(wbXml, wbPath));
  if (sheets.length === 0) stop('U_NO_SHEETS');
  return {
    sheets: sheets.map((s) => ({ ...s, path: rels.find((r) => r.id === s.rid)?.target })),
    date1904,
    sst: rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? `${base}sharedStrings.xml`,
    styles: rels.find((r) => r.type.endsWith('/styles'))?.target ?? `${base}styles.xml`,
  };
}

/**
 * A workbook's parts found as `readWorkbook` finds them, for a tool that scans sheet XML itself
 * (the merge floor of `mofan bench merge`): each sheet's part, the shared strings' part, and the
 * bytes of a part, inflated (none for a part the reader would refuse: encrypted, broken or past
 * the limits). Undefined for a file `readWorkbook` would call unusable at that stage.
 */
export function workbookParts(
  bytes: Uint8Array,
  inflate: Inflate = fflateInflate,
): { readonly sheets: ReadonlyArray<{ readonly name: string; readonly path: string | undefined }>; readonly sst: string; part(path: string): Uint8Array } | undefined {
  try {
    const zip = openZip(bytes, readLimits(), inflate);
    const { sheets, sst } = locateParts(zip);
    const part = (path: string): Uint8Array => {
      try {
        return zip.bytes(path);
      } catch (error) {
        if (error instanceof Stop) return new Uint8Array(0);
        throw error;
      }
    };
    return { sheets: sheets.map(({ name, path }) => ({ name, path })), sst, part };
  } catch (error) {
    if (error instanceof Stop) return undefined;
    throw error;
  }
}

/**
 * Results of parsing small parts, by their text: files made from one template share their
 * workbook, relationships and styles parts byte for byte, so a merge parses each once. Results
 * are only read. A few small texts are kept; a new one past the limit starts the memo afresh.
 */
class TextMemo<T> {
  private readonly map = new Map<string, T>();

  get(text: string, parse: () => T): T {
    // a large part (some producers write megabytes of styles) is parsed, not kept
    if (text.length > 65_536) return parse();
    let value = this.map.get(text);
    if (value === undefined) {
      value = parse();
      if (this.map.size >= 16) this.map.clear();
      this.map.set(text, value);
    }
    return value;
  }
}

const RELS = new TextMemo<readonly Rel[]>();
const WORKBOOKS = new TextMemo<{ readonly sheets: ReadonlyArray<SheetInfo & { readonly rid: string }>; readonly date1904: boolean }>();
const DATE_STYLES = new TextMemo<readonly boolean[]>();

/** A relationships part's targets depend on where it sits: the memo keys on both. */
function memoRels(xml: string, base: string, part: string): readonly Rel[] {
  return RELS.get(`${base}\u0000${xml}`, () => parseRels(xml, base, part));
}

// ---------------------------------------------------------------------------------------------
// format sniffing

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Contains an ASCII name written as UTF-16LE (how OLE directory entries store names). */
function hasUtf16(bytes: Uint8Array, name: string, limit = bytes.length): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = 0; i <= Math.min(bytes.length, limit) - name.length * 2; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let j = 1; j < name.length; j++) {
      if (bytes[i + j * 2] !== name.charCodeAt(j) || bytes[i + j * 2 + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** Recognise the formats that are not zip packages, or stop when the bytes are one of them. */
function sniffNonZip(bytes: Uint8Array): void {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return; // PK: a zip, looked at next
  if (startsWith(bytes, OLE_MAGIC)) {
    if (hasUtf16(bytes, 'EncryptedPackage') || hasUtf16(bytes, 'EncryptionInfo')) stop('U_ENCRYPTED');
    if (hasUtf16(bytes, 'WordDocument') || hasUtf16(bytes, 'PowerPoint Document')) stop('U_WORD');
    stop('U_XLS');
  }
  // latin1 keeps every byte: enough to see ASCII markers without failing on broken UTF-8
  const head = strFromU8(bytes.subarray(0, 4096), true).replace(/^\xEF\xBB\xBF/, '').trimStart();
  const lower = head.toLowerCase();
  if (lower.startsWith('<?xml') || lower.startsWith('<')) {
    if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') || lower.includes('office:document') || lower.includes('opendocument')) {
      stop('U_XML_SPREADSHEET');
    }
    if (lower.includes('<html') || lower.includes('<table') || lower.includes('<!doctype html')) stop('U_HTML');
    stop('U_NOT_WORKBOOK');
  }
  const sample = bytes.subarray(0, 4096);
  const binary = sample.some((b) => b === 0) || /[\u0000-\u0008\u000e-\u001f]/.test(head);
  if (!binary) stop('U_CSV');
  stop('U_NOT_WORKBOOK');
}

// ---------------------------------------------------------------------------------------------
// zip

interface Zip {
  names(): string[];
  has(name: string): boolean;
  bytes(name: string): Uint8Array;
  text(name: string): string;
}

/** Normalised entry name: forward slashes, no leading slash, lower case (lookups ignore case). */
const entryKey = (name: string): string => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

/** Inflate raw deflate data whose uncompressed size is declared (and must not be exceeded). */
export type Inflate = (data: Uint8Array, size: number) => Uint8Array;

/** UTF-8 bytes to text, as TextDecoder decodes them (a leading BOM dropped, a malformed sequence U+FFFD). */
export type Utf8Decode = (bytes: Uint8Array) => string;

/** fflate's inflate, bounded by the declared size: the default, and the browser's. */
export const fflateInflate: Inflate = (data, size) => inflateSync(data, { out: new Uint8Array(size) });

function openZip(bytes: Uint8Array, limits: ReadLimits, inflate: Inflate, decode: Utf8Decode = utf8): Zip {
  const infos = new Map<string, ZipEntry>();
  try {
    for (const e of readZipDirectory(bytes, (b) => strFromU8(b))) infos.set(entryKey(e.name), e);
  } catch {
    return stop('U_BROKEN_ZIP');
  }
  if (infos.size === 0) stop('U_BROKEN_ZIP');
  let used = 0;
  const cache = new Map<string, Uint8Array>();
  const zip: Zip = {
    names: () => [...infos.keys()],
    has: (name) => infos.has(entryKey(name)),
    bytes: (name) => {
      const key = entryKey(name);
      const cached = cache.get(key);
      if (cached) return cached;
      const info = infos.get(key);
      if (!info) return new Uint8Array(0);
      if (info.encrypted) stop('U_ENCRYPTED');
      used += info.size;
      const bomb = { limit: formatBytes(limits.maxUncompressedBytes), ratio: limits.maxCompressionRatio };
      if (used > limits.maxUncompressedBytes) stop('U_ZIP_BOMB', { size: formatBytes(used), ...bomb });
      if (info.size > 1024 * 1024 && info.size > info.compressedSize * limits.maxCompressionRatio) {
        stop('U_ZIP_BOMB', { size: formatBytes(info.size), ...bomb });
      }
      const raw = bytes.subarray(info.dataOffset, info.dataOffset + info.compressedSize);
      let data: Uint8Array;
      if (info.method === 0) data = raw;
      else if (info.method === 8) {
        try {
          data = inflate(raw, info.size);
        } catch {
          return stop('U_BROKEN_ZIP');
        }
      } else return stop('U_BROKEN_ZIP');
      cache.set(key, data);
      return data;
    },
    text: (name) => decodeUtf8(zip.bytes(name), decode),
  };
  return zip;
}

/** A UTF-16 byte order mark (little- or big-endian) opens these bytes. */
const hasUtf16Bom = (b: Uint8Array): boolean => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

function decodeUtf8(bytes: Uint8Array, decode: Utf8Decode = utf8): string {
  // UTF-16 XML parts exist (rare, from old tools): honour a BOM
  if (hasUtf16Bom(bytes)) {
    const le = bytes[0] === 0xff;
    const codes: string[] = [];
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      codes.push(String.fromCharCode(le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!));
    }
    return codes.join('');
  }
  return decode(bytes);
}

/**
 * UTF-8 to text: the platform's TextDecoder where there is one (every browser, Node), else
 * fflate's. fflate's own decoder object has been used in streaming mode, which in Node takes a
 * path 2.5 times slower on whole sheets.
 */
const utf8: Utf8Decode = (() => {
  const Decoder = (globalThis as { TextDecoder?: new () => { decode(input: Uint8Array): string } }).TextDecoder;
  if (!Decoder) return (bytes) => strFromU8(bytes);
  const decoder = new Decoder();
  return (bytes) => decoder.decode(bytes);
})();

// ---------------------------------------------------------------------------------------------
// XML

type Tag = Readonly<Record<string, string>>;
const attr = (tag: Tag, name: string): string | undefined => tag[name];

/** Handlers for parseXml: the scanner's, with open/close/text optional. */
type XmlHandlers = Partial<Omit<ScanHandlers, 'capturing'>> & { capturing?: boolean };

/** Scan an XML part; a DTD (entity bombs) or a malformed part stops the read. */
function parseXml(input: string | Uint8Array, part: string, handlers: XmlHandlers): void {
  const h = handlers as ScanHandlers;
  h.open ??= () => undefined;
  h.close ??= () => undefined;
  h.text ??= () => undefined;
  h.capturing ??= false;
  const scanner = new XmlScanner(h);
  if (typeof input === 'string' || hasUtf16Bom(input)) {
    // a UTF-16 part (byte order mark) is decoded whole, as the other parts are
    scanner.push(typeof input === 'string' ? input : decodeUtf8(input));
  } else {
    // decode in chunks so a large sheet is never one giant string
    const decoder = new DecodeUTF8((text) => scanner.push(text));
    const CHUNK = 1 << 20;
    for (let i = 0; i < input.length && !scanner.failure; i += CHUNK) {
      decoder.push(input.subarray(i, i + CHUNK), i + CHUNK >= input.length);
    }
  }
  scanner.end();
  const failure = scanner.failure;
  if (failure?.kind === 'doctype') stop('U_UNSAFE_XML', { part });
  if (failure?.kind === 'broken') stop('U_BROKEN_XML', { part, detail: failure.detail });
}

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base + target).replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function parseRels(xml: string, base: string, part: string): Rel[] {
  const rels: Rel[] = [];
  parseXml(xml, part, {
    open(name, tag) {
      if (name !== 'Relationship' || attr(tag, 'TargetMode') === 'External') return;
      rels.push({ id: attr(tag, 'Id') ?? '', type: attr(tag, 'Type') ?? '', target: resolvePath(base, attr(tag, 'Target') ?? '') });
    },
  });
  return rels;
}

function parseWorkbookXml(xml: string, part: string): { sheets: Array<SheetInfo & { rid: string }>; date1904: boolean } {
  const sheets: Array<SheetInfo & { rid: string }> = [];
  let date1904 = false;
  parseXml(xml, part, {
    open(name, tag) {
      if (name === 'workbookPr') {
        const v = attr(tag, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const state = attr(tag, 'state');
        sheets.push({
          name: attr(tag, 'name') ?? '',
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          rid: attr(tag, 'id') ?? '',
        });
      }
    },
  });
  return { sheets, date1904 };
}

/** Can the shared-strings part be read with indexOf (no comments, CDATA or DTD, ends as it should)? */
function fastSharedStringsShape(xml: string): boolean {
  return xml.indexOf('<sst') >= 0 && xml.indexOf('<!') < 0 && /<\/sst>\s*$/.test(xml.slice(-32));
}

/**
 * The usual string item, matched in place (one regular expression instead of a dozen searches):
 * one <t> run, plain or space-preserving, whose text needs no decoding (no markup, entity, CR or
 * _xHHHH_ escape).
 */
const PLAIN_SI = /<si><t(?: xml:space="preserve")?>[^<&\r_]*<\/t><\/si>/y;

/** The next <si> from position p: its text and where the next starts; 'end'; or 'fail' (the scanner reads the part). */
function nextSharedString(xml: string, p: number, limits: ReadLimits): { text: string; p: number } | 'end' | 'fail' {
  const si = xml.indexOf('<si', p);
  if (si < 0) return 'end';
  PLAIN_SI.lastIndex = si;
  if (PLAIN_SI.test(xml)) {
    const end = PLAIN_SI.lastIndex;
    // the text between "<si><t>" (or "<si><t xml:space="preserve">") and "</t></si>"
    const text = xml.slice(si + (xml.charCodeAt(si + 6) === 62 ? 7 : 28), end - 9);
    return { text: text.length > limits.maxCellChars ? text.slice(0, limits.maxCellChars + 1) : text, p: end };
  }
  const gt = xml.indexOf('>', si);
  const c = xml.charCodeAt(si + 3);
  if (gt < 0 || !(c === 62 || c === 47 || isSpace(c))) return 'fail';
  if (xml.charCodeAt(gt - 1) === 47) return { text: '', p: gt + 1 };
  const end = xml.indexOf('</si>', gt);
  if (end < 0) return 'fail';
  const inner = xml.slice(gt + 1, end);
  if (inner.indexOf('<!') >= 0) return 'fail';
  const text = inlineText(inner);
  return { text: text.length > limits.maxCellChars ? text.slice(0, limits.maxCellChars + 1) : text, p: end + 5 };
}

/** The usual shape of a shared-strings part, read with indexOf; undefined sends it to the scanner. */
function fastSharedStrings(xml: string, limits: ReadLimits): string[] | undefined {
  if (!fastSharedStringsShape(xml)) return undefined;
  const strings: string[] = [];
  for (let p = xml.indexOf('<sst'); ; ) {
    const next = nextSharedString(xml, p, limits);
    if (next === 'end') return strings;
    if (next === 'fail') return undefined;
    strings.push(next.text);
    p = next.p;
  }
}

/** Shared strings by index. */
interface StringTable {
  at(index: number): string | undefined;
}

/**
 * Shared strings read only as far as asked: a light read (a file's 基本信息) needs a few of the
 * first strings, not the thousands of texts after them. Anything unusual reads the whole part.
 */
class LazyStrings implements StringTable {
  private readonly list: string[] = [];
  /** the part, inflated at the first string asked for (a sheet of inline texts needs none) */
  private bytes: Uint8Array | undefined;
  /** the decoded stretch not yet read, from `p` on */
  private xml = '';
  private p = 0;
  /** how many of the part's bytes are decoded, in how many stretches */
  private decoded = 0;
  private stretches = 0;
  private whole: string[] | undefined;

  constructor(
    private readonly load: () => Uint8Array,
    private readonly part: string,
    private readonly limits: ReadLimits,
  ) {}

  at(index: number): string | undefined {
    if (!this.bytes) {
      this.bytes = this.load();
      if (!fastSharedStringsBytes(this.bytes)) this.whole = parseSharedStrings(decodeUtf8(this.bytes), this.part, this.limits, false);
    }
    if (this.whole) return this.whole[index];
    while (this.list.length <= index) {
      const next = nextSharedString(this.xml, this.p, this.limits);
      if (next === 'fail') {
        this.whole = parseSharedStrings(decodeUtf8(this.bytes), this.part, this.limits, false);
        return this.whole[index];
      }
      if (next === 'end') {
        if (!this.more()) break;
      } else {
        this.list.push(next.text);
        this.p = next.p;
      }
    }
    return this.list[index];
  }

  /**
   * Decode the next stretch of the part (16 KB, then 64 KB, … up to 1 MB, cut just after a </si>, so it
   * holds whole strings and whole characters); false when all of it is decoded.
   */
  private more(): boolean {
    const b = this.bytes;
    if (!b || this.decoded >= b.length) return false;
    // the first stretch is short (a light read wants a few strings), each next one four times longer
    const stretch = Math.min(LAZY_STRETCH, FIRST_STRETCH * 4 ** this.stretches++);
    let end = b.length;
    if (this.decoded + stretch < b.length) end = siEndBefore(b, this.decoded, this.decoded + stretch) ?? siEndAfter(b, this.decoded + stretch) ?? b.length;
    this.xml = this.xml.slice(this.p) + utf8(b.subarray(this.decoded, end));
    this.p = 0;
    this.decoded = end;
    return true;
  }
}

const FIRST_STRETCH = 1 << 14;
const LAZY_STRETCH = 1 << 20;

/** Is the byte at `i` the end of a "</si>"? */
const isSiEnd = (b: Uint8Array, i: number): boolean => b[i] === 0x3e && b[i - 1] === 0x69 && b[i - 2] === 0x73 && b[i - 3] === 0x2f && b[i - 4] === 0x3c;

/** Just after the last "</si>" that ends in [from, to), if any. */
function siEndBefore(b: Uint8Array, from: number, to: number): number | undefined {
  for (let i = b.lastIndexOf(0x3e, to - 1); i >= from + 4; i = b.lastIndexOf(0x3e, i - 1)) if (isSiEnd(b, i)) return i + 1;
  return undefined;
}

/** Just after the first "</si>" that ends at or after `from`, if any. */
function siEndAfter(b: Uint8Array, from: number): number | undefined {
  for (let i = b.indexOf(0x3e, from); i >= 0; i = b.indexOf(0x3e, i + 1)) if (isSiEnd(b, i)) return i + 1;
  return undefined;
}

/** `fastSharedStringsShape` on the part's bytes (UTF-8, no comment, CDATA or DTD, ends as it should), without decoding it. */
function fastSharedStringsBytes(b: Uint8Array): boolean {
  if (hasUtf16Bom(b)) return false;
  const head = utf8(b.subarray(0, 512));
  if (head.indexOf('<sst') < 0) return false;
  // "!" is one byte in UTF-8 and never part of another character
  for (let i = b.indexOf(0x21); i >= 0; i = b.indexOf(0x21, i + 1)) if (b[i - 1] === 0x3c) return false;
  return /<\/sst>\s*$/.test(utf8(b.subarray(Math.max(0, b.length - 32))));
}

function parseSharedStrings(xml: string, part: string, limits: ReadLimits, fastPath: boolean): string[] {
  const fast = fastPath ? fastSharedStrings(xml, limits) : undefined;
  if (fast) return fast;
  const strings: string[] = [];
  let current = '';
  let inPhonetic = 0;
  const h: XmlHandlers = {
    capturing: false,
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic += 1;
      else if (name === 't' && inPhonetic === 0) h.capturing = true;
    },
    text(text) {
      if (current.length <= limits.maxCellChars) current += text;
    },
    close(name) {
      if (name === 't') h.capturing = false;
      else if (name === 'rPh') inPhonetic -= 1;
      else if (name === 'si') strings.push(decodeOoxmlEscapes(current));
    },
  };
  parseXml(xml, part, h);
  return strings;
}

/** Excel's built-in date and time formats (ids 14–22, 27–36, 45–47, 50–58: the CJK ones too). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Is a custom number format a date/time format? (Quoted text, escapes and [colours] do not count.) */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:\$|[a-zA-Z]*=|<|>|red|black|blue|green|white|yellow|magenta|cyan|color\s*\d+|dbnum\d*|natnum\d*)[^\]]*\]/gi, '')
    .replace(/_.|\*./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ymdhs]|\[h+\]|[年月日]/i.test(bare.split(';')[0] ?? '');
}

/** Per cell style (index into cellXfs): is it a date format? */
function parseDateStyles(xml: string, part: string): boolean[] {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  const xfIds: number[] = [];
  parseXml(xml, part, {
    open(name, tag) {
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfIds.push(Number(attr(tag, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of xfIds) {
    const code = custom.get(id);
    styles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return styles;
}

interface SheetContext {
  /** try the fast path first (tests turn it off to compare both) */
  readonly fastPath: boolean;
  readonly strings: StringTable;
  /** a shared string's cell, by index, made once: cells are read-only, so every cell showing the string can be the same */
  readonly stringCells: Array<RawCell | undefined>;
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  readonly limits: ReadLimits;
  readonly budget: { cells: number };
  /** UTF-8 to text, as the read was given it */
  readonly decode: Utf8Decode;
}

const CELL_REF = /^([A-Za-z]{1,3})(\d{1,7})$/;

/**
 * An empty list of the kind that holds objects. A `[]` holds small integers until its first push,
 * and the reader's code compiled for the lists it had met was thrown away at a new sheet's first row.
 */
function objectList<T extends object>(): T[] {
  const list: Array<T | null> = [null];
  list.pop();
  return list as T[];
}

/** A sheet's rows as both readers find them: cells typed and limited, rows with values kept in order. */
class SheetRows {
  private readonly list: RawRow[] = objectList<RawRow>();
  private cells = new RowCells();
  /** the current row's number */
  row = 0;

  constructor(
    private readonly name: string,
    private readonly ctx: SheetContext,
  ) {}

  /** Move to another row (the current one is kept if it has values). */
  moveTo(row: number): void {
    if (this.cells.size > 0) {
      this.list.push({ row: this.row, cells: this.cells });
      if (this.list.length > this.ctx.limits.maxRowsPerSheet) stop('U_TOO_MANY_ROWS', { sheet: this.name, limit: this.ctx.limits.maxRowsPerSheet });
      this.cells = new RowCells();
    }
    this.row = row;
  }

  /** A cell of the current row, from its type attribute, raw text and style. */
  cell(col: number, type: string, raw: string, style: number, formula: boolean): void {
    const value = cellValue(type, raw, style, this.ctx);
    if (value) this.add(col, value, formula);
  }

  private add(col: number, value: CellValue, formula: boolean): void {
    this.put(col, formula ? { value, formula: true } : { value });
  }

  private checkLength(col: number, value: CellValue): void {
    if (value.type === 'string' && value.value.length > this.ctx.limits.maxCellChars) {
      stop('U_CELL_TOO_LONG', { sheet: this.name, cell: `${columnLetter(col)}${this.row}`, limit: this.ctx.limits.maxCellChars });
    }
  }

  private put(col: number, cell: RawCell): void {
    this.checkLength(col, cell.value);
    this.store(col, cell);
  }

  /** Keep a cell whose length is checked, counted against the read's budget of cells. */
  private store(col: number, cell: RawCell): void {
    this.cells.set(col, cell);
    if (--this.ctx.budget.cells < 0) stop('U_TOO_MANY_CELLS', { limit: this.ctx.limits.maxCells });
  }

  /** A cell of the current row whose value is a whole number: shared string `n` (type "s"), else the number n (as `cell` would read its digits). */
  wholeCell(col: number, type: string, n: number, style: number, formula: boolean): void {
    if (type === 's' && !formula) {
      let cell = this.ctx.stringCells[n];
      if (cell === undefined) {
        const value = sharedStringValue(n, this.ctx);
        if (!value) return;
        // its length is checked where it is first used, once: a text too long stops the read there
        this.checkLength(col, value);
        cell = this.ctx.stringCells[n] = { value };
      }
      this.store(col, cell);
      return;
    }
    if (type !== 's' && !formula) {
      this.store(col, wholeNumberCell(n, style, this.ctx));
      return;
    }
    const value = type === 's' ? sharedStringValue(n, this.ctx) : numberValue(n, style, this.ctx);
    if (value) this.add(col, value, formula);
  }

  /** All rows with values, in row order. */
  done(): RawRow[] {
    this.moveTo(this.row);
    return this.list.sort((a, b) => a.row - b.row);
  }
}

/** Parts up to this size are read whole by the fast path; larger ones are streamed. */
const FAST_PATH_MAX_BYTES = 64 * 1024 * 1024;

function parseSheet(xml: Uint8Array, part: string, name: string, ctx: SheetContext): RawSheet {
  if (ctx.fastPath && xml.length <= FAST_PATH_MAX_BYTES && !(xml[0] === 0xff || xml[0] === 0xfe)) {
    const from = bytesAt(xml, SHEET_DATA_OPEN, 0, xml.length);
    const to = from < 0 ? -1 : lastIndexOfBytes(xml, SHEET_DATA_CLOSE, from);
    // the rows are read as bytes, in place; the rest is decoded (it is short)
    const fast = to < 0 ? undefined : fastSheet(utf8(xml.subarray(0, from)), xml, from, to, name, ctx);
    if (fast) return fast;
  }
  return scanSheet(xml, part, name, ctx);
}

const SHEET_DATA_OPEN = ascii('<sheetData');
const MERGE_CELL = ascii('<mergeCell');
const SHEET_DATA_CLOSE = ascii('</sheetData>');
const WORKSHEET_CLOSE = ascii('</worksheet>');

/**
 * Does the part end with </worksheet> after `from` (ASCII white space after it allowed)? Read as
 * bytes: a part that ends any other way goes to the general scanner, which reads it the same.
 */
function endsWorksheet(b: Uint8Array, from: number): boolean {
  let i = b.length;
  while (i > from && isSpace(b[i - 1]!)) i--;
  const at = i - WORKSHEET_CLOSE.length;
  if (at < from) return false;
  for (let k = 0; k < WORKSHEET_CLOSE.length; k++) if (b[at + k] !== WORKSHEET_CLOSE[k]) return false;
  return true;
}

/**
 * The fast path for the common shape of a sheet part (unprefixed <sheetData> holding <row>, <c>,
 * <f>, <v> and <is> elements): a tight loop over the part's bytes with no per-token objects. The
 * rows are read in place, from `from` (the <sheetData tag) to `end` (where </sheetData> starts);
 * only a value that is not a whole number, an inline string or an unusual attribute is decoded
 * to text. `head` is the part's text before the rows; the part after them is decoded only where
 * it holds merged cells (its validations' Chinese prompts took longer to decode than a row
 * section takes to read). Anything else — a prefix, an unexpected element, a part that does not
 * end where a worksheet ends — returns undefined, and the general scanner reads the part (and
 * reports what is broken). A test compares both on the corpus.
 */
function fastSheet(head: string, b: Uint8Array, from: number, end: number, name: string, ctx: SheetContext): RawSheet | undefined {
  if (!endsWorksheet(b, end) || /<!doctype/i.test(head)) return undefined;
  const openEnd = byteAt(b, 62, from, end);
  // <sheetData/> followed by </sheetData>: not a well-formed part
  if (openEnd < 0 || b[openEnd - 1] === 47) return undefined;
  const rows = new SheetRows(name, ctx);
  let p = openEnd + 1;
  const cursor = { col: 0 };
  let inRow = false;
  for (;;) {
    const lt = byteAt(b, 60, p, end);
    if (lt < 0) break;
    const c1 = b[lt + 1];
    if (c1 === 114 && b[lt + 2] === 111 && b[lt + 3] === 119 && isTagEnd(b[lt + 4]!)) {
      // <row …>
      if (inRow) return undefined;
      const gt = byteAt(b, 62, lt, end);
      if (gt < 0) return undefined;
      const r = attrNumber(b, lt + 4, gt, 114);
      rows.moveTo(r > 0 ? r : rows.row + 1);
      cursor.col = 0;
      inRow = b[gt - 1] !== 47;
      p = gt + 1;
      continue;
    }
    if (c1 === 47 && b[lt + 2] === 114 && b[lt + 3] === 111 && b[lt + 4] === 119 && b[lt + 5] === 62) {
      // </row>
      if (!inRow) return undefined;
      inRow = false;
      p = lt + 6;
      continue;
    }
    if (c1 !== 99 || !isTagEnd(b[lt + 2]!) || !inRow) return undefined;
    const next = fastCell(b, lt, end, rows, cursor);
    if (next < 0) return undefined;
    p = next;
  }
  if (inRow) return undefined;
  const merges: CellRange[] = [];
  const tail = bytesAt(b, MERGE_CELL, end) < 0 ? '' : ctx.decode(b.subarray(end));
  for (const m of tail.matchAll(/<mergeCell\s[^>]*?ref\s*=\s*["']([^"']+)["']/g)) {
    const range = parseRange(m[1]!);
    if (range) merges.push(range);
  }
  return { name, rows: rows.done(), merges };
}

/**
 * One <c> element of `fastSheet`, from its `<` at `lt`: its cell given to `rows` (its column kept in
 * `cursor`, for a next cell without a reference); where the element ends, or −1 when the part needs the
 * general scanner. A function of its own: V8 compiles it apart from the row loop, so the loop's
 * on-stack recompilation stays small.
 */
function fastCell(b: Uint8Array, lt: number, end: number, rows: SheetRows, cursor: { col: number }): number {
  // <c r="B2" s="3" t="s"> … </c>: attributes read in place up to the tag's end — r as column
  // and row numbers, s as a number, t as text
  let type = '';
  let style = 0;
  let refRow = 0;
  let refCol = 0;
  let empty = false;
  let gt = lt + 2;
  for (let j = gt; ; ) {
    if (j >= end) return -1;
    let c = b[j]!;
    if (isSpace(c)) {
      j++;
      continue;
    }
    if (c === 62 || (c === 47 && b[j + 1] === 62)) {
      // > or />
      empty = c === 47;
      gt = empty ? j + 1 : j;
      break;
    }
    const name = j;
    // a one-letter name right before its "=" (r, s, t: nearly every attribute) needs no scan
    let nameLength = 1;
    if (b[j + 1] === 61) j++;
    else {
      while (j < end && (c = b[j]!) !== 61 && !isSpace(c) && c !== 62 && c !== 47) j++;
      nameLength = j - name;
      while (j < end && isSpace(b[j]!)) j++;
    }
    if (b[j] !== 61) return -1;
    const q = b[j + 1]!;
    if (q !== 34 && q !== 39) return -1;
    const from = j + 2;
    j = from;
    const a = nameLength === 1 ? b[name] : 0;
    if (a === 114) {
      // r="AB12": letters, then digits, then the quote; anything else goes the long way
      let col = 0;
      let letters = 0;
      let row = 0;
      let digits = 0;
      for (c = b[j]!; (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = b[++j]!) {
        col = col * 26 + ((c & 0xdf) - 64);
        letters++;
      }
      for (; c >= 48 && c <= 57; c = b[++j]!) {
        row = row * 10 + (c - 48);
        digits++;
      }
      if (c !== q || letters === 0 || letters > 3 || digits === 0 || digits > 9 || row === 0) {
        const close = byteAt(b, q, from, end);
        if (close < 0) return -1;
        const at = splitRef(utf8(b.subarray(from, close)));
        if (!at) return -1;
        col = at.col;
        row = at.row;
        j = close;
      }
      refCol = col;
      refRow = row;
    } else if (a === 115) {
      let n = 0;
      for (c = b[j]!; c >= 48 && c <= 57; c = b[++j]!) n = n * 10 + (c - 48);
      if (c !== q || j === from) {
        const close = byteAt(b, q, from, end);
        if (close < 0) return -1;
        n = Number(utf8(b.subarray(from, close))) || 0;
        j = close;
      }
      style = n;
    } else {
      const close = byteAt(b, q, from, end);
      if (close < 0) return -1;
      // t="s", the usual type, and the other one-letter types without decoding them (as literals:
      // a decoded "n" is another kind of string to V8, and code compiled for the literals was
      // thrown away when one came)
      if (a === 116) type = close === from + 1 ? oneLetterType(b[from]!) ?? utf8(b.subarray(from, close)) : utf8(b.subarray(from, close));
      j = close;
    }
    j++; // past the closing quote
  }
  if (refRow > 0) {
    if (refRow !== rows.row) rows.moveTo(refRow);
    cursor.col = refCol;
  } else cursor.col += 1;
  const column = cursor.col;
  if (empty) return gt + 1;
  // the cell's content: <f>, <v>, <is>, up to </c>
  let raw = '';
  let inline: string | undefined;
  let formula = false;
  // a whole number read in place (a shared string's index, a date serial …; most cells): no
  // text is decoded and parsed
  let whole = -1;
  let q = gt + 1;
  for (;;) {
    const lt2 = byteAt(b, 60, q, end);
    if (lt2 < 0) return -1;
    const d1 = b[lt2 + 1];
    if (d1 === 47 && b[lt2 + 2] === 99 && b[lt2 + 3] === 62) {
      // </c>
      q = lt2 + 4;
      break;
    }
    const isV = d1 === 118 && b[lt2 + 2] === 62;
    if (isV && (type === 's' || type === '' || type === 'n')) {
      let j = lt2 + 3;
      let n = 0;
      for (let c = b[j]!; c >= 48 && c <= 57 && j - lt2 < 12; c = b[++j]!) n = n * 10 + (c - 48);
      if (j > lt2 + 3 && b[j] === 60 && b[j + 1] === 47 && b[j + 2] === 118 && b[j + 3] === 62) {
        whole = n;
        raw = '';
        q = j + 4;
        continue;
      }
    }
    if (isV) {
      whole = -1;
      const vEnd = bytesAt(b, V_CLOSE, lt2 + 3, end);
      if (vEnd < 0) return -1;
      raw = utf8(b.subarray(lt2 + 3, vEnd));
      if (raw.indexOf('<') >= 0) return -1; // CDATA or a comment: the general scanner
      raw = textValue(raw);
      q = vEnd + 4;
    } else if (d1 === 118 && b[lt2 + 2] === 47 && b[lt2 + 3] === 62) {
      // <v/>
      q = lt2 + 4;
    } else if (d1 === 102 && isTagEnd(b[lt2 + 2]!)) {
      formula = true;
      const fGt = byteAt(b, 62, lt2, end);
      if (fGt < 0) return -1;
      if (b[fGt - 1] === 47) q = fGt + 1;
      else {
        const fEnd = bytesAt(b, F_CLOSE, fGt, end);
        if (fEnd < 0) return -1;
        q = fEnd + 4;
      }
    } else if (d1 === 105 && b[lt2 + 2] === 115 && b[lt2 + 3] === 62) {
      // <is>
      const isEnd = bytesAt(b, IS_CLOSE, lt2, end);
      if (isEnd < 0) return -1;
      const inner = utf8(b.subarray(lt2 + 4, isEnd));
      if (inner.indexOf('<!') >= 0) return -1;
      // cellValue decodes the _xHHHH_ escapes of an inline string, once
      inline = runsText(inner);
      q = isEnd + 5;
    } else return -1;
  }
  if (whole >= 0) rows.wholeCell(column, type, whole, style, formula);
  else rows.cell(column, type, type === 'inlineStr' && inline !== undefined ? inline : raw, style, formula);
  return q;
}

/** The cell types of one letter (s, n, b, e, d) as literals; undefined for any other byte. */
function oneLetterType(c: number): string | undefined {
  return c === 115 ? 's' : c === 110 ? 'n' : c === 98 ? 'b' : c === 101 ? 'e' : c === 100 ? 'd' : undefined;
}

const V_CLOSE = ascii('</v>');
const F_CLOSE = ascii('</f>');
const IS_CLOSE = ascii('</is>');

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const isTagEnd = (c: number): boolean => c === 32 || c === 62 || c === 47 || c === 10 || c === 13 || c === 9;

/** A numeric attribute (by its one-letter name) between two positions of a tag; 0 when absent. */
function attrNumber(b: Uint8Array, from: number, to: number, letter: number): number {
  for (let j = from; j < to; ) {
    const eq = byteAt(b, 61, j, to);
    if (eq < 0) return 0;
    const q = b[eq + 1];
    const close = byteAt(b, q === 39 ? 39 : 34, eq + 2, to);
    if (close < 0) return 0;
    let k = j;
    while (k < eq && isSpace(b[k]!)) k++;
    if (eq - k === 1 && b[k] === letter) {
      // up to nine digits read in place (a row number: every row), so it stays a small integer;
      // anything else as Number reads it
      let n = 0;
      let i = eq + 2;
      for (; i < close && i < eq + 11 && b[i]! >= 48 && b[i]! <= 57; i++) n = n * 10 + (b[i]! - 48);
      return i === close && i > eq + 2 ? n | 0 : Number(utf8(b.subarray(eq + 2, close))) || 0;
    }
    j = close + 1;
  }
  return 0;
}

/** "AB12" → column 28, row 12 (undefined when it is not a cell reference). */
function splitRef(ref: string): { col: number; row: number } | undefined {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & 0xdf;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === 0 || i > 3 || i === ref.length) return undefined;
  const row = Number(ref.slice(i));
  return Number.isInteger(row) && row > 0 ? { col, row } : undefined;
}

/** Element text as XML defines it (line ends normalised, entities decoded). */
function textValue(raw: string): string {
  if (raw.indexOf('&') < 0 && raw.indexOf('\r') < 0) return raw;
  return decodeEntities(raw.replace(/\r\n?/g, '\n'));
}

/** The XML text of a string item: its <t> runs, without phonetic (<rPh>) runs; _xHHHH_ escapes still in. */
function runsText(inner: string): string {
  // the usual item: one <t> run and nothing else
  if (inner.charCodeAt(0) === 60 && inner.charCodeAt(1) === 116 && inner.endsWith('</t>')) {
    const gt = inner.indexOf('>');
    const c = inner.charCodeAt(2);
    if ((c === 62 || c === 32) && inner.indexOf('<', gt) === inner.length - 4) return textValue(inner.slice(gt + 1, -4));
  }
  const body = inner.indexOf('<rPh') < 0 ? inner : inner.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += textValue(m[1]!);
  return out;
}

/** The text of a shared string item. */
function inlineText(inner: string): string {
  return decodeOoxmlEscapes(runsText(inner));
}

function scanSheet(xml: Uint8Array, part: string, name: string, ctx: SheetContext): RawSheet {
  const rows = new SheetRows(name, ctx);
  const merges: CellRange[] = [];
  let col = 0;
  let cellType = '';
  let cellStyle = 0;
  let hasFormula = false;
  let inInline = false;
  let phonetic = 0;
  // a cell's <v> text and its inline-string text apart: an inlineStr cell reads only the latter
  let text = '';
  let isText = '';
  let hasInline = false;

  const h: XmlHandlers = {
    capturing: false,
    open(tagName, tag) {
      switch (tagName) {
        case 'row': {
          const r = Number(attr(tag, 'r'));
          rows.moveTo(Number.isInteger(r) && r > 0 ? r : rows.row + 1);
          col = 0;
          break;
        }
        case 'c': {
          const ref = attr(tag, 'r');
          const m = ref ? CELL_REF.exec(ref) : null;
          if (m) {
            col = columnIndex(m[1]!.toUpperCase());
            const r = Number(m[2]);
            if (r !== rows.row) rows.moveTo(r);
          } else col += 1;
          cellType = attr(tag, 't') ?? '';
          cellStyle = Number(attr(tag, 's') ?? 0) || 0;
          hasFormula = false;
          text = '';
          isText = '';
          hasInline = false;
          inInline = false;
          break;
        }
        case 'v':
          h.capturing = true;
          break;
        case 'is':
          inInline = true;
          hasInline = true;
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          if (inInline && phonetic === 0) h.capturing = true;
          break;
        case 'f':
          hasFormula = true;
          break;
        case 'mergeCell': {
          const range = parseRange(attr(tag, 'ref') ?? '');
          if (range) merges.push(range);
          break;
        }
        default:
          break;
      }
    },
    text(t) {
      if (inInline) isText += t;
      else text += t;
    },
    close(tagName) {
      switch (tagName) {
        case 'v':
        case 't':
          h.capturing = false;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c': {
          rows.cell(col, cellType, cellType === 'inlineStr' && hasInline ? isText : text, cellStyle, hasFormula);
          break;
        }
        default:
          break;
      }
    },
  };
  parseXml(xml, part, h);
  return { name, rows: rows.done(), merges };
}

/** OOXML writes control characters as _xHHHH_ (and a literal "_x" as _x005F_x). */
function decodeOoxmlEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function cellValue(type: string, raw: string, style: number, ctx: SheetContext): CellValue | undefined {
  switch (type) {
    case 's':
      // an empty <v> is no index (Number('') would be 0, the first shared string)
      return sharedStringValue(raw.trim() === '' ? -1 : Number(raw), ctx);
    case 'str':
      return raw ? { type: 'string', value: raw } : undefined;
    case 'inlineStr':
      return raw ? { type: 'string', value: decodeOoxmlEscapes(raw) } : undefined;
    case 'b':
      return raw === '' ? undefined : { type: 'boolean', value: raw === '1' || raw.toLowerCase() === 'true' };
    case 'e':
      return raw ? { type: 'error', value: raw } : undefined;
    case 'd': {
      const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(raw.trim());
      if (!m) return raw ? { type: 'string', value: raw } : undefined;
      return { type: 'date', value: m[2] && m[2] !== '00:00:00' ? `${m[1]}T${m[2]}` : m[1]! };
    }
    default: {
      if (raw.trim() === '') return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n)) return { type: 'string', value: raw };
      return numberValue(n, style, ctx);
    }
  }
}

/** A shared-string cell's value: the string at `index` (none for a bad index or an empty string). */
function sharedStringValue(index: number, ctx: SheetContext): CellValue | undefined {
  const s = Number.isInteger(index) && index >= 0 ? ctx.strings.at(index) : undefined;
  return s ? { type: 'string', value: s } : undefined;
}

/**
 * Whole-number cells without a formula, made once and shared by every cell showing the same value
 * (cells are read-only, as the shared-string cells a file shares): numbers below 4,096 (scores,
 * percentages, counts) and dates by their serial. A section's file has thousands; each was two
 * new objects, and a date a lookup of its text.
 */
const NUMBER_CELLS: Array<RawCell | undefined> = new Array<RawCell | undefined>(4096);
const DATE_CELLS = { d1900: new Map<number, RawCell>(), d1904: new Map<number, RawCell>() };

function wholeNumberCell(n: number, style: number, ctx: SheetContext): RawCell {
  if (ctx.dateStyles[style]) {
    const memo = ctx.date1904 ? DATE_CELLS.d1904 : DATE_CELLS.d1900;
    let cell = memo.get(n);
    if (cell === undefined) {
      cell = { value: numberValue(n, style, ctx) };
      if (memo.size < 100_000) memo.set(n, cell);
    }
    return cell;
  }
  if (n >= 4096) return { value: { type: 'number', value: n } };
  let cell = NUMBER_CELLS[n];
  if (cell === undefined) NUMBER_CELLS[n] = cell = { value: { type: 'number', value: n } };
  return cell;
}

/** A number cell's value: a date when its style shows a date, else the number. */
function numberValue(n: number, style: number, ctx: SheetContext): CellValue {
  if (ctx.dateStyles[style]) {
    const iso = serialToIso(n, ctx.date1904);
    if (iso) return { type: 'date', value: iso };
  }
  return { type: 'number', value: n };
}

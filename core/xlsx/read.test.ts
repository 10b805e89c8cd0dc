/**
 * The .xlsx value reader: every package here is hand-written XML zipped with fflate, so each test
 * shows exactly which bytes give which result.
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RowCells, columnIndex, type CellRange, type RawCell, type RawSheet } from './cells';
import { isDateFormat, readWorkbook, workbookParts, type ReadOptions, type ReadResult, type SheetInfo } from './read';
import { formatBytes, type UnusableCode } from './unusable';

// ---------------------------------------------------------------------------------------------
// building packages

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOCUMENT = `${R_NS}/officeDocument`;
const WORKSHEET = `${R_NS}/worksheet`;
const SHARED_STRINGS = `${R_NS}/sharedStrings`;
const STYLES = `${R_NS}/styles`;

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>';

type Data = string | Uint8Array;
const bytesOf = (d: Data): Uint8Array => (typeof d === 'string' ? strToU8(d) : d);

/** Zip entries in the order given (fflate keeps insertion order). */
function zip(entries: Readonly<Record<string, Data>>): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of Object.entries(entries)) z[name] = bytesOf(data);
  return zipSync(z);
}

const relsXml = (rels: ReadonlyArray<readonly [id: string, type: string, target: string]>): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_NS}">` +
  rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('') +
  '</Relationships>';

const ROOT_RELS = relsXml([['rId1', OFFICE_DOCUMENT, 'xl/workbook.xml']]);

type SheetSpec = string | readonly [name: string, state: string];

/** workbook.xml listing sheets rId1…rIdN; `pr` goes in as the workbookPr element. */
function workbookXml(sheets: readonly SheetSpec[], pr = ''): string {
  const list = sheets
    .map((s, i) => {
      const [name, state] = typeof s === 'string' ? [s, undefined] : s;
      return `<sheet name="${name}" sheetId="${i + 1}"${state ? ` state="${state}"` : ''} r:id="rId${i + 1}"/>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${R_NS}">${pr}<bookViews><workbookView/></bookViews><sheets>${list}</sheets></workbook>`;
}

/** workbook.xml.rels: rId1…rIdN → worksheets/sheetN.xml, plus shared strings and styles. */
function workbookRels(count: number): string {
  return relsXml([
    ...Array.from({ length: count }, (_, i) => [`rId${i + 1}`, WORKSHEET, `worksheets/sheet${i + 1}.xml`] as const),
    ['rIdS', SHARED_STRINGS, 'sharedStrings.xml'],
    ['rIdT', STYLES, 'styles.xml'],
  ]);
}

/** A worksheet part around sheetData rows (and anything after sheetData, such as mergeCells). */
const sheetXml = (rows: string, tail = ''): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}" xmlns:r="${R_NS}"><dimension ref="A1"/><sheetData>${rows}</sheetData>${tail}</worksheet>`;

const sstXml = (items: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}">${items}</sst>`;

interface Package {
  readonly workbookXml: string;
  readonly rels: string;
  /** path → part */
  readonly sheets: Readonly<Record<string, Data>>;
  readonly sharedStrings?: string;
  readonly styles?: string;
  /** _rels/.rels; null leaves it out */
  readonly rootRels?: string | null;
  /** more entries (vbaProject.bin …) */
  readonly extra?: Readonly<Record<string, Data>>;
  /** put xl/workbook.xml at the very end of the zip */
  readonly workbookLast?: boolean;
  /** rename every entry (backslashes …) */
  readonly rename?: (path: string) => string;
}

/** A minimal .xlsx package. */
function xlsx(p: Package): Uint8Array {
  const entries: Array<[string, Data]> = [['[Content_Types].xml', CONTENT_TYPES]];
  if (p.rootRels !== null) entries.push(['_rels/.rels', p.rootRels ?? ROOT_RELS]);
  if (!p.workbookLast) entries.push(['xl/workbook.xml', p.workbookXml]);
  entries.push(['xl/_rels/workbook.xml.rels', p.rels]);
  for (const [path, xml] of Object.entries(p.sheets)) entries.push([path, xml]);
  if (p.sharedStrings !== undefined) entries.push(['xl/sharedStrings.xml', p.sharedStrings]);
  if (p.styles !== undefined) entries.push(['xl/styles.xml', p.styles]);
  for (const [path, data] of Object.entries(p.extra ?? {})) entries.push([path, data]);
  if (p.workbookLast) entries.push(['xl/workbook.xml', p.workbookXml]);
  const rename = p.rename ?? ((s: string) => s);
  return zip(Object.fromEntries(entries.map(([path, data]) => [rename(path), data])));
}

interface BookOptions extends Partial<Omit<Package, 'workbookXml' | 'rels' | 'sheets'>> {
  readonly states?: Readonly<Record<string, string>>;
  readonly workbookPr?: string;
}

/** A workbook of sheets (name → full worksheet part), sheet N at xl/worksheets/sheetN.xml. */
function book(sheets: Readonly<Record<string, Data>>, options: BookOptions = {}): Uint8Array {
  const names = Object.keys(sheets);
  const specs = names.map((n): SheetSpec => (options.states?.[n] ? [n, options.states[n]] : n));
  return xlsx({
    ...options,
    workbookXml: workbookXml(specs, options.workbookPr),
    rels: workbookRels(names.length),
    sheets: Object.fromEntries(Object.values(sheets).map((xml, i) => [`xl/worksheets/sheet${i + 1}.xml`, xml])),
  });
}

/** One sheet named S from its sheetData rows. */
const one = (rows: string, options: BookOptions = {}, tail = ''): Uint8Array => book({ S: sheetXml(rows, tail) }, options);

/** styles.xml: custom formats 164… and cellXfs in the order given (index = the cell's s). */
const STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${NS}">` +
  '<numFmts count="6">' +
  '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
  '<numFmt numFmtId="165" formatCode="[$-F800]dddd"/>' +
  '<numFmt numFmtId="166" formatCode="&quot;day&quot;0"/>' +
  '<numFmt numFmtId="167" formatCode="[DBNum1][$-804]General"/>' +
  '<numFmt numFmtId="168" formatCode="0.00%"/>' +
  '<numFmt numFmtId="169" formatCode="General"/>' +
  '</numFmts>' +
  // cellStyleXfs are not cell styles: a date format here must not leak into cellXfs
  '<cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="11">' +
  '<xf numFmtId="0" xfId="0"/>' + // 0 General
  '<xf numFmtId="14" xfId="0" applyNumberFormat="1"/>' + // 1 built-in date
  '<xf numFmtId="164" xfId="0" applyNumberFormat="1"/>' + // 2 yyyy"年"m"月"d"日"
  '<xf numFmtId="165" xfId="0" applyNumberFormat="1"/>' + // 3 [$-F800]dddd
  '<xf numFmtId="10" xfId="0" applyNumberFormat="1"/>' + // 4 built-in 0.00%
  '<xf numFmtId="166" xfId="0" applyNumberFormat="1"/>' + // 5 "day"0
  '<xf numFmtId="167" xfId="0" applyNumberFormat="1"/>' + // 6 Chinese numerals
  '<xf numFmtId="22" xfId="0" applyNumberFormat="1"/>' + // 7 built-in m/d/yy h:mm
  '<xf numFmtId="168" xfId="0" applyNumberFormat="1"/>' + // 8 custom 0.00%
  '<xf numFmtId="169" xfId="0" applyNumberFormat="1"/>' + // 9 custom General
  '<xf numFmtId="49" xfId="0" applyNumberFormat="1"/>' + // 10 built-in @ (text)
  '</cellXfs></styleSheet>';

// ---------------------------------------------------------------------------------------------
// expected values

const str = (value: string): RawCell => ({ value: { type: 'string', value } });
const num = (value: number): RawCell => ({ value: { type: 'number', value } });
const bool = (value: boolean): RawCell => ({ value: { type: 'boolean', value } });
const date = (value: string): RawCell => ({ value: { type: 'date', value } });
const err = (value: string): RawCell => ({ value: { type: 'error', value } });
const fx = (cell: RawCell): RawCell => ({ ...cell, formula: true });

/** A raw sheet from [row, {column letter: cell}] pairs. */
function raw(name: string, rows: ReadonlyArray<readonly [number, Readonly<Record<string, RawCell>>]>, merges: CellRange[] = []): RawSheet {
  return {
    name,
    rows: rows.map(([row, cells]) => ({ row, cells: RowCells.from(Object.entries(cells).map(([letters, cell]) => [columnIndex(letters), cell])) })),
    merges,
  };
}

function ok(data: readonly RawSheet[], more: { sheets?: SheetInfo[]; date1904?: boolean } = {}): ReadResult {
  return {
    ok: true,
    workbook: {
      sheets: more.sheets ?? data.map((s) => ({ name: s.name, state: 'visible' })),
      date1904: more.date1904 ?? false,
      data: new Map(data.map((s) => [s.name, s])),
    },
  };
}

const fail = (code: UnusableCode, params: Record<string, string | number> = {}): ReadResult => ({ ok: false, unusable: { code, params } });

// ---------------------------------------------------------------------------------------------
// readable workbooks

const SHARED = sstXml(
  '<si><t>问题编号</t></si>' + // 0
    '<si><r><rPr><b/></rPr><t>加粗</t></r><r><rPr><i/></rPr><t xml:space="preserve"> 与普通</t></r></si>' + // 1 rich text runs
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>' + // 2 phonetic skipped
    '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><r><t>都</t></r></si>' + // 3 phonetic between runs
    '<si><t>A &amp; B &lt;C&gt; &#x4E2D;</t></si>' + // 4 entities
    '<si><t/></si>' + // 5 empty
    '<si><t xml:space="preserve">  前后空格  </t></si>' + // 6 spaces kept
    '<si><t>第一行\n第二行</t></si>', // 7 line break in a cell
);

/** a date-styled number past 9999-12-31 stays a number; a date style on text keeps the text */
const STYLED_ROW =
  '<row r="1">' +
  '<c r="A1" s="0"><v>45292</v></c>' +
  '<c r="B1" s="1"><v>45292</v></c>' +
  '<c r="C1" s="2"><v>45473</v></c>' +
  '<c r="D1" s="3"><v>45473</v></c>' +
  '<c r="E1" s="4"><v>0.25</v></c>' +
  '<c r="F1" s="5"><v>7</v></c>' +
  '<c r="G1" s="6"><v>12345</v></c>' +
  '<c r="H1" s="7"><v>45292.75</v></c>' +
  '<c r="I1" s="8"><v>0.5</v></c>' +
  '<c r="J1" s="9"><v>45292</v></c>' +
  '<c r="K1" s="10"><v>45292</v></c>' +
  '<c r="L1" s="1"><v>3000000</v></c>' +
  '<c r="M1" s="1"><v>-1</v></c>' +
  '<c r="N1" s="1" t="inlineStr"><is><t>2024年6月30日</t></is></c>' +
  '<c r="O1" s="99"><v>45292</v></c>' +
  '<c r="P1" s="2"><v>45473.5</v></c>' +
  '</row>';

const FORMULA_TEXT = "=cmd|' /C calc'!A0";

const PREFIXED_WORKBOOK = `<?xml version="1.0"?><x:workbook xmlns:x="${NS}" xmlns:r="${R_NS}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="前缀" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`;
const PREFIXED_SHEET =
  `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData>` +
  '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c r="C1"><x:v>3</x:v></x:c></x:row>' +
  '<x:row r="2"><x:c r="A2" s="1"><x:v>43830</x:v></x:c><x:c r="B2"><x:f>C1*2</x:f><x:v>6</x:v></x:c></x:row>' +
  '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>';
const PREFIXED_SST = `<x:sst xmlns:x="${NS}"><x:si><x:r><x:t>前缀</x:t></x:r><x:r><x:t>文字</x:t></x:r></x:si></x:sst>`;
const PREFIXED_STYLES = `<x:styleSheet xmlns:x="${NS}"><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`;

/** a workbook part at book/main.xml, found only through _rels/.rels, with absolute and ../ targets */
const ELSEWHERE = zip({
  '[Content_Types].xml': CONTENT_TYPES,
  '_rels/.rels': relsXml([['rId1', OFFICE_DOCUMENT, '/book/main.xml']]),
  'book/main.xml': workbookXml(['甲']),
  'book/_rels/main.xml.rels': relsXml([
    ['rId1', WORKSHEET, '/book/sheets/first.xml'],
    ['rId2', SHARED_STRINGS, '../shared/strings.xml'],
    ['rId3', STYLES, './look.xml'],
  ]),
  'book/sheets/first.xml': sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45292</v></c></row>'),
  'shared/strings.xml': sstXml('<si><t>别处</t></si>'),
  'book/look.xml': `<styleSheet xmlns="${NS}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
  // a decoy at the usual place: not the workbook the package names
  'xl/workbook.xml': workbookXml(['诱饵']),
});

/** Chinese text whose 3-byte UTF-8 sequence for 中 starts at byte 2^20 - 1: it straddles the reader's 1 MiB decoding chunks. */
const STRADDLE_HEAD = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`;
const STRADDLING_TEXT = `${'a'.repeat((1 << 20) - strToU8(STRADDLE_HEAD).length - 1)}中文`;
const straddling = (): Uint8Array => strToU8(`${STRADDLE_HEAD}${STRADDLING_TEXT}</t></is></c></row></sheetData></worksheet>`);

/** UTF-16LE with a byte order mark (old tools write parts like this). */
function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

const BROKEN_SHEET = sheetXml('<row r="1"><c r=A1><v>1</v></c></row>');

/** four sheets, two of them unreadable: only the wanted ones may be parsed */
const FILTERED = book(
  {
    问题清单: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>要</t></is></c></row>'),
    坏表: BROKEN_SHEET,
    危险: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><worksheet xmlns="${NS}"><sheetData/></worksheet>`,
    草稿: sheetXml('<row r="2"><c r="B2"><v>2</v></c></row>'),
  },
  { states: { 草稿: 'hidden' } },
);

/** broken shared strings and styles, read only when a sheet is wanted */
const NOTHING_WANTED = one('<row r="1"><c r="A1"><v>1</v></c></row>', {
  sharedStrings: sstXml('<si><t>x</t></si><!-- cut'),
  styles: `<styleSheet xmlns="${NS}"><cellXfs><xf numFmtId=14/></cellXfs></styleSheet>`,
});

describe('readWorkbook: values', () => {
  it.each<[string, Uint8Array, ReadOptions, ReadResult]>([
    [
      'shared strings: plain, rich text runs joined, phonetic <rPh> skipped, entities, empty and out-of-range indexes dropped',
      one(
        '<row r="1">' +
          [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('') +
          '<c r="I1" t="s"/><c r="J1" t="s"><v>99</v></c><c r="K1" t="s" s="1"><v></v></c>' +
          '</row>',
        { sharedStrings: SHARED },
      ),
      {},
      ok([
        raw('S', [
          [
            1,
            {
              A: str('问题编号'),
              B: str('加粗 与普通'),
              C: str('漢字'),
              D: str('東京都'),
              E: str('A & B <C> 中'),
              G: str('  前后空格  '),
              H: str('第一行\n第二行'),
            },
          ],
        ]),
      ]),
    ],
    [
      'inline strings: plain, rich, phonetic skipped, empty dropped',
      one(
        '<row r="1">' +
          '<c r="A1" t="inlineStr"><is><t>内联文字</t></is></c>' +
          '<c r="B1" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c>' +
          '<c r="C1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></is></c>' +
          '<c r="D1" t="inlineStr"><is><t></t></is></c>' +
          '<c r="E1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>' +
          '</row>',
      ),
      {},
      ok([raw('S', [[1, { A: str('内联文字'), B: str('富文本'), C: str('漢字'), E: str(' x ') }]])]),
    ],
    [
      'text beyond ASCII wherever a value sits: CJK, a 4-byte emoji, an entity, a formula result, an error',
      one('<row r="1"><c r="A1" t="inlineStr"><is><t>中文😀&#x4E2D;é</t></is></c><c r="B1" t="str"><f>A1&amp;"式"</f><v>公式😀</v></c><c r="C1" t="e"><v>#名称?</v></c><c r="D1"><v>1</v></c></row>'),
      {},
      ok([raw('S', [[1, { A: str('中文😀中é'), B: fx(str('公式😀')), C: { value: { type: 'error', value: '#名称?' } }, D: num(1) }]])]),
    ],
    [
      'inline strings: _xHHHH_ escapes decoded exactly once (an escaped "_x" stays literal)',
      one('<row r="1"><c r="A1" t="inlineStr"><is><t>_x005F_x0041_</t></is></c><c r="B1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>'),
      {},
      ok([raw('S', [[1, { A: str('_x0041_'), B: str('a\rb') }]])]),
    ],
    [
      'typed cells: str, b, e, d (ISO dates), numbers, text in a number cell, empty values dropped',
      one(
        '<row r="1">' +
          '<c r="A1" t="str"><v>公式文本</v></c>' +
          '<c r="B1" t="b"><v>1</v></c>' +
          '<c r="C1" t="b"><v>0</v></c>' +
          '<c r="D1" t="b"><v>TRUE</v></c>' +
          '<c r="E1" t="e"><v>#N/A</v></c>' +
          '<c r="F1" t="e"><v>#DIV/0!</v></c>' +
          '<c r="G1" t="d"><v>2024-06-30</v></c>' +
          '<c r="H1" t="d"><v>2024-06-30T13:45:10</v></c>' +
          '<c r="I1" t="d"><v>2024-06-30T00:00:00.000Z</v></c>' +
          '<c r="J1" t="d"><v>30/06/2024</v></c>' +
          '<c r="K1"><v>42</v></c>' +
          '<c r="L1" t="n"><v>-1.25</v></c>' +
          '<c r="M1"><v>1.5E3</v></c>' +
          '<c r="N1"><v>abc</v></c>' +
          '<c r="O1"><v></v></c>' +
          '<c r="P1"><v>  </v></c>' +
          '<c r="Q1" t="str"><v></v></c>' +
          '<c r="R1" t="b"/>' +
          '<c r="S1" t="e"><v></v></c>' +
          '<c r="T1" t="d"><v></v></c>' +
          '<c r="U1" s="3"/>' +
          '<c r="V1"><v>0</v></c>' +
          '</row>',
      ),
      {},
      ok([
        raw('S', [
          [
            1,
            {
              A: str('公式文本'),
              B: bool(true),
              C: bool(false),
              D: bool(true),
              E: err('#N/A'),
              F: err('#DIV/0!'),
              G: date('2024-06-30'),
              H: date('2024-06-30T13:45:10'),
              I: date('2024-06-30'),
              J: str('30/06/2024'),
              K: num(42),
              L: num(-1.25),
              M: num(1500),
              N: str('abc'),
              V: num(0),
            },
          ],
        ]),
      ]),
    ],
    [
      'dates by number format: built-in 14 and 22, yyyy"年"m"月"d"日", [$-F800]dddd; not 0.00%, "day"0, [DBNum1]General, General, @',
      one(STYLED_ROW, { styles: STYLES_XML }),
      {},
      ok([
        raw('S', [
          [
            1,
            {
              A: num(45292),
              B: date('2024-01-01'),
              C: date('2024-06-30'),
              D: date('2024-06-30'),
              E: num(0.25),
              F: num(7),
              G: num(12345),
              H: date('2024-01-01T18:00:00'),
              I: num(0.5),
              J: num(45292),
              K: num(45292),
              L: num(3000000),
              M: num(-1),
              N: str('2024年6月30日'),
              O: num(45292),
              P: date('2024-06-30T12:00:00'),
            },
          ],
        ]),
      ]),
    ],
    [
      'the 1904 date system (<workbookPr date1904="1"/>)',
      one('<row r="1"><c r="A1" s="1"><v>43830</v></c><c r="B1" s="1"><v>0</v></c><c r="C1" s="7"><v>43830.5</v></c><c r="D1"><v>43830</v></c></row>', {
        styles: STYLES_XML,
        workbookPr: '<workbookPr date1904="1" defaultThemeVersion="124226"/>',
      }),
      {},
      ok([raw('S', [[1, { A: date('2024-01-01'), B: date('1904-01-01'), C: date('2024-01-01T12:00:00'), D: num(43830) }]])], { date1904: true }),
    ],
    [
      'date1904="true" counts too; date1904="0" does not',
      book(
        { S: sheetXml('<row r="1"><c r="A1" s="1"><v>43830</v></c></row>') },
        { styles: STYLES_XML, workbookPr: '<workbookPr date1904="true"/>' },
      ),
      {},
      ok([raw('S', [[1, { A: date('2024-01-01') }]])], { date1904: true }),
    ],
    [
      'date1904="0" is the 1900 system',
      one('<row r="1"><c r="A1" s="1"><v>43830</v></c></row>', { styles: STYLES_XML, workbookPr: '<workbookPr date1904="0"/>' }),
      {},
      ok([raw('S', [[1, { A: date('2019-12-31') }]])]),
    ],
    [
      'formula cells are flagged with their cached value; a formula without a cached value gives no cell',
      one(
        '<row r="1">' +
          '<c r="A1"><f>SUM(B1:C1)</f><v>3</v></c>' +
          '<c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
          '<c r="C1" t="b"><f>TRUE()</f><v>1</v></c>' +
          '<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
          '<c r="E1"><f t="shared" ref="E1:E2" si="0">A1*2</f><v>6</v></c>' +
          '<c r="F1"><f>NOW()</f></c>' +
          '<c r="G1" s="1"><f>TODAY()</f><v>45292</v></c>' +
          '<c r="H1"><v>5</v></c>' +
          '</row>' +
          '<row r="2"><c r="E2"><f t="shared" si="0"/><v>8</v></c></row>',
        { styles: STYLES_XML },
      ),
      {},
      ok([
        raw('S', [
          [1, { A: fx(num(3)), B: fx(str('ab')), C: fx(bool(true)), D: fx(err('#DIV/0!')), E: fx(num(6)), G: fx(date('2024-01-01')), H: num(5) }],
          [2, { E: fx(num(8)) }],
        ]),
      ]),
    ],
    [
      `formula-like text (${FORMULA_TEXT}) stays a plain string, never a formula`,
      one(
        '<row r="1">' +
          '<c r="A1" t="s"><v>0</v></c>' +
          `<c r="B1" t="inlineStr"><is><t>${FORMULA_TEXT}</t></is></c>` +
          `<c r="C1" t="str"><v>${FORMULA_TEXT}</v></c>` +
          '<c r="D1" t="inlineStr"><is><t>=1+1</t></is></c>' +
          '</row>',
        { sharedStrings: sstXml(`<si><t>${FORMULA_TEXT}</t></si>`) },
      ),
      {},
      ok([raw('S', [[1, { A: str(FORMULA_TEXT), B: str(FORMULA_TEXT), C: str(FORMULA_TEXT), D: str('=1+1') }]])]),
    ],
    [
      'cells and rows without r attributes follow the previous ones',
      one(
        '<row><c><v>1</v></c><c><v>2</v></c></row>' +
          '<row><c t="inlineStr"><is><t>x</t></is></c></row>' +
          '<row r="5"><c><v>5</v></c><c r="D5"><v>6</v></c><c><v>7</v></c></row>' +
          '<row><c r="B6"><v>8</v></c></row>' +
          '<row r="7"/>' +
          '<row><c><v>9</v></c></row>',
      ),
      {},
      ok([
        raw('S', [
          [1, { A: num(1), B: num(2) }],
          [2, { A: str('x') }],
          [5, { A: num(5), D: num(6), E: num(7) }],
          [6, { B: num(8) }],
          [8, { A: num(9) }],
        ]),
      ]),
    ],
    [
      'rows out of order come out in row order; rows without values are left out',
      one(
        '<row r="3"><c r="B3"><v>3</v></c></row>' +
          '<row r="1"><c r="A1"><v>1</v></c></row>' +
          '<row r="4" ht="30" customHeight="1"><c r="A4" s="1"/></row>' +
          '<row r="2"><c r="C2"><v>2</v></c></row>',
      ),
      {},
      ok([raw('S', [[1, { A: num(1) }], [2, { C: num(2) }], [3, { B: num(3) }]])]),
    ],
    [
      'lower-case cell references are read',
      one('<row r="1"><c r="b1"><v>1</v></c><c r="aa1"><v>2</v></c></row>'),
      {},
      ok([raw('S', [[1, { B: num(1), AA: num(2) }]])]),
    ],
    [
      'namespace-prefixed elements in every part (x:worksheet, x:row, x:c, x:sst, x:workbook)',
      xlsx({
        workbookXml: PREFIXED_WORKBOOK,
        rels: workbookRels(1),
        sheets: { 'xl/worksheets/sheet1.xml': PREFIXED_SHEET },
        sharedStrings: PREFIXED_SST,
        styles: PREFIXED_STYLES,
      }),
      {},
      ok(
        [
          raw(
            '前缀',
            [
              [1, { A: str('前缀文字'), B: str('内联'), C: num(3) }],
              [2, { A: date('2024-01-01'), B: fx(num(6)) }],
            ],
            [{ top: 1, left: 1, bottom: 1, right: 2 }],
          ),
        ],
        { date1904: true },
      ),
    ],
    [
      'xl/workbook.xml after the sheets in the zip (entry order does not matter)',
      one('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { sharedStrings: sstXml('<si><t>最后</t></si>'), workbookLast: true }),
      {},
      ok([raw('S', [[1, { A: str('最后') }]])]),
    ],
    [
      'backslash entry names (xl\\worksheets\\sheet1.xml) and no _rels/.rels',
      one('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45292</v></c></row>', {
        sharedStrings: sstXml('<si><t>反斜杠</t></si>'),
        styles: STYLES_XML,
        rootRels: null,
        rename: (p) => p.replace(/\//g, '\\'),
      }),
      {},
      ok([raw('S', [[1, { A: str('反斜杠'), B: date('2024-01-01') }]])]),
    ],
    [
      'entry names differing in case from the relationships (XL/Worksheets/Sheet1.xml)',
      one('<row r="1"><c r="A1"><v>1</v></c></row>', { rename: (p) => (p.startsWith('xl/') ? p.replace('xl/worksheets/sheet1.xml', 'XL/Worksheets/Sheet1.xml') : p) }),
      {},
      ok([raw('S', [[1, { A: num(1) }]])]),
    ],
    [
      'a workbook part not at xl/workbook.xml, found through _rels/.rels (absolute and ../ targets)',
      ELSEWHERE,
      {},
      ok([raw('甲', [[1, { A: str('别处'), B: date('2024-01-01') }]])]),
    ],
    [
      'sheet states: visible, hidden, veryHidden; an unknown state is visible',
      book(
        { 一: sheetXml(''), 二: sheetXml(''), 三: sheetXml(''), 四: sheetXml('') },
        { states: { 二: 'hidden', 三: 'veryHidden', 四: 'odd' } },
      ),
      {},
      ok([raw('一', []), raw('二', []), raw('三', []), raw('四', [])], {
        sheets: [
          { name: '一', state: 'visible' },
          { name: '二', state: 'hidden' },
          { name: '三', state: 'veryHidden' },
          { name: '四', state: 'visible' },
        ],
      }),
    ],
    [
      'the sheets filter: an unwanted sheet with broken XML (and a DOCTYPE) is never parsed',
      FILTERED,
      { sheets: (name) => name === '问题清单' || name === '草稿' },
      ok([raw('问题清单', [[1, { A: str('要') }]]), raw('草稿', [[2, { B: num(2) }]])], {
        sheets: [
          { name: '问题清单', state: 'visible' },
          { name: '坏表', state: 'visible' },
          { name: '危险', state: 'visible' },
          { name: '草稿', state: 'hidden' },
        ],
      }),
    ],
    [
      'no sheet wanted: broken shared strings and styles are not parsed either',
      NOTHING_WANTED,
      { sheets: () => false },
      { ok: true, workbook: { sheets: [{ name: 'S', state: 'visible' }], date1904: false, data: new Map() } },
    ],
    [
      'merge ranges are returned (normalised; a bad ref is skipped); they do not fill cells',
      one(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row><row r="3"><c r="B3"><v>1</v></c></row>',
        {},
        '<mergeCells count="4"><mergeCell ref="A1:F1"/><mergeCell ref="B3:B5"/><mergeCell ref="D9:C7"/><mergeCell ref="nonsense"/><mergeCell ref="A1:XFD1048576"/></mergeCells>',
      ),
      {},
      ok([
        raw(
          'S',
          [
            [1, { A: str('标题') }],
            [3, { B: num(1) }],
          ],
          [
            { top: 1, left: 1, bottom: 1, right: 6 },
            { top: 3, left: 2, bottom: 5, right: 2 },
            { top: 7, left: 3, bottom: 9, right: 4 },
            { top: 1, left: 1, bottom: 1048576, right: 16384 },
          ],
        ),
      ]),
    ],
    [
      'a sheet whose part is missing (or whose relationship is missing) reads as empty',
      xlsx({
        workbookXml: workbookXml(['有', '无文件', '无关系']),
        rels: relsXml([
          ['rId1', WORKSHEET, 'worksheets/sheet1.xml'],
          ['rId2', WORKSHEET, 'worksheets/gone.xml'],
        ]),
        sheets: { 'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') },
      }),
      {},
      ok([raw('有', [[1, { A: num(1) }]]), raw('无文件', []), raw('无关系', [])]),
    ],
    [
      'limits reached exactly are fine (rows, cell text, cells)',
      book({
        A: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>12345</t></is></c></row><row r="2"/><row r="3"><c r="B3"><v>1</v></c></row>'),
        B: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>'),
      }, { sharedStrings: sstXml('<si><t>abcde</t></si>') }),
      { limits: { maxRowsPerSheet: 2, maxCellChars: 5, maxCells: 4 } },
      ok([raw('A', [[1, { A: str('12345') }], [3, { B: num(1) }]]), raw('B', [[1, { A: str('abcde'), B: num(2) }]])]),
    ],
    [
      'a UTF-16 worksheet part with a byte order mark',
      book({ S: utf16le(`<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>十六位</t></is></c></row></sheetData></worksheet>`) }),
      {},
      ok([raw('S', [[1, { A: str('十六位') }]])]),
    ],
    [
      'a UTF-8 byte order mark on a worksheet part',
      book({ S: new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'))]) }),
      {},
      ok([raw('S', [[1, { A: num(1) }]])]),
    ],
    [
      'Chinese text split across the 1 MiB decoding chunks of a large part',
      book({ S: straddling() }),
      { limits: { maxCompressionRatio: 1_000_000, maxCellChars: 2_000_000 } },
      ok([raw('S', [[1, { A: str(STRADDLING_TEXT) }]])]),
    ],
  ])('%s', (_what, bytes, options, expected) => {
    expect(readWorkbook(bytes, options)).toStrictEqual(expected);
  });

  it('really puts xl/workbook.xml last in the "entry order" package', () => {
    const bytes = one('<row r="1"><c r="A1"><v>1</v></c></row>', { workbookLast: true });
    expect(Object.keys(unzipSync(bytes))).toStrictEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/workbook.xml',
    ]);
  });

  it('really uses backslash entry names in the "backslash" package', () => {
    const bytes = one('', { rootRels: null, rename: (p) => p.replace(/\//g, '\\') });
    expect(Object.keys(unzipSync(bytes))).toStrictEqual([
      '[Content_Types].xml',
      'xl\\workbook.xml',
      'xl\\_rels\\workbook.xml.rels',
      'xl\\worksheets\\sheet1.xml',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// unusable files

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16Name = (name: string): number[] => [...name].flatMap((c) => [c.charCodeAt(0), 0]);
/** An OLE2 compound file: the magic, a header's worth of zeros, then directory names. */
const ole = (...names: string[]): Uint8Array =>
  new Uint8Array([...OLE, ...new Array<number>(504).fill(0), ...names.flatMap((n) => [...utf16Name(n), ...new Array<number>(64 - n.length * 2).fill(0)])]);

/** Deterministic noise that is neither a zip nor OLE nor text. */
function noise(length: number): Uint8Array {
  let seed = 42;
  const out = new Uint8Array(length).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
  out[0] = 0x13;
  return out;
}

const VALID = one('<row r="1"><c r="A1" t="inlineStr"><is><t>完整</t></is></c></row>');

/** a zip whose parts add up past maxUncompressedBytes, and what the reader counted when it stopped */
const BIG_SHEET = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'大'.repeat(2000)}</t></is></c></row>`);
const BIG = one(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'大'.repeat(2000)}</t></is></c></row>`);
const BEFORE_SHEET = [ROOT_RELS, workbookRels(1), workbookXml(['S'])].reduce((n, part) => n + strToU8(part).length, 0);
const BIG_TOTAL = BEFORE_SHEET + strToU8(BIG_SHEET).length;

/** 2 MiB of blank space in a sheet: tiny compressed, far beyond a 200:1 ratio */
const PADDED = book({ S: `<worksheet xmlns="${NS}"><sheetData>${' '.repeat(2 * 1024 * 1024)}</sheetData></worksheet>` });

const SPREADSHEET_2003 =
  '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n' +
  '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
  '<Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">问题编号</Data></Cell></Row></Table></Worksheet></Workbook>';

const DOCX_RELS = relsXml([['rId1', OFFICE_DOCUMENT, 'word/document.xml']]);
const PPTX_RELS = relsXml([['rId1', OFFICE_DOCUMENT, 'ppt/presentation.xml']]);

describe('readWorkbook: unusable files', () => {
  it.each<[string, Uint8Array, ReadOptions, ReadResult]>([
    ['empty bytes', new Uint8Array(0), {}, fail('U_EMPTY_FILE')],
    ['the "sheets filter" workbook read whole (its second sheet is broken)', FILTERED, {}, fail('U_BROKEN_XML', { part: 'xl/worksheets/sheet2.xml', detail: 'an unquoted attribute in <c>' })],
    ['the "no sheet wanted" workbook read whole', NOTHING_WANTED, {}, fail('U_BROKEN_XML', { part: 'xl/sharedStrings.xml', detail: 'unexpected end of the part' })],
    ['its styles, once the shared strings are fine', one('<row r="1"><c r="A1"><v>1</v></c></row>', { styles: `<styleSheet xmlns="${NS}"><cellXfs><xf numFmtId=14/></cellXfs></styleSheet>` }), {}, fail('U_BROKEN_XML', { part: 'xl/styles.xml', detail: 'an unquoted attribute in <xf>' })],
    ['the "sheets filter" workbook with only its DOCTYPE sheet wanted', FILTERED, { sheets: (name) => name === '危险' }, fail('U_UNSAFE_XML', { part: 'xl/worksheets/sheet3.xml' })],
    ['larger than maxFileBytes', new Uint8Array(2048), { limits: { maxFileBytes: 1024 } }, fail('U_TOO_LARGE', { size: '2 KB', limit: '1 KB' })],
    ['a real package one byte over maxFileBytes', VALID, { limits: { maxFileBytes: VALID.length - 1 } }, fail('U_TOO_LARGE', { size: formatBytes(VALID.length), limit: formatBytes(VALID.length - 1) })],
    [
      'more rows than maxRowsPerSheet',
      book({ 甲: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="9"><c r="A9"><v>3</v></c></row>') }),
      { limits: { maxRowsPerSheet: 2 } },
      fail('U_TOO_MANY_ROWS', { sheet: '甲', limit: 2 }),
    ],
    [
      'inline text longer than maxCellChars',
      book({ 乙: sheetXml('<row r="7"><c r="A7"><v>1</v></c><c r="C7" t="inlineStr"><is><t>abcdef</t></is></c></row>') }),
      { limits: { maxCellChars: 5 } },
      fail('U_CELL_TOO_LONG', { sheet: '乙', cell: 'C7', limit: 5 }),
    ],
    [
      'a shared string longer than maxCellChars, in a cell without r (AA3)',
      book(
        { 丙: sheetXml(`<row r="3">${'<c><v>0</v></c>'.repeat(26)}<c t="s"><v>0</v></c></row>`) },
        { sharedStrings: sstXml(`<si><t>${'长'.repeat(40)}</t></si>`) },
      ),
      { limits: { maxCellChars: 30 } },
      fail('U_CELL_TOO_LONG', { sheet: '丙', cell: 'AA3', limit: 30 }),
    ],
    [
      'a limit given as undefined keeps its default (32,767 characters a cell)',
      book({ 丁: sheetXml(`<row r="2"><c r="B2" t="inlineStr"><is><t>${'长'.repeat(32_768)}</t></is></c></row>`) }),
      { limits: { maxCellChars: undefined, maxRowsPerSheet: 5 } },
      fail('U_CELL_TOO_LONG', { sheet: '丁', cell: 'B2', limit: 32_767 }),
    ],
    [
      'more cells than maxCells, counted over all sheets read',
      book({ A: sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'), B: sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>') }),
      { limits: { maxCells: 4 } },
      fail('U_TOO_MANY_CELLS', { limit: 4 }),
    ],
    [
      'a DOCTYPE in workbook.xml',
      xlsx({ workbookXml: workbookXml(['S']).replace('<workbook', '<!DOCTYPE workbook><workbook'), rels: workbookRels(1), sheets: {} }),
      {},
      fail('U_UNSAFE_XML', { part: 'xl/workbook.xml' }),
    ],
    [
      'an entity bomb in sharedStrings.xml',
      one('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {
        sharedStrings:
          '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
          `<sst xmlns="${NS}"><si><t>&lol2;</t></si></sst>`,
      }),
      {},
      fail('U_UNSAFE_XML', { part: 'xl/sharedStrings.xml' }),
    ],
    [
      'a DOCTYPE in a sheet that is read',
      book({ S: `<?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "http://example.com/x.dtd"><worksheet xmlns="${NS}"><sheetData/></worksheet>` }),
      {},
      fail('U_UNSAFE_XML', { part: 'xl/worksheets/sheet1.xml' }),
    ],
    [
      'malformed XML in a read sheet (an unquoted attribute)',
      book({ S: sheetXml('<row r="1"><c r=A1><v>1</v></c></row>') }),
      {},
      fail('U_BROKEN_XML', { part: 'xl/worksheets/sheet1.xml', detail: 'an unquoted attribute in <c>' }),
    ],
    [
      'a sheet part cut off inside a tag (the second sheet)',
      book({ 好: sheetXml(''), 坏: `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A` }),
      {},
      fail('U_BROKEN_XML', { part: 'xl/worksheets/sheet2.xml', detail: 'unexpected end of the part' }),
    ],
    [
      'a "<" that starts no element',
      book({ S: sheetXml('< row r="1"/>') }),
      {},
      fail('U_BROKEN_XML', { part: 'xl/worksheets/sheet1.xml', detail: 'a "<" that starts no element' }),
    ],
    [
      'malformed workbook.xml',
      xlsx({ workbookXml: '<workbook><sheets><sheet name="S" r:id="rId1"', rels: workbookRels(1), sheets: {} }),
      {},
      fail('U_BROKEN_XML', { part: 'xl/workbook.xml', detail: 'unexpected end of the part' }),
    ],
    [
      'malformed shared strings (an unterminated comment)',
      one('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { sharedStrings: sstXml('<si><t>x</t></si><!-- cut') }),
      {},
      fail('U_BROKEN_XML', { part: 'xl/sharedStrings.xml', detail: 'unexpected end of the part' }),
    ],
    [
      'parts that add up past maxUncompressedBytes',
      BIG,
      { limits: { maxUncompressedBytes: BEFORE_SHEET + 100 } },
      fail('U_ZIP_BOMB', { size: formatBytes(BIG_TOTAL), limit: formatBytes(BEFORE_SHEET + 100), ratio: 200 }),
    ],
    ['a large part compressed beyond maxCompressionRatio', PADDED, {}, fail('U_ZIP_BOMB', { size: '2.0 MB', limit: '400.0 MB', ratio: 200 })],
    ['a truncated zip', VALID.subarray(0, Math.floor(VALID.length / 2)), {}, fail('U_BROKEN_ZIP')],
    ['"PK" and garbage', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(100).fill(7)]), {}, fail('U_BROKEN_ZIP')],
    ['a zip with no entries', zip({}), {}, fail('U_BROKEN_ZIP')],
    [
      'an OpenDocument spreadsheet (mimetype entry)',
      zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>', 'META-INF/manifest.xml': '<manifest/>' }),
      {},
      fail('U_ODS'),
    ],
    [
      'an .xlsb (xl/workbook.bin as the officeDocument)',
      zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': relsXml([['rId1', OFFICE_DOCUMENT, 'xl/workbook.bin']]), 'xl/workbook.bin': new Uint8Array([0x83, 1, 0]) }),
      {},
      fail('U_XLSB'),
    ],
    ['an .xlsb without _rels/.rels', zip({ 'xl/workbook.bin': new Uint8Array([0x83, 1, 0]) }), {}, fail('U_XLSB')],
    ['an Apple Numbers package', zip({ 'Index/Document.iwa': new Uint8Array([1, 2, 3]), 'Metadata/Properties.plist': 'x' }), {}, fail('U_NUMBERS')],
    [
      'a Word document (with the _rels/.rels every .docx has)',
      zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': DOCX_RELS, 'word/document.xml': '<w:document xmlns:w="w"><w:body/></w:document>' }),
      {},
      fail('U_WORD'),
    ],
    ['a bare word/document.xml', zip({ 'word/document.xml': '<w:document xmlns:w="w"/>' }), {}, fail('U_WORD')],
    [
      'a PowerPoint presentation',
      zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': PPTX_RELS, 'ppt/presentation.xml': '<p:presentation xmlns:p="p"/>' }),
      {},
      fail('U_WORD'),
    ],
    [
      'macros (xl/vbaProject.bin)',
      one('<row r="1"><c r="A1"><v>1</v></c></row>', { extra: { 'xl/vbaProject.bin': new Uint8Array([...OLE, 0, 0]) } }),
      {},
      fail('U_MACROS'),
    ],
    ['OLE2 with a UTF-16LE "EncryptedPackage" stream', ole('Root Entry', 'EncryptedPackage'), {}, fail('U_ENCRYPTED')],
    ['OLE2 with a UTF-16LE "EncryptionInfo" stream', ole('Root Entry', 'EncryptionInfo'), {}, fail('U_ENCRYPTED')],
    ['OLE2 ending exactly on "EncryptedPackage"', new Uint8Array([...OLE, 0, 0, ...utf16Name('EncryptedPackage')]), {}, fail('U_ENCRYPTED')],
    ['OLE2 with "EncryptedPackage" in ASCII only is an .xls', new Uint8Array([...OLE, 0, 0, ...strToU8('EncryptedPackage'), 0, 0]), {}, fail('U_XLS')],
    ['OLE2 without it (an .xls or .et)', ole('Root Entry', 'Workbook'), {}, fail('U_XLS')],
    ['OLE2 Word 97 document', ole('Root Entry', 'WordDocument'), {}, fail('U_WORD')],
    ['an HTML page', strToU8('<html><head><meta charset="utf-8"></head><body><table><tr><td>问题编号</td></tr></table></body></html>'), {}, fail('U_HTML')],
    ['an HTML page with a BOM, blank lines and a doctype', strToU8('\uFEFF\r\n  <!DOCTYPE html>\n<HTML><body></body></HTML>'), {}, fail('U_HTML')],
    ['an HTML table fragment', strToU8('<table><tr><td>1</td></tr></table>'), {}, fail('U_HTML')],
    ['a CSV text', strToU8('问题编号,问题描述,整改时限\nAJ-001,办事效率不高,2024-06-30\n'), {}, fail('U_CSV')],
    ['a tab-separated text with a BOM', strToU8('\uFEFF编号\t内容\r\n1\t学习\r\n'), {}, fail('U_CSV')],
    ['a SpreadsheetML 2003 XML workbook', strToU8(SPREADSHEET_2003), {}, fail('U_XML_SPREADSHEET')],
    ['other XML', strToU8('<?xml version="1.0"?><note><to>x</to></note>'), {}, fail('U_NOT_WORKBOOK')],
    ['random binary', noise(4096), {}, fail('U_NOT_WORKBOOK')],
    ['a zip without a workbook', zip({ 'readme.txt': 'hello' }), {}, fail('U_NOT_WORKBOOK')],
    ['a workbook with <sheets/>', xlsx({ workbookXml: `<workbook xmlns="${NS}"><sheets/></workbook>`, rels: workbookRels(0), sheets: {} }), {}, fail('U_NO_SHEETS')],
  ])('%s', (_what, bytes, options, expected) => {
    expect(readWorkbook(bytes, options)).toStrictEqual(expected);
  });

  it('reads the padded package once the ratio limit allows it', () => {
    expect(readWorkbook(PADDED, { limits: { maxCompressionRatio: 100_000 } })).toStrictEqual(ok([raw('S', [])]));
  });

  it('gives a verdict, never an exception, for every prefix of a package', () => {
    const codes = new Set<string>();
    for (let n = 1; n < VALID.length; n += 7) {
      const result = readWorkbook(VALID.subarray(0, n));
      codes.add(result.ok ? 'ok' : result.unusable.code);
    }
    // one byte "P" is plain text; from "PK" on it is a zip without its central directory
    expect([...codes]).toStrictEqual(['U_CSV', 'U_BROKEN_ZIP']);
  });
});

describe('readWorkbook: whole numbers read in place', () => {
  const sst = sstXml('<si><t>零</t></si><si><t>一</t></si><si><t></t></si><si><t>三</t></si>');
  it.each([
    ['<v>1</v>', '一'],
    ['<v>001</v>', '一'],
    ['<v> 3 </v>', '三'],
    ['<f>A1</f><v>3</v>', '三'],
    ['<v>2</v>', undefined],
    ['<v>4</v>', undefined],
    ['<v>99999999999</v>', undefined],
    ['<v>1.0</v>', '一'],
    ['<v>-1</v>', undefined],
    ['<v>&#51;</v>', '三'],
    ['<v/>', undefined],
  ])('%s reads as %s, as the general scanner reads it', (content, expected) => {
    const bytes = one(`<row r="1"><c r="A1" t="s">${content}</c></row>`, { sharedStrings: sst });
    const read = readWorkbook(bytes);
    const cell = read.ok ? read.workbook.data.get('S')!.rows[0]?.cells.get(1)?.value : read.unusable.code;
    expect(cell === undefined ? undefined : typeof cell === 'object' && cell.type === 'string' ? cell.value : cell).toBe(expected);
    expect(read).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
  });

  it.each([
    ['<c r="A1"><v>45381</v></c>', { type: 'number', value: 45381 }],
    ['<c r="A1" t="n"><v>007</v></c>', { type: 'number', value: 7 }],
    ['<c r="A1" t="n"><v>0</v></c>', { type: 'number', value: 0 }],
    ['<c r="A1"><v>12345678901</v></c>', { type: 'number', value: 12345678901 }],
    ['<c r="A1"><v>1.5</v></c>', { type: 'number', value: 1.5 }],
    ['<c r="A1"><f>B1</f><v>3</v></c>', { type: 'number', value: 3 }],
  ])('a whole number in place: %s', (cell, expected) => {
    const bytes = one(`<row r="1">${cell}</row>`);
    const read = readWorkbook(bytes);
    expect(read.ok && read.workbook.data.get('S')!.rows[0]?.cells.get(1)?.value).toStrictEqual(expected);
    expect(read).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
  });
});

describe('readWorkbook: the rows read in place as bytes, the rest of the part as text', () => {
  const prompt = '<dataValidations count="1"><dataValidation type="list" sqref="B2" promptTitle="提示" prompt="请选择"><formula1>"是,否"</formula1></dataValidation></dataValidations>';
  const merged = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>';
  const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>问题</t></is></c></row><row r="2"><c r="A2"><v>45381</v></c><c r="B2" t="inlineStr"><is><t>是</t></is></c></row>';
  it.each([
    ['ASCII rows, non-ASCII prompt and merged cells after them', '<row r="2"><c r="A2"><v>1</v></c></row>', prompt + merged],
    ['non-ASCII rows and tail', rows, merged + prompt],
    ['no rows', '', prompt],
    ['a ">" inside an attribute, empty cells with and without a space, a decimal, an odd type', '<row r="1" spans="1:4"><c r="A1" x:note="a>b" t="s"><v>0</v></c><c r="B1"/><c r="C1" s="2" /><c r="D1"><v>1.25</v></c><c r="E1" t="str"><v>文本 &amp; x</v></c><c r="F1" t="b"><v>1</v></c></row>', ''],
    ['cells without references, a formula, rows without numbers', '<row><c><v>1</v></c><c t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row><row><c r="C2"><f t="shared" si="0"/><v>3</v></c></row>', ''],
  ])('%s: read as the general scanner reads them', (_, data, tail) => {
    const bytes = one(data, {}, tail);
    const read = readWorkbook(bytes);
    expect(read.ok).toBe(true);
    expect(read).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
  });

  it.each([
    ['r, s and t in the usual order', '<c r="B1" s="2" t="s"><v>1</v></c>'],
    ['r and t', '<c r="B1" t="s"><v>1</v></c>'],
    ['t before s', '<c r="B1" t="s" s="2"><v>1</v></c>'],
    ['s before r', '<c s="2" r="B1"><v>5</v></c>'],
    ['a lower-case reference', '<c r="b1" t="s"><v>1</v></c>'],
    ['a reference of four letters', '<c r="ABCD1"><v>5</v></c>'],
    ['a reference without a row', '<c r="B" t="s"><v>1</v></c>'],
    ['a style that is not a number', '<c r="B1" s="x" t="s"><v>1</v></c>'],
    ['an empty style', '<c r="B1" s="" t="s"><v>1</v></c>'],
    ['t="str"', '<c r="B1" s="2" t="str"><v>文本</v></c>'],
    ['t="s" followed by another attribute', '<c r="B1" t="s" cm="1"><v>1</v></c>'],
    ['two spaces', '<c  r="B1" t="s"><v>1</v></c>'],
    ['single quotes', "<c r='B1' s='2' t='s'><v>1</v></c>"],
    ['an empty cell with a style', '<c r="B1" s="2"/>'],
    ['an empty cell, a space before its end', '<c r="B1" s="2" />'],
    ['a date style and a number', '<c r="B1" s="2"><v>45381</v></c>'],
    ['a date style of two digits and a number', '<c r="B1" s="10"><v>45381</v></c>'],
    ['a date style, t="n"', '<c r="B1" s="1" t="n"><v>45381</v></c>'],
  ])('a cell tag, %s: read as the general scanner reads it', (_, cell) => {
    const bytes = one(`<row r="1">${cell}</row>`, { sharedStrings: sstXml('<si><t>零</t></si><si><t>一</t></si>'), styles: STYLES_XML });
    const read = readWorkbook(bytes);
    expect(read).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
  });

  it.each([
    ['nothing', ''],
    ['a line end', '\r\n'],
    ['spaces and tabs', ' \t \n '],
    ['an ideographic space', '\u3000'],
    ['a comment', '<!-- x -->'],
    ['text', 'x'],
  ])('a part ending with %s after </worksheet>: read as the general scanner reads it', (_, after) => {
    const part = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>${after}`;
    const bytes = book({ S: part });
    expect(readWorkbook(bytes)).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
  });

  it.each([['n'], ['b'], ['e'], ['d'], ['s'], ['str'], ['x'], ['']])('a cell of type "%s": read as the general scanner reads it', (t) => {
    const bytes = one(`<row r="1"><c r="A1" t="${t}"><v>1</v></c><c r="B1" t="${t}"><v>2024-06-30</v></c></row>`, { sharedStrings: sstXml('<si><t>零</t></si><si><t>一</t></si>') });
    expect(readWorkbook(bytes)).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
  });

  it.each([['7'], ['0012'], [' 5 '], ['3.0'], [''], ['x'], ['12345678901'], ['-2']])('a row numbered "%s": read as the general scanner reads it', (r) => {
    const bytes = one(`<row r="1"><c r="A1"><v>1</v></c></row><row r="${r}"><c><v>2</v></c></row>`);
    const read = readWorkbook(bytes);
    expect(read).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
  });

  it('merged cells after Chinese validations: found, with the decoder the read was given', () => {
    const decoded: string[] = [];
    const utf8 = (b: Uint8Array): string => {
      const text = new TextDecoder().decode(b);
      decoded.push(text);
      return text;
    };
    const bytes = one('<row r="1"><c r="A1"><v>1</v></c></row>', {}, prompt + merged);
    const read = readWorkbook(bytes, { utf8 });
    expect(read.ok && read.workbook.data.get('S')!.merges).toStrictEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
    expect(read).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
    // the part after the rows went through it
    expect(decoded.filter((t) => t.startsWith('</sheetData>'))).toStrictEqual([`</sheetData>${prompt}${merged}</worksheet>`]);
  });

  it('a self-closing <sheetData/> and a part with its rows closed twice: as the general scanner reads them', () => {
    for (const part of [
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData/>${merged}</worksheet>`,
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></sheetData></worksheet>`,
    ]) {
      const bytes = book({ S: part });
      expect(readWorkbook(bytes)).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
    }
  });
});

describe('readWorkbook: shared strings matched in place', () => {
  // plain items (the fast match) mixed with every kind it must leave to the longer way
  const piece = fc.constantFrom('问题', 'a', ' ', '>', '_', '_x0041_', '&amp;', '&#x4E2D;', '\r\n', '\n', '"', "'", '\t', '&lt;/t&gt;', '整改措施');
  const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
  const item = fc.oneof(
    text.map((t) => `<si><t>${t}</t></si>`),
    text.map((t) => `<si><t xml:space="preserve">${t}</t></si>`),
    text.map((t) => `<si><t xml:space='preserve'>${t}</t></si>`),
    text.map((t) => `<si><r><t>${t}</t></r></si>`),
    fc.constant('<si/>'),
    fc.constant('<si><t/></si>'),
    text.map((t) => `<si>\n  <t>${t}</t>\n</si>`),
  );
  it('reads every item as the general scanner reads it', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), (items) => {
        const cells = items.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('');
        const bytes = one(`<row r="1">${cells}</row>`, { sharedStrings: sstXml(items.join('')) });
        expect(readWorkbook(bytes)).toStrictEqual(readWorkbook(bytes, { fastPath: false }));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a plain text over the cell limit to the limit and a character, as the general scanner does', () => {
    const bytes = one('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { sharedStrings: sstXml(`<si><t>${'长'.repeat(40)}</t></si>`) });
    const limits = { maxCellChars: 30 };
    const fast = readWorkbook(bytes, { limits });
    expect(fast).toStrictEqual(readWorkbook(bytes, { fastPath: false, limits }));
    expect(fast.ok).toBe(false);
  });
});

describe('readWorkbook: shared strings read lazily', () => {
  // 20,000 strings of mixed width (about 900 KB): the lazy reader decodes them in several stretches
  const texts = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `第${i}项整改措施，落实到人` : i % 3 === 1 ? `item ${i} & more` : ` 前后空格 ${i} `));
  const si = (t: string, i: number): string =>
    i % 1000 === 7 ? '<si/>' : i % 500 === 3 ? `<si><r><t>${t.slice(0, 3)}</t></r><r><t>${t.slice(3)}</t></r></si>` : `<si><t xml:space="preserve">${t.replace(/&/g, '&amp;')}</t></si>`;
  const items = texts.map(si).join('\n');
  // every string but the first, so any string cut or lost shows
  const refs = texts.map((_, i) => i + 1).slice(0, -1);
  const rows = refs.map((n, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${n}</v></c></row>`).join('');
  const values = (r: ReadResult): unknown[] => (r.ok ? r.workbook.data.get('S')!.rows.map((row) => { const v = row.cells.get(1)?.value; return v?.type === 'string' ? v.value : v; }) : [r.unusable.code]);

  it.each([
    ['in stretches', sstXml(items), 0],
    ['whole when it holds a comment', sstXml(`<!-- made by hand -->${items}`), 0],
    ['past a string longer than a stretch', sstXml(`<si><t>${'长'.repeat(300_000)}</t></si>${items}`), 1],
  ])('reads the strings a sheet uses %s, as a full read does', (_what, sst, shift) => {
    const bytes = one(rows, { sharedStrings: sst });
    const expected = refs.filter((n) => (n - shift) % 1000 !== 7).map((n) => texts[n - shift]);
    expect(values(readWorkbook(bytes, { lazyStrings: true }))).toStrictEqual(expected);
    expect(readWorkbook(bytes, { lazyStrings: true })).toStrictEqual(readWorkbook(bytes));
  });
});

describe('workbookParts', () => {
  it('finds the parts as readWorkbook does, gives the bytes of a part, and nothing for a file it would refuse', () => {
    const wb = workbookParts(ELSEWHERE);
    expect(wb?.sheets).toStrictEqual([{ name: '甲', path: 'book/sheets/first.xml' }]);
    expect(wb?.sst).toBe('shared/strings.xml');
    expect(new TextDecoder().decode(wb?.part('shared/strings.xml'))).toContain('<si><t>别处</t></si>');
    expect(wb?.part('no/such/part.xml')).toStrictEqual(new Uint8Array(0));
    expect(workbookParts(strToU8('not a zip'))).toBeUndefined();
    expect(workbookParts(zip({ 'word/document.xml': '<w:document/>' }))).toBeUndefined();
  });
});

describe('isDateFormat', () => {
  it.each<[string, boolean]>([
    ['yyyy-mm-dd', true],
    ['YYYY/M/D', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', true],
    ['[$-F800]dddd', true],
    ['[$-804]yyyy"年"m"月"', true],
    ['[DBNum1][$-804]yyyy"年"m"月"d"日"', true],
    ['m/d/yy h:mm', true],
    ['h:mm:ss', true],
    ['[h]:mm:ss', true],
    ['mm:ss.0', true],
    ['上午/下午h"时"mm"分"', true],
    ['yyyy/m/d;@', true],
    ['[$-F400]h:mm:ss AM/PM', true],
    ['General', false],
    ['general', false],
    ['[$-409]General', false],
    ['General;[Red]-General', false],
    ['0.00%', false],
    ['0', false],
    ['#,##0.00', false],
    ['"day"0', false],
    ['0"天"', false],
    ['"yyyy-mm-dd"', false],
    ['\\d\\a\\y 0', false],
    ['#,##0.00_);[Red](#,##0.00)', false],
    ['[Red]0.00', false],
    ['[Color10]0', false],
    ['[>=100]0;0', false],
    ['[$€-2] #,##0.00', false],
    ['0.00E+00', false],
    ['@', false],
    ['0;-0;;@', false],
    ['[DBNum1][$-804]General', false],
    ['[DBNum2][$-804]0', false],
    ['', false],
  ])('%s → %s', (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });
});

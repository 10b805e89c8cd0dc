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
import { isoToSerial } from './cells';

/** Raw deflate and CRC-32 from the shell (Node's native zlib); fflate and a JS CRC otherwise. */
export interface Compressor {
  deflate(data: Uint8Array): Uint8Array;
  crc32(data: Uint8Array): number;
}

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
  readonly tabColor?: string;
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

/** Escape text for XML; characters XML 1.0 cannot hold are written as OOXML _xHHHH_ escapes. */
export function escapeXml(text: string): string {
  let out = text;
  // a literal "_x" that would read as an escape is itself escaped
  if (out.indexOf('_x') >= 0) out = out.replace(/_x(?=[0-9A-Fa-f]{4}_)/g, '_x005F_x');
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(out)) {
    out = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  }
  if (/[&<>"]/.test(out)) out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return out;
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  id(text: string): number {
    this.count += 1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(text, i);
      this.list.push(text);
    }
    return i;
  }

  xml(): string {
    const parts = [`${XML_HEAD}<sst xmlns="${NS}" count="${this.count}" uniqueCount="${this.list.length}">`];
    for (const s of this.list) {
      const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
      parts.push(`<si><t${space}>${escapeXml(s)}</t></si>`);
    }
    parts.push('</sst>');
    return parts.join('');
  }
}

/** The fixed style sheet: fonts, fills and cellXfs matching STYLE. */
function stylesXml(): string {
  const fonts = [
    '<font><sz val="10"/><name val="Microsoft YaHei"/><family val="2"/></font>',
    '<font><b/><sz val="10"/><color rgb="FFFFFFFF"/><name val="Microsoft YaHei"/><family val="2"/></font>',
    '<font><sz val="10"/><color rgb="FF9C0006"/><name val="Microsoft YaHei"/><family val="2"/></font>',
    '<font><sz val="10"/><color rgb="FF9C5700"/><name val="Microsoft YaHei"/><family val="2"/></font>',
    '<font><b/><sz val="14"/><name val="Microsoft YaHei"/><family val="2"/></font>',
    '<font><sz val="10"/><color rgb="FF006100"/><name val="Microsoft YaHei"/><family val="2"/></font>',
    '<font><b/><sz val="10"/><name val="Microsoft YaHei"/><family val="2"/></font>',
  ];
  const solid = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
  const fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
    solid('FF217346'), // 2 header
    solid('FFFFC7CE'), // 3 red
    solid('FFFFEB9C'), // 4 yellow
    solid('FFFFF2CC'), // 5 input
    solid('FFC6EFCE'), // 6 green
  ];
  const border = '<border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border>';
  const xf = (numFmt: number, font: number, fill: number, opts: { wrap?: boolean; border?: boolean; unlocked?: boolean; center?: boolean } = {}) =>
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${opts.border ? 1 : 0}" xfId="0"` +
    `${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${opts.border ? ' applyBorder="1"' : ''}` +
    ` applyAlignment="1"${opts.unlocked ? ' applyProtection="1"' : ''}><alignment vertical="top"${opts.wrap ? ' wrapText="1"' : ''}${opts.center ? ' horizontal="center"' : ''}/>` +
    `${opts.unlocked ? '<protection locked="0"/>' : ''}</xf>`;
  // order = STYLE
  const xfs = [
    xf(0, 0, 0),
    xf(0, 1, 2, { wrap: true, border: true, center: true }),
    xf(164, 0, 0),
    xf(0, 0, 0, { wrap: true }),
    xf(0, 2, 3),
    xf(0, 3, 4),
    xf(165, 0, 0),
    xf(166, 0, 0),
    xf(0, 0, 5, { border: true, unlocked: true, wrap: true }),
    xf(166, 0, 5, { border: true, unlocked: true }),
    xf(0, 4, 0),
    xf(0, 5, 6),
    xf(0, 2, 3),
    xf(0, 3, 4),
    xf(0, 6, 0),
    xf(164, 0, 5, { border: true, unlocked: true }),
  ];
  return (
    `${XML_HEAD}<styleSheet xmlns="${NS}">` +
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd hh:mm"/><numFmt numFmtId="166" formatCode="0.00"/></numFmts>' +
    `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
    `<fills count="${fills.length}">${fills.join('')}</fills>` +
    `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>${border}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/** One cell as XML (empty string for an empty cell). */
function cellXml(ref: string, input: CellInput, columnStyle: number, sst: SharedStrings): string {
  let value = input;
  let style = columnStyle;
  if (value !== null && typeof value === 'object' && 'style' in value) {
    style = STYLE[value.style];
    value = value.value;
  }
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined || value === '') return style && style !== columnStyle ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'string') return `<c r="${ref}"${s} t="s"><v>${sst.id(value)}</v></c>`;
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s} t="s"><v>${sst.id(String(value))}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const serial = isoToSerial(value.date);
  const dateStyle =
    style === STYLE.normal || style === STYLE.wrap ? (value.date.length > 10 ? STYLE.datetime : STYLE.date) : style === STYLE.input ? STYLE.inputDate : style;
  return `<c r="${ref}" s="${dateStyle}"><v>${Number.isFinite(serial) ? serial : 0}</v></c>`;
}

function sheetXml(sheet: SheetSpec, sst: SharedStrings, selected: boolean): string {
  const cols = sheet.columns;
  const letters = cols.map((_, i) => columnLetter(i + 1));
  const titleRows = sheet.titleRows ?? [];
  const headerRow = titleRows.length + 1;
  const parts: string[] = [];
  let chunk = '';
  let row = 0;
  const writeRow = (cells: readonly CellInput[], styles: readonly number[], height?: number) => {
    row += 1;
    let xml = '';
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      const columnStyle = styles[i] ?? 0;
      if (c === null || c === undefined || c === '') continue;
      xml += cellXml(`${letters[i] ?? columnLetter(i + 1)}${row}`, c, columnStyle, sst);
    }
    chunk += xml ? `<row r="${row}"${height ? ` ht="${height}" customHeight="1"` : ''}>${xml}</row>` : '';
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = '';
    }
  };
  const dataStyles = cols.map((c) => STYLE[c.style ?? 'normal']);
  // a title row (styled 'title') gets room for its larger font
  for (const t of titleRows) writeRow(t, [], t.some((c) => c !== null && typeof c === 'object' && 'style' in c && c.style === 'title') ? 24 : undefined);
  writeRow(
    cols.map((c) => ({ value: c.header, style: 'header' as const })),
    [],
  );
  for (const r of sheet.rows) writeRow(r, dataStyles);
  parts.push(chunk);
  const lastRow = Math.max(row, headerRow);
  const lastCol = letters[letters.length - 1] ?? 'A';

  const pane = sheet.freezeHeader
    ? `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${headerRow + 1}" sqref="A${headerRow + 1}"/>`
    : '';
  const head =
    `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
    `<sheetPr>${sheet.tabColor ? `<tabColor rgb="${sheet.tabColor}"/>` : ''}${sheet.print ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols>` +
    '<sheetData>';
  let tail = '</sheetData>';
  if (sheet.autoFilter && cols.length > 0) tail += `<autoFilter ref="A${headerRow}:${lastCol}${lastRow}"/>`;
  const validations = sheet.validations ?? [];
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
  if (sheet.print) {
    tail +=
      '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
  }
  tail += '</worksheet>';
  return head + parts.join('') + tail;
}

/** Write a workbook; returns the .xlsx bytes. The same spec gives the same bytes. */
export function writeWorkbook(spec: WorkbookSpec, compressor?: Compressor): Uint8Array {
  const sst = new SharedStrings();
  const sheets = spec.sheets;
  const parts: Record<string, string> = {};
  const selected = sheets.findIndex((s) => !s.hidden);
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(s, sst, i === selected);
  });
  const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const printTitles = sheets
    .map((s, i) => (s.print ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoteSheet(s.name))}!$${(s.titleRows?.length ?? 0) + 1}:$${(s.titleRows?.length ?? 0) + 1}</definedName>` : ''))
    .join('');
  const filters = sheets
    .map((s, i) => {
      if (!s.autoFilter || s.columns.length === 0) return '';
      const header = (s.titleRows?.length ?? 0) + 1;
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quoteSheet(s.name))}!$A$${header}:$${columnLetter(s.columns.length)}$${header}</definedName>`;
    })
    .join('');
  const names = (spec.definedNames ?? []).map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.ref)}</definedName>`).join('');
  const files: Record<string, string> = {
    '[Content_Types].xml':
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
    '_rels/.rels':
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      '</Relationships>',
    'docProps/core.xml':
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:title>${escapeXml(spec.title ?? '')}</dc:title><dc:creator>${escapeXml(spec.creator ?? 'mofan-ledger')}</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${spec.created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${spec.created}</dcterms:modified>` +
      '</cp:coreProperties>',
    'docProps/app.xml': `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>mofan-ledger</Application></Properties>`,
    'xl/workbook.xml':
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView activeTab="${Math.max(0, selected)}"/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('') +
      `</sheets>${printTitles || filters || names ? `<definedNames>${filters}${printTitles}${names}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${sheets.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
    'xl/styles.xml': stylesXml(),
    ...parts,
    'xl/sharedStrings.xml': sst.xml(),
  };
  return zipParts(files, compressor);
}

/** Zip the parts with fixed entry times (deterministic bytes). */
function zipParts(files: Record<string, string>, compressor?: Compressor): Uint8Array {
  if (compressor) return zipWithCompressor(Object.entries(files).map(([name, xml]) => [name, strToU8(xml)] as const), compressor);
  const zippable: Zippable = {};
  const mtime = new Date(2024, 0, 1);
  for (const [name, xml] of Object.entries(files)) zippable[name] = [strToU8(xml), { level: 6, mtime }];
  return zipSync(zippable);
}

/** Lay out a zip (local headers, data, central directory) around parts deflated by the shell. */
function zipWithCompressor(parts: ReadonlyArray<readonly [string, Uint8Array]>, c: Compressor): Uint8Array {
  const entries = parts.map(([name, data]) => ({ name: strToU8(name), size: data.length, compressed: c.deflate(data), crc: c.crc32(data) }));
  let size = 22;
  for (const e of entries) size += 30 + e.name.length + e.compressed.length + 46 + e.name.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1; // 2024-01-01
  for (const e of entries) {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 0x0800, true); // UTF-8 names
    view.setUint16(p + 8, 8, true);
    view.setUint16(p + 10, DOS_TIME, true);
    view.setUint16(p + 12, DOS_DATE, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.compressed.length, true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, e.name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.name, p + 30);
    out.set(e.compressed, p + 30 + e.name.length);
    p += 30 + e.name.length + e.compressed.length;
  }
  const cd = p;
  entries.forEach((e, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, 0x0800, true);
    view.setUint16(p + 10, 8, true);
    view.setUint16(p + 12, DOS_TIME, true);
    view.setUint16(p + 14, DOS_DATE, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.compressed.length, true);
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

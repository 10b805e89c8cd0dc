/**
 * Add (or replace) sheets in an existing workbook without touching anything else: every other part
 * is copied byte for byte from the original zip; only the workbook, its relationships, the content
 * types and the styles (ours appended) are rewritten. So the ranking can be written into the
 * office workbook, keeping what the office typed and any formatting Excel added.
 */
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { escapeXml, INLINE_TEXT, layoutZip, SheetWriter, STYLE_SET, type CellInput, type Compressor, type PartOut, type SheetHead, type ZipOut } from './writer';
import { fflateInflate, type Inflate } from './read';
import { readZipDirectory, type ZipEntry } from './zipdir';

export interface AddedSheet {
  readonly head: SheetHead;
  readonly rows: Iterable<readonly CellInput[]>;
}

export class PatchError extends Error {}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** Write `sheets` into the workbook `bytes` (replacing sheets of the same names); returns the new bytes. */
export function addSheets(bytes: Uint8Array, sheets: readonly AddedSheet[], options: { inflate?: Inflate; compressor?: Compressor } = {}): Uint8Array {
  const inflate = options.inflate ?? fflateInflate;
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, (b) => strFromU8(b));
  } catch (error) {
    throw new PatchError(`not a readable zip: ${(error as Error).message}`);
  }
  const byName = new Map(entries.map((e) => [e.name.replace(/\\/g, '/').replace(/^\//, ''), e]));
  const read = (name: string): string => {
    const e = byName.get(name);
    if (!e) throw new PatchError(`missing part ${name}`);
    const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return strFromU8(e.method === 0 ? raw : inflate(raw, e.size));
  };
  const target = (base: string, t: string) => (t.startsWith('/') ? t.slice(1) : normalise(base + t));

  const rootRels = read('_rels/.rels');
  const wbPath = target('', /Type="[^"]*\/officeDocument"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rootRels)?.slice(1).find(Boolean) ?? 'xl/workbook.xml');
  const wbDir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const relsPath = `${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`;
  let workbook = read(wbPath);
  let rels = read(relsPath);
  let types = read('[Content_Types].xml');
  const relList = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({ tag: m[0], id: attr(m[0], 'Id') ?? '', type: attr(m[0], 'Type') ?? '', target: attr(m[0], 'Target') ?? '' }));
  const stylesRel = relList.find((r) => r.type.endsWith('/styles'));
  if (!stylesRel) throw new PatchError('the workbook has no styles part');
  const stylesPath = target(wbDir, stylesRel.target);
  const { xml: styles, base } = appendStyles(read(stylesPath));

  const replaced = new Map<string, Uint8Array>();
  replaced.set(stylesPath, strToU8(styles));
  const sheetTags = () => [...workbook.matchAll(/<sheet\b[^>]*\/?>/g)].map((m) => m[0]);
  let nextRel = Math.max(0, ...relList.map((r) => Number(/\d+$/.exec(r.id)?.[0] ?? 0))) + 1;
  let nextSheetId = Math.max(0, ...sheetTags().map((t) => Number(attr(t, 'sheetId') ?? 0))) + 1;

  for (const sheet of sheets) {
    const existing = sheetTags().find((t) => decode(attr(t, 'name') ?? '') === sheet.head.name);
    let part: string;
    if (existing) {
      const rid = attr(existing, 'r:id') ?? /\b[\w]+:id="([^"]+)"/.exec(existing)?.[1] ?? '';
      const rel = relList.find((r) => r.id === rid);
      if (!rel) throw new PatchError(`sheet ${sheet.head.name} has no relationship`);
      part = target(wbDir, rel.target);
    } else {
      let n = 1;
      while (byName.has(`${wbDir}worksheets/mofan${n}.xml`) || replaced.has(`${wbDir}worksheets/mofan${n}.xml`)) n++;
      part = `${wbDir}worksheets/mofan${n}.xml`;
      const rid = `rId${nextRel++}`;
      const index = sheetTags().length;
      workbook = workbook.replace(/<\/sheets>/, `<sheet name="${escapeXml(sheet.head.name)}" sheetId="${nextSheetId++}" r:id="${rid}"/></sheets>`);
      if (!/xmlns:r=/.test(workbook.slice(0, workbook.indexOf('>', workbook.indexOf('<workbook'))))) workbook = workbook.replace(/<workbook\b/, `<workbook xmlns:r="${REL}"`);
      rels = rels.replace(/<\/Relationships>/, `<Relationship Id="${rid}" Type="${REL}/worksheet" Target="worksheets/mofan${n}.xml"/></Relationships>`);
      types = types.replace(/<\/Types>/, `<Override PartName="/${part}" ContentType="${SHEET_TYPE}"/></Types>`);
      if (sheet.head.print) {
        const title = `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'${escapeXml(sheet.head.name.replace(/'/g, "''"))}'!$${(sheet.head.titleRows?.length ?? 0) + 1}:$${(sheet.head.titleRows?.length ?? 0) + 1}</definedName>`;
        workbook = /<\/definedNames>/.test(workbook)
          ? workbook.replace(/<\/definedNames>/, `${title}</definedNames>`)
          : workbook.replace(/<\/sheets>/, `</sheets><definedNames>${title}</definedNames>`);
      }
    }
    const pieces: string[] = [];
    const noPieces = () => {
      throw new Error('patch: sheets are written as text');
    };
    const out: PartOut = { name: part, write: (t) => void pieces.push(t), writePiece: noPieces, close: () => undefined };
    const w = new SheetWriter(sheet.head, out, INLINE_TEXT, false, base);
    for (const r of sheet.rows) w.add(r);
    w.close();
    replaced.set(part, strToU8(pieces.join('')));
  }
  replaced.set(wbPath, strToU8(workbook));
  replaced.set(relsPath, strToU8(rels));
  replaced.set('[Content_Types].xml', strToU8(types));

  const zipped: ZipOut[] = [];
  for (const e of entries) {
    const name = e.name.replace(/\\/g, '/').replace(/^\//, '');
    if (replaced.has(name)) continue;
    zipped.push({ name: strToU8(e.name), size: e.size, crc: e.crc, chunks: [bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize)], method: e.method === 0 ? 0 : 8 });
  }
  for (const [name, data] of replaced) {
    const compressed = options.compressor ? [options.compressor.deflateChunk(data), new Uint8Array([0x03, 0x00])] : [deflateSync(data, { level: 6 })];
    zipped.push({ name: strToU8(name), size: data.length, crc: options.compressor ? options.compressor.crc32(data, 0) : crc32(data), chunks: compressed });
  }
  return layoutZip(zipped);
}

/**
 * Append our style set to another workbook's styles: numFmt ids moved past theirs, fonts, fills,
 * borders and cellXfs added at the end. Returns the new XML and the index of our first cellXf.
 */
export function appendStyles(xml: string): { xml: string; base: number } {
  const count = (tag: string, child: string) => {
    const region = new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml);
    return region ? [...(region[1] ?? '').matchAll(new RegExp(`<${child}[\\s>/]`, 'g'))].length : 0;
  };
  const fonts = count('fonts', 'font');
  const fills = count('fills', 'fill');
  const borders = count('borders', 'border');
  const xfs = count('cellXfs', 'xf');
  const maxFmt = Math.max(163, ...[...xml.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1])));
  const fmtMap = new Map(STYLE_SET.numFmts.map((f, i) => [f.id, maxFmt + 1 + i]));
  const set = STYLE_SET;
  // our fill numbers count from 1 (fill 0 is "none" in every workbook); our border 1 is the first appended
  const ids = { fmt: (id: number) => fmtMap.get(id) ?? id, font: fonts, fill: fills - 1, border: borders - 1 };
  const put = (tag: string, child: string, items: readonly string[], before: string) => {
    const re = new RegExp(`<${tag}\\b([^>]*?)(/>|>([\\s\\S]*?)</${tag}>)`);
    const m = re.exec(xml);
    if (!m) {
      // no such region: add one where the schema wants it
      const at = xml.indexOf(`<${before}`);
      const region = `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
      xml = at >= 0 ? xml.slice(0, at) + region + xml.slice(at) : xml.replace(/<\/styleSheet>/, `${region}</styleSheet>`);
      return;
    }
    const inner = m[3] ?? '';
    const n = [...inner.matchAll(new RegExp(`<${child}[\\s>/]`, 'g'))].length + items.length;
    const attrs = m[1]!.replace(/\scount="\d+"/, '');
    xml = xml.replace(re, `<${tag}${attrs} count="${n}">${inner}${items.join('')}</${tag}>`);
  };
  put('numFmts', 'numFmt', set.numFmts.map((f) => `<numFmt numFmtId="${fmtMap.get(f.id)}" formatCode="${f.code}"/>`), 'fonts');
  put('fonts', 'font', set.fonts, 'fills');
  put('fills', 'fill', set.fills, 'borders');
  put('borders', 'border', set.borders, 'cellStyleXfs');
  put('cellXfs', 'xf', set.xfs.map((x) => x(ids)), 'cellStyles');
  return { xml, base: xfs };
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return m?.[1];
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

let TABLE: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
  if (!TABLE) {
    TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

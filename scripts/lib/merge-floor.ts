/**
 * The floor of a merge, for `mofan bench merge --floor`: what the same files cost with only the
 * work no merge can skip — read each file, inflate its shared strings and list sheets, find their
 * cells, write rows of the office workbook's shape (three provenance cells, the file's cells moved
 * right, two computed cells; texts as indices into a block of the strings its rows use) and deflate that
 * XML at the merge's level — with no checks, no typed values and no object per cell. It writes
 * nothing and merges nothing: a yardstick for how much of `mofan merge`'s time is its own work.
 *
 * Made for the bench's own generated workbooks (the template's layout, shared strings); a file
 * it cannot follow counts as zero rows rather than stopping it.
 */
import { readFileSync } from 'node:fs';
import { LIST_SHEETS, columnLetter } from '../../core/schema';
import { workbookParts } from '../../core/xlsx/read';
import { ascii, bytesAt, putNumber, putWords, words } from '../../core/xlsx/bytes';
import { nodeCompressor } from './compress';
import { nodeInflate } from './inflate';

export interface FloorFigures {
  /** data rows found (rows with a value below the header) */
  readonly rows: number;
  /** XML written, before deflating */
  readonly xmlBytes: number;
  readonly deflatedBytes: number;
}

const LIST_NAMES = new Set(LIST_SHEETS.map((s) => s.name));

/** `<c r="` and the letters of columns 1…64, made once (`AZ` beyond, as a file's own column 62 on). */
const OPENS = Array.from({ length: 64 }, (_, i) => words(`<c r="${columnLetter(i + 1)}`));
const OPEN_AZ = words('<c r="AZ');
const SI_OPEN = ascii('<si');
const SI_CLOSE = ascii('</si>');
const SHEET_DATA = ascii('<sheetData');
const ROW_OPEN = words('<row r="');
const PROVENANCE_A = words('"><c r="A');
const SHARED_5 = words('" s="5" t="s"><v>');
const CELL_B = words('</v></c><c r="B');
const CELL_C = words('</v></c><c r="C');
const NUMBER_6 = words('" s="6"><v>');
const VALUE_END = words('</v></c>');
const STYLE = words('" s="');
const SHARED = words('" t="s"><v>');
const PLAIN = words('"><v>');
const CELL_X = words('<c r="X');
const CELL_Y = words('</v></c><c r="Y');
const ROW_END = words('7</v></c></row>');

/** The next `<c` tag at or after `p` (its `<`), or −1. */
function nextCell(x: Uint8Array, p: number): number {
  for (let i = p; i + 2 < x.length; i++) {
    if (x[i] !== 60 || x[i + 1] !== 99) continue;
    const c = x[i + 2];
    if (c === 32 || c === 62 || c === 47) return i;
  }
  return -1;
}

/**
 * The floor's work on one file: its figures (a file it cannot follow gives zeros). Written for
 * speed as plainly as it can be: the sheets' bytes are scanned in place and the rows' bytes copied
 * straight into a buffer, as the merge's reader and grid do.
 */
export function floorFile(bytes: Uint8Array, fileIndex: number): FloorFigures {
  const wb = workbookParts(bytes, nodeInflate);
  if (!wb) return { rows: 0, xmlBytes: 0, deflatedBytes: 0 };
  const parts = wb.sheets.filter((s) => LIST_NAMES.has(s.name) && s.path !== undefined).map((s) => s.path as string);

  let xmlBytes = 0;
  let deflatedBytes = 0;
  const write = (data: Uint8Array): void => {
    xmlBytes += data.length;
    deflatedBytes += nodeCompressor.deflateChunk(data).length;
  };

  // where each of the file's strings is (the ones its rows use are copied into its block of the
  // office workbook's shared strings at the end)
  const sst = wb.part(wb.sst);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let p = bytesAt(sst, SI_OPEN, 0); p >= 0; p = bytesAt(sst, SI_OPEN, ends[ends.length - 1]!)) {
    const end = bytesAt(sst, SI_CLOSE, p);
    if (end < 0) break;
    starts.push(p);
    ends.push(end + SI_CLOSE.length);
  }
  const used = new Uint8Array(starts.length);
  const firstString = 1000 + fileIndex * starts.length;

  let rows = 0;
  let n = 2 + fileIndex * 1000;
  for (const part of parts) {
    const x = wb.part(part);
    let o = new Uint8Array(x.length * 2 + 1024);
    // the markup is written a word at a time, as the merge's own rows are (core/xlsx/bytes putWords)
    let view = new DataView(o.buffer);
    let w = 0;
    let row = -1;
    let has = false;
    const endRow = (): void => {
      if (!has) return;
      // two computed cells (a number of days and a state)
      w = putWords(view, w, CELL_X);
      w = putNumber(o, w, n);
      w = putWords(view, w, NUMBER_6);
      w = putNumber(o, w, row % 31);
      w = putWords(view, w, CELL_Y);
      w = putNumber(o, w, n);
      w = putWords(view, w, SHARED_5);
      w = putWords(view, w, ROW_END);
      n++;
      rows++;
      has = false;
    };
    for (let p = nextCell(x, bytesAt(x, SHEET_DATA, 0)); p >= 0; p = nextCell(x, p + 2)) {
      const gt = x.indexOf(62, p);
      if (gt < 0) break;
      // the tag's r, s and t, read in place
      let col = 0;
      let r = row;
      let style = 0;
      let shared = false;
      for (let j = p + 2; j < gt; j++) {
        const c = x[j]!;
        if (c === 32) continue;
        let eq = j;
        while (eq < gt && x[eq] !== 61) eq++;
        const q = x[eq + 1];
        let to = eq + 2;
        while (to < gt && x[to] !== q) to++;
        if (to >= gt) break;
        const short = eq === j + 1;
        if (short && c === 114) {
          let k = eq + 2;
          col = 0;
          for (let d = x[k]!; d >= 65 && d <= 90; d = x[++k]!) col = col * 26 + d - 64;
          r = 0;
          for (; k < to; k++) r = r * 10 + x[k]! - 48;
        } else if (short && c === 115) {
          style = 0;
          for (let k = eq + 2; k < to; k++) style = style * 10 + x[k]! - 48;
        } else if (short && c === 116) shared = to === eq + 3 && x[eq + 2] === 115;
        j = to;
      }
      if (r !== row) {
        endRow();
        row = r;
      }
      if (x[gt - 1] === 47 || row < 2) continue;
      // the value: <v>…</v> before the cell's </c>
      let v = gt + 1;
      while (v < x.length && x[v] !== 60) v++;
      if (x[v + 1] !== 118 || x[v + 2] !== 62) continue;
      let vEnd = v + 3;
      while (vEnd < x.length && x[vEnd] !== 60) vEnd++;
      if (w + 256 + (vEnd - v) > o.length) {
        const grown = new Uint8Array(o.length * 2 + (vEnd - v));
        grown.set(o.subarray(0, w));
        o = grown;
        view = new DataView(o.buffer);
      }
      // provenance first: section and file (shared strings) and the source row
      if (!has) {
        w = putWords(view, w, ROW_OPEN);
        w = putNumber(o, w, n);
        w = putWords(view, w, PROVENANCE_A);
        w = putNumber(o, w, n);
        w = putWords(view, w, SHARED_5);
        w = putNumber(o, w, fileIndex);
        w = putWords(view, w, CELL_B);
        w = putNumber(o, w, n);
        w = putWords(view, w, SHARED_5);
        w = putNumber(o, w, fileIndex + 1);
        w = putWords(view, w, CELL_C);
        w = putNumber(o, w, n);
        w = putWords(view, w, NUMBER_6);
        w = putNumber(o, w, row);
        w = putWords(view, w, VALUE_END);
        has = true;
      }
      w = putWords(view, w, OPENS[col + 2] ?? OPEN_AZ);
      w = putNumber(o, w, n);
      w = putWords(view, w, STYLE);
      w = putNumber(o, w, style);
      if (shared) {
        let index = 0;
        for (let k = v + 3; k < vEnd; k++) index = index * 10 + x[k]! - 48;
        used[index] = 1;
        w = putWords(view, w, SHARED);
        w = putNumber(o, w, firstString + index);
      } else {
        w = putWords(view, w, PLAIN);
        for (let k = v + 3; k < vEnd; k++) o[w++] = x[k]!;
      }
      w = putWords(view, w, VALUE_END);
    }
    endRow();
    write(o.subarray(0, w));
  }
  let size = 0;
  for (let i = 0; i < used.length; i++) if (used[i]) size += ends[i]! - starts[i]!;
  const block = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < used.length; i++) {
    if (!used[i]) continue;
    block.set(sst.subarray(starts[i], ends[i]), at);
    at += ends[i]! - starts[i]!;
  }
  if (size > 0) write(block);
  return { rows, xmlBytes, deflatedBytes };
}

/** Add up figures. */
export function addFigures(a: FloorFigures, b: FloorFigures): FloorFigures {
  return { rows: a.rows + b.rows, xmlBytes: a.xmlBytes + b.xmlBytes, deflatedBytes: a.deflatedBytes + b.deflatedBytes };
}

const ZERO: FloorFigures = { rows: 0, xmlBytes: 0, deflatedBytes: 0 };

/** Take files by index from a shared counter until none is left (every thread runs this). */
export function floorShare(files: readonly string[], counter: Int32Array): FloorFigures {
  let sum = ZERO;
  for (let i = Atomics.add(counter, 0, 1); i < files.length; i = Atomics.add(counter, 0, 1)) {
    sum = addFigures(sum, floorFile(new Uint8Array(readFileSync(files[i]!)), i));
  }
  return sum;
}

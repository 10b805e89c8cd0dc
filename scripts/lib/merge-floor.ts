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
import { Utf8Buffer } from '../../core/xlsx/writer';
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
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Column letters of columns 1…64, looked up rather than made per cell. */
const LETTERS = Array.from({ length: 64 }, (_, i) => columnLetter(i + 1));
const SI_OPEN = encoder.encode('<si');
const SI_CLOSE = encoder.encode('</si>');

/** Where `what` starts in `x` from `from`, or −1. */
function find(x: Uint8Array, what: Uint8Array, from: number): number {
  for (let i = x.indexOf(what[0]!, from); i >= 0; i = x.indexOf(what[0]!, i + 1)) {
    let k = 1;
    while (k < what.length && x[i + k] === what[k]) k++;
    if (k === what.length) return i;
  }
  return -1;
}

/** The next `<c` tag at or after `p` (its `<`), or −1. */
function nextCell(x: string, p: number): number {
  for (let i = x.indexOf('<c', p); i >= 0; i = x.indexOf('<c', i + 2)) {
    const c = x.charCodeAt(i + 2);
    if (c === 32 || c === 62 || c === 47) return i;
  }
  return -1;
}

/**
 * The floor's work on one file: its figures (a file it cannot follow gives zeros). Written for
 * speed as plainly as it can be (tried: writing bytes in place instead of strings was slower).
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
  for (let p = find(sst, SI_OPEN, 0); p >= 0; p = find(sst, SI_OPEN, ends[ends.length - 1]!)) {
    const end = find(sst, SI_CLOSE, p);
    if (end < 0) break;
    starts.push(p);
    ends.push(end + SI_CLOSE.length);
  }
  const used = new Uint8Array(starts.length);
  const firstString = 1000 + fileIndex * starts.length;

  let rows = 0;
  let n = 2 + fileIndex * 1000;
  for (const part of parts) {
    const x = decoder.decode(wb.part(part));
    // each row is encoded as it ends, as the merge's grid does
    const out = new Utf8Buffer(x.length * 2);
    let s = '';
    let row = -1;
    let has = false;
    const endRow = (): void => {
      if (!has) return;
      // two computed cells (a number of days and a state)
      out.write(`${s}<c r="X${n}" s="6"><v>${row % 31}</v></c><c r="Y${n}" s="5" t="s"><v>7</v></c></row>`);
      s = '';
      n++;
      rows++;
      has = false;
    };
    for (let p = nextCell(x, x.indexOf('<sheetData')); p >= 0; p = nextCell(x, p + 2)) {
      const gt = x.indexOf('>', p);
      if (gt < 0) break;
      // the tag's r, s and t, read in place
      let col = 0;
      let r = row;
      let style = 0;
      let shared = false;
      for (let j = p + 2; j < gt; j++) {
        const c = x.charCodeAt(j);
        if (c === 32) continue;
        let eq = j;
        while (eq < gt && x.charCodeAt(eq) !== 61) eq++;
        const q = x.charCodeAt(eq + 1);
        let to = eq + 2;
        while (to < gt && x.charCodeAt(to) !== q) to++;
        if (to >= gt) break;
        const short = eq === j + 1;
        if (short && c === 114) {
          let k = eq + 2;
          col = 0;
          for (let d = x.charCodeAt(k); d >= 65 && d <= 90; d = x.charCodeAt(++k)) col = col * 26 + d - 64;
          r = 0;
          for (; k < to; k++) r = r * 10 + x.charCodeAt(k) - 48;
        } else if (short && c === 115) {
          style = 0;
          for (let k = eq + 2; k < to; k++) style = style * 10 + x.charCodeAt(k) - 48;
        } else if (short && c === 116) shared = to === eq + 3 && x.charCodeAt(eq + 2) === 115;
        j = to;
      }
      if (r !== row) {
        endRow();
        row = r;
      }
      if (x.charCodeAt(gt - 1) === 47 || row < 2) continue;
      const close = x.indexOf('</c>', gt);
      const v = x.indexOf('<v>', gt);
      if (v < 0 || close < 0 || v > close) continue;
      const value = x.slice(v + 3, x.indexOf('<', v + 3));
      // provenance first: section and file (shared strings) and the source row
      if (!has) s += `<row r="${n}"><c r="A${n}" s="5" t="s"><v>${fileIndex}</v></c><c r="B${n}" s="5" t="s"><v>${fileIndex + 1}</v></c><c r="C${n}" s="6"><v>${row}</v></c>`;
      has = true;
      const ref = `${LETTERS[col + 2] ?? 'AZ'}${n}`;
      if (shared) {
        const index = Number(value);
        used[index] = 1;
        s += `<c r="${ref}" s="${style}" t="s"><v>${firstString + index}</v></c>`;
      } else s += `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
    }
    endRow();
    write(out.bytes());
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

/**
 * Bytes of XML, read and written in place: a sheet's rows are scanned as the part's UTF-8 bytes
 * (core/xlsx/read) and rendered as ASCII straight into a buffer (core/xlsx/writer), with no
 * strings made on the way. The markup searched for and written is ASCII.
 */

/** An ASCII text's bytes. */
export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Where byte `c` first occurs in `b` from `from` up to `to` (not included), or -1. */
export function byteAt(b: Uint8Array, c: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === c) return i;
  return -1;
}

/** Where `pattern` first starts in `b` from `from`, before `to` (by default the end), or -1. */
export function bytesAt(b: Uint8Array, pattern: Uint8Array, from: number, to = b.length): number {
  const first = pattern[0]!;
  for (let i = byteAt(b, first, from, to); i >= 0; i = byteAt(b, first, i + 1, to)) {
    let k = 1;
    while (k < pattern.length && b[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

/** Where `pattern` last occurs in `b` at or after `from`, or -1. */
export function lastIndexOfBytes(b: Uint8Array, pattern: Uint8Array, from: number): number {
  const first = pattern[0]!;
  for (let i = b.lastIndexOf(first, b.length - pattern.length); i >= from; i = i > 0 ? b.lastIndexOf(first, i - 1) : -1) {
    let k = 1;
    while (k < pattern.length && b[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

/** Write a finite number into `o` at `w` as JavaScript writes it (small whole numbers digit by digit); where it ends. */
export function putNumber(o: Uint8Array, w: number, n: number): number {
  if (!(n >= 0 && n < 2147483648 && (n | 0) === n)) {
    const text = String(n);
    for (let i = 0; i < text.length; i++) o[w++] = text.charCodeAt(i);
    return w;
  }
  let v = n | 0;
  let end = w + 1;
  for (let m = v; m >= 10; m = (m / 10) | 0) end++;
  let at = end;
  do {
    o[--at] = 48 + (v % 10);
    v = (v / 10) | 0;
  } while (v > 0);
  return end;
}

/**
 * ASCII bytes packed four to a little-endian word, for `putWords`: writing a word at a time
 * instead of a byte at a time (the merge renders some hundred megabytes of XML this way).
 */
export interface Words {
  readonly words: Uint32Array;
  /** how many bytes the words hold (the last word's spare bytes are zero) */
  readonly length: number;
}

/** An ASCII text as `Words`. */
export function words(text: string): Words {
  const bytes = ascii(text);
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  return { words: Uint32Array.from({ length: padded.length / 4 }, (_, k) => view.getUint32(4 * k, true)), length: bytes.length };
}

/**
 * Write `p`'s bytes at `w` through `view` (over the buffer written), a word at a time: up to 3
 * bytes past them are written too (the next write overwrites them; the buffer must have room).
 * Where they end.
 */
export function putWords(view: DataView, w: number, p: Words): number {
  const list = p.words;
  for (let k = 0, n = (p.length + 3) >> 2; k < n; k++) view.setUint32(w + 4 * k, list[k]!, true);
  return w + p.length;
}

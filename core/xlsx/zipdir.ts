/**
 * The central directory of a zip file: entry names, sizes and where each entry's data starts.
 * Reading the central directory (not the local headers in file order) is what makes the reader
 * independent of the order of entries. Inflating is left to the caller, so Node can use its
 * native zlib and the browser fflate.
 */

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate; anything else is refused by the reader */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** offset of the entry's compressed data in the file */
  readonly dataOffset: number;
  readonly encrypted: boolean;
  readonly crc: number;
}

export class ZipFormatError extends Error {}

const u16 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8)) >>> 0;
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

/** Decode an entry name: UTF-8 when flagged (or valid), else as bytes (CP437-ish names stay readable for ASCII). */
function decodeName(bytes: Uint8Array, utf8: boolean, decode: (b: Uint8Array) => string): string {
  if (utf8) return decode(bytes);
  let ascii = true;
  for (const b of bytes) if (b > 127) ascii = false;
  if (ascii) return String.fromCharCode(...bytes);
  return decode(bytes);
}

/** List a zip's entries from its central directory; throws ZipFormatError when there is none. */
export function readZipDirectory(data: Uint8Array, decode: (b: Uint8Array) => string): ZipEntry[] {
  // the end-of-central-directory record sits in the last 22 + 65,535 bytes
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory');
  let count = u16(data, eocd + 10);
  let offset = u32(data, eocd + 16);
  // zip64: the locator sits just before the record
  const loc = eocd - 20;
  if (loc >= 0 && u32(data, loc) === 0x07064b50) {
    const z = u64(data, loc + 8);
    if (z + 56 <= data.length && u32(data, z) === 0x06064b50) {
      count = u64(data, z + 32);
      offset = u64(data, z + 48);
    }
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || u32(data, p) !== 0x02014b50) throw new ZipFormatError('bad central directory entry');
    const flags = u16(data, p + 8);
    const method = u16(data, p + 10);
    const crc = u32(data, p + 16);
    let compressedSize = u32(data, p + 20);
    let size = u32(data, p + 24);
    const nameLen = u16(data, p + 28);
    const extraLen = u16(data, p + 30);
    const commentLen = u16(data, p + 32);
    let local = u32(data, p + 42);
    const name = decodeName(data.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0, decode);
    // zip64 extra field: the sizes and offset that overflowed 32 bits, in this order
    let e = p + 46 + nameLen;
    const end = e + extraLen;
    while (e + 4 <= end) {
      const id = u16(data, e);
      const len = u16(data, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) (size = u64(data, q)), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(data, q)), (q += 8);
        if (local === 0xffffffff) local = u64(data, q);
      }
      e += 4 + len;
    }
    if (local + 30 > data.length || u32(data, local) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${name}`);
    const dataOffset = local + 30 + u16(data, local + 26) + u16(data, local + 28);
    if (dataOffset + compressedSize > data.length) throw new ZipFormatError(`truncated entry ${name}`);
    entries.push({ name, method, compressedSize, size, dataOffset, encrypted: (flags & 1) !== 0, crc });
    p = end + commentLen;
  }
  return entries;
}

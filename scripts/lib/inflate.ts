import { isAscii, isUtf8, transcode } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';
import type { Inflate, Utf8Decode } from '../../core/xlsx/read';

/**
 * Node's native zlib for the reader: several times faster than fflate, bounded by the declared size.
 * The Buffer it returns is a Uint8Array already: no copy.
 */
export const nodeInflate: Inflate = (data, size) =>
  // one output buffer of the declared size (and a byte, so zlib sees the end in it): zlib's
  // 16 KB chunks made a sheet of a few hundred KB a dozen calls and a concatenating copy
  inflateRawSync(data, { maxOutputLength: Math.max(1, size), chunkSize: Math.min(Math.max(64, size + 1), 1 << 26) });

const decoder = new TextDecoder();

/**
 * UTF-8 to text for the reader, as TextDecoder decodes it: Node's TextDecoder turns Chinese text
 * (the shared strings of a section's workbook) into a string at a fifth of the speed of
 * transcoding it to UTF-16 and taking that (62 KB of shared strings: 317 µs against 74), while
 * plain ASCII it decodes faster. So valid non-ASCII UTF-8 is transcoded; ASCII, a part opening
 * with a byte order mark (TextDecoder drops it) and malformed UTF-8 (TextDecoder's replacement
 * characters) go to TextDecoder.
 */
export const nodeUtf8: Utf8Decode = (bytes) =>
  bytes.length < 1024 || bytes[0] === 0xef || isAscii(bytes) || !isUtf8(bytes) ? decoder.decode(bytes) : transcode(bytes, 'utf8', 'utf16le').toString('utf16le');

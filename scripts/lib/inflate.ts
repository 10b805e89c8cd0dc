import { inflateRawSync } from 'node:zlib';
import type { Inflate } from '../../core/xlsx/read';

/**
 * Node's native zlib for the reader: several times faster than fflate, bounded by the declared size.
 * The Buffer it returns is a Uint8Array already: no copy.
 */
export const nodeInflate: Inflate = (data, size) =>
  // one output buffer of the declared size (and a byte, so zlib sees the end in it): zlib's
  // 16 KB chunks made a sheet of a few hundred KB a dozen calls and a concatenating copy
  inflateRawSync(data, { maxOutputLength: Math.max(1, size), chunkSize: Math.min(Math.max(64, size + 1), 1 << 26) });

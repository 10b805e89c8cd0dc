import { crc32, deflateRawSync } from 'node:zlib';
import type { Compressor } from '../../core/xlsx/writer';

/** Node's native zlib for the writer (several times faster than a JS deflate on large sheets). */
export const nodeCompressor: Compressor = {
  deflate: (data) => new Uint8Array(deflateRawSync(data, { level: 4 })),
  crc32: (data) => crc32(data),
};

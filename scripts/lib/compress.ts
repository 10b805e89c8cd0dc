import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { Compressor } from '../../core/xlsx/writer';

/**
 * Node's native zlib for the writer: each piece is deflated on its own and ends in a sync flush, so
 * pieces concatenate into one stream (the writer adds the final block). Level 1: the office
 * workbook is written once and read rarely; speed matters more than the last few percent of size.
 */
export const nodeCompressor: Compressor = {
  // room for the whole output at once (XML deflates to a sixth or less), then copied to its size
  deflateChunk: (data) => new Uint8Array(deflateRawSync(data, { level: 1, finishFlush: constants.Z_SYNC_FLUSH, chunkSize: (data.length >> 2) + 1024 })),
  crc32: (data, previous) => crc32(data, previous),
};

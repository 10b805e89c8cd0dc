import { inflateRawSync } from 'node:zlib';
import type { Inflate } from '../../core/xlsx/read';

/** Node's native zlib for the reader: several times faster than fflate, bounded by the declared size. */
export const nodeInflate: Inflate = (data, size) => new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(1, size) }));

import { inflateRawSync } from 'node:zlib';
import type { Inflate } from '../../core/xlsx/read';

/**
 * Node's native zlib for the reader: several times faster than fflate, bounded by the declared size.
 * The Buffer it returns is a Uint8Array already: no copy.
 */
export const nodeInflate: Inflate = (data, size) => inflateRawSync(data, { maxOutputLength: Math.max(1, size) });

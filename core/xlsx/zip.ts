/** Zip helpers on fflate (pure JS, runs in Node and the browser). */
import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * A fixed timestamp for every zip entry, so the same workbook gives the same bytes. Zip stores
 * local wall-clock fields, so this is built in local time: 2024-01-01 00:00 in every time zone.
 */
const FIXED_MTIME = new Date(2024, 0, 1, 0, 0, 0);

/**
 * Re-pack a zip with fixed entry times and the original entry order, so that writing the same
 * workbook twice gives byte-identical files (exceljs stamps each entry with the current time).
 */
export function normaliseZip(bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    out[name] = [data, { mtime: FIXED_MTIME, level: 6 }];
  }
  return zipSync(out);
}

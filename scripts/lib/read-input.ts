/** Reading a user's file: its bytes, or why it could not be read (never an exception for that). */
import { readFileSync } from 'node:fs';
import type { Unusable } from '../../core/xlsx/unusable';

/** A file's bytes, or U_UNREADABLE naming the system's reason (EACCES, EBUSY, ENOENT, EISDIR …). */
export function readInput(path: string): { readonly bytes: Uint8Array } | { readonly unusable: Unusable } {
  try {
    // a Buffer is a Uint8Array: no copy
    return { bytes: readFileSync(path) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return { unusable: { code: 'U_UNREADABLE', params: { reason } } };
  }
}

/** File helpers of the Node shell: inputs are never modified, outputs appear atomically. */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json and templates/ live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Write a file by writing a temporary file beside it and renaming it over the target, so a crash
 * or Ctrl-C leaves either the old file or the new one, never half of one.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  pending.add(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    pending.delete(tmp);
  }
}

/** Temporary files being written right now (removed if the user interrupts). */
const pending = new Set<string>();

/** On Ctrl-C or a termination signal: remove half-written temporary files, then exit. */
export function removeTempFilesOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const tmp of pending) rmSync(tmp, { force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

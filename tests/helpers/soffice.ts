/** LibreOffice headless for compatibility tests: present on CI (.ci/run installs it), optional on a laptop. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));

/**
 * Whether LibreOffice tests run here. On CI they must: a missing soffice is a failure there, not
 * a skip. Elsewhere the tests are skipped with a printed notice.
 */
export function sofficeAvailable(): boolean {
  if (SOFFICE) return true;
  if (process.env.CI) throw new Error('LibreOffice (soffice) is required on CI: apt-get install libreoffice-calc-nogui');
  console.warn('notice: LibreOffice (soffice) not found — skipping LibreOffice compatibility tests');
  return false;
}

/**
 * Convert a file with LibreOffice headless; returns the output folder. Each call has its own
 * user profile, so test files running in parallel do not fight over the profile lock.
 */
export async function sofficeConvert(file: string, filter: string): Promise<string> {
  if (!SOFFICE) throw new Error('soffice not available');
  const outdir = mkdtempSync(join(tmpdir(), 'mofan-lo-out-'));
  const profile = mkdtempSync(join(tmpdir(), 'mofan-lo-profile-'));
  await run(
    SOFFICE,
    [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outdir, file],
    { timeout: 120_000 },
  );
  return outdir;
}

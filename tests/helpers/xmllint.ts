import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const MANIFEST_XSD = join(import.meta.dirname, '..', '..', '..', 'shared', 'office-manifest-xsd', 'OfficeAppManifestV1_1.xsd');

/** Whether the manifest schema check can run here; required on CI, a printed skip elsewhere. */
export function xmllintAvailable(): boolean {
  const missing = [existsSync('/usr/bin/xmllint') ? '' : 'xmllint (apt-get install libxml2-utils)', existsSync(MANIFEST_XSD) ? '' : `the schema ${MANIFEST_XSD} (../shared)`].filter(Boolean);
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`required on CI: ${missing.join(', ')}`);
  console.warn(`notice: skipping manifest schema tests — missing ${missing.join(', ')}`);
  return false;
}

/** Validate a manifest against the Office add-in XSD; resolves to xmllint's verdict and message. */
export async function validateManifest(file: string): Promise<{ ok: boolean; message: string }> {
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', MANIFEST_XSD, file]);
    return { ok: true, message: stderr.trim() };
  } catch (error) {
    return { ok: false, message: String((error as { stderr?: string }).stderr ?? error).trim() };
  }
}

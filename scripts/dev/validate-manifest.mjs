// `npm run validate [manifest.xml]`: check a manifest offline against the Office add-in XSD
// (../shared/office-manifest-xsd) with xmllint, and check that every URL is HTTPS.
// (office-addin-manifest validate needs an online service.)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestUrls } from './manifest.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = resolve(process.argv[2] ?? 'manifest.xml');
const xsd = process.env.MOFAN_MANIFEST_XSD ?? resolve(root, '..', 'shared', 'office-manifest-xsd', 'OfficeAppManifestV1_1.xsd');

if (!existsSync(file)) {
  console.error(`validate: no such manifest: ${file}`);
  process.exit(2);
}
const bad = manifestUrls(readFileSync(file, 'utf8')).filter((u) => !u.startsWith('https://'));
if (bad.length) {
  console.error(`validate: ${file}: these URLs are not HTTPS (Office requires HTTPS):\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
if (!existsSync(xsd)) {
  console.error(`validate: schema not found at ${xsd}; set MOFAN_MANIFEST_XSD to OfficeAppManifestV1_1.xsd`);
  process.exit(2);
}
try {
  execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'inherit' });
} catch (error) {
  if (error && error.code === 'ENOENT') {
    console.error('validate: xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)');
    process.exit(2);
  }
  process.exit(1);
}

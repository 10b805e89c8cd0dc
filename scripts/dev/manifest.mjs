// Manifest helpers shared by webpack.config.js, `npm run validate` and the tests.

/** The address manifest.xml points at during development. */
export const DEV_URL = 'https://localhost:3000';

/**
 * Check a production address for the add-in: Office loads add-ins only over HTTPS.
 * Returns the address without a trailing slash, or throws an Error whose message says what to fix.
 */
export function normaliseAddinUrl(value) {
  const text = String(value ?? '').trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_URL "${text}" is not a URL; use e.g. ADDIN_URL=https://intranet.example/mofan`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`ADDIN_URL must start with https:// (Office loads add-ins only over HTTPS), got "${text}"`);
  }
  if (url.search || url.hash) throw new Error(`ADDIN_URL must not have a query or fragment, got "${text}"`);
  return url.href.replace(/\/+$/, '');
}

/** Replace every development URL in a manifest by the production address. */
export function rewriteManifest(xml, addinUrl) {
  const base = normaliseAddinUrl(addinUrl);
  const origin = new URL(base).origin;
  return xml
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .replaceAll(DEV_URL, base);
}

/** Every http(s) URL in attribute values and AppDomain elements of a manifest. */
export function manifestUrls(xml) {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const urls = [];
  for (const m of body.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]*)"/g)) urls.push(m[1]);
  for (const m of body.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)) urls.push(m[1]);
  return urls;
}

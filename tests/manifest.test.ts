/** manifest.xml: valid offline against the Office XSD, and the production build rewrites every URL. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';
import { describe, expect, it } from 'vitest';
import { DEV_URL, manifestUrls, normaliseAddinUrl, rewriteManifest } from '../scripts/dev/manifest.mjs';
import webpackConfig, { PANE_BUDGET_GZIP } from '../webpack.config.js';
import { gzipSync } from 'node:zlib';
import { validateManifest, xmllintAvailable } from './helpers/xmllint';

const ROOT = join(import.meta.dirname, '..');
const MANIFEST = join(ROOT, 'manifest.xml');
const xml = readFileSync(MANIFEST, 'utf8');

describe('manifest.xml', () => {
  it('asks for what the add-in needs: Workbook host, ExcelApi 1.7, ReadWriteDocument, a Home-tab button, zh-CN default with en-US overrides', () => {
    expect(xml).toContain('<Host Name="Workbook"/>');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
    expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(xml).toContain('<OfficeTab id="TabHome">');
    expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>MofanLedgerPane<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(xml.match(/<bt:Override Locale="en-US"/g)?.length).toBe(5);
    const urls = manifestUrls(xml);
    expect(urls.length).toBe(11);
    expect(urls.every((u) => u.startsWith(DEV_URL))).toBe(true);
  });

  it.runIf(xmllintAvailable())('validates against the Office add-in XSD, and a broken manifest does not', async () => {
    expect(await validateManifest(MANIFEST)).toMatchObject({ ok: true });
    const broken = join(mkdtempSync(join(tmpdir(), 'mofan-manifest-')), 'manifest.xml');
    writeFileSync(broken, xml.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
    const result = await validateManifest(broken);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('Permissions');
  });

  it('rewrites every URL for a production address', () => {
    const out = rewriteManifest(xml, 'https://intranet.example/mofan/');
    const urls = manifestUrls(out);
    expect(urls.length).toBe(11);
    expect(urls.filter((u) => !u.startsWith('https://intranet.example'))).toStrictEqual([]);
    expect(out).toContain('<AppDomain>https://intranet.example</AppDomain>');
    expect(out).toContain('<SourceLocation DefaultValue="https://intranet.example/mofan/taskpane.html"/>');
    expect(out).not.toContain('localhost');
  });

  it.each([
    ['http://intranet.example/mofan', 'ADDIN_URL must start with https:// (Office loads add-ins only over HTTPS), got "http://intranet.example/mofan"'],
    ['intranet.example', 'ADDIN_URL "intranet.example" is not a URL; use e.g. ADDIN_URL=https://intranet.example/mofan'],
    ['https://x.example/a?b=1', 'ADDIN_URL must not have a query or fragment, got "https://x.example/a?b=1"'],
  ])('refuses ADDIN_URL=%s', (value, message) => {
    expect(() => normaliseAddinUrl(value)).toThrow(message);
  });
});

describe('npm run build', () => {
  it('builds dist/ with the pane and a manifest whose every URL is the production address', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mofan-dist-'));
    const previous = process.env.ADDIN_URL;
    process.env.ADDIN_URL = 'https://intranet.example/mofan';
    const config = webpackConfig({}, { mode: 'production' });
    if (previous === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = previous;
    config.output.path = out;
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack(config as webpack.Configuration, (err, s) => (err || !s ? reject(err) : resolve(s))),
    );
    expect(stats.toJson({ errors: true }).errors?.map((e) => e.message) ?? []).toStrictEqual([]);
    expect(readdirSync(out).sort()).toEqual(
      expect.arrayContaining(['assets', 'commands.html', 'help.html', 'manifest.xml', 'taskpane.css', 'taskpane.html', 'taskpane.js', 'templates']),
    );
    const built = readFileSync(join(out, 'manifest.xml'), 'utf8');
    const urls = manifestUrls(built);
    expect(urls.length).toBe(11);
    expect(urls.filter((u) => !u.startsWith('https://intranet.example'))).toStrictEqual([]);
    if (xmllintAvailable()) expect(await validateManifest(join(out, 'manifest.xml'))).toMatchObject({ ok: true });
    // the pane's initial script stays within its gzipped budget
    const gz = gzipSync(readFileSync(join(out, 'taskpane.js'))).length;
    expect(gz).toBeLessThan(PANE_BUDGET_GZIP);
    const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(html).toContain('Content-Security-Policy');
    expect(html).toMatch(/<script defer(="defer")? src="?taskpane\.js"?><\/script>/);
  });
});

/**
 * `npm run screenshots`: the README's pictures, made from the current code — the task pane in
 * Chromium (zh-CN and English, 320 and 500 px wide, against the office.js stand-in) and the 排名
 * sheet of the demo's office workbook rendered by LibreOffice. Needs chromium, soffice, pdftoppm.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { fillLedger } from '../../core/xlsx/fill';
import { readWorkbook } from '../../core/xlsx/read';
import { scheme, template } from '../../tests/helpers/cli';
import { sampleLedger } from '../../tests/helpers/sample-ledger';
import { standInSheets } from '../../tests/helpers/standin';
import { run } from '../main';

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

// 1. the demo, and its 排名 sheet alone rendered to PNG
const demo = mkdtempSync(join(tmpdir(), 'mofan-shots-'));
await run(['demo', '--out', join(demo, 'demo')], { out: () => undefined, err: (t) => void process.stderr.write(`${t}\n`), env: { LANG: 'zh_CN.UTF-8' } });
execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', demo, join(demo, 'demo', '汇总.xlsx')], { stdio: 'ignore' });
const pdf = join(demo, '汇总.pdf');
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
// the page that holds the 排名 sheet's title
let page = 0;
for (let p = 1; p <= pages && !page; p++) {
  if (execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }).includes('模范机关创建考核排名')) page = p;
}
if (!page) throw new Error('the 排名 page was not found in the PDF');
execFileSync('pdftoppm', ['-png', '-r', '110', '-f', String(page), '-l', String(page), '-singlefile', pdf, join(SHOTS, 'ranking')]);

// 2. the task pane, built and served, in Chromium
const dist = join(ROOT, 'dist');
execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };
const server = createServer((req, res) => {
  const path = normalize(join(dist, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')));
  if (!path.startsWith(dist) || !existsSync(path)) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const standin = readFileSync(join(ROOT, 'tests', 'browser', 'office-standin.js'), 'utf8');
// a section's ledger as of mid-September: two items overdue, one deadline written in words
const content = sampleLedger(scheme);
const ledgerBytes = await fillLedger(template, {
  ...content,
  info: { ...content.info, asOf: { date: '2024-09-15' } },
  issues: content.issues!.map((r, i) => (i === 2 ? { ...r, deadline: '下月底' } : r)),
});
const read = readWorkbook(ledgerBytes);
if (!read.ok) throw new Error(read.unusable.code);
for (const [lang, width] of [['zh-CN', 320], ['en-US', 500]] as const) {
  const page = await browser.newPage({ viewport: { width, height: 640 } });
  await page.addInitScript((h) => Object.assign(window, { __MOFAN_HOST__: h }), { host: 'Excel', displayLanguage: lang, ...standInSheets(read.workbook) });
  await page.route('https://appsforoffice.microsoft.com/lib/1/hosted/office.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: standin }));
  await page.goto(`${base}/taskpane.html`);
  await page.waitForSelector('#status[data-kind="ledger"]');
  await page.click('#check');
  await page.waitForSelector('#findings li');
  await page.screenshot({ path: join(SHOTS, `pane-${lang}-${width}.png`), fullPage: true });
  await page.close();
}
await browser.close();
server.close();
console.log(`screenshots written to ${SHOTS}`);

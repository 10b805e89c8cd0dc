/**
 * The built task pane in real Chromium: it loads under its Content-Security-Policy, waits for
 * Office.onReady, reads the workbook through the adapter and says what it is, in zh-CN or English.
 * office.js comes from Microsoft's CDN in production; here that URL is served the stand-in.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import webpack from 'webpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbookBytes } from '../../core/rules';
import { fillLedger } from '../../core/xlsx/fill';
import { readWorkbook } from '../../core/xlsx/read';
import { standInSheets } from '../helpers/standin';
import webpackConfig from '../../webpack.config.js';
import { scheme, template } from '../helpers/cli';
import { sampleLedger } from '../helpers/sample-ledger';

const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const STANDIN = readFileSync(join(import.meta.dirname, 'office-standin.js'), 'utf8');
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

function available(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error('Chromium is required on CI: apt-get install chromium');
  console.warn('notice: /usr/bin/chromium not found — skipping the browser tests');
  return false;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml' };

const INFO = [
  ['项目', '内容', '填写说明'],
  ['单位', '煤炭事务中心'],
  ['股室', '安全监管股'],
  ['股室代码', 'AJ'],
  ['股室负责人', '王建国'],
  ['联系人', '李敏'],
  ['联系电话', '0734-4321001'],
  ['填报期次', '2024-06'],
  ['截至日期', 45473],
  ['提交时间', ''],
  ['模板标识', 'mofan-ledger'],
  ['模板版本', 1],
];
const LEDGER = Object.fromEntries(['填报说明', '基本信息', '问题清单', '责任清单', '考核自评', '金点子', '工作计划'].map((n) => [n, n === '基本信息' ? INFO : [[]]]));

describe.runIf(available())('the task pane in Chromium', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'mofan-pane-'));
    const config = webpackConfig({}, { mode: 'production' });
    config.output.path = dist;
    await new Promise<void>((resolve, reject) =>
      webpack(config as webpack.Configuration, (err, stats) => (err || !stats || stats.hasErrors() ? reject(err ?? new Error(stats?.toString())) : resolve())),
    );
    server = createServer((req, res) => {
      const path = normalize(join(dist, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')));
      if (!path.startsWith(dist) || !existsSync(path)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  async function open(
    host: {
      host: string;
      displayLanguage: string;
      sheets: Record<string, unknown[][]>;
      formats?: Record<string, string[][]>;
      protectedSheets?: string[];
      locked?: Record<string, string[]>;
      excelApi?: string;
      insertSheets?: Record<string, unknown[][]>;
      insertFormats?: Record<string, string[][]>;
      active?: { sheet: string; row: number };
    },
    width = 320,
  ) {
    const page = await browser.newPage({ viewport: { width, height: 600 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.addInitScript((h) => Object.assign(window, { __MOFAN_HOST__: h }), host);
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: STANDIN }));
    await page.goto(`${base}/taskpane.html`);
    return { page, errors };
  }

  it('says the open workbook is a ledger, in Chinese, with two syncs', async () => {
    const { page, errors } = await open({ host: 'Excel', displayLanguage: 'zh-CN', sheets: LEDGER });
    await page.waitForSelector('#status[data-kind="ledger"]');
    expect(await page.textContent('#status')).toBe('这是模范机关创建工作台账（模板版本 1）。');
    expect(await page.textContent('#title')).toBe('模范机关创建工作台账');
    expect(await page.evaluate(() => (window as unknown as { __MOFAN_SYNCS__: { count: number } }).__MOFAN_SYNCS__.count)).toBe(2);
    expect(errors).toStrictEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pane-ledger-zh-320.png') });
    await page.close();
  });

  it('says it is not a ledger, in English', async () => {
    const { page, errors } = await open({ host: 'Excel', displayLanguage: 'en-US', sheets: { Sheet1: [['x']] } }, 500);
    await page.waitForSelector('#status[data-kind="not-ledger"]');
    expect(await page.textContent('#status')).toBe('The open workbook is not a model-agency campaign ledger.');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(errors).toStrictEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pane-not-ledger-en-500.png') });
    await page.close();
  });

  it('names another template version', async () => {
    const sheets = { ...LEDGER, 基本信息: INFO.map((r) => (r[0] === '模板版本' ? ['模板版本', 2] : r)) };
    const { page } = await open({ host: 'Excel', displayLanguage: 'zh-CN', sheets });
    await page.waitForSelector('#status[data-kind="other-version"]');
    expect(await page.textContent('#status')).toBe('这是模板版本 2 的工作台账，本工具使用版本 1。请向领导小组办公室索取最新模板。');
    await page.close();
  });

  it('checks the open workbook with exactly the findings mofan check reports on the saved file; a click selects the cell', async () => {
    const content = sampleLedger(scheme);
    const issues = content.issues!.map((r, i) => (i === 0 ? { ...r, deadline: '下月底', description: '<img src=x onerror=alert(1)>' } : i === 1 ? { ...r, foundDate: { text: '2024年5月12日' } } : r));
    const bytes = await fillLedger(template, { ...content, issues });
    const verdict = checkWorkbookBytes(bytes, { scheme, lang: 'zh', today: '2024-07-01' });
    if (verdict.kind !== 'checked') throw new Error(verdict.message);
    // the stand-in holds the same workbook, as Office.js would give it: values with number formats
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.unusable.code);
    const { page, errors } = await open({ host: 'Excel', displayLanguage: 'zh-CN', ...standInSheets(read.workbook) });
    await page.waitForSelector('#status[data-kind="ledger"]');
    await page.click('#check');
    await page.waitForSelector('#findings li');
    const shown = await page.$$eval('#findings li button', (buttons) => buttons.map((b) => [b.getAttribute('data-code'), b.getAttribute('data-cell'), b.textContent]));
    expect(shown).toStrictEqual(verdict.result.findings.map((f) => [f.code, f.cell, `${f.severity === 'error' ? '错误' : '警告'} · ${f.message}`]));
    expect(shown.map((x) => x[0])).toStrictEqual(['E_DATE_INVALID', 'W_TEXT_DATE']);
    // the markup in a cell is shown as text, never run
    expect(await page.evaluate(() => document.querySelectorAll('#findings img').length)).toBe(0);
    await page.click('#findings li.error button');
    const first = verdict.result.findings.find((f) => f.severity === 'error')!;
    await page.waitForFunction(() => (window as unknown as { __MOFAN_SELECTED__?: unknown }).__MOFAN_SELECTED__ !== undefined);
    expect(await page.evaluate(() => (window as unknown as { __MOFAN_SELECTED__: unknown }).__MOFAN_SELECTED__)).toStrictEqual({ sheet: first.sheet, address: first.cell });
    expect(errors).toStrictEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pane-check-zh-320.png'), fullPage: true });
    await page.close();
  });

  it('shows the deadlines board, refuses to submit with errors, and submits a clean ledger', async () => {
    const content = sampleLedger(scheme);
    const stand = (bytes: Uint8Array) => {
      const read = readWorkbook(bytes);
      if (!read.ok) throw new Error(read.unusable.code);
      return standInSheets(read.workbook);
    };
    // with an error: the board shows the overdue problem (as of 2024-09-15), and submit is refused
    const late = await fillLedger(template, { ...content, info: { ...content.info, asOf: { date: '2024-09-15' } }, issues: content.issues!.map((r, i) => (i === 2 ? { ...r, deadline: '下月底' } : r)) });
    const bad = await open({ host: 'Excel', displayLanguage: 'zh-CN', ...stand(late), protectedSheets: ['基本信息'] });
    await bad.page.waitForSelector('#status[data-kind="ledger"]');
    await bad.page.click('#check');
    await bad.page.waitForSelector('#board li');
    expect(await bad.page.textContent('#board h2')).toBe('时限看板：逾期 2 · 7 天内到期 0 · 正常推进 2');
    expect(await bad.page.$$eval('#board li.overdue button', (b) => b.map((x) => x.textContent))).toStrictEqual([
      'AJ-001 下矿检查发现的问题跟踪不及时，存在“查而不改”现象（2024-08-31，逾期 15 天，王建国）',
      'AJ-001-02 每周更新并通报（2024-08-31，逾期 15 天，王建国）',
    ]);
    await bad.page.click('#board li.overdue button');
    await bad.page.waitForFunction(() => (window as unknown as { __MOFAN_SELECTED__?: unknown }).__MOFAN_SELECTED__ !== undefined);
    expect(await bad.page.evaluate(() => (window as unknown as { __MOFAN_SELECTED__: unknown }).__MOFAN_SELECTED__)).toStrictEqual({ sheet: '问题清单', address: 'A2' });
    await bad.page.click('#submit');
    await bad.page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('还有'));
    expect(await bad.page.textContent('#status')).toBe('还有 1 个错误，改正后才能提交。');
    await bad.page.screenshot({ path: join(SHOTS, 'pane-board-zh-320.png'), fullPage: true });
    await bad.page.close();

    // clean: the time is stamped on 基本信息 (unprotected, written, protected again) and the file named
    const good = await open({ host: 'Excel', displayLanguage: 'en-US', ...stand(await fillLedger(template, content)), protectedSheets: ['基本信息'], locked: { 基本信息: ['B10'] } }, 500);
    await good.page.waitForSelector('#status[data-kind="ledger"]');
    await good.page.click('#submit');
    await good.page.waitForSelector('#status[data-kind="submitted"]');
    expect(await good.page.textContent('#status')).toMatch(/^Submission time \d{4}-\d{2}-\d{2} \d{2}:\d{2} recorded\. Save the workbook and send it to the campaign office as "AJ-安全监管股-2024-06\.xlsx"\.$/);
    expect(await good.page.evaluate(() => (window as unknown as { __MOFAN_LOG__: string[] }).__MOFAN_LOG__)).toStrictEqual([
      'unprotect 基本信息',
      'values 基本信息!B10',
      'numberFormat 基本信息!B10',
      'protect 基本信息',
    ]);
    const stamped = await good.page.evaluate(() => (window as unknown as { __MOFAN_HOST__: { sheets: Record<string, unknown[][]> } }).__MOFAN_HOST__.sheets['基本信息']![9]![1]);
    expect(typeof stamped).toBe('number');
    expect(good.errors).toStrictEqual([]);
    await good.page.close();
  });

  it('adds a problem and a task through the forms: next ids, lists, dates; a row with errors is refused', async () => {
    const read = readWorkbook(await fillLedger(template, sampleLedger(scheme)));
    if (!read.ok) throw new Error(read.unusable.code);
    const { page, errors } = await open({ host: 'Excel', displayLanguage: 'zh-CN', ...standInSheets(read.workbook) });
    const host = () => page.evaluate(() => (window as unknown as { __MOFAN_HOST__: { sheets: Record<string, unknown[][]> } }).__MOFAN_HOST__.sheets);
    await page.waitForSelector('#status[data-kind="ledger"]');
    await page.click('#add-issue');
    await page.waitForSelector('#form:not([hidden]) [name="description"]');
    expect(await page.inputValue('[name="id"]')).toBe('AJ-004');
    await page.selectOption('[name="category"]', '工作效能');
    await page.fill('[name="description"]', '公文办理时限意识不强');
    await page.selectOption('[name="source"]', '职工提');
    await page.selectOption('[name="strong"]', '否');
    await page.fill('[name="foundDate"]', '2024-06-05');
    await page.fill('[name="cause"]', '办文流程环节多');
    await page.fill('[name="measures"]', '压缩办文环节，设定办结时限');
    await page.selectOption('[name="fixType"]', '限期整改');
    await page.fill('[name="leader"]', '赵立新');
    await page.fill('[name="owner"]', '李敏');
    await page.fill('[name="deadline"]', '2024-08-31');
    await page.selectOption('[name="status"]', '未启动');
    await page.click('#form button[type="submit"]');
    await page.waitForSelector('#status[data-kind="saved"]');
    expect(await page.textContent('#status')).toBe('已保存到问题清单第 5 行（AJ-004）。');
    const row5 = (await host())['问题清单']![4]!;
    expect(row5.slice(0, 6)).toStrictEqual(['AJ-004', '工作效能', '公文办理时限意识不强', '职工提', '否', 45448]);
    expect(await page.$$eval('#findings li button', (b) => b.map((x) => x.getAttribute('data-code')))).toStrictEqual(['W_ISSUE_WITHOUT_TASK']);

    await page.click('#add-task');
    await page.waitForSelector('#form:not([hidden]) [name="content"]');
    expect(await page.inputValue('[name="id"]')).toBe('AJ-001-03');
    await page.selectOption('[name="issueId"]', 'AJ-004');
    expect(await page.inputValue('[name="id"]')).toBe('AJ-004-01');
    await page.fill('[name="content"]', '梳理办文流程');
    await page.fill('[name="steps"]', '列出全部环节，合并可并联的环节');
    await page.fill('[name="owner"]', '李敏');
    await page.fill('[name="deadline"]', '2024-07-31');
    await page.fill('[name="progress"]', '150');
    const before = JSON.stringify((await host())['责任清单']);
    await page.click('#form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('未保存'));
    expect(await page.textContent('#status')).toBe('未保存：有 1 个错误，请按下列提示修改。');
    expect(await page.$$eval('#findings li.error button', (b) => b.map((x) => x.getAttribute('data-code')))).toStrictEqual(['E_NUMBER_RANGE']);
    expect(JSON.stringify((await host())['责任清单'])).toBe(before);
    await page.fill('[name="progress"]', '20');
    await page.click('#form button[type="submit"]');
    await page.waitForSelector('#status[data-kind="saved"]');
    expect(await page.textContent('#status')).toBe('已保存到责任清单第 6 行（AJ-004-01）。');
    expect(((await host())['责任清单']![5] ?? []).slice(0, 3)).toStrictEqual(['AJ-004-01', 'AJ-004', '梳理办文流程']);
    expect(errors).toStrictEqual([]);
    await page.close();
  });

  it('shows cell text as text: a problem described as <img src=x onerror=alert(1)> runs nothing', async () => {
    const content = sampleLedger(scheme);
    const xss = '<img src=x onerror=alert(1)>';
    const bytes = await fillLedger(template, { ...content, info: { ...content.info, asOf: { date: '2024-09-15' } }, issues: content.issues!.map((r, i) => (i === 0 ? { ...r, description: xss, owner: '<script>alert(2)</script>' } : r)) });
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.unusable.code);
    const { page, errors } = await open({ host: 'Excel', displayLanguage: 'zh-CN', ...standInSheets(read.workbook) });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.waitForSelector('#status[data-kind="ledger"]');
    await page.click('#check');
    await page.waitForSelector('#board li.overdue');
    const first = await page.textContent('#board li.overdue button');
    expect(first).toBe(`AJ-001 ${xss}（2024-08-31，逾期 15 天，<script>alert(2)</script>）`);
    expect(await page.evaluate(() => document.querySelectorAll('main img, main script').length)).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toStrictEqual([]);
    expect(errors).toStrictEqual([]);
    await page.close();
  });

  it.each([
    ['zh-CN', 320],
    ['en-US', 500],
  ] as const)("walks a section head's week (%s, %i px): 基本信息, three problems with tasks, the board, a finding fixed, submit", async (lang, width) => {
    // the real template, with the self-assessment scored and one problem typed straight into the sheet:
    // marked 已完成 without its completion date and result
    const content = sampleLedger(scheme);
    const typed = { ...content.issues![1]!, id: 'AJ-001', status: '已完成', doneDate: null, result: null, evidence: null, verifier: null, deadline: { date: '2024-06-20' } };
    const read = readWorkbook(await fillLedger(template, { selfAssessment: content.selfAssessment, issues: [typed], tasks: [{ ...content.tasks![0]!, id: 'AJ-001-01', issueId: 'AJ-001' }] }));
    if (!read.ok) throw new Error(read.unusable.code);
    const { page, errors } = await open({ host: 'Excel', displayLanguage: lang, ...standInSheets(read.workbook), protectedSheets: ['基本信息'], locked: { 基本信息: ['B2', 'B4', 'B10', 'B11', 'B12'] } }, width);
    const host = () => page.evaluate(() => (window as unknown as { __MOFAN_HOST__: { sheets: Record<string, unknown[][]> } }).__MOFAN_HOST__.sheets);
    const saved = async () => {
      await page.click('#form button[type="submit"]');
      await page.waitForSelector('#status[data-kind="saved"]', { timeout: 5000 }).catch(async (e) => {
        throw new Error(`not saved: ${await page.textContent('#status')} | ${await page.textContent('#findings')} | ${errors.join(' ')} | ${e}`);
      });
      await page.evaluate(() => void (document.getElementById('status')!.dataset['kind'] = ''));
    };
    await page.waitForSelector('#status[data-kind="ledger"]');

    // 基本信息
    await page.click('#edit-info');
    await page.waitForSelector('#form:not([hidden]) [name="head"]');
    await page.selectOption('[name="section"]', '安全监管股');
    await page.fill('[name="head"]', '王建国');
    await page.fill('[name="contact"]', '李敏');
    await page.fill('[name="phone"]', '0734-4321001');
    await page.fill('[name="period"]', '2024-06');
    await page.fill('[name="asOf"]', '2024-06-30');
    await saved();

    // three problems, each with a task; the third is overdue by the as-of date
    const problems = [
      ['工作作风', '会议多、文件多', '2024-08-31'],
      ['服务企业', '企业办事材料多', '2024-07-05'],
      ['工作效能', '办文超时', '2024-06-10'],
    ];
    for (const [category, description, deadline] of problems) {
      await page.click('#add-issue');
      await page.waitForSelector('#form:not([hidden]) [name="description"]');
      await page.selectOption('[name="category"]', category!);
      await page.fill('[name="description"]', description!);
      await page.selectOption('[name="source"]', '自己找');
      await page.selectOption('[name="strong"]', '否');
      await page.fill('[name="foundDate"]', '2024-05-20');
      await page.fill('[name="cause"]', '制度执行不严');
      await page.fill('[name="measures"]', '建立台账，按周推进');
      await page.selectOption('[name="fixType"]', '限期整改');
      await page.fill('[name="leader"]', '赵立新');
      await page.fill('[name="owner"]', '王建国');
      await page.fill('[name="deadline"]', deadline!);
      await page.selectOption('[name="status"]', '整改中');
      await saved();
      await page.click('#add-task');
      await page.waitForSelector('#form:not([hidden]) [name="content"]');
      const ids = await page.$$eval('[name="issueId"] option', (o) => o.map((x) => (x as HTMLOptionElement).value).filter(Boolean));
      await page.selectOption('[name="issueId"]', ids[ids.length - 1]!);
      await page.fill('[name="content"]', `落实：${description}`);
      await page.fill('[name="steps"]', '按周推进');
      await page.fill('[name="owner"]', '李敏');
      await page.fill('[name="deadline"]', deadline!);
      await page.fill('[name="progress"]', '30');
      await saved();
    }

    // the check: the overdue problem on the board in red, and the typed problem's two errors
    await page.click('#check');
    await page.waitForSelector('#board li.overdue');
    expect(await page.$$eval('#board li.overdue button', (b) => b.map((x) => x.textContent?.split(' ')[0]))).toStrictEqual(['AJ-004', 'AJ-004-01']);
    expect(await page.$eval('#board li.overdue button', (b) => getComputedStyle(b).backgroundColor)).toBe('rgb(253, 231, 233)');
    expect(await page.$$eval('#findings li.error button', (b) => b.map((x) => x.getAttribute('data-code')))).toStrictEqual(['E_DONE_NO_DATE', 'E_DONE_NO_RESULT']);
    await page.screenshot({ path: join(SHOTS, `week-check-${lang}-${width}.png`), fullPage: true });

    // fix it: clicking the finding selects its cell, and "mark done" fills the date and the result
    await page.click('#findings li.error button');
    await page.waitForFunction(() => (window as unknown as { __MOFAN_SELECTED__?: { address: string } }).__MOFAN_SELECTED__?.address === 'N2');
    await page.click('#mark-done');
    await page.waitForSelector('#form:not([hidden]) [name="result"]');
    await page.fill('[name="doneDate"]', '2024-06-18');
    await page.fill('[name="result"]', '材料由 12 项减为 7 项');
    await saved();
    await page.click('#check');
    await page.waitForFunction(() => !document.querySelector('#findings li.error'));

    // submit: stamped, named
    await page.click('#submit');
    await page.waitForSelector('#status[data-kind="submitted"]');
    expect(await page.textContent('#status')).toContain('AJ-安全监管股-2024-06.xlsx');
    await page.screenshot({ path: join(SHOTS, `week-submitted-${lang}-${width}.png`), fullPage: true });

    // what the workbook holds now
    const sheets = await host();
    const info = Object.fromEntries((sheets['基本信息'] ?? []).map((r) => [String(r?.[0] ?? ''), r?.[1]]));
    expect([info['股室'], info['股室负责人'], info['填报期次'], info['截至日期'], typeof info['提交时间']]).toStrictEqual(['安全监管股', '王建国', '2024-06', 45473, 'number']);
    const issues = (sheets['问题清单'] ?? []).slice(1).filter((r) => r?.[0]);
    expect(issues.map((r) => [r[0], r[12], r[13] ?? '', r[14] ?? ''])).toStrictEqual([
      ['AJ-001', '已完成', 45461, '材料由 12 项减为 7 项'],
      ['AJ-002', '整改中', '', ''],
      ['AJ-003', '整改中', '', ''],
      ['AJ-004', '整改中', '', ''],
    ]);
    expect((sheets['责任清单'] ?? []).slice(1).filter((r) => r?.[0]).map((r) => [r[0], r[1]])).toStrictEqual([
      ['AJ-001-01', 'AJ-001'],
      ['AJ-002-01', 'AJ-002'],
      ['AJ-003-01', 'AJ-003'],
      ['AJ-004-01', 'AJ-004'],
    ]);
    expect(errors).toStrictEqual([]);
    await page.close();
  });

  it('offers to add the template sheets to a workbook that is not a ledger (ExcelApi 1.13), or a link on older Excel', async () => {
    const read = readWorkbook(template);
    if (!read.ok) throw new Error(read.unusable.code);
    const tpl = standInSheets(read.workbook);
    const { page, errors } = await open({ host: 'Excel', displayLanguage: 'zh-CN', sheets: { Sheet1: [['旧台账']] }, insertSheets: tpl.sheets, insertFormats: tpl.formats });
    await page.waitForSelector('#status[data-kind="not-ledger"]');
    expect(await page.isVisible('#add-template')).toBe(true);
    await page.click('#add-template');
    await page.waitForSelector('#status[data-kind="ledger"]');
    expect(await page.evaluate(() => (window as unknown as { __MOFAN_INSERTED__: number }).__MOFAN_INSERTED__)).toBeGreaterThan(20_000);
    expect(errors).toStrictEqual([]);
    await page.close();

    const old = await open({ host: 'Excel', displayLanguage: 'en-US', sheets: { Sheet1: [['x']] }, excelApi: '1.12' });
    await old.page.waitForSelector('#status[data-kind="not-ledger"]');
    expect(await old.page.isVisible('#add-template')).toBe(false);
    expect(await old.page.textContent('#template-help')).toBe('This Excel cannot add sheets from the task pane (it needs ExcelApi 1.13). Download the blank template instead: 模范机关创建工作台账.xlsx');
    const href = await old.page.getAttribute('#template-help a', 'href');
    const response = await old.page.request.get(`${base}/${href}`);
    expect(response.status()).toBe(200);
    await old.page.close();
  });

  it('edits the row the cursor is on: the form loads it and saves it back', async () => {
    const read = readWorkbook(await fillLedger(template, sampleLedger(scheme)));
    if (!read.ok) throw new Error(read.unusable.code);
    const { page, errors } = await open({ host: 'Excel', displayLanguage: 'zh-CN', ...standInSheets(read.workbook), active: { sheet: '问题清单', row: 3 } });
    await page.waitForSelector('#status[data-kind="ledger"]');
    await page.click('#edit-row');
    await page.waitForSelector('#form:not([hidden]) [name="description"]');
    expect([await page.inputValue('[name="id"]'), await page.inputValue('[name="description"]'), await page.inputValue('[name="deadline"]')]).toStrictEqual([
      'AJ-002',
      '煤矿企业反映办理安全许可材料多、跑路多',
      '2024-06-10',
    ]);
    await page.fill('[name="owner"]', '张华');
    await page.click('#form button[type="submit"]');
    await page.waitForSelector('#status[data-kind="saved"]');
    expect(await page.textContent('#status')).toBe('已更新问题清单第 3 行。');
    const row = await page.evaluate(() => (window as unknown as { __MOFAN_HOST__: { sheets: Record<string, unknown[][]> } }).__MOFAN_HOST__.sheets['问题清单']![2]!);
    expect([row[0], row[10], row[11], row[12]]).toStrictEqual(['AJ-002', '张华', 45453, '已销号']);
    expect(errors).toStrictEqual([]);
    await page.close();
  });

  it('asks for Excel when opened in another host', async () => {
    const { page } = await open({ host: 'Word', displayLanguage: 'en-US', sheets: {} });
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Open this add-in in Excel.');
    expect(await page.getAttribute('#status', 'class')).toBe('status status-error');
    await page.close();
  });
});

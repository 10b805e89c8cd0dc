import { mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './main';

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env }, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'mofan-cli-'));

describe('mofan template', () => {
  it('writes the template and reports it in English', async () => {
    const dir = tmp();
    const file = join(dir, 'ledger.xlsx');
    const { io, out, err } = capture({ LANG: 'en_US.UTF-8' });
    expect(await run(['template', '-o', file], io)).toBe(0);
    expect(err).toStrictEqual([]);
    const size = readFileSync(file).length;
    expect(out.join('\n')).toBe(
      [
        `Template written: ${file} (${(size / 1024).toFixed(1)} KB)`,
        'template id mofan-ledger, version 1; sheets: 填报说明, 基本信息, 问题清单, 责任清单, 考核自评, 金点子, 工作计划',
        '8 sections, 12 indicators',
      ].join('\n'),
    );
    // written atomically: no temporary file is left beside it
    expect(readdirSync(dir)).toStrictEqual(['ledger.xlsx']);
  });

  it('speaks Chinese by locale', async () => {
    const file = join(tmp(), 'ledger.xlsx');
    const { io, out } = capture({ LANG: 'zh_CN.UTF-8' });
    expect(await run(['template', '-o', file], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^已生成模板：.*\n模板标识 mofan-ledger，版本 1；工作表：填报说明、基本信息、问题清单、责任清单、考核自评、金点子、工作计划\n股室 8 个，考核指标 12 项$/);
  });

  it.each([
    ['a missing scheme file', () => '/no/such/scheme.json', 'en', 'mofan: cannot read the scheme file /no/such/scheme.json (ENOENT)'],
    ['a missing scheme file (zh)', () => '/no/such/scheme.json', 'zh', 'mofan: 无法读取考核方案文件 /no/such/scheme.json（ENOENT）'],
    [
      'a scheme whose points do not add up',
      () => {
        const file = join(tmp(), 'scheme.json');
        const scheme = JSON.parse(readFileSync(new URL('../templates/考核方案.json', import.meta.url), 'utf8'));
        scheme.indicators[0].points = 1;
        writeFileSync(file, JSON.stringify(scheme));
        return file;
      },
      'en',
      'mofan: the scheme file {file} has mistakes:\n  indicators: indicator points add up to 93, but totalPoints is 100',
    ],
  ])('refuses %s with exit code 2 and a message, no stack trace', async (_what, makeScheme, lang, message) => {
    const scheme = makeScheme();
    const { io, out, err } = capture();
    expect(await run(['template', '--scheme', scheme, '--lang', lang, '-o', join(tmp(), 'x.xlsx')], io)).toBe(2);
    expect(out).toStrictEqual([]);
    expect(err).toStrictEqual([message.replace('{file}', scheme)]);
  });

  it('reports a usage mistake with exit code 2', async () => {
    const { io, err } = capture();
    expect(await run(['template', '--lang', 'fr'], io)).toBe(2);
    expect(err.join('')).toContain("error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are zh, en.");
  });

  it('prints help with exit code 0', async () => {
    const { io, out } = capture();
    expect(await run(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('template [options]');
  });
});

describe('mofan check', () => {
  const scheme = JSON.parse(readFileSync(new URL('../templates/考核方案.json', import.meta.url), 'utf8'));
  const template = new Uint8Array(readFileSync(new URL('../templates/模范机关创建工作台账.xlsx', import.meta.url)));

  async function files() {
    const { fillLedger } = await import('../core/xlsx/fill');
    const { sampleLedger } = await import('../tests/helpers/sample-ledger');
    const dir = tmp();
    const content = sampleLedger(scheme);
    writeFileSync(join(dir, 'AJ-clean.xlsx'), await fillLedger(template, content));
    const bad = content.issues!.map((r, i) => (i === 0 ? { ...r, deadline: '下月底' } : r));
    writeFileSync(join(dir, 'AJ-errors.xlsx'), await fillLedger(template, { ...content, issues: bad }));
    writeFileSync(join(dir, 'notes.txt'), '这不是台账');
    return dir;
  }

  it('exits 0 for a clean workbook and prints its summary', async () => {
    const dir = await files();
    const { io, out } = capture({ LANG: 'zh_CN.UTF-8' });
    expect(await run(['check', join(dir, 'AJ-clean.xlsx'), '--as-of', '2024-06-30'], { ...io, today: '2024-07-01' })).toBe(0);
    expect(out.join('\n')).toBe(
      [
        '✔ AJ-clean.xlsx — 安全监管股（AJ） 2024-06，截至 2024-06-30',
        '  问题清单 3 行，责任清单 4 行，考核自评 12 行，金点子 1 行，工作计划 1 行',
        '  错误 0 项，警告 0 项',
      ].join('\n'),
    );
  });

  it('exits 1 when a workbook has errors, 2 when a file cannot be used, and names every file in --json', async () => {
    const dir = await files();
    const { io, out } = capture();
    expect(await run(['check', dir, '--json', '--lang', 'en', '--as-of', '2024-09-15'], { ...io, today: '2024-07-01' })).toBe(2);
    const report = JSON.parse(out.join('')) as { exitCode: number; files: Array<Record<string, unknown>> };
    expect(report.files.map((f) => [String(f['file']).split('/').pop(), f['status'], f['exitCode'], f['errors'] ?? null])).toStrictEqual([
      ['AJ-clean.xlsx', 'clean', 0, 0],
      ['AJ-errors.xlsx', 'errors', 1, 1],
      ['notes.txt', 'unusable', 2, null],
    ]);
    const overdue = (report.files[0]!['overdue'] as Array<{ id: string; days: number }>).map((d) => [d.id, d.days]);
    expect(overdue).toStrictEqual([['AJ-001', 15], ['AJ-001-02', 15]]);
    expect((report.files[1]!['findings'] as Array<{ code: string; cell: string }>).map((f) => [f.code, f.cell])).toStrictEqual([['E_DATE_INVALID', 'L2']]);
    expect(await run(['check', join(dir, 'AJ-errors.xlsx')], capture().io)).toBe(1);
  });

  it('takes links in a folder to files as those files, lists a broken link as unusable, and does not follow a link to a folder', async () => {
    const source = await files();
    const dir = tmp();
    symlinkSync(join(source, 'AJ-clean.xlsx'), join(dir, 'linked.xlsx'));
    symlinkSync(join(source, 'gone.xlsx'), join(dir, 'broken.xlsx'));
    symlinkSync(source, join(dir, 'folder-link'));
    const { io, out } = capture();
    expect(await run(['check', dir, '--json', '--lang', 'en', '--as-of', '2024-09-15'], { ...io, today: '2024-07-01' })).toBe(2);
    const report = JSON.parse(out.join('')) as { files: Array<Record<string, unknown>> };
    expect(report.files.map((f) => [String(f['file']).split('/').pop(), f['status']])).toStrictEqual([
      ['broken.xlsx', 'unusable'],
      ['linked.xlsx', 'clean'],
    ]);
  });

  it.each([
    [['check', '/no/such/folder'], 'mofan: no such file or folder: /no/such/folder'],
    [['check', 'x.xlsx', '--as-of', '2024-6-30'], 'mofan: --as-of must be a date as YYYY-MM-DD, got "2024-6-30"'],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const { io, err } = capture({ LANG: 'en_US.UTF-8' });
    expect(await run(argv, io)).toBe(2);
    expect(err).toStrictEqual([message]);
  });
});

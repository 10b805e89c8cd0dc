import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

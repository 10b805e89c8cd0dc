/** The README's first command: `npm run demo` does the whole job, deterministically, under its folder only. */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText } from '../core/xlsx/cells';
import { readWorkbook } from '../core/xlsx/read';
import { run } from '../scripts/main';
import { capture, sha } from './helpers/cli';


describe('mofan demo', () => {
  it('writes the section files, checks, merges, ranks, and prints the summary', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mofan-demo-'));
    const out = join(parent, 'demo');
    const start = performance.now();
    const { io, out: stdout, err } = capture('zh');
    expect(await run(['demo', '--out', out], io)).toBe(0);
    expect(performance.now() - start).toBeLessThan(30_000);
    expect(err).toStrictEqual([]);
    // nothing outside its folder
    expect(readdirSync(parent)).toStrictEqual(['demo']);
    expect(readdirSync(out).sort()).toStrictEqual(['submissions', '模范机关创建工作台账.xlsx', '汇总.xlsx']);
    expect(readdirSync(join(out, 'submissions')).length).toBe(8);

    const text = stdout.join('\n');
    expect(text).toContain('检查：无误 5，仅有警告 1，有错误 2，无法使用 0');
    expect(text).toContain('读入文件 8 个：汇总 7，被替代 1，未汇总 0；截至 2024-06-30');
    expect(text).toMatch(/↻ AJ-安全监管股-2024-06-初报\.xlsx（安全监管股）已被 AJ-安全监管股-2024-06-更正\.xlsx 替代/);
    expect(text).toContain('未报送：财务审计股（CW）');
    expect(text.match(/✔/g)?.length).toBe(5);
    expect(text).not.toContain('✘');

    const read = readWorkbook(new Uint8Array(readFileSync(join(out, '汇总.xlsx'))), { sheets: (n) => n === '排名' || n === '合并报告' });
    if (!read.ok) throw new Error('unreadable');
    const ranking = read.workbook.data.get('排名')!;
    const header = ranking.rows.find((r) => cellText(r.cells.get(1)?.value) === '名次')!;
    const rows = ranking.rows.filter((r) => r.row > header.row);
    expect(rows.length).toBe(8);
    const missing = rows.find((r) => cellText(r.cells.get(2)?.value) === '财务审计股')!;
    expect([cellText(missing.cells.get(4)?.value), cellText(missing.cells.get(5)?.value)]).toStrictEqual(['不合格', '未报送台账']);
    const report = [...read.workbook.data.get('合并报告')!.rows].map((r) => [...r.cells.values()].map((c) => cellText(c.value)).join(' '));
    expect(report.filter((l) => /读入 \d+ 行，写出 \d+ 行，一致 ✔/.test(l)).length).toBe(5);
  });

  it('gives the same office workbook for the same seed', async () => {
    const a = join(mkdtempSync(join(tmpdir(), 'mofan-demo-')), 'demo');
    const b = join(mkdtempSync(join(tmpdir(), 'mofan-demo-')), 'demo');
    await run(['demo', '--out', a], capture('zh').io);
    await run(['demo', '--out', b], capture('zh').io);
    expect(sha(join(a, '汇总.xlsx'))).toBe(sha(join(b, '汇总.xlsx')));
    expect(existsSync(join(a, 'submissions'))).toBe(true);
  });
});

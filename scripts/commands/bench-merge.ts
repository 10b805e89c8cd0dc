/**
 * `mofan bench merge --sections N --problems P`: generate N section workbooks from the real
 * template (P problems, 2P tasks and 20 indicators each; deterministic, cached under out/bench/),
 * time `mofan merge` on them as a whole command (peak RSS from /usr/bin/time), and, in the same
 * run, a plain exceljs streaming merge of the same files as the baseline, and the merge's floor
 * (./lib/merge-floor: the same files read, their cells found and rows of the same shape written and
 * deflated, with no checks), so the figures say how much of the time is the merge's own. Prints
 * figures only.
 */
import ExcelJS from 'exceljs';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../core/i18n';
import { parseScheme, type Scheme } from '../../core/scheme';
import { buildTemplate } from '../../core/xlsx/template';
import { fillLedger } from '../../core/xlsx/fill';
import { cachedBundle } from '../lib/bundle-cache.mjs';
import { PROJECT_ROOT, writeFileAtomic } from '../lib/fs';
import type { FloorFigures } from '../lib/merge-floor';
import { generateLedger } from '../lib/generate';
import { threadsFor } from '../lib/merge-files';
import { timeNode } from '../lib/timed';

export interface BenchMergeOptions {
  readonly sections: number;
  readonly problems: number;
  readonly out: string;
  readonly lang: Lang;
  /** skip the exceljs baseline (it is slow) */
  readonly baseline: boolean;
  /** how many times mofan merge runs (the median is reported) */
  readonly runs: number;
  /** time the merge's floor too */
  readonly floor: boolean;
}

/** The floor's run: its figures and its time as a whole command (the fastest of the runs). */
export interface FloorRun extends FloorFigures {
  readonly ms: number;
}

export interface BenchMergeReport {
  readonly folder: string;
  readonly files: number;
  readonly rows: number;
  /** the median run of mofan merge */
  readonly mergeMs: number;
  /** every run, in order */
  readonly runsMs: readonly number[];
  /** how many of the runs ran before the floor and the baseline (the rest after them) */
  readonly runsBefore: number;
  /** threads doing the file work (this machine's cores, at most 4) */
  readonly threads: number;
  /** the highest peak of the runs */
  readonly peakRssMb: number | null;
  readonly baselineMs: number | null;
  /** null when not run (--no-floor, or no place to keep its script) */
  readonly floor: FloorRun | null;
  readonly generatedMs: number;
}

const GENERATOR_VERSION = 1;

/** Section codes AAA, AAB, … (two to six capital letters, as the scheme requires). */
function code(i: number): string {
  const l = (n: number) => String.fromCharCode(65 + n);
  return l(Math.floor(i / 676) % 26) + l(Math.floor(i / 26) % 26) + l(i % 26);
}

/** A scheme with N sections and 20 indicators of 5 points. */
export function benchScheme(sections: number, base: Scheme): Scheme {
  const input = {
    version: `bench-${sections}`,
    unit: base.unit,
    sections: Array.from({ length: sections }, (_, i) => ({ code: code(i), name: `第${i + 1}股室` })),
    totalPoints: 100,
    indicators: Array.from({ length: 20 }, (_, i) => {
      const b = base.indicators[i % base.indicators.length]!;
      return { id: `${String.fromCharCode(65 + Math.floor(i / 9))}${(i % 9) + 1}`, heading: b.heading, content: b.content, standard: b.standard, points: 5, method: i === 6 ? 'auto' : 'manual' };
    }),
    deadlines: base.deadlines,
  };
  const parsed = parseScheme(input);
  if (!parsed.ok) throw new Error(`bench scheme invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.scheme;
}

export async function benchMerge(o: BenchMergeOptions, base: Scheme): Promise<BenchMergeReport> {
  const folder = join(o.out, `merge-${o.sections}x${o.problems}-v${GENERATOR_VERSION}`);
  const inputs = join(folder, 'submissions');
  const scheme = benchScheme(o.sections, base);
  const schemeFile = join(folder, 'scheme.json');
  const genStart = performance.now();
  if (!existsSync(join(folder, 'done'))) {
    await rm(folder, { recursive: true, force: true });
    await mkdir(inputs, { recursive: true });
    await writeFile(schemeFile, JSON.stringify(scheme, null, 1));
    const template = await buildTemplate(scheme);
    for (const [i, section] of scheme.sections.entries()) {
      const content = generateLedger({ section, scheme, seed: 1000 + i, issues: o.problems, tasksPerIssue: 2, asOf: '2024-06-30', period: '2024-06' });
      await writeFileAtomic(join(inputs, `${section.code}.xlsx`), await fillLedger(template, content));
    }
    await writeFile(join(folder, 'done'), '');
  }
  const generatedMs = Math.round(performance.now() - genStart);
  const files = (await readdir(inputs)).filter((f) => f.endsWith('.xlsx')).sort();

  // mofan merge, the whole command, a few times (shared machines are noisy): the median counts.
  // The runs are split around the floor and the baseline (half before them, the rest after), so
  // a machine that slows down or speeds up during the bench weighs on both sides of the ratio.
  const outFile = join(folder, '汇总.xlsx');
  const bin = join(PROJECT_ROOT, 'bin', 'mofan.mjs');
  const args = [bin, 'merge', inputs, '-o', outFile, '--scheme', schemeFile, '--as-of', '2024-06-30', '--merged-at', '2024-07-01T09:00:00', '--lang', 'en'];
  const runs: Array<{ ms: number; peakRssMb: number | null }> = [];
  let rows = 0;
  const runMerge = async (): Promise<void> => {
    await rm(outFile, { force: true });
    const child = timeNode(args, { ...process.env, CI: '1' });
    if (child.status !== 0 && child.status !== 1) throw new Error(`mofan merge failed (${child.status}): ${child.stderr}`);
    rows = [...child.stdout.matchAll(/(\d+) rows in/g)].reduce((a, m) => a + Number(m[1]), 0);
    runs.push({ ms: child.ms, peakRssMb: child.peakRssMb });
  };
  const total = Math.max(1, o.runs);
  const before = o.baseline || o.floor ? Math.ceil(total / 2) : total;
  for (let i = 0; i < before; i++) await runMerge();

  const threads = threadsFor(files.length);
  const floor = o.floor ? runFloor(files.map((f) => join(inputs, f)), threads, o.runs) : null;
  const baselineMs = o.baseline ? await exceljsMerge(files.map((f) => join(inputs, f)), join(folder, 'baseline.xlsx')) : null;
  for (let i = before; i < total; i++) await runMerge();

  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  const mergeMs = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  const peaks = runs.map((r) => r.peakRssMb).filter((m): m is number => m !== null);
  const peakRssMb = peaks.length > 0 ? Math.max(...peaks) : null;
  return { folder, files: files.length, rows, mergeMs, runsMs: runs.map((r) => r.ms), runsBefore: before, threads, peakRssMb, baselineMs, floor, generatedMs };
}

/**
 * The merge's floor over the files, as a command of its own on as many threads as the merge, run
 * `runs` times: the fastest run counts (a floor is a lower bound). Null where its script cannot be kept.
 */
function runFloor(files: readonly string[], threads: number, runs: number): FloorRun | null {
  const script = cachedBundle('merge-floor', 'scripts/lib/merge-floor-run.ts', { format: 'esm' }).path;
  if (!script) return null;
  let best: FloorRun | null = null;
  for (let i = 0; i < Math.max(1, runs); i++) {
    const child = timeNode([script, String(threads), ...files]);
    if (child.status !== 0) throw new Error(`merge floor failed (${child.status}): ${child.stderr}`);
    const figures = JSON.parse(child.stdout) as FloorFigures;
    if (!best || child.ms < best.ms) best = { ...figures, ms: child.ms };
  }
  return best;
}

/**
 * The baseline: what a plain exceljs merge does — stream-read every sheet of every file and
 * stream-write the rows stacked per sheet with their provenance.
 */
async function exceljsMerge(files: readonly string[], out: string): Promise<number> {
  const start = performance.now();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true, useStyles: false });
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const file of files) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      // every sheet's rows must be consumed, or exceljs loses its buffered parts
      const skip = name === '填报说明' || name === '下拉列表' || name === '基本信息';
      let target = sheets.get(name);
      if (!target && !skip) {
        target = writer.addWorksheet(name);
        sheets.set(name, target);
      }
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        if (!target || row.number === 1) continue;
        const values = (row.values as unknown[]).slice(1);
        if (values.every((v) => v === null || v === undefined || v === '')) continue;
        target.addRow([file, row.number, ...values]).commit();
      }
    }
  }
  await writer.commit();
  return Math.round(performance.now() - start);
}

export function formatBenchMergeReport(r: BenchMergeReport, lang: Lang): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const rate = Math.round((r.rows / Math.max(1, r.mergeMs)) * 1000);
  const ratio = r.baselineMs ? (r.baselineMs / Math.max(1, r.mergeMs)).toFixed(1) : null;
  return lang === 'zh'
    ? [
        `基准：mofan merge，${r.files} 个股室文件，共 ${r.rows} 行（生成/缓存 ${s(r.generatedMs)} 秒，${r.folder}）`,
        `  mofan merge（完整命令，${r.threads} 个线程，${r.runsMs.length} 次取中位数）：${s(r.mergeMs)} 秒，${rate} 行/秒，峰值内存 ${r.peakRssMb ?? '未测'} MB（各次：${runList(r)} 秒）`,
        r.baselineMs !== null ? `  对照：exceljs 流式读取+写出 ${s(r.baselineMs)} 秒；mofan 快 ${ratio} 倍` : '  对照：未运行（--no-baseline）',
        ...floorLines(r, 'zh'),
      ].join('\n')
    : [
        `bench: mofan merge of ${r.files} section files, ${r.rows} rows (generated/cached in ${s(r.generatedMs)} s, ${r.folder})`,
        `  mofan merge (whole command, ${r.threads} threads, median of ${r.runsMs.length}): ${s(r.mergeMs)} s, ${rate} rows/s, peak RSS ${r.peakRssMb ?? 'not measured'} MB (runs: ${runList(r)} s)`,
        r.baselineMs !== null ? `  baseline: exceljs streaming read + write ${s(r.baselineMs)} s; mofan is ${ratio}x faster` : '  baseline: not run (--no-baseline)',
        ...floorLines(r, 'en'),
      ].join('\n');
}

/** The runs in the order they ran, a "|" where the floor and the baseline ran between them. */
function runList(r: BenchMergeReport): string {
  const all = r.runsMs.map((ms) => (ms / 1000).toFixed(2));
  const after = all.slice(r.runsBefore);
  return after.length > 0 ? `${all.slice(0, r.runsBefore).join(' / ')} | ${after.join(' / ')}` : all.join(' / ');
}

/** The floor's line, and what 8× the baseline leaves beyond it. */
function floorLines(r: BenchMergeReport, lang: Lang): string[] {
  const f = r.floor;
  if (!f) return [];
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
  const share = ((f.ms / Math.max(1, r.mergeMs)) * 100).toFixed(0);
  const eight = r.baselineMs !== null ? r.baselineMs / 8 : null;
  if (lang === 'zh') {
    return [
      `  下限（不检查：读取、解压、找出单元格、写出同样形状的 ${f.rows} 行 ${mb(f.xmlBytes)} MB XML 并压缩；完整命令，${r.threads} 个线程，${r.runsMs.length} 次取最快）：${s(f.ms)} 秒，为 mofan merge 的 ${share}%`,
      ...(eight !== null ? [`  对照的 1/8 为 ${s(eight)} 秒：下限之外只余 ${s(eight - f.ms)} 秒`] : []),
    ];
  }
  return [
    `  floor (no checks: read, inflate, find the cells, write the same ${f.rows} rows' shape as ${mb(f.xmlBytes)} MB of XML and deflate it; whole command, ${r.threads} threads, fastest of ${r.runsMs.length}): ${s(f.ms)} s, ${share}% of mofan merge`,
    ...(eight !== null ? [`  an eighth of the baseline is ${s(eight)} s: ${s(eight - f.ms)} s beyond the floor`] : []),
  ];
}

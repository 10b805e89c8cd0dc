/**
 * `mofan bench check`: how long `mofan check` takes on a large problem list. Generates a
 * deterministic workbook (cached under out/bench/), then times the check in-process (median of
 * runs) and as a whole command (with its start-up), and an exceljs load of the same file as the
 * baseline. Prints figures; asserts nothing (timed tests flake on shared machines).
 */
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../core/i18n';
import { gridsFromWorkbook, workbookFromGrids } from '../../core/ledger/grid';
import { checkLedger, checkWorkbookBytes } from '../../core/rules';
import { readWorkbook } from '../../core/xlsx/read';
import type { Scheme } from '../../core/scheme';
import { fillLedger } from '../../core/xlsx/fill';
import { DEFAULT_TEMPLATE_PATH } from './template';
import { PROJECT_ROOT, writeFileAtomic } from '../lib/fs';
import { generateLedger } from '../lib/generate';
import { timeNode } from '../lib/timed';
import { nodeInflate, nodeUtf8 } from '../lib/inflate';

export interface BenchOptions {
  readonly rows: number;
  readonly runs: number;
  readonly out: string;
  readonly scheme: Scheme;
  readonly lang: Lang;
}

export interface BenchReport {
  readonly file: string;
  readonly bytes: number;
  readonly rows: { readonly issues: number; readonly tasks: number; readonly total: number };
  readonly checkMs: readonly number[];
  readonly medianMs: number;
  readonly commandMs: number;
  readonly commandPeakRssMb: number | null;
  readonly exceljsLoadMs: number;
  readonly findings: number;
  /** the task pane's check: Office.js-shaped values through workbookFromGrids and the rules */
  readonly paneMedianMs: number;
}

const GENERATOR_VERSION = 1;

export async function benchCheck(o: BenchOptions): Promise<BenchReport> {
  await mkdir(o.out, { recursive: true });
  const file = join(o.out, `check-${o.rows}-v${GENERATOR_VERSION}.xlsx`);
  if (!existsSync(file)) {
    const section = o.scheme.sections.find((s) => s.code === 'AJ') ?? o.scheme.sections[0]!;
    const content = generateLedger({ section, scheme: o.scheme, seed: 20240630, issues: o.rows, tasksPerIssue: 1, asOf: '2024-06-30', period: '2024-06' });
    await writeFileAtomic(file, await fillLedger(new Uint8Array(await readFile(DEFAULT_TEMPLATE_PATH)), content));
  }
  const bytes = new Uint8Array(await readFile(file));
  const checkMs: number[] = [];
  let findings = 0;
  let rows = { issues: 0, tasks: 0, total: 0 };
  for (let i = 0; i < o.runs; i++) {
    const start = performance.now();
    const verdict = checkWorkbookBytes(bytes, { scheme: o.scheme, lang: o.lang, today: '2024-06-30', inflate: nodeInflate, utf8: nodeUtf8 });
    checkMs.push(Math.round(performance.now() - start));
    if (verdict.kind !== 'checked') throw new Error(`bench workbook unusable: ${verdict.message}`);
    findings = verdict.result.findings.length;
    const s = verdict.result.sheets;
    rows = { issues: s.issues.rows.length, tasks: s.tasks.rows.length, total: Object.values(s).reduce((a, x) => a + x.rows.length, 0) };
  }
  const sorted = [...checkMs].sort((a, b) => a - b);

  // the whole command, start-up included, with its peak memory
  const command = timeNode([join(PROJECT_ROOT, 'bin', 'mofan.mjs'), 'check', file, '--json']);

  // the pane's path: the sheets as Office.js hands them over (values + number formats), then the same check
  const read = readWorkbook(bytes, { inflate: nodeInflate, utf8: nodeUtf8 });
  if (!read.ok) throw new Error(read.unusable.code);
  const grids = gridsFromWorkbook(read.workbook);
  const paneMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const start = performance.now();
    checkLedger(workbookFromGrids(read.workbook.sheets.map((s) => s.name), grids), { scheme: o.scheme, lang: o.lang, today: '2024-06-30' });
    paneMs.push(Math.round(performance.now() - start));
  }

  const loadStart = performance.now();
  await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const exceljsLoadMs = Math.round(performance.now() - loadStart);

  return {
    file,
    bytes: bytes.length,
    rows,
    checkMs,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    commandMs: command.ms,
    commandPeakRssMb: command.peakRssMb,
    exceljsLoadMs,
    findings,
    paneMedianMs: [...paneMs].sort((a, b) => a - b)[Math.floor(paneMs.length / 2)] ?? 0,
  };
}

export function formatBenchReport(r: BenchReport, lang: Lang): string {
  const rate = Math.round((r.rows.total / Math.max(1, r.medianMs)) * 1000);
  return lang === 'zh'
    ? [
        `基准：mofan check，问题清单 ${r.rows.issues} 行（另有责任清单 ${r.rows.tasks} 行，共 ${r.rows.total} 行），文件 ${(r.bytes / 1024 / 1024).toFixed(1)} MB`,
        `  检查（进程内，${r.checkMs.length} 次）：中位数 ${(r.medianMs / 1000).toFixed(3)} 秒，${rate} 行/秒；各次 ${r.checkMs.join(' / ')} 毫秒`,
        `  完整命令（含启动）：${(r.commandMs / 1000).toFixed(3)} 秒，峰值内存 ${r.commandPeakRssMb ?? '未测'} MB`,
        `  对照：exceljs 仅读取同一文件 ${(r.exceljsLoadMs / 1000).toFixed(3)} 秒（${(r.exceljsLoadMs / Math.max(1, r.medianMs)).toFixed(1)} 倍）`,
        `  目标：5000 行问题清单 < 2 秒 — ${r.commandMs < 2000 ? '达成' : '未达成'}`,
        `  任务窗格的检查（Office.js 取值 → 同一套规则，Node 中测得）：中位数 ${(r.paneMedianMs / 1000).toFixed(3)} 秒；目标 < 1 秒 — ${r.paneMedianMs < 1000 ? '达成' : '未达成'}`,
      ].join('\n')
    : [
        `bench: mofan check on a ${r.rows.issues}-row problem list (+${r.rows.tasks} tasks, ${r.rows.total} rows in all), ${(r.bytes / 1024 / 1024).toFixed(1)} MB`,
        `  check (in-process, ${r.checkMs.length} runs): median ${(r.medianMs / 1000).toFixed(3)} s, ${rate} rows/s; runs ${r.checkMs.join(' / ')} ms`,
        `  whole command (with start-up): ${(r.commandMs / 1000).toFixed(3)} s, peak RSS ${r.commandPeakRssMb ?? 'not measured'} MB`,
        `  baseline: exceljs only loading the same file ${(r.exceljsLoadMs / 1000).toFixed(3)} s (${(r.exceljsLoadMs / Math.max(1, r.medianMs)).toFixed(1)}x)`,
        `  goal: a 5,000-row problem list in < 2 s — ${r.commandMs < 2000 ? 'met' : 'NOT met'}`,
        `  the task pane's check (Office.js-shaped values → the same rules, measured in Node): median ${(r.paneMedianMs / 1000).toFixed(3)} s; goal < 1 s — ${r.paneMedianMs < 1000 ? 'met' : 'NOT met'}`,
      ].join('\n');
}

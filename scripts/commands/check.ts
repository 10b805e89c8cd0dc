/** `mofan check <file|folder…>`: check section workbooks and report per file. */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Lang } from '../../core/i18n';
import { checkWorkbookBytes, type CheckResult, type DeadlineItem, type Finding } from '../../core/rules';
import { isIsoDate } from '../../core/rules/dates';
import { LIST_SHEETS, type ListSheetKey } from '../../core/schema';
import type { Scheme } from '../../core/scheme';
import { UserError } from '../lib/errors';
import { nodeInflate, nodeUtf8 } from '../lib/inflate';
import { readInput } from '../lib/read-input';
import { unusableMessage } from '../../core/xlsx/unusable';

export interface CheckOptions {
  readonly inputs: readonly string[];
  readonly scheme: Scheme;
  readonly lang: Lang;
  readonly asOf?: string | undefined;
  /** today's date (YYYY-MM-DD), used when neither --as-of nor the workbook's 截至日期 is given */
  readonly today: string;
}

export type FileStatus = 'clean' | 'warnings' | 'errors' | 'unusable';

export interface FileReport {
  readonly file: string;
  readonly status: FileStatus;
  /** 0 clean or warnings only, 1 errors, 2 unusable */
  readonly exitCode: 0 | 1 | 2;
  readonly ms: number;
  /** for an unusable file: its code and message */
  readonly unusable?: { readonly code: string; readonly message: string };
  readonly section?: { readonly code: string; readonly name: string };
  readonly period?: string | null;
  readonly asOf?: string;
  readonly rows?: Readonly<Record<ListSheetKey, number>>;
  readonly errors?: number;
  readonly warnings?: number;
  readonly findings?: readonly Finding[];
  readonly overdue?: readonly DeadlineItem[];
  readonly dueSoon?: readonly DeadlineItem[];
}

export interface CheckReport {
  readonly files: readonly FileReport[];
  readonly exitCode: 0 | 1 | 2;
}

/** Every file named, and every file inside a named folder (recursively; hidden files skipped). */
export async function expandInputs(inputs: readonly string[], lang: Lang): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      throw new UserError(lang === 'zh' ? `找不到文件或文件夹：${input}` : `no such file or folder: ${input}`);
    }
    if (info.isDirectory()) {
      const entries = await readdir(input, { recursive: true, withFileTypes: true });
      const found: string[] = [];
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const path = join(e.parentPath, e.name);
        // a link to a file is that file; a broken link is listed too (its read says why it cannot
        // be used: nothing is left out unseen); a link to a folder is not followed (it may loop)
        if (e.isFile() || (e.isSymbolicLink() && !(await stat(path).catch(() => undefined))?.isDirectory())) found.push(path);
      }
      files.push(...found.sort());
    } else files.push(input);
  }
  return files;
}

/** The report of a file that cannot be used (exit code 2). */
function unusableReport(file: string, code: string, message: string, ms: number): FileReport {
  return { file, status: 'unusable', exitCode: 2, ms, unusable: { code, message } };
}

/** Check one file's bytes into a report. */
export function checkFile(file: string, bytes: Uint8Array, options: Omit<CheckOptions, 'inputs'>): FileReport {
  const start = performance.now();
  const verdict = checkWorkbookBytes(bytes, { scheme: options.scheme, lang: options.lang, asOf: options.asOf, today: options.today, inflate: nodeInflate, utf8: nodeUtf8 });
  const ms = Math.round(performance.now() - start);
  if (verdict.kind === 'unusable') return unusableReport(file, verdict.unusable.code, verdict.message, ms);
  return fileReport(file, verdict.result, ms);
}

function fileReport(file: string, r: CheckResult, ms: number): FileReport {
  const rows = Object.fromEntries(LIST_SHEETS.map((s) => [s.key, r.sheets[s.key].rows.length])) as Record<ListSheetKey, number>;
  return {
    file,
    status: r.errors > 0 ? 'errors' : r.warnings > 0 ? 'warnings' : 'clean',
    exitCode: r.errors > 0 ? 1 : 0,
    ms,
    ...(r.section ? { section: { code: r.section.code, name: r.section.name } } : {}),
    period: (r.info['period'] as string | null) ?? null,
    asOf: r.asOf,
    rows,
    errors: r.errors,
    warnings: r.warnings,
    findings: r.findings,
    overdue: r.deadlines.filter((d) => d.state === 'overdue'),
    dueSoon: r.deadlines.filter((d) => d.state === 'due-soon'),
  };
}

export async function checkCommand(options: CheckOptions): Promise<CheckReport> {
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new UserError(
      options.lang === 'zh' ? `--as-of 应为 YYYY-MM-DD 格式的日期，收到“${options.asOf}”` : `--as-of must be a date as YYYY-MM-DD, got "${options.asOf}"`,
    );
  }
  const files = await expandInputs(options.inputs, options.lang);
  if (files.length === 0) throw new UserError(options.lang === 'zh' ? '没有要检查的文件' : 'no files to check');
  const reports: FileReport[] = [];
  for (const file of files) {
    const input = readInput(file);
    reports.push('unusable' in input ? unusableReport(file, input.unusable.code, unusableMessage(input.unusable, options.lang), 0) : checkFile(file, input.bytes, options));
  }
  const exitCode = reports.some((r) => r.exitCode === 2) ? 2 : reports.some((r) => r.exitCode === 1) ? 1 : 0;
  return { files: reports, exitCode };
}

const SHEET_NAME: Readonly<Record<ListSheetKey, string>> = Object.fromEntries(LIST_SHEETS.map((s) => [s.key, s.name])) as Record<ListSheetKey, string>;

/** The report as text for a terminal. */
export function formatCheckReport(report: CheckReport, lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  for (const f of report.files) {
    const name = basename(f.file);
    if (f.status === 'unusable') {
      out.push(`✖ ${name}`, `  ${zh ? '无法使用' : 'cannot be used'} [${f.unusable?.code}]: ${f.unusable?.message}`, '');
      continue;
    }
    const mark = f.status === 'errors' ? '✖' : f.status === 'warnings' ? '!' : '✔';
    const who = f.section ? (zh ? `${f.section.name}（${f.section.code}）` : `${f.section.name} (${f.section.code})`) : zh ? '股室未填' : 'section not set';
    out.push(`${mark} ${name} — ${who}${f.period ? ` ${f.period}` : ''}${zh ? `，截至 ${f.asOf}` : `, as of ${f.asOf}`}`);
    const rows = LIST_SHEETS.map((s) => (zh ? `${s.name} ${f.rows?.[s.key] ?? 0} 行` : `${s.name} ${f.rows?.[s.key] ?? 0} rows`));
    out.push(`  ${rows.join(zh ? '，' : ', ')}`);
    out.push(zh ? `  错误 ${f.errors} 项，警告 ${f.warnings} 项` : `  ${f.errors} errors, ${f.warnings} warnings`);
    for (const x of f.findings ?? []) {
      out.push(`  ${x.severity === 'error' ? (zh ? '错误' : 'error  ') : zh ? '警告' : 'warning'} ${x.code}  ${x.message}`);
    }
    if ((f.overdue?.length ?? 0) > 0) {
      out.push(zh ? `  逾期 ${f.overdue?.length} 项：` : `  ${f.overdue?.length} overdue:`);
      for (const d of f.overdue ?? []) {
        out.push(
          zh
            ? `    ${SHEET_NAME[d.sheet]} 第 ${d.row} 行 ${d.id} ${d.title}（时限 ${d.due}，逾期 ${d.days} 天，责任人 ${d.owner || '-'}${d.strong ? '，反映强烈' : ''}）`
            : `    ${SHEET_NAME[d.sheet]} row ${d.row} ${d.id} ${d.title} (due ${d.due}, ${d.days} days overdue, owner ${d.owner || '-'}${d.strong ? ', strongly reported' : ''})`,
        );
      }
    }
    if ((f.dueSoon?.length ?? 0) > 0) out.push(zh ? `  临期 ${f.dueSoon?.length} 项` : `  ${f.dueSoon?.length} due soon`);
    out.push('');
  }
  if (report.files.length > 1) {
    const count = (s: FileStatus) => report.files.filter((f) => f.status === s).length;
    out.push(
      zh
        ? `共 ${report.files.length} 个文件：无误 ${count('clean')}，仅有警告 ${count('warnings')}，有错误 ${count('errors')}，无法使用 ${count('unusable')}`
        : `${report.files.length} files: ${count('clean')} clean, ${count('warnings')} with warnings only, ${count('errors')} with errors, ${count('unusable')} unusable`,
    );
  }
  return out.join('\n').trimEnd();
}

/** `mofan merge <folder|files…> -o 汇总.xlsx`: the sections' submissions into the office workbook. */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Lang } from '../../core/i18n';
import { MergeRun, planMerge, rejectionText, type FileHead, type MergeSummary, type Previous } from '../../core/merge';
import { OfficeWriter, isOfficeWorkbook, readPrevious } from '../../core/merge/workbook';
import { isIsoDate } from '../../core/rules/dates';
import { LIST_SHEETS, type ListSheetKey } from '../../core/schema';
import { MERGED_SHEET_NAME, OFFICE_SHEET_NAMES } from '../../core/schema/office';
import type { Scheme } from '../../core/scheme';
import { readWorkbook } from '../../core/xlsx/read';
import { unusableMessage } from '../../core/xlsx/unusable';
import { expandInputs } from './check';
import { nodeCompressor } from '../lib/compress';
import { UserError } from '../lib/errors';
import { writeFileAtomic } from '../lib/fs';
import { nodeInflate } from '../lib/inflate';
import { FilePool, threadsFor, type RenderJob, type RenderedFile } from '../lib/merge-files';

export interface MergeCommandOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly scheme: Scheme;
  readonly lang: Lang;
  readonly asOf?: string | undefined;
  readonly period?: string | undefined;
  readonly strict?: boolean;
  /** when the merge runs (YYYY-MM-DDTHH:MM:SS); recorded once, so the same inputs give the same workbook */
  readonly mergedAt: string;
  /** called after each file is read and checked */
  readonly progress?: (done: number, total: number) => void;
  /** threads reading files (1: none besides this one); default one per core, at most 4 */
  readonly jobs?: number | undefined;
  /** entries the office typed, merged in on top of those an existing -o workbook holds (the demo uses it) */
  readonly typed?: Previous;
}

export interface MergeReport {
  readonly out: string;
  readonly bytes: number;
  readonly result: MergeSummary;
  /** 0 everything merged cleanly; 1 written, but files were refused, had errors or sections are missing */
  readonly exitCode: 0 | 1;
  readonly ms: number;
}

export async function mergeCommand(o: MergeCommandOptions): Promise<MergeReport> {
  const zh = o.lang === 'zh';
  const start = performance.now();
  if (o.asOf !== undefined && !isIsoDate(o.asOf)) throw new UserError(zh ? `--as-of 应为 YYYY-MM-DD，收到“${o.asOf}”` : `--as-of must be YYYY-MM-DD, got "${o.asOf}"`);
  if (o.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(o.period)) throw new UserError(zh ? `--period 应为 YYYY-MM，收到“${o.period}”` : `--period must be YYYY-MM, got "${o.period}"`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(o.mergedAt) || !isIsoDate(o.mergedAt.slice(0, 10))) {
    throw new UserError(zh ? `--merged-at 应为 YYYY-MM-DDTHH:MM:SS，收到“${o.mergedAt}”` : `--merged-at must be YYYY-MM-DDTHH:MM:SS, got "${o.mergedAt}"`);
  }
  const out = resolve(o.out);
  if (!/\.xlsx$/i.test(out)) throw new UserError(zh ? `输出文件须以 .xlsx 结尾：${o.out}` : `the output must end in .xlsx: ${o.out}`);
  const asOf = o.asOf ?? o.mergedAt.slice(0, 10);

  // an existing office workbook keeps what the office typed; any other file is never overwritten
  let previous: Previous | undefined;
  if (existsSync(out)) {
    // only the sheets the office types into are read back (the merged sheets may be very large),
    // and only as much of the shared strings as they use (ours: the first few; one saved by Excel: all)
    const typed = new Set<string>([OFFICE_SHEET_NAMES.review, OFFICE_SHEET_NAMES.adjustments]);
    const read = readWorkbook(new Uint8Array(await readFile(out)), { inflate: nodeInflate, sheets: (n) => typed.has(n), lazyStrings: true });
    if (!read.ok || !isOfficeWorkbook(read.workbook)) {
      const why = read.ok ? '' : zh ? `（${unusableMessage(read.unusable, 'zh')}）` : ` (${unusableMessage(read.unusable, 'en')})`;
      throw new UserError(
        zh
          ? `输出文件 ${o.out} 已存在，但不是汇总工作簿${why}。为免覆盖，请换一个文件名或先移走它。`
          : `${o.out} exists but is not an office workbook${why}. To avoid overwriting it, choose another name or move it away.`,
      );
    }
    previous = readPrevious(read.workbook);
  }

  const files = (await expandInputs(o.inputs, o.lang)).filter((f) => resolve(f) !== out && !/(^|[\\/])~\$[^\\/]*$/.test(f));
  if (files.length === 0) throw new UserError(zh ? '没有要汇总的文件' : 'no files to merge');
  const base = commonFolder(files.map((f) => resolve(f)));
  if (o.typed) {
    const keep = (previous?.review ?? []).filter((r) => !o.typed?.review.some((t) => t.sectionCode === r.sectionCode && t.indicatorId === r.indicatorId));
    previous = { review: [...keep, ...o.typed.review], adjustments: [...(previous?.adjustments ?? []), ...o.typed.adjustments] };
  }
  const options = { scheme: o.scheme, lang: 'zh' as const, asOf, mergedAt: o.mergedAt, period: o.period, strict: o.strict ?? false, ...(previous ? { previous } : {}) };

  // the per-file work is spread over this thread and worker threads (one per core; this thread
  // alone for a handful of files): the workbook's bytes are the same either way
  const threads = threadsFor(files.length, o.jobs);
  const work = new FilePool(threads, { scheme: o.scheme, asOf, period: o.period });
  let summary: MergeSummary;
  const writer = new OfficeWriter(o.scheme, nodeCompressor);
  try {
    // one read of each file, spread over the threads: its head, and where the plan can take it,
    // its check, its rows kept where they were read until the merge places them
    const names = files.map((file) => relative(base, resolve(file)) || file);
    // a file that cannot be read has no time either: its head says why it is refused
    const [reads, infos] = await Promise.all([
      work.reads(
        files.map((path, i) => ({ path, file: names[i]! })),
        (done) => o.progress?.(done, files.length),
      ),
      Promise.all(files.map((file) => stat(file).catch(() => undefined))),
    ]);
    const heads = reads.map(({ head }, i): FileHead => {
      const file = names[i]!;
      const modified = infos[i]?.mtime.toISOString() ?? '';
      return head.kind === 'unusable' ? { file, modified, kind: 'unusable', code: head.unusable.code, params: head.unusable.params } : { file, modified, ...head };
    });
    // the plan decides which files are merged, and in which order; an accepted file's rows are
    // rendered where they were read, from the rows where they start, and join the office
    // workbook in that order
    const plan = planMerge(heads, options);
    const run = new MergeRun(plan, options, writer);
    const ids = new Map(names.map((name, i) => [name, i]));
    const next = Object.fromEntries(LIST_SHEETS.map((s) => [s.key, writer.nextRow(s.key)])) as Record<ListSheetKey, number>;
    const renders: Array<{ readonly job: RenderJob; readonly rendered: Promise<RenderedFile> }> = [];
    const taken = new Set<number>();
    for (const { section, file } of run.files()) {
      const id = ids.get(file)!;
      const checked = reads[id]!.checked;
      // the plan takes only files whose read went on to the check
      if (!checked) throw new Error(`merge: ${file} is planned but was not checked`);
      if (!run.take(section, file, checked.digest) || checked.digest.kind !== 'checked') continue;
      taken.add(id);
      const job: RenderJob = { fileIndex: writer.fileIndex(file), firstString: writer.reserveStrings(checked.strings), start: { ...next } };
      for (const s of LIST_SHEETS) next[s.key] += checked.digest.rows[s.key];
      renders.push({ job, rendered: work.render(id, job) });
    }
    // the rest are let go where they are held
    reads.forEach((r, id) => {
      if (r.checked && !taken.has(id)) work.drop(id);
    });
    for (const { job, rendered } of renders) {
      const r = await rendered;
      for (const p of r.pieces) {
        // rows numbered elsewhere must land exactly where they were numbered for
        if (writer.nextRow(p.sheet) !== job.start[p.sheet]) throw new Error(`merge: ${p.sheet} rows rendered for row ${job.start[p.sheet]} but the sheet is at ${writer.nextRow(p.sheet)}`);
        writer.rendered(p.sheet, p.piece, p.rows);
        run.delivered(p.sheet, p.rows);
      }
      writer.renderedStrings(job.firstString, r.strings, r.stringRefs);
    }
    summary = run.summary();
  } catch (error) {
    await work.close();
    throw error;
  }
  // the workers stop while this thread finishes the workbook
  const closing = work.close();
  const bytes = writer.finish(summary);
  await closing;
  await writeFileAtomic(out, bytes);
  const attention = summary.rejected.length > 0 || summary.missing.length > 0 || summary.accepted.some((a) => a.errors > 0);
  return { out, bytes: bytes.length, result: summary, exitCode: attention ? 1 : 0, ms: Math.round(performance.now() - start) };
}

/** The deepest folder holding every file (provenance names files relative to it). */
function commonFolder(paths: readonly string[]): string {
  const split = paths.map((p) => p.split(/[\\/]/).slice(0, -1));
  const first = split[0] ?? [];
  let n = first.length;
  for (const s of split) {
    let i = 0;
    while (i < n && s[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '/';
}

export function formatMergeReport(r: MergeReport, lang: Lang): string {
  const m = r.result;
  const zh = lang === 'zh';
  const lines: string[] = [];
  const files = m.accepted.length + m.superseded.length + m.rejected.length;
  lines.push(
    zh
      ? `已写出汇总工作簿：${r.out}（${(r.bytes / 1024).toFixed(0)} KB，${(r.ms / 1000).toFixed(1)} 秒）`
      : `Office workbook written: ${r.out} (${(r.bytes / 1024).toFixed(0)} KB, ${(r.ms / 1000).toFixed(1)} s)`,
  );
  lines.push(
    zh
      ? `读入文件 ${files} 个：汇总 ${m.accepted.length}，被替代 ${m.superseded.length}，未汇总 ${m.rejected.length}；截至 ${m.asOf}`
      : `${files} files read: ${m.accepted.length} merged, ${m.superseded.length} superseded, ${m.rejected.length} not merged; as of ${m.asOf}`,
  );
  for (const rec of m.reconciliation) {
    const name = MERGED_SHEET_NAME[rec.sheet];
    const sheet = LIST_SHEETS.find((s) => s.key === rec.sheet)?.name ?? name;
    lines.push(
      zh
        ? `  ${sheet}：读入 ${rec.rowsIn} 行 → 写出 ${rec.rowsOut} 行 ${rec.ok ? '✔' : '✘ 不一致'}${rec.superseded ? `（被替代文件另有 ${rec.superseded} 行未汇总）` : ''}`
        : `  ${sheet}: ${rec.rowsIn} rows in → ${rec.rowsOut} rows out ${rec.ok ? '✔' : '✘ MISMATCH'}${rec.superseded ? ` (${rec.superseded} more rows in superseded files, not merged)` : ''}`,
    );
  }
  for (const a of m.accepted.filter((x) => x.errors > 0)) {
    lines.push(zh ? `  ! ${a.file}（${a.section.name}）有 ${a.errors} 个错误，已汇总，见“检查结果”表` : `  ! ${a.file} (${a.section.name}) has ${a.errors} errors; merged, see the 检查结果 sheet`);
  }
  for (const s of m.superseded) lines.push(zh ? `  ↻ ${s.file}（${s.section.name}）已被 ${s.by} 替代` : `  ↻ ${s.file} (${s.section.name}) superseded by ${s.by}`);
  for (const x of m.rejected) lines.push(`  ✖ ${x.file}: ${rejectionText(x, lang)}`);
  if (m.missing.length > 0) {
    lines.push(zh ? `  未报送：${m.missing.map((s) => `${s.name}（${s.code}）`).join('、')}` : `  not submitted: ${m.missing.map((s) => `${s.name} (${s.code})`).join(', ')}`);
  }
  return lines.join('\n');
}

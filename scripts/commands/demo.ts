/**
 * `mofan demo`: the whole job for the demo unit (煤炭事务中心, eight sections) in one command.
 * It writes realistic section workbooks from the real template — with the variety an office sees:
 * a section late with overdue items, one that never submits, one that resubmits, one whose file
 * has errors, one typed with text dates — then checks them, merges them, has the leading group
 * "type" review scores and adjustments, ranks, and prints a summary. Deterministic for a seed;
 * writes only under its output folder.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Lang } from '../../core/i18n';
import type { AdjustmentEntry, Previous, ReviewEntry } from '../../core/merge';
import type { Scheme, Section } from '../../core/scheme';
import { fillLedger, type FillValue, type LedgerContent } from '../../core/xlsx/fill';
import { buildTemplate } from '../../core/xlsx/template';
import { checkCommand, type CheckReport } from './check';
import { mergeCommand, type MergeReport } from './merge';
import { rankCommand, type RankReport } from './rank';
import { writeFileAtomic } from '../lib/fs';
import { generateLedger, prng } from '../lib/generate';

export interface DemoOptions {
  readonly out: string;
  readonly seed: number;
  readonly scheme: Scheme;
  readonly lang: Lang;
}

export interface DemoReport {
  readonly out: string;
  readonly submissions: string;
  readonly files: readonly string[];
  readonly check: CheckReport;
  readonly merge: MergeReport;
  readonly rank: RankReport;
  readonly ms: number;
}

const AS_OF = '2024-06-30';
const MERGED_AT = '2024-07-01T09:00:00';
const RANKED_AT = '2024-07-05T16:00:00';

type Row = Record<string, FillValue>;
const mapRows = (rows: LedgerContent['issues'], f: (r: Row, i: number) => Row): Row[] => (rows ?? []).map((r, i) => f({ ...r }, i));

/** What each demo section does (codes of the default roster). */
function sectionContent(section: Section, scheme: Scheme, seed: number): Array<{ file: string; content: LedgerContent }> {
  const base = generateLedger({ section, scheme, seed: seed + section.code.charCodeAt(0) * 31 + section.code.length, issues: 8, tasksPerIssue: 2, asOf: AS_OF, period: '2024-06' });
  const stamp = (day: string) => ({ ...base.info, submittedAt: { date: `2024-06-${day}` } });
  switch (section.code) {
    case 'SJ': {
      // late: most problems past their deadline and still open
      const issues = mapRows(base.issues, (r, i) => (i < 5 ? { ...r, deadline: { date: `2024-06-0${i + 1}` }, status: '整改中', doneDate: null, result: null, evidence: null, verifier: null, strong: i === 0 ? '是' : '否', fixType: i === 0 ? '立行立改' : r['fixType'] ?? '限期整改', foundDate: { date: '2024-05-20' } } : r));
      return [{ file: `${section.code}-生产技术股-2024-06.xlsx`, content: { ...base, issues, info: stamp('29T17:10:00') } }];
    }
    case 'AJ': {
      // resubmitted: the first file had a wrong status; the second, later one fixes it
      const first = mapRows(base.issues, (r, i) => (i === 0 ? { ...r, status: '已销号', evidence: null, verifier: null } : r));
      return [
        { file: `${section.code}-安全监管股-2024-06-初报.xlsx`, content: { ...base, issues: first, info: stamp('26T10:00:00') } },
        { file: `${section.code}-安全监管股-2024-06-更正.xlsx`, content: { ...base, info: stamp('28T15:30:00') } },
      ];
    }
    case 'DD': {
      // errors: a deadline in words, progress over 100, a task pointing at a problem that does not exist
      const issues = mapRows(base.issues, (r, i) => (i === 1 ? { ...r, deadline: '下月底' } : r));
      const tasks = mapRows(base.tasks, (r, i) => (i === 0 ? { ...r, progress: 120 } : i === 1 ? { ...r, issueId: `${section.code}-099` } : r));
      return [{ file: `${section.code}-调度信息股-2024-06.xlsx`, content: { ...base, issues, tasks, info: stamp('30T09:00:00') } }];
    }
    case 'FG': {
      // typed by hand: text dates (accepted, with a warning each)
      const issues = mapRows(base.issues, (r) => {
        const d = (v: FillValue | undefined) => (v && typeof v === 'object' && 'date' in v ? { text: `${Number(v.date.slice(0, 4))}年${Number(v.date.slice(5, 7))}月${Number(v.date.slice(8, 10))}日` } : v ?? null);
        return { ...r, foundDate: d(r['foundDate']), deadline: d(r['deadline']) };
      });
      return [{ file: `${section.code}-政策法规股-2024-06.xlsx`, content: { ...base, issues, info: stamp('29T11:20:00') } }];
    }
    case 'CW':
      return []; // never submits
    default:
      return [{ file: `${section.code}-${section.name}-2024-06.xlsx`, content: { ...base, info: stamp('28T09:00:00') } }];
  }
}

/** What the leading group types: review scores for the submitted sections, and a few adjustments. */
function typedByOffice(scheme: Scheme, seed: number, submitted: ReadonlySet<string>): Previous {
  const rnd = prng(seed + 7);
  const review: ReviewEntry[] = [];
  for (const s of scheme.sections) {
    if (!submitted.has(s.code)) continue;
    for (const i of scheme.indicators) {
      if (i.method === 'auto') continue;
      // leave one score untyped so the ranking shows how a provisional mark looks
      if (s.code === 'JD' && i.id === 'G2') continue;
      const share = s.code === 'SJ' ? 0.62 + rnd() * 0.15 : 0.8 + rnd() * 0.2;
      review.push({ sectionCode: s.code, section: s.name, indicatorId: i.id, reviewScore: Math.round(i.points * share * 2) / 2, comment: share > 0.95 ? '成效突出' : '' });
    }
  }
  const adjustments: AdjustmentEntry[] = [
    { no: 1, section: '办公室', kind: '加分', item: '金点子被采纳', points: null, basis: '《关于采纳职工建议的通知》', date: '2024-06-18', enteredBy: '刘强' },
    { no: 2, section: '通风防治股', kind: '加分', item: '受到上级表扬', points: null, basis: '市应急局通报表扬', date: '2024-06-21', enteredBy: '刘强' },
    { no: 3, section: '生产技术股', kind: '扣分', item: '脱岗离岗', points: null, basis: '6 月 12 日考勤抽查', date: '2024-06-12', enteredBy: '刘强' },
  ];
  return { review, adjustments };
}

export async function demoCommand(o: DemoOptions): Promise<DemoReport> {
  const start = performance.now();
  const out = resolve(o.out);
  const submissions = join(out, 'submissions');
  // only this folder is written (and emptied first, so a rerun gives the same outputs)
  await rm(submissions, { recursive: true, force: true });
  await mkdir(submissions, { recursive: true });
  const template = await buildTemplate(o.scheme);
  await writeFileAtomic(join(out, '模范机关创建工作台账.xlsx'), template);
  const files: string[] = [];
  for (const section of o.scheme.sections) {
    for (const { file, content } of sectionContent(section, o.scheme, o.seed)) {
      await writeFileAtomic(join(submissions, file), await fillLedger(template, content));
      files.push(file);
    }
  }
  const check = await checkCommand({ inputs: [submissions], scheme: o.scheme, lang: o.lang, asOf: AS_OF, today: AS_OF });
  const office = join(out, '汇总.xlsx');
  await rm(office, { force: true });
  // the office merges, the leading group types its review scores and adjustments, the office merges again (keeping them)
  await mergeCommand({ inputs: [submissions], out: office, scheme: o.scheme, lang: o.lang, asOf: AS_OF, mergedAt: MERGED_AT });
  const submitted = new Set(check.files.filter((f) => f.section).map((f) => f.section!.code));
  const merge = await mergeCommand({ inputs: [submissions], out: office, scheme: o.scheme, lang: o.lang, asOf: AS_OF, mergedAt: MERGED_AT, typed: typedByOffice(o.scheme, o.seed, submitted) });
  const rank = await rankCommand({ file: office, scheme: o.scheme, lang: o.lang, asOf: AS_OF, today: AS_OF, rankedAt: RANKED_AT });
  return { out, submissions, files, check, merge, rank, ms: Math.round(performance.now() - start) };
}

export function formatDemoReport(r: DemoReport, lang: Lang, formats: { merge: string; rank: string }): string {
  const zh = lang === 'zh';
  const c = r.check.files;
  const count = (s: string) => c.filter((f) => f.status === s).length;
  const findings = c.reduce((a, f) => a + (f.errors ?? 0) + (f.warnings ?? 0), 0);
  return [
    zh ? `演示：${r.files.length} 个股室文件（${r.submissions}），${(r.ms / 1000).toFixed(1)} 秒` : `Demo: ${r.files.length} section files (${r.submissions}), ${(r.ms / 1000).toFixed(1)} s`,
    zh
      ? `检查：无误 ${count('clean')}，仅有警告 ${count('warnings')}，有错误 ${count('errors')}，无法使用 ${count('unusable')}；共 ${findings} 条提示`
      : `Check: ${count('clean')} clean, ${count('warnings')} with warnings only, ${count('errors')} with errors, ${count('unusable')} unusable; ${findings} findings`,
    '',
    formats.merge,
    '',
    formats.rank,
    '',
    zh ? '输出文件：' : 'Outputs:',
    `  ${join(r.out, '模范机关创建工作台账.xlsx')}`,
    `  ${r.submissions}/`,
    `  ${r.merge.out}`,
  ].join('\n');
}

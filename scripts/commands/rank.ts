/** `mofan rank 汇总.xlsx`: score and rank the sections, and write 排名 and 得分明细 into the workbook. */
import { readFile } from 'node:fs/promises';
import type { Lang } from '../../core/i18n';
import { isOfficeWorkbook } from '../../core/merge/workbook';
import { isIsoDate } from '../../core/rules/dates';
import { MERGED_SHEET_NAME, OFFICE_SHEET_NAMES } from '../../core/schema/office';
import type { Scheme } from '../../core/scheme';
import { rankSections, type Ranking } from '../../core/scoring';
import { rankingSheets, readRankInputs } from '../../core/scoring/workbook';
import { addSheets } from '../../core/xlsx/patch';
import { readWorkbook } from '../../core/xlsx/read';
import { unusableMessage } from '../../core/xlsx/unusable';
import { nodeCompressor } from '../lib/compress';
import { UserError } from '../lib/errors';
import { writeFileAtomic } from '../lib/fs';
import { nodeInflate, nodeUtf8 } from '../lib/inflate';

export interface RankOptions {
  readonly file: string;
  readonly scheme: Scheme;
  readonly lang: Lang;
  readonly asOf?: string | undefined;
  readonly today: string;
  /** when the ranking is made (recorded on the sheet) */
  readonly rankedAt: string;
}

export interface RankReport {
  readonly file: string;
  readonly ranking: Ranking;
  readonly ms: number;
}

/** The office workbook's merged sheets can be far larger than a submission. */
const OFFICE_LIMITS = { maxRowsPerSheet: 5_000_000, maxCells: 200_000_000, maxUncompressedBytes: 4 * 1024 * 1024 * 1024, maxFileBytes: 1024 * 1024 * 1024 };

export async function rankCommand(o: RankOptions): Promise<RankReport> {
  const zh = o.lang === 'zh';
  const start = performance.now();
  if (o.asOf !== undefined && !isIsoDate(o.asOf)) throw new UserError(zh ? `--as-of 应为 YYYY-MM-DD，收到“${o.asOf}”` : `--as-of must be YYYY-MM-DD, got "${o.asOf}"`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(o.file));
  } catch (error) {
    throw new UserError(zh ? `无法读取 ${o.file}（${(error as NodeJS.ErrnoException).code}）` : `cannot read ${o.file} (${(error as NodeJS.ErrnoException).code})`);
  }
  const wanted = new Set<string>([OFFICE_SHEET_NAMES.report, OFFICE_SHEET_NAMES.review, OFFICE_SHEET_NAMES.adjustments, MERGED_SHEET_NAME.issues]);
  const read = readWorkbook(bytes, { sheets: (n) => wanted.has(n), inflate: nodeInflate, utf8: nodeUtf8, limits: OFFICE_LIMITS });
  if (!read.ok) throw new UserError(`${o.file}: ${unusableMessage(read.unusable, o.lang)}`);
  if (!isOfficeWorkbook(read.workbook)) {
    throw new UserError(zh ? `${o.file} 不是汇总工作簿：请先用 mofan merge 生成。` : `${o.file} is not an office workbook: make one with mofan merge first.`);
  }
  const inputs = readRankInputs(read.workbook, o.scheme);
  if (inputs.problems.length > 0) {
    const lines = inputs.problems.map((p) => `  ${p.sheet}${p.cell ? `!${p.cell}` : ''}: ${p.message}`);
    throw new UserError(
      [zh ? `汇总工作簿中有 ${inputs.problems.length} 处无法计分，请改正后重新排名（未写入任何内容）：` : `${inputs.problems.length} entries cannot be scored; fix them and rank again (nothing was written):`, ...lines].join('\n'),
      1,
    );
  }
  const asOf = o.asOf ?? inputs.mergeAsOf ?? o.today;
  const ranking = rankSections(o.scheme, asOf, inputs.sections, inputs.adjustments);
  const patched = addSheets(bytes, rankingSheets(ranking, o.scheme, { rankedAt: o.rankedAt }), { inflate: nodeInflate, compressor: nodeCompressor });
  await writeFileAtomic(o.file, patched);
  return { file: o.file, ranking, ms: Math.round(performance.now() - start) };
}

/** The ranking as a table for the terminal. */
export function formatRankReport(r: RankReport, lang: Lang): string {
  const zh = lang === 'zh';
  const rows = r.ranking.sections.map((s) => [
    String(s.rank),
    s.section.name,
    s.total.toFixed(2),
    `${s.grade}${s.quotaTie ? (zh ? '（待定）' : ' (to decide)') : ''}`,
    s.flags.length > 0 ? (zh ? '推进不力' : 'lagging') : '',
    s.provisional ? (zh ? '暂定' : 'provisional') : '',
  ]);
  const header = zh ? ['名次', '股室', '总分', '等次', '标记', '状态'] : ['Rank', 'Section', 'Total', 'Grade', 'Flag', 'State'];
  const width = (t: string) => [...t].reduce((a, ch) => a + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ').trimEnd();
  const out = [
    zh ? `已写入排名：${r.file}（“排名”和“得分明细”表，截至 ${r.ranking.asOf}，${(r.ms / 1000).toFixed(1)} 秒）` : `Ranking written into ${r.file} (sheets 排名 and 得分明细, as of ${r.ranking.asOf}, ${(r.ms / 1000).toFixed(1)} s)`,
    line(header),
    ...rows.map(line),
  ];
  for (const s of r.ranking.sections.filter((x) => x.provisional)) {
    const en = [s.missingReviews ? `${s.missingReviews} review scores missing, the self scores stand in` : '', s.ledgerErrors ? `${s.ledgerErrors} check errors in its ledger` : ''].filter(Boolean).join('; ');
    out.push(zh ? `暂定：${s.section.name}（${s.provisionalReasons.join('；')}）` : `Provisional: ${s.section.name} (${en})`);
  }
  for (const s of r.ranking.sections.filter((x) => x.quotaTie)) out.push(zh ? `待定：${s.section.name} ${s.gradeNote}` : `To decide: ${s.section.name} ties across the 优秀 quota`);
  for (const u of r.ranking.unmatched) out.push(zh ? `未计入：${u.source} 的股室“${u.section}”不在名单中` : `Not counted: ${u.source} names "${u.section}", not on the roster`);
  return out.join('\n');
}

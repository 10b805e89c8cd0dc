/**
 * The ranking and the office workbook: the inputs read from it (review scores, adjustments, the
 * merged problem list) with every entry the ranking cannot use listed, and the two sheets written
 * back into it: 排名 for leaders and 得分明细, the audit trail.
 */
import { extractTable } from '../ledger/table';
import { parseTextDate } from '../rules/values';
import { columnLetter, listSheet } from '../schema';
import { ADJUSTMENT_KINDS, ADJUSTMENT_SHEET, MERGED_SHEET_NAME, OFFICE_SHEET_NAMES, PROVENANCE_HEADERS, REVIEW_SHEET } from '../schema/office';
import type { Scheme } from '../scheme';
import { cellText, serialToIso, type CellValue, type RawSheet } from '../xlsx/cells';
import type { RawWorkbook } from '../xlsx/read';
import type { AddedSheet } from '../xlsx/patch';
import type { CellInput, ColumnSpec, StyleName } from '../xlsx/writer';
import { round2, type AdjustmentInput, type IssueInput, type Ranking, type ScoreInput, type SectionInput } from './index';

export const RANKING_SHEET = '排名';
export const DETAIL_SHEET = '得分明细';

/** An entry the ranking cannot use, with where it is and what to fix. */
export interface InputProblem {
  readonly sheet: string;
  readonly cell: string;
  readonly message: string;
}

export interface RankInputs {
  readonly sections: readonly SectionInput[];
  readonly adjustments: readonly AdjustmentInput[];
  readonly problems: readonly InputProblem[];
  /** the as-of date recorded by the merge (on 合并报告), if any */
  readonly mergeAsOf?: string;
}

const num = (v: CellValue | undefined): number | null | 'bad' => {
  if (!v) return null;
  if (v.type === 'number') return v.value;
  const t = cellText(v).normalize('NFKC').trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
};
const dateOf = (v: CellValue | undefined): string | undefined => {
  if (!v) return undefined;
  if (v.type === 'date') return v.value.slice(0, 10);
  if (v.type === 'number') return serialToIso(Math.floor(v.value))?.slice(0, 10);
  return parseTextDate(cellText(v));
};

/** Read what the ranking needs from an office workbook (read with the three sheets). */
export function readRankInputs(wb: RawWorkbook, scheme: Scheme): RankInputs {
  const problems: InputProblem[] = [];
  const byCode = new Map(scheme.sections.map((s) => [s.code, { section: s, submitted: false, scores: new Map<string, ScoreInput>(), issues: [] as IssueInput[], ledgerErrors: 0 }]));
  const points = new Map(scheme.indicators.map((i) => [i.id, i.points]));

  const review = wb.data.get(OFFICE_SHEET_NAMES.review);
  if (review) {
    const table = extractTable(review, REVIEW_SHEET);
    const colOf = (key: string) => table.columns.find((c) => c.key === key)?.col ?? 0;
    for (const r of table.rows) {
      const code = cellText(r.values['sectionCode']).trim();
      const id = cellText(r.values['indicatorId']).trim().toUpperCase();
      const entry = byCode.get(code);
      const max = points.get(id);
      if (!entry || max === undefined) continue; // a row the merge kept for a section or indicator that is gone
      const self = num(r.values['selfScore']);
      const rev = num(r.values['reviewScore']);
      const cell = `${columnLetter(colOf('reviewScore'))}${r.row}`;
      if (rev === 'bad' || (typeof rev === 'number' && (rev < 0 || rev > max))) {
        problems.push({ sheet: OFFICE_SHEET_NAMES.review, cell, message: `${entry.section.name} ${id} 的评议得分“${cellText(r.values['reviewScore'])}”应为 0 到 ${max} 之间的数` });
        continue;
      }
      if (cellText(r.values['note']).trim() !== '未报送') entry.submitted = true;
      entry.scores.set(id, { self: self === 'bad' ? null : self, review: rev, source: `${OFFICE_SHEET_NAMES.review}!${cell}` });
    }
  } else problems.push({ sheet: OFFICE_SHEET_NAMES.review, cell: '', message: '缺少“考核评议”表：请先用 mofan merge 生成汇总工作簿' });

  const adjustments: AdjustmentInput[] = [];
  const adj = wb.data.get(OFFICE_SHEET_NAMES.adjustments);
  if (adj) {
    const table = extractTable(adj, ADJUSTMENT_SHEET);
    const colOf = (key: string) => columnLetter(table.columns.find((c) => c.key === key)?.col ?? 1);
    for (const r of table.rows) {
      const section = cellText(r.values['section']).trim();
      const kind = cellText(r.values['kind']).trim();
      const item = cellText(r.values['item']).trim();
      const p = num(r.values['points']);
      if (!section && !kind && !item && p === null) continue;
      const known = scheme.sections.some((s) => s.name === section || s.code === section.toUpperCase());
      if (!known) problems.push({ sheet: OFFICE_SHEET_NAMES.adjustments, cell: `${colOf('section')}${r.row}`, message: `股室“${section}”不在名单中` });
      else if (!(ADJUSTMENT_KINDS as readonly string[]).includes(kind)) problems.push({ sheet: OFFICE_SHEET_NAMES.adjustments, cell: `${colOf('kind')}${r.row}`, message: `类型“${kind}”应为 加分 / 扣分 / 一票否决` });
      else if (p === 'bad' || (typeof p === 'number' && p < 0)) problems.push({ sheet: OFFICE_SHEET_NAMES.adjustments, cell: `${colOf('points')}${r.row}`, message: `分值“${cellText(r.values['points'])}”应为正数` });
      else if (kind !== '一票否决' && p === null && ![...scheme.scoring.bonuses, ...scheme.scoring.penalties].some((b) => b.name === item)) {
        problems.push({ sheet: OFFICE_SHEET_NAMES.adjustments, cell: `${colOf('points')}${r.row}`, message: `“${item}”不是考核方案中的事项，请填写分值` });
      } else adjustments.push({ section, kind, item, points: p as number | null, source: `${OFFICE_SHEET_NAMES.adjustments} 第 ${r.row} 行` });
    }
  }

  const merged = wb.data.get(MERGED_SHEET_NAME.issues);
  if (merged) issueRows(merged, (code, issue) => byCode.get(code)?.issues.push(issue));

  const report = wb.data.get(OFFICE_SHEET_NAMES.report);
  if (report) {
    // the report's table: a merged file's check errors make its section's ranking provisional
    const header = report.rows.find((r) => [...r.cells.values()].some((c) => cellText(c.value) === '错误') && [...r.cells.values()].some((c) => cellText(c.value) === '股室代码'));
    if (header) {
      const col = new Map([...header.cells].map(([c, v]) => [cellText(v.value), c]));
      for (const r of report.rows.filter((x) => x.row > header.row)) {
        const entry = byCode.get(cellText(r.cells.get(col.get('股室代码') ?? 0)?.value).trim());
        const errors = num(r.cells.get(col.get('错误') ?? 0)?.value);
        if (entry && cellText(r.cells.get(col.get('状态') ?? 0)?.value) === '已汇总' && typeof errors === 'number' && errors > 0) entry.ledgerErrors = errors;
      }
    }
  }
  const asOfText = report?.rows.slice(0, 3).flatMap((r) => [...r.cells.values()].map((c) => cellText(c.value))).join(' ') ?? '';
  const mergeAsOf = /截至日期\s*(\d{4}-\d{2}-\d{2})/.exec(asOfText)?.[1];
  return { sections: [...byCode.values()], adjustments, problems, ...(mergeAsOf ? { mergeAsOf } : {}) };
}

/** The merged problem list's rows, by their headers. */
function issueRows(sheet: RawSheet, add: (code: string, issue: IssueInput) => void): void {
  const header = sheet.rows[0];
  if (!header) return;
  const col = new Map([...header.cells].map(([c, v]) => [cellText(v.value).trim(), c]));
  const def = listSheet('issues');
  const h = (key: string) => col.get(def.columns.find((c) => c.key === key)?.header ?? '') ?? 0;
  const [code, deadline, extendedTo, status, doneDate, strong] = [col.get(PROVENANCE_HEADERS.sectionCode) ?? 0, h('deadline'), h('extendedTo'), h('status'), h('doneDate'), h('strong')];
  for (const r of sheet.rows.slice(1)) {
    const get = (c: number) => r.cells.get(c)?.value;
    add(cellText(get(code)).trim(), {
      deadline: dateOf(get(deadline)),
      extendedTo: dateOf(get(extendedTo)),
      status: cellText(get(status)).trim(),
      doneDate: dateOf(get(doneDate)),
      strong: cellText(get(strong)).trim() === '是',
    });
  }
}

const GRADE_STYLE: Record<string, StyleName> = { 优秀: 'good', 良好: 'normal', 合格: 'normal', 不合格: 'bad' };

/** The two sheets of a ranking: 排名 for leaders, 得分明细 the audit trail. */
export function rankingSheets(r: Ranking, scheme: Scheme, meta: { rankedAt: string }): AddedSheet[] {
  const headings = [...new Set(scheme.indicators.map((i) => i.heading))];
  const pct = (n: number) => `${round2(n * 100)}%`;
  const columns: ColumnSpec[] = [
    { header: '名次', width: 6 },
    { header: '股室', width: 12 },
    { header: '总分', width: 8, style: 'decimal' },
    { header: '等次', width: 7 },
    { header: '推进不力', width: 52, style: 'wrap' },
    ...headings.map((h) => ({ header: h, width: 9, style: 'decimal' as const })),
    { header: '加分', width: 6, style: 'decimal' },
    { header: '扣分', width: 6, style: 'decimal' },
    { header: '到期', width: 6 },
    { header: '完成', width: 6 },
    { header: '逾期', width: 6 },
    { header: '完成率', width: 8 },
    { header: '按期率', width: 8 },
    { header: '说明', width: 52, style: 'wrap' },
  ];
  const provisional = r.sections.filter((s) => s.provisional).map((s) => `${s.section.name}（${s.provisionalReasons.join('；')}）`);
  const titleRows: CellInput[][] = [
    [{ value: `${scheme.unit}模范机关创建考核排名${r.provisional ? '（暂定）' : ''}`, style: 'title' }],
    [`截至日期 ${r.asOf}　考核方案 ${scheme.version}　生成时间 ${meta.rankedAt.replace('T', ' ')}　优秀名额 ${r.excellentQuota} 名（${round2(scheme.scoring.excellentQuota * 100)}%）`],
    ['名次：总分（保留两位小数）相同者名次相同；同分者依次按问题整改得分高、逾期少、股室代码排列。每项得分的来源见“得分明细”。'],
    ...(provisional.length > 0 ? [[{ value: `暂定：${provisional.join('、')}`, style: 'warn' as const }]] : []),
    [],
  ];
  const rankingRows = r.sections.map((s): CellInput[] => {
    const byHeading = headings.map((h) => round2(s.indicators.filter((i) => i.heading === h).reduce((a, i) => a + i.score, 0)));
    const notes = [s.gradeNote, ...s.provisionalReasons.map((p) => `暂定：${p}`), s.submitted ? '' : '未报送'].filter(Boolean).join('；');
    return [
      s.rank,
      s.section.name,
      s.total,
      { value: s.grade, style: s.quotaTie ? 'warn' : (GRADE_STYLE[s.grade] ?? 'normal') },
      s.flags.length > 0 ? { value: s.flags.map((f) => f.reason).join('；'), style: 'bad' } : null,
      ...byHeading,
      s.bonus,
      s.penalty,
      s.metrics.due,
      s.metrics.done,
      s.metrics.overdue,
      pct(s.metrics.completionRate),
      pct(s.metrics.onTimeRate),
      notes || null,
    ];
  });
  const ranking: AddedSheet = {
    head: { name: RANKING_SHEET, columns, titleRows, freezeHeader: true, print: true, onePage: true, tabColor: 'FFC00000' },
    rows: rankingRows,
  };

  const detailRows: CellInput[][] = [];
  for (const s of r.sections) {
    for (const p of s.parts) detailRows.push([s.section.name, s.section.code, p.kind === 'indicator' ? '指标' : p.kind === 'bonus' ? '加分' : '扣分', p.label, p.value, p.how, p.source]);
    const sum = round2(s.parts.reduce((a, p) => a + p.value, 0));
    detailRows.push([
      s.section.name,
      s.section.code,
      { value: '合计', style: 'bold' },
      `总分 ${s.total}`,
      { value: sum, style: 'bold' },
      sum === s.total ? '各项相加等于总分 ✔' : `各项相加 ${sum} ≠ 总分 ${s.total} ✘`,
      null,
    ]);
  }
  for (const u of r.unmatched) detailRows.push([u.section, null, '未计入', u.item, u.points, '股室不在名单中，未计入', u.source]);
  const detail: AddedSheet = {
    head: {
      name: DETAIL_SHEET,
      columns: [
        { header: '股室', width: 12 },
        { header: '股室代码', width: 8 },
        { header: '类别', width: 6 },
        { header: '项目', width: 22 },
        { header: '得分', width: 8, style: 'decimal' },
        { header: '计算方法', width: 60, style: 'wrap' },
        { header: '来源', width: 34, style: 'wrap' },
      ],
      freezeHeader: true,
      autoFilter: true,
      print: true,
    },
    rows: detailRows,
  };
  return [ranking, detail];
}

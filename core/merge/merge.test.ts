import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issue, rawLedger, task, type RawLedger, type RawRecord } from '../../tests/helpers/raw-ledger';
import { checkLedger, type CheckResult, type LedgerRow, type TypedCheckResult, type TypedSheet, type Verdict } from '../rules';
import { parseSchemeText, type Scheme } from '../scheme';
import { LIST_SHEETS } from '../schema';
import { MERGED_SHEET_NAME } from '../schema/office';
import { cellText } from '../xlsx/cells';
import { readWorkbook } from '../xlsx/read';
import { FileTexts, RenderBuffer } from '../xlsx/writer';
import { mergeSubmissions, mergedRows, rejectionText, type MergeOptions, type Submission } from './index';
import { isIsoDateText, isOfficeWorkbook, mergedRenderer, officeStrings, prepareFileRows, readPrevious, renderFileRows, writeOfficeWorkbook } from './workbook';

const officeIndex = (s: Scheme) => new Map(officeStrings(s).map((t, i) => [t, i]));

const scheme = (parseSchemeText(readFileSync(new URL('../../templates/考核方案.json', import.meta.url), 'utf8')) as { scheme: Scheme }).scheme;
const SELF: RawRecord[] = scheme.indicators.map((i) => ({
  indicatorId: i.id, heading: i.heading, content: i.content, standard: i.standard, points: i.points, selfScore: i.points - 1, explanation: '自查',
}));
const OPTIONS: MergeOptions = { scheme, lang: 'zh', asOf: '2024-06-30', mergedAt: '2024-07-01T09:00:00' };

/** A checked submission of a section. */
function submission(file: string, code: string, over: RawLedger = {}, info: RawRecord = {}): Submission {
  const section = scheme.sections.find((s) => s.code === code)!;
  const issues = over.issues ?? [issue({ id: `${code}-001` })];
  const tasks = over.tasks ?? [task({ id: `${code}-001-01`, issueId: `${code}-001` })];
  const outcome = checkLedger(rawLedger({ selfAssessment: SELF, ...over, issues, tasks, info: { section: section.name, ...info } }), {
    scheme, lang: 'zh', today: '2024-06-30',
  });
  const verdict: Verdict = outcome.ok ? { kind: 'checked', result: outcome.result } : { kind: 'unusable', unusable: outcome.unusable, message: '' };
  return { file, verdict };
}

const unusable: Submission = { file: 'notes.txt', verdict: { kind: 'unusable', unusable: { code: 'U_CSV', params: {} }, message: 'x' } };

describe('mergeSubmissions', () => {
  it('stacks every row with its provenance, lists missing sections and reconciles', () => {
    const m = mergeSubmissions([submission('AJ.xlsx', 'AJ'), submission('BGS.xlsx', 'BGS', { issues: [issue({ id: 'BGS-001' }), issue({ id: 'BGS-002' })], tasks: [task({ id: 'BGS-001-01', issueId: 'BGS-001' }), task({ id: 'BGS-002-01', issueId: 'BGS-002' })] })], OPTIONS);
    expect(m.accepted.map((a) => [a.file, a.section.code, a.rows.issues, a.errors])).toStrictEqual([
      ['BGS.xlsx', 'BGS', 2, 0],
      ['AJ.xlsx', 'AJ', 1, 0],
    ]);
    expect(m.missing.map((s) => s.code)).toStrictEqual(['SJ', 'DD', 'FG', 'CW', 'JD', 'TF']);
    expect(m.sheets.issues.map((r) => [r.section.code, r.file, r.row, r.values['id'], r.state, r.days ?? null])).toStrictEqual([
      ['BGS', 'BGS.xlsx', 2, 'BGS-001', 'on-track', null],
      ['BGS', 'BGS.xlsx', 3, 'BGS-002', 'on-track', null],
      ['AJ', 'AJ.xlsx', 2, 'AJ-001', 'on-track', null],
    ]);
    expect(m.reconciliation).toStrictEqual([
      { sheet: 'issues', rowsIn: 3, rowsOut: 3, superseded: 0, ok: true },
      { sheet: 'tasks', rowsIn: 3, rowsOut: 3, superseded: 0, ok: true },
      { sheet: 'selfAssessment', rowsIn: 24, rowsOut: 24, superseded: 0, ok: true },
      { sheet: 'ideas', rowsIn: 0, rowsOut: 0, superseded: 0, ok: true },
      { sheet: 'plan', rowsIn: 0, rowsOut: 0, superseded: 0, ok: true },
    ]);
  });

  it('keeps the later submission of a section and lists the other as superseded', () => {
    const early = submission('AJ-v1.xlsx', 'AJ', {}, { submittedAt: { date: '2024-06-28T10:00:00' } });
    const late = submission('AJ-v2.xlsx', 'AJ', { issues: [issue({ id: 'AJ-001' }), issue({ id: 'AJ-002' })], tasks: [task(), task({ id: 'AJ-002-01', issueId: 'AJ-002' })] }, { submittedAt: { date: '2024-06-29T08:30:00' } });
    const m = mergeSubmissions([late, early], OPTIONS);
    expect([m.accepted.map((a) => [a.file, a.submittedAt]), m.superseded.map((s) => [s.file, s.by, s.rows.issues])]).toStrictEqual([
      [['AJ-v2.xlsx', '2024-06-29T08:30:00']],
      [['AJ-v1.xlsx', 'AJ-v2.xlsx', 1]],
    ]);
    expect(m.sheets.issues.map((r) => r.file)).toStrictEqual(['AJ-v2.xlsx', 'AJ-v2.xlsx']);
    expect(m.reconciliation[0]).toStrictEqual({ sheet: 'issues', rowsIn: 2, rowsOut: 2, superseded: 1, ok: true });
  });

  it('orders resubmissions without a submission time by the file time, then the name', () => {
    const a = { ...submission('AJ-a.xlsx', 'AJ'), modified: '2024-06-29T00:00:00.000Z' };
    const b = { ...submission('AJ-b.xlsx', 'AJ'), modified: '2024-06-28T00:00:00.000Z' };
    expect(mergeSubmissions([a, b], OPTIONS).accepted.map((x) => x.file)).toStrictEqual(['AJ-a.xlsx']);
    expect(mergeSubmissions([submission('AJ-a.xlsx', 'AJ'), submission('AJ-b.xlsx', 'AJ')], OPTIONS).accepted.map((x) => x.file)).toStrictEqual(['AJ-b.xlsx']);
  });

  it('rejects unusable, unattributable and off-period files with their reasons', () => {
    const noSection = submission('x.xlsx', 'AJ', {}, { section: null });
    const june = submission('SJ-06.xlsx', 'SJ', { issues: [], tasks: [] }, { period: '2024-05' });
    const m = mergeSubmissions([unusable, noSection, june, submission('AJ.xlsx', 'AJ')], { ...OPTIONS, period: '2024-06' });
    expect(m.rejected.map((r) => [r.file, r.reason, r.code, rejectionText(r, 'zh'), rejectionText(r, 'en')])).toStrictEqual([
      ['SJ-06.xlsx', 'other-period', 'R_OTHER_PERIOD', '填报期次为 2024-05，本次汇总 2024-06', 'period 2024-05; this merge is for 2024-06'],
      ['notes.txt', 'unusable', 'U_CSV', '这是文本文件（如 CSV），不是工作簿，缺少台账的工作表和格式。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后重新报送。', 'This is a text file (such as CSV), not a workbook, so the ledger\'s sheets are missing. Open it in Excel or WPS and save it as "Excel Workbook (*.xlsx)", then submit it again.'],
      ['x.xlsx', 'no-section', 'R_NO_SECTION', '基本信息中的股室未填写或不在名单中，无法归属，请改正后重报', 'the section on 基本信息 is empty or not on the roster, so the rows cannot be attributed; fix and resubmit'],
    ]);
    expect(m.accepted.map((a) => a.file)).toStrictEqual(['AJ.xlsx']);
  });

  it('merges a file with errors and lists its findings; with --strict it is refused but its findings are still listed', () => {
    const bad = submission('AJ.xlsx', 'AJ', { issues: [issue({ id: 'AJ-001', deadline: '下月底' })] });
    const lenient = mergeSubmissions([bad], OPTIONS);
    expect([lenient.accepted.length, lenient.rejected.length, lenient.sheets.issues.length]).toStrictEqual([1, 0, 1]);
    expect(lenient.findings.map((f) => [f.file, f.finding.code, f.finding.cell])).toStrictEqual([['AJ.xlsx', 'E_DATE_INVALID', 'L2']]);
    const strict = mergeSubmissions([bad], { ...OPTIONS, strict: true });
    expect([strict.accepted.length, strict.rejected.map((r) => [r.code, rejectionText(r, 'en')]), strict.sheets.issues.length]).toStrictEqual([
      0,
      [['R_ERRORS', '1 errors (not merged with --strict); fix them as listed under 检查结果 and resubmit']],
      0,
    ]);
    expect(strict.findings.map((f) => f.finding.code)).toStrictEqual(['E_DATE_INVALID']);
    expect(strict.missing.map((s) => s.code)).toContain('AJ');
  });

  it('builds the review sheet for every section and indicator, keeping what the office typed and flagging what is gone', () => {
    const previous = {
      review: [
        { sectionCode: 'AJ', section: '安全监管股', indicatorId: 'A1', reviewScore: 7.5, comment: '传达及时' },
        { sectionCode: 'ZZ', section: '已撤销股', indicatorId: 'A1', reviewScore: 6, comment: '' },
        { sectionCode: 'AJ', section: '安全监管股', indicatorId: 'X9', reviewScore: 3, comment: '旧指标' },
      ],
      adjustments: [
        { no: 1, section: '安全监管股', kind: '加分', item: '金点子被采纳', points: 0.5, basis: '办公室通知', date: '2024-06-20', enteredBy: '刘强' },
        { no: 2, section: '已撤销股', kind: '扣分', item: '脱岗', points: 1, basis: '', date: null, enteredBy: '' },
      ],
    };
    const m = mergeSubmissions([submission('AJ.xlsx', 'AJ')], { ...OPTIONS, previous });
    expect(m.review.length).toBe(8 * 12 + 2);
    const aj = m.review.filter((r) => r.sectionCode === 'AJ');
    expect(aj[0]).toStrictEqual({
      sectionCode: 'AJ', section: '安全监管股', indicatorId: 'A1', heading: '政治建设', content: scheme.indicators[0]!.content, points: 8, method: 'manual',
      selfScore: 7, reviewScore: 7.5, comment: '传达及时', note: '',
    });
    expect(m.review.filter((r) => r.sectionCode === 'BGS')[0]).toMatchObject({ selfScore: null, reviewScore: null, note: '未报送' });
    expect(m.review.slice(-2).map((r) => [r.sectionCode, r.indicatorId, r.reviewScore, r.comment, r.note])).toStrictEqual([
      ['ZZ', 'A1', 6, '', '该股室已不在名单中（保留原评议）'],
      ['AJ', 'X9', 3, '旧指标', '该指标已不在考核方案中（保留原评议）'],
    ]);
    expect(m.adjustments.map((a) => [a.no, a.section, a.points, a.note])).toStrictEqual([
      [1, '安全监管股', 0.5, ''],
      [2, '已撤销股', 1, '股室不在名单中，请核对'],
    ]);
  });
});

describe('the office workbook', () => {
  it('writes and reads back: every merged row, formula-like and markup text kept as text, and what the office typed', () => {
    const tricky = "=HYPERLINK(\"http://evil.example\",\"点我\")";
    const m = mergeSubmissions(
      [submission('AJ.xlsx', 'AJ', { issues: [issue({ id: 'AJ-001', description: tricky, note: '<img src=x onerror=alert(1)> & _x0041_' })] })],
      { ...OPTIONS, previous: { review: [{ sectionCode: 'AJ', section: '安全监管股', indicatorId: 'B1', reviewScore: 6, comment: '良好' }], adjustments: [] } },
    );
    const bytes = writeOfficeWorkbook(m, scheme);
    const read = readWorkbook(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(isOfficeWorkbook(read.workbook)).toBe(true);
    const issues = read.workbook.data.get(MERGED_SHEET_NAME.issues)!;
    const header = [...issues.rows[0]!.cells.values()].map((c) => cellText(c.value));
    expect(header.slice(0, 4)).toStrictEqual(['股室', '股室代码', '问题编号', '问题类别']);
    const row = issues.rows[1]!;
    const at = (h: string) => row.cells.get(header.indexOf(h) + 1);
    expect([cellText(at('问题描述')?.value), at('问题描述')?.formula ?? false, cellText(at('备注')?.value)]).toStrictEqual([tricky, false, '<img src=x onerror=alert(1)> & _x0041_']);
    expect(at('整改时限')?.value).toStrictEqual({ type: 'date', value: '2024-08-31' });
    expect([cellText(at('来源文件')?.value), at('来源行')?.value]).toStrictEqual(['AJ.xlsx', { type: 'number', value: 2 }]);
    expect(readPrevious(read.workbook)).toStrictEqual({ review: [{ sectionCode: 'AJ', section: '安全监管股', indicatorId: 'B1', reviewScore: 6, comment: '良好' }], adjustments: [] });
    expect(new TextDecoder().decode(bytes).includes('<f>')).toBe(false);
  });

  it('property: for random submissions every accepted row appears exactly once, with its provenance, and reconciles', () => {
    const text = fc.oneof(
      fc.constantFrom('学习不深入', '=1+1', "=cmd|' /C calc'!A0", '<b>粗体</b>', '&amp;', '  前后空格  ', '_x000D_', '换行\n第二行', '"引号"', '🚀 emoji'),
      fc.string({ maxLength: 12 }).filter((s) => s.trim() !== '' && !/[\u0000-\u001f]/.test(s)),
    );
    const entry = fc.record({
      code: fc.constantFrom('AJ', 'BGS', 'SJ', 'TF'),
      issues: fc.array(text, { maxLength: 6 }),
      submittedDay: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 7 }), (entries) => {
        const subs = entries.map((e, i) => {
          const issues = e.issues.map((d, k) => issue({ id: `${e.code}-${String(k + 1).padStart(3, '0')}`, description: d }));
          const tasks = issues.map((_, k) => task({ id: `${e.code}-${String(k + 1).padStart(3, '0')}-01`, issueId: `${e.code}-${String(k + 1).padStart(3, '0')}` }));
          return submission(`f${i}.xlsx`, e.code, { issues, tasks }, { submittedAt: { date: `2024-06-${String(e.submittedDay).padStart(2, '0')}T${String(i).padStart(2, '0')}:00:00` } });
        });
        const m = mergeSubmissions(subs, OPTIONS);
        const winners = new Set(m.accepted.map((a) => a.file));
        // one winner per section that submitted; every other file superseded
        expect(m.accepted.length + m.superseded.length).toBe(subs.length);
        expect(new Set(m.accepted.map((a) => a.section.code)).size).toBe(m.accepted.length);
        for (const r of m.reconciliation) expect(r.ok).toBe(true);
        // write, read back, and find each accepted row exactly once by (file, row)
        const read = readWorkbook(writeOfficeWorkbook(m, scheme));
        if (!read.ok) throw new Error(read.unusable.code);
        for (const def of LIST_SHEETS) {
          const sheet = read.workbook.data.get(MERGED_SHEET_NAME[def.key])!;
          const header = [...sheet.rows[0]!.cells.entries()].map(([c, v]) => [cellText(v.value), c] as const);
          const col = (h: string) => header.find(([t]) => t === h)?.[1] ?? -1;
          const seen = sheet.rows.slice(1).map((r) => `${cellText(r.cells.get(col('来源文件'))?.value)}#${cellText(r.cells.get(col('来源行'))?.value)}`);
          const expected: string[] = [];
          for (const s of subs) {
            if (!winners.has(s.file) || s.verdict.kind !== 'checked') continue;
            for (const r of s.verdict.result.sheets[def.key].rows) expected.push(`${s.file}#${r.row}`);
          }
          expect(seen.sort()).toStrictEqual(expected.sort());
          if (def.key === 'issues') {
            const descriptions = sheet.rows.slice(1).map((r) => cellText(r.cells.get(col('问题描述'))?.value));
            const want = m.sheets.issues.map((r) => String(r.values['description']));
            expect(descriptions).toStrictEqual(want);
          }
        }
      }),
      { numRuns: 40, seed: 20240630 },
    );
  });
});

describe('prepareFileRows', () => {
  const section = scheme.sections[0]!;
  const iso = fc
    .tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const value = fc.oneof(
    fc.constantFrom(null, '', '已完成', '整改中', '已销号', '未完成', '=cmd|\' /C calc\'!A0', 'AJ-001'),
    fc.string({ maxLength: 5 }),
    iso,
    fc.integer({ min: -3, max: 120 }),
    fc.double({ noNaN: true }),
  );
  const row = (def: (typeof LIST_SHEETS)[number], keys: readonly string[]) =>
    fc.record({
      row: fc.integer({ min: 2, max: 9999 }),
      values: fc.tuple(...keys.map(() => value)).map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]!]))),
      extras: fc.dictionary(fc.constantFrom('附加', 'X', '10'), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
    });
  // a sheet's rows, records with the keys of the columns the file has (a file may lack some)
  const sheet = (def: (typeof LIST_SHEETS)[number]) =>
    fc
      .subarray(def.columns.map((c) => c.key))
      .chain((keys) => fc.record({ keys: fc.constant(keys), rows: fc.array(row(def, keys), { maxLength: 6 }) }));
  const sheets = fc.tuple(...LIST_SHEETS.map((def) => sheet(def)));
  /** The typed sheet the check makes of these records. */
  const typed = (keys: readonly string[], rows: readonly LedgerRow[]): TypedSheet => ({
    name: '',
    headerRow: 1,
    extraColumns: [],
    keys,
    rows: rows.map((r) => r.row),
    values: rows.flatMap((r) => keys.map((k) => r.values[k]!)),
    extras: rows.map((r) => r.extras),
  });

  it('gives each problem its deadline state, styled, and the days overdue or done late', () => {
    const rows: LedgerRow[] = [
      { row: 2, values: { deadline: '2024-06-01', status: '整改中' }, extras: {} },
      { row: 3, values: { deadline: '2024-06-01', status: '已销号', doneDate: '2024-06-10' }, extras: {} },
      { row: 4, values: { deadline: '2024-07-05', status: '整改中' }, extras: { 附加: '是' } },
      { row: 5, values: { deadline: '2024-06-01', extendedTo: '2024-08-01', status: '整改中' }, extras: {} },
      { row: 6, values: { deadline: '2024-06-20', status: '已完成', doneDate: '2024-06-18' }, extras: {} },
      { row: 7, values: { deadline: null, status: '整改中' }, extras: {} },
    ];
    const checked = { name: '问题清单', headerRow: 1, extraColumns: [], rows };
    const renderer = mergedRenderer('issues');
    const at = 2 + LIST_SHEETS[0]!.columns.length;
    const cells = [...mergedRows('issues', 'a.xlsx', section, checked, { scheme, asOf: '2024-06-30' })].map((r) => renderer.cells(r));
    expect(cells.map((c) => [c[at], c[at + 1], c[at + 2], c.at(-1)])).toStrictEqual([
      [null, { value: '逾期', style: 'overdue' }, 29, 2],
      [null, { value: '逾期完成', style: 'warn' }, 9, 3],
      ['附加: 是', { value: '临期', style: 'dueSoon' }, null, 4],
      [null, '正常', null, 5],
      [null, { value: '已完成', style: 'good' }, null, 6],
      [null, '无时限', null, 7],
    ]);
  });

  it('puts every row of the typed sheets into the grids as the cells of mergedRows would go for their records, with the same texts', () => {
    fc.assert(
      fc.property(sheets, fc.constantFrom('2024-06-30', '2024-09-01'), (given, asOf) => {
        const result = { sheets: Object.fromEntries(LIST_SHEETS.map((def, i) => [def.key, { name: def.name, headerRow: 1, extraColumns: [], rows: given[i]!.rows }])) } as unknown as CheckResult;
        const place = { fileIndex: 3, firstString: 500, start: { issues: 2, tasks: 7, selfAssessment: 11, ideas: 2, plan: 5 } };
        const typedResult = { sheets: Object.fromEntries(LIST_SHEETS.map((def, i) => [def.key, typed(given[i]!.keys, given[i]!.rows)])) } as unknown as TypedCheckResult;
        const prepared = prepareFileRows('a.xlsx', section, typedResult, { scheme, asOf });
        // the reference: each row made a MergedRow, then an array of cells, then added
        const texts = new FileTexts(officeIndex(scheme), 'a.xlsx');
        const want = LIST_SHEETS.flatMap((def) => {
          if (result.sheets[def.key].rows.length === 0) return [];
          const renderer = mergedRenderer(def.key);
          const grid = renderer.grid();
          for (const r of mergedRows(def.key, 'a.xlsx', section, result.sheets[def.key], { scheme, asOf })) grid.add(renderer.cells(r), texts);
          return [{ sheet: def.key, grid }];
        });
        const strings = texts.seal();
        const got = renderFileRows(prepared, place, (xml) => new TextDecoder().decode(xml), new RenderBuffer());
        const expected = renderFileRows({ sheets: want, texts }, place, (xml) => new TextDecoder().decode(xml));
        expect(got.sheets).toStrictEqual(expected.sheets);
        expect([prepared.strings, got.stringRefs]).toStrictEqual([strings, expected.stringRefs]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('isIsoDateText', () => {
  it('is what /^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2})?$/ says', () => {
    const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;
    // texts near the shape: right lengths, digits and separators shuffled, full-width digits
    const char = fc.constantFrom('0', '1', '9', '-', 'T', ':', ' ', '/', 'x', '０', '٣');
    const near = fc.oneof(fc.constantFrom('2024-06-30', '2024-06-30T09:30:00', '2024-6-30', '2024-06-30 09:30:00', '2024-06-30T09:30', ''), fc.array(char, { minLength: 9, maxLength: 20 }).map((c) => c.join('')));
    const mutated = fc.tuple(fc.constantFrom('2024-06-30', '2024-06-30T09:30:00'), fc.nat(18), char).map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1));
    fc.assert(fc.property(fc.oneof(near, mutated), (t) => isIsoDateText(t) === iso.test(t)), { numRuns: 3000 });
  });
});

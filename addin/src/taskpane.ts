/**
 * The task pane: checks the host, reads the open workbook through the adapter and says whether it
 * is a ledger (and which template version). All text is set with textContent, never innerHTML.
 */
import { describeIdentity, identifyLedger } from '../../core/ledger/identify';
import type { Lang } from '../../core/i18n';
import { gridValue, workbookFromGrids, type SheetGrid } from '../../core/ledger/grid';
import { checkLedger } from '../../core/rules/check';
import type { Finding } from '../../core/rules/findings';
import { parseScheme, type Scheme } from '../../core/scheme';
import { unusableMessage } from '../../core/xlsx/unusable';
import schemeJson from '../../templates/考核方案.json';
import { canInsertSheets, editLedger, insertTemplateSheets, readActiveRow, readLedgerGrids, readWorkbookSnapshot, selectCell, stampSubmission } from './excel-adapter';
import { nextId, placeRow, updateCells, type NewRow } from '../../core/ledger/edit';
import { extractTable } from '../../core/ledger/table';
import { LISTS, listSheet, type ListSheetDef } from '../../core/schema';
import type { CheckResult, DeadlineItem } from '../../core/rules/check';
import { INFO_SHEET, LIST_SHEETS } from '../../core/schema';
import { isoToSerial } from '../../core/xlsx/cells';
import { PANE_TEXT, paneLang } from './i18n';

/** The assessment scheme the pane checks against (the one the template was made from). */
const SCHEME: Scheme = (() => {
  const parsed = parseScheme(schemeJson);
  if (!parsed.ok) throw new Error(`bundled scheme invalid: ${parsed.problems.map((p) => p.path).join(', ')}`);
  return parsed.scheme;
})();

/** Today in the local time zone (the model itself has no clock). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The open workbook checked by the full rule set (the same as mofan check), with where 提交时间 sits. */
async function checkOpenWorkbook(lang: Lang): Promise<{ result?: CheckResult; unusable?: string; stampAt?: string }> {
  const { sheetNames, grids } = await readLedgerGrids();
  const outcome = checkLedger(workbookFromGrids(sheetNames, grids), { scheme: SCHEME, lang, today: today() });
  if (!outcome.ok) return { unusable: unusableMessage(outcome.unusable, lang) };
  // the value cell beside the 提交时间 label (found by its label, as the reader does)
  const label = INFO_SHEET.fields.find((f) => f.key === 'submittedAt')?.label;
  const info = grids.find((g) => g.name.trim() === INFO_SHEET.name);
  const i = info?.values.findIndex((row) => String(row[0] ?? '').trim() === label) ?? -1;
  return { result: outcome.result, ...(info && i >= 0 ? { stampAt: `B${info.top + i}` } : {}) };
}

/** The deadlines board: overdue, due soon and on-track items, each a link to its row. */
function renderBoard(lang: Lang, items: readonly DeadlineItem[]): void {
  const t = PANE_TEXT[lang];
  const board = byId('board');
  board.replaceChildren();
  const groups: Array<[DeadlineItem['state'], string]> = [['overdue', t.overdue], ['due-soon', t.dueSoon], ['on-track', t.onTrack]];
  const heading = document.createElement('h2');
  const colon = lang === 'zh' ? '：' : ': ';
  heading.textContent = `${t.board}${colon}${groups.map(([state, name]) => `${name} ${items.filter((d) => d.state === state).length}`).join(' · ')}`;
  board.append(heading);
  for (const [state] of groups) {
    const ul = document.createElement('ul');
    for (const d of items.filter((x) => x.state === state)) {
      const li = document.createElement('li');
      li.className = state;
      const button = document.createElement('button');
      button.type = 'button';
      const sheet = LIST_SHEETS.find((s) => s.key === d.sheet)?.name ?? '';
      const when = `${d.due}${lang === 'zh' ? '，' : ', '}${state === 'overdue' ? t.daysOverdue(d.days ?? 0) : t.daysLeft(d.days ?? 0)}${lang === 'zh' ? '，' : ', '}${d.owner}`;
      button.textContent = lang === 'zh' ? `${d.id} ${d.title}（${when}）` : `${d.id} ${d.title} (${when})`;
      button.dataset['state'] = state;
      button.addEventListener('click', () => void selectCell(sheet, `A${d.row}`));
      li.append(button);
      ul.append(li);
    }
    board.append(ul);
  }
}

/** Submit: only with zero errors; stamps the time and names the file to send. */
async function runSubmit(lang: Lang): Promise<void> {
  const t = PANE_TEXT[lang];
  try {
    const { result, unusable, stampAt } = await checkOpenWorkbook(lang);
    if (!result) return showStatus('warn', unusable ?? '');
    if (result.errors > 0 || !stampAt) return showStatus('error', t.submitRefused(result.errors));
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    const iso = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:00`;
    await stampSubmission(stampAt, isoToSerial(iso));
    const section = result.section;
    const file = `${section?.code ?? ''}-${section?.name ?? ''}-${String(result.info['period'] ?? '')}.xlsx`;
    showStatus('ok', t.submitted(iso.replace('T', ' ').slice(0, 16), file));
    byId('status').dataset['kind'] = 'submitted';
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

/** List findings (grouped by sheet) in the findings area; each with a cell selects it on a click. */
function renderFindings(lang: Lang, findings: readonly Finding[]): void {
  const t = PANE_TEXT[lang];
  const list = byId('findings');
  list.replaceChildren();
  const bySheet = new Map<string, Finding[]>();
  for (const f of findings) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
  for (const [sheet, items] of bySheet) {
    const heading = document.createElement('h2');
    heading.textContent = lang === 'zh' ? `${sheet}（${items.length}）` : `${sheet} (${items.length})`;
    const ul = document.createElement('ul');
    for (const f of items) {
      const li = document.createElement('li');
      li.className = f.severity;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${f.severity === 'error' ? t.error : t.warning} · ${f.message}`;
      button.dataset['code'] = f.code;
      button.dataset['cell'] = f.cell;
      if (f.cell) button.addEventListener('click', () => void selectCell(f.sheet, f.cell));
      li.append(button);
      ul.append(li);
    }
    list.append(heading, ul);
  }
}

/** One form field for a column type: a dropdown for a list, a text area, a date, number or text box. */
function fieldInput(type: string, options?: readonly string[]): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  if (options) {
    const select = document.createElement('select');
    for (const v of ['', ...options]) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      select.append(o);
    }
    return select;
  }
  if (type === 'longtext') {
    const area = document.createElement('textarea');
    area.rows = 2;
    return area;
  }
  const input = document.createElement('input');
  input.type = type === 'date' ? 'date' : type === 'integer' || type === 'number' ? 'number' : 'text';
  return input;
}

/** The form to add a row to a list sheet, built from the schema: lists as dropdowns, dates as date fields. */
async function openForm(lang: Lang, def: ListSheetDef, editing?: { row: number; values: Record<string, string>; cols: Record<string, number> }): Promise<void> {
  const t = PANE_TEXT[lang];
  const form = byId<HTMLFormElement>('form');
  form.replaceChildren();
  const { result } = await checkOpenWorkbook(lang);
  const code = result?.section?.code ?? '';
  const issueIds = (result?.sheets.issues.rows ?? []).map((r) => String(r.values['id'] ?? '')).filter(Boolean);
  const ownIds = (result?.sheets[def.key].rows ?? []).map((r) => String(r.values[def.idColumn] ?? ''));
  const fields = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  for (const col of def.columns.filter((c) => c.filledBy === 'section')) {
    const label = document.createElement('label');
    label.textContent = lang === 'zh' ? col.header : `${col.en} · ${col.header}`;
    if (col.required) {
      const req = document.createElement('span');
      req.className = 'req';
      req.textContent = `*${lang === 'zh' ? '' : ` ${t.required}`}`;
      label.append(req);
    }
    const options = col.key === 'issueId' ? issueIds : col.type === 'list' && col.list && col.list !== 'section' ? LISTS[col.list] : undefined;
    const input = fieldInput(col.type, options);
    input.name = col.key;
    fields.set(col.key, input);
    label.append(input);
    form.append(label);
  }
  // the next id, and for a task the id under its problem
  const idField = fields.get(def.idColumn);
  const issueField = fields.get('issueId');
  const fillId = () => {
    if (!idField) return;
    const existing = def.key === 'tasks' ? (result?.sheets.tasks.rows ?? []).map((r) => String(r.values['id'] ?? '')) : ownIds;
    idField.value = nextId(def, code, existing, issueField?.value || issueIds[0]);
  };
  if (editing) {
    // editing the row the cursor is on: the form shows what the row holds
    for (const [key, el] of fields) el.value = editing.values[key] ?? '';
  } else {
    if (issueField && issueIds[0]) issueField.value = issueIds[0];
    issueField?.addEventListener('change', fillId);
    fillId();
  }
  appendSaveCancel(form, lang);
  form.onsubmit = (event) => {
    event.preventDefault();
    const entry = Object.fromEntries([...fields].map(([k, el]) => [k, el.value]));
    if (!editing) return void saveRow(lang, def, entry);
    const changes = () =>
      def.columns
        .filter((c) => fields.has(c.key) && editing.cols[c.key])
        .map((c) => ({ row: editing.row, col: editing.cols[c.key] ?? 0, type: c.type, raw: entry[c.key] ?? '' }));
    void saveCells(lang, def.name, changes, t.savedRow(editing.row, def.name));
  };
  form.hidden = false;
  fields.get(def.key === 'tasks' ? 'content' : def.key === 'issues' ? 'category' : def.idColumn)?.focus();
}

/** Every pane form ends the same way: Save submits it, Cancel hides it. */
function appendSaveCancel(form: HTMLFormElement, lang: Lang): void {
  const t = PANE_TEXT[lang];
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = t.save;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'secondary';
  cancel.textContent = t.cancel;
  cancel.addEventListener('click', () => void (form.hidden = true));
  form.append(save, cancel);
}

interface SimpleField {
  readonly key: string;
  readonly label: string;
  readonly type: string;
  readonly options?: readonly string[];
  readonly value?: string;
}

/** A small form (基本信息, a quick action): fields, Save and Cancel; `onSave` gets the values by key. */
function simpleForm(lang: Lang, fields: readonly SimpleField[], onSave: (values: Record<string, string>) => void): void {
  const form = byId<HTMLFormElement>('form');
  form.replaceChildren();
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  for (const f of fields) {
    const label = document.createElement('label');
    label.textContent = f.label;
    const input = fieldInput(f.type, f.options);
    input.name = f.key;
    input.value = f.value ?? '';
    inputs.set(f.key, input);
    label.append(input);
    form.append(label);
  }
  appendSaveCancel(form, lang);
  form.onsubmit = (event) => {
    event.preventDefault();
    onSave(Object.fromEntries([...inputs].map(([k, el]) => [k, el.value])));
  };
  form.hidden = false;
  inputs.values().next().value?.focus();
}

/** Apply changes to cells through the rules: refused (findings listed) while the result has errors. */
async function saveCells(lang: Lang, sheet: string, changes: (grids: SheetGrid[]) => Array<{ row: number; col: number; type: string; raw: string }>, done: string): Promise<void> {
  const t = PANE_TEXT[lang];
  try {
    const findings = await editLedger<Finding[]>((sheetNames, grids) => {
      const update = updateCells(workbookFromGrids(sheetNames, grids), sheet, changes(grids), { scheme: SCHEME, lang, today: today() });
      const errors = update.findings.filter((f) => f.severity === 'error');
      if (errors.length > 0 || update.writes.length === 0) return { result: [...update.findings] };
      return { write: update.writes.map((w) => ({ sheet, address: w.address, values: [[w.value]], formats: [[w.format]] })), result: [...update.findings] };
    });
    renderFindings(lang, findings);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (errors > 0) return showStatus('error', t.refused(errors));
    showStatus('ok', done);
    byId('status').dataset['kind'] = 'saved';
    byId<HTMLFormElement>('form').hidden = true;
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

/** The 基本信息 form: the section's details, found by their labels and written beside them. */
async function openInfo(lang: Lang): Promise<void> {
  const { grids } = await readLedgerGrids();
  const grid = grids.find((g) => g.name.trim() === INFO_SHEET.name);
  if (!grid) return;
  const rowOf = (label: string) => grid.top + grid.values.findIndex((r) => String(r[0] ?? '').trim() === label);
  const fields = INFO_SHEET.fields.filter((f) => f.filledBy === 'section');
  const current = (label: string) => {
    const v = grid.values[rowOf(label) - grid.top]?.[1];
    const format = grid.formats?.[rowOf(label) - grid.top]?.[1];
    const cell = gridValue(v, format);
    return cell ? String(cell.value) : '';
  };
  simpleForm(
    lang,
    fields.map((f) => ({ key: f.key, label: lang === 'zh' ? f.label : `${f.en} · ${f.label}`, type: f.type, value: current(f.label), ...(f.list === 'section' ? { options: SCHEME.sections.map((s) => s.name) } : {}) })),
    (values) =>
      void saveCells(
        lang,
        INFO_SHEET.name,
        () => fields.map((f) => ({ row: rowOf(f.label), col: grid.left + 1, type: f.type, raw: values[f.key] ?? '' })),
        PANE_TEXT[lang].savedInfo,
      ),
  );
}

/** Edit the row the cursor is on (问题清单 or 责任清单): the form loads it and saves it back. */
async function editCurrentRow(lang: Lang): Promise<void> {
  const t = PANE_TEXT[lang];
  const at = await readActiveRow();
  const def = [listSheet('issues'), listSheet('tasks')].find((d) => d.name === at.sheet.trim());
  const { grids } = await readLedgerGrids();
  const grid = def ? grids.find((g) => g.name.trim() === def.name) : undefined;
  const sheet = def && grid ? workbookFromGrids([def.name], [grid]).data.get(def.name) : undefined;
  const table = def && sheet ? extractTable(sheet, def) : undefined;
  const row = table?.rows.find((r) => r.row === at.row);
  if (!def || !table || !row) return showStatus('warn', t.pickRow);
  const values = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, v ? String(v.value) : '']));
  const cols = Object.fromEntries(table.columns.map((c) => [c.key, c.col]));
  await openForm(lang, def, { row: at.row, values, cols });
}

/** A quick action on the problem the cursor is on: mark done, write off, or request an extension. */
async function quickAction(lang: Lang, action: 'done' | 'writeOff' | 'extend'): Promise<void> {
  const t = PANE_TEXT[lang];
  const def = listSheet('issues');
  const at = await readActiveRow();
  const { grids } = await readLedgerGrids();
  const grid = grids.find((g) => g.name.trim() === def.name);
  const sheet = grid ? workbookFromGrids([def.name], [grid]).data.get(def.name) : undefined;
  const table = sheet ? extractTable(sheet, def) : undefined;
  if (at.sheet.trim() !== def.name || !table || at.row <= table.headerRow) return showStatus('warn', t.pickIssue);
  const col = (key: string) => table.columns.find((c) => c.key === key)?.col ?? 0;
  const header = (key: string) => def.columns.find((c) => c.key === key)!;
  const field = (key: string, value = ''): SimpleField => ({ key, label: lang === 'zh' ? header(key).header : `${header(key).en} · ${header(key).header}`, type: header(key).type, value });
  const plan: Record<typeof action, { fields: SimpleField[]; status?: string }> = {
    done: { fields: [field('doneDate', today()), field('result')], status: '已完成' },
    writeOff: { fields: [field('verifier'), field('evidence')], status: '已销号' },
    extend: { fields: [field('extendedTo'), field('extensionReason')] },
  };
  const { fields, status } = plan[action];
  simpleForm(lang, fields, (values) =>
    void saveCells(
      lang,
      def.name,
      () => [
        ...fields.map((f) => ({ row: at.row, col: col(f.key), type: f.type, raw: values[f.key] ?? '' })),
        ...(status ? [{ row: at.row, col: col('status'), type: 'list', raw: status }] : []),
      ],
      t.savedRow(at.row),
    ),
  );
}

/** The template file, served beside the pane (dist/templates/). */
const TEMPLATE_URL = 'templates/%E6%A8%A1%E8%8C%83%E6%9C%BA%E5%85%B3%E5%88%9B%E5%BB%BA%E5%B7%A5%E4%BD%9C%E5%8F%B0%E8%B4%A6.xlsx';

/** Not a ledger: add the template's sheets (ExcelApi 1.13), or point at the template file. */
async function addTemplate(lang: Lang): Promise<void> {
  const t = PANE_TEXT[lang];
  try {
    const bytes = new Uint8Array(await (await fetch(TEMPLATE_URL)).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    await insertTemplateSheets(btoa(binary));
    showStatus('ok', t.added);
    await refresh(lang);
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

function showTemplateHelp(lang: Lang, show: boolean): void {
  const t = PANE_TEXT[lang];
  const canInsert = canInsertSheets();
  byId<HTMLButtonElement>('add-template').hidden = !show || !canInsert;
  const help = byId('template-help');
  help.hidden = !show || canInsert;
  help.replaceChildren();
  if (show && !canInsert) {
    const a = document.createElement('a');
    a.href = TEMPLATE_URL;
    a.textContent = t.templateLink;
    a.target = '_blank';
    help.append(t.oldExcel, a);
  }
}

/** Save a form's row through the same rules as mofan check: refused while it has errors. */
async function saveRow(lang: Lang, def: ListSheetDef, entry: Record<string, string>): Promise<void> {
  const t = PANE_TEXT[lang];
  try {
    const outcome = await editLedger<{ placed?: NewRow; errors?: Finding[] }>((sheetNames, grids) => {
      const placed = placeRow(workbookFromGrids(sheetNames, grids), def, entry, { scheme: SCHEME, lang, today: today() });
      if ('error' in placed) return { result: {} };
      const errors = placed.findings.filter((f) => f.severity === 'error');
      if (errors.length > 0) return { result: { placed, errors } };
      return { write: { sheet: def.name, address: placed.address, values: placed.values, formats: placed.formats }, result: { placed, errors } };
    });
    if (!outcome.placed) return showStatus('error', t.readFailed + def.name);
    renderFindings(lang, outcome.placed.findings);
    if (outcome.errors && outcome.errors.length > 0) return showStatus('error', t.refused(outcome.errors.length));
    showStatus('ok', t.saved(def.name, outcome.placed.row, entry[def.idColumn] ?? ''));
    byId('status').dataset['kind'] = 'saved';
    byId<HTMLFormElement>('form').hidden = true;
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

/** Run the full rule set on the open workbook and list the findings, grouped by sheet. */
async function runCheck(lang: Lang): Promise<void> {
  const t = PANE_TEXT[lang];
  const list = byId('findings');
  list.replaceChildren();
  showStatus('info', t.checking2);
  try {
    const { result, unusable } = await checkOpenWorkbook(lang);
    if (!result) {
      showStatus('warn', unusable ?? '');
      return;
    }
    const r = result;
    renderBoard(lang, r.deadlines);
    showStatus(r.errors > 0 ? 'error' : r.warnings > 0 ? 'warn' : 'ok', r.findings.length === 0 ? t.clean : t.summary(r.errors, r.warnings, r.asOf));
    renderFindings(lang, r.findings);
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`taskpane.html has no #${id}`);
  return el as T;
}

function applyText(lang: Lang): void {
  const t = PANE_TEXT[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  byId('title').textContent = t.title;
  byId('subtitle').textContent = t.subtitle;
  byId('retry').textContent = t.retry;
  byId('check').textContent = t.check;
  byId('submit').textContent = t.submit;
  byId('add-issue').textContent = t.addIssue;
  byId('add-task').textContent = t.addTask;
  byId('edit-info').textContent = t.info;
  byId('mark-done').textContent = t.markDone;
  byId('write-off').textContent = t.writeOff;
  byId('extend').textContent = t.extend;
  byId('add-template').textContent = t.addTemplate;
  byId('edit-row').textContent = t.editRow;
  byId('footer').textContent = t.footer;
}

function showStatus(kind: 'info' | 'ok' | 'warn' | 'error', text: string): void {
  const status = byId('status');
  status.className = `status status-${kind}`;
  status.textContent = text;
}

async function refresh(lang: Lang): Promise<void> {
  const t = PANE_TEXT[lang];
  showStatus('info', t.checking);
  try {
    const identity = identifyLedger(await readWorkbookSnapshot());
    const kind = identity.kind === 'ledger' ? 'ok' : identity.kind === 'not-ledger' ? 'info' : 'warn';
    showStatus(kind, describeIdentity(identity, lang));
    byId('status').dataset['kind'] = identity.kind;
    byId<HTMLButtonElement>('check').hidden = identity.kind !== 'ledger';
    for (const id of ['submit', 'add-issue', 'add-task', 'edit-info', 'edit-row', 'mark-done', 'write-off', 'extend']) byId<HTMLButtonElement>(id).hidden = identity.kind !== 'ledger';
    showTemplateHelp(lang, identity.kind === 'not-ledger');
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

Office.onReady((info) => {
  const lang = paneLang(Office.context?.displayLanguage);
  applyText(lang);
  byId('retry').addEventListener('click', () => void refresh(lang));
  byId('check').addEventListener('click', () => void runCheck(lang));
  byId('submit').addEventListener('click', () => void runSubmit(lang));
  byId('add-issue').addEventListener('click', () => void openForm(lang, listSheet('issues')));
  byId('add-task').addEventListener('click', () => void openForm(lang, listSheet('tasks')));
  byId('edit-info').addEventListener('click', () => void openInfo(lang));
  byId('mark-done').addEventListener('click', () => void quickAction(lang, 'done'));
  byId('write-off').addEventListener('click', () => void quickAction(lang, 'writeOff'));
  byId('extend').addEventListener('click', () => void quickAction(lang, 'extend'));
  byId('add-template').addEventListener('click', () => void addTemplate(lang));
  byId('edit-row').addEventListener('click', () => void editCurrentRow(lang));
  if (info.host !== Office.HostType.Excel) {
    showStatus('error', PANE_TEXT[lang].notExcel);
    return;
  }
  void refresh(lang);
});

/**
 * The task pane: checks the host, reads the open workbook through the adapter and says whether it
 * is a ledger (and which template version). All text is set with textContent, never innerHTML.
 */
import { describeIdentity, identifyLedger } from '../../core/ledger/identify';
import type { Lang } from '../../core/i18n';
import { workbookFromGrids } from '../../core/ledger/grid';
import { checkLedger } from '../../core/rules/check';
import type { Finding } from '../../core/rules/findings';
import { parseScheme, type Scheme } from '../../core/scheme';
import { unusableMessage } from '../../core/xlsx/unusable';
import schemeJson from '../../templates/考核方案.json';
import { readLedgerGrids, readWorkbookSnapshot, selectCell } from './excel-adapter';
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

/** Run the full rule set on the open workbook and list the findings, grouped by sheet. */
async function runCheck(lang: Lang): Promise<void> {
  const t = PANE_TEXT[lang];
  const list = byId('findings');
  list.replaceChildren();
  showStatus('info', t.checking2);
  try {
    const { sheetNames, grids } = await readLedgerGrids();
    const outcome = checkLedger(workbookFromGrids(sheetNames, grids), { scheme: SCHEME, lang, today: today() });
    if (!outcome.ok) {
      showStatus('warn', unusableMessage(outcome.unusable, lang));
      return;
    }
    const r = outcome.result;
    showStatus(r.errors > 0 ? 'error' : r.warnings > 0 ? 'warn' : 'ok', r.findings.length === 0 ? t.clean : t.summary(r.errors, r.warnings, r.asOf));
    const bySheet = new Map<string, Finding[]>();
    for (const f of r.findings) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
    for (const [sheet, findings] of bySheet) {
      const heading = document.createElement('h2');
      heading.textContent = `${sheet}（${findings.length}）`;
      const ul = document.createElement('ul');
      for (const f of findings) {
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
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

Office.onReady((info) => {
  const lang = paneLang(Office.context?.displayLanguage);
  applyText(lang);
  byId('retry').addEventListener('click', () => void refresh(lang));
  byId('check').addEventListener('click', () => void runCheck(lang));
  if (info.host !== Office.HostType.Excel) {
    showStatus('error', PANE_TEXT[lang].notExcel);
    return;
  }
  void refresh(lang);
});

/**
 * The task pane: checks the host, reads the open workbook through the adapter and says whether it
 * is a ledger (and which template version). All text is set with textContent, never innerHTML.
 */
import { describeIdentity, identifyLedger } from '../../core/ledger/identify';
import type { Lang } from '../../core/i18n';
import { readWorkbookSnapshot } from './excel-adapter';
import { PANE_TEXT, paneLang } from './i18n';

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
  } catch (error) {
    showStatus('error', t.readFailed + (error instanceof Error ? error.message : String(error)));
  }
}

Office.onReady((info) => {
  const lang = paneLang(Office.context?.displayLanguage);
  applyText(lang);
  byId('retry').addEventListener('click', () => void refresh(lang));
  if (info.host !== Office.HostType.Excel) {
    showStatus('error', PANE_TEXT[lang].notExcel);
    return;
  }
  void refresh(lang);
});

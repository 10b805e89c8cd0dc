/**
 * Is a workbook a ledger, and of which template version? Reads plain data only: the sheet names
 * and the label/value pairs of the 基本信息 sheet, so the add-in (Office.js) and the scripts
 * (file reader) share one answer.
 */
import type { Lang, Message } from '../i18n';
import { INFO_SHEET, SHEET_NAMES, TEMPLATE_ID, TEMPLATE_VERSION } from '../schema';

export interface WorkbookSnapshot {
  readonly sheetNames: readonly string[];
  /** the 基本信息 sheet's cells (rows of [label, value, …]), or null when there is no such sheet */
  readonly info: readonly (readonly unknown[])[] | null;
}

export type LedgerIdentity =
  /** our template at the version this build reads */
  | { readonly kind: 'ledger'; readonly version: number }
  /** our template, but another version */
  | { readonly kind: 'other-version'; readonly version: string; readonly expected: number }
  /** our template mark, but sheets are missing */
  | { readonly kind: 'incomplete'; readonly version: number; readonly missingSheets: readonly string[] }
  /** not a ledger workbook */
  | { readonly kind: 'not-ledger' };

const label = (key: string): string => {
  const field = INFO_SHEET.fields.find((f) => f.key === key);
  if (!field) throw new Error(`schema: no info field ${key}`);
  return field.label;
};

/** Identify a workbook from its sheet names and 基本信息 cells. Never throws on odd data. */
export function identifyLedger(snapshot: WorkbookSnapshot): LedgerIdentity {
  if (!snapshot.info) return { kind: 'not-ledger' };
  const valueOf = (name: string): string | undefined => {
    for (const row of snapshot.info ?? []) {
      if (String(row[0] ?? '').trim() === name) {
        const v = row[1];
        return v === null || v === undefined ? undefined : String(v).trim();
      }
    }
    return undefined;
  };
  if (valueOf(label('templateId')) !== TEMPLATE_ID) return { kind: 'not-ledger' };
  const versionText = valueOf(label('templateVersion')) ?? '';
  const version = Number(versionText);
  if (version !== TEMPLATE_VERSION) {
    return { kind: 'other-version', version: versionText || '?', expected: TEMPLATE_VERSION };
  }
  const present = new Set(snapshot.sheetNames.map((n) => n.trim()));
  const missingSheets = SHEET_NAMES.filter((n) => !present.has(n));
  if (missingSheets.length > 0) return { kind: 'incomplete', version, missingSheets };
  return { kind: 'ledger', version };
}

const MESSAGES: { readonly [K in LedgerIdentity['kind']]: Message<Extract<LedgerIdentity, { kind: K }>> } = {
  ledger: {
    zh: (p) => `这是模范机关创建工作台账（模板版本 ${p.version}）。`,
    en: (p) => `This is a model-agency campaign ledger (template version ${p.version}).`,
  },
  'other-version': {
    zh: (p) => `这是模板版本 ${p.version} 的工作台账，本工具使用版本 ${p.expected}。请向领导小组办公室索取最新模板。`,
    en: (p) =>
      `This ledger uses template version ${p.version}; this tool reads version ${p.expected}. Ask the campaign office for the current template.`,
  },
  incomplete: {
    zh: (p) => `这是工作台账（模板版本 ${p.version}），但缺少工作表：${p.missingSheets.join('、')}。请恢复这些工作表或使用新模板。`,
    en: (p) =>
      `This is a ledger (template version ${p.version}) but these sheets are missing: ${p.missingSheets.join(', ')}. Restore them or start from a fresh template.`,
  },
  'not-ledger': {
    zh: () => '当前工作簿不是模范机关创建工作台账。',
    en: () => 'The open workbook is not a model-agency campaign ledger.',
  },
};

/** The identity in words, in the given language. */
export function describeIdentity(identity: LedgerIdentity, lang: Lang): string {
  const message = MESSAGES[identity.kind] as Message<LedgerIdentity>;
  return message[lang](identity);
}

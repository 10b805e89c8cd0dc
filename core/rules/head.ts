/**
 * A submission's head: is it usable, and what do its 基本信息 say (section, period, submission
 * time)? What a merge plans with: taken from the workbook the merge reads anyway (`workbookHead`),
 * or by a light read of the 基本信息 alone (`readHead`) where the whole workbook cannot be read.
 */
import { identifyLedger } from '../ledger/identify';
import { extractForm } from '../ledger/table';
import { INFO_SHEET } from '../schema';
import type { Scheme, Section } from '../scheme';
import { detached, type RawSheet } from '../xlsx/cells';
import { readWorkbook, type Inflate, type RawWorkbook, type ReadLimits } from '../xlsx/read';
import type { Unusable } from '../xlsx/unusable';
import { typePeriod } from './check';
import { parseTextDate, sectionNames, toListValue } from './values';

export type Head =
  | { readonly kind: 'unusable'; readonly unusable: Unusable }
  | { readonly kind: 'head'; readonly section?: Section; readonly period: string | null; readonly submittedAt: string | null };

/** Read a file's head. Never throws on a user's file. */
export function readHead(bytes: Uint8Array, options: { scheme: Scheme; inflate?: Inflate; limits?: Partial<ReadLimits> }): Head {
  const read = readWorkbook(bytes, {
    sheets: (name) => name.trim() === INFO_SHEET.name,
    lazyStrings: true,
    ...(options.inflate ? { inflate: options.inflate } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (!read.ok) return { kind: 'unusable', unusable: read.unusable };
  return workbookHead(read.workbook, options.scheme);
}

/** The head of a workbook already read (with at least its 基本信息). Never throws on a user's file. */
export function workbookHead(workbook: RawWorkbook, scheme: Scheme): Head {
  const names = workbook.sheets.map((s) => s.name.trim());
  const info = [...workbook.data].find(([n]) => n.trim() === INFO_SHEET.name)?.[1];
  const identity = identifyLedger({ sheetNames: names, info: info ? rows(info) : null });
  switch (identity.kind) {
    case 'not-ledger':
      return { kind: 'unusable', unusable: { code: 'U_NOT_TEMPLATE', params: { sheets: names.join('、') || '-' } } };
    case 'other-version':
      return { kind: 'unusable', unusable: { code: 'U_OTHER_VERSION', params: { version: identity.version, expected: identity.expected } } };
    case 'incomplete':
      return { kind: 'unusable', unusable: { code: 'U_MISSING_SHEETS', params: { sheets: identity.missingSheets.join('、') } } };
    case 'ledger':
      break;
  }
  const form = extractForm(info as RawSheet, INFO_SHEET).values;
  const sectionCell = form['section']?.value;
  const sectionName = sectionCell ? toListValue(sectionCell, sectionNames(scheme)) : undefined;
  const section = sectionName?.ok ? scheme.sections.find((s) => s.name === sectionName.value) : undefined;
  const periodCell = form['period']?.value;
  const period = periodCell ? typePeriod(periodCell) : undefined;
  const stamp = form['submittedAt']?.value;
  const submittedAt = stamp?.type === 'date' ? stamp.value : stamp?.type === 'string' ? (parseTextDate(stamp.value) ?? null) : null;
  // a head outlives the file it was read from
  return { kind: 'head', ...(section ? { section } : {}), period: detached(period?.ok ? period.value : null), submittedAt: detached(submittedAt) };
}

function rows(sheet: RawSheet): unknown[][] {
  return sheet.rows.map((r) => [r.cells.get(1)?.value.value ?? null, r.cells.get(2)?.value.value ?? null]);
}

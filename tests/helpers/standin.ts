/** The office.js stand-in's view of a workbook (shared by the browser tests and npm run screenshots). */
import { gridsFromWorkbook } from '../../core/ledger/grid';
import type { RawWorkbook } from '../../core/xlsx/read';

/** A workbook as Office.js shows it: values (dates as serial numbers) with their number formats, by sheet. */
export function standInSheets(wb: RawWorkbook): { sheets: Record<string, unknown[][]>; formats: Record<string, string[][]> } {
  const grids = gridsFromWorkbook(wb);
  return {
    sheets: Object.fromEntries(grids.map((g) => [g.name, g.values as unknown[][]])),
    formats: Object.fromEntries(grids.map((g) => [g.name, (g.formats ?? []) as string[][]])),
  };
}

/** The office.js stand-in's view of a workbook (shared by the browser tests and npm run screenshots). */
import { isoToSerial } from '../../core/xlsx/cells';
import type { RawWorkbook } from '../../core/xlsx/read';

/** A workbook as Office.js shows it: values (dates as serial numbers) with their number formats. */
export function standInSheets(wb: RawWorkbook): { sheets: Record<string, unknown[][]>; formats: Record<string, string[][]> } {
  const sheets: Record<string, unknown[][]> = {};
  const formats: Record<string, string[][]> = {};
  for (const [name, sheet] of wb.data) {
    const values: unknown[][] = [];
    const fmts: string[][] = [];
    for (const row of sheet.rows) {
      for (const [col, cell] of row.cells) {
        (values[row.row - 1] ??= [])[col - 1] = cell.value.type === 'date' ? isoToSerial(cell.value.value) : cell.value.value;
        (fmts[row.row - 1] ??= [])[col - 1] = cell.value.type === 'date' ? 'yyyy-mm-dd' : 'General';
      }
    }
    sheets[name] = Array.from(values, (r) => Array.from(r ?? [], (v) => v ?? ''));
    formats[name] = Array.from(fmts, (r) => Array.from(r ?? [], (v) => v ?? 'General'));
  }
  return { sheets, formats };
}


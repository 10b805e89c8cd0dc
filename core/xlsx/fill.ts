/**
 * Fill the standard template with entries, as a section head would in Excel: real date cells,
 * numbers, text. Used by the tests, the benchmark and the demo to make realistic submissions.
 */
import ExcelJS from 'exceljs';
import { INFO_SHEET, LIST_SHEETS, infoFieldRow, type ListSheetKey } from '../schema';
import { isoToSerial } from './cells';

/**
 * A value to write: text, a number, a boolean, a date (`{ date: '2024-06-30' }`, written as a real
 * date cell), text exactly as typed (`{ text: '2024.6.30' }`), or a formula (`{ formula: 'A1' }`).
 */
export type FillValue = string | number | boolean | null | { readonly date: string } | { readonly text: string } | { readonly formula: string };

export interface LedgerContent {
  readonly info?: Readonly<Record<string, FillValue>>;
  readonly issues?: ReadonlyArray<Readonly<Record<string, FillValue>>>;
  readonly tasks?: ReadonlyArray<Readonly<Record<string, FillValue>>>;
  /** self scores by indicator id */
  readonly selfAssessment?: Readonly<Record<string, Readonly<Record<string, FillValue>>>>;
  readonly ideas?: ReadonlyArray<Readonly<Record<string, FillValue>>>;
  readonly plan?: ReadonlyArray<Readonly<Record<string, FillValue>>>;
}

const DATE_FMT = 'yyyy-mm-dd';

function put(cell: ExcelJS.Cell, value: FillValue | undefined): void {
  if (value === undefined) return;
  if (value === null) {
    cell.value = null;
  } else if (typeof value === 'object' && 'date' in value) {
    // a date cell without time-zone drift: exceljs converts JS Dates through UTC
    cell.value = new Date(Math.round((isoToSerial(value.date) - 25569) * 86_400_000));
    cell.numFmt = value.date.length > 10 ? 'yyyy-mm-dd hh:mm' : DATE_FMT;
  } else if (typeof value === 'object' && 'text' in value) {
    cell.value = value.text;
  } else if (typeof value === 'object' && 'formula' in value) {
    cell.value = { formula: value.formula } as ExcelJS.CellFormulaValue;
  } else {
    cell.value = value;
  }
}

/** Fill a copy of the template bytes; returns the new workbook's bytes. */
export async function fillLedger(template: Uint8Array, content: LedgerContent): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const info = wb.getWorksheet(INFO_SHEET.name);
  if (info && content.info) {
    for (const [key, value] of Object.entries(content.info)) put(info.getCell(`B${infoFieldRow(key)}`), value);
  }
  for (const def of LIST_SHEETS) {
    const ws = wb.getWorksheet(def.name);
    if (!ws) continue;
    if (def.key === 'selfAssessment') {
      const scores = content.selfAssessment ?? {};
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const entry = scores[String(row.getCell(1).value ?? '')];
        if (!entry) return;
        def.columns.forEach((col, i) => put(row.getCell(i + 1), entry[col.key]));
      });
      continue;
    }
    const rows = content[def.key as Exclude<ListSheetKey, 'selfAssessment'>] ?? [];
    rows.forEach((entry, r) => {
      const row = ws.getRow(r + 2);
      def.columns.forEach((col, i) => put(row.getCell(i + 1), entry[col.key]));
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

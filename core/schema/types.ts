/** Types of the one template definition. Everything that reads or writes a ledger reads these. */

/** How a cell's value is typed and checked. */
export type ColumnType =
  /** one line of text */
  | 'text'
  /** text that wraps (descriptions, measures) */
  | 'longtext'
  /** a calendar date (a real date cell; text dates are normalised by the reader) */
  | 'date'
  /** a date and time (the submission stamp) */
  | 'datetime'
  /** a whole number, optionally within min..max */
  | 'integer'
  /** a decimal number, optionally within min..max (or up to another column's value) */
  | 'number'
  /** one value of a named list */
  | 'list'
  /** a generated identifier matching the column's id pattern */
  | 'id'
  /** a period such as 2024-06 */
  | 'period';

/** Names of the value lists. `section` comes from the scheme's roster, the others from the schema. */
export type ListKey =
  | 'category'
  | 'source'
  | 'yesNo'
  | 'fixType'
  | 'status'
  | 'adoption'
  | 'planProgress'
  | 'section';

/** Who fills a column: the section head, the campaign office, the scheme (pre-filled, locked) or the add-in. */
export type FilledBy = 'section' | 'office' | 'scheme' | 'addin' | 'formula';

export interface ColumnDef {
  /** stable English key used in code, JSON output and the add-in */
  readonly key: string;
  /** the official Chinese header */
  readonly header: string;
  /** English label for the task pane and the command line */
  readonly en: string;
  readonly type: ColumnType;
  readonly required: boolean;
  /** column width in Excel character units */
  readonly width: number;
  readonly list?: ListKey;
  /** id columns: the pattern an id must match (a RegExp source) and an example */
  readonly idPattern?: string;
  readonly idExample?: string;
  /** integer/number bounds */
  readonly min?: number;
  readonly max?: number;
  /** number columns whose upper bound is another column of the same row (self score ≤ points) */
  readonly maxColumn?: string;
  /** other header texts accepted for this column when reading submissions */
  readonly aliases?: readonly string[];
  /** the input message shown in Excel when the cell is selected (zh-CN) */
  readonly hint?: string;
  readonly filledBy: FilledBy;
}

/** Keys of the list sheets, also used as the plain-table names of the model. */
export type ListSheetKey = 'issues' | 'tasks' | 'selfAssessment' | 'ideas' | 'plan';

export interface ListSheetDef {
  readonly key: ListSheetKey;
  /** the official sheet name */
  readonly name: string;
  readonly en: string;
  /** the column holding the row id */
  readonly idColumn: string;
  readonly columns: readonly ColumnDef[];
  /** the deadline colour rule for this sheet, if it has deadlines */
  readonly deadline?: DeadlineDef;
}

/**
 * Where a sheet's deadline lives and when a row counts as done, so the template's colour
 * rules and the model's overdue computation read the same definition.
 */
export interface DeadlineDef {
  /** the deadline column */
  readonly column: string;
  /** a column that, when filled, replaces the deadline (an approved extension) */
  readonly extendedColumn?: string;
  /** a row is done when this column holds one of `doneValues`, or reaches `doneAtLeast` */
  readonly doneColumn: string;
  readonly doneValues?: readonly string[];
  readonly doneAtLeast?: number;
}

/** One field of the 基本信息 form (label in column A, value in column B). */
export interface FormFieldDef {
  readonly key: string;
  readonly label: string;
  readonly en: string;
  readonly type: ColumnType;
  readonly required: boolean;
  readonly list?: ListKey;
  readonly filledBy: FilledBy;
  /** shown in column C of the form and as the cell's input message */
  readonly hint: string;
}

export interface FormSheetDef {
  readonly key: 'info';
  readonly name: string;
  readonly en: string;
  readonly fields: readonly FormFieldDef[];
}

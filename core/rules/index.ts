/**
 * core/rules — checking a section's workbook. `checkWorkbookBytes` is the whole path from a
 * file's bytes to a verdict: unusable (with one message), or checked (findings, typed rows,
 * deadline states). It never throws on a user's file.
 */
import { readWorkbook, type Inflate, type ReadLimits, type Utf8Decode } from '../xlsx/read';
import { unusableMessage, type Unusable } from '../xlsx/unusable';
import { CHECKED_SHEETS, checkLedger, type CheckOptions, type CheckResult } from './check';

export * from './check';
export * from './findings';
export { deadlineStatus, rowDeadlineStatus, rowDeadlineStatusBy, type DeadlineState, type DeadlineStatus } from './deadlines';

export type Verdict =
  | { readonly kind: 'unusable'; readonly unusable: Unusable; readonly message: string }
  | { readonly kind: 'checked'; readonly result: CheckResult };

export interface CheckBytesOptions extends CheckOptions {
  readonly limits?: Partial<ReadLimits>;
  readonly inflate?: Inflate;
  readonly utf8?: Utf8Decode;
}

/** Read and check one submitted file. */
export function checkWorkbookBytes(bytes: Uint8Array, options: CheckBytesOptions): Verdict {
  const read = readWorkbook(bytes, {
    sheets: (name) => CHECKED_SHEETS.has(name.trim()),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.inflate ? { inflate: options.inflate } : {}),
    ...(options.utf8 ? { utf8: options.utf8 } : {}),
  });
  if (!read.ok) return { kind: 'unusable', unusable: read.unusable, message: unusableMessage(read.unusable, options.lang) };
  const outcome = checkLedger(read.workbook, options);
  if (!outcome.ok) return { kind: 'unusable', unusable: outcome.unusable, message: unusableMessage(outcome.unusable, options.lang) };
  return { kind: 'checked', result: outcome.result };
}

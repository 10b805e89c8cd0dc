/**
 * Deadline states — computed, never typed: overdue, due soon, late-done. The template's colour
 * rules (core/xlsx/template.ts `deadlineFormulas`) express the same definition in Excel formulas.
 */
import type { DeadlineDef } from '../schema';
import { daysBetween } from './dates';

export type DeadlineState = 'overdue' | 'due-soon' | 'on-track' | 'done' | 'late-done' | 'no-deadline';

export interface DeadlineInput {
  /** the deadline (ISO date) */
  readonly deadline?: string | undefined;
  /** an extension replaces the deadline (as in the template's colour rule) */
  readonly extendedTo?: string | undefined;
  readonly done: boolean;
  /** when it was done, if known */
  readonly doneDate?: string | undefined;
}

export interface DeadlineStatus {
  readonly state: DeadlineState;
  /** the deadline that counts (the extension when there is one) */
  readonly due?: string;
  /** overdue / late-done: days past the deadline; due-soon / on-track: days left */
  readonly days?: number;
}

/** The state of one item against the as-of date. */
export function deadlineStatus(item: DeadlineInput, asOf: string, dueSoonDays: number): DeadlineStatus {
  // as the colour rule: no deadline, no state; an extension, when filled, is the deadline
  const due = item.deadline ? (item.extendedTo ?? item.deadline) : undefined;
  if (!due) return { state: item.done ? 'done' : 'no-deadline' };
  if (item.done) {
    if (item.doneDate && item.doneDate > due) return { state: 'late-done', due, days: daysBetween(due, item.doneDate) };
    return { state: 'done', due };
  }
  const left = daysBetween(asOf, due);
  if (left < 0) return { state: 'overdue', due, days: -left };
  if (left <= dueSoonDays) return { state: 'due-soon', due, days: left };
  return { state: 'on-track', due, days: left };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The status of a list row (its values typed by the check) by its sheet's deadline columns: the
 * deadline, an extension, done by a status or a progress, the date it was done.
 */
export function rowDeadlineStatus(values: Readonly<Record<string, string | number | null>>, d: DeadlineDef, asOf: string, dueSoonDays: number): DeadlineStatus {
  return rowDeadlineStatusBy((key) => values[key], d, asOf, dueSoonDays);
}

/** `rowDeadlineStatus` of a row whose values are looked up by column key (a typed sheet's row). */
export function rowDeadlineStatusBy(value: (key: string) => string | number | null | undefined, d: DeadlineDef, asOf: string, dueSoonDays: number): DeadlineStatus {
  const iso = (v: string | number | null | undefined) => (typeof v === 'string' && ISO_DAY.test(v) ? v : undefined);
  const doneValue = value(d.doneColumn);
  const done = d.doneValues ? d.doneValues.includes(String(doneValue ?? '')) : typeof doneValue === 'number' && doneValue >= (d.doneAtLeast ?? 100);
  return deadlineStatus({ deadline: iso(value(d.column)), extendedTo: d.extendedColumn ? iso(value(d.extendedColumn)) : undefined, done, doneDate: iso(value('doneDate')) }, asOf, dueSoonDays);
}

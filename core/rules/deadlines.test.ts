import { describe, expect, it } from 'vitest';
import { daysBetween } from './dates';
import { deadlineStatus, type DeadlineInput, type DeadlineStatus } from './deadlines';

const AS_OF = '2024-06-30';

describe('deadlineStatus (as of 2024-06-30, due soon = within 7 days)', () => {
  it.each<[string, DeadlineInput, DeadlineStatus]>([
    ['overdue by a day', { deadline: '2024-06-29', done: false }, { state: 'overdue', due: '2024-06-29', days: 1 }],
    ['due today', { deadline: '2024-06-30', done: false }, { state: 'due-soon', due: '2024-06-30', days: 0 }],
    ['due in 7 days', { deadline: '2024-07-07', done: false }, { state: 'due-soon', due: '2024-07-07', days: 7 }],
    ['due in 8 days', { deadline: '2024-07-08', done: false }, { state: 'on-track', due: '2024-07-08', days: 8 }],
    ['extended past the as-of date', { deadline: '2024-06-01', extendedTo: '2024-07-20', done: false }, { state: 'on-track', due: '2024-07-20', days: 20 }],
    ['extended, but still overdue', { deadline: '2024-05-01', extendedTo: '2024-06-15', done: false }, { state: 'overdue', due: '2024-06-15', days: 15 }],
    ['done on time', { deadline: '2024-06-01', done: true, doneDate: '2024-05-30' }, { state: 'done', due: '2024-06-01' }],
    ['done on the day', { deadline: '2024-06-01', done: true, doneDate: '2024-06-01' }, { state: 'done', due: '2024-06-01' }],
    ['done late', { deadline: '2024-06-01', done: true, doneDate: '2024-06-11' }, { state: 'late-done', due: '2024-06-01', days: 10 }],
    ['done, no completion date', { deadline: '2024-06-01', done: true }, { state: 'done', due: '2024-06-01' }],
    ['no deadline', { done: false }, { state: 'no-deadline' }],
    ['an extension without a deadline counts for nothing', { extendedTo: '2024-06-01', done: false }, { state: 'no-deadline' }],
  ])('%s', (_what, input, expected) => {
    expect(deadlineStatus(input, AS_OF, 7)).toStrictEqual(expected);
  });

  it('counts days across months and leap days', () => {
    expect([daysBetween('2024-02-28', '2024-03-01'), daysBetween('2023-02-28', '2023-03-01'), daysBetween('2024-07-01', '2024-06-30')]).toStrictEqual([2, 1, -1]);
  });
});

/** A file that cannot be read is a verdict with its reason, for check and merge alike, never a stack trace. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusableMessage } from '../core/xlsx/unusable';
import { readInput } from './lib/read-input';
import { readWork } from './lib/merge-work';
import { scheme } from '../tests/helpers/cli';

describe('readInput', () => {
  it('gives the bytes of a file, and U_UNREADABLE with the reason for a folder or a file gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mofan-read-'));
    writeFileSync(join(dir, 'a.xlsx'), 'PK');
    expect(readInput(join(dir, 'a.xlsx'))).toStrictEqual({ bytes: Buffer.from('PK') });
    expect(readInput(dir)).toStrictEqual({ unusable: { code: 'U_UNREADABLE', params: { reason: 'EISDIR' } } });
    expect(readInput(join(dir, 'gone.xlsx'))).toStrictEqual({ unusable: { code: 'U_UNREADABLE', params: { reason: 'ENOENT' } } });
    expect(unusableMessage({ code: 'U_UNREADABLE', params: { reason: 'EBUSY' } }, 'en')).toBe(
      'The file could not be read (EBUSY): another program may hold it open, it may lack read permission, or it was moved. Close it elsewhere or check its permissions, then run again.',
    );
  });

  it('makes a merge refuse a file that vanished between listing and reading, with that reason', () => {
    const gone = join(tmpdir(), `mofan-gone-${process.pid}.xlsx`);
    const setup = { scheme, asOf: '2024-06-30' };
    expect(readWork({ path: gone, file: 'gone.xlsx' }, setup)).toStrictEqual({ read: { head: { kind: 'unusable', unusable: { code: 'U_UNREADABLE', params: { reason: 'ENOENT' } } } } });
  });
});

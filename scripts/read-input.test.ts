/** A file that cannot be read is a verdict with its reason, for check and merge alike, never a stack trace. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusableMessage } from '../core/xlsx/unusable';
import { readInput } from './lib/read-input';
import { checkWork, headWork } from './lib/merge-work';
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

  it('makes a merge refuse a file that vanished between listing and reading, with that message', () => {
    const gone = join(tmpdir(), `mofan-gone-${process.pid}.xlsx`);
    const setup = { scheme, asOf: '2024-06-30' };
    expect(headWork(gone, setup)).toStrictEqual({ kind: 'unusable', unusable: { code: 'U_UNREADABLE', params: { reason: 'ENOENT' } } });
    const v = checkWork(gone, setup);
    expect(v).toStrictEqual({
      kind: 'unusable',
      unusable: { code: 'U_UNREADABLE', params: { reason: 'ENOENT' } },
      message: '文件无法读取（ENOENT）：可能正被其他程序打开、没有读取权限，或已被移走。请关闭占用它的程序或检查权限后重新运行。',
    });
  });
});

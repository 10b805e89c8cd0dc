/** Node's codecs for the reader give what the portable ones give. */
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../core/xlsx/read';
import { nodeInflate, nodeUtf8 } from './lib/inflate';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'wild');

const decoder = new TextDecoder();
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
// long enough for the transcoding path (short parts go to TextDecoder)
const long = (s: string): string => s.repeat(Math.ceil(2048 / s.length));

describe('nodeUtf8', () => {
  it('decodes as TextDecoder does: Chinese, emoji, ASCII, a byte order mark, malformed bytes, short parts', () => {
    const cases: Array<[string, Uint8Array]> = [
      ['Chinese', bytes(long('<si><t>问题清单：学习不深入</t></si>'))],
      ['emoji (4 bytes, a surrogate pair)', bytes(long('<t>🚀 上线 😀</t>'))],
      ['ASCII', bytes(long('<c r="A1" t="s"><v>1</v></c>'))],
      ['a byte order mark', bytes([0xef, 0xbb, 0xbf], long('<t>股室</t>'))],
      ['a stray byte', bytes(long('<t>股室</t>'), [0xff], '<t>尾</t>')],
      ['a cut character', bytes(long('<t>股室</t>'), [0xe8, 0x82], '<t>尾</t>')],
      ['an encoded surrogate', bytes(long('<t>股室</t>'), [0xed, 0xa0, 0x80])],
      ['short', bytes('<t>股室</t>')],
      ['empty', bytes('')],
    ];
    expect(cases.map(([name, b]) => [name, nodeUtf8(b)])).toStrictEqual(cases.map(([name, b]) => [name, decoder.decode(b)]));
  });

  it('decodes any bytes as TextDecoder does (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 600 });
    // half the inputs open with a kilobyte of Chinese, so both paths see valid and malformed bytes
    const opening = [...bytes(long('股室'))];
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.oneof(text.map((s) => [...new TextEncoder().encode(s)]), fc.uint8Array({ maxLength: 4 }).map((a) => [...a])), { maxLength: 12 }), (open, parts) => {
        const b = Uint8Array.from([...(open ? opening : []), ...parts.flat()]);
        expect(nodeUtf8(b)).toBe(decoder.decode(b));
      }),
      { numRuns: 300 },
    );
  });

  it.runIf(existsSync(CORPUS))('decodes every part of every real-world workbook as TextDecoder does, and the reader reads each file the same with it', () => {
    let parts = 0;
    let files = 0;
    for (const name of readdirSync(CORPUS)) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, name)));
      let entries: Record<string, Uint8Array> = {};
      try {
        entries = unzipSync(bytes);
      } catch {
        // not a zip: the reader's verdict is compared below all the same
      }
      for (const [part, data] of Object.entries(entries)) {
        parts += 1;
        expect(nodeUtf8(data) === decoder.decode(data), `${name} ${part}`).toBe(true);
      }
      expect(readWorkbook(bytes, { inflate: nodeInflate, utf8: nodeUtf8 }), name).toStrictEqual(readWorkbook(bytes, { inflate: nodeInflate }));
      files += 1;
    }
    expect(files).toBeGreaterThan(20);
    expect(parts).toBeGreaterThan(200);
  });
});

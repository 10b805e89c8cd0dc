/** The lean writer's joins: CRC-32s combined without the bytes, and pieces compressed elsewhere joining a part. */
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeCompressor } from '../../scripts/lib/compress';
import { readWorkbook } from './read';
import { WorkbookWriter, compressText, crc32Combine, rowXml, INLINE_TEXT } from './writer';
import { readZipDirectory } from './zipdir';

describe('crc32Combine', () => {
  it('equals the CRC-32 of the joined bytes, for any split (empty halves included)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
        const joined = new Uint8Array([...a, ...b]);
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(joined));
      }),
      { numRuns: 300 },
    );
  });

  it('handles lengths past 2^31 bytes without overflowing (checked against two steps of 2^30)', () => {
    // zero bytes: crc(a ‖ 0^n) = combine(crc(a), crc(0^n), n); combining twice 2^30 equals once 2^31
    const zeros = (n: number) => crc32(new Uint8Array(n));
    const a = crc32(new TextEncoder().encode('mofan'));
    const z30 = crc32Combine(zeros(1 << 20), zeros(1 << 20), 1 << 20); // 2^21 zeros, built up below
    let big = z30;
    let len = 1 << 21;
    while (len < 2 ** 30) {
      big = crc32Combine(big, big, len);
      len *= 2;
    }
    const twice = crc32Combine(crc32Combine(a, big, len), big, len);
    const once = crc32Combine(a, crc32Combine(big, big, len), 2 * len);
    expect(once).toBe(twice);
  });
});

describe('rows rendered elsewhere', () => {
  const head = { name: 'S', columns: [{ header: '甲', width: 10 }, { header: '乙', width: 10 }] };
  const rows = Array.from({ length: 500 }, (_, i) => [`第${i}行 <&>`, i] as const);

  /** The sheet part's text, after checking every entry's CRC-32 and size against its bytes. */
  function part(bytes: Uint8Array): string {
    const files = unzipSync(bytes);
    for (const e of readZipDirectory(bytes, (b) => new TextDecoder().decode(b))) {
      const data = files[e.name]!;
      expect([e.name, data.length, crc32(data)]).toStrictEqual([e.name, e.size, e.crc]);
    }
    return new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
  }

  it('as compressed pieces and text give the same sheet as rows added one by one', () => {
    const build = (split: boolean) => {
      const w = new WorkbookWriter(nodeCompressor);
      const sheet = w.addSheet(head);
      if (!split) for (const r of rows) sheet.add(r);
      for (let from = 0; split && from < rows.length; from += 137) {
        const some = rows.slice(from, from + 137);
        const start = sheet.nextRow;
        const xml = some.map((r, i) => rowXml(start + i, r, ['A', 'B'], [0, 0], INLINE_TEXT)).join('');
        // alternate: a compressed piece, then text, so both joins are covered
        sheet.addRendered(from % 2 === 0 ? compressText(xml, nodeCompressor) : xml, some.length);
      }
      sheet.close();
      return w.finish({ created: '2024-01-01T00:00:00Z' });
    };
    const plain = build(false);
    const split = build(true);
    const xml = part(split);
    expect(xml).toContain('<row r="501"><c r="A501" t="inlineStr"><is><t>第499行 &lt;&amp;&gt;</t></is></c><c r="B501"><v>499</v></c></row></sheetData>');
    part(plain);
    const values = (b: Uint8Array) => {
      const read = readWorkbook(b);
      if (!read.ok) throw new Error(read.unusable.code);
      return read.workbook.data.get('S')!.rows;
    };
    expect(values(split)).toStrictEqual(values(plain));
    expect(values(split).length).toBe(501);
  });
});

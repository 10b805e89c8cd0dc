/** The lean writer's joins: CRC-32s combined without the bytes, and pieces compressed elsewhere joining a part. */
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeCompressor } from '../../scripts/lib/compress';
import { readWorkbook } from './read';
import { CellGrid, FileTexts, RenderBuffer, STYLE, WorkbookWriter, compressText, crc32Combine, keepsSpace, rowXml, INLINE_TEXT, type CellInput } from './writer';
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

describe('texts of rows rendered elsewhere (FileTexts)', () => {
  const vocab = ['已完成', '整改中', 'AJ'];
  const known = new Map(vocab.map((t, i) => [t, i]));
  // three files; texts repeat within and across files, some are vocabulary, one is the file's name
  const files = ['a.xlsx', 'b.xlsx', 'c.xlsx'].map((name, f) =>
    Array.from({ length: 40 + f * 30 }, (_, i): CellInput[] => [`问题 ${i % 7} <${f}>`, i % 3 === 0 ? '已完成' : { value: '整改中', style: 'warn' }, name, i, i % 5 === 0 ? ` 前后空格 ${f} ` : null, Number.NaN]),
  );
  const head = { name: 'S', columns: ['A', 'B', 'C', 'D', 'E', 'F'].map((h) => ({ header: h, width: 10 })) };

  const values = (b: Uint8Array) => {
    const read = readWorkbook(b);
    if (!read.ok) throw new Error(read.unusable.code);
    return read.workbook.data.get('S')!.rows;
  };

  it('give each file a block of shared strings where the workbook reserved it, reading back as rows added one by one', () => {
    const plain = new WorkbookWriter(nodeCompressor, vocab);
    const plainSheet = plain.addSheet(head);
    for (const rows of files) for (const r of rows) plainSheet.add(r);
    plainSheet.close();

    const w = new WorkbookWriter(nodeCompressor, vocab);
    const sheet = w.addSheet(head);
    const other = w.addSheet({ ...head, name: 'T' });
    files.forEach((rows, f) => {
      const name = `${'abc'[f]}.xlsx`;
      const texts = new FileTexts(known, name);
      for (const r of rows) texts.collect(r);
      // the workbook's own texts before and between the reservations
      other.add([`别的 ${f}`]);
      const fileIndex = w.stringIndex(name);
      const first = w.reserveStrings(texts.size);
      other.add([`别的 ${f} 之后`]);
      texts.place(first, fileIndex);
      const start = sheet.nextRow;
      const xml = rows.map((r, i) => rowXml(start + i, r, ['A', 'B', 'C', 'D', 'E', 'F'], [0, 0, 0, 0, 0, 0], texts)).join('');
      sheet.addRendered(compressText(xml, nodeCompressor), rows.length);
      // one block as text, the others compressed
      w.fillStrings(first, f === 1 ? texts.stringsXml() : compressText(texts.stringsXml(), nodeCompressor));
      w.countStringRefs(texts.refs);
      // 7 texts of its own (+1 with spaces), the name and vocabulary by their known index
      expect(texts.size).toBe(9);
    });
    sheet.close();
    other.close();
    const bytes = w.finish({ created: '2024-01-01T00:00:00Z' });
    const want = plain.finish({ created: '2024-01-01T00:00:00Z' });
    expect(values(bytes)).toStrictEqual(values(want));
    expect(values(bytes).length).toBe(1 + 40 + 70 + 100);
    const sst = new TextDecoder().decode(unzipSync(bytes)['xl/sharedStrings.xml']);
    // every reference counted, every string in its place
    const refs = files.flat().reduce((n, r) => n + r.filter((c) => typeof c === 'string' || (typeof c === 'number' && Number.isNaN(c)) || (c !== null && typeof c === 'object')).length, 0) + 6 + 2 * 6;
    expect(sst).toMatch(new RegExp(`count="${refs}" uniqueCount="${(sst.match(/<si>/g) ?? []).length}"`));
  });

  it('refuse a text they did not collect, and writing before they are placed', () => {
    const texts = new FileTexts(known, 'a.xlsx');
    texts.collect(['一', '已完成']);
    expect(() => texts.text('一')).toThrow('written before it was placed');
    texts.place(10, 4);
    expect([texts.text('一'), texts.text('已完成'), texts.text('a.xlsx')]).toStrictEqual([' t="s"><v>10</v></c>', ' t="s"><v>0</v></c>', ' t="s"><v>4</v></c>']);
    expect(() => texts.text('二')).toThrow('a text that was not collected: "二"');
    // a refused text is no reference
    expect(texts.refs).toBe(3);
  });

  it('take a file without texts: nothing reserved, nothing added', () => {
    const w = new WorkbookWriter(nodeCompressor, vocab);
    const texts = new FileTexts(known, 'empty.xlsx');
    texts.collect(['已完成', 'empty.xlsx', null]);
    const first = w.reserveStrings(texts.size);
    w.fillStrings(first, compressText(texts.stringsXml(), nodeCompressor));
    expect(() => w.fillStrings(first + 1, '<si><t>x</t></si>')).toThrow('no shared strings were reserved at 4');
    w.addSheet(head).close();
    const sst = new TextDecoder().decode(unzipSync(w.finish({ created: '2024-01-01T00:00:00Z' }))['xl/sharedStrings.xml']);
    expect(sst).toContain('uniqueCount="9"><si><t>已完成</t></si><si><t>整改中</t></si><si><t>AJ</t></si><si><t>A</t></si>');
  });
});

describe('rows kept in a CellGrid', () => {
  const known = new Map(['已完成', '整改中'].map((t, i) => [t, i]));
  const letters = ['A', 'B', 'C', 'D', 'E', 'F'];
  const styles = [0, STYLE.wrap, 0, STYLE.input, 0, 0];
  const styleNames = ['warn', 'good', 'wrap', 'input', 'normal'] as const;
  const date = fc
    .tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.boolean())
    .map(([y, m, d, time]) => ({ date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${time ? 'T08:30:00' : ''}` }));
  const plain = fc.oneof(
    fc.constantFrom(null, undefined, '', '已完成', '整改中', 'a.xlsx', ' 空格 '),
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -5, max: 1e9 }),
    fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 1e21, 0.1, -1.5),
    fc.double({ noNaN: false }),
    fc.boolean(),
    date,
  );
  const input: fc.Arbitrary<CellInput> = fc.oneof(
    plain,
    fc.record({ value: fc.oneof(fc.constantFrom(null, '已完成'), fc.string({ maxLength: 4 }), fc.integer(), date), style: fc.constantFrom(...styleNames) }),
  );

  it('render rows longer than the grid first makes room for, as rowXml renders them', () => {
    const rows = Array.from({ length: 3000 }, (_, i): CellInput[] => [-1.2345678901234567e300, '已完成', i % 7 === 0 ? null : 0.1 + i, { value: null, style: 'warn' }, true, { date: '2024-06-30T08:30:00' }]);
    const byRow = new FileTexts(known, 'a.xlsx');
    for (const r of rows) byRow.collect(r);
    const inGrid = new FileTexts(known, 'a.xlsx');
    const grid = new CellGrid(styles);
    for (const r of rows) grid.add(r, inGrid);
    byRow.place(100, 7);
    inGrid.place(100, 7);
    expect(new TextDecoder().decode(grid.render(999_000, letters, inGrid))).toBe(rows.map((r, i) => rowXml(999_000 + i, r, letters, styles, byRow)).join(''));
  });

  it('render exactly the XML rowXml renders for the same cells, with the same texts in the same block order and count', () => {
    fc.assert(
      fc.property(fc.array(fc.array(input, { maxLength: 6 }), { maxLength: 12 }), fc.integer({ min: 1, max: 1e6 }), (rows, start) => {
        const byRow = new FileTexts(known, 'a.xlsx');
        for (const r of rows) byRow.collect(r);
        const inGrid = new FileTexts(known, 'a.xlsx');
        // a small start, so the grid grows
        const grid = new CellGrid(styles, 1);
        for (const r of rows) grid.add(r, inGrid);
        byRow.place(100, 7);
        inGrid.place(100, 7);
        const want = rows.map((r, i) => rowXml(start + i, r, letters, styles, byRow)).join('');
        expect(new TextDecoder().decode(grid.render(start, letters, inGrid))).toBe(want);
        expect(grid.rows).toBe(rows.length);
        expect([inGrid.stringsXml(), inGrid.refs]).toStrictEqual([byRow.stringsXml(), byRow.refs]);
        // into a buffer too small (it grows), then into the same buffer again
        const buffer = new RenderBuffer(1);
        expect(new TextDecoder().decode(grid.render(start, letters, inGrid, buffer))).toBe(want);
        expect(new TextDecoder().decode(grid.render(start + 1, letters, inGrid, buffer))).toBe(rows.map((r, i) => rowXml(start + 1 + i, r, letters, styles, byRow)).join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a row wider than its columns', () => {
    expect(() => new CellGrid([0, 0]).add(['a', 'b', 'c'], new FileTexts(known, 'a.xlsx'))).toThrow('a row of 3 cells in a grid of 2 columns');
    const grid = new CellGrid([0, 0]);
    expect(() => grid.set(grid.startRow(), 2, 'c', new FileTexts(known, 'a.xlsx'))).toThrow('cell 3 of a row in a grid of 2 columns');
  });
});


describe('keepsSpace', () => {
  it('is what /^\\s|\\s$|\\n/ says, for texts of every kind of white space', () => {
    // every character JavaScript's \s matches, and some it does not (U+180E, U+200B, NUL, "x", 中)
    const spaces = [...'\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'];
    const others = ['x', '中', '\u180e', '\u200b', '\u0000', '\u0008', '\u000e', '\u2010'];
    const text = fc.array(fc.constantFrom(...spaces, ...others), { maxLength: 5 }).map((c) => c.join(''));
    fc.assert(fc.property(text, (s) => keepsSpace(s) === /^\s|\s$|\n/.test(s)), { numRuns: 2000 });
    for (const c of [...spaces, ...others]) expect([c, keepsSpace(`a${c}`)]).toStrictEqual([c, /\s$/.test(`a${c}`)]);
  });
});

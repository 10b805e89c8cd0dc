/**
 * The XML scanner (core/xlsx/scan.ts) against a full SAX parser (saxes) on every XML part of every
 * real-world workbook in ../shared/corpus/wild: the same elements, attributes and text, in order.
 */
import { unzipSync } from 'fflate';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlScanner } from '../core/xlsx/scan';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'wild');
const present = existsSync(CORPUS);

const local = (n: string) => n.slice(n.indexOf(':') + 1);

/** Events as one canonical list: open with sorted attributes, merged non-blank text, close. */
function collector() {
  const events: string[] = [];
  let text = '';
  const flush = () => {
    if (text.trim() !== '') events.push(`T:${text}`);
    text = '';
  };
  return {
    events,
    open(name: string, attrs: Record<string, string>) {
      flush();
      const a = Object.entries(attrs)
        .filter(([k]) => !k.startsWith('xmlns'))
        .map(([k, v]) => `${local(k)}=${v}`)
        .sort();
      events.push(`O:${local(name)}[${a.join(',')}]`);
    },
    close(name: string) {
      flush();
      events.push(`C:${local(name)}`);
    },
    text(t: string) {
      text += t;
    },
  };
}

function withSaxes(xml: string): string[] | undefined {
  const c = collector();
  const parser = new SaxesParser({ position: false });
  let failed = false;
  parser.on('error', () => void (failed = true));
  parser.on('doctype', () => void (failed = true));
  parser.on('opentag', (t) => c.open(t.name, t.attributes as Record<string, string>));
  parser.on('closetag', (t) => c.close(t.name));
  parser.on('text', (t) => c.text(t));
  parser.on('cdata', (t) => c.text(t));
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? undefined : c.events;
}

function withScanner(xml: string, chunk: number): string[] | undefined {
  const c = collector();
  const scanner = new XmlScanner({ open: c.open, close: c.close, text: c.text, capturing: true });
  for (let i = 0; i < xml.length; i += chunk) scanner.push(xml.slice(i, i + chunk));
  scanner.end();
  return scanner.failure ? undefined : c.events;
}

describe.runIf(present)('the XML scanner against saxes on the real-world corpus', () => {
  it('reads every part saxes reads the same way, whole or in small chunks', () => {
    let parts = 0;
    let compared = 0;
    for (const name of readdirSync(CORPUS)) {
      let files: Record<string, Uint8Array>;
      try {
        files = unzipSync(new Uint8Array(readFileSync(join(CORPUS, name))));
      } catch {
        continue;
      }
      for (const [part, data] of Object.entries(files)) {
        if (!/^xl\/(worksheets\/[^/]+|sharedStrings|workbook|styles)\.xml$/i.test(part) || data.length > 4_000_000) continue;
        parts += 1;
        const xml = new TextDecoder().decode(data);
        const expected = withSaxes(xml);
        if (!expected) continue; // saxes refuses it (broken or a DTD); the reader's own tests cover those
        compared += 1;
        expect(withScanner(xml, xml.length + 1), `${name} ${part}`).toStrictEqual(expected);
        expect(withScanner(xml, 997), `${name} ${part} in chunks`).toStrictEqual(expected);
      }
    }
    expect(compared).toBeGreaterThan(700);
    expect(parts - compared).toBeLessThan(20);
  });
});

describe.runIf(present)("the reader's fast path against its general scanner on the real-world corpus", () => {
  it('reads every file to the same values and verdicts', async () => {
    const { readWorkbook } = await import('../core/xlsx/read');
    let same = 0;
    for (const name of readdirSync(CORPUS)) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, name)));
      const fast = readWorkbook(bytes);
      const general = readWorkbook(bytes, { fastPath: false });
      expect(fast, name).toStrictEqual(general);
      same += 1;
    }
    expect(same).toBeGreaterThan(300);
  });
});

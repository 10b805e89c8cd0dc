import { describe, expect, it } from 'vitest';
import { XmlScanner, decodeEntities, type ScanError } from './scan';

/** Scan XML in chunks of the given size; the events as a list, and the failure if any. */
function scan(xml: string, chunk = xml.length + 1): { events: string[]; failure: ScanError | undefined } {
  const events: string[] = [];
  const s = new XmlScanner({
    capturing: true,
    open: (name, attrs) => void events.push(`<${name}${Object.entries(attrs).map(([k, v]) => ` ${k}=${v}`).join('')}>`),
    close: (name) => void events.push(`</${name}>`),
    text: (t) => void events.push(t),
  });
  for (let i = 0; i < xml.length; i += chunk) s.push(xml.slice(i, i + chunk));
  s.end();
  return { events, failure: s.failure };
}

describe('XmlScanner', () => {
  it.each([1, 2, 3, 7, 1000])('reads elements, attributes, text, CDATA and comments in chunks of %i', (chunk) => {
    const xml =
      '<?xml version="1.0"?>\r\n<x:ws xmlns:x="urn:x" a="1"><!-- note --><c r="A1" t=\'s\'><v>1 &amp; 2 &#x4E2D;&#25991;</v></c><e/><t><![CDATA[<b>&amp;</b>]]></t></x:ws>';
    const { events, failure } = scan(xml, chunk);
    expect(failure).toBeUndefined();
    expect(events.filter((e) => e.trim() !== '').join('')).toBe('<ws a=1><c r=A1 t=s><v>1 & 2 中文</v></c><e></e><t><b>&amp;</b></t></ws>');
  });

  it('normalises line ends in text and whitespace in attributes, as XML does', () => {
    expect(scan('<a b="x\ty\r\nz">1\r\n2\r3&#13;</a>').events).toStrictEqual(['<a b=x y z>', '1\n2\n3\r', '</a>']);
  });

  it.each<[string, string, ScanError]>([
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', { kind: 'doctype' }],
    ['a mismatched close tag', '<row><c><v>1</v></row>', { kind: 'broken', detail: '</row> closes <c>' }],
    ['a part cut off between tags', '<ws><sheetData><row><c><v>1</v></c>', { kind: 'broken', detail: 'unclosed <row> (the part is cut off)' }],
    ['a part cut off inside a tag', '<ws><c r="A', { kind: 'broken', detail: 'unexpected end of the part' }],
    ['a close tag with nothing open', '</x>', { kind: 'broken', detail: '</x> closes nothing' }],
    ['a second root', '<a/><b/>', { kind: 'broken', detail: 'a second root element <b>' }],
    ['no root', '<?xml version="1.0"?>', { kind: 'broken', detail: 'no root element' }],
    ['an unquoted attribute', '<a b=1/>', { kind: 'broken', detail: 'an unquoted attribute in <a>' }],
    ['an unterminated comment', '<a><!-- x</a>', { kind: 'broken', detail: 'unexpected end of the part' }],
  ])('stops at %s', (_what, xml, failure) => {
    expect(scan(xml).failure).toStrictEqual(failure);
    expect(scan(xml, 3).failure).toStrictEqual(failure);
  });

  it('decodes the predefined and numeric entities and leaves others as written', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&nbsp;&#0;&bogus')).toBe('<>&"\'AB&nbsp;&#0;&bogus');
  });

  it('delivers text only while capturing', () => {
    const texts: string[] = [];
    const h = { capturing: false, open: (n: string) => void (h.capturing = n === 'v'), close: () => void (h.capturing = false), text: (t: string) => void texts.push(t) };
    const s = new XmlScanner(h);
    s.push('<c><f>SUM(A1)</f><v>3</v><t>x</t></c>');
    s.end();
    expect(texts).toStrictEqual(['3']);
  });
});

import { describe, expect, it } from 'vitest';
import { putNumber, putWords, words } from './bytes';

describe('words and putWords', () => {
  it('write a text of any length a word at a time, spilling at most 3 bytes past it, which the next write overwrites', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'abcde', '<c r="AB', '" s="12" t="s"><v>']) {
      const o = new Uint8Array(40).fill(0x2e);
      const view = new DataView(o.buffer, 8);
      const end = putWords(view, 3, words(text));
      expect(end).toBe(3 + text.length);
      const written = new TextDecoder().decode(o.subarray(8 + 3, 8 + end));
      expect(written).toBe(text);
      // before the start, nothing; past the end, at most the last word's spare bytes (zeros)
      expect([...o.subarray(0, 11)]).toStrictEqual(Array(11).fill(0x2e));
      const spill = o.subarray(8 + end).findIndex((b) => b === 0x2e);
      expect(spill).toBeLessThanOrEqual(3);
      expect([...o.subarray(8 + end, 8 + end + spill)].every((b) => b === 0)).toBe(true);
      const next = putWords(view, end, words('</v>'));
      expect(new TextDecoder().decode(o.subarray(11, 8 + next))).toBe(`${text}</v>`);
    }
  });
});

describe('putNumber', () => {
  it('writes a number as String() does, at every length of a whole number', () => {
    const numbers = [0, -0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 999999, 1000000, 9999999, 10000000, 99999999, 100000000, 999999999, 1000000000, 2147483647, 2147483648, -1, 1.5, 1e21, 45381.5];
    for (const n of numbers) {
      const o = new Uint8Array(32);
      const end = putNumber(o, 2, n);
      expect(new TextDecoder().decode(o.subarray(2, end))).toBe(String(n));
    }
  });
});

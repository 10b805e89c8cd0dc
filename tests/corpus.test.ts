/**
 * The real-world corpus (../shared/corpus/wild): every file gets a verdict from `mofan check`
 * (exit 1 or 2 with a message), none crashes, none takes over 10 s or 512 MB. The reader and the
 * rules are also run over every sheet of every readable file, to show they never throw on
 * real-world data.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../core/rules';
import { parseSchemeText, type Scheme } from '../core/scheme';
import { LIST_SHEETS } from '../core/schema';
import { readWorkbook } from '../core/xlsx/read';
import { rawLedger } from './helpers/raw-ledger';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'wild');
const present = existsSync(CORPUS);
if (!present) console.warn(`notice: ${CORPUS} not found — skipping the real-world corpus tests (it ships beside the project in CI)`);

const scheme = (parseSchemeText(readFileSync(join(import.meta.dirname, '..', 'templates', '考核方案.json'), 'utf8')) as { scheme: Scheme }).scheme;

interface Report {
  files: Array<{ file: string; exitCode: number; ms: number; status: string; unusable?: { code: string; message: string }; errors?: number }>;
}

describe.runIf(present)('the real-world corpus', () => {
  it('mofan check gives every file a verdict with a message, within 10 s each and 512 MB in all', async () => {
    const run = promisify(execFile);
    const bin = join(import.meta.dirname, '..', 'bin', 'mofan.mjs');
    // /usr/bin/time reports the peak memory of the whole run: an upper bound for every file
    const timed = existsSync('/usr/bin/time');
    if (!timed && process.env.CI) throw new Error('/usr/bin/time is required on CI (apt-get install time)');
    if (!timed) console.warn('notice: /usr/bin/time not found — the memory bound is not measured');
    const command = timed ? ['/usr/bin/time', ['-f', 'peak-rss-kb=%M', process.execPath, bin]] as const : [process.execPath, [bin]] as const;
    const { stdout, stderr } = await run(command[0], [...command[1], 'check', CORPUS, '--json', '--lang', 'en'], {
      maxBuffer: 256 * 1024 * 1024,
      timeout: 300_000,
    }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    const report = JSON.parse(stdout) as Report;
    const files = readdirSync(CORPUS).filter((f) => !f.startsWith('.'));
    expect(report.files.length).toBe(files.length);
    for (const f of report.files) {
      expect([1, 2], f.file).toContain(f.exitCode);
      expect(f.ms, f.file).toBeLessThan(10_000);
      if (f.exitCode === 2) expect(f.unusable?.message.length, f.file).toBeGreaterThan(20);
    }
    if (timed) {
      const rss = Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1]);
      expect(rss).toBeGreaterThan(0);
      expect(rss / 1024).toBeLessThan(512);
    }
    expect(stderr).not.toMatch(/internal error|TypeError|at .*\.ts:/);
  });

  it('the reader reads every sheet of every file or refuses it, and the rules never throw on what it reads', () => {
    let readable = 0;
    for (const name of readdirSync(CORPUS)) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, name)));
      const start = performance.now();
      const read = readWorkbook(bytes);
      expect(performance.now() - start, name).toBeLessThan(10_000);
      if (!read.ok) continue;
      readable += 1;
      // put the file's first sheets where a ledger's lists would be and check them
      const sheets = [...read.workbook.data.values()];
      const ledger = rawLedger({});
      const data = new Map(ledger.data);
      LIST_SHEETS.forEach((def, i) => {
        const sheet = sheets[i % Math.max(1, sheets.length)];
        if (sheet) data.set(def.name, { ...sheet, name: def.name });
      });
      const outcome = checkLedger({ ...ledger, data }, { scheme, lang: 'en', today: '2024-06-30' });
      expect(outcome.ok, name).toBe(true);
    }
    expect(readable).toBeGreaterThan(250);
  });
});

/**
 * Where a merge's per-file time goes, phase by phase, on this one thread (a developer's tool for
 * speed work; `mofan bench merge` is the figure that counts):
 *
 *   npx tsx scripts/dev/merge-phases.ts [folder] [files] [runs]
 *
 * `folder` is a bench folder (default out/bench/merge-300x200-v1, made by `mofan bench merge`);
 * the first `files` files (default 100) are read, checked, prepared, rendered and compressed as a
 * merge's threads do, `runs` times (default 3), and the fastest run of each phase is printed. Run
 * it as a bundle for figures close to the merge's (tsx's loader slows the code it loads):
 *
 *   npx esbuild scripts/dev/merge-phases.ts --bundle --platform=node --format=esm --outfile=/tmp/phases.mjs && node /tmp/phases.mjs
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { digest } from '../../core/merge';
import { prepareFileRows, renderFileRows } from '../../core/merge/workbook';
import { CHECKED_SHEETS, checkLedgerTyped } from '../../core/rules';
import { LIST_SHEETS, type ListSheetKey } from '../../core/schema';
import { parseScheme } from '../../core/scheme';
import { readWorkbook } from '../../core/xlsx/read';
import { compressBytes, compressText } from '../../core/xlsx/writer';
import { nodeCompressor } from '../lib/compress';
import { nodeInflate } from '../lib/inflate';

const [folder = 'out/bench/merge-300x200-v1', count = '100', runs = '3'] = process.argv.slice(2);
const parsed = parseScheme(JSON.parse(readFileSync(join(folder, 'scheme.json'), 'utf8')));
if (!parsed.ok) throw new Error(`${folder}/scheme.json: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
const scheme = parsed.scheme;
const names = readdirSync(join(folder, 'submissions')).filter((f) => f.endsWith('.xlsx')).slice(0, Number(count));
const files = names.map((f) => new Uint8Array(readFileSync(join(folder, 'submissions', f))));
const asOf = '2024-06-30';
const start = Object.fromEntries(LIST_SHEETS.map((s) => [s.key, 2])) as Record<ListSheetKey, number>;
const phases = ['read', 'check', 'digest', 'prepare', 'render', 'compress'] as const;
const best = Object.fromEntries(phases.map((p) => [p, Infinity])) as Record<(typeof phases)[number], number>;

for (let run = 0; run < Number(runs); run++) {
  const t = Object.fromEntries(phases.map((p) => [p, 0])) as Record<(typeof phases)[number], number>;
  files.forEach((bytes, i) => {
    let at = performance.now();
    const lap = (phase: (typeof phases)[number]): void => {
      const now = performance.now();
      t[phase] += now - at;
      at = now;
    };
    const read = readWorkbook(bytes, { sheets: (n) => CHECKED_SHEETS.has(n.trim()), inflate: nodeInflate });
    lap('read');
    if (!read.ok) throw new Error(`${names[i]}: ${read.unusable.code}`);
    const checked = checkLedgerTyped(read.workbook, { scheme, lang: 'zh', asOf, today: asOf, deadlines: false });
    lap('check');
    if (!checked.ok || !checked.result.section) throw new Error(`${names[i]}: not a usable submission`);
    digest({ kind: 'checked', result: checked.result });
    lap('digest');
    const prepared = prepareFileRows(names[i]!, checked.result.section, checked.result, { scheme, asOf });
    lap('prepare');
    const rendered = renderFileRows(prepared, { fileIndex: 5, firstString: 1000, start }, (xml) => xml);
    lap('render');
    for (const s of rendered.sheets) compressBytes(s.packed, nodeCompressor);
    compressText(prepared.strings, nodeCompressor);
    lap('compress');
  });
  for (const p of phases) best[p] = Math.min(best[p], t[p]);
}
const total = phases.reduce((sum, p) => sum + best[p], 0);
console.log(`${files.length} files, fastest of ${runs} runs per phase (ms): ${phases.map((p) => `${p} ${best[p].toFixed(0)}`).join(' · ')} · total ${total.toFixed(0)}`);

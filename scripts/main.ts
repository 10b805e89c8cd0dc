/**
 * The `mofan` command line. The only module that touches argv, the console and exit codes:
 * commands are functions that take options and return reports (tests call them directly).
 *
 * Exit codes: 0 done; 1 the input has errors (later commands); 2 a user error (bad option,
 * unreadable file, bad scheme); 70 an internal bug (printed with its stack trace).
 */
import type * as CliProgress from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserError } from './lib/errors';
import { PROJECT_ROOT } from './lib/fs';
import { cliLang } from './lib/lang';
import { DEFAULT_SCHEME_PATH, loadScheme } from './lib/scheme';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** today's date, YYYY-MM-DD (the model has no clock; tests fix it) */
  readonly today?: string;
  /** the current time, YYYY-MM-DDTHH:MM:SS */
  readonly now?: () => string;
  /** a progress bar for long work, when the terminal shows one */
  readonly progress?: (label: string) => { update: (done: number, total: number) => void; stop: () => void };
}

/** Now in the local time zone, as YYYY-MM-DDTHH:MM:SS. */
function localNow(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Today in the local time zone, as YYYY-MM-DD. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  env: process.env,
  // a bar on an interactive terminal only; silent when output is piped or in CI
  progress: process.stderr.isTTY && !process.env.CI ? terminalBar : undefined,
};

function terminalBar(label: string) {
  let bar: CliProgress.SingleBar | undefined;
  return {
    update: (done: number, total: number) => {
      if (!bar) {
        // loaded when a bar is first shown: most runs show none
        const { SingleBar, Presets } = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
        bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} {eta_formatted}`, stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

const langOption = () => new Option('--lang <lang>', 'message language / 提示语言').choices(['zh', 'en']);

/** Run the command line; resolves to the exit code. */
export async function run(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let exitCode = 0;
  const program = new Command('mofan')
    .description('模范机关创建工作台账 — model-agency campaign ledger tools')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  program
    .command('template')
    .description('write the standard workbook from the schema and the scheme / 生成标准台账模板')
    .option('-o, --out <file>', 'output workbook (default: templates/模范机关创建工作台账.xlsx)')
    .option('--scheme <file>', 'assessment scheme JSON (default: templates/考核方案.json)')
    .addOption(langOption())
    .action(async (opts: { out?: string; scheme?: string; lang?: string }) => {
      const lang = cliLang(opts.lang, io.env);
      // commands load on demand: `check` should not pay for exceljs's start-up
      const { templateCommand, formatTemplateReport } = await import('./commands/template');
      const report = await templateCommand({ out: opts.out, scheme: opts.scheme, lang });
      io.out(formatTemplateReport(report, lang));
    });

  program
    .command('check')
    .description('check section workbooks: every wrong cell, the overdue items / 检查股室台账')
    .argument('<inputs...>', 'workbooks or folders of workbooks')
    .option('--as-of <date>', 'compute overdue against this date (YYYY-MM-DD); default: the workbook\'s 截至日期, else today')
    .option('--scheme <file>', 'assessment scheme JSON (default: templates/考核方案.json)')
    .option('--json', 'print the report as JSON')
    .addOption(langOption())
    .action(async (inputs: string[], opts: { asOf?: string; scheme?: string; json?: boolean; lang?: string }) => {
      const lang = cliLang(opts.lang, io.env);
      const scheme = await loadScheme(opts.scheme ?? DEFAULT_SCHEME_PATH, lang);
      const { checkCommand, formatCheckReport } = await import('./commands/check');
      const report = await checkCommand({ inputs, scheme, lang, asOf: opts.asOf, today: io.today ?? localToday() });
      io.out(opts.json ? JSON.stringify(report, null, 2) : formatCheckReport(report, lang));
      exitCode = report.exitCode;
    });

  program
    .command('merge')
    .description('merge section workbooks into the office workbook / 汇总各股室台账')
    .argument('<inputs...>', 'workbooks or folders of workbooks')
    .requiredOption('-o, --out <file>', 'the office workbook to write (an existing one keeps its review scores and adjustments)')
    .option('--as-of <date>', 'compute overdue against this date (YYYY-MM-DD); default: the merge date')
    .option('--period <YYYY-MM>', 'merge only submissions of this period; others are listed as not merged')
    .option('--strict', 'do not merge files with check errors (list them instead)')
    .option('--merged-at <datetime>', 'the merge time to record (YYYY-MM-DDTHH:MM:SS); default: now')
    .option('--scheme <file>', 'assessment scheme JSON (default: templates/考核方案.json)')
    .option('--jobs <n>', 'threads reading the files (1: no worker threads); default: one per core, at most 4')
    .addOption(langOption())
    .action(async (inputs: string[], opts: { out: string; asOf?: string; period?: string; strict?: boolean; mergedAt?: string; scheme?: string; lang?: string; jobs?: string }) => {
      const lang = cliLang(opts.lang, io.env);
      const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 16)) {
        throw new UserError(lang === 'zh' ? `--jobs 应为 1 到 16 的整数，收到“${opts.jobs}”` : `--jobs must be a whole number from 1 to 16, got "${opts.jobs}"`);
      }
      // the worker threads start while the scheme and the merge's code load (they wait for the setup)
      if (jobs !== 1) (await import('./lib/merge-files')).startWorkers(jobs);
      const scheme = await loadScheme(opts.scheme ?? DEFAULT_SCHEME_PATH, lang);
      const { mergeCommand, formatMergeReport } = await import('./commands/merge');
      const bar = io.progress ? io.progress(lang === 'zh' ? '读取并检查' : 'reading and checking') : undefined;
      const report = await mergeCommand({
        inputs,
        out: opts.out,
        scheme,
        lang,
        asOf: opts.asOf,
        period: opts.period,
        strict: opts.strict ?? false,
        mergedAt: opts.mergedAt ?? io.now?.() ?? localNow(),
        jobs,
        ...(bar ? { progress: bar.update } : {}),
      });
      bar?.stop();
      io.out(formatMergeReport(report, lang));
      exitCode = report.exitCode;
    });

  program
    .command('rank')
    .description('score and rank the sections; write 排名 and 得分明细 into the office workbook / 考核排名')
    .argument('<workbook>', 'the office workbook made by mofan merge')
    .option('--as-of <date>', 'the date the ledger metrics are computed against (default: the merge\'s as-of date)')
    .option('--ranked-at <datetime>', 'the time to record (YYYY-MM-DDTHH:MM:SS); default: now')
    .option('--scheme <file>', 'assessment scheme JSON (default: templates/考核方案.json)')
    .addOption(langOption())
    .action(async (file: string, opts: { asOf?: string; rankedAt?: string; scheme?: string; lang?: string }) => {
      const lang = cliLang(opts.lang, io.env);
      const scheme = await loadScheme(opts.scheme ?? DEFAULT_SCHEME_PATH, lang);
      const { rankCommand, formatRankReport } = await import('./commands/rank');
      const report = await rankCommand({ file, scheme, lang, asOf: opts.asOf, today: io.today ?? localToday(), rankedAt: opts.rankedAt ?? io.now?.() ?? localNow() });
      io.out(formatRankReport(report, lang));
    });

  program
    .command('demo')
    .description('the whole job for the demo unit: section files, check, merge, review, rank / 演示')
    .option('--out <dir>', 'where the demo writes (only there)', 'out/demo')
    .option('--seed <n>', 'seed of the generated entries', '2024')
    .addOption(langOption())
    .action(async (opts: { out: string; seed: string; lang?: string }) => {
      const lang = cliLang(opts.lang, io.env);
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UserError(lang === 'zh' ? '--seed 须为整数' : '--seed must be a whole number');
      const scheme = await loadScheme(DEFAULT_SCHEME_PATH, lang);
      const { demoCommand, formatDemoReport } = await import('./commands/demo');
      const { formatMergeReport } = await import('./commands/merge');
      const { formatRankReport } = await import('./commands/rank');
      const report = await demoCommand({ out: opts.out, seed, scheme, lang });
      io.out(formatDemoReport(report, lang, { merge: formatMergeReport(report.merge, lang), rank: formatRankReport(report.rank, lang) }));
    });

  program
    .command('bench')
    .description('benchmarks: time `mofan check` on a large generated problem list / 性能基准')
    .argument('[what]', 'check, merge or rank', 'check')
    .option('--rows <n>', 'check: problem-list rows', '5000')
    .option('--runs <n>', 'check: in-process runs (default 5); merge: runs of mofan merge, the median reported (default 3)')
    .option('--sections <n>', 'merge: section files; rank: sections', '300')
    .option('--problems <n>', 'merge: problems per file (tasks are twice as many)', '200')
    .option('--no-baseline', 'merge: skip the exceljs baseline')
    .option('--no-floor', "merge: skip the merge's floor (the same rows read and written without checks)")
    .option('--out <dir>', 'where generated workbooks are cached', 'out/bench')
    .addOption(langOption())
    .action(async (what: string, opts: { rows: string; runs?: string; sections: string; problems: string; baseline: boolean; floor: boolean; out: string; lang?: string }) => {
      const lang = cliLang(opts.lang, io.env);
      if (what === 'rank') {
        const sections = Number(opts.sections);
        if (!Number.isInteger(sections) || sections < 1 || sections > 17_576) throw new UserError(lang === 'zh' ? '--sections 须为正整数' : '--sections must be a positive whole number');
        const { benchRank } = await import('./commands/bench-rank');
        io.out(benchRank(sections, await loadScheme(DEFAULT_SCHEME_PATH, lang), lang));
        return;
      }
      if (what === 'merge') {
        const sections = Number(opts.sections);
        const problems = Number(opts.problems);
        if (!Number.isInteger(sections) || sections < 1 || sections > 17_576 || !Number.isInteger(problems) || problems < 0) {
          throw new UserError(lang === 'zh' ? '--sections 和 --problems 须为正整数' : '--sections and --problems must be positive whole numbers');
        }
        const scheme = await loadScheme(DEFAULT_SCHEME_PATH, lang);
        const { benchMerge, formatBenchMergeReport } = await import('./commands/bench-merge');
        const runs = Number(opts.runs ?? 3);
        if (!Number.isInteger(runs) || runs < 1) throw new UserError(lang === 'zh' ? '--runs 须为正整数' : '--runs must be a positive whole number');
        io.out(formatBenchMergeReport(await benchMerge({ sections, problems, out: opts.out, lang, baseline: opts.baseline, floor: opts.floor, runs }, scheme), lang));
        return;
      }
      if (what !== 'check') throw new UserError(lang === 'zh' ? `未知的基准：${what}（可选：check、merge、rank）` : `unknown benchmark: ${what} (choose: check, merge, rank)`);
      const rows = Number(opts.rows);
      const runs = Number(opts.runs ?? 5);
      if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(runs) || runs < 1) {
        throw new UserError(lang === 'zh' ? '--rows 和 --runs 须为正整数' : '--rows and --runs must be positive whole numbers');
      }
      const scheme = await loadScheme(DEFAULT_SCHEME_PATH, lang);
      const { benchCheck, formatBenchReport } = await import('./commands/bench');
      io.out(formatBenchReport(await benchCheck({ rows, runs, out: opts.out, scheme, lang }), lang));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are exit 0; a usage mistake has already been printed
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UserError) {
      io.err(`mofan: ${error.message}`);
      exitCode = error.exitCode;
    } else {
      io.err(`mofan: internal error — please report it with this trace:\n${error instanceof Error ? error.stack : String(error)}`);
      exitCode = 70;
    }
  }
  return exitCode;
}

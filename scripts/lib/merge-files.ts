/**
 * The per-file work of a merge — one read of each file (its head, its check, its rows made ready)
 * and the rendering of an accepted file's rows into compressed pieces of the merged sheets — spread
 * over this thread and worker threads (./merge-worker.ts). Every thread runs the same functions
 * (./merge-work), so the office workbook's bytes do not depend on how many threads ran.
 *
 * A thread keeps a checked file's rows, as compact grids, until the merge says where they and
 * their texts land (`render`) or that they are not merged (`drop`): only a head, a digest (counts,
 * findings, self scores) and the number of texts cross threads before that, and only compressed
 * pieces after.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { cachedBundle } from './bundle-cache.mjs';
import { newHeld, work, type FileRead, type FileWorkSetup, type FromWorker, type ReadJob, type RenderJob, type RenderedFile, type ToWorker } from './merge-work';

export type { CheckedFile, FileRead, FileWorkSetup, ReadJob, RenderJob, RenderedFile, RenderedPiece } from './merge-work';

type Ask = Exclude<ToWorker, { t: 'drop' }>;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * One thread's share of the work. The main thread is one of them: its jobs run one at a time
 * from the event loop (so asking never blocks handing work to the workers), in the order asked.
 */
interface Slot {
  /** requests sent and not yet answered */
  load: number;
  send(m: ToWorker): void;
}

export class FilePool {
  private readonly slots: Slot[] = [];
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<string, Pending>();
  /** which slot holds a checked file */
  private readonly holder = new Map<number, number>();
  /** the main thread's jobs and the files it holds */
  private readonly queue: ToWorker[] = [];
  private readonly held = newHeld();
  private draining = false;
  private failure: Error | undefined;

  /** `threads` threads in all: this one and threads − 1 workers. */
  constructor(
    threads: number,
    private readonly setup: FileWorkSetup,
  ) {
    this.slots.push({ load: 0, send: (m) => this.enqueue(m) });
    if (threads > 1) tuneCompiler();
    // workers started early where there are (see startWorkers), else new ones; the setup first
    const started = takeStarted(threads - 1);
    for (let i = 1; i < threads; i++) {
      const w = started[i - 1] ?? new Worker(workerSource(), { eval: true });
      w.ref();
      w.postMessage({ t: 'setup', setup });
      const slot = this.slots.length;
      w.on('message', (m: FromWorker) => this.settle(slot, m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`merge worker ${slot} stopped (exit code ${code})`));
      });
      this.workers.push(w);
      this.slots.push({ load: 0, send: (m) => w.postMessage(m) });
    }
  }

  /** Read file `id` once (its head, and its check where the plan can take it); its rows stay with the thread until `render` or `drop`. */
  read(id: number, job: ReadJob): Promise<FileRead> {
    const slot = this.idlest();
    this.holder.set(id, slot);
    return this.ask(slot, { t: 'read', id, job }) as Promise<FileRead>;
  }

  /**
   * Read every file, ids in the jobs' order; `done` is told how many have been read. Asked two a
   * thread at a time, so each thread takes the next file as it frees up: a worker starts later
   * than this thread, and asking all at once would split the files evenly and leave this thread
   * idle at the end.
   */
  async reads(jobs: readonly ReadJob[], done?: (count: number) => void): Promise<FileRead[]> {
    const reads: FileRead[] = [];
    let next = 0;
    let count = 0;
    const lane = async (): Promise<void> => {
      for (let i = next++; i < jobs.length; i = next++) {
        reads[i] = await this.read(i, jobs[i]!);
        done?.(++count);
      }
    };
    await Promise.all(Array.from({ length: 2 * this.slots.length }, lane));
    return reads;
  }

  /** Render a checked file's rows from the rows where they start, where the file was checked. */
  render(id: number, job: RenderJob): Promise<RenderedFile> {
    const slot = this.holder.get(id);
    this.holder.delete(id);
    if (slot === undefined) return Promise.reject(new Error(`merge: file ${id} is not held`));
    return this.ask(slot, { t: 'render', id, job }) as Promise<RenderedFile>;
  }

  drop(id: number): void {
    const slot = this.holder.get(id);
    this.holder.delete(id);
    if (slot !== undefined) this.slots[slot]!.send({ t: 'drop', id });
  }

  async close(): Promise<void> {
    this.held.files.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** The slot with the fewest unanswered requests (the main thread first on a tie). */
  private idlest(): number {
    let best = 0;
    for (let i = 1; i < this.slots.length; i++) if (this.slots[i]!.load < this.slots[best]!.load) best = i;
    return best;
  }

  private ask(slot: number, message: Ask): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(`${message.t}:${message.id}`, { resolve, reject });
      this.slots[slot]!.load += 1;
      this.slots[slot]!.send(message);
    });
  }

  private settle(slot: number, m: FromWorker): void {
    const key = `${m.t === 'fail' ? m.kind : m.t}:${m.id}`;
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    this.slots[slot]!.load -= 1;
    if (m.t === 'fail') p.reject(new Error(m.message));
    else p.resolve(m.t === 'read' ? m.read : m.rendered);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private enqueue(m: ToWorker): void {
    this.queue.push(m);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drain());
    }
  }

  /** Run the main thread's next job, then yield to the event loop (worker replies, more asks). */
  private drain(): void {
    const m = this.queue.shift();
    if (m) {
      const reply = work(m, this.held, this.setup);
      if (reply) this.settle(0, reply);
    }
    if (this.queue.length > 0) setImmediate(() => this.drain());
    else this.draining = false;
  }
}

let bundled: string | undefined;

/**
 * Tune V8's optimizing compiler for a merge of many files (one on several threads), in this
 * process and so in its workers: no on-stack replacement (compiling a function again while one
 * call's loop runs: with each function called for every file, its next call runs the normally
 * compiled code anyway) and half the inlining budgets. A merge of 300 files runs a few seconds,
 * every thread compiles its own code, and compiling took about a fifth of its CPU; less of it
 * makes the whole merge cheaper (cachegrind, two threads, 150 files: −3.4 % instructions; twelve
 * alternating runs of the whole command: −8 % CPU, −5 % time). Not for one large file, whose first
 * loop then would run uncompiled (two files of 90,000 rows: +15 %). Only on the V8 of Node 20 and
 * 22, whose flags these are.
 */
function tuneCompiler(): void {
  // MOFAN_NO_TUNE=1 leaves the defaults (to measure against)
  if (process.env.MOFAN_NO_TUNE) return;
  const major = Number(process.versions.v8.split('.')[0]);
  if (major < 11 || major > 12) return;
  try {
    for (const flag of ['--no-use-osr', '--max-inlined-bytecode-size-cumulative=460', '--max-inlined-bytecode-size=230']) setFlagsFromString(flag);
  } catch {
    // the flags as they were
  }
}

/** Workers started ahead of a merge (`startWorkers`), not yet taken by a pool. */
let early: Worker[] = [];
/** early workers that failed or stopped before a pool took them */
const broken = new WeakSet<Worker>();

/**
 * Start the worker threads a merge of many files will use (`jobs`, else one per core, at most 4:
 * all but this thread), before the merge knows its files and setup: a worker takes a tenth of a
 * second to start, and started while the command line loads the scheme and the merge's code it
 * is ready when the first files are. They keep no process alive until a pool takes them; a merge
 * of a handful of files (one thread) ends them.
 */
export function startWorkers(jobs?: number): void {
  const wanted = Math.min(16, jobs ?? Math.min(4, availableParallelism())) - 1;
  if (wanted <= 0 || early.length > 0) return;
  try {
    const source = workerSource();
    for (let i = 0; i < wanted; i++) {
      const w = new Worker(source, { eval: true });
      // one that fails or stops before a pool takes it is not taken: the pool starts its own
      w.on('error', () => broken.add(w));
      w.on('exit', () => broken.add(w));
      w.unref();
      early.push(w);
    }
  } catch {
    // no early start: the pool starts its own
  }
}

/** How many early workers wait for a pool. */
export const waitingWorkers = (): number => early.length;

/** Up to `count` of the early workers (those still running); the others are ended. */
function takeStarted(count: number): Worker[] {
  const running = early.filter((w) => !broken.has(w));
  for (const w of [...early.filter((w) => broken.has(w)), ...running.slice(count)]) void w.terminate();
  early = [];
  return running.slice(0, count);
}

/**
 * The worker's code: ./merge-worker.ts and what it imports as one script (kept like the command
 * line's own bundle, see ./bundle-cache.mjs). A worker running plain JavaScript starts in a
 * fraction of the time and memory of one running TypeScript through tsx's loader.
 */
function workerSource(): string {
  bundled ??= cachedBundle('merge-worker', 'scripts/lib/merge-worker.ts', { format: 'cjs' }).text;
  return bundled;
}

/**
 * How many threads do the file work (this one included): --jobs, else one per core, at most 4;
 * just this one for a handful of files (starting a worker costs more than it saves there).
 */
export function threadsFor(files: number, jobs?: number): number {
  const wanted = jobs ?? Math.min(4, availableParallelism());
  return files < 16 && jobs === undefined ? 1 : Math.max(1, Math.min(wanted, files));
}

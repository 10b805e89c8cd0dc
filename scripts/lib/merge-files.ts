/**
 * The per-file work of a merge — a light read of each file's head, a full read and check, and the
 * rendering of an accepted file's rows into compressed pieces of the merged sheets — done either
 * here (`LocalFiles`) or spread over worker threads (`WorkerFiles`, ./merge-worker.ts). Both run
 * the same functions below, so the office workbook's bytes do not depend on how many threads ran.
 *
 * A worker keeps a checked file's rows until the merge says where they start (`render`) or that
 * they are not merged (`drop`): only a digest (counts, findings, self scores) crosses threads
 * before that, and only compressed pieces after.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { digest, type Digest } from '../../core/merge';
import { renderFileRows } from '../../core/merge/workbook';
import { checkWorkbookBytes, type Verdict } from '../../core/rules';
import { readHead, type Head } from '../../core/rules/head';
import type { ListSheetKey } from '../../core/schema';
import type { Scheme, Section } from '../../core/scheme';
import { compressText, type Piece } from '../../core/xlsx/writer';
import { nodeCompressor } from './compress';
import { nodeInflate } from './inflate';

/** What every file job needs to know (sent once to each worker). */
export interface FileWorkSetup {
  readonly scheme: Scheme;
  readonly asOf: string;
}

/** A merged sheet's share of one file: its rows' XML, compressed, and how many rows. */
export interface RenderedPiece {
  readonly sheet: ListSheetKey;
  readonly piece: Piece;
  readonly rows: number;
}

export interface RenderJob {
  /** the file as provenance names it */
  readonly file: string;
  readonly section: Section;
  /** the row number each merged sheet's first row of this file gets */
  readonly start: Readonly<Record<ListSheetKey, number>>;
}

/** The light read of one file. */
export function headWork(path: string, setup: FileWorkSetup): Head {
  return readHead(new Uint8Array(readFileSync(path)), { scheme: setup.scheme, inflate: nodeInflate });
}

/** The full read and check of one file. */
export function checkWork(path: string, setup: FileWorkSetup): Verdict {
  return checkWorkbookBytes(new Uint8Array(readFileSync(path)), { scheme: setup.scheme, lang: 'zh', asOf: setup.asOf, today: setup.asOf, inflate: nodeInflate });
}

/** An accepted file's rows, rendered from their start rows and compressed, a piece per sheet with rows. */
export function renderWork(verdict: Verdict, job: RenderJob, setup: FileWorkSetup): RenderedPiece[] {
  if (verdict.kind !== 'checked') throw new Error(`merge: ${job.file} was not checked`);
  return renderFileRows(job.file, job.section, verdict.result, job.start, setup).map(({ sheet, xml, rows }) => ({ sheet, rows, piece: compressText(xml, nodeCompressor) }));
}

/** The merge's view of the file work, wherever it runs. */
export interface FileWork {
  head(path: string): Promise<Head>;
  /** check file `id` (ids are the plan's order); its rows stay until `render` or `drop` */
  check(id: number, path: string): Promise<Digest>;
  render(id: number, job: RenderJob): Promise<RenderedPiece[]>;
  drop(id: number): void;
  close(): Promise<void>;
}

/** Everything on this thread (few files, or --jobs 1). */
export class LocalFiles implements FileWork {
  private readonly held = new Map<number, Verdict>();

  constructor(private readonly setup: FileWorkSetup) {}

  async head(path: string): Promise<Head> {
    return headWork(path, this.setup);
  }

  async check(id: number, path: string): Promise<Digest> {
    const v = checkWork(path, this.setup);
    this.held.set(id, v);
    return digest(v);
  }

  async render(id: number, job: RenderJob): Promise<RenderedPiece[]> {
    const v = this.held.get(id);
    this.held.delete(id);
    if (!v) throw new Error(`merge: file ${id} is not held`);
    return renderWork(v, job, this.setup);
  }

  drop(id: number): void {
    this.held.delete(id);
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}

/** Messages to a worker. */
export type ToWorker =
  | { readonly t: 'head'; readonly id: number; readonly path: string }
  | { readonly t: 'check'; readonly id: number; readonly path: string }
  | { readonly t: 'render'; readonly id: number; readonly job: RenderJob }
  | { readonly t: 'drop'; readonly id: number };

/** Messages from a worker (a reply to the request with the same kind and id). */
export type FromWorker =
  | { readonly t: 'head'; readonly id: number; readonly head: Head }
  | { readonly t: 'check'; readonly id: number; readonly digest: Digest }
  | { readonly t: 'render'; readonly id: number; readonly pieces: RenderedPiece[] }
  | { readonly t: 'fail'; readonly id: number; readonly kind: 'head' | 'check' | 'render'; readonly message: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The file work spread over worker threads; a checked file's rows stay with the worker that read them. */
export class WorkerFiles implements FileWork {
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly pending = new Map<string, Pending>();
  /** which worker holds a checked file */
  private readonly holder = new Map<number, number>();
  private headIds = 0;
  private failure: Error | undefined;

  constructor(threads: number, setup: FileWorkSetup) {
    const entry = new URL('./merge-worker.mjs', import.meta.url);
    this.workers = Array.from({ length: threads }, () => new Worker(entry, { workerData: setup }));
    this.load = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (m: FromWorker) => this.settle(i, m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`merge worker ${i} stopped (exit code ${code})`));
      });
    });
  }

  head(path: string): Promise<Head> {
    const id = this.headIds++;
    return this.ask(this.idlest(), { t: 'head', id, path }) as Promise<Head>;
  }

  check(id: number, path: string): Promise<Digest> {
    const w = this.idlest();
    this.holder.set(id, w);
    return this.ask(w, { t: 'check', id, path }) as Promise<Digest>;
  }

  render(id: number, job: RenderJob): Promise<RenderedPiece[]> {
    const w = this.holder.get(id);
    this.holder.delete(id);
    if (w === undefined) return Promise.reject(new Error(`merge: file ${id} is not held`));
    return this.ask(w, { t: 'render', id, job }) as Promise<RenderedPiece[]>;
  }

  drop(id: number): void {
    const w = this.holder.get(id);
    this.holder.delete(id);
    if (w !== undefined) this.workers[w]?.postMessage({ t: 'drop', id } satisfies ToWorker);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private idlest(): number {
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if ((this.load[i] ?? 0) < (this.load[best] ?? 0)) best = i;
    return best;
  }

  private ask(worker: number, message: Exclude<ToWorker, { t: 'drop' }>): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(`${message.t}:${message.id}`, { resolve, reject });
      this.load[worker] = (this.load[worker] ?? 0) + 1;
      this.workers[worker]!.postMessage(message);
    });
  }

  private settle(worker: number, m: FromWorker): void {
    const kind = m.t === 'fail' ? m.kind : m.t;
    const key = `${kind}:${m.id}`;
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    this.load[worker] = (this.load[worker] ?? 1) - 1;
    if (m.t === 'fail') p.reject(new Error(m.message));
    else p.resolve(m.t === 'head' ? m.head : m.t === 'check' ? m.digest : m.pieces);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** How many threads read files: --jobs, else one per core (at most 4); no workers for a handful of files. */
export function threadsFor(files: number, jobs?: number): number {
  const wanted = jobs ?? Math.min(4, availableParallelism());
  return files < 8 && jobs === undefined ? 1 : Math.max(1, Math.min(wanted, files));
}

export function openFileWork(threads: number, setup: FileWorkSetup): FileWork {
  return threads > 1 ? new WorkerFiles(threads, setup) : new LocalFiles(setup);
}

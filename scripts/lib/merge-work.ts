/**
 * The per-file work of a merge, the same on the main thread and on a worker thread (./merge-files):
 * one read of each file — its head, and for a file the plan can take, its check and its rows made
 * ready to render — and the rendering of an accepted file's rows into compressed pieces of the
 * merged sheets once the merge says where they land.
 */
import { digest, type Digest } from '../../core/merge';
import { prepareFileRows, renderFileRows, type PreparedFile } from '../../core/merge/workbook';
import { CHECKED_SHEETS, checkLedgerTyped } from '../../core/rules';
import { workbookHead, readHead, type Head } from '../../core/rules/head';
import type { ListSheetKey } from '../../core/schema';
import type { Scheme } from '../../core/scheme';
import { readWorkbook } from '../../core/xlsx/read';
import { unusableMessage } from '../../core/xlsx/unusable';
import { RenderBuffer, compressBytes, compressText, type Piece } from '../../core/xlsx/writer';
import { nodeCompressor } from './compress';
import { nodeInflate, nodeUtf8 } from './inflate';
import { readInput } from './read-input';

/** What every file job needs to know (sent once to each worker). */
export interface FileWorkSetup {
  readonly scheme: Scheme;
  readonly asOf: string;
  /** --period: a file of another period is not checked (the plan turns it away) */
  readonly period?: string | undefined;
  /** how many bytes of rows a thread keeps ready at most (default HOLD_BYTES; tests lower it) */
  readonly holdBytes?: number;
}

/**
 * A thread keeps the rows of the files it read ready to render (grids: about 10 bytes a cell) up
 * to this many bytes — 300 sections of 620 rows take about 46 MB in all. Beyond it, a file's own
 * bytes are kept instead (a tenth of its grids' size) and read again when its rows are rendered:
 * memory stays bounded whatever the inputs, at the cost of a second read of those files.
 */
export const HOLD_BYTES = 96 * 1024 * 1024;

/** A merged sheet's share of one file: its rows' XML, compressed, and how many rows. */
export interface RenderedPiece {
  readonly sheet: ListSheetKey;
  readonly piece: Piece;
  readonly rows: number;
}

/** A file to read: where it is, and its name as provenance gives it. */
export interface ReadJob {
  readonly path: string;
  readonly file: string;
}

/** What the merge decides for a checked file it takes: where its rows and texts land. */
export interface RenderJob {
  /** the file name's index in the office workbook's shared strings */
  readonly fileIndex: number;
  /** where the file's own block of shared strings starts */
  readonly firstString: number;
  /** the row number each merged sheet's first row of this file gets */
  readonly start: Readonly<Record<ListSheetKey, number>>;
}

/** A checked file's digest, and how many shared strings its rows need (0 when it has no rows to merge). */
export interface CheckedFile {
  readonly digest: Digest;
  readonly strings: number;
}

/** What one read of a file tells the merge: its head, and its check unless the plan cannot take it. */
export interface FileRead {
  readonly head: Head;
  readonly checked?: CheckedFile;
}

/** A checked file's rows kept where it was read until the merge places them: grids, text codes, and its compressed block of shared strings. */
export type HeldRows = Omit<PreparedFile, 'strings'> & { readonly strings: Piece };

/**
 * Read one file once: its head (what the plan needs: section, period, submission time) and, for a
 * file the plan can take, its check, with its rows made ready to render (`held`). A file whose
 * sheets cannot be read may still have a readable head: the plan then places it and the merge
 * rejects it with this read's reason, as before the plan and the check shared one read.
 */
export function readWork(job: ReadJob, setup: FileWorkSetup): { readonly read: FileRead; readonly held?: HeldRows; readonly bytes?: Uint8Array } {
  const input = readInput(job.path);
  if ('unusable' in input) return { read: { head: { kind: 'unusable', unusable: input.unusable } } };
  return { ...readBytesWork(input.bytes, job, setup), bytes: input.bytes };
}

/** `readWork` on a file's bytes already read. */
function readBytesWork(bytes: Uint8Array, job: ReadJob, setup: FileWorkSetup): { readonly read: FileRead; readonly held?: HeldRows } {
  const whole = readWorkbook(bytes, { sheets: (name) => CHECKED_SHEETS.has(name.trim()), inflate: nodeInflate, utf8: nodeUtf8 });
  if (!whole.ok) return { read: { head: readHead(bytes, { scheme: setup.scheme, inflate: nodeInflate }), checked: { digest: { kind: 'unusable', unusable: whole.unusable }, strings: 0 } } };
  const head = workbookHead(whole.workbook, setup.scheme);
  if (head.kind !== 'head' || !head.section || (setup.period && head.period !== setup.period)) return { read: { head } };
  // the rows stay typed sheets (no record per row): they are only made into cells
  const outcome = checkLedgerTyped(whole.workbook, { scheme: setup.scheme, lang: 'zh', asOf: setup.asOf, today: setup.asOf, deadlines: false });
  if (!outcome.ok) return { read: { head, checked: { digest: digest({ kind: 'unusable', unusable: outcome.unusable, message: unusableMessage(outcome.unusable, 'zh') }), strings: 0 } } };
  const prepared = prepareFileRows(job.file, head.section, outcome.result, setup);
  return {
    read: { head, checked: { digest: digest({ kind: 'checked', result: outcome.result }), strings: prepared.texts.size } },
    held: { sheets: prepared.sheets, texts: prepared.texts, strings: compressText(prepared.strings, nodeCompressor) },
  };
}

/** An accepted file's share of the merged sheets and of the shared strings, compressed, and how many shared-string references it makes. */
export interface RenderedFile {
  readonly pieces: readonly RenderedPiece[];
  readonly strings: Piece;
  readonly stringRefs: number;
}

/** This thread's buffer for rendering rows (each sheet's XML is compressed before the next is rendered). */
const BUFFER = new RenderBuffer();

/** A held file's rows placed where the merge says and compressed, a piece per sheet with rows. */
export function renderWork(held: HeldRows, job: RenderJob): RenderedFile {
  const r = renderFileRows(held, job, (xml) => compressBytes(xml, nodeCompressor), BUFFER);
  return {
    pieces: r.sheets.map(({ sheet, packed, rows }) => ({ sheet, rows, piece: packed })),
    strings: held.strings,
    stringRefs: r.stringRefs,
  };
}

/** Messages to a worker. */
export type ToWorker =
  | { readonly t: 'read'; readonly id: number; readonly job: ReadJob }
  | { readonly t: 'render'; readonly id: number; readonly job: RenderJob }
  | { readonly t: 'drop'; readonly id: number };

/** Messages from a worker (a reply to the request with the same kind and id). */
export type FromWorker =
  | { readonly t: 'read'; readonly id: number; readonly read: FileRead }
  | { readonly t: 'render'; readonly id: number; readonly rendered: RenderedFile }
  | { readonly t: 'fail'; readonly id: number; readonly kind: 'read' | 'render'; readonly message: string };

/** What a thread keeps of the files it read, and how many bytes of rows that is. */
export interface Held {
  /** by file id: its rows ready to render, or (over the thread's HOLD_BYTES) the file's bytes to read again */
  readonly files: Map<number, { readonly rows: HeldRows; readonly size: number } | { readonly bytes: Uint8Array; readonly job: ReadJob }>;
  rowBytes: number;
}

export const newHeld = (): Held => ({ files: new Map(), rowBytes: 0 });

function release(held: Held, id: number): void {
  const file = held.files.get(id);
  if (file && 'rows' in file) held.rowBytes -= file.size;
  held.files.delete(id);
}

/**
 * Do one job on this thread; the reply (none for a drop). Used by the main thread and by every
 * worker. A checked file is kept (`held`) until the merge renders or drops it.
 */
export function work(m: ToWorker, held: Held, setup: FileWorkSetup): FromWorker | undefined {
  try {
    switch (m.t) {
      case 'read': {
        const r = readWork(m.job, setup);
        if (r.held) {
          const size = r.held.sheets.reduce((sum, s) => sum + s.grid.bytes, r.held.strings.data.length);
          if (held.rowBytes + size <= (setup.holdBytes ?? HOLD_BYTES)) {
            held.rowBytes += size;
            held.files.set(m.id, { rows: r.held, size });
          } else if (r.bytes) held.files.set(m.id, { bytes: r.bytes, job: m.job });
        }
        return { t: 'read', id: m.id, read: r.read };
      }
      case 'render': {
        const file = held.files.get(m.id);
        if (!file) throw new Error(`merge: file ${m.id} is not held`);
        release(held, m.id);
        // a file kept as bytes is read again: the same bytes and setup give the same rows
        const rows = 'rows' in file ? file.rows : readBytesWork(file.bytes, file.job, setup).held;
        if (!rows) throw new Error(`merge: file ${m.id} read again has no rows`);
        return { t: 'render', id: m.id, rendered: renderWork(rows, m.job) };
      }
      case 'drop':
        release(held, m.id);
        return undefined;
    }
  } catch (error) {
    // a bug, not a user's file (those are verdicts): the merge stops with this message
    return { t: 'fail', id: m.id, kind: m.t === 'drop' ? 'read' : m.t, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

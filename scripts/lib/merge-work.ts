/**
 * The per-file work of a merge, the same on the main thread and on a worker thread (./merge-files):
 * a light read of a file's head, a full read and check, and the rendering of an accepted file's
 * rows into compressed pieces of the merged sheets.
 */
import { digest, type Digest } from '../../core/merge';
import { prepareFileRows, renderFileRows, type PreparedFile } from '../../core/merge/workbook';
import { checkWorkbookBytes, type Verdict } from '../../core/rules';
import { readHead, type Head } from '../../core/rules/head';
import type { ListSheetKey } from '../../core/schema';
import type { Scheme, Section } from '../../core/scheme';
import { unusableMessage } from '../../core/xlsx/unusable';
import { compressBytes, compressText, type Piece } from '../../core/xlsx/writer';
import { nodeCompressor } from './compress';
import { nodeInflate } from './inflate';
import { readInput } from './read-input';

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

/** What a check job knows of the file besides its path: where the plan puts it. */
export interface CheckJob {
  readonly path: string;
  /** the file as provenance names it */
  readonly file: string;
  readonly section: Section;
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

/** The light read of one file. */
export function headWork(path: string, setup: FileWorkSetup): Head {
  const input = readInput(path);
  if ('unusable' in input) return { kind: 'unusable', unusable: input.unusable };
  return readHead(input.bytes, { scheme: setup.scheme, inflate: nodeInflate });
}

/** The full read and check of one file. */
export function checkWork(path: string, setup: FileWorkSetup): Verdict {
  const input = readInput(path);
  if ('unusable' in input) return { kind: 'unusable', unusable: input.unusable, message: unusableMessage(input.unusable, 'zh') };
  return checkWorkbookBytes(input.bytes, { scheme: setup.scheme, lang: 'zh', asOf: setup.asOf, today: setup.asOf, inflate: nodeInflate });
}

/** An accepted file's share of the merged sheets and of the shared strings, compressed, and how many shared-string references it makes. */
export interface RenderedFile {
  readonly pieces: readonly RenderedPiece[];
  readonly strings: Piece;
  readonly stringRefs: number;
}

/** A prepared file's rows and texts, placed where the merge says and compressed, a piece per sheet with rows. */
export function renderWork(prepared: PreparedFile, job: RenderJob): RenderedFile {
  const r = renderFileRows(prepared, job);
  return {
    pieces: r.sheets.map(({ sheet, xml, rows }) => ({ sheet, rows, piece: compressBytes(xml, nodeCompressor) })),
    strings: compressText(r.strings, nodeCompressor),
    stringRefs: r.stringRefs,
  };
}

/** Messages to a worker. */
export type ToWorker =
  | { readonly t: 'head'; readonly id: number; readonly path: string }
  | { readonly t: 'check'; readonly id: number; readonly job: CheckJob }
  | { readonly t: 'render'; readonly id: number; readonly job: RenderJob }
  | { readonly t: 'drop'; readonly id: number };

/** Messages from a worker (a reply to the request with the same kind and id). */
export type FromWorker =
  | { readonly t: 'head'; readonly id: number; readonly head: Head }
  | { readonly t: 'check'; readonly id: number; readonly checked: CheckedFile }
  | { readonly t: 'render'; readonly id: number; readonly rendered: RenderedFile }
  | { readonly t: 'fail'; readonly id: number; readonly kind: 'head' | 'check' | 'render'; readonly message: string };

/**
 * Do one job on this thread; the reply (none for a drop). Used by the main thread and by every
 * worker. A checked file is kept as cells ready to render (`held`) until the merge renders or drops it.
 */
export function work(m: ToWorker, held: Map<number, PreparedFile>, setup: FileWorkSetup): FromWorker | undefined {
  try {
    switch (m.t) {
      case 'head':
        return { t: 'head', id: m.id, head: headWork(m.path, setup) };
      case 'check': {
        const v = checkWork(m.job.path, setup);
        let strings = 0;
        if (v.kind === 'checked') {
          const prepared = prepareFileRows(m.job.file, m.job.section, v.result, setup);
          held.set(m.id, prepared);
          strings = prepared.texts.size;
        }
        return { t: 'check', id: m.id, checked: { digest: digest(v), strings } };
      }
      case 'render': {
        const prepared = held.get(m.id);
        held.delete(m.id);
        if (!prepared) throw new Error(`merge: file ${m.id} is not held`);
        return { t: 'render', id: m.id, rendered: renderWork(prepared, m.job) };
      }
      case 'drop':
        held.delete(m.id);
        return undefined;
    }
  } catch (error) {
    // a bug, not a user's file (those are verdicts): the merge stops with this message
    return { t: 'fail', id: m.id, kind: m.t === 'drop' ? 'check' : m.t, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

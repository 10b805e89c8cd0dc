/** A merge worker thread: reads, checks and renders the files it is given (see ./merge-files). */
import { parentPort, workerData } from 'node:worker_threads';
import { digest } from '../../core/merge';
import type { Verdict } from '../../core/rules';
import { checkWork, headWork, renderWork, type FileWorkSetup, type FromWorker, type ToWorker } from './merge-files';

const setup = workerData as FileWorkSetup;
const port = parentPort;
if (!port) throw new Error('merge-worker runs as a worker thread');
const held = new Map<number, Verdict>();

port.on('message', (m: ToWorker) => {
  try {
    switch (m.t) {
      case 'head':
        reply({ t: 'head', id: m.id, head: headWork(m.path, setup) });
        break;
      case 'check': {
        const v = checkWork(m.path, setup);
        held.set(m.id, v);
        reply({ t: 'check', id: m.id, digest: digest(v) });
        break;
      }
      case 'render': {
        const v = held.get(m.id);
        held.delete(m.id);
        if (!v) throw new Error(`merge worker: file ${m.id} is not held`);
        const pieces = renderWork(v, m.job, setup);
        reply({ t: 'render', id: m.id, pieces }, pieces.map((p) => p.piece.data.buffer as ArrayBuffer));
        break;
      }
      case 'drop':
        held.delete(m.id);
        break;
    }
  } catch (error) {
    // a bug, not a user's file (those are verdicts): the merge stops with this message
    if (m.t !== 'drop') reply({ t: 'fail', id: m.id, kind: m.t, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});

function reply(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(m, transfer);
}

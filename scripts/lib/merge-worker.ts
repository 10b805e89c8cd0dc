/**
 * A merge worker thread: does the file work it is given (see ./merge-files). Its setup is its first
 * message: it may start before the merge knows it, while the command line loads.
 */
import { parentPort } from 'node:worker_threads';
import { newHeld, work, type FileWorkSetup, type ToWorker } from './merge-work';

const port = parentPort;
if (!port) throw new Error('merge-worker runs as a worker thread');
let setup: FileWorkSetup | undefined;
const held = newHeld();

port.on('message', (m: ToWorker | { readonly t: 'setup'; readonly setup: FileWorkSetup }) => {
  if (m.t === 'setup') {
    setup = m.setup;
    return;
  }
  if (!setup) throw new Error('merge-worker: a job before its setup');
  const reply = work(m, held, setup);
  if (!reply) return;
  // the compressed pieces move to the main thread instead of being copied
  port.postMessage(reply, reply.t === 'render' ? [...reply.rendered.pieces.map((p) => p.piece.data.buffer as ArrayBuffer), reply.rendered.strings.data.buffer as ArrayBuffer] : []);
});

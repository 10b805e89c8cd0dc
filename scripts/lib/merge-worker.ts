/** A merge worker thread: does the file work it is given (see ./merge-files). */
import { parentPort, workerData } from 'node:worker_threads';
import { newHeld, work, type FileWorkSetup, type ToWorker } from './merge-work';

const setup = workerData as FileWorkSetup;
const port = parentPort;
if (!port) throw new Error('merge-worker runs as a worker thread');
const held = newHeld();

port.on('message', (m: ToWorker) => {
  const reply = work(m, held, setup);
  if (!reply) return;
  // the compressed pieces move to the main thread instead of being copied
  port.postMessage(reply, reply.t === 'render' ? [...reply.rendered.pieces.map((p) => p.piece.data.buffer as ArrayBuffer), reply.rendered.strings.data.buffer as ArrayBuffer] : []);
});

/**
 * `node merge-floor-run.mjs <threads> <file>…` (this file bundled): the merge floor
 * (./merge-floor) over the files on that many threads — this one and workers running this same
 * script, taking files from a shared counter as the merge's threads do — then its figures as JSON.
 * `mofan bench merge` runs it as a command of its own, so its time includes starting Node, as the
 * merge's does. An entry point only: nothing imports it.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { addFigures, floorShare, type FloorFigures } from './merge-floor';

interface Share {
  readonly files: readonly string[];
  readonly counter: Int32Array;
}

if (!isMainThread) {
  const { files, counter } = workerData as Share;
  parentPort?.postMessage(floorShare(files, counter));
} else {
  const start = performance.now();
  const [threads, ...files] = process.argv.slice(2);
  const share: Share = { files, counter: new Int32Array(new SharedArrayBuffer(4)) };
  const workers = Array.from(
    { length: Math.max(0, (Number(threads) || 1) - 1) },
    () =>
      new Promise<FloorFigures>((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: share });
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  const mine = floorShare(files, share.counter);
  const all = (await Promise.all(workers)).reduce(addFigures, mine);
  console.log(JSON.stringify({ ...all, ms: Math.round(performance.now() - start) }));
}

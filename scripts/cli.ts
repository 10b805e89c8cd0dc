/** What bin/mofan.mjs runs: the command line and its temporary-file cleanup (one module graph, so they share state). */
export { run } from './main';
export { removeTempFilesOnSignal } from './lib/fs';

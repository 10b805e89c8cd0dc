// A merge worker thread: the TypeScript file work runs through tsx's loader, as in bin/mofan.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./merge-worker.ts');

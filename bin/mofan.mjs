#!/usr/bin/env node
// The `mofan` command: runs the TypeScript command line through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../scripts/main.ts');
const { removeTempFilesOnSignal } = await import('../scripts/lib/fs.ts');
removeTempFilesOnSignal();
process.exitCode = await run(process.argv.slice(2));

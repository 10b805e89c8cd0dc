#!/usr/bin/env node
// The `mofan` command: runs the TypeScript command line through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../scripts/main.ts');
process.exitCode = await run(process.argv.slice(2));

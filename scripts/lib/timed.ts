import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Timed {
  readonly ms: number;
  /** peak resident memory, where /usr/bin/time can tell */
  readonly peakRssMb: number | null;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a Node script as a whole command and time it, with its peak memory when /usr/bin/time exists. */
export function timeNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const timed = existsSync('/usr/bin/time');
  const options = { encoding: 'utf8' as const, maxBuffer: 512 * 1024 * 1024, env };
  const start = performance.now();
  const child = timed
    ? spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb=%M', process.execPath, ...args], options)
    : spawnSync(process.execPath, [...args], options);
  const ms = Math.round(performance.now() - start);
  const rss = timed ? Number(/peak-rss-kb=(\d+)/.exec(child.stderr)?.[1]) : NaN;
  return { ms, peakRssMb: Number.isFinite(rss) ? Math.round(rss / 1024) : null, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

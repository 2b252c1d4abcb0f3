/**
 * Runs one child process and measures its wall time (spawn to exit, so process start is
 * included) and peak RSS: `/usr/bin/time -f %M` when present, else VmHWM polled from
 * /proc/<pid>/status.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const SYNC = '/usr/bin/sync';
export const rssMethod = existsSync(GNU_TIME) ? '/usr/bin/time -f %M' : '/proc/<pid>/status VmHWM (polled every 20 ms)';

export interface Run {
  ms: number;
  /** Peak resident set size in bytes (null when it could not be read). */
  rss: number | null;
  /** stdout and stderr, interleaved. */
  output: string;
}

export interface Spec {
  cmd: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Scratch folder for /usr/bin/time's output file. */
  scratch: string;
}

function vmHwm(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function runOnce({ cmd, args, cwd, env, scratch }: Spec): Promise<Run> {
  // Untimed: write back what earlier steps left dirty (copies, imports), so the kernel's
  // background writeback does not compete with the run measured.
  if (existsSync(SYNC)) spawnSync(SYNC);
  const timeFile = join(scratch, `time-${process.pid}-${Date.now()}.txt`);
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let peak: number | null = null;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          const v = vmHwm(child.pid!);
          if (v !== null) peak = Math.max(peak ?? 0, v);
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      let rss = peak;
      if (useTime) {
        // /usr/bin/time may prefix "Command exited with non-zero status"; the number is the last line.
        const kib = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
        rmSync(timeFile, { force: true });
        rss = Number.isFinite(kib) ? kib * 1024 : null;
      }
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${output.trim().slice(-2000)}`));
      else resolve({ ms, rss, output });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Series {
  label: string;
  runs: Run[];
}

export const medianMs = (s: Series) => median(s.runs.map((r) => r.ms));
export const peakRss = (s: Series) => Math.max(0, ...s.runs.map((r) => r.rss ?? 0)) || null;

/**
 * Runs A and B alternately `n` times (A B, B A, A B, … so drift hits both alike), after
 * one untimed run of each.
 * `spec()` is called (untimed) before each run, so it can set up a fresh project.
 */
export async function alternate(n: number, a: { label: string; spec: () => Spec }, b: { label: string; spec: () => Spec }): Promise<[Series, Series]> {
  const sa: Series = { label: a.label, runs: [] };
  const sb: Series = { label: b.label, runs: [] };
  // Untimed warm-up of each: the first run after other work pays for caches the others find warm.
  await runOnce(a.spec());
  await runOnce(b.spec());
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? [[a, sa], [b, sb]] as const : [[b, sb], [a, sa]] as const;
    for (const [x, s] of order) {
      const run = await runOnce(x.spec());
      s.runs.push(run);
      console.error(`  ${x.label}: ${(run.ms / 1000).toFixed(2)} s`);
    }
  }
  return [sa, sb];
}

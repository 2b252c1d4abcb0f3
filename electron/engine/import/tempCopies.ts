import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Transcoded copies of an import hold personal data. Each lives in a folder named after
 * the process that made it, so a later process can remove the copies a killed one left.
 */
export const copyPrefix = (pid = process.pid) => `mi-import-${pid}-`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes copies whose process is gone; returns how many folders were removed. */
export async function sweepStaleCopies(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let removed = 0;
  for (const name of await readdir(dir)) {
    const pid = Number(/^mi-import-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

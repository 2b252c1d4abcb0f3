import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';

/** Per-user data folder for the CLI and browser mode (Electron passes its own userData path). */
export function defaultDataDir(): string {
  return process.env.MENTOR_IMPACT_HOME ? resolve(process.env.MENTOR_IMPACT_HOME) : join(homedir(), '.mentor-impact');
}

/** sample-data/ of the checkout or package this code runs from (found upwards from `from`). */
export function findSampleDataDir(from: string = process.argv[1] ?? process.cwd()): string {
  let dir = resolve(from);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'sample-data');
    if (existsSync(join(candidate, 'hris_export.csv'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('sample-data');
}

/** Helpers of the security tests: child processes of the CLI, project files read as bytes. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queryRows } from '../../electron/engine/db';
import { Project } from '../../electron/engine/project';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLE_DATA = join(ROOT, 'sample-data');
const CLI = join(ROOT, 'electron', 'cli', 'main.ts');

/** Temporary folders of one test file, removed together at its end (`afterAll(temp.cleanup)`). */
export function tempDirs(): { make(prefix: string): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * `electron/cli/main.ts …` in a child process, as `npm run cli` runs it but in one process
 * (`node --import tsx`; the tsx launcher would start a second one), so that killing the
 * child kills the process that holds the project.
 */
export function spawnCli(args: string[], home: string): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, MENTOR_IMPACT_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export async function runCli(args: string[], home: string) {
  return spawnCli(args, home).done;
}

/** How often `needle` occurs in the file's bytes. */
export function occurrences(file: string, needle: string): number {
  const bytes = readFileSync(file);
  const n = Buffer.from(needle, 'utf8');
  let count = 0;
  for (let i = bytes.indexOf(n); i >= 0; i = bytes.indexOf(n, i + 1)) count++;
  return count;
}

/** Bytes in the project's write-ahead log (0 when there is none). */
export function walBytes(projectPath: string): number {
  const wal = `${projectPath}.wal`;
  return existsSync(wal) ? statSync(wal).size : 0;
}

export interface ProjectState {
  /** Every table of the project file (not temporary ones) with its row count. */
  tables: Record<string, number>;
  imports: { import_id: number; kind: string; file_name: string; rows_loaded: number }[];
}

/** Opens the project in this process, reads its state, closes it again. */
export async function projectState(path: string): Promise<ProjectState> {
  const project = await Project.open(path);
  try {
    const names = await queryRows<{ name: string }>(
      project.conn,
      `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY table_name`,
    );
    const tables: Record<string, number> = {};
    for (const { name } of names) {
      const [row] = await queryRows<{ n: number }>(project.conn, `SELECT count(*)::BIGINT AS n FROM "${name.replaceAll('"', '""')}"`);
      tables[name] = row?.n ?? 0;
    }
    const imports = await queryRows<ProjectState['imports'][number]>(
      project.conn,
      'SELECT import_id, kind, file_name, rows_loaded FROM imports ORDER BY import_id',
    );
    return { tables, imports };
  } finally {
    await project.close();
  }
}

/** A deterministic pseudo-random generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Issue 18 item 9: `analyze` refused a read-only project ("Cannot open file …: Read-only file
 * system"): it opened the file for writing only to read it. analyze and report open read-only.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main';
import { importCsv } from '../../electron/engine/import/importCsv';
import { Project } from '../../electron/engine/project';
import { tempDir } from '../helpers';

const dir = tempDir('mi-read-only-');
const savedHome = process.env.MENTOR_IMPACT_HOME;
const isRoot = process.getuid?.() === 0;

/** Root ignores file modes: a read-only tmpfs stands in (a non-root user gets chmod 444). */
function readOnlyCopy(source: string): { path: string; cleanup(): void } | null {
  if (!isRoot) {
    const path = join(dir, 'ro.duckdb');
    copyFileSync(source, path);
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    return { path, cleanup: () => chmodSync(dir, 0o755) };
  }
  const at = join(dir, 'ro-disk');
  mkdirSync(at);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', at]).status !== 0) return null;
  copyFileSync(source, join(at, 'ro.duckdb'));
  if (spawnSync('mount', ['-o', 'remount,ro', at]).status !== 0) {
    spawnSync('umount', [at]);
    return null;
  }
  return { path: join(at, 'ro.duckdb'), cleanup: () => void spawnSync('umount', [at]) };
}

describe('a read-only project', () => {
  let ro: ReturnType<typeof readOnlyCopy> = null;
  beforeAll(async () => {
    process.env.MENTOR_IMPACT_HOME = join(dir, 'home');
    const source = join(dir, 'p.duckdb');
    const project = await Project.open(source);
    const csv = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    await importCsv(project.conn, { path: csv('people.csv', 'employee_id,hire_date\n1,2020-01-01\n2,2020-01-01\n'), kind: 'people', asOf: '2024-01-01' });
    await importCsv(project.conn, { path: csv('roster.csv', 'employee_id,role,cohort,start_date\n1,mentee,A,2022-01-01\n'), kind: 'roster' });
    await project.close();
    ro = readOnlyCopy(source);
  });
  afterAll(() => {
    ro?.cleanup();
    if (savedHome === undefined) delete process.env.MENTOR_IMPACT_HOME;
    else process.env.MENTOR_IMPACT_HOME = savedHome;
  });
  afterEach(() => vi.restoreAllMocks());

  it('is analysed by `analyze --json`', async (ctx) => {
    if (!ro) return ctx.skip();
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    const out = join(tempDir('mi-read-only-out-'), 'result.json');
    expect(await main(['analyze', ro.path, '--json', out])).toBe(0);
    expect(errors).toEqual([]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ population: { participants: 1, comparison: 1 } });
  });
});

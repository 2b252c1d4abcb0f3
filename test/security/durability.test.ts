/**
 * Durability (issue #8 §4), with real child processes of the CLI and the server:
 * - `kill -9` during an import or an analysis leaves a project that opens in its previous
 *   state (same tables and counts, no partial import in the log);
 * - a project open in another process gives one clear line and a non-zero exit;
 * - closing checkpoints: no data is left in the .wal.
 */
import { copyFileSync, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/engine/project';
import { startServe } from '../e2e/harness';
import { tempDir, writeCsv } from '../helpers';
import { SAMPLE_DATA, projectState, runCli, spawnCli, walBytes } from './helpers';
import type { ProjectState } from './helpers';

const BIG_ROWS = 200_000;

/** A people export large enough that its import takes seconds. */
async function writeBigPeople(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('Employee ID,Hire Date,Termination Date,Department,Job Level\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `E${String(i).padStart(8, '0')},20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10},${i % 7 === 0 ? '2024-03-15' : ''},Dept ${i % 13},L${i % 5}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).once('error', reject));
}

const SMALL_PEOPLE = ['Employee ID,Hire Date,Termination Date,Department', ...Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(4, '0')},2019-0${1 + (i % 9)}-15,,Sales`)].join('\n') + '\n';
const SMALL_ROSTER = ['Employee ID,Role,Cohort,Start Date', ...Array.from({ length: 12 }, (_, i) => `P${String(i).padStart(4, '0')},mentee,2023 Spring,2023-03-01`)].join('\n') + '\n';

async function expectOk(args: string[], home: string): Promise<void> {
  const r = await runCli(args, home);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
}

/** Kills the process with SIGKILL once `when` says so (polled), or after `maxMs`. */
async function killWhen(run: ReturnType<typeof spawnCli>, when: () => boolean, maxMs: number): Promise<{ killed: boolean; code: number | null }> {
  const started = Date.now();
  let exited = false;
  void run.done.then(() => (exited = true));
  while (!exited && !when() && Date.now() - started < maxMs) await new Promise((r) => setTimeout(r, 10));
  const killed = !exited && run.child.kill('SIGKILL');
  const res = await run.done;
  return { killed: killed && res.signal === 'SIGKILL', code: res.code };
}

describe('kill -9 during an import', () => {
  let dir: string;
  let home: string;
  let base: string;
  let big: string;
  let before: ProjectState;
  let after: ProjectState;
  let fullMs: number;

  beforeAll(async () => {
    dir = tempDir('mi-durable-');
    home = join(dir, 'home');
    base = join(dir, 'base.duckdb');
    await expectOk(['import', base, '--kind', 'people', writeCsv(dir, 'people.csv', SMALL_PEOPLE), '--as-of', '2025-01-31'], home);
    await expectOk(['import', base, '--kind', 'roster', writeCsv(dir, 'roster.csv', SMALL_ROSTER)], home);
    before = await projectState(base);
    big = join(dir, 'big_people.csv');
    await writeBigPeople(big, BIG_ROWS);
    // The same import, run to the end on a copy: how long it takes, and the state it leads to.
    const full = join(dir, 'full.duckdb');
    copyFileSync(base, full);
    const started = Date.now();
    await expectOk(['import', full, '--kind', 'people', big, '--as-of', '2025-01-31'], home);
    fullMs = Date.now() - started;
    after = await projectState(full);
    expect(after.tables.people).toBe(BIG_ROWS);
  });

  it('the baseline has data and an imports log', () => {
    expect(before.tables).toMatchObject({ people: 40, roster: 12, imports: 2 });
    expect(before.imports.map((i) => i.kind)).toEqual(['people', 'roster']);
  });

  const cases: [string, number][] = [
    ['early (reading the file)', 0.35],
    ['midway', 0.6],
    ['late', 0.85],
  ];

  it.each(cases)('killed %s: the project opens as it was, or with the import whole', async (_name, fraction) => {
    const path = join(dir, `kill-${fraction}.duckdb`);
    copyFileSync(base, path);
    const run = spawnCli(['import', path, '--kind', 'people', big, '--as-of', '2025-01-31'], home);
    const started = Date.now();
    const { killed } = await killWhen(run, () => Date.now() - started >= fraction * fullMs, fullMs * 3);
    const state = await projectState(path);
    // Killed before its commit, the import left nothing; a run that ended first landed whole.
    expect(state).toEqual(killed ? before : after);
  });

  it('killed while it writes the project file: the project opens as it was', async () => {
    const path = join(dir, 'kill-write.duckdb');
    copyFileSync(base, path);
    const size = statSync(path).size;
    const run = spawnCli(['import', path, '--kind', 'people', big, '--as-of', '2025-01-31'], home);
    // The first sign of the write: the file grows (DuckDB writes large inserts before the commit) or a WAL appears.
    const { killed } = await killWhen(run, () => walBytes(path) > 0 || (existsSync(path) && statSync(path).size !== size), fullMs * 3);
    const state = await projectState(path);
    // Killed in the middle of its commit, the import is either all there or not at all.
    if (killed) expect([before, after].map((s) => JSON.stringify(s))).toContain(JSON.stringify(state));
    else expect(state).toEqual(after);
    // And the project takes the next import.
    await expectOk(['import', path, '--kind', 'people', big, '--as-of', '2025-01-31'], home);
    const again = await projectState(path);
    expect(again.tables.people).toBe(BIG_ROWS);
    expect(again.imports.at(-1)).toMatchObject({ kind: 'people', rows_loaded: BIG_ROWS });
  });
});

describe('kill -9 during an analysis', () => {
  it('leaves the project as it was, without tables of the analysis', async () => {
    const dir = tempDir('mi-durable-an-');
    const home = join(dir, 'home');
    const path = join(dir, 'sample.duckdb');
    await expectOk(['import', path, '--kind', 'people', join(SAMPLE_DATA, 'hris_export.csv'), '--as-of', '2025-09-30'], home);
    await expectOk(['import', path, '--kind', 'roster', join(SAMPLE_DATA, 'program_roster.csv')], home);
    await expectOk(['import', path, '--kind', 'survey', join(SAMPLE_DATA, 'engagement_survey.csv')], home);
    await expectOk(['import', path, '--kind', 'performance', join(SAMPLE_DATA, 'performance_reviews.csv')], home);
    const before = await projectState(path);
    const config = writeCsv(dir, 'analysis.json', JSON.stringify({ segmentBy: ['department', 'job_level', 'location'], survey: { reverseItems: ['ENG6'] } }));
    const started = Date.now();
    await expectOk(['analyze', path, '--config', config, '--json', join(dir, 'full.json')], home);
    const fullMs = Date.now() - started;

    for (const fraction of [0.5, 0.8]) {
      const run = spawnCli(['analyze', path, '--config', config, '--json', join(dir, `killed-${fraction}.json`)], home);
      const t0 = Date.now();
      await killWhen(run, () => Date.now() - t0 >= fraction * fullMs, fullMs * 3);
      expect(await projectState(path)).toEqual(before);
    }
    await expectOk(['analyze', path, '--config', config, '--json', join(dir, 'again.json')], home);
  });
});

describe('a project open in another process', () => {
  it('gives one clear line and a non-zero exit, and leaves the project unchanged', async () => {
    const dir = tempDir('mi-locked-');
    const home = join(dir, 'home');
    const path = join(dir, 'team.duckdb');
    const csv = writeCsv(dir, 'people.csv', SMALL_PEOPLE);
    await expectOk(['import', path, '--kind', 'people', csv, '--as-of', '2025-01-31'], home);
    const before = await projectState(path);

    const holder = await Project.open(path); // this test's process holds the file's lock
    try {
      for (const args of [
        ['import', path, '--kind', 'people', csv],
        ['analyze', path, '--json', join(dir, 'out.json')],
      ]) {
        const r = await runCli(args, home);
        expect(r.code, args[0]).toBe(1);
        const lines = r.stderr.trim().split('\n');
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toBe('mentor-impact: This project is open in another Mentor Impact window or process; close it there first.');
        expect(r.stdout).toBe('');
      }
      expect(existsSync(join(dir, 'out.json'))).toBe(false);
    } finally {
      await holder.close();
    }
    expect(await projectState(path)).toEqual(before);
  });
});

describe('closing checkpoints the project', () => {
  it('after a CLI import, the .wal is gone or empty and the file alone holds the data', async () => {
    const dir = tempDir('mi-ckpt-');
    const home = join(dir, 'home');
    const path = join(dir, 'team.duckdb');
    await expectOk(['import', path, '--kind', 'people', writeCsv(dir, 'people.csv', SMALL_PEOPLE), '--as-of', '2025-01-31'], home);
    expect(walBytes(path)).toBe(0);
    // Only the .duckdb file: copied alone, it has everything.
    const copy = join(dir, 'copy.duckdb');
    copyFileSync(path, copy);
    expect((await projectState(copy)).tables.people).toBe(40);
  });

  it('after the browser-mode server stops (SIGTERM), the .wal is gone or empty', async () => {
    const dir = tempDir('mi-ckpt-serve-');
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    const path = join(dir, 'served.duckdb');
    const serve = await startServe(['--project', path, '--port', '0', '--static', staticDir], { MENTOR_IMPACT_HOME: join(dir, 'home') });
    const token = new URL(serve.url).searchParams.get('token')!;
    const headers = { Authorization: `Bearer ${token}` };
    const up = await fetch(`${serve.origin}/api/upload`, { method: 'POST', headers, body: SMALL_PEOPLE });
    const { value } = (await up.json()) as { value: { uploadId: string } };
    const imported = await fetch(`${serve.origin}/api/importFile`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ file: { uploadId: value.uploadId }, fileName: 'people.csv', kind: 'people', asOf: '2025-01-31' }),
    });
    expect(((await imported.json()) as { ok: boolean }).ok).toBe(true);
    expect(await serve.stop()).toBe(0);
    expect(walBytes(path)).toBe(0);
    expect((await projectState(path)).tables.people).toBe(40);
  });
});

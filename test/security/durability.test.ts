/**
 * Durability, with real child processes of the CLI and the server:
 * - `kill -9` during an import or an analysis leaves a project that opens in its previous
 *   state (same tables and counts, no partial import in the log);
 * - a project open in another process gives one clear line and a non-zero exit;
 * - closing checkpoints: no data is left in the .wal.
 */
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/engine/project';
import { startServe } from '../e2e/harness';
import { writeCsv } from '../helpers';
import { projectState, runCli, SAMPLE_DATA, spawnCli, tempDirs, walBytes } from './helpers';
import type { ProjectState } from './helpers';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A wide survey export: 80,000 respondents × 40 items = 3.2 million stored answers. */
const BIG_RESPONDENTS = 80_000;
const BIG_ITEMS = 40;
const BIG_ANSWERS = BIG_RESPONDENTS * BIG_ITEMS;

/** A survey export large enough that its import takes seconds. */
async function writeBigSurvey(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`Employee ID,Response Date,${Array.from({ length: BIG_ITEMS }, (_, j) => `Q${j + 1}`).join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < BIG_RESPONDENTS; i++) {
    chunk += `E${String(i).padStart(8, '0')},2024-0${1 + (i % 9)}-1${i % 10},${Array.from({ length: BIG_ITEMS }, (_, j) => 1 + ((i * 7 + j * 3) % 5)).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).once('error', reject));
}

const SMALL_PEOPLE = ['Employee ID,Hire Date,Termination Date,Department', ...Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(4, '0')},2019-0${1 + (i % 9)}-15,,Sales`)].join('\n') + '\n';
const SMALL_ROSTER = ['Employee ID,Role,Cohort,Start Date', ...Array.from({ length: 12 }, (_, i) => `P${String(i).padStart(4, '0')},mentee,2023 Spring,2023-03-01`)].join('\n') + '\n';
const SMALL_SURVEY = ['Employee ID,Response Date,Q1,Q2', ...Array.from({ length: 10 }, (_, i) => `P${String(i).padStart(4, '0')},2024-02-01,${1 + (i % 5)},${5 - (i % 5)}`)].join('\n') + '\n';

async function expectOk(args: string[], home: string): Promise<void> {
  const r = await runCli(args, home);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
}

const HAS_PROC = process.platform === 'linux' && existsSync('/proc/self/io');

/** Bytes the process has read so far (Linux /proc/PID/io rchar), or null. */
function bytesRead(pid: number): number | null {
  try {
    const m = /^rchar:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Whether the process has `file` open (Linux /proc/PID/fd). */
function hasOpen(pid: number, file: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/**
 * "The import has read `fraction` of the file": from the moment the process first has the
 * file open, it has read fraction × size more bytes (the import reads the file about twice:
 * its own scan and DuckDB's load run side by side). Without /proc: a share of the time.
 */
function readProgress(pid: number, file: string, fraction: number, fallbackMs: number): () => boolean {
  const size = statSync(file).size;
  const started = Date.now();
  let base: number | null = null;
  return () => {
    if (!HAS_PROC) return Date.now() - started >= fallbackMs;
    if (base === null) {
      if (!hasOpen(pid, file)) return false;
      base = bytesRead(pid);
      return false;
    }
    const now = bytesRead(pid);
    return now !== null && now - base >= fraction * size;
  };
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
  /** How long the CLI takes to start, open the project and import a tiny file. */
  let startupMs: number;

  beforeAll(async () => {
    dir = temp.make('mi-durable-');
    home = join(dir, 'home');
    base = join(dir, 'base.duckdb');
    await expectOk(['import', base, '--kind', 'people', writeCsv(dir, 'people.csv', SMALL_PEOPLE), '--as-of', '2025-01-31'], home);
    await expectOk(['import', base, '--kind', 'roster', writeCsv(dir, 'roster.csv', SMALL_ROSTER)], home);
    const t0 = Date.now();
    await expectOk(['import', base, '--kind', 'survey', writeCsv(dir, 'survey.csv', SMALL_SURVEY)], home);
    startupMs = Date.now() - t0;
    before = await projectState(base);
    big = join(dir, 'big_survey.csv');
    await writeBigSurvey(big);
    // The same import, run to the end on a copy: how long it takes, and the state it leads to.
    const full = join(dir, 'full.duckdb');
    copyFileSync(base, full);
    const started = Date.now();
    await expectOk(['import', full, '--kind', 'survey', big], home);
    fullMs = Date.now() - started;
    after = await projectState(full);
    expect(after.tables.survey_responses).toBe(BIG_ANSWERS);
  }, 300_000);

  it('the baseline has data and an imports log; the big import takes a while', () => {
    expect(fullMs, `import ${fullMs} ms, CLI start ${startupMs} ms`).toBeGreaterThan(startupMs + 1000);
    expect(before.tables).toMatchObject({ people: 40, roster: 12, survey_responses: 20, imports: 3 });
    expect(before.imports.map((i) => i.kind)).toEqual(['people', 'roster', 'survey']);
  });

  /** [name, bytes read since the file was opened as a share of its size, share of the time without /proc]. */
  const cases: [string, number, number][] = [
    ['as it starts reading the file', 0.05, 0.3],
    ['a third of the way through reading', 0.6, 0.5],
    ['late in reading', 1.4, 0.7],
  ];

  it.each(cases)('killed %s: the project opens as it was', async (_name, fraction, timeShare) => {
    const path = join(dir, `kill-${fraction}.duckdb`);
    copyFileSync(base, path);
    const run = spawnCli(['import', path, '--kind', 'survey', big], home);
    const at = startupMs + timeShare * Math.max(0, fullMs - startupMs);
    const { killed } = await killWhen(run, readProgress(run.child.pid!, big, fraction, at), fullMs * 5);
    const state = await projectState(path);
    // Late in reading the import may win the race on a fast or idle machine; the state check
    // below holds either way, and the earlier cases always kill mid-import.
    if (HAS_PROC && fraction < 1) expect(killed, 'killed while the import was running').toBe(true);
    // Killed before its commit, the import left nothing; a run that ended first landed whole.
    expect(state).toEqual(killed ? before : after);
  });

  it('killed while it writes the project file: the project opens as it was', async () => {
    const path = join(dir, 'kill-write.duckdb');
    copyFileSync(base, path);
    const size = statSync(path).size;
    const run = spawnCli(['import', path, '--kind', 'survey', big], home);
    // The first sign of the write: the file grows (DuckDB writes large inserts before the commit) or a WAL appears.
    const { killed } = await killWhen(run, () => walBytes(path) > 0 || (existsSync(path) && statSync(path).size !== size), fullMs * 5);
    const state = await projectState(path);
    // Killed in the middle of its commit, the import is either all there or not at all.
    if (killed) expect([before, after].map((s) => JSON.stringify(s))).toContain(JSON.stringify(state));
    else expect(state).toEqual(after);
    // And the project takes the next import.
    await expectOk(['import', path, '--kind', 'survey', big], home);
    const again = await projectState(path);
    expect(again.tables.survey_responses).toBe(BIG_ANSWERS);
    expect(again.imports.at(-1)).toMatchObject({ kind: 'survey', rows_loaded: BIG_RESPONDENTS });
  });
});

describe('kill -9 during an analysis', () => {
  it('leaves the project as it was, without tables of the analysis', async () => {
    const dir = temp.make('mi-durable-an-');
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
    const dir = temp.make('mi-locked-');
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
    const dir = temp.make('mi-ckpt-');
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
    const dir = temp.make('mi-ckpt-serve-');
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

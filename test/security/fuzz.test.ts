/**
 * Fuzz: a seeded corpus of corrupted CSV files (test/security/fuzzCorpus.ts),
 * imported through the Engine API. Every case must end in a success or a clear error (an
 * ApiError whose one-line message names the file) within a bound — never a crash, a hang,
 * or a project left unusable.
 *
 * The imports run in a child process (fuzzWorker.ts), so a crash of the native DuckDB code
 * or a hang is seen as such: the child is killed after CASE_BOUND_MS and restarted at the
 * next case. No assertion about speed beyond "does not hang".
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/service';
import type { ApiError } from '../../shared/result';
import { corpus, validCsv } from './fuzzCorpus';
import { ROOT, SAMPLE_DATA, seeded, tempDirs } from './helpers';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const SEED = Number(process.env.MI_FUZZ_SEED ?? 20251123);
/** "Does not hang": every case ends inside this bound. */
const CASE_BOUND_MS = 30_000;

/**
 * Cases the import does not pass yet, by name. They run with a short bound
 * and are expected to fail: when one passes, `it.fails` turns red — remove it from here then.
 */
const KNOWN_FAILURES: Record<string, string> = {};
const KNOWN_FAILURE_BOUND_MS = 10_000;

type Outcome =
  | { status: 'done'; ms: number; fileName: string; ok: boolean; error?: ApiError; rowsLoaded?: number; usable: boolean }
  | { status: 'timeout' }
  | { status: 'crash'; exit: string; stderr: string };

/** Runs the corpus in child processes; one outcome per case (1-based). */
async function runCorpus(seed: number, dir: string, count: number, boundFor: (i: number) => number): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  let next = 1;
  while (next <= count) {
    const first = next;
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'security', 'fuzzWorker.ts'), String(seed), dir, String(first)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let current: number | null = null;
      let timer: NodeJS.Timeout | undefined;
      let out = '';
      let stderr = '';
      const arm = (i: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          outcomes.set(i, { status: 'timeout' });
          next = i + 1;
          current = null;
          child.kill('SIGKILL');
        }, boundFor(i));
      };
      child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        let nl: number;
        while ((nl = out.indexOf('\n')) >= 0) {
          const line = out.slice(0, nl);
          out = out.slice(nl + 1);
          if (!line.startsWith('@@fuzz ')) continue;
          const msg = JSON.parse(line.slice(7)) as { case?: number; phase: string } & Record<string, unknown>;
          if (msg.phase === 'start' && msg.case) {
            current = msg.case;
            arm(msg.case);
          } else if (msg.phase === 'done' && msg.case) {
            clearTimeout(timer);
            outcomes.set(msg.case, { status: 'done', ...(msg as unknown as Omit<Extract<Outcome, { status: 'done' }>, 'status'>) });
            current = null;
            next = msg.case + 1;
          }
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (current !== null) {
          // Died inside a case that was not timed out: a crash.
          outcomes.set(current, { status: 'crash', exit: signal ?? `code ${code}`, stderr });
          next = current + 1;
        } else if (next === first && !outcomes.has(first)) {
          // Died before starting any case: report it on the first one and move on.
          outcomes.set(first, { status: 'crash', exit: signal ?? `code ${code}`, stderr });
          next = first + 1;
        }
        resolve();
      });
    });
  }
  return outcomes;
}

describe(`import fuzz (seed ${SEED}; MI_FUZZ_SEED=<n> for another corpus)`, () => {
  const cases = corpus(SEED);
  let outcomes: Map<number, Outcome>;

  beforeAll(async () => {
    const dir = temp.make('mi-fuzz-');
    const bound = (i: number) => (KNOWN_FAILURES[cases[i - 1]!.name] ? KNOWN_FAILURE_BOUND_MS : CASE_BOUND_MS);
    outcomes = await runCorpus(SEED, dir, cases.length, bound);
  }, 20 * 60_000);

  it('generates the same corpus for the same seed', () => {
    const names = (c: typeof cases) => c.map((x) => `${x.name}:${typeof x.body === 'function' ? 'f' : x.body.length}`);
    expect(names(corpus(SEED))).toEqual(names(cases));
    expect(cases.length).toBeGreaterThan(50);
  });

  const check = (i: number) => {
    const name = cases[i - 1]!.name;
    const o = outcomes.get(i);
    expect(o, `case ${i} (${name}) has no outcome`).toBeDefined();
    if (o!.status === 'timeout') expect.fail(`case ${i} (${name}): still running after ${KNOWN_FAILURES[name] ? KNOWN_FAILURE_BOUND_MS : CASE_BOUND_MS} ms`);
    if (o!.status === 'crash') expect.fail(`case ${i} (${name}): the process died (${o!.exit}):\n${o!.stderr}`);
    const done = o as Extract<Outcome, { status: 'done' }>;
    if (!done.ok) {
      const e = done.error!;
      expect(e.message, JSON.stringify(e)).toContain(done.fileName);
      expect(e.message.split('\n'), 'one line').toHaveLength(1);
      expect(e.code, JSON.stringify(e)).not.toBe('internal');
    }
    expect(done.usable, 'the project answers listTables after the case').toBe(true);
  };

  for (const [index, c] of cases.entries()) {
    const i = index + 1;
    const known = KNOWN_FAILURES[c.name];
    if (known) it.fails(`case ${i}: ${c.name} — KNOWN FAILURE: ${known}`, () => check(i));
    else it(`case ${i}: ${c.name} — ends in a success or an error naming the file`, () => check(i));
  }
});

describe('after a corrupted file', () => {
  let engine: Engine;

  afterAll(async () => {
    await engine?.closeProject();
  });

  it('a failed import leaves the project as it was, and a good file imports', async () => {
    const dir = temp.make('mi-fuzz-after-');
    engine = new Engine({ host: 'direct', dataDir: join(dir, 'home'), sampleDataDir: SAMPLE_DATA });
    expect((await engine.api.openProject({ path: join(dir, 'p.duckdb') })).ok).toBe(true);
    const good = join(dir, 'good.csv');
    writeFileSync(good, validCsv('performance', 20, seeded(1)));
    expect(await engine.api.importFile({ file: { path: good }, kind: 'performance' })).toMatchObject({ ok: true, value: { rowsLoaded: 20 } });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${validCsv('performance', 50, seeded(2))}000001,2024-01-01,"unclosed\n`);
    const res = await engine.api.importFile({ file: { path: bad }, kind: 'performance' });
    expect(res.ok).toBe(false);
    const tables = await engine.api.listTables({});
    expect(tables.ok && Object.fromEntries(tables.value.map((t) => [t.name, t.rows]))).toMatchObject({ performance_reviews: 20, imports: 1 });
  });
});

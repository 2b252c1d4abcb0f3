/**
 * Fuzz (issue #8 §7): a seeded generator of corrupted CSV files, imported through the
 * Engine API. Every case must end in a success or a clear error (an ApiError whose message
 * names the file) within a bound — never a crash, a hang, or a project left unusable.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/service';
import type { ApiError, Result } from '../../shared/result';
import { tempDir } from '../helpers';
import { corpus, validCsv } from './fuzzCorpus';
import type { FuzzCase } from './fuzzCorpus';
import { SAMPLE_DATA, seeded } from './helpers';

const SEED = Number(process.env.MI_FUZZ_SEED ?? 20251123);
/** "Does not hang": every case ends inside this bound (no assertion about speed beyond it). */
const CASE_BOUND_MS = 30_000;

type Outcome = { status: 'ok'; summary: string } | { status: 'error'; error: ApiError } | { status: 'timeout' };

async function bounded<T>(work: Promise<Result<T>>, ms: number): Promise<Result<T> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe(`import fuzz (seed ${SEED}; MI_FUZZ_SEED=<n> for another corpus)`, () => {
  let dir: string;
  let engine: Engine;
  const cases = corpus(SEED);

  beforeAll(async () => {
    dir = tempDir('mi-fuzz-');
    engine = new Engine({ host: 'direct', dataDir: join(dir, 'home'), sampleDataDir: SAMPLE_DATA });
    const opened = await engine.api.openProject({ path: join(dir, 'fuzz.duckdb') });
    expect(opened.ok).toBe(true);
  });

  afterAll(async () => {
    await engine?.closeProject();
  });

  it('generates the same corpus for the same seed', () => {
    const names = (c: FuzzCase[]) => c.map((x) => `${x.name}:${typeof x.body === 'function' ? 'f' : x.body.length}`);
    expect(names(corpus(SEED))).toEqual(names(cases));
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases.map((c, i) => [i + 1, c.name, c] as const))(
    'case %i: %s — ends in a success or an error naming the file',
    async (i, _name, c) => {
      const fileName = `fuzz-${SEED}-${i}.csv`;
      const path = join(dir, fileName);
      if (typeof c.body === 'function') await c.body(path);
      else writeFileSync(path, c.body);

      const res = await bounded(engine.api.importFile({ file: { path }, fileName, kind: c.kind, asOf: c.kind === 'people' ? '2025-01-31' : undefined }), CASE_BOUND_MS);
      const outcome: Outcome = res === 'timeout' ? { status: 'timeout' } : res.ok ? { status: 'ok', summary: `${res.value.rowsLoaded}/${res.value.rowsRead}` } : { status: 'error', error: res.error };
      expect(outcome.status, `${c.name}: did not finish within ${CASE_BOUND_MS} ms`).not.toBe('timeout');
      if (outcome.status === 'error') {
        expect(outcome.error.message, JSON.stringify(outcome.error)).toContain(fileName);
        expect(outcome.error.message.split('\n'), 'one line').toHaveLength(1);
        expect(outcome.error.code, JSON.stringify(outcome.error)).not.toBe('internal');
      }
      // The project is still usable after every case.
      const tables = await bounded(engine.api.listTables({}), CASE_BOUND_MS);
      expect(tables !== 'timeout' && tables.ok).toBe(true);
    },
    CASE_BOUND_MS * 3,
  );

  it('still imports a good file after the whole corpus', async () => {
    const path = join(dir, 'good.csv');
    writeFileSync(path, validCsv('performance', 20, seeded(1)));
    const res = await engine.api.importFile({ file: { path }, kind: 'performance' });
    expect(res.ok && res.value.rowsLoaded).toBe(20);
  });
});

/**
 * Issue 18 item 2: a data file given as the project. DuckDB opens a CSV, JSON or Parquet path
 * as an in-memory database with a view over the file, so an import "succeeded" and kept
 * nothing. Only DuckDB files (by their header) and new `*.duckdb` paths are projects.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main';
import { Engine } from '../../electron/engine/service';
import { tempDir } from '../helpers';

const sampleDataDir = join(__dirname, '..', '..', 'sample-data');
const PERFORMANCE = 'employee_id,review_date,rating\n001,2024-01-15,3\n';

describe('a data file as the project', () => {
  const dir = tempDir('mi-project-file-');
  const savedHome = process.env.MENTOR_IMPACT_HOME;
  let errors: string[] = [];
  beforeAll(() => {
    process.env.MENTOR_IMPACT_HOME = join(dir, 'home');
  });
  afterAll(() => {
    if (savedHome === undefined) delete process.env.MENTOR_IMPACT_HOME;
    else process.env.MENTOR_IMPACT_HOME = savedHome;
  });
  afterEach(() => vi.restoreAllMocks());

  async function run(args: string[]): Promise<number> {
    errors = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    return main(args);
  }

  it('`import t.csv --kind performance other.csv` is refused, naming t.csv, and t.csv is unchanged', async () => {
    const project = join(dir, 't.csv');
    writeFileSync(project, PERFORMANCE);
    const data = join(dir, 'other.csv');
    writeFileSync(data, PERFORMANCE);
    expect(await run(['import', project, '--kind', 'performance', data])).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^mentor-impact: t\.csv is not a DuckDB project file/);
    expect(readFileSync(project, 'utf8')).toBe(PERFORMANCE);
    expect(existsSync(`${project}.wal`)).toBe(false);
  });

  it.each(['t.json', 't.parquet', 't.csv.gz', 'notes.txt'])('openProject refuses an existing %s and a new file of that name', async (name) => {
    const engine = new Engine({ host: 'direct', dataDir: tempDir(), sampleDataDir });
    const existing = join(dir, `existing-${name}`);
    writeFileSync(existing, name.endsWith('json') ? '[{"a":1}]' : 'PAR1 not really');
    const refused = await engine.api.openProject({ path: existing });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_a_project' } });
    if (!refused.ok) expect(refused.error.message).toContain('is not a DuckDB project file');
    const fresh = join(dir, `new-${name}`);
    const notCreated = await engine.api.openProject({ path: fresh });
    expect(notCreated).toMatchObject({ ok: false, error: { code: 'not_a_project' } });
    if (!notCreated.ok) expect(notCreated.error.message).toMatch(/must end in \.duckdb/);
    expect(existsSync(fresh)).toBe(false);
  });

  it('a .duckdb name holding something else is refused with a clear message', async () => {
    const engine = new Engine({ host: 'direct', dataDir: tempDir(), sampleDataDir });
    const fake = join(dir, 'fake.duckdb');
    writeFileSync(fake, PERFORMANCE);
    const r = await engine.api.openProject({ path: fake });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_a_project', message: 'fake.duckdb is not a DuckDB project file; nothing was opened' } });
    expect(readFileSync(fake, 'utf8')).toBe(PERFORMANCE);
  });

  it('new .duckdb files are created, and an existing DuckDB file opens under any name', async () => {
    const engine = new Engine({ host: 'direct', dataDir: tempDir(), sampleDataDir });
    const path = join(dir, 'real.duckdb');
    expect((await engine.api.openProject({ path })).ok).toBe(true);
    await engine.closeProject();
    const renamed = join(dir, 'real-copy.db');
    copyFileSync(path, renamed);
    const r = await engine.api.openProject({ path: renamed });
    expect(r.ok).toBe(true);
    await engine.closeProject();
    expect(await run(['import', join(dir, 'cli.duckdb'), '--kind', 'performance', join(dir, 'other.csv')])).toBe(0);
  });
});

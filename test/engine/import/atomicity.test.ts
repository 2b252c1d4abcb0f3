/**
 * An import lands whole or leaves the project exactly as it was: cancelled in
 * any phase, interrupted inside a running DuckDB query, or failing after replace mode has
 * already deleted the old rows.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { importCsv } from '../../../electron/engine/import/importCsv';
import type { ImportPhase } from '../../../electron/engine/import/importCsv';
import { queryRows } from '../../../electron/engine/db';
import { tempDir } from '../../helpers';
import { engineError, fixture, snapshot } from './helpers';

let dir: string;
let project: Project;

beforeEach(async () => {
  dir = tempDir();
  project = await Project.open(join(dir, 'p.duckdb'));
  // A project with data in every table, extra attribute columns and rejects.
  await importCsv(project.conn, { path: fixture(dir, 'people.csv', 'employee_id,hire_date,termination_date,Cost Center\n1,2020-01-01,,A\n2,2020-02-01,2021-01-01,B\n3,bad,,C\n'), kind: 'people' });
  await importCsv(project.conn, { path: fixture(dir, 'roster.csv', 'employee_id,role,cohort,start_date\n1,mentee,C1,2021-01-01\n'), kind: 'roster' });
  await importCsv(project.conn, { path: fixture(dir, 'survey.csv', 'employee_id,response_date,Q1,Q2\n1,2021-01-01,4,5\n'), kind: 'survey' });
  await importCsv(project.conn, { path: fixture(dir, 'perf.csv', 'employee_id,review_date,rating\n1,2021-06-01,3\n'), kind: 'performance' });
});
afterEach(async () => {
  await project.close();
});

/** A people file big enough that DuckDB's queries take a while (new attribute columns, other rows). */
function bigPeople(rowsCount: number): string {
  const lines = ['employee_id,hire_date,termination_date,Department,Grade,Notes'];
  for (let i = 0; i < rowsCount; i++) lines.push(`${100_000 + i},2019-0${1 + (i % 9)}-1${i % 10},,Dept ${i % 40},G${i % 7},"note ${i}, with a comma"`);
  return lines.join('\n') + '\n';
}

async function tempObjects(): Promise<string[]> {
  const r = await queryRows<{ name: string }>(project.conn, `SELECT table_name AS name FROM duckdb_tables() WHERE temporary UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal`);
  return r.map((x) => x.name).filter((n) => n.startsWith('__mi'));
}

describe('atomicity', () => {
  it('a failure after the replace-mode DELETE rolls everything back', async () => {
    const before = await snapshot(project);
    let writes = 0;
    const err = await importCsv(project.conn, { path: fixture(dir, 'new.csv', bigPeople(1000)), kind: 'people' }, (p) => {
      if (p.phase === 'write' && ++writes === 2) throw new Error('injected failure after DELETE');
    }).catch((e: unknown) => e);
    expect(writes).toBe(2);
    expect((err as Error).message).toBe('injected failure after DELETE');
    expect(await snapshot(project)).toEqual(before);
    expect(await tempObjects()).toEqual([]);
    // The project stays usable.
    const s = await importCsv(project.conn, { path: fixture(dir, 'new2.csv', bigPeople(10)), kind: 'people' });
    expect(s.rowsLoaded).toBe(10);
  });

  for (const phase of ['scan', 'load', 'check', 'write'] as ImportPhase[]) {
    it(`cancelling in the ${phase} phase throws 'cancelled' and changes nothing`, async () => {
      const before = await snapshot(project);
      const ac = new AbortController();
      const err = await engineError(
        importCsv(project.conn, { path: fixture(dir, 'new.csv', bigPeople(20_000)), kind: 'people', signal: ac.signal, tempDir: dir }, (p) => {
          if (p.phase === phase) ac.abort();
        }),
      );
      expect(err.toApiError()).toMatchObject({ code: 'cancelled', file: 'new.csv' });
      expect(err.message).toBe('new.csv: import cancelled; the project is unchanged');
      expect(await snapshot(project)).toEqual(before);
      expect(await tempObjects()).toEqual([]);
    });
  }

  it('cancelling interrupts a running DuckDB query', async () => {
    const before = await snapshot(project);
    const ac = new AbortController();
    const started = Date.now();
    let aborted = 0;
    const err = await engineError(
      importCsv(project.conn, { path: fixture(dir, 'big.csv', bigPeople(400_000)), kind: 'people', signal: ac.signal }, (p) => {
        if (p.phase === 'load' && !aborted) {
          aborted = Date.now();
          setTimeout(() => ac.abort(), 20);
        }
      }),
    );
    expect(err.code).toBe('cancelled');
    // Hang guards, far above the time a loaded machine needs: an uninterrupted load would run on.
    expect(Date.now() - aborted).toBeLessThan(30_000);
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(await snapshot(project)).toEqual(before);
    expect(await tempObjects()).toEqual([]);
  });

  it('a signal aborted before the start touches nothing, and a transcoded copy is removed', async () => {
    const before = await snapshot(project);
    const ac = new AbortController();
    ac.abort();
    expect((await engineError(importCsv(project.conn, { path: fixture(dir, 'x.csv', bigPeople(5)), kind: 'people', signal: ac.signal }))).code).toBe('cancelled');
    const temp = join(dir, 'tmp');
    mkdirSync(temp);
    const utf16 = Buffer.from('\ufeff' + bigPeople(50_000), 'utf16le');
    const ac2 = new AbortController();
    const err = await engineError(
      importCsv(project.conn, { path: fixture(dir, 'u16.csv', utf16), kind: 'people', signal: ac2.signal, tempDir: temp }, (p) => {
        if (p.phase === 'check') ac2.abort();
      }),
    );
    expect(err.code).toBe('cancelled');
    expect(readdirSync(temp)).toEqual([]);
    expect(await snapshot(project)).toEqual(before);
  });

  it('append mode: exact duplicates are skipped and counted, new rows land', async () => {
    const f = fixture(dir, 'more.csv', 'employee_id,hire_date,termination_date,Cost Center\n1,2020-01-01,,A\n2,2020-02-01,2021-01-01,B\n4,2020-04-01,,D\n');
    const s = await importCsv(project.conn, { path: f, kind: 'people', mode: 'append' });
    expect(s).toMatchObject({ rowsRead: 3, rowsLoaded: 1, duplicatesSkipped: 2, rowsRejected: 0 });
    expect(await queryRows(project.conn, 'SELECT employee_id, cost_center, import_id FROM people ORDER BY 1')).toEqual([
      { employee_id: '1', cost_center: 'A', import_id: 1 },
      { employee_id: '2', cost_center: 'B', import_id: 1 },
      { employee_id: '4', cost_center: 'D', import_id: 5 },
    ]);
  });
});

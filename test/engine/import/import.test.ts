import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { EngineError } from '../../../electron/engine/errors';
import { queryRows } from '../../../electron/engine/db';
import { SAMPLE_FILES } from '../../../electron/engine/sampleFiles';
import type { ImportKind } from '../../../shared/domain';
import { freshProjectEachTest, writeCsv } from '../../helpers';

let dir: string;
let project: Project;

freshProjectEachTest((d, p) => {
  dir = d;
  project = p;
});

const rows = (sql: string) => queryRows(project.conn, sql);

describe('importCsv', () => {
  it('keeps employee IDs as trimmed text with leading zeros', async () => {
    const f = writeCsv(dir, 'hris.csv', 'Employee ID,Hire Date,Termination Date,Department\n00123,2020-01-05,,Sales\n  0456 ,2021-03-04,2022-01-01,Eng\n');
    const s = await importCsv(project.conn, { path: f, kind: 'people' });
    expect(s).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, asOfDate: '2022-01-01' });
    expect(await rows('SELECT employee_id, hire_date, termination_date, department FROM people ORDER BY employee_id')).toEqual([
      { employee_id: '00123', hire_date: '2020-01-05', termination_date: null, department: 'Sales' },
      { employee_id: '0456', hire_date: '2021-03-04', termination_date: '2022-01-01', department: 'Eng' },
    ]);
  });

  it('keeps a late zero-padded ID as text even after 30,000 numeric ones (DuckDB sniffer trap)', async () => {
    const lines = ['employee_id,hire_date'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i},2020-01-01`);
    lines.push('00777,2020-01-01');
    const f = writeCsv(dir, 'big.csv', lines.join('\n') + '\n');
    await importCsv(project.conn, { path: f, kind: 'people' });
    expect(await rows(`SELECT employee_id FROM people WHERE employee_id IN ('777', '00777') ORDER BY employee_id DESC`)).toEqual([{ employee_id: '777' }, { employee_id: '00777' }]);
  });

  it('rejects bad rows with their file line, column, value and reason', async () => {
    const f = writeCsv(dir, 'r.csv', 'Employee ID,Role,Cohort,Start Date\n1,Mentee,A,2023-01-02\n2,Chief,A,2023-01-02\n3,Mentor,A,2023-02-30\n,Mentee,A,2023-01-02\n4,MENTOR,B,2023-05-01\n');
    const s = await importCsv(project.conn, { path: f, kind: 'roster' });
    expect(s.rowsRead).toBe(5);
    expect(s.rowsLoaded).toBe(2);
    expect(s.rejects).toEqual([
      { line: 3, column: 'Role', value: 'Chief', reason: 'unknown role (expected mentee or mentor)' },
      { line: 4, column: 'Start Date', value: '2023-02-30', reason: 'unparseable date (expected YYYY-MM-DD)' },
      { line: 5, column: 'Employee ID', value: '', reason: 'missing employee_id' },
    ]);
    expect(await rows('SELECT employee_id, role, source_line FROM roster ORDER BY source_line')).toEqual([
      { employee_id: '1', role: 'mentee', source_line: 2 },
      { employee_id: '4', role: 'mentor', source_line: 6 },
    ]);
    expect((await rows('SELECT count(*)::INT AS n FROM import_rejects'))[0]).toEqual({ n: 3 });
  });

  it('names the missing required column', async () => {
    const f = writeCsv(dir, 'hris.csv', 'Employee ID,Department\n1,Sales\n');
    const err = await importCsv(project.conn, { path: f, kind: 'people' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toMatch(/^hris\.csv, line 1: required column hire_date is missing/);
    expect((err as EngineError).toApiError()).toMatchObject({ code: 'missing_column', file: 'hris.csv', line: 1, column: 'hire_date' });
  });

  it('reads US dates when a value shows the order and refuses to guess an ambiguous one', async () => {
    const us = writeCsv(dir, 'us.csv', 'Employee ID,Review Date,Overall Rating\n1,12/15/2023,4\n2,03/04/2023,3\n');
    await importCsv(project.conn, { path: us, kind: 'performance' });
    expect(await rows('SELECT review_date, rating FROM performance_reviews ORDER BY employee_id')).toEqual([
      { review_date: '2023-12-15', rating: 4 },
      { review_date: '2023-03-04', rating: 3 },
    ]);
    const amb = writeCsv(dir, 'amb.csv', 'Employee ID,Review Date,Overall Rating\n1,03/04/2023,4\n');
    await expect(importCsv(project.conn, { path: amb, kind: 'performance' })).rejects.toThrow(/amb\.csv, column "Review Date": dates like "03\/04\/2023" read as month\/day and as day\/month/);
    const given = await importCsv(project.conn, { path: amb, kind: 'performance', mapping: { dateFormat: '%d/%m/%Y' } });
    expect(given.rowsLoaded).toBe(1);
    expect(await rows('SELECT review_date FROM performance_reviews')).toEqual([{ review_date: '2023-04-03' }]);
  });

  it('leaves the project unchanged when an import fails', async () => {
    const good = writeCsv(dir, 'a.csv', 'employee_id,hire_date\n1,2020-01-01\n');
    await importCsv(project.conn, { path: good, kind: 'people' });
    const bad = writeCsv(dir, 'b.csv', 'employee_id,department\n2,X\n');
    await expect(importCsv(project.conn, { path: bad, kind: 'people' })).rejects.toThrow(/missing/);
    expect(await rows('SELECT employee_id FROM people')).toEqual([{ employee_id: '1' }]);
    expect((await rows('SELECT count(*)::INT AS n FROM imports'))[0]).toEqual({ n: 1 });
  });

  it('refuses empty and binary files with a clear message', async () => {
    await expect(importCsv(project.conn, { path: writeCsv(dir, 'e.csv', ''), kind: 'people' })).rejects.toThrow('e.csv: the file is empty');
    await expect(importCsv(project.conn, { path: writeCsv(dir, 'h.csv', 'employee_id,hire_date\n'), kind: 'people' })).rejects.toThrow(/h\.csv: the file has a header but no data rows|could not read/);
    const bin = join(dir, 'x.csv');
    writeCsv(dir, 'x.csv', 'PK\u0003\u0004\u0000\u0000garbage');
    await expect(importCsv(project.conn, { path: bin, kind: 'people' })).rejects.toThrow('x.csv: this is not a text CSV file');
  });

  it('stores a wide survey long, one row per answered item', async () => {
    const f = writeCsv(dir, 's.csv', 'Employee ID,Submitted At,Q1,Q2,Q3\n007,2024-04-15 09:12:33,4,5,\n008,2024-04-16 10:00:00,2,NA,3\n');
    const s = await importCsv(project.conn, { path: f, kind: 'survey', mapping: { survey: { layout: 'wide', items: ['Q1', 'Q2', 'Q3'] } } });
    expect(s).toMatchObject({ rowsRead: 2, rowsLoaded: 2, itemScores: { loaded: 4, rejected: 0 } });
    expect(await rows('SELECT employee_id, response_date, item, score, response_id FROM survey_responses ORDER BY employee_id, item')).toEqual([
      { employee_id: '007', response_date: '2024-04-15', item: 'Q1', score: 4, response_id: 'line-2' },
      { employee_id: '007', response_date: '2024-04-15', item: 'Q2', score: 5, response_id: 'line-2' },
      { employee_id: '008', response_date: '2024-04-16', item: 'Q1', score: 2, response_id: 'line-3' },
      { employee_id: '008', response_date: '2024-04-16', item: 'Q3', score: 3, response_id: 'line-3' },
    ]);
  });

  it('appends without duplicating rows already loaded and notes a re-imported file', async () => {
    const f = writeCsv(dir, 'p.csv', 'employee_id,hire_date\n1,2020-01-01\n2,2020-02-01\n');
    await importCsv(project.conn, { path: f, kind: 'people' });
    const again = await importCsv(project.conn, { path: f, kind: 'people', mode: 'append' });
    expect(again).toMatchObject({ rowsLoaded: 0, duplicatesSkipped: 2, previousImportId: 1 });
    expect((await rows('SELECT count(*)::INT AS n FROM people'))[0]).toEqual({ n: 2 });
  });

  it('keeps extra columns as attributes for segments', async () => {
    const f = writeCsv(dir, 'p.csv', 'employee_id,hire_date,Gender Identity,Cost Center\n1,2020-01-01,F,100\n');
    await importCsv(project.conn, { path: f, kind: 'people' });
    expect(await rows('SELECT gender_identity, cost_center FROM people')).toEqual([{ gender_identity: 'F', cost_center: '100' }]);
  });
});

describe('sample data', () => {
  const sampleDir = join(__dirname, '..', '..', '..', 'sample-data');
  it.runIf(existsSync(join(sampleDir, SAMPLE_FILES.people)))('imports every sample file without a reject', async () => {
    for (const [kind, file] of Object.entries(SAMPLE_FILES) as [ImportKind, string][]) {
      const path = join(sampleDir, file);
      const dataLines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).length - 1;
      const s = await importCsv(project.conn, { path, kind });
      expect(s.rowsRejected, `${file}: ${JSON.stringify(s.rejects.slice(0, 3))}`).toBe(0);
      expect(s.rowsLoaded).toBe(dataLines);
    }
    const ids = await rows(`SELECT count(*)::INT AS n FROM people WHERE employee_id LIKE '0%'`);
    expect((ids[0] as { n: number }).n).toBeGreaterThan(0);
  });
});

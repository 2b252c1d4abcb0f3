/**
 * The public HR datasets in ../shared/public-data (see each SOURCE.md) import with a
 * mapping, and what lands equals the file's records counted independently with PapaParse.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { readCsvRows } from '../../../electron/engine/import/readCsv';
import { freshProjectEachTest } from '../../helpers';
import { HAVE_PUBLIC_DATA, PUBLIC_DATA, publicDataSuite, engineError, papaRecords, rows } from './helpers';

const data = (p: string) => join(PUBLIC_DATA, p);
const MISSING = new Set(['', 'NA', 'N/A', 'null', 'NULL', '-']);

/** Non-missing cells of the given columns, counted with PapaParse. */
function answered(path: string, columns: string[], delimiter?: string): number {
  return answeredPerRow(path, columns, delimiter).reduce((a, b) => a + b, 0);
}

/** Per record, its non-missing cells of the given columns. */
function answeredPerRow(path: string, columns: string[], delimiter?: string): number[] {
  const records = papaRecords(path, delimiter);
  const header = (Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { preview: 1 }).data[0] ?? []).map((h) => h.trim());
  const idx = columns.map((c) => header.indexOf(c));
  expect(idx.every((i) => i >= 0)).toBe(true);
  return records.map((r) => idx.filter((i) => !MISSING.has((r[i] ?? '').trim())).length);
}

/** Records with at least one non-missing cell of the given columns. */
const answeredRows = (path: string, columns: string[]) => answeredPerRow(path, columns).filter((n) => n > 0).length;


describe.skipIf(!HAVE_PUBLIC_DATA)(publicDataSuite('public HR datasets'), () => {
  let project: Project;
  freshProjectEachTest((_dir, p) => {
    project = p;
  });
  const count = async (table: string) => Number((await rows<{ n: number }>(project, `SELECT count(*)::INT AS n FROM ${table}`))[0]!.n);

  it('HRDataset_v14 as people (UTF-8 BOM, CRLF, M/D/YYYY, quoted "Last, First") and as performance with rating labels', async () => {
    const path = data('hr-dataset-v14/HRDataset_v14.csv');
    const records = papaRecords(path);
    expect(records.length).toBe(311);
    const s = await importCsv(project.conn, { path, kind: 'people' });
    expect(s).toMatchObject({ rowsRead: 311, rowsLoaded: 311, rowsRejected: 0 });
    expect(s.detected).toMatchObject({ encoding: 'utf-8-bom', lineEndings: 'crlf', dateFormats: { DateofHire: '%m/%d/%Y', DateofTermination: '%m/%d/%Y' } });
    expect(await count('people')).toBe(311);
    expect((await rows(project, `SELECT count(termination_date)::INT AS n FROM people`))[0]).toEqual({ n: 104 });
    expect((await rows(project, `SELECT employee_name FROM people WHERE employee_id = '10304'`))[0]).toEqual({ employee_name: 'Dietrich, Jenna' });

    const perf = await importCsv(project.conn, {
      path,
      kind: 'performance',
      mapping: {
        columns: { employee_id: 'EmpID', review_date: 'LastPerformanceReview_Date', rating: 'PerformanceScore' },
        values: { rating: { Exceeds: 4, 'Fully Meets': 3, 'Needs Improvement': 2, PIP: 1 } },
      },
    });
    expect(perf).toMatchObject({ rowsRead: 311, rowsLoaded: 311, rowsRejected: 0 });
    expect(await rows(project, 'SELECT rating, count(*)::INT AS n FROM performance_reviews GROUP BY 1 ORDER BY 1')).toEqual([
      { rating: 1, n: 13 },
      { rating: 2, n: 18 },
      { rating: 3, n: 243 },
      { rating: 4, n: 37 },
    ]);
  });

  it('IBM HR attrition (no dates): performance and a wide 1–4 survey with a constant date', async () => {
    const path = data('ibm-hr-attrition/emp_attrition.csv');
    expect(papaRecords(path).length).toBe(1470);
    const perf = await importCsv(project.conn, { path, kind: 'performance', mapping: { columns: { employee_id: 'EmployeeNumber', rating: 'PerformanceRating' }, constants: { review_date: '2019-06-19' } } });
    expect(perf).toMatchObject({ rowsRead: 1470, rowsLoaded: 1470, rowsRejected: 0 });
    const items = ['JobSatisfaction', 'EnvironmentSatisfaction', 'RelationshipSatisfaction', 'JobInvolvement', 'WorkLifeBalance'];
    const survey = await importCsv(project.conn, {
      path,
      kind: 'survey',
      mapping: { columns: { employee_id: 'EmployeeNumber' }, constants: { response_date: '2019-06-19' }, survey: { layout: 'wide', items }, scale: { min: 1, max: 4 } },
    });
    // Counts are of file rows; the item scores are counted apart.
    expect(survey).toMatchObject({ rowsRead: 1470, rowsLoaded: answeredRows(path, items), rowsRejected: 0, itemScores: { loaded: answered(path, items), rejected: 0 } });
    expect(await count('survey_responses')).toBe(1470 * 5);
  });

  it('Babushkin turnover: ";"-delimited, no trailing newline; no employee ID, so people import says what is missing', async () => {
    const path = data('employee-turnover-babushkin/turnover2.csv');
    const r = await readCsvRows(project.conn, path);
    expect(r.delimiter).toBe(';');
    expect(r.rows.length).toBe(papaRecords(path, ';').length);
    expect(r.rows.length).toBe(1129);
    expect(r.rows.at(-1)!.line).toBe(1130);
    expect(r.rows.some((x) => x.values.includes('Finanñe'))).toBe(true);
    const err = await engineError(importCsv(project.conn, { path, kind: 'people' }));
    expect(err.toApiError()).toMatchObject({ code: 'missing_column', file: 'turnover2.csv', line: 1, column: 'employee_id' });
  });

  it('HR all-in-one: people (M-D-YYYY, NA), a wide engagement survey, training as a roster', async () => {
    const people = data('hr-all-in-one/employee_data.csv');
    const s = await importCsv(project.conn, { path: people, kind: 'people' });
    expect(s).toMatchObject({ rowsRead: papaRecords(people).length, rowsLoaded: 3000, rowsRejected: 0 });
    expect(s.detected.dateFormats).toEqual({ StartDate: '%m-%d-%Y', ExitDate: '%m-%d-%Y' });
    expect((await rows(project, `SELECT count(*)::INT AS n FROM people WHERE termination_date IS NULL`))[0]).toEqual({ n: 1467 });
    expect((await rows(project, `SELECT department FROM people WHERE employee_id = '3427'`))[0]).toEqual({ department: 'Production' });

    const surveyPath = data('hr-all-in-one/employee_engagement_survey_data.csv');
    const items = ['Engagement Score', 'Satisfaction Score', 'Work-Life Balance Score'];
    const survey = await importCsv(project.conn, { path: surveyPath, kind: 'survey' });
    expect(survey.detected).toMatchObject({ surveyLayout: 'wide', items, dateFormats: { 'Survey Date': '%m-%d-%Y' } });
    expect(survey).toMatchObject({ rowsRead: 3000, rowsLoaded: answeredRows(surveyPath, items), rowsRejected: 0, itemScores: { loaded: answered(surveyPath, items), rejected: 0 } });

    const training = data('hr-all-in-one/training_and_development_data.csv');
    const roster = await importCsv(project.conn, {
      path: training,
      kind: 'roster',
      mapping: { columns: { cohort: 'Training Program Name', start_date: 'Training Date' }, constants: { role: 'mentee' } },
    });
    expect(roster).toMatchObject({ rowsRead: papaRecords(training).length, rowsLoaded: 3000, rowsRejected: 0 });
  });

  it('HR all-in-one, Excel-mangled variant: survey dates in two formats are flagged line by line, not accepted', async () => {
    const people = data('hr-all-in-one/variant-ClauseJr/employee_data.csv');
    const p = await importCsv(project.conn, { path: people, kind: 'people' });
    expect(p).toMatchObject({ rowsRead: 3000, rowsLoaded: 3000, rowsRejected: 0 });
    expect(p.detected.encoding).toBe('utf-8-bom');

    const path = data('hr-all-in-one/variant-ClauseJr/employee_engagement_survey_data.csv');
    const records = papaRecords(path);
    const slashed = records.map((r, i) => ({ line: i + 2, r })).filter(({ r }) => r[1]!.includes('/'));
    expect(slashed.length).toBe(1186);
    const s = await importCsv(project.conn, { path, kind: 'survey' });
    expect(s.detected.dateFormats).toEqual({ SurveyDate: '%d-%m-%Y' });
    expect(s.rowsRead).toBe(3000);
    expect(s.rowsRejected).toBe(1186);
    expect(s.rejects.map((x) => x.line)).toEqual(slashed.map((x) => x.line));
    expect(s.rejects[0]).toEqual({ line: slashed[0]!.line, column: 'SurveyDate', value: slashed[0]!.r[1], reason: 'unparseable date (expected DD-MM-YYYY)' });
    const unslashed = records.filter((r) => !r[1]!.includes('/'));
    const answeredKept = unslashed.map((r) => r.slice(2).filter((v) => !MISSING.has(v.trim())).length);
    // A row whose date is rejected loads none of its answers; it is one rejected value.
    expect(s.rowsLoaded).toBe(answeredKept.filter((n) => n > 0).length);
    expect(s.itemScores).toEqual({ loaded: answeredKept.reduce((a, b) => a + b, 0), rejected: 1186 });
  });

  it('Likert surveys: text labels mapped to numbers; an inconsistent label is rejected, not guessed', async () => {
    const path = data('likert-surveys/pisaitems_sample.csv');
    expect(papaRecords(path).length).toBe(3000);
    const st24 = Array.from({ length: 11 }, (_, i) => `ST24Q${String(i + 1).padStart(2, '0')}`);
    const st34 = Array.from({ length: 5 }, (_, i) => `ST34Q0${i + 1}`);
    const agree = { 'Strongly disagree': 1, Disagree: 2, Agree: 3, 'Strongly agree': 4 };
    const s = await importCsv(project.conn, {
      path,
      kind: 'survey',
      mapping: { columns: { employee_id: 'rownames' }, constants: { response_date: '2009-05-01' }, survey: { layout: 'wide', items: [...st24, ...st34] }, values: { score: agree }, scale: { min: 1, max: 4 } },
    });
    // ST34 writes "Strong agree" for its top level: not in the mapping, so those answers are rejected.
    const records = papaRecords(path);
    const header = Papa.parse<string[]>(readFileSync(path, 'utf8'), { preview: 1 }).data[0]!;
    const st34Idx = st34.map((c) => header.indexOf(c));
    const strongPerRow = records.map((r) => st34Idx.filter((i) => r[i] === 'Strong agree').length);
    const strong = strongPerRow.reduce((a, b) => a + b, 0);
    expect(strong).toBeGreaterThan(0);
    expect(s.rowsRead).toBe(3000);
    // Rows count once however many of their answers are rejected; item scores count each.
    expect(s.rowsRejected).toBe(strongPerRow.filter((n) => n > 0).length);
    expect(s.rowsRejected).toBeLessThan(strong);
    expect(new Set(s.rejects.map((r) => r.reason))).toEqual(new Set(["unknown label (not in the mapping's values for score) and not a number"]));
    const perRow = answeredPerRow(path, [...st24, ...st34]);
    expect(s.rowsLoaded).toBe(perRow.filter((n, i) => n - strongPerRow[i]! > 0).length);
    expect(s.itemScores).toEqual({ loaded: answered(path, [...st24, ...st34]) - strong, rejected: strong });

    for (const [file, n] of [['likert-surveys/mass.csv', 20], ['likert-surveys/sasr.csv', 860]] as const) {
      const r = await readCsvRows(project.conn, data(file));
      expect(r.rows.length).toBe(n);
      expect(r.rows.length).toBe(papaRecords(data(file)).length);
      // No respondent ID: a survey import cannot link answers to people, and says so.
      const err = await engineError(importCsv(project.conn, { path: data(file), kind: 'survey', mapping: { constants: { response_date: '2011-01-01' } } }));
      expect(err.message).toMatch(/line 1: required column employee_id is missing/);
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/engine/analysis/analyze';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { Project } from '../../../electron/engine/project';
import type { AnalysisResult } from '../../../shared/analysis';
import { tempDir, writeCsv } from '../../helpers';
import { openSampleCopy } from '../../sampleProject';

const sampleDir = join(__dirname, '..', '..', '..', 'sample-data');
const planted = JSON.parse(readFileSync(join(sampleDir, 'planted-effects.json'), 'utf8')) as {
  asOfDate: string;
  survey: { effect: number; reverseItems: string[] };
  performance: { effect: number };
};

/** Walks a result and fails on any NaN or Infinity: nulls say "not computable". */
function expectNoNonFinite(value: unknown, path = '$'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (Array.isArray(value)) value.forEach((v, i) => expectNoNonFinite(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectNoNonFinite(v, `${path}.${k}`);
}

describe('analyze on the sample project', () => {
  let project: Project;
  let result: AnalysisResult;
  beforeAll(async () => {
    project = await openSampleCopy();
    result = await analyze(project.conn, { survey: { reverseItems: planted.survey.reverseItems } });
  });
  afterAll(() => project.close());

  it('finds the three cohorts and both groups', () => {
    expect(result.population.cohorts.map((c) => c.cohort)).toEqual(['2022 Spring', '2022 Fall', '2023 Spring']);
    expect(result.population.participants).toBe(result.population.cohorts.reduce((s, c) => s + c.participants, 0));
    expect(result.population.comparison).toBeGreaterThan(result.population.participants);
  });

  it('recovers the planted survey and performance effects by difference-in-differences', () => {
    for (const [name, truth] of [['survey', planted.survey.effect], ['performance', planted.performance.effect]] as const) {
      const did = result.outcomes[name]!.did;
      expect(did.diff!, name).toBeGreaterThan(0);
      expect(did.ciLow!, name).toBeLessThan(truth);
      expect(did.ciHigh!, name).toBeGreaterThan(truth);
      expect(did.p!, name).toBeLessThan(0.05);
    }
  });

  it('shows participants staying longer', () => {
    const r = result.outcomes.retention!;
    expect(r.rate12m.diff!).toBeGreaterThan(0);
    expect(r.rate12m.ciLow!).toBeGreaterThan(0);
    expect(r.km.participants[1]!.survival!).toBeGreaterThan(r.km.comparison[1]!.survival!);
    expect(r.rate12m.finding).toMatch(/^12-month retention: \d+\.\d% of participants vs \d+\.\d% of the comparison group, \+\d+\.\d points \(95% CI \+\d+\.\d to \+\d+\.\d\)\.$/);
  });

  it('carries n, method, finding and caveats with every result, and no NaN anywhere', () => {
    const ba = result.outcomes.performance!.beforeAfter;
    expect(ba.n).toBeGreaterThan(100);
    expect(ba.method).toMatch(/paired t-test/);
    expect(ba.caveats!.join(' ')).toMatch(/regression to the mean/);
    expect(result.outcomes.survey!.did.caveats!.join(' ')).toMatch(/chose to join/);
    expectNoNonFinite(result);
  });

  it('narrows to one cohort and one department', async () => {
    const one = await analyze(project.conn, { cohorts: ['2022 Fall'], filters: { department: ['Engineering'] } });
    expect(one.population.cohorts).toHaveLength(1);
    expect(one.population.participants).toBeLessThan(result.population.participants);
    expect(one.population.participants).toBe(one.population.cohorts[0]!.participants);
  });

  it('suppresses every number of a group below minGroupSize', async () => {
    const r = await analyze(project.conn, { minGroupSize: 100_000 });
    const ba = r.outcomes.performance!.beforeAfter;
    expect(ba.suppressed).toBe(true);
    expect(Object.entries(ba).filter(([k, v]) => typeof v === 'number' && k !== 'n')).toEqual([]);
    expect(ba.n).toBeNull();
    expect(r.outcomes.retention!.rate12m).toMatchObject({ suppressed: true, p1: null, k1: null, n1: null });
    expect(r.outcomes.retention!.km.participants.every((p) => p.survival === null)).toBe(true);
  });
});

describe('analyze edge cases', () => {
  it('gives nulls with reasons, never NaN, for tiny and degenerate data', async () => {
    const dir = tempDir();
    const project = await Project.open(join(dir, 'tiny.duckdb'));
    try {
      // One mentee, no comparison group (everyone else is a mentor), no events.
      await importCsv(project.conn, { path: writeCsv(dir, 'p.csv', 'employee_id,hire_date\n1,2020-01-01\n2,2020-01-01\n'), kind: 'people', asOf: '2024-01-01' });
      await importCsv(project.conn, { path: writeCsv(dir, 'r.csv', 'employee_id,role,cohort,start_date\n1,mentee,A,2022-01-01\n2,mentor,A,2022-01-01\n'), kind: 'roster' });
      await importCsv(project.conn, { path: writeCsv(dir, 'f.csv', 'employee_id,review_date,rating\n1,2021-12-15,3\n1,2022-12-15,3\n'), kind: 'performance' });
      const r = await analyze(project.conn, { minGroupSize: 1 });
      expect(r.population).toMatchObject({ participants: 1, comparison: 0 });
      expect(r.outcomes.survey).toBeNull();
      const ba = r.outcomes.performance!.beforeAfter;
      expect(ba.n).toBe(1);
      expect(ba.t).toBeNull();
      expect(ba.reason).toBeTruthy();
      expect(r.outcomes.performance!.comparison.reason).toBeTruthy();
      expect(r.outcomes.retention!.km.participants[0]).toMatchObject({ days: 182, survival: 1, atRisk: 1 });
      expect(r.outcomes.retention!.logrank.chisq).toBeNull();
      expectNoNonFinite(r);
    } finally {
      await project.close();
    }
  });

  it('returns empty outcomes for an empty project', async () => {
    const project = await Project.open(join(tempDir(), 'empty.duckdb'));
    try {
      const r = await analyze(project.conn);
      expect(r.population).toEqual({ participants: 0, comparison: 0, cohorts: [] });
      expect(r.outcomes).toEqual({ performance: null, survey: null, retention: null });
    } finally {
      await project.close();
    }
  });
});

describe('analyze without anyone to analyse', () => {
  it('gives suppressed results, not an error, for reviews and answers but no roster', async () => {
    const dir = tempDir();
    const project = await Project.open(join(dir, 'noroster.duckdb'));
    try {
      await importCsv(project.conn, { path: writeCsv(dir, 'p.csv', 'employee_id,hire_date\n1,2020-01-01\n2,2020-01-01\n'), kind: 'people', asOf: '2024-01-01' });
      await importCsv(project.conn, { path: writeCsv(dir, 'f.csv', 'employee_id,review_date,rating\n1,2021-12-15,3\n2,2022-12-15,3\n'), kind: 'performance' });
      await importCsv(project.conn, { path: writeCsv(dir, 's.csv', 'employee_id,response_date,item,score\n1,2021-12-15,Q1,3\n2,2022-12-15,Q1,4\n'), kind: 'survey' });
      const r = await analyze(project.conn);
      expect(r.population).toMatchObject({ participants: 0, comparison: 0, cohorts: [] });
      expect(r.outcomes.performance!.did.suppressed).toBe(true);
      expect(r.outcomes.survey!.comparison.suppressed).toBe(true);
      expect(r.outcomes.retention!.curves).toEqual({ participants: null, comparison: null });
      expect(r.likert).toEqual([]);
      expectNoNonFinite(r);
    } finally {
      await project.close();
    }
  });
});

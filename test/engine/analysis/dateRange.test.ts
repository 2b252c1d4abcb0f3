/**
 * The global date range: on the index date. On the sample project the three
 * cohorts start on 2022-03-07 (140 mentees, starting 03-07 to 03-17), 2022-09-12 (150)
 * and 2023-03-06 (160); 842 people never in the roster were employed at one of them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, effectiveConfig } from '../../../electron/engine/analysis/analyze';
import { GROUPS, buildPopulation } from '../../../electron/engine/analysis/population';
import { queryRows } from '../../../electron/engine/db';
import { Project } from '../../../electron/engine/project';
import { Engine } from '../../../electron/engine/service';
import type { AnalysisResult } from '../../../shared/analysis';
import { openSampleCopy, sampleDataHome } from '../../sampleProject';

const sampleDir = join(__dirname, '..', '..', '..', 'sample-data');

/** Everything but the echoed configuration. */
const numbers = ({ config: _config, ...rest }: AnalysisResult) => rest;

describe('date range on the sample project', () => {
  let project: Project;
  beforeAll(async () => {
    project = await openSampleCopy();
  });
  afterAll(() => project.close());

  it('a range covering whole cohorts gives exactly the result of selecting those cohorts', async () => {
    const ranged = await analyze(project.conn, { dateRange: { from: '2022-06-01', to: '2023-12-31' } });
    const selected = await analyze(project.conn, { cohorts: ['2022 Fall', '2023 Spring'] });
    expect(ranged.population).toEqual({
      participants: 310,
      comparison: 788,
      cohorts: [
        { cohort: '2022 Fall', startDate: '2022-09-12', participants: 150 },
        { cohort: '2023 Spring', startDate: '2023-03-06', participants: 160 },
      ],
    });
    expect(ranged.byCohort!.map((c) => c.cohort)).toEqual(['2022 Fall', '2023 Spring']);
    expect(numbers(ranged)).toEqual(numbers(selected));
    expect(ranged.outcomes.performance!.did.n1).toBe(211);
    expect(ranged.config.dateRange).toEqual({ from: '2022-06-01', to: '2023-12-31' });
  });

  it('an open end works, and the range narrows a cohort selection further', async () => {
    const from = await analyze(project.conn, { dateRange: { from: '2022-09-12' } });
    expect(from.population.cohorts.map((c) => c.cohort)).toEqual(['2022 Fall', '2023 Spring']);
    const both = await analyze(project.conn, { cohorts: ['2022 Spring', '2023 Spring'], dateRange: { to: '2022-12-31' } });
    expect(both.population.cohorts.map((c) => c.cohort)).toEqual(['2022 Spring']);
    expect(both.population.participants).toBe(140);
  });

  it('keeps each cohort that started in it whole, late joiners included', async () => {
    // 2022 Spring started on 03-07; 35 of its 140 mentees joined after 2022-03-10. A range ending
    // on 03-10 still selects the whole cohort: cutting through its late joiners would let two
    // ranges a day apart differ by one mentee. Its comparison group is the cohort's own: 639.
    const r = await analyze(project.conn, { dateRange: { to: '2022-03-10' } });
    const cohort = await analyze(project.conn, { cohorts: ['2022 Spring'] });
    expect(r.population).toEqual({ participants: 140, comparison: 639, cohorts: [{ cohort: '2022 Spring', startDate: '2022-03-07', participants: 140 }] });
    expect(numbers(r)).toEqual(numbers(cohort));
    const dayLater = await analyze(project.conn, { dateRange: { to: '2022-03-11' } });
    expect(numbers(dayLater)).toEqual(numbers(r));
  });

  it('indexes the comparison group over the cohort starts in the range', async () => {
    await buildPopulation(project.conn, effectiveConfig({ dateRange: { from: '2022-06-01' } }));
    const rows = await queryRows<{ index_date: string; n: number }>(
      project.conn,
      `SELECT strftime(index_date, '%Y-%m-%d') AS index_date, count(*)::INTEGER AS n FROM ${GROUPS} WHERE grp = 2 GROUP BY ALL ORDER BY 1`,
    );
    // Everyone employed at 2022-09-12 or 2023-03-06 (788), not only the 203 whose earliest start
    // over all cohorts falls in the range (those hired after 2022-03-07): 842 - 639.
    expect(rows.map((r) => r.index_date)).toEqual(['2022-09-12', '2023-03-06']);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(788);
  });

  it('a range with no cohort start in it gives an empty population and withheld results, not an error', async () => {
    const r = await analyze(project.conn, { dateRange: { from: '2030-01-01', to: '2030-12-31' } });
    expect(r.population).toEqual({ participants: 0, comparison: 0, cohorts: [] });
    expect(r.byCohort).toEqual([]);
    expect(r.outcomes.performance!.beforeAfter).toMatchObject({ n: null, meanDiff: null, suppressed: true });
    expect(r.outcomes.performance!.beforeAfter.reason).toMatch(/fewer than 5/);
    expect(r.outcomes.retention!.rate12m).toMatchObject({ n1: null, diff: null, suppressed: true });
  });
});

describe('date range through the API', () => {
  it('is validated, applied, and echoed in the effective config', async () => {
    const engine = new Engine({ host: 'direct', dataDir: sampleDataHome(), sampleDataDir: sampleDir });
    try {
      const opened = await engine.api.openSampleProject({});
      expect(opened.ok).toBe(true);
      const bad = await engine.api.analyze({ config: { dateRange: { from: '2023-02-01', to: '2022-12-31' } } });
      expect(bad).toEqual({ ok: false, error: { code: 'bad_request', message: 'Invalid request to analyze at config.dateRange.to: "from" must be on or before "to"' } });
      const ok = await engine.api.analyze({ config: { dateRange: { to: '2022-12-31' } } });
      if (!ok.ok) throw new Error(ok.error.message);
      expect(ok.value.config.dateRange).toEqual({ to: '2022-12-31' });
      expect(ok.value.population.cohorts.map((c) => c.cohort)).toEqual(['2022 Spring', '2022 Fall']);
      // Remembered like the other filters: saved, and an explicit {} clears it for one run.
      await engine.api.saveAnalysisSettings({ config: { dateRange: { from: '2023-01-01' } } });
      const saved = await engine.api.analyze({});
      expect(saved.ok && saved.value.population.participants).toBe(160);
      const cleared = await engine.api.analyze({ config: { dateRange: {} } });
      expect(cleared.ok && cleared.value.population.participants).toBe(450);
      // The report says which range was applied, in the summary, the population section and the methods.
      const report = await engine.api.reportHtml({ config: { dateRange: { from: '2022-06-01', to: '2023-12-31' } } });
      if (!report.ok) throw new Error(report.error.message);
      const text = report.value.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).toContain('It follows 310 participants in 2 cohorts (2022 Fall and 2023 Spring) and compares them with 788 colleagues');
      expect(text.split('Only people whose index date falls from 1 June 2022 to 31 December 2023 (cohorts that started outside that range are left out) are included.')).toHaveLength(3);
      expect(text).toMatch(/Date range Index dates from 1 June 2022 to 31 December 2023: cohorts that started outside it are left out/);
      const empty = await engine.api.reportHtml({ config: { dateRange: { from: '2030-01-01' } } });
      if (!empty.ok) throw new Error(empty.error.message);
      expect(empty.value.html).toContain('No participants: no mentee of the selected cohorts has an index date on or after 1 January 2030. Widen or clear the date range to evaluate the program.');
    } finally {
      await engine.closeProject();
    }
  });
});

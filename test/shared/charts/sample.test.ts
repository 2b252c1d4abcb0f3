/**
 * Every chart from the real analysis of the sample project (as the app would
 * draw it), rendered to SVG under test-output/charts/ for review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/engine/analysis/analyze';
import { Project } from '../../../electron/engine/project';
import type { AnalysisResult } from '../../../shared/analysis';
import { buildBeforeAfterSpec, buildCohortBarsSpec, buildDidSpec, buildGroupMeansSpec, buildKaplanMeierSpec, buildLikertSpec, chartCsv, segmentBars } from '../../../shared/charts';
import type { KaplanMeierInput } from '../../../shared/charts';
import { LIGHT_PALETTE } from '../../../shared/charts/theme';
import { renderClean, saveSvg } from './render';
import { openSampleCopy } from '../../sampleProject';

const sampleDir = join(__dirname, '..', '..', '..', 'sample-data');
const planted = JSON.parse(readFileSync(join(sampleDir, 'planted-effects.json'), 'utf8')) as { asOfDate: string; survey: { reverseItems: string[] } };

describe('charts of the sample project', () => {
  let project: Project;
  let result: AnalysisResult;
  beforeAll(async () => {
    project = await openSampleCopy();
    result = await analyze(project.conn, { survey: { reverseItems: planted.survey.reverseItems } });
  });
  afterAll(() => project.close());

  const base = () => ({ minGroupSize: result.config.minGroupSize, confidence: result.config.confidence, windows: result.config });
  const scale = (): [number, number] => [result.config.survey.scaleMin, result.config.survey.scaleMax];

  it('before/after, group means and difference-in-differences for performance and survey', async () => {
    for (const [name, measure, unit] of [['performance', 'performance rating', '1–5 scale'], ['survey', 'survey score', 'mean of items, 1–5']] as const) {
      const o = result.outcomes[name]!;
      const ba = await renderClean(buildBeforeAfterSpec(o.beforeAfter, { ...base(), measure, unit, domain: scale() }));
      saveSvg(`sample-${name}-before-after`, ba.svg);
      expect(ba.all).toMatch(new RegExp(`Participants' ${measure} rose by 0\\.\\d\\d after joining`));
      const gm = await renderClean(buildGroupMeansSpec(o.comparison, { ...base(), measure, unit }));
      saveSvg(`sample-${name}-group-means`, gm.svg);
      expect(gm.texts).toContain('Comparison group');
      const did = await renderClean(buildDidSpec(o, { ...base(), measure, unit }));
      saveSvg(`sample-${name}-did`, did.svg);
      expect(did.all).toMatch(new RegExp(`Relative to the comparison group, participants' ${measure} rose by 0\\.\\d\\d`));
      for (const r of [gm, did]) expect(r.svg).toContain(LIGHT_PALETTE.participants);
      for (const r of [gm, did]) expect(r.svg).toContain(LIGHT_PALETTE.comparison);
    }
  });

  it('retention curves (or the horizon readings when the result has no curves)', async () => {
    const retention = result.outcomes.retention! as KaplanMeierInput;
    const r = await renderClean(buildKaplanMeierSpec(retention, base()));
    saveSvg('sample-retention', r.svg);
    expect(r.all).toMatch(/After 12 months, \d+% of participants were still employed vs \d+% of the comparison group/);
    expect(r.texts).toContain('Number at risk');
  });

  it('cohort bars for every metric', async () => {
    expect(result.byCohort?.length).toBe(3);
    for (const metric of ['performanceDid', 'surveyDid', 'performanceChange', 'retention12m'] as const) {
      const r = await renderClean(buildCohortBarsSpec(result.byCohort!, { ...base(), metric }));
      saveSvg(`sample-cohorts-${metric}`, r.svg);
      expect(r.texts).toEqual(expect.arrayContaining(['2022 Spring', '2022 Fall', '2023 Spring']));
    }
  });

  it('segments', async () => {
    const dept = result.segments?.find((s) => s.attribute === 'department');
    expect(dept).toBeDefined();
    const spec = buildCohortBarsSpec(segmentBars(dept!, 'retention12m', result.config.minGroupSize), { ...base(), groupTitle: 'Department', metric: 'retention12m' });
    const r = await renderClean(spec);
    saveSvg('sample-segments-retention', r.svg);
    for (const g of dept!.groups) expect(r.texts).toContain(g.value ?? 'Not recorded');
    expect(chartCsv(spec).split('\r\n')[0]).toBe('Department,n,Difference (proportion),95% CI low,95% CI high,p');
    expect(r.all).toMatch(/12-month retention, relative to the comparison group: (clearly higher in \d of \d departments|no clear difference in any department)/);
  });

  it('Likert items, before and after, reversed item flipped', async () => {
    expect(result.likert?.length).toBe(8);
    const r = await renderClean(buildLikertSpec(result.likert!, base()));
    saveSvg('sample-likert', r.svg);
    for (const it of result.likert!) expect(r.texts).toContain(it.reversed ? `${it.item} (reversed)` : it.item);
    expect(r.all).toMatch(/Participants answered more favourably after joining on \d of 8 items|No item changed clearly/);
  });
});

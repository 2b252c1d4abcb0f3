import { describe, expect, it } from 'vitest';
import type { SegmentBreakdown } from '../../../shared/analysis';
import { buildCohortBarsSpec, segmentBars } from '../../../shared/charts/cohortBars';
import { chartData, tableRows } from '../../../shared/charts/table';
import { cohorts, did, retention, suppressedTwoGroup } from './fixtures';
import { renderClean, saveSvg } from './render';

describe('buildCohortBarsSpec', () => {
  it('difference-in-differences per cohort with CI whiskers; a small cohort labelled, not zero', async () => {
    const spec = buildCohortBarsSpec(cohorts, { metric: 'performanceDid' });
    const r = await renderClean(spec);
    saveSvg('cohorts-did', r.svg);
    expect(r.all).toContain('Performance rating, relative to the comparison group: clearly higher in 2 of 4 cohorts');
    expect(r.texts).toEqual(expect.arrayContaining(['2022 Spring', '2022 Fall', '2023 Spring', '2023 Pilot (Legal)', '+0.42 (95% CI +0.21 to +0.63)', 'fewer than 5 people (not shown)']));
    expect(r.texts).toContain('Difference-in-differences, performance rating (points)');
    expect(r.svg).toMatch(/Cohort: 2022 Fall; Estimate: \+0\.315; CI: 95% CI \+0\.105 to \+0\.525; n: 96 participants vs 466; p: p &lt; 0\.001/);
    expect(r.svg).not.toMatch(/Cohort: 2023 Pilot \(Legal\); Estimate/);
    expect(tableRows(spec, { formatted: true })[4]).toEqual(['2023 Pilot (Legal)', 'fewer than 5', '', '', '', '']);
  });

  it('12-month retention in percentage points', async () => {
    const r = await renderClean(buildCohortBarsSpec(cohorts, { metric: 'retention12m', theme: 'dark' }));
    saveSvg('cohorts-retention', r.svg);
    expect(r.texts).toEqual(expect.arrayContaining(['+12.0 pts (95% CI +5.0 to +19.0)', '12-month retention: participants − comparison (percentage points)']));
    expect(r.svg).toMatch(/Estimate: \+12\.00 percentage points; CI: 95% CI \+5\.0 to \+19\.0; n: 450 participants vs 842/);
  });

  it('participants’ change per cohort; data without the metric → No data', async () => {
    const r = await renderClean(buildCohortBarsSpec(cohorts, { metric: 'performanceChange' }));
    expect(r.texts).toContain("Change in participants' mean performance rating (points)");
    expect((await renderClean(buildCohortBarsSpec(cohorts, { metric: 'surveyDid' }))).all).toMatch(/No data/);
    expect((await renderClean(buildCohortBarsSpec([], {}))).all).toMatch(/No data/);
    expect((await renderClean(buildCohortBarsSpec(null, {}))).all).toMatch(/No data/);
  });

  it('bars per segment value', async () => {
    const breakdown: SegmentBreakdown = {
      attribute: 'department',
      groups: [
        { value: 'Engineering', participants: 120, comparison: 300, rate12m: retention.rate12m, surveyDid: did, performanceDid: did },
        { value: 'Legal', suppressed: true, reason: 'fewer than 5 people in a group', participants: null, comparison: null, rate12m: null, surveyDid: null, performanceDid: null },
        { value: null, participants: 40, comparison: 90, rate12m: null, surveyDid: suppressedTwoGroup, performanceDid: { ...did, diff: -0.1, ciLow: -0.3, ciHigh: 0.1 } },
      ],
    };
    const spec = buildCohortBarsSpec(segmentBars(breakdown, 'surveyDid'), { groupTitle: 'Department', axisTitle: 'Difference-in-differences, survey score (points)' });
    const r = await renderClean(spec);
    saveSvg('segments-did', r.svg);
    expect(r.texts).toEqual(expect.arrayContaining(['Engineering', 'Legal', 'Not recorded', 'fewer than 5 people (not shown)']));
    expect(chartData(spec).rows.map((x) => x['n'])).toEqual(['322 participants vs 466', 'fewer than 5', 'fewer than 5']);
  });

  it('all suppressed → message', async () => {
    const r = await renderClean(buildCohortBarsSpec([cohorts[3]!], { metric: 'performanceDid' }));
    expect(r.all).toContain('Not shown to protect privacy: fewer than 5 people in every cohort.');
  });
});

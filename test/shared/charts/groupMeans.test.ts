import { describe, expect, it } from 'vitest';
import { buildGroupMeansSpec } from '../../../shared/charts/groupMeans';
import { chartData } from '../../../shared/charts/table';
import { LIGHT_PALETTE } from '../../../shared/charts/theme';
import { comparison, suppressedTwoGroup } from './fixtures';
import { renderClean, saveSvg } from './render';

describe('buildGroupMeansSpec', () => {
  it('draws both means with n and the difference with its CI against zero', async () => {
    const spec = buildGroupMeansSpec(comparison, { measure: 'performance rating', unit: '1–5 scale' });
    const r = await renderClean(spec);
    saveSvg('group-means', r.svg);
    expect(r.all).toContain("Participants' performance rating is 0.16 higher than the comparison group's");
    expect(r.texts).toEqual(expect.arrayContaining(['Participants', 'Comparison group', 'Difference', '3.37 (n = 389)', '3.21 (n = 667)', '+0.16 (95% CI +0.06 to +0.25)']));
    expect(r.texts).toEqual(expect.arrayContaining(['Mean performance rating after the start (1–5 scale)', 'Difference in mean performance rating: participants − comparison (1–5 scale)']));
    expect(r.svg).toContain(LIGHT_PALETTE.participants);
    expect(r.svg).toContain(LIGHT_PALETTE.comparison);
    expect(r.svg).toMatch(/Mean: 3\.365; CI of the mean: not in the result; n: 389/);
    expect(chartData(spec).rows).toHaveLength(3);
  });

  it('draws per-group whiskers when the result carries group CIs', async () => {
    const r = await renderClean(buildGroupMeansSpec({ ...comparison, ciLow1: 3.3, ciHigh1: 3.43, ciLow2: 3.16, ciHigh2: 3.26 }, { measure: 'performance rating' }));
    expect(r.svg).toMatch(/CI of the mean: 95% CI 3\.300 to 3\.430/);
  });

  it('no clear difference when the CI crosses zero', async () => {
    const r = await renderClean(buildGroupMeansSpec({ ...comparison, diff: 0.03, ciLow: -0.06, ciHigh: 0.12, p: 0.5 }, { measure: 'survey score' }));
    expect(r.all).toContain('No clear difference in survey score between participants and the comparison group');
  });

  it('suppressed: a "fewer than 5" message and no numbers', async () => {
    const spec = buildGroupMeansSpec(suppressedTwoGroup, { measure: 'survey score' });
    const r = await renderClean(spec);
    expect(r.all).toContain('Not shown to protect privacy: fewer than 5 people in a group.');
    expect(chartData(spec).rows.map((x) => x['n'])).toEqual(['fewer than 5', 'fewer than 5', null]);
    expect(chartData(spec).rows.every((x) => x['mean'] === null)).toBe(true);
    // a group below the threshold is suppressed even if the result forgot to say so
    const r2 = await renderClean(buildGroupMeansSpec({ ...comparison, n2: 3 }, {}));
    expect(r2.all).toContain('fewer than 5');
    expect(r2.all).not.toContain('3.21');
  });

  it('no data', async () => {
    expect((await renderClean(buildGroupMeansSpec(null))).all).toMatch(/No data/);
  });
});

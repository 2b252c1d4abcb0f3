import { describe, expect, it } from 'vitest';
import { buildDidSpec } from '../../../shared/charts/did';
import { chartData } from '../../../shared/charts/table';
import { LIGHT_PALETTE } from '../../../shared/charts/theme';
import { did, groupMeans, performance, suppressedTwoGroup } from './fixtures';
import { renderClean, saveSvg } from './render';

const windows = { preDays: 365, postStartDays: 180, postEndDays: 545 };

describe('buildDidSpec', () => {
  it('with both groups’ before/after means: level lines, the counterfactual and the estimate with its CI', async () => {
    const spec = buildDidSpec({ ...performance, did: { ...did, groupMeans } }, { measure: 'performance rating', unit: '1–5 scale', windows });
    const r = await renderClean(spec);
    saveSvg('did-levels', r.svg);
    expect(r.all).toContain("Relative to the comparison group, participants' performance rating rose by 0.35");
    expect(r.texts).toEqual(
      expect.arrayContaining(['12 months before', '6–18 months after', 'Participants', 'Comparison group', 'Participants if they had changed like the comparison group', '3.02', '3.35', '3.20', '3.18', '+0.35 gap', 'Mean performance rating (1–5 scale)']),
    );
    expect(r.all).toContain('difference-in-differences +0.35 (95% CI +0.23 to +0.47, p < 0.001)');
    expect(r.svg).toContain(LIGHT_PALETTE.participants);
    expect(r.svg).toContain(LIGHT_PALETTE.comparison);
    expect(r.svg).toMatch(/Group: Comparison group; Period: 6–18 months after; Mean: 3\.180; Mean change: −0\.021; n \(both measurements\): 466/);
    expect(chartData(spec).rows[1]).toMatchObject({ group: 'Comparison group', n: 466, before: groupMeans.comparison.before, after: groupMeans.comparison.after });
  });

  it('without group means (today’s result) degrades to change since before, gap still the estimate', async () => {
    const spec = buildDidSpec(performance, { measure: 'performance rating', windows });
    const r = await renderClean(spec);
    saveSvg('did-change', r.svg);
    expect(r.texts).toEqual(expect.arrayContaining(['Change in mean performance rating since before', '+0.33', '−0.02', '+0.35 gap']));
    expect(r.all).toContain('Both groups start at 0');
    expect(r.all).not.toContain('if they had changed like');
    expect(chartData(spec).rows[0]).toMatchObject({ change: did.mean1, before: null });
  });

  it('incomplete group means (one suppressed) also degrade to changes', async () => {
    const r = await renderClean(buildDidSpec({ did: { ...did, groupMeans: { ...groupMeans, comparison: { n: null, before: null, after: null } } } }, {}));
    expect(r.all).toContain('Change in mean score since before');
  });

  it('suppressed: "fewer than 5" message', async () => {
    const r = await renderClean(buildDidSpec({ ...performance, did: suppressedTwoGroup }, { measure: 'survey score' }));
    expect(r.all).toContain('Not shown to protect privacy: fewer than 5 people in a group.');
  });

  it('no data', async () => {
    expect((await renderClean(buildDidSpec(null))).all).toMatch(/No data/);
    expect((await renderClean(buildDidSpec({ did: { ...did, mean1: null, mean2: null, diff: null } }))).all).toMatch(/No data/);
  });
});

import { describe, expect, it } from 'vitest';
import { buildKaplanMeierSpec } from '../../../shared/charts/kaplanMeier';
import { chartData } from '../../../shared/charts/table';
import { LIGHT_PALETTE } from '../../../shared/charts/theme';
import type { KmCurveData } from '../../../shared/charts/types';
import { curves, kmPoints, retention } from './fixtures';
import { renderClean, saveSvg } from './render';

const pct = (x: number | null) => `${((x ?? 0) * 100).toFixed(0)}%`;

describe('buildKaplanMeierSpec', () => {
  it('step curves with CI bands, horizon points and a numbers-at-risk table', async () => {
    const spec = buildKaplanMeierSpec(retention);
    const compiledMarks = JSON.stringify(spec);
    expect(compiledMarks).toContain('"interpolate":"step-after"');
    const r = await renderClean(spec);
    saveSvg('kaplan-meier', r.svg);
    const p12 = kmPoints.participants[1]!.survival;
    const c12 = kmPoints.comparison[1]!.survival;
    expect(r.all).toContain(`After 12 months, ${pct(p12)} of participants were still employed vs ${pct(c12)} of the comparison group`);
    expect(r.all).toContain('log-rank test p < 0.001');
    expect(r.texts).toEqual(expect.arrayContaining(['Months since start', 'Still employed', 'Number at risk', 'Participants', 'Comparison group', '0', '6', '12', '100%']));
    // at-risk table: everyone at month 0
    expect(r.texts).toEqual(expect.arrayContaining(['450', '842']));
    // two curves and two bands
    expect((r.svg.match(/aria-roledescription="line mark"/g) ?? []).length).toBe(2);
    expect((r.svg.match(/aria-roledescription="area mark"/g) ?? []).length).toBe(2);
    expect(r.svg).toContain(LIGHT_PALETTE.participants);
    expect(r.svg).toContain(LIGHT_PALETTE.comparison);
    // tooltip with exact numbers and the number at risk
    expect(r.svg).toMatch(/Still employed: \d+%; group: Participants; Group: Participants; Since start: day 365 \(12\.0 months\); CI: 95% CI \d+\.\d% to \d+\.\d%; Number at risk: \d+/);
  });

  it('cuts each curve where fewer than minGroupSize remain at risk and labels those cells', async () => {
    const tiny: KmCurveData = { n: 12, time: [30, 60, 90, 120, 150, 400, 500, 600], nRisk: [12, 11, 9, 8, 6, 4, 3, 1], nEvent: [1, 1, 1, 1, 1, 1, 1, 1], nCensor: [0, 1, 0, 1, 1, 0, 1, 0], survival: [0.917, 0.833, 0.741, 0.648, 0.54, 0.405, 0.27, 0], lower: [0.8, 0.7, 0.6, 0.5, 0.3, 0.2, 0.1, null], upper: [1, 1, 1, 0.9, 0.9, 0.8, 0.7, null] };
    const spec = buildKaplanMeierSpec({ curves: { participants: tiny, comparison: curves.comparison } });
    const r = await renderClean(spec);
    saveSvg('kaplan-meier-small', r.svg);
    expect(r.texts).toContain('fewer than 5');
    // nothing after day 150 (at risk 6 → then 4) is drawn or tabled for the small group
    const rows = chartData(spec).rows.filter((x) => x['group'] === 'Participants');
    expect(Math.max(...rows.map((x) => Number(x['days'])))).toBe(150);
    expect(r.svg).not.toMatch(/Group: Participants; Since start: day (400|500|600)[^"]*CI:/);
  });

  it('a group below minGroupSize is not drawn: labelled "fewer than 5"', async () => {
    const spec = buildKaplanMeierSpec({ curves: { participants: { ...curves.participants, n: 4 }, comparison: curves.comparison } });
    const r = await renderClean(spec);
    expect(r.all).toContain('Participants: fewer than 5 people, not shown');
    expect(r.svg).not.toMatch(/Group: Participants; Since start[^"]*CI:/);
    expect(chartData(spec).rows[0]).toMatchObject({ group: 'Participants', atRisk: 'fewer than 5', survival: null });
    const both = await renderClean(buildKaplanMeierSpec({ curves: { participants: { ...curves.participants, suppressed: true }, comparison: { ...curves.comparison, n: 2 } } }));
    expect(both.all).toContain('Not shown to protect privacy: fewer than 5 people in a group.');
  });

  it('without full curves: the horizon readings with CIs and their at-risk numbers', async () => {
    const spec = buildKaplanMeierSpec({ km: kmPoints, logrank: retention.logrank }, { theme: 'dark' });
    const r = await renderClean(spec);
    saveSvg('kaplan-meier-horizons', r.svg);
    expect(r.texts).toEqual(expect.arrayContaining(['6 months', '12 months', '24 months', 'Number at risk']));
    expect(r.all).toContain('Kaplan–Meier estimate at 6 months, 12 months and 24 months, with 95% CIs; log-rank test p < 0.001.');
    expect(r.svg).toContain('#56B4E9');
    // a suppressed horizon reading (engine) and one with too few at risk
    const pts = { participants: kmPoints.participants.map((p, i) => (i === 2 ? { ...p, atRisk: 3 } : p)), comparison: kmPoints.comparison.map((p) => ({ ...p, suppressed: true, survival: null, lower: null, upper: null, atRisk: 0 })) };
    const r2 = await renderClean(buildKaplanMeierSpec({ km: pts }));
    expect(r2.texts).toContain('fewer than 5');
    expect(r2.all).toContain('Comparison group: fewer than 5 people, not shown');
  });

  it('no data', async () => {
    for (const input of [null, {}, { km: { participants: [], comparison: [] } }, { curves: { participants: null, comparison: null } }]) {
      expect((await renderClean(buildKaplanMeierSpec(input))).all).toMatch(/No data/);
    }
  });
});

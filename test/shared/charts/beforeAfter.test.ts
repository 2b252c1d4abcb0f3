import { describe, expect, it } from 'vitest';
import { buildBeforeAfterSpec } from '../../../shared/charts/beforeAfter';
import { chartData } from '../../../shared/charts/table';
import { LIGHT_PALETTE } from '../../../shared/charts/theme';
import { paired, suppressedPaired } from './fixtures';
import { renderClean, saveSvg } from './render';

describe('buildBeforeAfterSpec', () => {
  it('draws participants before → after with the change, its CI and n', async () => {
    const spec = buildBeforeAfterSpec(paired, { measure: 'performance rating', unit: '1–5 scale', domain: [1, 5] });
    const r = await renderClean(spec);
    saveSvg('before-after', r.svg);
    expect(r.all).toContain("Participants' performance rating rose by 0.33 after joining");
    expect(r.all).toMatch(/Mean 3\.02 → 3\.35, change \+0\.33 \(95% CI \+0\.23 to \+0\.42, p < 0\.001\), n = 322/);
    expect(r.texts).toEqual(expect.arrayContaining(['Participants', 'Before', 'After', '3.02', '3.35', '+0.33', 'Mean performance rating (1–5 scale)']));
    expect(r.svg).toContain(LIGHT_PALETTE.participants);
    // tooltips carry exact numbers and n
    expect(r.svg).toMatch(/Mean before: 3\.022; Mean after: 3\.351; Mean change: \+0\.329; CI of the change: 95% CI \+0\.23 to \+0\.42; n \(both measurements\): 322/);
  });

  it('says so when the interval includes zero', async () => {
    const r = await renderClean(buildBeforeAfterSpec({ ...paired, meanDiff: -0.04, meanAfter: 2.98, ciLow: -0.13, ciHigh: 0.05, p: 0.41 }, { measure: 'survey score' }));
    expect(r.all).toContain("No clear change in participants' survey score after joining");
    expect(r.all).toContain('−0.04');
  });

  it('one row per cohort, a suppressed cohort labelled "fewer than 5", never drawn as zero', async () => {
    const spec = buildBeforeAfterSpec(
      [
        { label: '2022 Spring', result: paired },
        { label: '2022 Fall', result: { ...paired, meanAfter: 3.1, meanDiff: 0.08, ciLow: -0.02, ciHigh: 0.18 } },
        { label: '2023 Pilot', result: suppressedPaired },
      ],
      { measure: 'performance rating', domain: [1, 5] },
    );
    const r = await renderClean(spec);
    saveSvg('before-after-cohorts', r.svg);
    expect(r.texts).toEqual(expect.arrayContaining(['2022 Spring', '2022 Fall', '2023 Pilot', 'fewer than 5 participants with both measurements (not shown)']));
    expect(r.texts.filter((t) => t === '0.00')).toHaveLength(0);
    expect(chartData(spec).rows[2]).toMatchObject({ group: '2023 Pilot', n: 'fewer than 5', before: null, after: null });
  });

  it('a suppressed result becomes a labelled message with the minimum group size', async () => {
    const r = await renderClean(buildBeforeAfterSpec(suppressedPaired, { minGroupSize: 10, measure: 'performance rating' }));
    expect(r.all).toContain('Not shown to protect privacy: fewer than 5 participants have both measurements.');
    const r2 = await renderClean(buildBeforeAfterSpec({ ...paired, n: 7 }, { minGroupSize: 10 }));
    expect(r2.all).toContain('fewer than 10 participants have both measurements');
  });

  it('no data renders a "No data" message, not an error', async () => {
    for (const input of [null, undefined, [], { ...paired, meanBefore: null, meanAfter: null, meanDiff: null }]) {
      const r = await renderClean(buildBeforeAfterSpec(input, { measure: 'survey score' }));
      expect(r.all).toMatch(/No data/);
    }
    const custom = await renderClean(buildBeforeAfterSpec(null, { emptyMessage: 'Import performance reviews to see this chart.' }));
    expect(custom.all).toContain('Import performance reviews to see this chart.');
  });

  it('dark theme uses the dark palette', async () => {
    const r = await renderClean(buildBeforeAfterSpec(paired, { theme: 'dark' }));
    expect(r.svg).toContain('#56B4E9');
    expect(r.svg).toContain('#1E1E1E');
  });
});

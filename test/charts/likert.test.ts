import { describe, expect, it } from 'vitest';
import { buildLikertSpec } from '../../shared/charts/likert';
import { chartData } from '../../shared/charts/table';
import { dist, likert } from './fixtures';
import { renderClean, saveSvg } from './render';

const itemLabels = { ENG1: 'I see a future for me here', ENG2: 'My work is recognised', ENG3: 'I know what is expected of me', ENG6: 'I often think about leaving', ENG9: 'Pilot question' };

describe('buildLikertSpec', () => {
  it('before/after diverging bars per item with the top-2-box share labelled', async () => {
    const spec = buildLikertSpec(likert, { itemLabels });
    const r = await renderClean(spec);
    saveSvg('likert', r.svg);
    expect(r.all).toContain('Participants answered more favourably after joining on 3 of 4 items');
    const eng1 = likert[0]!;
    expect(r.texts).toEqual(expect.arrayContaining([`before ${Math.round(eng1.before.top2Box! * 100)}%`, `after ${Math.round(eng1.after.top2Box! * 100)}%`]));
    expect(r.texts).toEqual(expect.arrayContaining(['Strongly disagree', 'Strongly agree', '50%', '0%']));
    expect(r.svg).toMatch(/Item: I see a future for me here; Answers: After; Answer: Agree \(4\); Share: [\d.]+%; Count: 160; n \(answers\): 337; Top-2-box: [\d.]+%/);
    // reversed item: flipped so right is favourable, the answer as given in the tooltip
    expect(r.svg).toMatch(/Item: I often think about leaving \(reversed\); Answers: After; Answer: Strongly disagree \(1\), counts as 5 \(reverse-coded\)/);
    // suppressed periods read "fewer than 5", never a zero-length bar
    expect(r.texts).toEqual(expect.arrayContaining(['Before: fewer than 5 answers (not shown)', 'After: fewer than 5 answers (not shown)']));
    expect(r.svg).not.toMatch(/Item: Pilot question; Answers: (Before|After); Answer/);
    const rows = chartData(spec).rows;
    expect(rows.find((x) => x['item'] === 'Pilot question' && x['period'] === 'Before')).toMatchObject({ n: 'fewer than 5', top2: null });
  });

  it('segments of a bar sum to 100% and the middle level straddles zero', () => {
    const spec = buildLikertSpec([likert[0]!], { period: 'after' }) as unknown as { layer: { data: { values: { x0: number; x1: number; level: string }[] } }[] };
    const segs = spec.layer[0]!.data.values;
    expect(segs).toHaveLength(5);
    expect(segs[4]!.x1 - segs[0]!.x0).toBeCloseTo(1, 12);
    const neutral = segs.find((s) => s.level === 'Neither agree nor disagree')!;
    expect(neutral.x0).toBeCloseTo(-(neutral.x1 - neutral.x0) / 2, 12);
  });

  it('all answers, sorted by top-2-box, dark theme', async () => {
    const r = await renderClean(buildLikertSpec(likert, { period: 'all', theme: 'dark', itemLabels }));
    saveSvg('likert-all-dark', r.svg);
    expect(r.all).toMatch(/^.*Most favourable: I know what is expected of me \(\d+%\); least: My work is recognised \(\d+%\)/);
  });

  it('a 7-point scale uses its own labels', async () => {
    const seven = { ...likert[1]!, all: { ...dist([1, 2, 3, 4, 5]), levels: [1, 2, 3, 4, 5, 6, 7].map((level) => ({ level, count: 10, share: 1 / 7 })), n: 70 } };
    const r = await renderClean(buildLikertSpec([seven], { period: 'all', levelLabels: ['1 Never', '2', '3', '4', '5', '6', '7 Always'] }));
    expect(r.texts).toEqual(expect.arrayContaining(['1 Never', '7 Always']));
  });

  it('everything suppressed → message; nothing → No data', async () => {
    const sup = likert[4]!;
    const r = await renderClean(buildLikertSpec([sup], { period: 'before' }));
    expect(r.all).toContain('Not shown to protect privacy: fewer than 5 answers per item.');
    expect((await renderClean(buildLikertSpec([]))).all).toMatch(/No data/);
    expect((await renderClean(buildLikertSpec(undefined))).all).toMatch(/No data/);
  });
});

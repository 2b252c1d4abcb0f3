import { describe, expect, it } from 'vitest';
import { buildLikertSpec } from '../../../shared/charts/likert';
import { chartData } from '../../../shared/charts/table';
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

  it('withheld levels: one "fewer than 5" segment at the centre, the bar still spans 100%', async () => {
    // 60 answers: Strongly disagree (2) withheld, Disagree (7) withheld with it; off-scale answers none.
    const levels = [
      { level: 1, count: null, share: null, suppressed: true },
      { level: 2, count: null, share: null, suppressed: true },
      { level: 3, count: 11, share: 11 / 60 },
      { level: 4, count: 25, share: 25 / 60 },
      { level: 5, count: 15, share: 15 / 60 },
    ];
    const withheldItem = { ...likert[1]!, all: { n: 60, people: 60, levels, mean: null, top2Box: 40 / 60 } };
    const spec = buildLikertSpec([withheldItem, likert[0]!], { period: 'all', itemLabels });
    const r = await renderClean(spec);
    saveSvg('likert-withheld', r.svg);
    expect(r.svg).toContain('fewer than 5');
    expect(r.texts).toEqual(expect.arrayContaining(['Withheld (fewer than 5 answers)']));
    expect(r.svg).toMatch(/Item: My work is recognised; Answers: All answers; Answer: Strongly disagree \(1\), Disagree \(2\): withheld; Share: 15\.0% together[^;]*; Count: fewer than 5/);
    const segs = (spec as unknown as { layer: { data: { values: { item: string; x0: number; x1: number; level: string }[] } }[] }).layer[0]!.data.values;
    const mine = segs.filter((x) => x.item === 'My work is recognised');
    expect(mine.map((x) => x.level)).toEqual(['Neither agree nor disagree', 'Withheld (fewer than 5 answers)', 'Agree', 'Strongly agree']);
    const width = (x: { x0: number; x1: number }) => x.x1 - x.x0;
    const withheld = mine.find((x) => x.level.startsWith('Withheld'))!;
    expect(width(withheld)).toBeCloseTo(9 / 60, 12);
    expect(mine.reduce((s, x) => s + width(x), 0)).toBeCloseTo(1, 12);
    expect(mine.at(-1)!.x1 - mine[0]!.x0).toBeCloseTo(1, 12);
    // the middle level and the withheld segment straddle zero together
    expect(mine[0]!.x0).toBeCloseTo(-(11 + 9) / 60 / 2, 12);
    // table / CSV: withheld levels read "fewer than 5", not 0
    const row = chartData(spec).rows.find((x) => x['item'] === 'My work is recognised')!;
    expect(row).toMatchObject({ level1: 'fewer than 5', level2: 'fewer than 5', level3: 11 / 60, n: 60 });
    // items without withheld levels are unchanged
    expect(segs.filter((x) => x.item === 'I see a future for me here')).toHaveLength(5);
  });

  it('withheld levels on a 4-point scale sit between the two sides', () => {
    const levels = [
      { level: 1, count: 10, share: 0.25 },
      { level: 2, count: null, share: null, suppressed: true },
      { level: 3, count: null, share: null, suppressed: true },
      { level: 4, count: 20, share: 0.5 },
    ];
    const it4 = { ...likert[1]!, all: { n: 40, people: 40, levels, mean: null, top2Box: null } };
    const spec = buildLikertSpec([it4], { period: 'all' }) as unknown as { layer: { data: { values: { x0: number; x1: number; level: string }[] }; encoding?: { color?: { scale?: { range?: string[] } } } }[] };
    const segs = spec.layer[0]!.data.values;
    expect(segs.map((x) => x.level)).toEqual(['1', 'Withheld (fewer than 5 answers)', '4']);
    expect(segs[1]!.x0).toBeCloseTo(-0.125, 12);
    expect(segs[2]!.x1 - segs[0]!.x0).toBeCloseTo(1, 12);
    expect(spec.layer[0]!.encoding!.color!.scale!.range).toHaveLength(5);
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

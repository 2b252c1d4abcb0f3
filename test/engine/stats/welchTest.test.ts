import { describe, expect, it } from 'vitest';
import { welchTest } from '../../../electron/engine/stats/welchTest';
import { expectAllFinite, expectClose, reference } from './helpers';

describe('welchTest matches R t.test(x, y) and wilcox.test(x, y)', () => {
  it.each(reference.welch.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = welchTest(c.input.x, c.input.y, c.input.confidence);
    for (const [key, expected] of Object.entries(c.expected)) {
      expectClose(r[key as keyof typeof r] as number | null, expected, `${c.name}.${key} (${c.source})`);
    }
    expectAllFinite(r);
    if (Object.values(c.expected).some((v) => v === null)) expect(r.reason).toMatch(/\w/);
    else expect(r.reason).toBeUndefined();
  });
});

describe('welchTest edge cases', () => {
  it('an empty group: only the other mean', () => {
    const r = welchTest([], [1, 2, 3]);
    expect(r).toMatchObject({ n1: 0, n2: 3, mean1: null, mean2: 2, diff: null, t: null, hedgesG: null, mannWhitneyP: null });
    expect(r.reason).toMatch(/group 1 has no values/);
    expectAllFinite(r);
    expect(welchTest([1], []).reason).toMatch(/group 2 has no values/);
    const both = welchTest([], []);
    expect(both.reason).toMatch(/both groups are empty/);
    expectAllFinite(both);
  });

  it('all values equal: nothing but the means', () => {
    const r = welchTest([3, 3, 3], [3, 3]);
    expect(r).toMatchObject({ mean1: 3, mean2: 3, diff: 0, t: null, df: null, p: null, ciLow: null, hedgesG: null, mannWhitneyP: null });
    expect(r.reason).toMatch(/same within each group/);
    expect(r.reason).toMatch(/all values are equal/);
    expectAllFinite(r);
  });

  it('constant but different groups: no t-test, rank-sum test still defined', () => {
    const r = welchTest([4, 4, 4], [2, 2, 2, 2]);
    expect(r.t).toBeNull();
    expect(r.hedgesG).toBeNull();
    expect(r.mannWhitneyP).toBeGreaterThan(0);
    expectAllFinite(r);
  });

  it('one value per group', () => {
    const r = welchTest([1], [2]);
    expect(r).toMatchObject({ n1: 1, n2: 1, diff: -1, t: null, hedgesG: null, mannWhitneyP: 1 });
    expectAllFinite(r);
  });

  it('drops non-finite values', () => {
    expect(welchTest([1, NaN, 2, 3], [2, 4, -Infinity, 5])).toEqual(welchTest([1, 2, 3], [2, 4, 5]));
  });
});

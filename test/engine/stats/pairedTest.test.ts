import { describe, expect, it } from 'vitest';
import { pairedTest } from '../../../electron/engine/stats/pairedTest';
import { expectAllFinite, expectClose, reference } from './helpers';

describe('pairedTest matches R t.test(paired = TRUE) and wilcox.test(paired = TRUE)', () => {
  it.each(reference.paired.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = pairedTest(c.input.after, c.input.before, c.input.confidence);
    for (const [key, expected] of Object.entries(c.expected)) {
      expectClose(r[key as keyof typeof r] as number | null, expected, `${c.name}.${key} (${c.source})`);
    }
    expectAllFinite(r);
    if (Object.values(c.expected).some((v) => v === null)) expect(r.reason).toMatch(/\w/);
    else expect(r.reason).toBeUndefined();
  });
});

describe('pairedTest edge cases', () => {
  it('no pairs: everything null, with a reason', () => {
    const r = pairedTest([], []);
    expect(r).toMatchObject({ n: 0, meanBefore: null, meanAfter: null, meanDiff: null, t: null, p: null, cohenDz: null, wilcoxonP: null });
    expect(r.reason).toMatch(/no one has both/);
    expectAllFinite(r);
  });

  it('one pair: means, no t-test; Wilcoxon as R (p = 1)', () => {
    const r = pairedTest([4], [3]);
    expect(r).toMatchObject({ n: 1, meanBefore: 3, meanAfter: 4, meanDiff: 1, t: null, df: null, p: null, ciLow: null, ciHigh: null, cohenDz: null, wilcoxonP: 1 });
    expect(r.reason).toMatch(/at least 2 pairs/);
  });

  it('all differences zero: t-test and Wilcoxon undefined', () => {
    const r = pairedTest([1, 2, 3, 4], [1, 2, 3, 4]);
    expect(r).toMatchObject({ n: 4, meanDiff: 0, t: null, p: null, cohenDz: null, wilcoxonP: null });
    expect(r.reason).toMatch(/all differences are the same/);
    expect(r.reason).toMatch(/all differences are zero/);
    expectAllFinite(r);
  });

  it('all differences equal but not zero: no t-test, Wilcoxon still defined', () => {
    const r = pairedTest([2, 3, 4, 5, 6], [1, 2, 3, 4, 5]);
    expect(r.t).toBeNull();
    expect(r.cohenDz).toBeNull();
    expect(r.wilcoxonP).toBeGreaterThan(0);
    expectAllFinite(r);
  });

  it('drops pairs with a non-finite value, as R drops NA pairs', () => {
    const full = pairedTest([5, 6, 7, 9, 4], [4, 6, 5, 7, 5]);
    const withGaps = pairedTest([5, NaN, 6, 7, 9, 4, 3], [4, 2, 6, 5, 7, 5, Infinity]);
    expect(withGaps).toEqual(full);
  });

  it('rejects unequal lengths and bad confidence', () => {
    expect(() => pairedTest([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedTest([1, 2], [1, 3], 1)).toThrow(RangeError);
  });
});

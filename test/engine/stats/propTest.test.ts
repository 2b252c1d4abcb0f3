import { describe, expect, it } from 'vitest';
import { propTest } from '../../../electron/engine/stats/propTest';
import { expectAllFinite, expectClose, reference } from './helpers';

describe('propTest matches R prop.test(correct = FALSE)', () => {
  it.each(reference.propTest.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { k1, n1, k2, n2, confidence } = c.input;
    const r = propTest(k1, n1, k2, n2, confidence);
    for (const key of ['p1', 'p2', 'diff', 'ciLow', 'ciHigh', 'chisq', 'p'] as const) {
      expectClose(r[key], c.expected[key]!, `${c.name}.${key} (${c.source})`);
    }
    expectAllFinite(r);
  });
});

describe('propTest edge cases', () => {
  it('everyone with the same outcome: interval, no test', () => {
    const r = propTest(0, 4, 0, 6);
    expect(r).toMatchObject({ p1: 0, p2: 0, diff: 0, ciLow: 0, ciHigh: 0, chisq: null, p: null });
    expect(r.reason).toMatch(/same outcome/);
  });

  it('an empty group or impossible counts: all null with a reason', () => {
    for (const r of [propTest(0, 0, 3, 5), propTest(6, 5, 1, 5), propTest(-1, 5, 1, 5), propTest(NaN, 5, 1, 5)]) {
      expect(r).toMatchObject({ p1: null, p2: null, diff: null, ciLow: null, ciHigh: null, chisq: null, p: null });
      expect(r.reason).toMatch(/\w/);
      expectAllFinite(r);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../../electron/engine/stats/kaplanMeier';
import { logRank } from '../../../electron/engine/stats/logRank';
import { pairedTest } from '../../../electron/engine/stats/pairedTest';
import { welchTest } from '../../../electron/engine/stats/welchTest';
import { seeded } from '../../security/helpers';
import { expectAllFinite } from './helpers';

const N = 200_000;

describe('large inputs (200k values, heavy ties) stay fast and finite', () => {
  const r = seeded(7);
  const before = Float64Array.from({ length: N }, () => 1 + Math.floor(r() * 5));
  const after = before.map((b) => Math.min(5, Math.max(1, b + Math.floor(r() * 4) - 1)));
  const time = Float64Array.from({ length: N }, () => 1 + Math.floor(r() * 1500));
  const event = Array.from({ length: N }, () => (r() < 0.3 ? 1 : 0));
  const group = Array.from({ length: N }, () => (r() < 0.4 ? 1 : 2));

  // Speed is measured by npm run bench, not here: this checks 200k-value inputs give finite results.
  it('paired, Welch, Kaplan–Meier and log-rank on large inputs', () => {
    const timed = <T>(f: () => T): T => {
      const out = f();
      expectAllFinite(out);
      return out;
    };
    expect(timed(() => pairedTest(after, before)).wilcoxonP).not.toBeNull();
    expect(timed(() => welchTest(after.subarray(0, N / 2), before.subarray(N / 2))).mannWhitneyP).not.toBeNull();
    expect(timed(() => kaplanMeier(time, event, [182, 365, 730]))[0]!.survival).not.toBeNull();
    expect(timed(() => logRank(time, event, group)).chisq).not.toBeNull();
  });
});

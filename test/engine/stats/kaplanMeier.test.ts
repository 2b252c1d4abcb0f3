import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierCurve } from '../../../electron/engine/stats/kaplanMeier';
import { expectAllFinite, expectClose, reference } from './helpers';

describe('kaplanMeier matches R summary(survfit(...), times = horizons, extend = TRUE)', () => {
  it.each(reference.kaplanMeier.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const points = kaplanMeier(c.input.time, c.input.event, c.input.horizons, c.input.confidence);
    expect(points).toHaveLength(c.expected.points.length);
    c.expected.points.forEach((e, i) => {
      const p = points[i]!;
      const label = `${c.name} at ${e.days} (${c.source})`;
      expect(p.days).toBe(e.days);
      expect(p.atRisk, `${label}: atRisk`).toBe(e.atRisk);
      if (e.atRisk === 0) {
        // R carries the last value forward past the end of follow-up; we report null.
        expect(p).toEqual({ days: e.days, survival: null, lower: null, upper: null, atRisk: 0 });
      } else {
        expectClose(p.survival, e.survival, `${label}: survival`);
        expectClose(p.lower, e.lower, `${label}: lower`);
        expectClose(p.upper, e.upper, `${label}: upper`);
      }
    });
    expectAllFinite(points);
  });

  it.each(reference.kaplanMeier.map((c) => [c.name, c] as const))('%s: full curve matches survfit()', (_name, c) => {
    const curve = kaplanMeierCurve(c.input.time, c.input.event, c.input.confidence);
    const e = c.expected.curve;
    expect(curve.n).toBe(c.input.time.length);
    expect(curve.time).toEqual(e.time);
    expect(curve.nRisk).toEqual(e.nRisk);
    expect(curve.nEvent).toEqual(e.nEvent);
    expect(curve.nCensor).toEqual(e.nCensor);
    e.survival.forEach((s, i) => {
      expectClose(curve.survival[i], s, `${c.name} curve survival[${i}]`);
      expectClose(curve.lower[i], e.lower[i]!, `${c.name} curve lower[${i}]`);
      expectClose(curve.upper[i], e.upper[i]!, `${c.name} curve upper[${i}]`);
    });
    expectAllFinite(curve);
  });
});

describe('kaplanMeier edge cases', () => {
  it('nobody: every horizon null with atRisk 0', () => {
    expect(kaplanMeier([], [], [365, 182])).toEqual([
      { days: 182, survival: null, lower: null, upper: null, atRisk: 0 },
      { days: 365, survival: null, lower: null, upper: null, atRisk: 0 },
    ]);
    expect(kaplanMeierCurve([], [])).toEqual({ n: 0, time: [], nRisk: [], nEvent: [], nCensor: [], survival: [], lower: [], upper: [] });
  });

  it('everyone censored: survival 1 while anyone is at risk', () => {
    const p = kaplanMeier([10, 20, 30], [0, 0, 0], [5, 30, 31]);
    expect(p).toEqual([
      { days: 5, survival: 1, lower: 1, upper: 1, atRisk: 3 },
      { days: 30, survival: 1, lower: 1, upper: 1, atRisk: 1 },
      { days: 31, survival: null, lower: null, upper: null, atRisk: 0 },
    ]);
  });

  it('survival reaching 0: bounds null (R gives NA)', () => {
    const p = kaplanMeier([1, 1], [1, 1], [1]);
    expect(p).toEqual([{ days: 1, survival: 0, lower: null, upper: null, atRisk: 2 }]);
    expectAllFinite(p);
  });

  it('accepts booleans and typed arrays, drops non-finite times, rejects other event codes', () => {
    const a = kaplanMeier(new Float64Array([3, NaN, 5, 8]), [true, true, false, true], [4, 6]);
    const b = kaplanMeier([3, 5, 8], [1, 0, 1], [4, 6]);
    expect(a).toEqual(b);
    expect(() => kaplanMeier([1, 2], [1, 2], [1])).toThrow(RangeError);
    expect(() => kaplanMeier([1, 2], [1], [1])).toThrow(RangeError);
  });
});

/**
 * Issue 18 item 8: withheld Kaplan–Meier readings. A withheld point used to carry `atRisk: 0`
 * (made up: the true counts were 2, 2 and 1), and the curve was cut at minGroupSize at risk
 * while a horizon reading with fewer at risk was still shown. One rule now: fewer than
 * minGroupSize at risk (or in the group) withholds, and a withheld point has no number but its horizon.
 */
import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../electron/engine/analysis/analyze';
import { kmResult, retentionResult } from '../../electron/engine/analysis/results';
import type { SurvivalGroup } from '../../electron/engine/analysis/results';
import { buildKaplanMeierSpec } from '../../shared/charts/kaplanMeier';
import type { KmPoint } from '../../shared/analysis';

function group(times: number[], events: number[]): SurvivalGroup {
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
  return { time: Float64Array.from(order.map((i) => times[i]!)), event: Uint8Array.from(order.map((i) => events[i]!)) };
}

const withheld = (days: number): KmPoint => ({ days, survival: null, lower: null, upper: null, atRisk: null, suppressed: true });

describe('withheld Kaplan–Meier points', () => {
  it('a group under minGroupSize: every number of every point is null, not atRisk 0', () => {
    // Three people still employed at 400, 800 and 100 days: at risk 2, 2 and 1 at the horizons.
    const r = kmResult(group([400, 800, 100], [0, 0, 0]), effectiveConfig({ minGroupSize: 5 }));
    expect(r.points).toEqual([withheld(182), withheld(365), withheld(730)]);
    expect(r.curve).toBeNull();
  });

  it('one rule for the curve and the horizons: a 730-day point with 6 at risk is withheld when minGroupSize is 10', () => {
    // 30 people: 10 leave between day 100 and 190, 14 are censored by day 700, 6 are followed past 730 days.
    const times = [...Array.from({ length: 10 }, (_, i) => 100 + 10 * i), ...Array.from({ length: 14 }, (_, i) => 400 + 20 * i), 750, 760, 770, 780, 790, 800];
    const events = [...Array<number>(10).fill(1), ...Array<number>(20).fill(0)];
    const config = effectiveConfig({ minGroupSize: 10 });
    const r = kmResult(group(times, events), config);
    const [p182, p365, p730] = r.points;
    expect(p182).toMatchObject({ days: 182, atRisk: 21 });
    expect(p365).toMatchObject({ days: 365, atRisk: 20 });
    expect(p365!.survival).toBeCloseTo(20 / 30, 12);
    expect(p730).toEqual(withheld(730));
    // The curve stops where fewer than 10 are at risk: from day 620 on (9 at risk).
    const curve = r.curve!;
    expect(Math.min(...curve.nRisk)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...curve.time)).toBeLessThan(730);
    // Every shown point has at least minGroupSize at risk, and no withheld one holds a number.
    for (const p of r.points) {
      if (p.suppressed) expect([p.survival, p.lower, p.upper, p.atRisk]).toEqual([null, null, null, null]);
      else expect(p.atRisk).toBeGreaterThanOrEqual(10);
    }
    // Nobody left at risk is withheld the same way (the curve is cut there too).
    expect(kmResult(group(times, events), { ...config, horizonsDays: [900] }).points).toEqual([withheld(900)]);
  });

  it('the log-rank test stays shown when only a horizon is withheld', () => {
    const times = Array.from({ length: 12 }, (_, i) => 100 + 60 * i);
    const events = times.map((_, i) => i % 2);
    const config = effectiveConfig({ minGroupSize: 5 });
    const r = retentionResult(group(times, events), group(times.map((t) => t + 30), events), { n1: 12, k1: 6, n2: 12, k2: 6 }, config, true);
    expect(r.km.participants.at(-1)).toEqual(withheld(730));
    expect(r.logrank.p).not.toBeNull();
  });

  it('the chart and its table say "fewer than N" for a withheld point, never 0', () => {
    const shown: KmPoint = { days: 182, survival: 0.9, lower: 0.8, upper: 0.95, atRisk: 40 };
    const spec = buildKaplanMeierSpec({ km: { participants: [shown, withheld(365)], comparison: [shown, withheld(365)] } }, { minGroupSize: 10 });
    const text = JSON.stringify(spec);
    const rows = (spec as unknown as { usermeta: { table: { rows: Record<string, unknown>[] } } }).usermeta.table.rows;
    expect(rows.filter((x) => x.days === 365).map((x) => x.atRisk)).toEqual(['fewer than 10', 'fewer than 10']);
    expect(text).not.toMatch(/"atRisk":0\b/);
  });
});

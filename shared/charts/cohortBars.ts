/**
 * Bars per cohort (or per segment) with CI whiskers: one effect per group —
 * the difference-in-differences of a measure, participants' before → after
 * change, or the 12-month retention difference — against a rule at zero.
 * Bars start at zero because every metric here is a difference. Cohorts keep
 * their order (by start date); a cohort below minGroupSize reads
 * "fewer than N people" instead of a bar.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CohortResult, OutcomeResults, Paired, Proportion, SegmentBreakdown, TwoGroup } from '../analysis';
import { MEASURED } from '../outcomes';
import type { ChangeMetric, DidMetric } from '../outcomes';
import { frame, messageSpec, noData, resolve, tip, title } from './common';
import { ciText, clearlyNonZero, fewerThan, integer, isNum, pText, signed } from '../format';
import type { ChartOptions, ChartTable, TableCell } from './types';

/** A measured outcome's difference-in-differences or participants' change, or the 12-month retention difference. */
export type CohortMetric = DidMetric | ChangeMetric | 'retention12m';

/** One bar: a value with its CI; `n` says who it is about. */
export interface BarRow {
  group: string;
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** e.g. "60 participants vs 540" */
  n: string;
  p: number | null;
  suppressed?: boolean;
  /** Why there is no bar (shown in its place). */
  reason?: string;
}

export interface CohortBarsOptions extends ChartOptions {
  /** Which effect [performanceDid]; for BarRow input it only sets axis title, words and units (retention12m: percentage points). */
  metric?: CohortMetric;
  /** Value-axis title for BarRow input. */
  axisTitle?: string;
  /** Row-axis title [Cohort]. */
  groupTitle?: string;
}

interface MetricInfo {
  axis: string;
  what: string;
  /** Values are proportions, drawn in percentage points. */
  points: boolean;
  pick: (o: OutcomeResults) => TwoGroup | Paired | Proportion | null | undefined;
}

const METRICS = Object.fromEntries([
  ...MEASURED.flatMap((m): [CohortMetric, MetricInfo][] => [
    [m.did, { axis: `Difference-in-differences, ${m.what} (points)`, what: `${m.what}, relative to the comparison group`, points: false, pick: (o) => o[m.key]?.did }],
    [m.change, { axis: `Change in participants' mean ${m.what} (points)`, what: `participants' ${m.what}`, points: false, pick: (o) => o[m.key]?.beforeAfter }],
  ]),
  ['retention12m', { axis: '12-month retention: participants − comparison (percentage points)', what: '12-month retention, relative to the comparison group', points: true, pick: (o) => o.retention?.rate12m }],
]) as Record<CohortMetric, MetricInfo>;

function toBar(group: string, r: TwoGroup | Paired | Proportion | null | undefined, minGroupSize: number): BarRow {
  if (!r) return { group, value: null, ciLow: null, ciHigh: null, n: '–', p: null };
  const few = fewerThan(minGroupSize);
  if ('meanDiff' in r) {
    const small = r.suppressed || (isNum(r.n) && r.n < minGroupSize);
    return small
      ? { group, value: null, ciLow: null, ciHigh: null, n: few, p: null, suppressed: true, reason: r.reason }
      : { group, value: r.meanDiff, ciLow: r.ciLow, ciHigh: r.ciHigh, n: `${integer(r.n)} participants`, p: r.p, reason: r.reason };
  }
  const small = r.suppressed || (isNum(r.n1) && r.n1 < minGroupSize) || (isNum(r.n2) && r.n2 < minGroupSize);
  if (small) return { group, value: null, ciLow: null, ciHigh: null, n: few, p: null, suppressed: true, reason: r.reason };
  return { group, value: r.diff, ciLow: r.ciLow, ciHigh: r.ciHigh, n: `${integer(r.n1)} participants vs ${integer(r.n2)}`, p: r.p, reason: r.reason };
}

/** Bars of one metric per cohort. */
export function cohortBars(cohorts: readonly CohortResult[], metric: CohortMetric, minGroupSize = 5): BarRow[] {
  return cohorts.map((c) => toBar(c.cohort, METRICS[metric].pick(c.outcomes), minGroupSize));
}

/** Bars of one metric per value of a segment attribute (DiD and retention metrics only). */
export function segmentBars(breakdown: SegmentBreakdown, metric: DidMetric | 'retention12m', minGroupSize = 5): BarRow[] {
  return breakdown.groups.map((g) => {
    const label = g.value ?? 'Not recorded';
    if (g.suppressed) return { group: label, value: null, ciLow: null, ciHigh: null, n: fewerThan(minGroupSize), p: null, suppressed: true, reason: g.reason };
    const r = metric === 'retention12m' ? g.rate12m : g[metric];
    return toBar(label, r, minGroupSize);
  });
}

const isCohortList = (x: readonly unknown[]): x is readonly CohortResult[] => x.length > 0 && typeof x[0] === 'object' && x[0] !== null && 'outcomes' in x[0];

export function buildCohortBarsSpec(input: readonly CohortResult[] | readonly BarRow[] | null | undefined, options: CohortBarsOptions = {}): TopLevelSpec {
  const r = resolve(options);
  const few = fewerThan(r.minGroupSize);
  const pc = Math.round(r.confidence * 100);
  const metric = options.metric ?? 'performanceDid';
  const info = METRICS[metric];
  const fromCohorts = !!input && isCohortList(input);
  // The metric sets axis, words and units for cohort results, and for bar rows when it is given.
  const known = fromCohorts || options.metric !== undefined;
  const bars: BarRow[] = !input ? [] : isCohortList(input) ? cohortBars(input, metric, r.minGroupSize) : [...(input as readonly BarRow[])];
  const points = known ? info.points : false;
  const scale = points ? 100 : 1;
  const axisTitle = options.axisTitle ?? (known ? info.axis : 'Difference');
  const groupTitle = options.groupTitle ?? 'Cohort';
  const fmt = (x: number | null | undefined) => (points ? (isNum(x) ? `${signed(x * 100, 1)} pts` : '–') : signed(x));
  const bare = (x: number | null | undefined) => (points ? signed(isNum(x) ? x * 100 : x, 1) : signed(x));

  const ok = bars.filter((b) => !b.suppressed && isNum(b.value));
  const table: ChartTable = {
    caption: `${axisTitle}, by ${groupTitle.toLowerCase()}`,
    columns: [
      { key: 'group', title: groupTitle, format: 'text' },
      { key: 'n', title: 'n', format: 'text' },
      { key: 'value', title: points ? 'Difference (proportion)' : 'Estimate', format: points ? 'percent' : 'signed' },
      { key: 'ciLow', title: `${pc}% CI low`, format: points ? 'percent' : 'signed' },
      { key: 'ciHigh', title: `${pc}% CI high`, format: points ? 'percent' : 'signed' },
      { key: 'p', title: 'p', format: 'p' },
    ],
    rows: bars.map((b): Record<string, TableCell> =>
      b.suppressed ? { group: b.group, n: few, value: null, ciLow: null, ciHigh: null, p: null } : { group: b.group, n: b.n, value: b.value, ciLow: b.ciLow, ciHigh: b.ciHigh, p: b.p },
    ),
  };

  const heading = known ? `${info.what[0]!.toUpperCase()}${info.what.slice(1)}, by ${groupTitle.toLowerCase()}` : `${axisTitle} by ${groupTitle.toLowerCase()}`;
  if (!bars.length || bars.every((b) => !b.suppressed && !isNum(b.value))) {
    return noData(heading, `No data: no ${groupTitle.toLowerCase()} has enough data for this measure yet.`, options, table);
  }
  if (!ok.length) return messageSpec(heading, `Not shown to protect privacy: ${few} people in every ${groupTitle.toLowerCase()}.`, options, table, 'suppressed');

  const clearUp = ok.filter((b) => clearlyNonZero(b.ciLow, b.ciHigh) && b.value! > 0).length;
  const clearDown = ok.filter((b) => clearlyNonZero(b.ciLow, b.ciHigh) && b.value! < 0).length;
  const unit = groupTitle.toLowerCase();
  const heading1 =
    clearUp || clearDown
      ? `${known ? capital(info.what) : axisTitle}: clearly higher in ${clearUp} of ${bars.length} ${unit}s${clearDown ? `, lower in ${clearDown}` : ''}`
      : `${known ? capital(info.what) : axisTitle}: no clear difference in any ${unit}`;
  const subtitle = [`Bars: estimate per ${unit}, with its ${pc}% CI as whisker and, on the right, in numbers. A whisker that does not cross 0 is a clear difference.`];

  const rows = ok.map((b) => ({
    group: b.group,
    v: b.value! * scale,
    lo: isNum(b.ciLow) ? b.ciLow * scale : null,
    hi: isNum(b.ciHigh) ? b.ciHigh * scale : null,
    label: `${fmt(b.value)} (${isNum(b.ciLow) && isNum(b.ciHigh) ? `${pc}% CI ${bare(b.ciLow)} to ${bare(b.ciHigh)}` : 'no CI'})`,
    tGroup: b.group,
    tValue: points ? `${signed(b.value! * 100, 2)} percentage points` : signed(b.value, 3),
    tCi: ciText(b.ciLow, b.ciHigh, r.confidence, (x) => (points ? `${signed(x * 100, 1)}` : signed(x, 3))),
    tN: b.n,
    tP: pText(b.p),
  }));
  const hidden = bars
    .filter((b) => b.suppressed || !isNum(b.value))
    .map((b) => ({ group: b.group, message: b.suppressed ? `${few} people (not shown)` : (b.reason ?? 'not enough data') }));

  const order = bars.map((b) => b.group);
  const y = { field: 'group', type: 'nominal' as const, sort: order, title: null, axis: { labelFontSize: 12, labelColor: r.pal.text, labelLimit: 200 } };
  const tooltip = [tip('tGroup', groupTitle), tip('tValue', 'Estimate'), tip('tCi', 'CI'), tip('tN', 'n'), tip('tP', 'p')];
  const x = { field: 'v', type: 'quantitative' as const, title: axisTitle, scale: { zero: true, nice: true, padding: 8 }, axis: { grid: true, tickCount: 8 } };

  return {
    ...frame(r, table),
    title: title(options.title ?? heading1, options.subtitle ?? subtitle, r.width),
    width: r.width,
    height: { step: 40 },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', color: r.pal.participants, opacity: 0.85, height: { band: 0.6 } },
        encoding: { y, x, tooltip },
      },
      {
        data: { values: rows.filter((x) => isNum(x.lo) && isNum(x.hi)) },
        mark: { type: 'rule', color: r.pal.text, strokeWidth: 1.5 },
        encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, tooltip },
      },
      {
        data: { values: rows.filter((x) => isNum(x.lo) && isNum(x.hi)).flatMap((x) => [{ ...x, at: x.lo }, { ...x, at: x.hi }]) },
        mark: { type: 'tick', orient: 'vertical', color: r.pal.text, thickness: 1.5, size: 10 },
        encoding: { y, x: { field: 'at', type: 'quantitative' }, tooltip },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: r.pal.text, strokeWidth: 1 },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        // The estimate and its CI in a column right of the plot, clear of bars and whiskers.
        data: { values: rows },
        mark: { type: 'text', align: 'left', x: r.width + 10, fontSize: 11, color: r.pal.text },
        encoding: { y, text: { field: 'label', type: 'nominal' }, tooltip },
      },
      ...(hidden.length
        ? [
            {
              data: { values: hidden },
              mark: { type: 'text' as const, align: 'left' as const, x: r.width + 10, fontStyle: 'italic', fontSize: 11, color: r.pal.muted },
              encoding: { y, text: { field: 'message', type: 'nominal' as const }, tooltip: [tip('group', groupTitle), tip('message', 'Not shown')] },
            },
          ]
        : []),
    ],
  };
}

const capital = (s: string) => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;

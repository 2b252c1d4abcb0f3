/**
 * Difference-in-differences lines: before → after for participants and for the
 * comparison group.
 *
 * With both groups' before/after means (`did.groupMeans`) the lines are drawn at
 * their levels, with a dotted line for "participants if they had changed like the
 * comparison group"; the gap between it and the participants' after mean is the
 * estimate, drawn with its CI. Without them (older results) the chart degrades to
 * change since before: both lines start at 0 and end at each group's mean change,
 * so the gap at "after" is still exactly the estimate.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Paired, TwoGroup } from '../analysis';
import { frame, HORIZONTAL_Y_TITLE, messageSpec, noData, resolve, tip, title } from './common';
import { ciText, clearlyNonZero, fewerThan, fixed, integer, isNum, pText, signed } from '../format';
import { periodLabels } from './text';
import type { ChartTable, MeasureOptions, TableCell } from './types';

/** One group's mean before and after, over the people with both measurements (those in the DiD test). */
export interface GroupBeforeAfter {
  n: number | null;
  before: number | null;
  after: number | null;
}

export interface DidGroupMeans {
  participants: GroupBeforeAfter;
  comparison: GroupBeforeAfter;
}

/** A MeasuredOutcome fits: `did` is the Welch test on change scores (mean1/mean2 = mean change per group). */
export interface DidInput {
  did: TwoGroup & { groupMeans?: DidGroupMeans | null };
  beforeAfter?: Paired | null;
}

const complete = (m: GroupBeforeAfter | undefined): m is { n: number | null; before: number; after: number } => !!m && isNum(m.before) && isNum(m.after);

export function buildDidSpec(outcome: DidInput | null | undefined, options: MeasureOptions = {}): TopLevelSpec {
  const r = resolve(options);
  const measure = options.measure ?? 'score';
  const few = fewerThan(r.minGroupSize);
  const pc = Math.round(r.confidence * 100);
  const d = outcome?.did;
  const gm = d?.groupMeans ?? undefined;
  const suppressed = !!d && (d.suppressed === true || (isNum(d.n1) && d.n1 < r.minGroupSize) || (isNum(d.n2) && d.n2 < r.minGroupSize));
  const ok = !!d && !suppressed && isNum(d.mean1) && isNum(d.mean2) && isNum(d.diff);
  const levels = ok && complete(gm?.participants) && complete(gm?.comparison);
  const [beforeLabel, afterLabel] = periodLabels(options.windows);
  const v = (x: number | null | undefined): TableCell => (suppressed ? null : (x ?? null));

  const table: ChartTable = {
    caption: `Mean ${measure} before and after, and mean change, by group (people with both measurements)`,
    columns: [
      { key: 'group', title: 'Group', format: 'text' },
      { key: 'n', title: 'n (both measurements)', format: 'integer' },
      { key: 'before', title: 'Mean before', format: 'number' },
      { key: 'after', title: 'Mean after', format: 'number' },
      { key: 'change', title: 'Mean change', format: 'signed' },
      { key: 'ciLow', title: `${pc}% CI low`, format: 'signed' },
      { key: 'ciHigh', title: `${pc}% CI high`, format: 'signed' },
      { key: 'p', title: 'p (Welch t-test on changes)', format: 'p' },
    ],
    rows: d
      ? [
          { group: r.labels.participants, n: suppressed ? few : (d.n1 ?? null), before: v(gm?.participants.before), after: v(gm?.participants.after), change: v(d.mean1), ciLow: null, ciHigh: null, p: null },
          { group: r.labels.comparison, n: suppressed ? few : (d.n2 ?? null), before: v(gm?.comparison.before), after: v(gm?.comparison.after), change: v(d.mean2), ciLow: null, ciHigh: null, p: null },
          { group: 'Difference-in-differences', n: null, before: null, after: null, change: v(d.diff), ciLow: v(d.ciLow), ciHigh: v(d.ciHigh), p: v(d.p) },
        ]
      : [],
  };

  const heading = `Change in ${measure}: participants and comparison group`;
  if (suppressed) return messageSpec(heading, `Not shown to protect privacy: ${d?.reason ?? `${few} people in a group`}.`, options, table, 'suppressed');
  if (!ok || !d) return noData(heading, `No data: no one in both groups has a ${measure} before and after yet.`, options, table);

  const P = r.labels.participants;
  const C = r.labels.comparison;
  const CF = `${P} if they had changed like the ${C.toLowerCase()}`;
  const ci = ciText(d.ciLow, d.ciHigh, r.confidence);
  const common = { tDiff: signed(d.diff, 3), tCi: ci, tP: pText(d.p) };
  const n = { [P]: d.n1, [C]: d.n2 };
  const change = { [P]: d.mean1!, [C]: d.mean2! };
  const base = levels ? { [P]: gm!.participants.before!, [C]: gm!.comparison.before! } : { [P]: 0, [C]: 0 };
  const end = levels ? { [P]: gm!.participants.after!, [C]: gm!.comparison.after! } : { [P]: d.mean1!, [C]: d.mean2! };
  const cfEnd = base[P]! + change[C]!;

  const higherAt = (period: 'b' | 'a') => ((period === 'b' ? base[P]! >= base[C]! : end[P]! >= end[C]!) ? P : C);
  const points = [P, C].flatMap((group) =>
    (['b', 'a'] as const).map((period) => {
      const value = period === 'b' ? base[group]! : end[group]!;
      return {
        series: group,
        period: period === 'b' ? beforeLabel : afterLabel,
        value,
        label: levels ? fixed(value) : period === 'b' ? '' : signed(value),
        above: higherAt(period) === group,
        tGroup: group,
        tPeriod: period === 'b' ? beforeLabel : afterLabel,
        tValue: levels ? fixed(value, 3) : `${signed(value, 3)} since before`,
        tChange: signed(change[group], 3),
        tN: integer(n[group]),
        ...common,
      };
    }),
  );
  const cf = levels
    ? [
        { series: CF, period: beforeLabel, value: base[P]!, tGroup: CF, tPeriod: beforeLabel, tValue: fixed(base[P]!, 3), tChange: signed(change[C], 3), tN: integer(d.n1), ...common },
        { series: CF, period: afterLabel, value: cfEnd, tGroup: CF, tPeriod: afterLabel, tValue: fixed(cfEnd, 3), tChange: signed(change[C], 3), tN: integer(d.n1), ...common },
      ]
    : [];
  const whisker = isNum(d.ciLow) && isNum(d.ciHigh) ? [{ period: afterLabel, lo: cfEnd + d.ciLow, hi: cfEnd + d.ciHigh, ...common, tGroup: 'Difference-in-differences' }] : [];

  const heading1 = clearlyNonZero(d.ciLow, d.ciHigh)
    ? `Relative to the ${C.toLowerCase()}, participants' ${measure} ${d.diff! > 0 ? 'rose' : 'fell'} by ${fixed(Math.abs(d.diff!))}`
    : `No clear difference between the groups in how ${measure} changed`;
  const subtitle = [
    `Mean change ${signed(d.mean1)} for participants (n = ${integer(d.n1)}) vs ${signed(d.mean2)} for the comparison group (n = ${integer(d.n2)}); difference-in-differences ${signed(d.diff)} (${ci}, ${pText(d.p)}).`,
    levels
      ? `Dotted: where participants would be had they changed like the comparison group; the whisker is the ${pc}% CI of the gap.`
      : `Both groups start at 0; the gap at the end is the difference-in-differences, the whisker its ${pc}% CI.`,
  ];

  const series = levels ? [P, C, CF] : [P, C];
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: series, range: [r.pal.participants, r.pal.comparison, r.pal.neutral].slice(0, series.length) },
    legend: { orient: 'top' as const, direction: 'vertical' as const, symbolType: 'stroke', symbolStrokeWidth: 2.5, labelLimit: 0, offset: 34 },
  };
  const strokeDash = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: series, range: [[1, 0], [7, 4], [2, 3]].slice(0, series.length) }, legend: color.legend };
  const x = {
    field: 'period',
    type: 'ordinal' as const,
    sort: [beforeLabel, afterLabel],
    title: null,
    scale: { type: 'point' as const, padding: 0.35 },
    axis: { labelAngle: 0, labelFontSize: 12, labelColor: r.pal.text, labelLimit: 240, grid: false, domain: true, ticks: false },
  };
  const unit = options.unit ? ` (${options.unit})` : '';
  const yScale = levels ? (options.domain ? { domain: options.domain, zero: false } : { zero: false, nice: true, padding: 20 }) : { zero: true, nice: true, padding: 20 };
  const y = { field: 'value', type: 'quantitative' as const, title: levels ? `Mean ${measure}${unit}` : `Change in mean ${measure} since before${unit}`, scale: yScale, axis: { grid: true, tickCount: 6, ...HORIZONTAL_Y_TITLE } };
  const tooltip = [tip('tGroup', 'Group'), tip('tPeriod', 'Period'), tip('tValue', levels ? 'Mean' : 'Mean change'), tip('tChange', 'Mean change'), tip('tN', 'n (both measurements)'), tip('tDiff', 'Difference-in-differences'), tip('tCi', 'CI'), tip('tP', 'Welch t-test')];
  const labelFor = (above: boolean) => ({
    data: { values: points.filter((p) => p.above === above && p.label) },
    mark: { type: 'text' as const, dy: above ? -13 : 17, fontSize: 11, color: r.pal.muted },
    encoding: { x, y: { field: 'value', type: 'quantitative' as const }, text: { field: 'label', type: 'nominal' as const }, tooltip },
  });

  return {
    ...frame(r, table),
    title: title(options.title ?? heading1, options.subtitle ?? subtitle, r.width),
    width: r.width,
    height: 260,
    layer: [
      ...(levels
        ? []
        : [{ data: { values: [{ zero: 0 }] }, mark: { type: 'rule' as const, color: r.pal.neutral, strokeWidth: 1 }, encoding: { y: { field: 'zero', type: 'quantitative' as const } } }]),
      {
        data: { values: [...cf, ...points] },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: { x, y, color, strokeDash, tooltip },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, color, tooltip },
      },
      ...(whisker.length
        ? [
            {
              data: { values: whisker },
              mark: { type: 'rule' as const, strokeWidth: 2, color: r.pal.participants, xOffset: 14 },
              encoding: {
                x,
                y: { field: 'lo', type: 'quantitative' as const },
                y2: { field: 'hi' },
                tooltip: [tip('tGroup', 'Estimate'), tip('tDiff', 'Difference-in-differences'), tip('tCi', 'CI'), tip('tP', 'Welch t-test')],
              },
            },
            {
              data: { values: whisker.map((w) => ({ ...w, mid: (w.lo + w.hi) / 2, gap: `${signed(d.diff)} gap` })) },
              mark: { type: 'text' as const, align: 'left' as const, xOffset: 22, fontSize: 11, fontWeight: 600 as const, color: r.pal.participants },
              encoding: { x, y: { field: 'mid', type: 'quantitative' as const }, text: { field: 'gap', type: 'nominal' as const }, tooltip: [tip('tGroup', 'Estimate'), tip('tDiff', 'Difference-in-differences'), tip('tCi', 'CI'), tip('tP', 'Welch t-test')] },
            },
            {
              data: { values: whisker.flatMap((w) => [{ ...w, at: w.lo }, { ...w, at: w.hi }]) },
              mark: { type: 'tick' as const, orient: 'horizontal' as const, thickness: 2, size: 10, color: r.pal.participants, xOffset: 14 },
              encoding: { x, y: { field: 'at', type: 'quantitative' as const }, tooltip: [tip('tGroup', 'Estimate'), tip('tDiff', 'Difference-in-differences'), tip('tCi', 'CI')] },
            },
          ]
        : []),
      labelFor(true),
      labelFor(false),
    ],
  };
}

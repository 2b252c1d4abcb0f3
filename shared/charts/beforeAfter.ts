/**
 * Dumbbell chart: participants' mean before → mean after (a Paired result), one
 * row per group (participants overall, or one row per cohort or segment). The CI
 * of the mean change is in the subtitle and in every tooltip. Means sit on a
 * value axis that need not start at zero (a 1–5 scale has no zero): pass the
 * scale as `domain` so a small change is not magnified.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Paired } from '../analysis';
import { frame, messageSpec, noData, resolve, tip, title } from './common';
import { capitalise, ciText, clearlyNonZero, fewerThan, fixed, integer, isNum, pText, signed, wholePercent } from '../format';
import type { ChartTable, MeasureOptions, TableCell } from './types';

export interface BeforeAfterRow {
  label: string;
  result: Paired | null | undefined;
}

export type BeforeAfterInput = Paired | readonly BeforeAfterRow[] | null | undefined;

type RowState = 'ok' | 'suppressed' | 'missing';

function rowState(p: Paired | null | undefined, minGroupSize: number): RowState {
  if (!p) return 'missing';
  if (p.suppressed || (isNum(p.n) && p.n < minGroupSize)) return 'suppressed';
  return isNum(p.meanBefore) && isNum(p.meanAfter) && isNum(p.meanDiff) ? 'ok' : 'missing';
}

export function buildBeforeAfterSpec(input: BeforeAfterInput, options: MeasureOptions = {}): TopLevelSpec {
  const r = resolve(options);
  const measure = options.measure ?? 'score';
  const few = fewerThan(r.minGroupSize);
  const rows: BeforeAfterRow[] = Array.isArray(input)
    ? [...(input as readonly BeforeAfterRow[])]
    : input
      ? [{ label: r.labels.participants, result: input as Paired }]
      : [];
  const states = rows.map((row) => rowState(row.result, r.minGroupSize));
  const ci = (p: Paired) => ciText(p.ciLow, p.ciHigh, r.confidence);

  const table: ChartTable = {
    caption: `Mean ${measure} before and after the start, participants with both measurements`,
    columns: [
      { key: 'group', title: 'Group', format: 'text' },
      { key: 'n', title: 'n (both measurements)', format: 'integer' },
      { key: 'before', title: 'Mean before', format: 'number' },
      { key: 'after', title: 'Mean after', format: 'number' },
      { key: 'change', title: 'Mean change', format: 'signed' },
      { key: 'ciLow', title: `${wholePercent(r.confidence)} CI low`, format: 'signed' },
      { key: 'ciHigh', title: `${wholePercent(r.confidence)} CI high`, format: 'signed' },
      { key: 'p', title: 'p (paired t-test)', format: 'p' },
    ],
    rows: rows.map((row, i): Record<string, TableCell> => {
      const p = row.result;
      if (states[i] !== 'ok' || !p) {
        return { group: row.label, n: states[i] === 'suppressed' ? few : null, before: null, after: null, change: null, ciLow: null, ciHigh: null, p: null };
      }
      return { group: row.label, n: p.n, before: p.meanBefore, after: p.meanAfter, change: p.meanDiff, ciLow: p.ciLow, ciHigh: p.ciHigh, p: p.p };
    }),
  };

  const heading = `${capitalise(measure)} before and after joining`;
  if (!rows.length || states.every((s) => s === 'missing')) {
    return noData(heading, `No data: no participant has a ${measure} both before and after their start yet.`, options, table);
  }
  if (!states.includes('ok')) {
    const reason = rows.length === 1 ? rows[0]!.result?.reason : undefined;
    return messageSpec(heading, `Not shown to protect privacy: ${reason ?? `${few} participants have both measurements`}.`, options, table, 'suppressed');
  }

  const ok = rows.filter((_, i) => states[i] === 'ok');
  const tips = (p: Paired, label: string) => ({
    group: label,
    tBefore: fixed(p.meanBefore, 3),
    tAfter: fixed(p.meanAfter, 3),
    tChange: signed(p.meanDiff, 3),
    tCi: ci(p),
    tN: integer(p.n),
    tP: pText(p.p),
  });
  const tooltip = [tip('group', 'Group'), tip('tBefore', 'Mean before'), tip('tAfter', 'Mean after'), tip('tChange', 'Mean change'), tip('tCi', 'CI of the change'), tip('tN', 'n (both measurements)'), tip('tP', 'Paired t-test')];
  const ruleData = ok.map(({ label, result }) => {
    const p = result!;
    return { ...tips(p, label), before: p.meanBefore, after: p.meanAfter, mid: (p.meanBefore! + p.meanAfter!) / 2, changeLabel: signed(p.meanDiff) };
  });
  const pointData = ok.flatMap(({ label, result }) => {
    const p = result!;
    return [
      { ...tips(p, label), period: 'Before', value: p.meanBefore, valueLabel: fixed(p.meanBefore) },
      { ...tips(p, label), period: 'After', value: p.meanAfter, valueLabel: fixed(p.meanAfter) },
    ];
  });
  const hidden = rows
    .map((row, i) => ({ row, state: states[i] }))
    .filter((x) => x.state !== 'ok')
    .map(({ row, state }) => ({
      group: row.label,
      message: state === 'suppressed' ? `${few} participants with both measurements (not shown)` : 'no participant with both measurements',
    }));

  let heading1 = `Participants' ${measure} before and after joining`;
  let subtitle: string[];
  if (ok.length === 1 && rows.length === 1) {
    const p = ok[0]!.result!;
    const up = p.meanDiff! > 0;
    heading1 = clearlyNonZero(p.ciLow, p.ciHigh)
      ? `Participants' ${measure} ${up ? 'rose' : 'fell'} by ${fixed(Math.abs(p.meanDiff!))} after joining`
      : `No clear change in participants' ${measure} after joining`;
    subtitle = [`Mean ${fixed(p.meanBefore)} → ${fixed(p.meanAfter)}, change ${signed(p.meanDiff)} (${ci(p)}, ${pText(p.p)}), n = ${integer(p.n)} with both measurements.`];
  } else {
    subtitle = [`Grey: mean before; blue: mean after; label: the mean change (its ${wholePercent(r.confidence)} CI and n are in the tooltips and the table).`];
  }

  const order = rows.map((x) => x.label);
  const y = { field: 'group', type: 'nominal' as const, sort: order, title: null, axis: { labelFontSize: 12, labelColor: r.pal.text, labelLimit: 180 } };
  const xTitle = `Mean ${measure}${options.unit ? ` (${options.unit})` : ''}`;
  const xScale = options.domain ? { domain: options.domain, zero: false } : { zero: false, nice: true, padding: 16 };
  const band = 56;

  return {
    ...frame(r, table),
    title: title(options.title ?? heading1, options.subtitle ?? subtitle, r.width),
    width: r.width,
    height: { step: band },
    layer: [
      {
        data: { values: ruleData },
        mark: { type: 'rule', strokeWidth: 3, color: r.pal.participants, opacity: 0.35 },
        encoding: { y, x: { field: 'before', type: 'quantitative', title: xTitle, scale: xScale, axis: { grid: true, tickCount: 6 } }, x2: { field: 'after' }, tooltip },
      },
      {
        data: { values: ruleData },
        mark: { type: 'text', dy: -14, fontSize: 12, fontWeight: 600, color: r.pal.participants },
        encoding: { y, x: { field: 'mid', type: 'quantitative' }, text: { field: 'changeLabel', type: 'nominal' }, tooltip },
      },
      {
        data: { values: pointData },
        mark: { type: 'point', filled: true, size: 150, opacity: 1 },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative' },
          color: {
            field: 'period',
            type: 'nominal',
            title: null,
            scale: { domain: ['Before', 'After'], range: [r.pal.neutral, r.pal.participants] },
            legend: { orient: 'top', direction: 'horizontal', symbolType: 'circle' },
          },
          tooltip,
        },
      },
      {
        data: { values: pointData },
        mark: { type: 'text', dy: 16, fontSize: 11, color: r.pal.muted },
        encoding: { y, x: { field: 'value', type: 'quantitative' }, text: { field: 'valueLabel', type: 'nominal' }, tooltip },
      },
      ...(hidden.length
        ? [
            {
              data: { values: hidden },
              mark: { type: 'text' as const, align: 'left' as const, fontStyle: 'italic', fontSize: 12, color: r.pal.muted },
              encoding: { y, x: { value: 4 }, text: { field: 'message', type: 'nominal' as const }, tooltip: [tip('group', 'Group'), tip('message', 'Not shown')] },
            },
          ]
        : []),
    ],
  };
}

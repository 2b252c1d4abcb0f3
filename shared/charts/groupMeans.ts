/**
 * Participants against the comparison group (a TwoGroup result: Welch test on
 * the "after" values, or on change scores for difference-in-differences).
 *
 * Honest with what the result holds: it has each group's mean and n, but a
 * confidence interval only for the difference. So the chart has two panels:
 *  - top: each group's mean as a dot (not a bar: a 1–5 scale has no zero, and a
 *    bar from zero would hide or exaggerate the gap), labelled with mean and n;
 *    whiskers are drawn only if the result carries per-group CIs
 *    (`ciLow1/ciHigh1/ciLow2/ciHigh2`, optional);
 *  - bottom: the difference (participants − comparison) with its CI as a point
 *    and whisker against a rule at zero — a whisker that does not cross zero is
 *    a clear difference.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TwoGroup } from '../analysis';
import { frame, messageSpec, noData, resolve, tip, title } from './common';
import { ciText, clearlyNonZero, fewerThan, fixed, integer, isNum, pText, signed } from '../format';
import type { ChartTable, MeasureOptions, TableCell } from './types';

/** Per-group confidence intervals, drawn as whiskers on the means when present. */
export interface GroupMeanCis {
  ciLow1?: number | null;
  ciHigh1?: number | null;
  ciLow2?: number | null;
  ciHigh2?: number | null;
}

export interface GroupMeansOptions extends MeasureOptions {
  /** Title of the value axis of the top panel [`Mean <measure> after the start`]. */
  meanAxisTitle?: string;
}

export function buildGroupMeansSpec(result: (TwoGroup & GroupMeanCis) | null | undefined, options: GroupMeansOptions = {}): TopLevelSpec {
  const r = resolve(options);
  const measure = options.measure ?? 'score';
  const few = fewerThan(r.minGroupSize);
  const pc = Math.round(r.confidence * 100);
  const g = result;
  const suppressed = !!g && (g.suppressed === true || (isNum(g.n1) && g.n1 < r.minGroupSize) || (isNum(g.n2) && g.n2 < r.minGroupSize));
  const ok = !!g && !suppressed && isNum(g.mean1) && isNum(g.mean2) && isNum(g.diff);
  const cell = (v: number | null | undefined): TableCell => (suppressed ? null : (v ?? null));

  const table: ChartTable = {
    caption: `Mean ${measure}, participants against the comparison group`,
    columns: [
      { key: 'group', title: 'Group', format: 'text' },
      { key: 'n', title: 'n', format: 'integer' },
      { key: 'mean', title: `Mean ${measure}`, format: 'number' },
      { key: 'ciLow', title: `${pc}% CI low`, format: 'signed' },
      { key: 'ciHigh', title: `${pc}% CI high`, format: 'signed' },
      { key: 'p', title: 'p (Welch t-test)', format: 'p' },
    ],
    rows: g
      ? [
          { group: r.labels.participants, n: suppressed ? few : (g.n1 ?? null), mean: cell(g.mean1), ciLow: cell(g.ciLow1), ciHigh: cell(g.ciHigh1), p: null },
          { group: r.labels.comparison, n: suppressed ? few : (g.n2 ?? null), mean: cell(g.mean2), ciLow: cell(g.ciLow2), ciHigh: cell(g.ciHigh2), p: null },
          { group: 'Difference (participants − comparison)', n: null, mean: cell(g.diff), ciLow: cell(g.ciLow), ciHigh: cell(g.ciHigh), p: cell(g.p) },
        ]
      : [],
  };

  const heading = `${measure[0]?.toUpperCase() ?? ''}${measure.slice(1)}: participants and comparison group`;
  if (suppressed) {
    return messageSpec(heading, `Not shown to protect privacy: ${g?.reason ?? `${few} people in a group`}.`, options, table, 'suppressed');
  }
  if (!ok || !g) return noData(heading, `No data: no ${measure} for both groups in the measurement window yet.`, options, table);

  const ci = ciText(g.ciLow, g.ciHigh, r.confidence);
  const common = { tDiff: signed(g.diff, 3), tCi: ci, tP: pText(g.p), tN1: integer(g.n1), tN2: integer(g.n2) };
  const means = [
    { group: r.labels.participants, mean: g.mean1, lo: g.ciLow1 ?? null, hi: g.ciHigh1 ?? null, n: g.n1, label: `${fixed(g.mean1)} (n = ${integer(g.n1)})` },
    { group: r.labels.comparison, mean: g.mean2, lo: g.ciLow2 ?? null, hi: g.ciHigh2 ?? null, n: g.n2, label: `${fixed(g.mean2)} (n = ${integer(g.n2)})` },
  ].map((m) => ({ ...m, ...common, tMean: fixed(m.mean, 3), tMeanCi: isNum(m.lo) && isNum(m.hi) ? ciText(m.lo, m.hi, r.confidence, (x) => fixed(x, 3)) : 'not in the result', tN: integer(m.n) }));
  const whiskers = means.filter((m) => isNum(m.lo) && isNum(m.hi));
  const diffRow = [{ row: 'Difference', diff: g.diff, lo: g.ciLow, hi: g.ciHigh, label: `${signed(g.diff)} (${ci})`, ...common }];

  const higher = g.diff! > 0;
  const heading1 = clearlyNonZero(g.ciLow, g.ciHigh)
    ? `Participants' ${measure} is ${fixed(Math.abs(g.diff!))} ${higher ? 'higher' : 'lower'} than the comparison group's`
    : `No clear difference in ${measure} between participants and the comparison group`;
  const subtitle = [
    `Mean ${fixed(g.mean1)} (n = ${integer(g.n1)}) vs ${fixed(g.mean2)} (n = ${integer(g.n2)}); difference ${signed(g.diff)} (${ci}, ${pText(g.p)}).`,
    `Below: the difference with its ${pc}% CI; a CI that does not cross 0 shows a clear difference.`,
  ];

  const unit = options.unit ? ` (${options.unit})` : '';
  const groupScale = { domain: [r.labels.participants, r.labels.comparison], range: [r.pal.participants, r.pal.comparison] };
  const y = { field: 'group', type: 'nominal' as const, sort: [r.labels.participants, r.labels.comparison], title: null, axis: { labelFontSize: 12, labelColor: r.pal.text, labelLimit: 180 } };
  const meanScale = options.domain ? { domain: options.domain, zero: false } : { zero: false, nice: true, padding: 56 };
  const meanTooltip = [tip('group', 'Group'), tip('tMean', 'Mean'), tip('tMeanCi', 'CI of the mean'), tip('tN', 'n'), tip('tDiff', 'Difference (participants − comparison)'), tip('tCi', 'CI of the difference'), tip('tP', 'Welch t-test')];
  const diffTooltip = [tip('tDiff', 'Difference (participants − comparison)'), tip('tCi', 'CI of the difference'), tip('tP', 'Welch t-test'), tip('tN1', `n ${r.labels.participants}`), tip('tN2', `n ${r.labels.comparison}`)];

  return {
    ...frame(r, table),
    title: title(options.title ?? heading1, options.subtitle ?? subtitle, r.width),
    vconcat: [
      {
        width: r.width,
        height: { step: 44 },
        data: { values: means },
        layer: [
          ...(whiskers.length
            ? [
                {
                  transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
                  mark: { type: 'rule' as const, strokeWidth: 2 },
                  encoding: { y, x: { field: 'lo', type: 'quantitative' as const }, x2: { field: 'hi' }, color: { field: 'group', type: 'nominal' as const, scale: groupScale, legend: null }, tooltip: meanTooltip },
                },
              ]
            : []),
          {
            mark: { type: 'point', filled: true, size: 160, opacity: 1 },
            encoding: {
              y,
              x: { field: 'mean', type: 'quantitative', title: options.meanAxisTitle ?? `Mean ${measure} after the start${unit}`, scale: meanScale, axis: { grid: true, tickCount: 6 } },
              color: { field: 'group', type: 'nominal', scale: groupScale, legend: null },
              tooltip: meanTooltip,
            },
          },
          {
            mark: { type: 'text', dy: -15, fontSize: 11, color: r.pal.muted },
            encoding: { y, x: { field: 'mean', type: 'quantitative' }, text: { field: 'label', type: 'nominal' }, tooltip: meanTooltip },
          },
        ],
      },
      {
        width: r.width,
        height: { step: 52 },
        layer: [
          {
            data: { values: [{ zero: 0 }] },
            mark: { type: 'rule', color: r.pal.neutral, strokeDash: [4, 3] },
            encoding: { x: { field: 'zero', type: 'quantitative' } },
          },
          {
            data: { values: diffRow },
            mark: { type: 'rule', strokeWidth: 2, color: r.pal.text },
            encoding: {
              y: { field: 'row', type: 'nominal', title: null, axis: { labelFontSize: 12, labelColor: r.pal.text } },
              x: { field: 'lo', type: 'quantitative', title: `Difference in mean ${measure}: participants − comparison${unit}`, scale: { zero: true, nice: true, padding: 40 }, axis: { grid: true, tickCount: 6 } },
              x2: { field: 'hi' },
              tooltip: diffTooltip,
            },
          },
          {
            data: { values: diffRow },
            mark: { type: 'point', filled: true, size: 110, shape: 'diamond', color: r.pal.text, opacity: 1 },
            encoding: { y: { field: 'row', type: 'nominal' }, x: { field: 'diff', type: 'quantitative' }, tooltip: diffTooltip },
          },
          {
            data: { values: diffRow },
            mark: { type: 'text', dy: -15, fontSize: 11, color: r.pal.muted },
            encoding: { y: { field: 'row', type: 'nominal' }, x: { field: 'diff', type: 'quantitative' }, text: { field: 'label', type: 'nominal' }, tooltip: diffTooltip },
          },
        ],
      },
    ],
  };
}

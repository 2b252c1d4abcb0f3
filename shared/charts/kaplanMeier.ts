/**
 * Kaplan–Meier retention curves: the share still employed against months since
 * the start, one step curve per group (`interpolate: 'step-after'`) with its CI
 * band, the result's horizon readings as points, and a numbers-at-risk table
 * under the time axis (a second view sharing the x scale).
 *
 * Privacy: a curve is cut where fewer than minGroupSize people remain at risk
 * (its tail would describe individuals), and such at-risk cells read
 * "fewer than N". A group below minGroupSize is not drawn at all and is
 * labelled instead. Without full curves (`curves` absent) the chart shows only
 * the horizon readings with their CIs.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { KmPoint, LogRank } from '../analysis';
import { frame, messageSpec, noData, resolve, tip, title } from './common';
import { ciText, fewerThan, fixed, integer, isNum, pText, percent } from '../format';
import type { ChartOptions, ChartTable, KmCurveData, TableCell } from './types';

/** RetentionOutcome fits (with the optional `curves` field). */
export interface KaplanMeierInput {
  curves?: { participants: KmCurveData | null; comparison: KmCurveData | null } | null;
  km?: { participants: KmPoint[]; comparison: KmPoint[] } | null;
  logrank?: LogRank | null;
}

export interface KaplanMeierOptions extends ChartOptions {
  /** Value axis domain [0, 1]. */
  yDomain?: [number, number];
  /** The horizon used in the title, in days [365]. */
  headlineDays?: number;
}

const DAYS_PER_MONTH = 365.25 / 12;
const PLOT_HEIGHT = 240;
const toMonths = (days: number) => days / DAYS_PER_MONTH;

interface Step {
  day: number;
  s: number;
  lo: number | null;
  hi: number | null;
  atRisk: number;
}

interface GroupCurve {
  state: 'ok' | 'suppressed' | 'missing';
  steps: Step[];
  /** Last day drawn (follow-up with at least minGroupSize at risk). */
  lastDay: number;
  curve?: KmCurveData;
}

function prepareCurve(curve: KmCurveData | null | undefined, minGroupSize: number): GroupCurve {
  if (!curve) return { state: 'missing', steps: [], lastDay: 0 };
  if (curve.suppressed || curve.n < minGroupSize) return { state: 'suppressed', steps: [], lastDay: 0 };
  const steps: Step[] = [{ day: 0, s: 1, lo: 1, hi: 1, atRisk: curve.n }];
  let lastDay = 0;
  for (let i = 0; i < curve.time.length; i++) {
    const atRisk = curve.nRisk[i] ?? 0;
    if (atRisk < minGroupSize) break;
    const day = curve.time[i]!;
    lastDay = day;
    if ((curve.nEvent[i] ?? 0) > 0) {
      const step = { day, s: curve.survival[i]!, lo: curve.lower[i] ?? null, hi: curve.upper[i] ?? null, atRisk };
      if (day === 0) steps[0] = step;
      else steps.push(step);
    }
  }
  const last = steps[steps.length - 1]!;
  if (lastDay > last.day) steps.push({ ...last, day: lastDay, atRisk: atRiskAt(curve, lastDay) });
  return { state: 'ok', steps, lastDay, curve };
}

/** Number still at risk at `day`: the at-risk count of the first observed time at or after it. */
function atRiskAt(curve: KmCurveData, day: number): number {
  const i = curve.time.findIndex((t) => t >= day);
  return i < 0 ? 0 : (curve.nRisk[i] ?? 0);
}

/** Survival at `day` from the steps (step-after). */
function survivalAt(steps: Step[], day: number): Step | undefined {
  let found: Step | undefined;
  for (const s of steps) {
    if (s.day <= day) found = s;
    else break;
  }
  return found;
}

const listWords = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : (xs[0] ?? ''));

/** 182 → "6 months", 730 → "24 months", 100 → "100 days". */
function horizonLabel(days: number): string {
  const m = toMonths(days);
  return Math.abs(m - Math.round(m)) < 0.1 ? `${Math.round(m)} months` : `${days} days`;
}

function tickMonths(maxMonths: number): number[] {
  const step = maxMonths <= 12 ? 3 : maxMonths <= 48 ? 6 : 12;
  const ticks: number[] = [];
  for (let m = 0; m <= maxMonths + 1e-9; m += step) ticks.push(m);
  return ticks;
}

export function buildKaplanMeierSpec(input: KaplanMeierInput | null | undefined, options: KaplanMeierOptions = {}): TopLevelSpec {
  const r = resolve(options);
  const few = fewerThan(r.minGroupSize);
  const pc = Math.round(r.confidence * 100);
  const P = r.labels.participants;
  const C = r.labels.comparison;
  const groups = [
    { key: 'participants' as const, label: P, color: r.pal.participants },
    { key: 'comparison' as const, label: C, color: r.pal.comparison },
  ];
  const headlineDays = options.headlineDays ?? 365;
  const hasCurves = !!input?.curves;
  const prepared = groups.map((g) => prepareCurve(input?.curves?.[g.key], r.minGroupSize));
  const kmPoints = groups.map((g) => input?.km?.[g.key] ?? []);
  const kmSuppressed = kmPoints.map((pts) => pts.length > 0 && pts.every((p) => p.suppressed));
  const pointOk = (p: KmPoint) => !p.suppressed && isNum(p.survival) && isNum(p.atRisk) && p.atRisk >= r.minGroupSize;

  // Group state: curves when the result has them, else the horizon readings.
  const states = groups.map((_, i) =>
    hasCurves ? prepared[i]!.state : kmSuppressed[i] ? 'suppressed' : kmPoints[i]!.some(pointOk) ? 'ok' : 'missing',
  );

  // Readings at the horizons (official numbers): table rows and points.
  const horizonDays = [...new Set(kmPoints.flatMap((pts) => pts.map((p) => p.days)))].sort((a, b) => a - b);
  const table: ChartTable = {
    caption: 'Share still employed (Kaplan–Meier) by days since the start',
    columns: [
      { key: 'group', title: 'Group', format: 'text' },
      { key: 'days', title: 'Days since start', format: 'integer' },
      { key: 'atRisk', title: 'Number at risk', format: 'integer' },
      { key: 'survival', title: 'Still employed', format: 'percent' },
      { key: 'lower', title: `${pc}% CI low`, format: 'percent' },
      { key: 'upper', title: `${pc}% CI high`, format: 'percent' },
    ],
    rows: groups.flatMap((g, i): Record<string, TableCell>[] => {
      if (states[i] === 'suppressed') return [{ group: g.label, days: null, atRisk: few, survival: null, lower: null, upper: null }];
      if (horizonDays.length) {
        return kmPoints[i]!.map((p) =>
          pointOk(p)
            ? { group: g.label, days: p.days, atRisk: p.atRisk, survival: p.survival, lower: p.lower, upper: p.upper }
            : { group: g.label, days: p.days, atRisk: isNum(p.atRisk) && p.atRisk >= r.minGroupSize ? p.atRisk : few, survival: null, lower: null, upper: null },
        );
      }
      return prepared[i]!.steps.map((s) => ({ group: g.label, days: s.day, atRisk: s.atRisk, survival: s.s, lower: s.lo, upper: s.hi }));
    }),
  };

  const heading = 'Retention: share still employed since the start';
  if (states.every((s) => s === 'missing')) {
    return noData(heading, 'No data: import the HRIS export (hire and termination dates) and a roster to see retention.', options, table);
  }
  if (!states.includes('ok')) {
    return messageSpec(heading, `Not shown to protect privacy: ${few} people in a group.`, options, table, 'suppressed');
  }

  // Headline at 12 months: the horizon reading if there is one, else the curve.
  const headline = groups.map((_, i) => {
    const p = kmPoints[i]!.find((x) => x.days === headlineDays);
    if (p) return pointOk(p) ? p.survival : null;
    if (states[i] !== 'ok' || prepared[i]!.lastDay < headlineDays) return null;
    return survivalAt(prepared[i]!.steps, headlineDays)?.s ?? null;
  });
  const headMonths = Math.round(toMonths(headlineDays));
  const heading1 =
    isNum(headline[0]) && isNum(headline[1])
      ? `After ${headMonths} months, ${percent(headline[0], 0)} of participants were still employed vs ${percent(headline[1], 0)} of the ${C.toLowerCase()}`
      : heading;
  const lr = input?.logrank;
  const subtitle = [
    hasCurves
      ? `Kaplan–Meier estimate with ${pc}% CI bands${isNum(lr?.p) ? `; log-rank test ${pText(lr.p)}` : ''}.`
      : `Kaplan–Meier estimate at ${listWords(horizonDays.map(horizonLabel))}, with ${pc}% CIs${isNum(lr?.p) ? `; log-rank test ${pText(lr.p)}` : ''}.`,
  ];

  // Data for the curves.
  const fmtCi = (lo: number | null, hi: number | null) => (isNum(lo) && isNum(hi) ? ciText(lo, hi, r.confidence, (x) => percent(x)) : 'not available');
  const stepRows = groups.flatMap((g, i) =>
    states[i] === 'ok' && hasCurves
      ? prepared[i]!.steps.map((s) => ({
          group: g.label,
          m: toMonths(s.day),
          s: s.s,
          lo: s.lo,
          hi: s.hi,
          tGroup: g.label,
          tDay: `day ${integer(s.day)} (${fixed(toMonths(s.day), 1)} months)`,
          tS: percent(s.s),
          tCi: fmtCi(s.lo, s.hi),
          tRisk: integer(s.atRisk),
        }))
      : [],
  );
  const bandRows = stepRows.filter((x) => isNum(x.lo) && isNum(x.hi));
  const horizonRows = groups.flatMap((g, i) =>
    states[i] === 'ok'
      ? kmPoints[i]!.filter(pointOk).map((p) => ({
          group: g.label,
          m: toMonths(p.days),
          h: horizonLabel(p.days),
          s: p.survival,
          lo: p.lower,
          hi: p.upper,
          tGroup: g.label,
          tDay: `day ${integer(p.days)} (${fixed(toMonths(p.days), 1)} months)`,
          tS: percent(p.survival),
          tCi: fmtCi(p.lower, p.upper),
          tRisk: integer(p.atRisk!),
        }))
      : [],
  );
  const hiddenNotes = groups
    .map((g, i) => ({ g, state: states[i] }))
    .filter((x) => x.state !== 'ok')
    .map((x, k) => ({ note: `${x.g.label}: ${x.state === 'suppressed' ? `${few} people, not shown` : 'no data'}`, px: PLOT_HEIGHT - 24 - 18 * k }));

  // Time axis and the at-risk table.
  const maxDay = Math.max(
    ...prepared.map((p, i) => (states[i] === 'ok' && hasCurves ? p.lastDay : 0)),
    ...horizonRows.map((h) => h.m * DAYS_PER_MONTH),
    1,
  );
  const maxMonths = toMonths(maxDay);
  const ticks = hasCurves ? tickMonths(maxMonths) : horizonDays.map(toMonths);
  const riskCell = (i: number, day: number): { text: string; n: number | null } => {
    if (states[i] === 'suppressed') return { text: day === 0 ? few : '', n: null };
    if (states[i] === 'missing') return { text: '', n: null };
    // Past the drawn curve, or a withheld reading: fewer than minGroupSize at risk (the curve is
    // cut there, so its data cannot say how many; a 0 would be made up).
    const n = hasCurves ? (day <= prepared[i]!.lastDay ? atRiskAt(prepared[i]!.curve!, day) : null) : (kmPoints[i]!.find((p) => p.days === day)?.atRisk ?? null);
    return { text: isNum(n) && n >= r.minGroupSize ? integer(n) : few, n: isNum(n) && n >= r.minGroupSize ? n : null };
  };
  const riskRows = groups.flatMap((g, i) =>
    ticks.map((m) => {
      const day = hasCurves ? Math.round(m * DAYS_PER_MONTH) : horizonDays[ticks.indexOf(m)]!;
      const cell = riskCell(i, day);
      return { group: g.label, m, h: horizonLabel(day), text: cell.text, tGroup: g.label, tDay: `day ${integer(day)} (${fixed(m, 1)} months)`, tRisk: cell.text || '–' };
    }),
  );

  const color = { field: 'group', type: 'nominal' as const, title: null, scale: { domain: [P, C], range: [r.pal.participants, r.pal.comparison] }, legend: { orient: 'top' as const, symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolOpacity: 1, labelLimit: 0 } };
  const strokeDash = { field: 'group', type: 'nominal' as const, title: null, scale: { domain: [P, C], range: [[1, 0], [7, 4]] }, legend: color.legend };
  const xDomain: [number, number] = [0, hasCurves ? Math.max(maxMonths, ticks[ticks.length - 1]!) : Math.max(...ticks) * 1.08];
  // Curves: a continuous time axis. Horizon readings only: one band per horizon, the groups side by side.
  const x = hasCurves
    ? {
        field: 'm',
        type: 'quantitative' as const,
        title: 'Months since start',
        scale: { domain: xDomain, nice: false, zero: true },
        axis: { values: ticks, format: '.0f', grid: false, labelFlush: true },
      }
    : {
        field: 'h',
        type: 'ordinal' as const,
        title: 'Time since start',
        sort: horizonDays.map(horizonLabel),
        scale: { type: 'band' as const, paddingInner: 0.5, paddingOuter: 0.25 },
        axis: { labelAngle: 0, grid: false },
      };
  const xOffset = hasCurves ? {} : { xOffset: { field: 'group', type: 'nominal' as const, sort: [P, C], scale: { paddingInner: 0.4 } } };
  const y = {
    field: 's',
    type: 'quantitative' as const,
    title: 'Still employed',
    scale: { domain: options.yDomain ?? [0, 1], nice: false },
    axis: { format: '.0%', grid: true, tickCount: 5 },
  };
  const tooltip = [tip('tGroup', 'Group'), tip('tDay', 'Since start'), tip('tS', 'Still employed'), tip('tCi', 'CI'), tip('tRisk', 'Number at risk')];
  const labelColor = `datum.value === ${JSON.stringify(P)} ? ${JSON.stringify(r.pal.participants)} : ${JSON.stringify(r.pal.comparison)}`;

  const plotLayers = [
    ...(bandRows.length
      ? [{ data: { values: bandRows }, mark: { type: 'area' as const, interpolate: 'step-after' as const, opacity: 0.16 }, encoding: { x, y: { field: 'lo', type: 'quantitative' as const }, y2: { field: 'hi' }, color, tooltip } }]
      : []),
    ...(stepRows.length
      ? [{ data: { values: stepRows }, mark: { type: 'line' as const, interpolate: 'step-after' as const, strokeWidth: 2.25 }, encoding: { x, y, color, strokeDash, tooltip } }]
      : []),
    ...(horizonRows.length && !hasCurves
      ? [
          {
            data: { values: horizonRows },
            mark: { type: 'rule' as const, strokeWidth: 2 },
            encoding: { x, ...xOffset, y: { field: 'lo', type: 'quantitative' as const }, y2: { field: 'hi' }, color, tooltip },
          },
        ]
      : []),
    ...(horizonRows.length
      ? [
          {
            data: { values: horizonRows },
            mark: { type: 'point' as const, filled: true, size: hasCurves ? 45 : 60, opacity: 1, stroke: r.pal.background, strokeWidth: 1 },
            encoding: { x, ...xOffset, y, color, tooltip },
          },
        ]
      : []),
    ...(hiddenNotes.length
      ? [
          {
            data: { values: hiddenNotes },
            mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, fontStyle: 'italic', fontSize: 12, color: r.pal.muted },
            encoding: { x: { value: 8 }, y: { field: 'px', type: 'quantitative' as const, scale: null, axis: null }, text: { field: 'note', type: 'nominal' as const } },
          },
        ]
      : []),
  ];

  return {
    ...frame(r, table),
    title: title(options.title ?? heading1, options.subtitle ?? subtitle, r.width),
    vconcat: [
      { width: r.width, height: PLOT_HEIGHT, layer: plotLayers },
      {
        width: r.width,
        height: { step: 20 },
        title: { text: 'Number at risk', anchor: 'start', fontSize: 11, fontWeight: 'normal', color: r.pal.muted, offset: 4 },
        data: { values: riskRows },
        mark: { type: 'text', fontSize: 11, color: r.pal.text },
        encoding: {
          x: { ...x, axis: null },
          y: { field: 'group', type: 'nominal', sort: [P, C], title: null, axis: { labelFontSize: 11, labelColor: { expr: labelColor }, labelLimit: 180, labelPadding: 40 } },
          text: { field: 'text', type: 'nominal' },
          tooltip: [tip('tGroup', 'Group'), tip('tDay', 'Since start'), tip('tRisk', 'Number at risk')],
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  };
}

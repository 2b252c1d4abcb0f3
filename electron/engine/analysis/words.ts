import type { AnalysisConfig, KmPoint, Paired, Proportion, TwoGroup } from '../../../shared/analysis';

const SELECTION = 'People chose to join the program, so differences between participants and others need not be caused by it.';
const REGRESSION = 'Scores that start unusually low or high tend to move toward the average on their own (regression to the mean).';
const NO_CONTROL = 'A before/after change also contains whatever changed for everyone over the same period.';
const PARALLEL = 'Difference-in-differences assumes both groups would have changed alike without the program.';
const SMALL_N = 30;

const pct = (c: number) => `${Math.round(c * 100)}%`;
const num = (x: number, digits = 2) => x.toFixed(digits);
const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

function smallN(n: number | null, caveats: string[]): void {
  if (n !== null && n < SMALL_N) caveats.push(`Small group (n = ${n}): estimates are imprecise.`);
}

export function describePaired(r: Paired, what: string, config: AnalysisConfig): Paired {
  const method = `Participants' ${what} in the ${config.preDays} days before their start compared with ${config.postStartDays}–${config.postEndDays} days after: paired t-test with a ${pct(config.confidence)} confidence interval, Cohen's dz, and a Wilcoxon signed-rank test.`;
  const caveats = [REGRESSION, NO_CONTROL];
  if (r.suppressed || r.meanDiff === null || r.meanBefore === null || r.meanAfter === null) {
    return { ...r, method, finding: `Not reported: ${r.reason ?? 'not enough data'}.`, caveats };
  }
  smallN(r.n, caveats);
  const ci = r.ciLow !== null && r.ciHigh !== null ? ` (${pct(config.confidence)} CI ${signed(r.ciLow)} to ${signed(r.ciHigh)})` : '';
  const p = r.p !== null ? `, ${pText(r.p)}` : '';
  return {
    ...r,
    method,
    finding: `Participants' mean ${what} went from ${num(r.meanBefore)} to ${num(r.meanAfter)}, ${signed(r.meanDiff)}${ci}${p}, n = ${r.n}.`,
    caveats,
  };
}

export function describeTwoGroup(r: TwoGroup, what: string, config: AnalysisConfig, did: boolean): TwoGroup {
  const method = did
    ? `Change in ${what} (after minus before) of participants against the comparison group: Welch two-sample t-test on change scores (difference-in-differences) with a ${pct(config.confidence)} confidence interval, Hedges' g and a Mann–Whitney test.`
    : `${what[0]!.toUpperCase()}${what.slice(1)} after the start date, participants against the comparison group: Welch two-sample t-test with a ${pct(config.confidence)} confidence interval, Hedges' g and a Mann–Whitney test.`;
  const caveats = did ? [SELECTION, PARALLEL] : [SELECTION];
  if (r.suppressed || r.diff === null || r.mean1 === null || r.mean2 === null) {
    return { ...r, method, finding: `Not reported: ${r.reason ?? 'not enough data'}.`, caveats };
  }
  smallN(Math.min(r.n1 ?? 0, r.n2 ?? 0), caveats);
  const ci = r.ciLow !== null && r.ciHigh !== null ? ` (${pct(config.confidence)} CI ${signed(r.ciLow)} to ${signed(r.ciHigh)})` : '';
  const p = r.p !== null ? `, ${pText(r.p)}` : '';
  const finding = did
    ? `Participants' ${what} changed by ${signed(r.mean1)} against ${signed(r.mean2)} for the comparison group: a difference of ${signed(r.diff)}${ci}${p}.`
    : `Mean ${what} after the start: ${num(r.mean1)} for participants (n = ${r.n1}) vs ${num(r.mean2)} for the comparison group (n = ${r.n2}), ${signed(r.diff)}${ci}${p}.`;
  return { ...r, method, finding, caveats };
}

export function describeProportion(r: Proportion, config: AnalysisConfig): Proportion {
  const method = `Share still employed 365 days after their index date, among people whose index is at least a year before the export date; two-sample test of proportions without continuity correction (R prop.test) with a ${pct(config.confidence)} confidence interval for the difference.`;
  const caveats = [SELECTION];
  if (r.suppressed || r.p1 === null || r.p2 === null || r.diff === null) {
    return { ...r, method, finding: `Not reported: ${r.reason ?? 'not enough data'}.`, caveats };
  }
  smallN(Math.min(r.n1 ?? 0, r.n2 ?? 0), caveats);
  const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
  const ci = r.ciLow !== null && r.ciHigh !== null ? ` (${pct(config.confidence)} CI ${pts(r.ciLow)} to ${pts(r.ciHigh)})` : '';
  return {
    ...r,
    method,
    finding: `12-month retention: ${(r.p1 * 100).toFixed(1)}% of participants vs ${(r.p2 * 100).toFixed(1)}% of the comparison group, ${pts(r.diff)} points${ci}.`,
    caveats,
  };
}

/** Kaplan–Meier points carry no words of their own; the retention page explains the curve. */
export function describeKm(points: KmPoint[]): KmPoint[] {
  return points;
}

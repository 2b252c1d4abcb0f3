import type { AnalysisConfig, GroupBeforeAfter, KmPoint, LogRank, MeasuredOutcome, Paired, Proportion, RetentionOutcome, TwoGroup } from '../../../shared/analysis';
import type { KmCurveData } from '../../../shared/charts/types';
import { mean, variance } from '../stats/descriptive';
import { checkConfidence, tQuantile } from '../stats/distributions';
import { kaplanMeierCurve, kmAtHorizons } from '../stats/kaplanMeier';
import { logRankOfSortedGroups } from '../stats/logRank';
import { pairedTest } from '../stats/pairedTest';
import { propTest } from '../stats/propTest';
import { welchTest } from '../stats/welchTest';
import type { Measures } from './measurements';
import { describePaired, describeProportion, describeTwoGroup } from './words';

export const PAIRED_KEYS = ['n', 'meanBefore', 'meanAfter', 'meanDiff', 'ciLow', 'ciHigh', 't', 'df', 'p', 'cohenDz', 'wilcoxonP'] as const;
export const TWO_GROUP_KEYS = ['n1', 'n2', 'mean1', 'mean2', 'diff', 'ciLow', 'ciHigh', 't', 'df', 'p', 'hedgesG', 'mannWhitneyP'] as const;
export const PROPORTION_KEYS = ['n1', 'k1', 'n2', 'k2', 'p1', 'p2', 'diff', 'ciLow', 'ciHigh', 'chisq', 'p'] as const;

/** A result below minGroupSize: every number null, so no screen, file or report can show it. */
export function suppressed<T>(keys: readonly string[], reason: string): T {
  return { suppressed: true, reason, ...Object.fromEntries(keys.map((k) => [k, null])) } as T;
}

export function pairedResult(before: ArrayLike<number>, after: ArrayLike<number>, config: AnalysisConfig, what: string): Paired {
  if (after.length < config.minGroupSize) {
    return describePaired(suppressed<Paired>(PAIRED_KEYS, `fewer than ${config.minGroupSize} participants have both measurements`), what, config);
  }
  return describePaired(pairedTest(after, before, config.confidence), what, config);
}

export function twoGroupResult(x: ArrayLike<number>, y: ArrayLike<number>, config: AnalysisConfig, what: string, did: boolean): TwoGroup {
  if (x.length < config.minGroupSize || y.length < config.minGroupSize) {
    return describeTwoGroup(suppressed<TwoGroup>(TWO_GROUP_KEYS, `fewer than ${config.minGroupSize} people in a group`), what, config, did);
  }
  return describeTwoGroup(welchTest(x, y, config.confidence), what, config, did);
}

/**
 * Confidence interval of one group's mean: R `t.test(x, conf.level = confidence)$conf.int`
 * (null below 2 values, or where R stops because the data are essentially constant).
 */
export function meanCi(x: ArrayLike<number>, confidence: number): [number | null, number | null] {
  checkConfidence(confidence);
  const n = x.length;
  if (n < 2) return [null, null];
  const m = mean(x);
  const stderr = Math.sqrt(variance(x, m) / n);
  if (!(stderr >= 10 * Number.EPSILON * Math.abs(m)) || stderr === 0) return [null, null];
  const q = tQuantile(1 - (1 - confidence) / 2, n - 1);
  return [m - q * stderr, m + q * stderr];
}

const GROUP_CI_KEYS = ['ciLow1', 'ciHigh1', 'ciLow2', 'ciHigh2'] as const;

/** Participants' against the comparison group's "after" values (Welch), with each group's CI of the mean. */
export function comparisonResult(x: ArrayLike<number>, y: ArrayLike<number>, config: AnalysisConfig, what: string): TwoGroup {
  const r = twoGroupResult(x, y, config, what, false);
  if (r.suppressed) return { ...r, ...Object.fromEntries(GROUP_CI_KEYS.map((k) => [k, null])) };
  const [ciLow1, ciHigh1] = meanCi(x, config.confidence);
  const [ciLow2, ciHigh2] = meanCi(y, config.confidence);
  return { ...r, ciLow1, ciHigh1, ciLow2, ciHigh2 };
}

/** A withheld comparison result (complementary suppression): every number null, the per-group CIs too. */
export function suppressedComparison(reason: string, config: AnalysisConfig, what: string): TwoGroup {
  return describeTwoGroup({ ...suppressed<TwoGroup>(TWO_GROUP_KEYS, reason), ...Object.fromEntries(GROUP_CI_KEYS.map((k) => [k, null])) }, what, config, false);
}

const NO_MEANS: GroupBeforeAfter = { n: null, before: null, after: null };

function beforeAfterMeans(before: ArrayLike<number>, after: ArrayLike<number>): GroupBeforeAfter {
  return before.length ? { n: before.length, before: mean(before), after: mean(after) } : { n: 0, before: null, after: null };
}

/** The values of one group with both measurements, paired by position. */
export interface PairedValues {
  pairedBefore: ArrayLike<number>;
  pairedAfter: ArrayLike<number>;
  change: ArrayLike<number>;
}

/** Difference-in-differences (Welch on change scores), with each group's mean before and after over the people with both. */
export function didResult(p: PairedValues, c: PairedValues, config: AnalysisConfig, what: string): TwoGroup {
  const r = twoGroupResult(p.change, c.change, config, what, true);
  if (r.suppressed) return { ...r, groupMeans: { participants: { ...NO_MEANS }, comparison: { ...NO_MEANS } } };
  return { ...r, groupMeans: { participants: beforeAfterMeans(p.pairedBefore, p.pairedAfter), comparison: beforeAfterMeans(c.pairedBefore, c.pairedAfter) } };
}

/** A withheld difference-in-differences (complementary suppression): every number null, the group means too. */
export function suppressedDid(reason: string, config: AnalysisConfig, what: string): TwoGroup {
  return describeTwoGroup({ ...suppressed<TwoGroup>(TWO_GROUP_KEYS, reason), groupMeans: { participants: { ...NO_MEANS }, comparison: { ...NO_MEANS } } }, what, config, true);
}

/** 12-month retention counts of one comparison: n = people with a year of follow-up, k = those who stayed. */
/** A measured outcome's three results for one split of its units: the headline units, a cohort's or a segment's. */
export function measuredResult(m: Measures, config: AnalysisConfig, what: string): MeasuredOutcome {
  return {
    beforeAfter: pairedResult(m.participants.pairedBefore, m.participants.pairedAfter, config, what),
    comparison: comparisonResult(m.participants.after, m.comparison.after, config, what),
    did: didResult(m.participants, m.comparison, config, what),
  };
}

export interface RateCounts {
  n1: number;
  k1: number;
  n2: number;
  k2: number;
}

export function rate12mResult(c: RateCounts, config: AnalysisConfig): Proportion {
  const r: Proportion =
    c.n1 < config.minGroupSize || c.n2 < config.minGroupSize
      ? suppressed<Proportion>(PROPORTION_KEYS, `fewer than ${config.minGroupSize} people with 12 months of follow-up in a group`)
      : { n1: c.n1, k1: c.k1, n2: c.n2, k2: c.k2, ...propTest(c.k1, c.n1, c.k2, c.n2, config.confidence) };
  return describeProportion(r, config);
}

export function suppressedKm(config: AnalysisConfig): KmPoint[] {
  return config.horizonsDays.map(withheldKmPoint);
}

/** A withheld reading: every number null (not even the number at risk, which a 0 would misstate). */
const withheldKmPoint = (days: number): KmPoint => ({ days, survival: null, lower: null, upper: null, atRisk: null, suppressed: true });

/** Survival data of one group: times from index, ascending; 1 = left, 0 = censored. */
export interface SurvivalGroup {
  time: Float64Array;
  event: Uint8Array;
}

export interface KmGroupResult {
  points: KmPoint[];
  /**
   * The full curve, cut before the first time with fewer than minGroupSize at risk; null when
   * the group is suppressed. The horizon points follow the same rule: one with fewer than
   * minGroupSize at risk (none at all included) is withheld.
   */
  curve: KmCurveData | null;
}

/**
 * Kaplan–Meier of one group: R `survfit(Surv(time, event) ~ 1)` read at the horizons
 * (stats/kaplanMeier), and the step curve itself.
 */
export function kmResult(g: SurvivalGroup, config: AnalysisConfig): KmGroupResult {
  if (g.time.length < config.minGroupSize) return { points: suppressedKm(config), curve: null };
  for (const h of config.horizonsDays) {
    if (!Number.isFinite(h)) throw new RangeError(`horizons must be finite numbers, got ${h}`);
  }
  const full = kaplanMeierCurve(g.time, g.event, config.confidence);
  const points = kmAtHorizons(full, config.horizonsDays).map((p): KmPoint => (p.atRisk < config.minGroupSize ? withheldKmPoint(p.days) : p));
  let end = 0;
  while (end < full.time.length && full.nRisk[end]! >= config.minGroupSize) end++;
  const cut = <T>(xs: T[]) => (end === xs.length ? xs : xs.slice(0, end));
  const curve: KmCurveData = {
    n: full.n,
    time: cut(full.time),
    nRisk: cut(full.nRisk),
    nEvent: cut(full.nEvent),
    nCensor: cut(full.nCensor),
    survival: cut(full.survival),
    lower: cut(full.lower),
    upper: cut(full.upper),
  };
  return { points, curve };
}

/**
 * Kaplan–Meier per group, log-rank and the 12-month rate: the headline retention shape.
 * With `curves`, also the full step curves (RetentionOutcome.curves).
 */
export function retentionResult(
  p: SurvivalGroup,
  c: SurvivalGroup,
  rate: RateCounts,
  config: AnalysisConfig,
  logRankOnlyIfShown = false,
  curves = false,
): RetentionOutcome {
  const kmP = kmResult(p, config);
  const kmC = kmResult(c, config);
  const km = { participants: kmP.points, comparison: kmC.points };
  let lr: LogRank;
  // Only a group too small to show withholds the test (a horizon withheld for few at risk does not).
  const tooSmall = config.horizonsDays.length > 0 && (p.time.length < config.minGroupSize || c.time.length < config.minGroupSize);
  if (logRankOnlyIfShown && tooSmall) {
    lr = { chisq: null, df: null, p: null };
  } else {
    const r = logRankOfSortedGroups([p, c]);
    lr = { chisq: r.chisq, df: r.df, p: r.p };
  }
  const out: RetentionOutcome = { km, logrank: lr, rate12m: rate12mResult(rate, config) };
  if (curves) out.curves = { participants: kmP.curve, comparison: kmC.curve };
  return out;
}

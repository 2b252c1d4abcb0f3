import type { AnalysisConfig, KmPoint, LogRank, Paired, Proportion, RetentionOutcome, TwoGroup } from '../../../shared/analysis';
import { kaplanMeier } from '../stats/kaplanMeier';
import { logRank } from '../stats/logRank';
import { pairedTest } from '../stats/pairedTest';
import { propTest } from '../stats/propTest';
import { welchTest } from '../stats/welchTest';
import { describeKm, describePaired, describeProportion, describeTwoGroup } from './words';

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

/** 12-month retention counts of one comparison: n = people with a year of follow-up, k = those who stayed. */
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
  return config.horizonsDays.map((days) => ({ days, survival: null, lower: null, upper: null, atRisk: 0, suppressed: true }));
}

/** Survival data of one group: times from index, 1 = left, 0 = censored. */
export interface SurvivalGroup {
  time: Float64Array;
  event: Uint8Array;
}

export function kmResult(g: SurvivalGroup, config: AnalysisConfig): KmPoint[] {
  if (g.time.length < config.minGroupSize) return suppressedKm(config);
  return describeKm(kaplanMeier(g.time, g.event, config.horizonsDays, config.confidence));
}

/** Kaplan–Meier per group, log-rank and the 12-month rate: the headline retention shape. */
export function retentionResult(p: SurvivalGroup, c: SurvivalGroup, rate: RateCounts, config: AnalysisConfig, logRankOnlyIfShown = false): RetentionOutcome {
  const km = { participants: kmResult(p, config), comparison: kmResult(c, config) };
  let lr: LogRank;
  if (logRankOnlyIfShown && (km.participants.some((x) => x.suppressed) || km.comparison.some((x) => x.suppressed))) {
    lr = { chisq: null, df: null, p: null };
  } else {
    const n1 = p.time.length;
    const time = new Float64Array(n1 + c.time.length);
    time.set(p.time);
    time.set(c.time, n1);
    const event = new Uint8Array(time.length);
    event.set(p.event);
    event.set(c.event, n1);
    const group = new Uint8Array(time.length).fill(1, 0, n1).fill(2, n1);
    const r = logRank(time, event, group);
    lr = { chisq: r.chisq, df: r.df, p: r.p };
  }
  return { km, logrank: lr, rate12m: rate12mResult(rate, config) };
}

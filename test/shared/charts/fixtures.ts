/**
 * Hand-built results with realistic numbers (taken from the analysis of the
 * sample project), plus Kaplan–Meier curves from the engine's own
 * kaplanMeierCurve on seeded simulated follow-up.
 */
import type { CohortResult, KmPoint, LikertDistribution, LikertItem, MeasuredOutcome, Paired, Proportion, RetentionOutcome, TwoGroup } from '../../../shared/analysis';
import type { KmCurveData } from '../../../shared/charts/types';
import { kaplanMeier, kaplanMeierCurve } from '../../../electron/engine/stats/kaplanMeier';

export const paired: Paired = {
  n: 322,
  meanBefore: 3.0217391304347836,
  meanAfter: 3.350931677018633,
  meanDiff: 0.32919254658385017,
  ciLow: 0.23338829446002332,
  ciHigh: 0.424996798707677,
  t: 6.760111162878048,
  df: 321,
  p: 6.514719460333977e-11,
  cohenDz: 0.3767262665659369,
  wilcoxonP: 2.6935257208393264e-10,
};

export const comparison: TwoGroup = {
  n1: 389,
  n2: 667,
  mean1: 3.365038560411311,
  mean2: 3.208395802098952,
  diff: 0.15664275831235885,
  ciLow: 0.06100140020938525,
  ciHigh: 0.2522841164153325,
  t: 3.214391903230958,
  df: 897.381253678654,
  p: 0.0013538910823130076,
  hedgesG: 0.19808121633176176,
  mannWhitneyP: 0.0014673145544313797,
};

export const did: TwoGroup = {
  n1: 322,
  n2: 466,
  mean1: 0.32919254658385017,
  mean2: -0.021459227467811228,
  diff: 0.35065177405166137,
  ciLow: 0.2282827136080153,
  ciHigh: 0.4730208344953074,
  t: 5.626457688442443,
  df: 672.3034523220919,
  p: 2.700815218892265e-8,
  hedgesG: 0.41033312864094107,
  mannWhitneyP: 1.7263892675132008e-8,
};

export const groupMeans = {
  participants: { n: 322, before: 3.0217391304347836, after: 3.350931677018633 },
  comparison: { n: 466, before: 3.2017167381974247, after: 3.18025751072961 },
};

export const performance: MeasuredOutcome = { beforeAfter: paired, comparison, did };

const nulls = { t: null, df: null, p: null, ciLow: null, ciHigh: null };
export const suppressedPaired: Paired = { suppressed: true, reason: 'fewer than 5 participants have both measurements', n: null, meanBefore: null, meanAfter: null, meanDiff: null, cohenDz: null, wilcoxonP: null, ...nulls };
export const suppressedTwoGroup: TwoGroup = { suppressed: true, reason: 'fewer than 5 people in a group', n1: null, n2: null, mean1: null, mean2: null, diff: null, hedgesG: null, mannWhitneyP: null, ...nulls };
export const suppressedProportion: Proportion = { suppressed: true, reason: 'fewer than 5 people with 12 months of follow-up in a group', n1: null, k1: null, n2: null, k2: null, p1: null, p2: null, diff: null, chisq: null, ...nulls };

/** Deterministic exponential times with uniform censoring. */
function simulate(n: number, dailyHazard: number, seed: number): { time: number[]; event: number[] } {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const time: number[] = [];
  const event: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = -Math.log(rnd()) / dailyHazard;
    const c = 250 + rnd() * 900;
    time.push(Math.max(0, Math.round(Math.min(t, c))));
    event.push(t <= c ? 1 : 0);
  }
  return { time, event };
}

const horizons = [182, 365, 730];
const pSim = simulate(450, 1 / 2600, 11);
const cSim = simulate(842, 1 / 1500, 23);
export const curves: { participants: KmCurveData; comparison: KmCurveData } = {
  participants: kaplanMeierCurve(pSim.time, pSim.event),
  comparison: kaplanMeierCurve(cSim.time, cSim.event),
};
export const kmPoints: { participants: KmPoint[]; comparison: KmPoint[] } = {
  participants: kaplanMeier(pSim.time, pSim.event, horizons),
  comparison: kaplanMeier(cSim.time, cSim.event, horizons),
};
export const retention: RetentionOutcome & { curves: typeof curves } = {
  km: kmPoints,
  logrank: { chisq: 21.4, df: 1, p: 3.7e-6 },
  rate12m: { n1: 450, k1: 398, n2: 842, k2: 655, p1: 398 / 450, p2: 655 / 842, diff: 398 / 450 - 655 / 842, ciLow: 0.065, ciHigh: 0.148, chisq: 21.1, p: 4.4e-6 },
  curves,
};

/** A Likert distribution from counts per raw level 1..5; `reversed` flips which levels are the top two. */
export function dist(counts: number[], reversed = false): LikertDistribution {
  const n = counts.reduce((a, b) => a + b, 0);
  const levels = counts.map((count, i) => ({ level: i + 1, count, share: count / n }));
  const score = (lvl: number) => (reversed ? 6 - lvl : lvl);
  const mean = levels.reduce((s, l) => s + score(l.level) * l.count, 0) / n;
  const top2 = levels.filter((l) => score(l.level) >= 4).reduce((s, l) => s + l.count, 0) / n;
  return { n, people: n, levels, mean, top2Box: top2 };
}

const suppressedDist: LikertDistribution = { suppressed: true, reason: 'fewer than 5 answers', n: null, people: null, levels: null, mean: null, top2Box: null };

function item(code: string, before: number[], after: number[], all: number[], pHolm: number, reversed = false): LikertItem {
  const b = dist(before, reversed);
  const a = dist(after, reversed);
  return {
    item: code,
    reversed,
    all: dist(all, reversed),
    before: b,
    after: a,
    beforeAfter: { ...paired, n: Math.min(b.n!, a.n!), meanBefore: b.mean, meanAfter: a.mean, meanDiff: a.mean! - b.mean!, p: pHolm / 3 },
    pHolm,
  };
}

export const likert: LikertItem[] = [
  item('ENG1', [12, 40, 90, 140, 55], [8, 28, 70, 160, 71], [60, 210, 480, 820, 330], 0.0004),
  item('ENG2', [20, 60, 110, 100, 47], [15, 52, 100, 118, 52], [95, 300, 560, 640, 305], 0.21),
  item('ENG3', [5, 25, 70, 160, 77], [4, 16, 58, 170, 89], [30, 130, 400, 890, 450], 0.003),
  item('ENG6', [60, 130, 90, 40, 17], [85, 140, 70, 30, 12], [300, 690, 520, 280, 110], 0.002, true),
  { ...item('ENG9', [1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [4, 9, 20, 30, 12], 1), before: suppressedDist, after: suppressedDist, pHolm: null },
];

const cohortOutcomes = (scale: number): CohortResult['outcomes'] => ({
  performance: { beforeAfter: { ...paired, n: Math.round(107 * scale), meanDiff: 0.33 * scale, ciLow: 0.33 * scale - 0.16, ciHigh: 0.33 * scale + 0.16 }, comparison, did: { ...did, n1: Math.round(107 * scale), diff: 0.35 * scale, ciLow: 0.35 * scale - 0.21, ciHigh: 0.35 * scale + 0.21 } },
  survey: null,
  retention: { km: kmPoints, logrank: { chisq: 5, df: 1, p: 0.02 }, rate12m: { ...retention.rate12m, diff: 0.1 * scale, ciLow: 0.1 * scale - 0.07, ciHigh: 0.1 * scale + 0.07 } },
});

export const cohorts: CohortResult[] = [
  { cohort: '2022 Spring', startDate: '2022-03-07', participants: 140, comparison: 820, outcomes: cohortOutcomes(1.2) },
  { cohort: '2022 Fall', startDate: '2022-09-12', participants: 150, comparison: 835, outcomes: cohortOutcomes(0.9) },
  { cohort: '2023 Spring', startDate: '2023-03-06', participants: 160, comparison: 842, outcomes: cohortOutcomes(0.4) },
  {
    cohort: '2023 Pilot (Legal)',
    startDate: '2023-06-01',
    participants: 3,
    comparison: 842,
    outcomes: {
      performance: { beforeAfter: suppressedPaired, comparison: suppressedTwoGroup, did: suppressedTwoGroup },
      survey: null,
      retention: { km: { participants: [], comparison: [] }, logrank: { chisq: null, df: null, p: null }, rate12m: suppressedProportion },
    },
  },
];

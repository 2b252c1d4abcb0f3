/** Analysis configuration and the `analyze --json` result. */
import type { KmCurveData } from './charts/types';
import type { DidMetric, MeasuredKey } from './outcomes';

export interface SurveyScale {
  scaleMin: number;
  scaleMax: number;
  reverseItems: string[];
}

export interface AnalysisConfig {
  /** Selected cohorts; empty or absent = all cohorts. */
  cohorts: string[];
  preDays: number;
  postStartDays: number;
  postEndDays: number;
  horizonsDays: number[];
  minGroupSize: number;
  confidence: number;
  survey: SurveyScale;
  /** people attribute → allowed values */
  filters: Record<string, string[]>;
  /**
   * Cohort start dates to keep, inclusive (YYYY-MM-DD; either end may be open; {} = no range):
   * cohorts starting outside it are left out; those starting in it count whole.
   */
  dateRange: DateRange;
  /**
   * People attributes to break results down by. Effective default:
   * ['department'] when the imported people have departments, else [].
   */
  segmentBy?: string[];
}

export interface DateRange {
  from?: string;
  to?: string;
}

export const DEFAULT_ANALYSIS_CONFIG: AnalysisConfig = {
  cohorts: [],
  preDays: 365,
  postStartDays: 180,
  postEndDays: 545,
  horizonsDays: [182, 365, 730],
  minGroupSize: 5,
  confidence: 0.95,
  survey: { scaleMin: 1, scaleMax: 5, reverseItems: [] },
  filters: {},
  dateRange: {},
};

/** Words that travel with every result: how it was computed, what it says, what it cannot say. */
export interface Described {
  method?: string;
  finding?: string;
  caveats?: string[];
}

/** Every number is null when suppressed or not computable; `reason` says why. */
export interface Paired extends Described {
  suppressed?: boolean;
  reason?: string;
  n: number | null;
  meanBefore: number | null;
  meanAfter: number | null;
  meanDiff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  cohenDz: number | null;
  wilcoxonP: number | null;
}

/** Group 1 = participants; diff = mean1 - mean2. */
export interface TwoGroup extends Described {
  suppressed?: boolean;
  reason?: string;
  n1: number | null;
  n2: number | null;
  mean1: number | null;
  mean2: number | null;
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  hedgesG: number | null;
  mannWhitneyP: number | null;
  /**
   * Only on `comparison` results: each group's confidence interval of its mean, at
   * config.confidence (one-sample t interval, R `t.test(x)$conf.int`; group 1 =
   * participants). null when suppressed or not computable (fewer than 2 values, or all equal).
   */
  ciLow1?: number | null;
  ciHigh1?: number | null;
  ciLow2?: number | null;
  ciHigh2?: number | null;
  /**
   * Only on difference-in-differences results (`did`, segments' `surveyDid` and
   * `performanceDid`): each group's mean before and after over the people with both
   * measurements (those in the test). Every number null when suppressed.
   */
  groupMeans?: { participants: GroupBeforeAfter; comparison: GroupBeforeAfter };
}

/** One group's mean before and after, over its n people with both measurements. */
export interface GroupBeforeAfter {
  n: number | null;
  before: number | null;
  after: number | null;
}

/**
 * A Kaplan–Meier reading at a horizon (`days`). Withheld (`suppressed: true`, every number but
 * the horizon null) when the group has fewer than minGroupSize people or fewer than
 * minGroupSize are still at risk at the horizon: the same rule that cuts the curve.
 */
export interface KmPoint {
  suppressed?: boolean;
  days: number;
  survival: number | null;
  lower: number | null;
  upper: number | null;
  atRisk: number | null;
}

export interface LogRank {
  chisq: number | null;
  df: number | null;
  p: number | null;
}

export interface Proportion extends Described {
  suppressed?: boolean;
  reason?: string;
  n1: number | null;
  k1: number | null;
  n2: number | null;
  k2: number | null;
  p1: number | null;
  p2: number | null;
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  chisq: number | null;
  p: number | null;
}

export interface MeasuredOutcome {
  beforeAfter: Paired;
  comparison: TwoGroup;
  did: TwoGroup;
}

export interface RetentionOutcome {
  km: { participants: KmPoint[]; comparison: KmPoint[] };
  logrank: LogRank;
  rate12m: Proportion;
  /**
   * Headline retention only: each group's full Kaplan–Meier step curve (R `survfit`: time,
   * n.risk, n.event, n.censor, surv, lower, upper), cut before the first time with fewer
   * than minGroupSize people at risk; null = group suppressed.
   */
  curves?: { participants: KmCurveData | null; comparison: KmCurveData | null };
}

export interface CohortSummary {
  cohort: string;
  startDate: string;
  participants: number;
}

/** One result per outcome of shared/outcomes.ts; null when the project lacks its data. */
export type OutcomeResults = { [K in MeasuredKey]: MeasuredOutcome | null } & { retention: RetentionOutcome | null };

export interface AnalysisResult {
  schemaVersion: 1;
  config: AnalysisConfig;
  population: { participants: number; comparison: number; cohorts: CohortSummary[] };
  outcomes: OutcomeResults;
  /** Each selected cohort (by start date) against the comparison group. */
  byCohort?: CohortResult[];
  /** Results by people attribute (config.segmentBy), with small groups suppressed. */
  segments?: SegmentBreakdown[];
  /** Item-level survey results, in item order; absent without survey data. */
  likert?: LikertItem[];
}

/**
 * One selected cohort against the comparison group: the cohort's
 * mentees indexed at their own start date in it, against people never in the
 * roster who were employed on the cohort's start date, indexed at that date.
 * Outcomes have the same shapes and definitions as the headline ones.
 */
export interface CohortResult extends Described {
  cohort: string;
  startDate: string;
  /** Mentees of the cohort (after filters), as in population.cohorts. */
  participants: number;
  /** Never-rostered people employed on the cohort's start date (after filters). */
  comparison: number;
  outcomes: OutcomeResults;
}

/**
 * One value of a people attribute. When suppressed, every number (the n's too)
 * is null and the nested results are suppressed as well.
 */
/** Difference-in-differences of each measured outcome ("surveyDid"); null without its data. */
export type SegmentDids = { [K in DidMetric]: TwoGroup | null };

export interface SegmentResult extends Described, SegmentDids {
  /** The attribute value; null = not recorded. */
  value: string | null;
  suppressed?: boolean;
  reason?: string;
  participants: number | null;
  comparison: number | null;
  /** 12-month retention, participants vs comparison in this segment; null without retention data. */
  rate12m: Proportion | null;
}

export interface SegmentBreakdown extends Described {
  attribute: string;
  /** By value (alphabetical, "not recorded" last), so the order reveals nothing about suppressed sizes. */
  groups: SegmentResult[];
}

export interface LikertLevel {
  /** Raw scale level (before reverse-coding). */
  level: number;
  /** null when withheld (`suppressed`). */
  count: number | null;
  /** Share of n; null when withheld. */
  share: number | null;
  /**
   * Withheld: answered by fewer than minGroupSize (but some) people, or withheld with it so
   * that it cannot be worked out from n, the top-2-box share and the other levels.
   */
  suppressed?: boolean;
}

/** Answers to one item; mean and top2Box are on the reverse-coded scale (higher = better). */
export interface LikertDistribution {
  suppressed?: boolean;
  reason?: string;
  /** Answers counted. */
  n: number | null;
  /** Distinct people who gave them. */
  people: number | null;
  /** Raw levels scaleMin..scaleMax; shares are of n (off-scale answers count in n only). */
  levels: LikertLevel[] | null;
  /** null when a level is withheld (with the shown levels it would give the withheld ones back). */
  mean: number | null;
  /** Share of answers in the two best levels (after reverse-coding); null when it would give a withheld level back. */
  top2Box: number | null;
}

export interface LikertItem extends Described {
  item: string;
  /** Reverse-coded (negatively worded) item: raw levels are shown as answered. */
  reversed: boolean;
  suppressed?: boolean;
  reason?: string;
  /** Every answer of the analysed people (participants and comparison), any date. */
  all: LikertDistribution;
  /** Participants' answers in the before window (the latest day in it, per person). */
  before: LikertDistribution;
  /** Participants' answers in the after window (the earliest day in it, per person). */
  after: LikertDistribution;
  /** Participants' reverse-coded item score, after vs before (paired t-test, Wilcoxon). */
  beforeAfter: Paired;
  /** beforeAfter.p adjusted by Holm across the items with a p-value (R p.adjust(p, "holm")). */
  pHolm: number | null;
}

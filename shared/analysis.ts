/** Analysis configuration and the `analyze --json` result (DESIGN §3, §4). */

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
}

export interface KmPoint {
  suppressed?: boolean;
  days: number;
  survival: number | null;
  lower: number | null;
  upper: number | null;
  atRisk: number;
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
}

export interface CohortSummary {
  cohort: string;
  startDate: string;
  participants: number;
}

export interface AnalysisResult {
  schemaVersion: 1;
  config: AnalysisConfig;
  population: { participants: number; comparison: number; cohorts: CohortSummary[] };
  outcomes: {
    performance: MeasuredOutcome | null;
    survey: MeasuredOutcome | null;
    retention: RetentionOutcome | null;
  };
}

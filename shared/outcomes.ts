/**
 * Every outcome the analysis reports, declared once: its shape, its words and units, the
 * tables it needs and what its charts are told. The engine, the breakdowns, the pages and
 * the report loop over these declarations, and the result types are keyed by these keys
 * (shared/analysis.ts), so a place that forgets a new outcome fails to compile instead of
 * silently showing nothing.
 *
 * The shape fixes the statistics and the charts: a measured outcome gets before/after
 * (paired), participants against the comparison group after the start, and
 * difference-in-differences, drawn by the before/after, DiD, group-means and cohort-bar
 * builders; a survival outcome gets Kaplan–Meier curves, a log-rank test and its 12-month
 * rate, drawn by the Kaplan–Meier and cohort-bar builders.
 */
import type { AnalysisConfig } from './analysis';
import type { CanonicalTable } from './domain';

/** Measured outcomes, in the order of the analysis JSON and the pages. */
export const MEASURED_KEYS = ['performance', 'survey'] as const;
export type MeasuredKey = (typeof MEASURED_KEYS)[number];
/** Time to leaving. */
export type SurvivalKey = 'retention';

/** Key of a measured outcome's difference-in-differences in a segment's results and of its bars: "surveyDid". */
export type DidMetric = `${MeasuredKey}Did`;
/** Key of participants' before → after change in the cohort bars: "surveyChange". */
export type ChangeMetric = `${MeasuredKey}Change`;

interface OutcomeBase {
  /** Section heading: "Engagement survey score". */
  label: string;
  /** Canonical tables the outcome is computed from. */
  tables: CanonicalTable[];
  /** Words for a project without the outcome's data. */
  missing: {
    /** Button and headline: "Import survey responses". */
    action: string;
    /** What the data are: "survey responses" ("No survey responses imported"). */
    data: string;
    /** The report's paragraph in place of the results. */
    report: string;
  };
  /** The Dashboard's card. */
  card: { label: string; howTitle: string; chartTitle: string; more: { page: string; text: string } };
}

export interface MeasuredDeclaration extends OutcomeBase {
  key: MeasuredKey;
  shape: 'measured';
  /** In sentences: "survey score". */
  what: string;
  /** As a table row or column heading: "Survey score". */
  name: string;
  /** In narrow column headings: "Survey" ("Survey, change vs comparison"). */
  short: string;
  /** What to import, in a sentence: "engagement survey answers". */
  content: string;
  /** Value-axis unit of the app's charts; none for ratings, whose scale the data set. */
  unit(c: AnalysisConfig): string | undefined;
  /** The same in the report's charts. */
  reportUnit(c: AnalysisConfig): string | undefined;
  /** Fixed value axis of the app's before/after chart; none = fit the data. */
  domain(c: AnalysisConfig): [number, number] | undefined;
  /** Unit of the Dashboard's difference-in-differences: "rating points". */
  headlineUnit(c: AnalysisConfig): string;
  did: DidMetric;
  change: ChangeMetric;
  /**
   * Where its values come from: a table of dated measurements (per person and day, the
   * mean of `value` on `date`), or the survey, whose items are scored and reverse-coded
   * first and which also gives the Likert results.
   */
  source: { table: CanonicalTable; date: string; value: string } | 'survey';
}

export interface SurvivalDeclaration extends OutcomeBase {
  key: SurvivalKey;
  shape: 'survival';
}

const scale = (c: AnalysisConfig) => `${c.survey.scaleMin}–${c.survey.scaleMax}`;

export const OUTCOMES: { [K in MeasuredKey]: MeasuredDeclaration & { key: K; did: `${K}Did`; change: `${K}Change` } } & { retention: SurvivalDeclaration } = {
  performance: {
    key: 'performance',
    shape: 'measured',
    label: 'Performance rating',
    what: 'performance rating',
    name: 'Performance rating',
    short: 'Performance',
    content: 'review dates and ratings',
    tables: ['performance_reviews'],
    missing: {
      action: 'Import performance reviews',
      data: 'performance reviews',
      report: 'No performance reviews were imported, so this report has no performance results. Import the performance review export to add them.',
    },
    card: {
      label: 'Performance rating, change vs comparison',
      howTitle: 'Performance rating',
      chartTitle: 'Mean rating change, both groups',
      more: { page: 'before-after', text: 'Before and after' },
    },
    unit: () => undefined,
    reportUnit: () => undefined,
    domain: () => undefined,
    headlineUnit: () => 'rating points',
    did: 'performanceDid',
    change: 'performanceChange',
    source: { table: 'performance_reviews', date: 'review_date', value: 'rating' },
  },
  survey: {
    key: 'survey',
    shape: 'measured',
    label: 'Engagement survey score',
    what: 'survey score',
    name: 'Survey score',
    short: 'Survey',
    content: 'engagement survey answers',
    tables: ['survey_responses'],
    missing: {
      action: 'Import survey responses',
      data: 'survey responses',
      report: 'No survey responses were imported, so this report has no survey results. Import the engagement survey export to add them.',
    },
    card: {
      label: 'Engagement survey, change vs comparison',
      howTitle: 'Engagement survey',
      chartTitle: 'Mean survey score change, both groups',
      more: { page: 'survey', text: 'Survey items' },
    },
    unit: (c) => `${scale(c)} scale`,
    reportUnit: (c) => `mean of items, ${scale(c)}`,
    domain: (c) => [c.survey.scaleMin, c.survey.scaleMax],
    headlineUnit: (c) => `points on the ${scale(c)} score`,
    did: 'surveyDid',
    change: 'surveyChange',
    source: 'survey',
  },
  retention: {
    key: 'retention',
    shape: 'survival',
    label: 'Retention',
    tables: ['people'],
    missing: {
      action: 'Import the HRIS export',
      data: 'HRIS export',
      report: 'No HRIS export with hire and termination dates was imported, so this report has no retention results. Import the people (HRIS) export to add them.',
    },
    card: {
      label: '12-month retention, vs comparison',
      howTitle: '12-month retention',
      chartTitle: 'Share still employed since the start',
      more: { page: 'retention', text: 'Retention details' },
    },
  },
};

/** The measured outcomes in the pages' order (performance, then the survey). */
export const MEASURED: readonly MeasuredDeclaration[] = MEASURED_KEYS.map((k) => OUTCOMES[k]);

/**
 * The measured outcomes in the order the report's summary and the breakdowns by segment
 * lead with them (after retention): the survey, then performance. Segments' complementary
 * suppression works through the families in this order too, so it must not change.
 */
export const MEASURED_BY_SUMMARY: readonly MeasuredDeclaration[] = [OUTCOMES.survey, OUTCOMES.performance];

/** One value per measured outcome, keyed by it, in MEASURED_KEYS order. */
export function perMeasured<T>(f: (m: MeasuredDeclaration) => T): { [K in MeasuredKey]: T } {
  const out = {} as { [K in MeasuredKey]: T };
  for (const m of MEASURED) out[m.key] = f(m);
  return out;
}

/** Options of a measured outcome's charts in the app: what, unit and windows. */
export function measureChart(m: MeasuredDeclaration, c: AnalysisConfig): { measure: string; unit?: string; windows: { preDays: number; postStartDays: number; postEndDays: number } } {
  const unit = m.unit(c);
  return { measure: m.what, ...(unit === undefined ? {} : { unit }), windows: { preDays: c.preDays, postStartDays: c.postStartDays, postEndDays: c.postEndDays } };
}

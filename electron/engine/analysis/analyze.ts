import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, AnalysisResult, MeasuredOutcome, RetentionOutcome } from '../../../shared/analysis';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/analysis';
import type { AnalysisConfigInput } from '../../../shared/api';
import { cohortMeasured, cohortResults, cohortRetention, cohortUnitLists } from './cohorts';
import { likertItems } from './likert';
import { surveyItems } from '../surveyByResponse';
import { collectMeasures, hasRows, performanceValues } from './measurements';
import type { MeasureKind, Pending, UnitValues } from './measurements';
import { TEMP_TABLES, buildPopulation, loadPeople, segmentAttributes } from './population';
import type { PeopleModel } from './population';
import { comparisonResult, didResult, pairedResult, retentionResult } from './results';
import { Retention } from './retentionData';
import { refuseIsolatingSelection } from './refuseIsolatingSelection';
import { segmentResults } from './segments';
import { SURVEY_TEMP_TABLES, planSurvey, startSurvey } from './surveyData';
import type { SurveyData, SurveyReadOptions } from './surveyData';

export function effectiveConfig(input: AnalysisConfigInput = {}): AnalysisConfig {
  const d = DEFAULT_ANALYSIS_CONFIG;
  const config: AnalysisConfig = {
    cohorts: input.cohorts ?? d.cohorts,
    preDays: input.preDays ?? d.preDays,
    postStartDays: input.postStartDays ?? d.postStartDays,
    postEndDays: input.postEndDays ?? d.postEndDays,
    horizonsDays: [...(input.horizonsDays ?? d.horizonsDays)].sort((a, b) => a - b),
    minGroupSize: input.minGroupSize ?? d.minGroupSize,
    confidence: input.confidence ?? d.confidence,
    survey: { ...d.survey, ...input.survey },
    filters: input.filters ?? d.filters,
    dateRange: { ...(input.dateRange ?? d.dateRange) },
  };
  if (input.segmentBy) config.segmentBy = [...input.segmentBy];
  return config;
}

const WHAT: Record<MeasureKind, string> = { performance: 'performance rating', survey: 'survey score' };

function measuredOutcome(values: UnitValues, model: PeopleModel, kind: MeasureKind, config: AnalysisConfig): MeasuredOutcome {
  const m = collectMeasures(values, model);
  return {
    beforeAfter: pairedResult(m.participants.pairedBefore, m.participants.pairedAfter, config, WHAT[kind]),
    comparison: comparisonResult(m.participants.after, m.comparison.after, config, WHAT[kind]),
    did: didResult(m.participants, m.comparison, config, WHAT[kind]),
  };
}

/** Internal options (tests): read the survey the generic way. */
export interface AnalyzeOptions {
  survey?: SurveyReadOptions;
}

/**
 * DESIGN §3: the whole evaluation for one configuration, plus issue #4's breakdowns:
 * per cohort, per segment (people attribute) and per survey item.
 *
 * The database builds the groups and the units (a person at their headline index and in
 * each cohort; population.ts), and chooses every unit's before/after measurements
 * (measurements.ts, surveyData.ts); the survey's Likert counts come back as aggregates.
 * In memory, on typed arrays: the analysed people with their spells and attributes,
 * the units' before/after values, survival times from the spells, and the statistics of
 * the headline, cohort, segment and item results split from those.
 */
export async function analyze(conn: DuckDBConnection, input: AnalysisConfigInput = {}, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const config = effectiveConfig(input);
  /** Queries started while JS work goes on: all settled before the temp tables go. */
  const running: Promise<unknown>[] = [];
  try {
    await refuseIsolatingSelection(conn, config);
    const population = await buildPopulation(conn, config);
    const attributes = await segmentAttributes(conn, config.segmentBy);
    config.segmentBy = attributes;
    const available = {
      performance: await hasRows(conn, 'performance_reviews'),
      survey: await hasRows(conn, 'survey_responses'),
      asOf: population.asOf && (await hasRows(conn, 'people')) ? population.asOf : null,
    };
    const plan = available.survey ? await planSurvey(conn, config, await surveyItems(conn), options.survey) : null;

    // The database works through the reviews, then the survey, while the people model,
    // retention and then the ratings' results are computed here.
    const started: { reviews?: Pending<UnitValues> } = {};
    const model = await loadPeople(conn, population, attributes, (layout) => {
      if (!available.performance) return;
      started.reviews = performanceValues(conn, layout, config);
      running.push(started.reviews.running);
    });
    const reviews = started.reviews ?? null;
    const lists = cohortUnitLists(model, population.cohorts.length);
    const surveyStarted = (reviews?.running ?? Promise.resolve()).then(() => (plan ? startSurvey(conn, model, config, plan)() : null));
    running.push(surveyStarted.catch(() => undefined));
    const retention = available.asOf ? new Retention(model, available.asOf) : null;
    let headlineRetention: RetentionOutcome | null = null;
    let cohortRet: RetentionOutcome[] | null = null;
    if (retention) {
      const s = retention.split();
      headlineRetention = retentionResult(s.participants, s.comparison, s.rate, config, false, true);
      cohortRet = cohortRetention(config, lists, retention);
    }
    const performance = reviews ? await reviews.finish(model) : null;
    const performanceOutcome = performance ? measuredOutcome(performance, model, 'performance', config) : null;
    const cohortPerformance = performance ? cohortMeasured(config, model, lists, performance, 'performance') : null;
    const survey: SurveyData | null = await surveyStarted;

    const result: AnalysisResult = {
      schemaVersion: 1,
      config,
      population: { participants: population.participants, comparison: population.comparison, cohorts: population.cohorts },
      outcomes: {
        performance: performanceOutcome,
        survey: survey ? measuredOutcome(survey.values, model, 'survey', config) : null,
        retention: headlineRetention,
      },
    };
    result.byCohort = cohortResults(config, population.cohorts, lists, {
      performance: cohortPerformance,
      survey: survey ? cohortMeasured(config, model, lists, survey.values, 'survey') : null,
      retention: cohortRet,
    });
    result.segments = segmentResults(config, attributes, model, { performance, survey: survey?.values ?? null, retention });
    if (survey) result.likert = likertItems(config, survey.likert);
    return result;
  } finally {
    await Promise.allSettled(running);
    await conn.run([...TEMP_TABLES, ...SURVEY_TEMP_TABLES].map((t) => `DROP TABLE IF EXISTS ${t}`).join('; '));
  }
}

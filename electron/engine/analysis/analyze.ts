import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, AnalysisResult, MeasuredOutcome, RetentionOutcome } from '../../../shared/analysis';
import { MEASURED, OUTCOMES, perMeasured } from '../../../shared/outcomes';
import type { MeasuredDeclaration, MeasuredKey } from '../../../shared/outcomes';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/analysis';
import type { AnalysisConfigInput } from '../../../shared/api';
import { cohortMeasured, cohortResults, cohortRetention, cohortUnitLists } from './cohorts';
import { likertItems } from './likert';
import { surveyItems } from '../surveyByResponse';
import { collectMeasures, hasRows, tableValues } from './measurements';
import type { Pending, UnitValues } from './measurements';
import { TEMP_TABLES, buildPopulation, loadPeople, segmentAttributes } from './population';
import { measuredResult, retentionResult } from './results';
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

/** A read that starts now, or once `previous` has settled: one read at a time on the connection. */
function chainAfter<T>(previous: Promise<unknown> | null, start: () => Pending<T>): Pending<T> {
  if (!previous) return start();
  const started = previous.then(start, start);
  return { running: started.then((p) => p.running), finish: async (model) => (await started).finish(model) };
}

/** A measured outcome's values for every unit, and its results overall and per cohort. */
interface Measured {
  values: UnitValues;
  headline: MeasuredOutcome;
  byCohort: MeasuredOutcome[];
}

/** Internal options (tests): read the survey the generic way. */
export interface AnalyzeOptions {
  survey?: SurveyReadOptions;
}

/**
 * the whole evaluation for one configuration, plus the breakdowns:
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
    const hasData = perMeasured(() => false);
    for (const m of MEASURED) hasData[m.key] = (await Promise.all(m.tables.map((t) => hasRows(conn, t)))).every(Boolean);
    const asOf = population.asOf && (await hasRows(conn, 'people')) ? population.asOf : null;
    const plan = hasData.survey ? await planSurvey(conn, config, await surveyItems(conn), options.survey) : null;

    // The database works through the measurement tables one after the other, then the
    // survey, while the people model, retention and then the tables' results are computed here.
    const fromTables = new Map<MeasuredKey, Pending<UnitValues>>();
    let tablesRead: Promise<unknown> | null = null;
    const model = await loadPeople(conn, population, attributes, (layout) => {
      for (const m of MEASURED) {
        const source = m.source;
        if (source === 'survey' || !hasData[m.key]) continue;
        const pending = chainAfter(tablesRead, () => tableValues(conn, layout, config, source));
        fromTables.set(m.key, pending);
        tablesRead = pending.running;
        running.push(pending.running);
      }
    });
    const lists = cohortUnitLists(model, population.cohorts.length);
    const surveyStarted = (tablesRead ?? Promise.resolve()).then(() => (plan ? startSurvey(conn, model, config, plan)() : null));
    running.push(surveyStarted.catch(() => undefined));
    const retention = asOf ? new Retention(model, asOf) : null;
    let headlineRetention: RetentionOutcome | null = null;
    let cohortRet: RetentionOutcome[] | null = null;
    if (retention) {
      const s = retention.split();
      headlineRetention = retentionResult(s.participants, s.comparison, s.rate, config, false, true);
      cohortRet = cohortRetention(config, lists, retention);
    }
    const measure = (m: MeasuredDeclaration, values: UnitValues | null): Measured | null =>
      values && { values, headline: measuredResult(collectMeasures(values, model), config, m.what), byCohort: cohortMeasured(config, model, lists, values, m.what) };
    // The tables' results are computed while the database reads the survey.
    const measured = perMeasured((): Measured | null => null);
    for (const [key, pending] of fromTables) measured[key] = measure(OUTCOMES[key], await pending.finish(model));
    const survey: SurveyData | null = await surveyStarted;
    measured.survey = measure(OUTCOMES.survey, survey?.values ?? null);

    const result: AnalysisResult = {
      schemaVersion: 1,
      config,
      population: { participants: population.participants, comparison: population.comparison, cohorts: population.cohorts },
      outcomes: { ...perMeasured((m) => measured[m.key]?.headline ?? null), retention: headlineRetention },
    };
    result.byCohort = cohortResults(config, population.cohorts, lists, { measured: perMeasured((m) => measured[m.key]?.byCohort ?? null), retention: cohortRet });
    result.segments = segmentResults(config, attributes, model, { measured: perMeasured((m) => measured[m.key]?.values ?? null), retention });
    if (survey) result.likert = likertItems(config, survey.likert);
    return result;
  } finally {
    await Promise.allSettled(running);
    await conn.run([...TEMP_TABLES, ...SURVEY_TEMP_TABLES].map((t) => `DROP TABLE IF EXISTS ${t}`).join('; '));
  }
}

import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, AnalysisResult, MeasuredOutcome, RetentionOutcome } from '../../../shared/analysis';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/analysis';
import type { AnalysisConfigInput } from '../../../shared/api';
import { cohortResults } from './cohorts';
import { likertAnswers, likertItems, surveyItems } from './likert';
import { MAX_MASK_ITEMS, dropDailyValues, hasRows, measureRows, prepareDailyValues, splitMeasures } from './measurements';
import type { MeasureKind, MeasureRows } from './measurements';
import { GROUPS, TEMP_TABLES, buildAttributes, buildPopulation, segmentAttributes } from './population';
import { pairedResult, retentionResult, twoGroupResult } from './results';
import { retentionRows, splitRetention } from './retentionData';
import type { RetentionRows } from './retentionData';
import { segmentResults } from './segments';

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
  };
  if (input.segmentBy) config.segmentBy = [...input.segmentBy];
  return config;
}

const WHAT: Record<MeasureKind, string> = { performance: 'performance rating', survey: 'survey score' };

function measuredOutcome(rows: MeasureRows, kind: MeasureKind, config: AnalysisConfig): MeasuredOutcome {
  const m = splitMeasures(rows);
  return {
    beforeAfter: pairedResult(m.participants.pairedBefore, m.participants.pairedAfter, config, WHAT[kind]),
    comparison: twoGroupResult(m.participants.after, m.comparison.after, config, WHAT[kind], false),
    did: twoGroupResult(m.participants.change, m.comparison.change, config, WHAT[kind], true),
  };
}

function retentionOutcome(rows: RetentionRows, config: AnalysisConfig): RetentionOutcome {
  const s = splitRetention(rows);
  return retentionResult(s.participants, s.comparison, s.rate, config);
}

/**
 * DESIGN §3: the whole evaluation for one configuration, plus issue #4's breakdowns:
 * per cohort, per segment (people attribute) and per survey item. The large tables
 * are read once per outcome: the headline rows carry the segment attributes and are
 * split in JS; all cohorts share one query per outcome.
 */
export async function analyze(conn: DuckDBConnection, input: AnalysisConfigInput = {}): Promise<AnalysisResult> {
  const config = effectiveConfig(input);
  const population = await buildPopulation(conn, config);
  try {
    const attributes = await segmentAttributes(conn, config.segmentBy);
    config.segmentBy = attributes;
    if (attributes.length) await buildAttributes(conn, attributes);
    const src = { groups: GROUPS, attrCount: attributes.length };

    const available = {
      performance: await hasRows(conn, 'performance_reviews'),
      survey: await hasRows(conn, 'survey_responses'),
      asOf: population.asOf && (await hasRows(conn, 'people')) ? population.asOf : null,
    };
    const items = available.survey ? await surveyItems(conn) : [];
    const maskItems = items.length > 0 && items.length <= MAX_MASK_ITEMS ? items : null;
    const rows: Record<MeasureKind, MeasureRows | null> = { performance: null, survey: null };
    for (const kind of ['performance', 'survey'] as const) {
      if (!available[kind]) continue;
      await prepareDailyValues(conn, kind, config, kind === 'survey' ? items : []);
      rows[kind] = await measureRows(conn, kind, config, src);
    }
    const answers = available.survey ? await likertAnswers(conn, items) : null;
    const retention = available.asOf ? await retentionRows(conn, available.asOf, src) : null;

    const result: AnalysisResult = {
      schemaVersion: 1,
      config,
      population: { participants: population.participants, comparison: population.comparison, cohorts: population.cohorts },
      outcomes: {
        performance: rows.performance ? measuredOutcome(rows.performance, 'performance', config) : null,
        survey: rows.survey ? measuredOutcome(rows.survey, 'survey', config) : null,
        retention: retention ? retentionOutcome(retention, config) : null,
      },
    };
    result.byCohort = await cohortResults(conn, config, population.cohorts, available);
    result.segments = await segmentResults(conn, config, attributes, { performance: rows.performance, survey: rows.survey, retention });
    if (answers) result.likert = await likertItems(conn, config, answers, maskItems);
    return result;
  } finally {
    await dropDailyValues(conn);
    await conn.run(TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`).join('; '));
  }
}

import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, AnalysisResult, KmPoint, MeasuredOutcome, Paired, Proportion, RetentionOutcome, TwoGroup } from '../../../shared/analysis';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/analysis';
import type { AnalysisConfigInput } from '../../../shared/api';
import { pairedTest } from '../stats/pairedTest';
import { welchTest } from '../stats/welchTest';
import { kaplanMeier } from '../stats/kaplanMeier';
import { logRank } from '../stats/logRank';
import { propTest } from '../stats/propTest';
import { hasRows, measure } from './measurements';
import type { MeasureKind } from './measurements';
import { buildPopulation } from './population';
import { retentionData } from './retentionData';
import { describePaired, describeProportion, describeTwoGroup, describeKm } from './words';

export function effectiveConfig(input: AnalysisConfigInput = {}): AnalysisConfig {
  const d = DEFAULT_ANALYSIS_CONFIG;
  return {
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
}

const PAIRED_KEYS = ['n', 'meanBefore', 'meanAfter', 'meanDiff', 'ciLow', 'ciHigh', 't', 'df', 'p', 'cohenDz', 'wilcoxonP'] as const;
const TWO_GROUP_KEYS = ['n1', 'n2', 'mean1', 'mean2', 'diff', 'ciLow', 'ciHigh', 't', 'df', 'p', 'hedgesG', 'mannWhitneyP'] as const;
const PROPORTION_KEYS = ['n1', 'k1', 'n2', 'k2', 'p1', 'p2', 'diff', 'ciLow', 'ciHigh', 'chisq', 'p'] as const;

/** A result below minGroupSize: every number null, so no screen, file or report can show it. */
function suppressed<T>(keys: readonly string[], reason: string): T {
  return { suppressed: true, reason, ...Object.fromEntries(keys.map((k) => [k, null])) } as T;
}

function pairedResult(before: number[], after: number[], config: AnalysisConfig, what: string): Paired {
  if (after.length < config.minGroupSize) {
    return describePaired(suppressed<Paired>(PAIRED_KEYS, `fewer than ${config.minGroupSize} participants have both measurements`), what, config);
  }
  return describePaired(pairedTest(after, before, config.confidence), what, config);
}

function twoGroupResult(x: number[], y: number[], config: AnalysisConfig, what: string, did: boolean): TwoGroup {
  if (x.length < config.minGroupSize || y.length < config.minGroupSize) {
    return describeTwoGroup(suppressed<TwoGroup>(TWO_GROUP_KEYS, `fewer than ${config.minGroupSize} people in a group`), what, config, did);
  }
  return describeTwoGroup(welchTest(x, y, config.confidence), what, config, did);
}

async function measuredOutcome(conn: DuckDBConnection, kind: MeasureKind, config: AnalysisConfig): Promise<MeasuredOutcome | null> {
  if (!(await hasRows(conn, kind === 'performance' ? 'performance_reviews' : 'survey_responses'))) return null;
  const m = await measure(conn, kind, config);
  const what = kind === 'performance' ? 'performance rating' : 'survey score';
  return {
    beforeAfter: pairedResult(m.participants.pairedBefore, m.participants.pairedAfter, config, what),
    comparison: twoGroupResult(m.participants.after, m.comparison.after, config, what, false),
    did: twoGroupResult(m.participants.change, m.comparison.change, config, what, true),
  };
}

async function retentionOutcome(conn: DuckDBConnection, asOf: string | null, config: AnalysisConfig): Promise<RetentionOutcome | null> {
  if (!asOf || !(await hasRows(conn, 'people'))) return null;
  const data = await retentionData(conn, asOf);
  const pick = (g: number) => {
    const time: number[] = [];
    const event: (0 | 1)[] = [];
    data.group.forEach((grp, i) => {
      if (grp === g) {
        time.push(data.time[i]!);
        event.push(data.event[i]!);
      }
    });
    return { time, event };
  };
  const curve = (g: number): KmPoint[] => {
    const { time, event } = pick(g);
    if (time.length < config.minGroupSize) return config.horizonsDays.map((days) => ({ days, survival: null, lower: null, upper: null, atRisk: 0, suppressed: true }));
    return kaplanMeier(time, event, config.horizonsDays, config.confidence);
  };
  const lr = logRank(data.time, data.event, data.group);
  let k1 = 0, n1 = 0, k2 = 0, n2 = 0;
  data.group.forEach((g, i) => {
    if (!data.eligible[i]) return;
    const stayed = !(data.event[i] === 1 && data.time[i]! <= 365);
    if (g === 1) { n1++; if (stayed) k1++; } else { n2++; if (stayed) k2++; }
  });
  const rate12m: Proportion = n1 < config.minGroupSize || n2 < config.minGroupSize
    ? suppressed<Proportion>(PROPORTION_KEYS, `fewer than ${config.minGroupSize} people with 12 months of follow-up in a group`)
    : { n1, k1, n2, k2, ...propTest(k1, n1, k2, n2, config.confidence) };
  return {
    km: { participants: describeKm(curve(1)), comparison: describeKm(curve(2)) },
    logrank: { chisq: lr.chisq, df: lr.df, p: lr.p },
    rate12m: describeProportion(rate12m, config),
  };
}

/** DESIGN §3: the whole evaluation for one configuration. */
export async function analyze(conn: DuckDBConnection, input: AnalysisConfigInput = {}): Promise<AnalysisResult> {
  const config = effectiveConfig(input);
  const population = await buildPopulation(conn, config);
  try {
    return {
      schemaVersion: 1,
      config,
      population: { participants: population.participants, comparison: population.comparison, cohorts: population.cohorts },
      outcomes: {
        performance: await measuredOutcome(conn, 'performance', config),
        survey: await measuredOutcome(conn, 'survey', config),
        retention: await retentionOutcome(conn, population.asOf, config),
      },
    };
  } finally {
    await conn.run('DROP TABLE IF EXISTS __mi_groups; DROP TABLE IF EXISTS __mi_cohorts');
  }
}

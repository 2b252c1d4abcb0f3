import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig } from '../../../shared/analysis';
import { quoteLiteral } from '../db';
import { ATTRS, COHORT_COMPARISON_ROWS, COHORT_PARTICIPANTS, COMPARISON, GROUPS, PARTICIPANTS } from './population';

export type MeasureKind = 'performance' | 'survey';

const dailyTable = (kind: MeasureKind) => `__mi_daily_${kind}`;

/** Reverse-coded survey score expression (s' = scaleMin + scaleMax - s for reversed items). */
export function recodedScoreSql(config: AnalysisConfig, score = 'score', item = 'item'): string {
  const { scaleMin, scaleMax, reverseItems } = config.survey;
  return reverseItems.length
    ? `CASE WHEN ${item} IN (${reverseItems.map(quoteLiteral).join(', ')}) THEN ${Number(scaleMin) + Number(scaleMax)} - ${score} ELSE ${score} END`
    : score;
}

/** Response-level survey aggregates plus every answer's (item, score) count (one pass; see prepareDailyValues). */
export const SURVEY_AGG = '__mi_survey_agg';

/** Most items a survey bit mask can carry (BIGINT). */
export const MAX_MASK_ITEMS = 62;

/**
 * Materialises the daily values (pid, d, v) of the people in the headline groups (every
 * other group table holds a subset of them), so the headline, cohort and segment results
 * read the large measurement tables once. One value per person per day: several
 * measurements on a day count as their mean; a survey response's score is the mean of
 * its items, reverse-coded ones flipped.
 *
 * Surveys take one pass over the answers that also yields what the Likert results need:
 * SURVEY_AGG holds the responses (is_response) and the answer counts per (item, score)
 * (NOT is_response), and the daily table gets `items`, a bit mask of the items answered that day
 * (bit i = items[i]; only with at most MAX_MASK_ITEMS items), to count people per item.
 */
export async function prepareDailyValues(conn: DuckDBConnection, kind: MeasureKind, config: AnalysisConfig, items: string[] = []): Promise<void> {
  if (kind === 'performance') {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${dailyTable(kind)} AS
      SELECT g.pid, r.review_date AS d, avg(r.rating) AS v
      FROM performance_reviews r JOIN ${GROUPS} g USING (employee_id) GROUP BY ALL`);
    return;
  }
  const mask = items.length > 0 && items.length <= MAX_MASK_ITEMS
    ? `bit_or(1::BIGINT << (list_position([${items.map(quoteLiteral).join(', ')}], item) - 1))`
    : '0::BIGINT';
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${SURVEY_AGG} AS
      SELECT grouping(item, score)::INTEGER > 0 AS is_response, response_id, employee_id, response_date, item, score,
             count(*)::INTEGER AS n, avg(${recodedScoreSql(config)}) AS s, ${mask} AS items
      FROM survey_responses WHERE employee_id IN (SELECT employee_id FROM ${GROUPS})
      GROUP BY GROUPING SETS ((response_id, employee_id, response_date), (item, score));
    CREATE OR REPLACE TEMP TABLE ${dailyTable(kind)} AS
      SELECT g.pid, a.response_date AS d, avg(a.s) AS v, bit_or(a.items) AS items
      FROM ${SURVEY_AGG} a JOIN ${GROUPS} g USING (employee_id)
      WHERE a.is_response GROUP BY ALL`);
}

export const DAILY_SURVEY = dailyTable('survey');

export async function dropDailyValues(conn: DuckDBConnection): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS ${dailyTable('performance')}; DROP TABLE IF EXISTS ${dailyTable('survey')}; DROP TABLE IF EXISTS ${SURVEY_AGG}`);
}

export interface GroupMeasures {
  /** Participants with both measurements, paired by position. */
  pairedBefore: Float64Array;
  pairedAfter: Float64Array;
  /** Everyone in the group with an after measurement. */
  after: Float64Array;
  /** after - before for everyone with both (same order as pairedBefore/pairedAfter). */
  change: Float64Array;
}

export interface Measures {
  participants: GroupMeasures;
  comparison: GroupMeasures;
}

/**
 * Per-person before/after values, collapsed to distinct rows with a count (ratings
 * and survey means take few distinct values, so this moves little data to JS).
 * key = the cohort index (measureCohortRows) or 0; attrs[j][i] = value of
 * segment attribute j (column a<j> of the attribute table) on row i.
 */
export interface MeasureRows {
  key: number[];
  grp: number[];
  before: (number | null)[];
  after: number[];
  count: number[];
  attrs: (string | null)[][];
}

export interface MeasureSource {
  /** Group table: (pid, index_date, grp). */
  groups: string;
  /** Number of segment attributes to attach from the attribute table. */
  attrCount: number;
}

/** Before = latest in [index - preDays, index); after = earliest in [index + postStart, index + postEnd]. */
export async function measureRows(conn: DuckDBConnection, kind: MeasureKind, config: AnalysisConfig, src: MeasureSource): Promise<MeasureRows> {
  const attrCols = Array.from({ length: src.attrCount }, (_, j) => `a${j}`);
  const attrSelect = attrCols.map((c) => `, a.${c}`).join('');
  const reader = await conn.runAndReadAll(`
    WITH pp AS (
      SELECT 0 AS ck, g.grp, g.pid,
        arg_max(m.v, m.d) FILTER (WHERE m.d < g.index_date) AS before,
        arg_min(m.v, m.d) FILTER (WHERE m.d >= g.index_date + ${Number(config.postStartDays)}) AS after
      FROM ${src.groups} g JOIN ${dailyTable(kind)} m
        ON m.pid = g.pid AND m.d >= g.index_date - ${Number(config.preDays)} AND m.d <= g.index_date + ${Number(config.postEndDays)}
      GROUP BY ALL
      HAVING after IS NOT NULL)
    SELECT pp.ck, pp.grp, pp.before, pp.after, count(*)::INTEGER AS n${attrSelect}
    FROM pp ${src.attrCount ? `LEFT JOIN ${ATTRS} a USING (pid)` : ''}
    GROUP BY ALL
    ORDER BY ALL`);
  const cols = reader.getColumnsJS();
  return {
    key: (cols[0] ?? []).map(Number),
    grp: (cols[1] ?? []).map(Number),
    before: (cols[2] ?? []) as (number | null)[],
    after: (cols[3] ?? []) as number[],
    count: (cols[4] ?? []).map(Number),
    attrs: attrCols.map((_, j) => (cols[5 + j] ?? []) as (string | null)[]),
  };
}

/**
 * measureRows for every cohort at once (key = ck): participants at their own index,
 * comparison people at each cohort's start (buildCohortGroups).
 */
export async function measureCohortRows(conn: DuckDBConnection, kind: MeasureKind, config: AnalysisConfig): Promise<MeasureRows> {
  const pre = Number(config.preDays);
  const ps = Number(config.postStartDays);
  const pe = Number(config.postEndDays);
  const reader = await conn.runAndReadAll(`
    WITH pp AS (
      SELECT g.ck, ${PARTICIPANTS} AS grp, g.pid,
        arg_max(m.v, m.d) FILTER (WHERE m.d < g.index_date) AS before,
        arg_min(m.v, m.d) FILTER (WHERE m.d >= g.index_date + ${ps}) AS after
      FROM ${COHORT_PARTICIPANTS} g JOIN ${dailyTable(kind)} m
        ON m.pid = g.pid AND m.d >= g.index_date - ${pre} AND m.d <= g.index_date + ${pe}
      GROUP BY ALL
      HAVING after IS NOT NULL
      UNION ALL
      SELECT g.ck, ${COMPARISON} AS grp, g.pid,
        arg_max(m.v, m.d) FILTER (WHERE m.d < g.index_date) AS before,
        arg_min(m.v, m.d) FILTER (WHERE m.d >= g.index_date + ${ps}) AS after
      FROM ${COHORT_COMPARISON_ROWS} g JOIN ${dailyTable(kind)} m
        ON m.pid = g.pid AND m.d >= g.index_date - ${pre} AND m.d <= g.index_date + ${pe}
      GROUP BY ALL
      HAVING after IS NOT NULL)
    SELECT ck, grp, before, after, count(*)::INTEGER AS n FROM pp GROUP BY ALL ORDER BY ALL`);
  const cols = reader.getColumnsJS();
  return {
    key: (cols[0] ?? []).map(Number),
    grp: (cols[1] ?? []).map(Number),
    before: (cols[2] ?? []) as (number | null)[],
    after: (cols[3] ?? []) as number[],
    count: (cols[4] ?? []).map(Number),
    attrs: [],
  };
}

/** Expands the rows (all, or those at the given indices) into the arrays the tests take. */
export function splitMeasures(rows: MeasureRows, indices?: readonly number[]): Measures {
  const len = indices ? indices.length : rows.grp.length;
  const at = (x: number) => (indices ? indices[x]! : x);
  // sizes first, then fill typed arrays (no growing arrays of a million numbers)
  const nAfter = [0, 0];
  const nBoth = [0, 0];
  for (let x = 0; x < len; x++) {
    const i = at(x);
    const g = rows.grp[i] === PARTICIPANTS ? 0 : rows.grp[i] === COMPARISON ? 1 : -1;
    if (g < 0 || rows.after[i] === null || rows.after[i] === undefined) continue;
    nAfter[g]! += rows.count[i]!;
    if (rows.before[i] !== null && rows.before[i] !== undefined) nBoth[g]! += rows.count[i]!;
  }
  const make = (g: number): GroupMeasures => ({
    pairedBefore: new Float64Array(nBoth[g]!),
    pairedAfter: new Float64Array(nBoth[g]!),
    after: new Float64Array(nAfter[g]!),
    change: new Float64Array(nBoth[g]!),
  });
  const out: Measures = { participants: make(0), comparison: make(1) };
  const fillA = [0, 0];
  const fillB = [0, 0];
  for (let x = 0; x < len; x++) {
    const i = at(x);
    const g = rows.grp[i] === PARTICIPANTS ? 0 : rows.grp[i] === COMPARISON ? 1 : -1;
    const a = rows.after[i];
    if (g < 0 || a === null || a === undefined) continue;
    const target = g === 0 ? out.participants : out.comparison;
    const n = rows.count[i]!;
    target.after.fill(a, fillA[g], fillA[g]! + n);
    fillA[g]! += n;
    const b = rows.before[i];
    if (b !== null && b !== undefined) {
      const from = fillB[g]!;
      target.pairedBefore.fill(b, from, from + n);
      target.pairedAfter.fill(a, from, from + n);
      target.change.fill(a - b, from, from + n);
      fillB[g] = from + n;
    }
  }
  return out;
}

export async function hasRows(conn: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM ${table}) AS x`);
  return Boolean(reader.getRowsJS()[0]?.[0]);
}

/** Row indices by value (of a segment attribute or the cohort key). */
export function bucketBy<K>(values: readonly K[]): Map<K, number[]> {
  const out = new Map<K, number[]>();
  values.forEach((v, i) => {
    const list = out.get(v);
    if (list) list.push(i);
    else out.set(v, [i]);
  });
  return out;
}

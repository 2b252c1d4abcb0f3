import type { DuckDBConnection } from '@duckdb/node-api';
import { ATTRS, COHORT_COMPARISON, COHORT_LIST, COHORT_PARTICIPANTS, COMPARISON, PARTICIPANTS, PEOPLE } from './population';
import type { MeasureSource } from './measurements';
import type { RateCounts, SurvivalGroup } from './results';

/**
 * Survival rows collapsed to distinct (key, group, time, event, eligible, attributes)
 * with a count. Times are days from index to termination (event) or the as-of date
 * (censored), for people active at their index.
 */
export interface RetentionRows {
  key: number[];
  /** 1 = participants, 2 = comparison */
  grp: number[];
  time: number[];
  event: (0 | 1)[];
  eligible: boolean[];
  count: number[];
  attrs: (string | null)[][];
}

export async function retentionRows(conn: DuckDBConnection, asOf: string, src: MeasureSource, rateDays = 365): Promise<RetentionRows> {
  const attrCols = Array.from({ length: src.attrCount }, (_, j) => `a${j}`);
  const reader = await conn.runAndReadAll(
    `SELECT 0 AS ck, g.grp,
            (coalesce(p.termination_date, CAST(? AS DATE)) - g.index_date)::INTEGER AS time,
            (p.termination_date IS NOT NULL)::INTEGER AS event,
            g.index_date <= CAST(? AS DATE) - ${Number(rateDays)} AS eligible,
            count(*)::INTEGER AS n${attrCols.map((c) => `, a.${c}`).join('')}
     FROM ${src.groups} g JOIN ${PEOPLE} p USING (pid)
     ${src.attrCount ? `LEFT JOIN ${ATTRS} a USING (pid)` : ''}
     WHERE p.hire_date <= g.index_date AND (p.termination_date IS NULL OR p.termination_date > g.index_date)
     GROUP BY ALL
     ORDER BY ALL`,
    [asOf, asOf],
  );
  const cols = reader.getColumnsJS();
  return {
    key: (cols[0] ?? []).map(Number),
    grp: (cols[1] ?? []).map((g) => (Number(g) === PARTICIPANTS ? 1 : 2)),
    time: (cols[2] ?? []).map(Number),
    event: (cols[3] ?? []).map((e) => (Number(e) ? 1 : 0)),
    eligible: (cols[4] ?? []).map(Boolean),
    count: (cols[5] ?? []).map(Number),
    attrs: attrCols.map((_, j) => (cols[6 + j] ?? []) as (string | null)[]),
  };
}

/** retentionRows for every cohort at once (key = ck), from buildCohortGroups' tables. */
export async function retentionCohortRows(conn: DuckDBConnection, asOf: string, rateDays = 365): Promise<RetentionRows> {
  const reader = await conn.runAndReadAll(
    `SELECT ck, grp, time, event, eligible, count(*)::INTEGER AS n FROM (
       SELECT g.ck, ${PARTICIPANTS} AS grp,
              (coalesce(p.termination_date, CAST($1 AS DATE)) - g.index_date)::INTEGER AS time,
              (p.termination_date IS NOT NULL)::INTEGER AS event,
              g.index_date <= CAST($1 AS DATE) - ${Number(rateDays)} AS eligible
       FROM ${COHORT_PARTICIPANTS} g JOIN ${PEOPLE} p USING (pid)
       WHERE p.hire_date <= g.index_date AND (p.termination_date IS NULL OR p.termination_date > g.index_date)
       UNION ALL
       SELECT l.ck, ${COMPARISON} AS grp,
              (coalesce(r.termination_date, CAST($1 AS DATE)) - l.start_date)::INTEGER AS time,
              (r.termination_date IS NOT NULL)::INTEGER AS event,
              l.start_date <= CAST($1 AS DATE) - ${Number(rateDays)} AS eligible
       FROM ${COHORT_COMPARISON} r JOIN ${COHORT_LIST} l ON l.ck BETWEEN r.ck_lo AND r.ck_hi)
     GROUP BY ALL
     ORDER BY ALL`,
    [asOf],
  );
  const cols = reader.getColumnsJS();
  return {
    key: (cols[0] ?? []).map(Number),
    grp: (cols[1] ?? []).map((g) => (Number(g) === PARTICIPANTS ? 1 : 2)),
    time: (cols[2] ?? []).map(Number),
    event: (cols[3] ?? []).map((e) => (Number(e) ? 1 : 0)),
    eligible: (cols[4] ?? []).map(Boolean),
    count: (cols[5] ?? []).map(Number),
    attrs: [],
  };
}

export interface RetentionSplit {
  participants: SurvivalGroup;
  comparison: SurvivalGroup;
  /** 12-month rate: stayed = not terminated within 365 days of the index (time <= 365 with an event counts as left). */
  rate: RateCounts;
}

/** The rows (all, or those at the given indices) as survival groups and 12-month counts. */
export function splitRetention(rows: RetentionRows, indices?: readonly number[], rateDays = 365): RetentionSplit {
  const len = indices ? indices.length : rows.grp.length;
  const at = (x: number) => (indices ? indices[x]! : x);
  const size = [0, 0];
  for (let x = 0; x < len; x++) {
    const i = at(x);
    size[rows.grp[i] === 1 ? 0 : 1]! += rows.count[i]!;
  }
  // one buffer for both groups, participants first
  const time = new Float64Array(size[0]! + size[1]!);
  const event = new Uint8Array(time.length);
  const rate: RateCounts = { n1: 0, k1: 0, n2: 0, k2: 0 };
  const fill = [0, size[0]!];
  for (let x = 0; x < len; x++) {
    const i = at(x);
    const g = rows.grp[i] === 1 ? 0 : 1;
    const t = rows.time[i]!;
    const e = rows.event[i]!;
    const n = rows.count[i]!;
    time.fill(t, fill[g], fill[g]! + n);
    event.fill(e, fill[g], fill[g]! + n);
    fill[g]! += n;
    if (rows.eligible[i]) {
      const stayed = !(e === 1 && t <= rateDays);
      if (g === 0) {
        rate.n1 += n;
        if (stayed) rate.k1 += n;
      } else {
        rate.n2 += n;
        if (stayed) rate.k2 += n;
      }
    }
  }
  return {
    participants: { time: time.subarray(0, size[0]), event: event.subarray(0, size[0]) },
    comparison: { time: time.subarray(size[0]), event: event.subarray(size[0]) },
    rate,
  };
}

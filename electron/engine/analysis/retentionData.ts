import type { DuckDBConnection } from '@duckdb/node-api';
import { GROUPS, PARTICIPANTS } from './population';

export interface RetentionData {
  time: number[];
  event: (0 | 1)[];
  /** 1 = participants, 2 = comparison */
  group: number[];
  /** index at least `rateDays` before the as-of date: counted in the 12-month rate */
  eligible: boolean[];
}

/** Days from index to termination (event) or the as-of date (censored), for people active at index. */
export async function retentionData(conn: DuckDBConnection, asOf: string, rateDays = 365): Promise<RetentionData> {
  const reader = await conn.runAndReadAll(
    `SELECT g.grp,
            (coalesce(p.termination_date, CAST(? AS DATE)) - g.index_date)::INTEGER AS time,
            (p.termination_date IS NOT NULL)::INTEGER AS event,
            g.index_date <= CAST(? AS DATE) - ${Number(rateDays)} AS eligible
     FROM ${GROUPS} g JOIN (SELECT DISTINCT employee_id, hire_date, termination_date FROM people) p USING (employee_id)
     WHERE p.hire_date <= g.index_date AND (p.termination_date IS NULL OR p.termination_date > g.index_date)
     ORDER BY g.grp, g.employee_id`,
    [asOf, asOf],
  );
  const [grp, time, event, eligible] = reader.getColumnsJS() as [number[], number[], number[], boolean[]];
  return {
    time: time.map(Number),
    event: event.map((e) => (Number(e) ? 1 : 0)),
    group: grp.map((g) => (Number(g) === PARTICIPANTS ? 1 : 2)),
    eligible,
  };
}

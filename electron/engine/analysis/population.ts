import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, CohortSummary } from '../../../shared/analysis';
import { queryRows, queryValue, quoteIdent, quoteLiteral } from '../db';
import { EngineError } from '../errors';

/** Temp tables the measurement and retention queries read: (employee_id, index_date, grp). */
export const GROUPS = '__mi_groups';
export const PARTICIPANTS = 1;
export const COMPARISON = 2;

export interface Population {
  participants: number;
  comparison: number;
  cohorts: CohortSummary[];
  /** People export date: people without a termination date are censored here. */
  asOf: string | null;
}

const list = (values: string[]) => values.map(quoteLiteral).join(', ');

/** Builds the SQL condition restricting an employee ID to people matching the filters (DESIGN §4 `filters`). */
async function peopleFilter(conn: DuckDBConnection, filters: AnalysisConfig['filters']): Promise<(idExpr: string) => string> {
  const entries = Object.entries(filters).filter(([, values]) => values.length > 0);
  if (entries.length === 0) return () => 'TRUE';
  const columns = new Set((await queryRows<{ column_name: string }>(conn, 'SELECT column_name FROM (DESCRIBE people)')).map((r) => r.column_name));
  const conds = entries.map(([col, values]) => {
    if (!columns.has(col) || col === 'employee_id') {
      throw new EngineError('bad_filter', `Cannot filter on "${col}": it is not an attribute of the imported people`);
    }
    return `CAST(${quoteIdent(col)} AS VARCHAR) IN (${list(values)})`;
  });
  return (idExpr) => `${idExpr} IN (SELECT employee_id FROM people WHERE ${conds.join(' AND ')})`;
}

/**
 * Participants: mentees of the selected cohorts, indexed at their earliest start.
 * Comparison: people never in the roster, indexed at the earliest selected cohort start
 * at which they were employed (DESIGN §3).
 */
export async function buildPopulation(conn: DuckDBConnection, config: AnalysisConfig): Promise<Population> {
  const cohortCond = config.cohorts.length ? `cohort IN (${list(config.cohorts)})` : 'TRUE';
  const filter = await peopleFilter(conn, config.filters);
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE __mi_cohorts AS
      SELECT cohort, min(start_date) AS start_date
      FROM roster WHERE role = 'mentee' AND ${cohortCond} GROUP BY cohort;
    CREATE OR REPLACE TEMP TABLE ${GROUPS} AS
      SELECT employee_id, min(start_date) AS index_date, ${PARTICIPANTS} AS grp
      FROM roster WHERE role = 'mentee' AND ${cohortCond} AND ${filter('employee_id')} GROUP BY employee_id
      UNION ALL
      SELECT p.employee_id, min(c.start_date) AS index_date, ${COMPARISON} AS grp
      FROM (SELECT DISTINCT employee_id, hire_date, termination_date FROM people) p
      JOIN __mi_cohorts c ON p.hire_date <= c.start_date AND (p.termination_date IS NULL OR p.termination_date > c.start_date)
      WHERE p.employee_id NOT IN (SELECT employee_id FROM roster) AND ${filter('p.employee_id')}
      GROUP BY p.employee_id;`);
  const cohorts = await queryRows<{ cohort: string; startDate: string; participants: number }>(
    conn,
    `SELECT c.cohort, strftime(c.start_date, '%Y-%m-%d') AS "startDate", count(DISTINCT r.employee_id)::INTEGER AS participants
     FROM __mi_cohorts c LEFT JOIN roster r ON r.cohort = c.cohort AND r.role = 'mentee' AND ${filter('r.employee_id')}
     GROUP BY ALL ORDER BY "startDate", c.cohort`,
  );
  const [counts] = await queryRows<{ p: number; c: number }>(
    conn,
    `SELECT count(*) FILTER (WHERE grp = ${PARTICIPANTS})::INTEGER AS p, count(*) FILTER (WHERE grp = ${COMPARISON})::INTEGER AS c FROM ${GROUPS}`,
  );
  const asOf = await queryValue<string | null>(
    conn,
    `SELECT coalesce(
       (SELECT strftime(as_of_date, '%Y-%m-%d') FROM imports WHERE kind = 'people' AND as_of_date IS NOT NULL ORDER BY import_id DESC LIMIT 1),
       (SELECT strftime(max(greatest(hire_date, coalesce(termination_date, hire_date))), '%Y-%m-%d') FROM people))`,
  );
  return { participants: counts?.p ?? 0, comparison: counts?.c ?? 0, cohorts, asOf: asOf ?? null };
}

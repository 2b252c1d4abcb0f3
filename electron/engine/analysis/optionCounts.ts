import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/analysis';
import type { CohortSummary } from '../../../shared/analysis';
import { queryRows, quoteIdent, quoteLiteral } from '../db';
import type { OptionCount } from './mergedAsOther';
import { COMPARISON, GROUPS, PARTICIPANTS, buildPopulation } from './population';

export interface OptionCounts {
  /** Every cohort (by start date): its mentees, and the comparison people employed at its start. */
  cohorts: (OptionCount & CohortSummary)[];
  /** Per attribute, each recorded value (as text): the mentees and the comparison people holding it. */
  values: Record<string, OptionCount[]>;
}

/**
 * The own numbers of every filter option over the whole project, no filter applied: what
 * selecting that one option alone would give. Leaves the unfiltered population in the
 * temp tables (the caller drops them).
 */
export async function optionCounts(conn: DuckDBConnection, attributes: readonly string[]): Promise<OptionCounts> {
  const population = await buildPopulation(conn, DEFAULT_ANALYSIS_CONFIG);
  const starts = population.cohorts.map((c) => c.startDate);
  const atStart = starts.length
    ? await queryRows<{ i: number; n: number }>(
        conn,
        `SELECT s.i, count(DISTINCT p.employee_id)::INTEGER AS n
         FROM (VALUES ${starts.map((d, i) => `(${i}, DATE ${quoteLiteral(d)})`).join(', ')}) s(i, d)
         JOIN people p ON p.hire_date <= s.d AND (p.termination_date IS NULL OR p.termination_date > s.d)
         WHERE p.employee_id NOT IN (SELECT employee_id FROM roster) GROUP BY s.i`,
      )
    : [];
  const comparisonAt = new Map(atStart.map((r) => [r.i, r.n]));
  const cohorts = population.cohorts.map((c, i) => ({ ...c, value: c.cohort, comparison: comparisonAt.get(i) ?? 0 }));
  const values: Record<string, OptionCount[]> = {};
  for (const column of attributes) {
    values[column] = await queryRows<{ value: string; participants: number; comparison: number }>(
      conn,
      `SELECT v AS value, count(DISTINCT employee_id) FILTER (WHERE grp = ${PARTICIPANTS})::INTEGER AS participants,
              count(DISTINCT employee_id) FILTER (WHERE grp = ${COMPARISON})::INTEGER AS comparison
       FROM (SELECT g.employee_id, g.grp, CAST(p.${quoteIdent(column)} AS VARCHAR) AS v FROM ${GROUPS} g JOIN people p USING (employee_id))
       WHERE v IS NOT NULL GROUP BY v ORDER BY v`,
    );
  }
  return { cohorts, values };
}

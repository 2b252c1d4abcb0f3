/**
 * `listFilterOptions`: what the global filters can offer, straight from the data (no
 * analysis run): every cohort of the roster with its start date and number of mentees,
 * and per people attribute its recorded values (as the filters compare them: as text).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FilterOptionsList } from '../../shared/api';
import { KINDS, NOT_ATTRIBUTES } from '../../shared/kinds';
import { queryRows, quoteIdent } from './db';

/** people columns that are identifiers, dates, outcomes or import traces: never a filter. */
export const NOT_FILTER_COLUMNS: ReadonlySet<string> = new Set([...NOT_ATTRIBUTES, ...KINDS.people.fields.filter((f) => f.type === 'id').map((f) => f.name)]);
/** Values listed per attribute at most (`distinct` still gives the true count). */
export const MAX_LISTED_VALUES = 200;

const DATE_TYPES = /^(DATE|TIME|TIMESTAMP)/i;

export async function listFilterOptions(conn: DuckDBConnection): Promise<FilterOptionsList> {
  // Unfiltered, as population.ts counts them: mentees per cohort, the cohort starting at its earliest start date.
  const cohorts = await queryRows<{ cohort: string; startDate: string; participants: number }>(
    conn,
    `SELECT cohort, strftime(min(start_date), '%Y-%m-%d') AS "startDate", count(DISTINCT employee_id)::INTEGER AS participants
     FROM roster WHERE role = 'mentee' GROUP BY cohort ORDER BY "startDate", cohort`,
  );
  const columns = await queryRows<{ column_name: string; column_type: string }>(conn, 'SELECT column_name, column_type FROM (DESCRIBE people)');
  const attributes: FilterOptionsList['attributes'] = [];
  for (const { column_name: column, column_type: type } of columns) {
    if (NOT_FILTER_COLUMNS.has(column) || DATE_TYPES.test(type)) continue;
    const value = `CAST(${quoteIdent(column)} AS VARCHAR)`;
    const rows = await queryRows<{ v: string; distinct: number }>(
      conn,
      `SELECT v, (count(*) OVER ())::INTEGER AS "distinct" FROM (SELECT DISTINCT ${value} AS v FROM people WHERE ${value} IS NOT NULL AND ${value} <> '')
       ORDER BY v LIMIT ?`,
      [MAX_LISTED_VALUES],
    );
    attributes.push({ column, values: rows.map((r) => r.v), distinct: rows[0]?.distinct ?? 0 });
  }
  return { cohorts, attributes };
}

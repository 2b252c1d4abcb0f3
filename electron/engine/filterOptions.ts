/**
 * `listFilterOptions`: what the global filters can offer, straight from the data (no
 * analysis run): every cohort of the roster with its start date and number of mentees,
 * and per people attribute its recorded values (as the filters compare them: as text).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FilterOptionsList } from '../../shared/api';
import { filterColumns } from './analysis/filterColumns';
import { mergedAsOther } from './analysis/mergedAsOther';
import { optionCounts } from './analysis/optionCounts';
import { TEMP_TABLES } from './analysis/population';
import { queryRows, quoteIdent } from './db';
/** Values listed per attribute at most (`distinct` still gives the true count). */
export const MAX_LISTED_VALUES = 200;

/**
 * Cohorts and values too small to select or leave out on their own (fewer than minGroupSize
 * own participants or comparison people) are listed in `otherCohorts` and each attribute's
 * `other`: the renderer offers them together, as "Other", as the engine accepts them.
 */
export async function listFilterOptions(conn: DuckDBConnection, minGroupSize: number): Promise<FilterOptionsList> {
  const columns = await filterColumns(conn);
  let own;
  try {
    own = await optionCounts(conn, columns);
  } finally {
    await conn.run(TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`).join('; '));
  }
  const attributes: FilterOptionsList['attributes'] = [];
  for (const column of columns) {
    const value = `CAST(${quoteIdent(column)} AS VARCHAR)`;
    const rows = await queryRows<{ v: string; distinct: number }>(
      conn,
      `SELECT v, (count(*) OVER ())::INTEGER AS "distinct" FROM (SELECT DISTINCT ${value} AS v FROM people WHERE ${value} IS NOT NULL AND ${value} <> '')
       ORDER BY v LIMIT ?`,
      [MAX_LISTED_VALUES],
    );
    const other = mergedAsOther(own.values[column] ?? [], minGroupSize).filter((v) => v !== '');
    attributes.push({ column, values: rows.map((r) => r.v), distinct: rows[0]?.distinct ?? 0, other });
  }
  // The cohorts as the unfiltered population counts them: mentees per cohort, starting at its earliest start date.
  const cohorts = own.cohorts.map(({ cohort, startDate, participants }) => ({ cohort, startDate, participants }));
  return { cohorts, otherCohorts: mergedAsOther(own.cohorts, minGroupSize), attributes };
}

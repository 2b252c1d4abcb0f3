/** SQL pieces the import's stages share. */
import { MISSING_TOKENS } from '../../../shared/kinds';
import { quoteLiteral } from '../db';

/** A cell trimmed, and NULL when it is a missing value. */
export const MI_CLEAN = `CREATE OR REPLACE TEMP MACRO mi_clean(v) AS CASE WHEN trim(v) IN (${MISSING_TOKENS.map(quoteLiteral).join(', ')}) THEN NULL ELSE trim(v) END`;

/**
 * Most flags the check pass computes as separate aggregates; above this, as a list per row
 * (flaggedListSql), since DuckDB's planner grows quadratically with the number of aggregates.
 */
export const MAX_AGGREGATE_FLAGS = 64;

/**
 * Per row, the list of base + i for the columns i (of cols) where cond holds, as one lambda
 * over a list of the columns. Thousands of per-column aggregates or expressions
 * (bool_or(…), count(…) FILTER …) make DuckDB's planner quadratic in the number of columns.
 */
export function flaggedListSql(cols: string[], cond: (x: string) => string, base: number): string {
  return cols.length
    ? `list_filter(list_transform([${cols.join(', ')}], (__mi_x, __mi_k) -> CASE WHEN ${cond('__mi_x')} THEN ${base} + __mi_k - 1 END), __mi_y -> __mi_y IS NOT NULL)`
    : '[]::INTEGER[]';
}

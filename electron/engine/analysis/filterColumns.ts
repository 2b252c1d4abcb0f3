import type { DuckDBConnection } from '@duckdb/node-api';
import { KINDS, NOT_ATTRIBUTES } from '../../../shared/kinds';
import { queryRows } from '../db';

/** people columns that are identifiers, dates, outcomes or import traces: never a filter. */
export const NOT_FILTER_COLUMNS: ReadonlySet<string> = new Set([...NOT_ATTRIBUTES, ...KINDS.people.fields.filter((f) => f.type === 'id').map((f) => f.name)]);

const DATE_TYPES = /^(DATE|TIME|TIMESTAMP)/i;

/**
 * The people columns a filter may name, in table order: the people's own stored attributes
 * (department, job level, extra source columns). Never an identifier, a date, an outcome or
 * a column the import adds (import_id, source_line): a filter on those could pick out one
 * person (`source_line = 17`).
 */
export async function filterColumns(conn: DuckDBConnection): Promise<string[]> {
  const columns = await queryRows<{ column_name: string; column_type: string }>(conn, 'SELECT column_name, column_type FROM (DESCRIBE people)');
  return columns.filter((c) => !NOT_FILTER_COLUMNS.has(c.column_name) && !DATE_TYPES.test(c.column_type)).map((c) => c.column_name);
}
